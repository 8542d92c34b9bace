"""Withdraw a campaign: solve its tickets with an internal note, or delete them — exactly once.

`plan_withdrawal()` reads only: it verifies the campaign against the account (core.verify) and
lists the tickets a withdrawal would act on — every ticket of the campaign's customers, or only
each customer's duplicates (the oldest ticket is kept) — or, for a withdrawal already in the
journal, the tickets it still has to do. A dry run is a plan. `run_withdrawal()` journals the plan
(one transaction; a withdrawal of every ticket also marks the campaign `withdrawn`, so it can never
send again) and works through it in bulk jobs: `update_many` or `destroy_many`, 100 tickets each,
several side by side, paced by the account's RateGovernor (the same headroom as sending).

How "every ticket acted on exactly once" holds, as for sending (core/sending.py):

1. Before a bulk request its tickets are marked in flight and that is COMMITTED.
2. The job id is committed when Zendesk answers; the results are committed when the job ends.
3. An uncertain request — a timeout or a connection lost after sending, a 5xx, a crash or kill
   anywhere between 1 and 2, a job Zendesk forgot — leaves its tickets in flight. They are sent
   again only after the account shows they were not acted on: a solved ticket carries the tag
   `proactive_withdrawn` (added by the same update as the note), a deleted one is gone from
   `show_many`. As a lost job may still be queued, the look-up waits until the job can no longer
   be running and must find the ticket untouched twice, `stable_s` apart.

Cancel is checked between every step; every wait is `cancel.wait()`; a cancelled or killed run
resumes with the same command.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from proactive_desktop.core.errors import (
    AuthenticationError,
    CancelledError,
    InputError,
    NetworkError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    ValidationError,
    ZendeskError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.journal import (
    CampaignRecord,
    Journal,
    SendState,
    WithdrawalRecord,
    WithdrawState,
    WithdrawTarget,
    WithdrawTicketRecord,
    WithdrawTicketStatus,
)
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.outage import OutageGuard
from proactive_desktop.core.sending import job_size_to_finish_together
from proactive_desktop.core.verify import OnVerifyProgress, VerifyReport, verify_campaign
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import JobStatus, TicketRef

log = logging.getLogger(__name__)

BULK_LIMIT: Final = 100
WITHDRAWN_TAG: Final = "proactive_withdrawn"
"""Added to every ticket solved by a withdrawal, in the same update as its note: how a resumed
withdrawal knows that an uncertain update was carried out (and for admins' views and reports)."""
WAIT_SLICE_S: Final = 0.25
CONTEXT: Final = "Withdraw"

# System ticket fields are filled by every ticket; only custom required fields block solving.
_SYSTEM_FIELD_TYPES: Final = frozenset(
    {"subject", "description", "status", "tickettype", "priority", "group", "assignee"}
)


class WithdrawAction(StrEnum):
    SOLVE = "solve"
    DELETE = "delete"


class WithdrawScope(StrEnum):
    ALL = "all"
    """Every ticket of the campaign's customers (the campaign becomes `withdrawn`)."""
    DUPLICATES = "duplicates"
    """Each customer's tickets but the oldest: what Verify listed as duplicates."""


_GONE_REASON: Final = QT_TRANSLATE_NOOP("Reasons", "the ticket is no longer in the account")
_ALREADY_DELETED_REASON: Final = QT_TRANSLATE_NOOP("Reasons", "the ticket was already deleted")


def default_note(campaign: str) -> str:
    """The internal note when the admin writes none (English: agents read it in Zendesk)."""
    return f'Withdrawn: this ticket was created by the campaign "{campaign}" by mistake.'


@dataclass(frozen=True, slots=True)
class WithdrawTuning:
    """The withdraw loop's knobs. The defaults fit a real account; tests shorten the waits."""

    max_jobs_in_flight: int = 30
    seconds_per_ticket: float = 0.15
    job_start_allowance_s: float = 5.0
    reconcile_safety: float = 2.0
    stable_s: float = 2.0
    poll_min_s: float = 0.25
    poll_max_s: float = 3.0
    outage_limit_s: float = 120.0
    lease_renew_s: float = 10.0
    progress_interval_s: float = 0.5


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WithdrawOutcome:
    """One ticket of a withdrawal (a row of the result view, of CLI.md's JSON `customers`)."""

    user_id: int | None
    ticket_id: int
    status: str
    """pending, done or failed."""
    reason: str | None = None
    ticket_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "ticket_id": self.ticket_id,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class WithdrawProgress:
    tickets: int
    done: int
    failed: int
    pending: int
    in_flight: int


@dataclass(frozen=True, slots=True)
class TicketsWithdrawn:
    """Outcomes recorded in the journal, one job's worth at a time."""

    outcomes: tuple[WithdrawOutcome, ...]


WithdrawEvent = WithdrawProgress | TicketsWithdrawn
OnWithdrawEvent = Callable[[WithdrawEvent], None]


@dataclass(frozen=True, slots=True)
class WithdrawSummary:
    campaign: str
    action: WithdrawAction
    scope: WithdrawScope
    state: str
    """running (stopped before the end: run it again), finished, or dry_run."""
    tickets: int
    done: int
    failed: int
    pending: int
    customers: tuple[WithdrawOutcome, ...]
    note: str | None = None
    campaign_state: CampaignState | None = None

    @property
    def is_finished(self) -> bool:
        return self.state == WithdrawState.FINISHED and self.pending == 0

    def to_json(self) -> dict[str, Any]:
        """CLI.md's withdraw summary (`scope`, `state`, `pending`, `note` are additions)."""
        return {
            "campaign": self.campaign,
            "action": self.action.value,
            "scope": self.scope.value,
            "state": self.state,
            "tickets": self.tickets,
            "done": self.done,
            "failed": self.failed,
            "pending": self.pending,
            "note": self.note,
            "customers": [each.to_json() for each in self.customers],
        }


@dataclass(frozen=True, slots=True)
class WithdrawPlan:
    """What `run_withdrawal` would do; reads only."""

    campaign: str
    campaign_id: int
    action: WithdrawAction
    scope: WithdrawScope
    note: str | None
    targets: tuple[WithdrawTarget, ...]
    """For a new withdrawal: every ticket it covers (pending ones are acted on)."""
    report: VerifyReport | None = None
    """The verification the targets come from (None when resuming from the journal)."""
    withdrawal_id: int | None = None
    """The journal's withdrawal this plan continues (resume or retry), else None."""
    retries_failed: bool = False
    kept_tickets: Mapping[int, int] = field(default_factory=dict)
    """Customer row id → the ticket a duplicates withdrawal keeps, where the journal differs."""
    required_fields: tuple[str, ...] = ()
    """Custom ticket fields Zendesk requires before solving (solve only): tickets without them
    cannot be solved and are reported as failed."""

    @property
    def ticket_count(self) -> int:
        """How many tickets would be acted on."""
        return sum(1 for t in self.targets if t.status == WithdrawTicketStatus.PENDING)

    @property
    def customer_count(self) -> int:
        return len({t.user_id for t in self.targets if t.status == WithdrawTicketStatus.PENDING})

    @property
    def warnings(self) -> tuple[Message, ...]:
        if self.action is WithdrawAction.SOLVE and self.required_fields:
            return (
                Message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "Withdraw",
                        "Zendesk solves a ticket only when its required fields are filled "
                        "({fields}): tickets without them will fail. Deleting works for every "
                        "ticket.",
                    ),
                    {"fields": ", ".join(self.required_fields)},
                ),
            )
        return ()

    def confirmation(self) -> Message:
        """The sentence to confirm before running: the count, and that email cannot be undone."""
        source = (
            QT_TRANSLATE_NOOP(
                "Withdraw",
                'Solve {count} ticket(s) of the campaign "{campaign}" with an internal note? '
                "Customers who already got the email cannot be un-emailed.",
            )
            if self.action is WithdrawAction.SOLVE
            else QT_TRANSLATE_NOOP(
                "Withdraw",
                'Delete {count} ticket(s) of the campaign "{campaign}"? Zendesk keeps deleted '
                "tickets recoverable for 30 days. Customers who already got the email cannot be "
                "un-emailed.",
            )
        )
        return Message(CONTEXT, source, {"count": self.ticket_count, "campaign": self.campaign})

    def summary(self, ticket_url: Callable[[int], str]) -> WithdrawSummary:
        """The dry run's summary: every ticket as it would start."""
        customers = tuple(
            WithdrawOutcome(t.user_id, t.ticket_id, t.status, t.reason, ticket_url(t.ticket_id))
            for t in self.targets
        )
        return _summary_of(
            self.campaign, self.action, self.scope, "dry_run", customers, note=self.note
        )


class WithdrawInputError(InputError):
    """A withdrawal that cannot be started as asked (another one is under way, …)."""


# -- planning ---------------------------------------------------------------------------------


def plan_withdrawal(
    client: ZendeskClient,
    journal: Journal,
    record: CampaignRecord,
    action: WithdrawAction,
    *,
    scope: WithdrawScope = WithdrawScope.ALL,
    note: str | None = None,
    cancel: threading.Event | None = None,
    on_progress: OnVerifyProgress | None = None,
) -> WithdrawPlan:
    """The tickets a withdrawal acts on; reads only (journal and account)."""
    cancel = cancel or threading.Event()
    if action is WithdrawAction.DELETE and note:
        raise WithdrawInputError(
            QT_TRANSLATE_NOOP("Errors", "A note goes with solving: deleted tickets keep no note.")
        )
    withdrawals = journal.withdrawals(record.id)
    running = next((w for w in withdrawals if w.state == WithdrawState.RUNNING), None)
    if running is not None:
        if (running.action, running.scope) != (action.value, scope.value):
            raise WithdrawInputError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'A withdrawal of campaign "{campaign}" ({action}, {scope}) is not finished: '
                    "run it again to finish it before starting another one.",
                ),
                campaign=record.name,
                action=running.action,
                scope=running.scope,
            )
        return _continuing(journal, record, running, action, scope, retries_failed=False)
    latest = next(
        (w for w in withdrawals if (w.action, w.scope) == (action.value, scope.value)), None
    )
    if latest is not None and scope is WithdrawScope.ALL:
        # Withdrawing everything again: retry what failed (nothing else is left to do).
        return _continuing(journal, record, latest, action, scope, retries_failed=True)

    report = verify_campaign(client, journal, record, cancel=cancel, on_progress=on_progress)
    # Tickets an earlier withdrawal deleted are gone; ones it solved are not solved twice.
    acted_on = journal.withdrawn_ticket_ids(record.id, WithdrawAction.DELETE.value)
    acted_on |= journal.withdrawn_ticket_ids(record.id, action.value)
    targets: list[WithdrawTarget] = []
    kept: dict[int, int] = {}
    if scope is WithdrawScope.ALL:
        for user_id, tickets in report.account_tickets.items():
            targets.extend(WithdrawTarget(user_id, t.id) for t in tickets if t.id not in acted_on)
        for missing in report.missing:
            if missing.ticket_id in acted_on:
                continue
            if action is WithdrawAction.DELETE:
                status, reason = WithdrawTicketStatus.DONE, _ALREADY_DELETED_REASON
            else:
                status, reason = WithdrawTicketStatus.FAILED, _GONE_REASON
            targets.append(WithdrawTarget(missing.user_id, missing.ticket_id, status, reason))
    else:
        rows = {c.user_id: c for c in journal.iter_customers(record.id) if c.user_id is not None}
        for duplicate in report.duplicates:
            keep = duplicate.kept_ticket_id
            targets.extend(
                WithdrawTarget(duplicate.user_id, ticket_id)
                for ticket_id in duplicate.ticket_ids[1:]
                if ticket_id not in acted_on
            )
            row = rows.get(duplicate.user_id)
            if row is not None and row.ticket_id != keep:
                kept[row.id] = keep
    targets.sort(key=lambda t: t.ticket_id)
    return WithdrawPlan(
        campaign=record.name,
        campaign_id=record.id,
        action=action,
        scope=scope,
        note=_note_for(action, note, record.name),
        targets=tuple(targets),
        report=report,
        kept_tickets=kept,
        required_fields=_required_fields(client) if action is WithdrawAction.SOLVE else (),
    )


def _continuing(
    journal: Journal,
    record: CampaignRecord,
    withdrawal: WithdrawalRecord,
    action: WithdrawAction,
    scope: WithdrawScope,
    *,
    retries_failed: bool,
) -> WithdrawPlan:
    targets = tuple(
        WithdrawTarget(
            t.user_id,
            t.ticket_id,
            WithdrawTicketStatus.PENDING
            if retries_failed and t.status == WithdrawTicketStatus.FAILED
            else t.status,
            t.reason,
        )
        for t in journal.withdraw_tickets(withdrawal.id)
    )
    return WithdrawPlan(
        campaign=record.name,
        campaign_id=record.id,
        action=action,
        scope=scope,
        note=withdrawal.note,
        targets=targets,
        withdrawal_id=withdrawal.id,
        retries_failed=retries_failed,
    )


def _note_for(action: WithdrawAction, note: str | None, campaign: str) -> str | None:
    if action is not WithdrawAction.SOLVE:
        return None
    text = (note or "").strip()
    return text or default_note(campaign)


def _required_fields(client: ZendeskClient) -> tuple[str, ...]:
    return tuple(
        f.title
        for f in client.ticket_fields()
        if f.required and f.active and f.type not in _SYSTEM_FIELD_TYPES
    )


# -- running ----------------------------------------------------------------------------------


def run_withdrawal(
    client: ZendeskClient,
    journal: Journal,
    record: CampaignRecord,
    plan: WithdrawPlan,
    *,
    on_event: OnWithdrawEvent | None = None,
    cancel: threading.Event | None = None,
    tuning: WithdrawTuning | None = None,
) -> WithdrawSummary:
    """Journal the plan (if new) and act on its tickets; a summary whose state says whether
    it finished (`finished`) or stopped (`running`: run it again to resume).

    Raises the ZendeskError that made it stop (authentication, permission, a long outage);
    the journal is consistent in every case.
    """
    cancel = cancel or threading.Event()
    emit = _guarded(on_event)
    if record.url != client.base_url:
        raise WithdrawInputError(
            QT_TRANSLATE_NOOP("Errors", 'Campaign "{name}" belongs to {url}, not to {other}.'),
            name=record.name,
            url=record.url,
            other=client.base_url,
        )
    owner = journal.claim_campaign(record.id)
    try:
        withdrawal_id = plan.withdrawal_id
        if withdrawal_id is None:
            withdrawal_id = journal.create_withdrawal(
                record.id,
                action=plan.action.value,
                scope=plan.scope.value,
                note=plan.note,
                targets=plan.targets,
                campaign_state=CampaignState.WITHDRAWN if plan.scope is WithdrawScope.ALL else None,
                kept_tickets=plan.kept_tickets,
            )
        elif plan.retries_failed:
            journal.reset_failed_withdraw(withdrawal_id)
        withdrawal = journal.withdrawal(withdrawal_id)
        if withdrawal.scope == WithdrawScope.ALL and record.state is not CampaignState.WITHDRAWN:
            journal.set_state(record.id, CampaignState.WITHDRAWN)
        runner = _WithdrawRunner(
            client,
            journal,
            withdrawal,
            on_event=emit,
            cancel=cancel,
            tuning=tuning or WithdrawTuning(),
            lease=(record.id, owner),
        )
        if runner.run():
            journal.set_withdrawal_state(withdrawal_id, WithdrawState.FINISHED)
    finally:
        journal.release_campaign(record.id, owner)
    summary = withdrawal_summary(
        journal, record, journal.withdrawal(withdrawal_id), client.ticket_url
    )
    assert summary is not None  # the withdrawal was given
    return summary


def withdrawal_summary(
    journal: Journal,
    record: CampaignRecord,
    withdrawal: WithdrawalRecord | None = None,
    ticket_url: Callable[[int], str] | None = None,
) -> WithdrawSummary | None:
    """A withdrawal's summary from the journal alone (default: the campaign's latest one)."""
    if withdrawal is None:
        withdrawals = journal.withdrawals(record.id)
        if not withdrawals:
            return None
        withdrawal = withdrawals[0]
    link = ticket_url or (lambda ticket_id: f"{record.url}/agent/tickets/{ticket_id}")
    customers = tuple(_outcome(t, link) for t in journal.withdraw_tickets(withdrawal.id))
    return _summary_of(
        record.name,
        WithdrawAction(withdrawal.action),
        WithdrawScope(withdrawal.scope),
        withdrawal.state,
        customers,
        note=withdrawal.note,
        campaign_state=journal.campaign(record.id).state,
    )


def _summary_of(
    campaign: str,
    action: WithdrawAction,
    scope: WithdrawScope,
    state: str,
    customers: tuple[WithdrawOutcome, ...],
    *,
    note: str | None,
    campaign_state: CampaignState | None = None,
) -> WithdrawSummary:
    def count(status: str) -> int:
        return sum(1 for c in customers if c.status == status)

    return WithdrawSummary(
        campaign=campaign,
        action=action,
        scope=scope,
        state=state,
        tickets=len(customers),
        done=count(WithdrawTicketStatus.DONE),
        failed=count(WithdrawTicketStatus.FAILED),
        pending=count(WithdrawTicketStatus.PENDING),
        customers=customers,
        note=note,
        campaign_state=campaign_state,
    )


def _outcome(ticket: WithdrawTicketRecord, link: Callable[[int], str]) -> WithdrawOutcome:
    return WithdrawOutcome(
        ticket.user_id, ticket.ticket_id, ticket.status, ticket.reason, link(ticket.ticket_id)
    )


def _guarded(on_event: OnWithdrawEvent | None) -> OnWithdrawEvent:
    def call(event: WithdrawEvent) -> None:
        if on_event is None:
            return
        try:
            on_event(event)
        except Exception:  # the caller's bug must not break exactly-once: log it and go on
            log.exception("The withdraw progress callback raised; ignored")

    return call


class _Stopped(Exception):
    """Cancel was set inside the loop; the journal is consistent."""


@dataclass(slots=True)
class _OpenJob:
    batch_id: int
    job_id: str
    rows: tuple[int, ...]
    submitted_at: float | None = None
    """When this run submitted it (None: adopted from an earlier run, not measured)."""
    misses: int = 0


@dataclass(slots=True)
class _Uncertain:
    rows: set[int]
    quiet_at: float
    """Wall-clock time after which the lost request can no longer change a ticket."""
    misses: dict[int, int] = field(default_factory=dict)
    next_lookup_at: float = 0.0


class _WithdrawRunner:
    """Acts on the pending tickets of one journaled withdrawal until none is left."""

    def __init__(
        self,
        client: ZendeskClient,
        journal: Journal,
        withdrawal: WithdrawalRecord,
        *,
        on_event: OnWithdrawEvent,
        cancel: threading.Event,
        tuning: WithdrawTuning,
        lease: tuple[int, str],
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._journal = journal
        self._withdrawal = withdrawal
        self._action = WithdrawAction(withdrawal.action)
        self._on_event = on_event
        self._cancel = cancel
        self._tuning = tuning
        self._lease = lease
        self._clock = clock
        self._wall = wall_clock
        self._open_jobs: dict[str, _OpenJob] = {}
        self._uncertain: list[_Uncertain] = []
        self._slots = max(1, tuning.max_jobs_in_flight)
        self._seconds_per_ticket = tuning.seconds_per_ticket
        self._measured_jobs = 0
        self._next_poll_at = 0.0
        self._outage = OutageGuard(
            client.governor, cancel, outage_limit_s=tuning.outage_limit_s, clock=clock
        )
        self._last_progress_at = float("-inf")
        self._last_lease_at = clock()
        self._changes: dict[str, Any] = {
            "status": "solved",
            "comment": {"body": withdrawal.note or "", "public": False},
            "additional_tags": [WITHDRAWN_TAG],
        }

    def run(self) -> bool:
        """True when every ticket is recorded; False when cancelled first."""
        try:
            self._adopt_open_batches()
            self._progress(force=True)
            while True:
                self._check_cancel()
                self._renew_lease()
                if self._step():
                    self._progress()
                    continue
                if not (self._open_jobs or self._uncertain or self._sendable(1)):
                    self._progress(force=True)
                    return True
                self._wait(self._next_wakeup() - self._clock())
        except _Stopped:
            self._progress(force=True)
            return False

    def _step(self) -> bool:
        now = self._clock()
        if self._open_jobs and now >= self._next_poll_at:
            self._poll()
            return True
        due = [u for u in self._uncertain if self._is_due(u)]
        if due:
            self._reconcile(due)
            return True
        if len(self._open_jobs) < self._slots:
            return self._submit()
        return False

    def _sendable(self, limit: int) -> list[WithdrawTicketRecord]:
        return self._journal.sendable_withdraw_tickets(self._withdrawal.id, limit)

    def _next_wakeup(self) -> float:
        now = self._clock()
        candidates = [now + self._tuning.poll_max_s]
        if self._open_jobs:
            candidates.append(self._next_poll_at)
        wall_now = self._wall()
        for item in self._uncertain:
            at = max(item.quiet_at, item.next_lookup_at)
            candidates.append(now + max(0.0, at - wall_now))
        return min(candidates)

    def _wait(self, seconds: float) -> None:
        remaining = max(0.0, seconds)
        while remaining > 0:
            if self._cancel.wait(min(remaining, WAIT_SLICE_S)):
                raise _Stopped
            remaining -= WAIT_SLICE_S

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise _Stopped

    def _renew_lease(self) -> None:
        now = self._clock()
        if now - self._last_lease_at >= self._tuning.lease_renew_s:
            self._journal.renew_lease(*self._lease)
            self._last_lease_at = now

    # -- resuming ------------------------------------------------------------------------------

    def _adopt_open_batches(self) -> None:
        """Requests left in flight by an earlier run (crash, kill, cancel): poll or reconcile."""
        for batch in self._journal.open_withdraw_batches(self._withdrawal.id):
            if batch.job_id and batch.state == SendState.ACCEPTED:
                self._open_jobs[batch.job_id] = _OpenJob(batch.id, batch.job_id, batch.ticket_rows)
            else:
                self._add_uncertain(batch.ticket_rows, self._quiet_at(batch.size, batch.sent_at))

    # -- bulk requests -------------------------------------------------------------------------

    def _job_size(self) -> int:
        """Size the next job so that the jobs filling the free slots finish about together.

        The same model as sending's (core/sending.py, `_job_size`): the free slots are filled
        one request apart, so job j of F gets (T − j·interval) / t tickets, t the time per
        ticket and T the common finishing time that makes them add up to what is left. 300
        tickets become 30 jobs of 10 (about 7 s) rather than 3 of 100 (15 s); beyond 30 × 100
        every job is full.
        """
        pending = self._journal.withdraw_counts(self._withdrawal.id)
        sendable = pending[WithdrawTicketStatus.PENDING] - pending["in_flight"]
        free = min(self._slots - len(self._open_jobs), sendable)
        if sendable <= 0 or free <= 0:
            return 0
        return job_size_to_finish_together(
            sendable,
            free,
            seconds_per_ticket=self._seconds_per_ticket,
            spacing_s=60.0 / max(self._client.governor.budget_per_minute, 1.0),
            max_size=BULK_LIMIT,
        )

    def _submit(self) -> bool:
        size = self._job_size()
        if size == 0:
            return False
        candidates = self._sendable(size)
        if not candidates:
            return False
        batch = self._journal.start_withdraw_batch(self._withdrawal.id, [t.id for t in candidates])
        if not batch.ticket_rows:
            return False
        if self._cancel.is_set():
            self._journal.release_withdraw_batch(batch.id)
            raise _Stopped
        by_row = {t.id: t for t in candidates}
        ticket_ids = [by_row[row].ticket_id for row in batch.ticket_rows]
        try:
            if self._action is WithdrawAction.SOLVE:
                job = self._client.update_many_tickets(ticket_ids, self._changes)
            else:
                job = self._client.destroy_many_tickets(ticket_ids)
        except CancelledError:
            self._journal.release_withdraw_batch(batch.id)
            raise _Stopped from None
        except (ServerError, NetworkError) as error:
            if isinstance(error, NetworkError) and not error.maybe_sent:
                self._journal.release_withdraw_batch(batch.id)
            else:
                log.warning(
                    "%s of %d ticket(s) uncertain (%s); reconciling before any resend",
                    self._action.value,
                    batch.size,
                    type(error).__name__,
                )
                self._journal.mark_withdraw_uncertain(batch.id)
                self._add_uncertain(batch.ticket_rows, self._quiet_at(batch.size, batch.sent_at))
            self._transient_failure(error)
            return True
        except RateLimitedError as error:
            # Not processed (perhaps too many jobs queued on the account): fewer slots.
            self._journal.release_withdraw_batch(batch.id)
            self._slots = max(1, len(self._open_jobs))
            self._transient_failure(error)
            return True
        except ValidationError as error:
            reason = error.details or str(error)
            self._record([(row, WithdrawTicketStatus.FAILED, reason) for row in batch.ticket_rows])
            return True
        except (AuthenticationError, PermissionDeniedError):
            self._journal.release_withdraw_batch(batch.id)
            raise
        except ZendeskError:
            self._journal.mark_withdraw_uncertain(batch.id)
            self._add_uncertain(batch.ticket_rows, self._quiet_at(batch.size, batch.sent_at))
            raise
        self._journal.record_withdraw_job(batch.id, job.id)
        self._succeeded()
        self._open_jobs[job.id] = _OpenJob(batch.id, job.id, batch.ticket_rows, self._clock())
        self._schedule_poll()
        return True

    def _schedule_poll(self) -> None:
        """Poll when the soonest open job should be done, but not more often than a small share
        of the budget allows (submitting comes first while slots are free)."""
        if not self._open_jobs:
            return
        now = self._clock()
        interval = 60.0 / max(self._client.governor.budget_per_minute, 1.0)
        soonest = min(
            (job.submitted_at if job.submitted_at is not None else now)
            + len(job.rows) * self._seconds_per_ticket
            for job in self._open_jobs.values()
        )
        floor = now + max(self._tuning.poll_min_s, 3 * interval)
        self._next_poll_at = min(max(soonest, floor), now + self._tuning.poll_max_s)

    def _poll(self) -> None:
        ids = list(self._open_jobs)
        try:
            statuses = self._client.job_statuses(ids)
        except CancelledError:
            raise _Stopped from None
        except (ServerError, NetworkError, RateLimitedError) as error:
            self._transient_failure(error)
            self._next_poll_at = self._clock() + self._tuning.poll_min_s
            return
        self._succeeded()
        seen = {status.id: status for status in statuses}
        for job_id in ids:
            job = self._open_jobs[job_id]
            status = seen.get(job_id)
            if status is None:
                job.misses += 1
                if job.misses >= 2:
                    log.warning("Job %s is no longer known; reconciling its tickets", job_id)
                    del self._open_jobs[job_id]
                    self._journal.mark_withdraw_uncertain(job.batch_id)
                    self._add_uncertain(job.rows, self._quiet_at(len(job.rows), self._wall()))
                continue
            job.misses = 0
            if status.is_finished:
                del self._open_jobs[job_id]
                self._measure(job)
                self._finish_job(job, status)
        self._schedule_poll()

    def _measure(self, job: _OpenJob) -> None:
        """Learn the time per ticket from a finished job (an upper bound: polls are coarse)."""
        if job.submitted_at is None or len(job.rows) < 5:
            return
        observed = max(0.0, self._clock() - job.submitted_at) / len(job.rows)
        self._measured_jobs += 1
        if self._measured_jobs == 1:
            self._seconds_per_ticket = observed
        else:
            self._seconds_per_ticket = 0.7 * self._seconds_per_ticket + 0.3 * observed

    def _finish_job(self, job: _OpenJob, status: JobStatus) -> None:
        rows = self._journal.withdraw_tickets(self._withdrawal.id, job.rows)
        row_by_ticket = {t.ticket_id: t.id for t in rows}
        results: list[tuple[int, str, str | None]] = []
        answered: set[int] = set()
        for result in status.results:
            row = row_by_ticket.get(result.record_id) if result.record_id is not None else None
            if row is None or row in answered:
                continue
            answered.add(row)
            if not (result.error or result.details):
                results.append((row, WithdrawTicketStatus.DONE, None))
            elif self._is_not_found(result.error, result.details):
                if self._action is WithdrawAction.DELETE:
                    results.append((row, WithdrawTicketStatus.DONE, _ALREADY_DELETED_REASON))
                else:
                    results.append((row, WithdrawTicketStatus.FAILED, _GONE_REASON))
            else:
                reason = result.details or result.error or ""
                results.append((row, WithdrawTicketStatus.FAILED, reason))
        self._record(results)
        unanswered = [row for row in job.rows if row not in answered]
        if unanswered:
            log.warning(
                "Job %s ended %s without a result for %d ticket(s); reconciling them",
                job.job_id,
                status.status,
                len(unanswered),
            )
            self._journal.mark_withdraw_uncertain(job.batch_id)
            # A finished job changes nothing more; still look twice, `stable_s` apart.
            self._add_uncertain(unanswered, self._wall())

    @staticmethod
    def _is_not_found(error: str | None, details: str | None) -> bool:
        text = f"{error or ''} {details or ''}".lower()
        return "notfound" in text.replace(" ", "") or "not found" in text

    # -- reconciling ---------------------------------------------------------------------------

    def _quiet_at(self, size: int, sent_at: float) -> float:
        """When a lost request of `size` tickets can no longer change one (wall clock); counted
        from now, since a dead process can only have sent it before now."""
        base = max(self._wall(), sent_at)
        run_s = size * self._tuning.seconds_per_ticket * self._tuning.reconcile_safety
        return base + self._tuning.job_start_allowance_s + run_s

    def _add_uncertain(self, rows: Iterable[int], quiet_at: float) -> None:
        ids = set(rows)
        if ids:
            self._uncertain.append(_Uncertain(ids, quiet_at))

    def _is_due(self, item: _Uncertain) -> bool:
        now = self._wall()
        return now >= item.quiet_at and now >= item.next_lookup_at

    def _reconcile(self, due: Sequence[_Uncertain]) -> None:
        """Look the tickets up: record those acted on, release those surely untouched."""
        rows = self._journal.withdraw_tickets(
            self._withdrawal.id, sorted({r for item in due for r in item.rows})
        )
        in_flight = [t for t in rows if t.is_in_flight]
        try:
            present: dict[int, TicketRef] = {
                t.id: t
                for t in self._client.show_many_tickets(
                    [t.ticket_id for t in in_flight], cancel=self._cancel
                )
            }
        except CancelledError:
            raise _Stopped from None
        except (ServerError, NetworkError, RateLimitedError) as error:
            self._transient_failure(error)
            for item in due:
                item.next_lookup_at = self._wall() + self._tuning.stable_s
            return
        self._succeeded()
        results: list[tuple[int, str, str | None]] = []
        untouched: set[int] = set()
        for ticket in in_flight:
            found = present.get(ticket.ticket_id)
            if self._action is WithdrawAction.DELETE:
                if found is None:
                    results.append((ticket.id, WithdrawTicketStatus.DONE, None))
                else:
                    untouched.add(ticket.id)
            elif found is None:
                results.append((ticket.id, WithdrawTicketStatus.FAILED, _GONE_REASON))
            elif WITHDRAWN_TAG in found.tags:
                results.append((ticket.id, WithdrawTicketStatus.DONE, None))
            else:
                untouched.add(ticket.id)
        if results:
            log.info("Reconciled %d ticket(s) that were acted on", len(results))
        self._record(results)
        released: list[int] = []
        now = self._wall()
        for item in list(due):
            item.rows &= untouched
            for row in list(item.rows):
                misses = item.misses.get(row, 0) + 1
                item.misses[row] = misses
                if misses >= 2:
                    released.append(row)
                    item.rows.discard(row)
            item.next_lookup_at = now + self._tuning.stable_s
            if not item.rows:
                self._uncertain.remove(item)
        if released:
            log.info("Reconciled %d ticket(s) not acted on; sending them again", len(released))
            self._journal.release_withdraw_tickets(released)

    # -- recording -----------------------------------------------------------------------------

    def _record(self, results: Sequence[tuple[int, str, str | None]]) -> None:
        if not results:
            return
        self._journal.record_withdraw_results(results)
        records = self._journal.withdraw_tickets(self._withdrawal.id, [r[0] for r in results])
        link = self._client.ticket_url
        self._on_event(TicketsWithdrawn(tuple(_outcome(t, link) for t in records)))
        self._progress(force=True)

    def _progress(self, *, force: bool = False) -> None:
        now = self._clock()
        if not force and now - self._last_progress_at < self._tuning.progress_interval_s:
            return
        self._last_progress_at = now
        counts = self._journal.withdraw_counts(self._withdrawal.id)
        done = counts[WithdrawTicketStatus.DONE]
        failed = counts[WithdrawTicketStatus.FAILED]
        pending = counts[WithdrawTicketStatus.PENDING]
        self._on_event(
            WithdrawProgress(done + failed + pending, done, failed, pending, counts["in_flight"])
        )

    # -- failures ------------------------------------------------------------------------------

    def _succeeded(self) -> None:
        self._outage.succeeded()

    def _transient_failure(self, error: ZendeskError) -> None:
        """Back off after a failure that may pass; raise it after a long outage."""
        if not self._outage.failed(error):
            raise _Stopped
