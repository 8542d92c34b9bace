"""Lost create_many answers on a busy account: never resend while a job may still create.

The sandbox accepts a create_many, queues its job for tens of seconds (its clock runs faster,
so a 60 s queue passes in a few real seconds while the engine waits in real time, unaware) and
drops the answer. The engine must find out from the account's job list that a job that could
hold those customers is still queued or working, wait until none is, look the tickets up by
external id, and only then send what is still missing. The sandbox's ticket list is the oracle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from engine_support import (
    assert_exactly_once,
    end_users,
    engine_for,
    journal_at,
    make_client,
    make_spec,
    send_to,
)

from proactive_desktop.core.events import CampaignEvent, JobsWaiting, Phase, PhaseChanged
from proactive_desktop.core.models import CampaignState

CREATE_MANY = "/api/v2/tickets/create_many"


@pytest.mark.parametrize("lost_share", [0.5, 1.0])
@pytest.mark.parametrize("queue_delay_s", [5.0, 20.0, 60.0])
def test_lost_answers_with_queued_jobs_give_every_customer_one_ticket(
    sandbox_factory: Any, tmp_path: Path, queue_delay_s: float, lost_share: float
) -> None:
    # About two real seconds of queue whatever the account's own delay.
    sandbox = sandbox_factory(
        job_start_delay_s=queue_delay_s,
        job_seconds_per_ticket=0.05,
        time_scale=queue_delay_s / 2,
    )
    client = make_client(sandbox.url)
    customers = end_users(client, 60)
    sandbox.faults.inject("lost_after_accept", path=CREATE_MANY, probability=lost_share, seed=3)
    events: list[CampaignEvent] = []
    spec = make_spec(sandbox.url, f"Busy {queue_delay_s:.0f} {lost_share}", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers, on_event=events.append)
    assert sandbox.faults.fired().get("lost_after_accept", 0) > 0
    assert summary.state is CampaignState.FINISHED
    assert summary.created == 60
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    # The wait was real and shown: tickets whose answer was lost, then the look-up.
    waits = [e.lost_tickets for e in events if isinstance(e, JobsWaiting)]
    assert max(waits) > 0
    assert waits[-1] == 0
    phases = [e.phase for e in events if isinstance(e, PhaseChanged)]
    assert Phase.RECONCILING in phases
    if lost_share == 1.0:
        # Nothing else to send: the run showed the wait as its own phase.
        assert Phase.WAITING_FOR_LOST in phases


def test_lost_answers_are_looked_up_only_after_the_job_ran(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_start_delay_s=20.0, job_seconds_per_ticket=0.05, time_scale=10)
    client = make_client(sandbox.url)
    customers = end_users(client, 30)
    sandbox.faults.inject("lost_after_accept", path=CREATE_MANY, probability=1.0)
    spec = make_spec(sandbox.url, "Look up late", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
        record = journal.find_campaign(spec.name)
        assert record is not None
        attempts = [c.attempts for c in journal.customers(record.id)]
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    # Every customer went out exactly once: none was resent while its job waited.
    assert attempts == [1] * 30
    stats = sandbox.stats()["requests"]
    assert stats["GET /api/v2/job_statuses"] >= 1


@pytest.mark.parametrize("seed", [1, 2])
def test_lost_answers_with_a_flaky_job_list_and_other_faults(
    sandbox_factory: Any, tmp_path: Path, seed: int
) -> None:
    sandbox = sandbox_factory(
        job_start_delay_s=20.0, job_seconds_per_ticket=0.05, time_scale=10.0, seed=seed
    )
    client = make_client(sandbox.url)
    customers = end_users(client, 50)
    faults = sandbox.faults
    faults.inject("lost_after_accept", path=CREATE_MANY, probability=0.5, seed=seed)
    faults.inject("server_error", method="POST", path=CREATE_MANY, probability=0.1, status=502)
    # The account's job list itself fails now and then: a failed read proves nothing either.
    faults.inject("server_error", method="GET", path="/api/v2/job_statuses", probability=0.3)
    faults.inject("reset", method="GET", path="/api/v2/tickets", probability=0.1)
    faults.inject("rate_limit", probability=0.05, retry_after=0)
    spec = make_spec(sandbox.url, f"Flaky list {seed}", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    assert summary.state is CampaignState.FINISHED
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
