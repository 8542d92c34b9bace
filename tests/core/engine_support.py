"""Shared set-up for the engine tests: a client on a sandbox, customers, a campaign, the oracle."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from proactive_desktop.core.engine import CampaignEngine, CampaignSummary
from proactive_desktop.core.journal import Journal
from proactive_desktop.core.models import (
    CampaignSpec,
    ConnectionSpec,
    Customer,
    CustomerStatus,
    RecipientSpec,
    TicketSpec,
    ViewSpec,
)
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN

# Waits sized for the tests' fast sandbox jobs (milliseconds per ticket): the exactly-once
# argument does not depend on them, only how long an uncertain job is waited for.
FAST = SendTuning(
    seconds_per_ticket=0.01,
    job_start_allowance_s=0.5,
    reconcile_safety=3.0,
    stable_s=0.3,
    single_quiet_s=0.2,
    poll_min_s=0.05,
    poll_max_s=0.3,
    poll_ceiling_s=1.0,
    lost_request_grace_s=0.2,
    lost_job_poll_max_s=0.5,
    outage_limit_s=20.0,
    progress_interval_s=0.05,
    # The sandbox of these tests has no update limit; the pacing itself is the same code.
    update_limit_per_minute=3000,
)


class FastForward:
    """Time for the governor that skips most of each wait: backoffs of 1, 2, 4 … s after
    injected faults pass in milliseconds, while still waiting a little, in real time."""

    REAL_SHARE = 0.02

    def __init__(self) -> None:
        self._skipped = 0.0
        self._lock = threading.Lock()

    def clock(self) -> float:
        with self._lock:
            return time.monotonic() + self._skipped

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        if cancel.wait(seconds * self.REAL_SHARE):
            return False
        with self._lock:
            self._skipped += seconds * (1 - self.REAL_SHARE)
        return True


def make_client(
    url: str,
    *,
    email: str = DEMO_EMAIL,
    cancel: threading.Event | None = None,
    headroom: float = 0.2,
    timeout: tuple[float, float] = (2.0, 5.0),
    real_time: bool = False,
) -> ZendeskClient:
    """A client on the sandbox; unless `real_time`, its governor fast-forwards its waits."""
    if real_time:
        governor = RateGovernor(headroom=headroom)
    else:
        skip = FastForward()
        governor = RateGovernor(headroom=headroom, clock=skip.clock, wait=skip.wait)
    return ZendeskClient(
        url,
        ApiTokenAuth(email, Secret(DEMO_TOKEN)),
        governor=governor,
        cancel=cancel,
        timeout=timeout,
    )


def end_users(client: ZendeskClient, count: int) -> list[Customer]:
    """`count` active, unsuspended end-users of the sandbox, in a stable order."""
    found: list[Customer] = []
    for page in client.export_users("type:user role:end-user"):
        found.extend(c for c in page if c.role == "end-user" and not c.suspended and c.active)
        if len(found) >= count:
            break
    found.sort(key=lambda c: c.id)
    return found[:count]


def make_spec(
    url: str,
    name: str,
    customers: Sequence[Customer],
    *,
    email: str = DEMO_EMAIL,
    view: bool = False,
    **ticket: Any,
) -> CampaignSpec:
    values: dict[str, Any] = {"subject": "Hello {{user.first_name}}", "body": "Your **plan**."}
    values.update(ticket)
    return CampaignSpec(
        connection=ConnectionSpec(url=url, email=email),
        name=name,
        recipients=RecipientSpec(user_ids=tuple(sorted(c.id for c in customers))),
        ticket=TicketSpec(**values),
        view=ViewSpec(create=view),
    )


def engine_for(
    client: ZendeskClient, journal: Journal, tuning: SendTuning = FAST
) -> CampaignEngine:
    return CampaignEngine(client, journal, tuning=tuning)


def assert_exactly_once(
    tickets: Sequence[dict[str, Any]],
    tag: str,
    customers: Sequence[Customer],
    summary: CampaignSummary | None = None,
) -> None:
    """The oracle: one ticket per customer carrying the tag, none missing, none twice."""
    ours = [t for t in tickets if tag in (t.get("tags") or [])]
    per_requester = Counter(t["requester_id"] for t in ours)
    duplicates = {user: n for user, n in per_requester.items() if n > 1}
    assert not duplicates, f"duplicate tickets: {duplicates}"
    expected = {c.id for c in customers}
    missing = expected - set(per_requester)
    assert not missing, f"{len(missing)} customer(s) without a ticket"
    assert set(per_requester) == expected
    if summary is not None:
        created = {
            o.user_id: o.ticket_id for o in summary.customers if o.status is CustomerStatus.CREATED
        }
        assert created == {t["requester_id"]: t["id"] for t in ours}
        assert summary.pending == 0


def journal_at(folder: Path) -> Journal:
    return Journal(folder / "journal.sqlite3")


def send_to(
    engine: CampaignEngine,
    spec: CampaignSpec,
    customers: Sequence[Customer],
    **options: Any,
) -> CampaignSummary:
    """Plan with the given customers (the wizard's path), then send."""
    plan = engine.plan(spec, customers=customers)
    return engine.send(spec, plan, **options)
