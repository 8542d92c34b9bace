"""What the campaign engine tells its caller while it works, and the per-customer outcome.

Events are frozen dataclasses handed to a plain `on_event` callback (docs/ARCHITECTURE.md,
"Threads"): the wizard turns them into Qt signals, the command line into stderr progress. They are
immutable and safe to pass between threads. `guarded()` wraps a caller's callback so that it can
never raise into the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.core.rate import WaitReason

log = logging.getLogger(__name__)


class Phase(StrEnum):
    RESOLVING = "resolving"
    """Finding the recipients and loading their fields."""
    RENDERING = "rendering"
    """Rendering each customer's ticket."""
    JOURNALING = "journaling"
    """Writing the campaign and every customer to the journal."""
    RECONCILING = "reconciling"
    """Checking the account for tickets whose creation was uncertain."""
    SENDING = "sending"
    """Creating tickets."""
    WAITING_FOR_LOST = "waiting_for_lost"
    """Nothing else to do but wait: Zendesk still has a queued or working job that may hold the
    tickets whose answer was lost; they are looked up (and only then resent) once none has."""
    APPLYING_MACRO = "applying_macro"
    """Adding the macro's comment to the created tickets."""
    CREATING_VIEW = "creating_view"
    FINISHED = "finished"
    STOPPED = "stopped"
    SCHEDULED = "scheduled"
    """What was due is sent; the rest waits for its window, day or capacity."""


@dataclass(frozen=True, slots=True)
class CustomerOutcome:
    """Where one customer of a campaign stands (a row of the Send page, of CLI.md's JSON)."""

    user_id: int | None
    email: str | None
    name: str
    status: CustomerStatus
    ticket_id: int | None = None
    ticket_url: str | None = None
    reason: str | None = None
    organization: str | None = None
    new_customer: bool = False
    """Not in Zendesk before: created with the ticket (`user_id` None until then)."""
    language: str | None = None
    """The translation the ticket is rendered with (None: the main text)."""

    def to_json(self) -> dict[str, object]:
        """CLI.md's customer object (`name` and `ticket_url` are additions); `new_customer`
        and `language` appear only when they apply."""
        result: dict[str, object] = {
            "user_id": self.user_id,
            "email": self.email,
            "name": self.name,
            "status": self.status.value,
            "ticket_id": self.ticket_id,
            "ticket_url": self.ticket_url,
            "reason": self.reason,
        }
        if self.new_customer:
            result["new_customer"] = True
        if self.language is not None:
            result["language"] = self.language
        return result


@dataclass(frozen=True, slots=True)
class ProgressCounts:
    total: int
    created: int
    failed: int
    skipped: int
    pending: int
    """Not sent yet (no request of theirs can have created a ticket)."""
    in_flight: int = 0
    """In a request that may have created their ticket, until its outcome is confirmed."""

    @property
    def done(self) -> int:
        return self.created + self.failed + self.skipped


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    phase: Phase


@dataclass(frozen=True, slots=True)
class ResolveProgress:
    loaded: int
    total: int | None
    """None while the total is not known yet."""


@dataclass(frozen=True, slots=True)
class MatchingPlanned:
    """How a CSV list's emails will be matched, told before matching starts (it may be long)."""

    emails: int
    """Distinct addresses to match."""
    strategy: str
    """`per_email` (one look-up each) or `export` (one pass over the account's users)."""
    requests: int
    estimated_seconds: float
    account_users: int | None = None


@dataclass(frozen=True, slots=True)
class SendProgress:
    counts: ProgressCounts
    rate_per_minute: float
    """Customers finished (created or failed) per minute, measured over the recent past."""
    eta_s: float | None
    """Seconds left, or None until there is enough to measure."""


@dataclass(frozen=True, slots=True)
class JobsWaiting:
    """What the send is waiting for in Zendesk's queue (sent when it changes; zeros: nothing).

    `lost_tickets`: tickets whose create_many answer was lost while the account still has a
    queued or working job that may hold them. `queued_jobs`: this run's own jobs that stay
    queued or working past their expected time (polled less and less often).
    """

    lost_tickets: int
    queued_jobs: int


@dataclass(frozen=True, slots=True)
class CustomerUpdated:
    """Outcomes recorded in the journal, batched as they arrived (one job, one answer)."""

    outcomes: tuple[CustomerOutcome, ...]


@dataclass(frozen=True, slots=True)
class Waiting:
    """A wait of more than a couple of seconds starts: why, and for how long."""

    reason: WaitReason
    seconds: float


CampaignEvent = (
    PhaseChanged
    | ResolveProgress
    | SendProgress
    | CustomerUpdated
    | MatchingPlanned
    | JobsWaiting
    | Waiting
)
OnEvent = Callable[[CampaignEvent], None]


def ignore_events(event: CampaignEvent) -> None:
    """An `on_event` for callers that want no progress."""
    del event


def guarded(on_event: OnEvent) -> OnEvent:
    """`on_event` that logs and swallows whatever the caller's callback raises.

    The engine is between "sent" and "recorded" when it reports; a callback error must not
    leave a journal entry unwritten or a cancel unhonoured.
    """

    def call(event: CampaignEvent) -> None:
        try:
            on_event(event)
        except Exception:  # the caller's bug must not break exactly-once: log it and go on
            log.exception("The progress callback raised on %s; ignored", type(event).__name__)

    return call
