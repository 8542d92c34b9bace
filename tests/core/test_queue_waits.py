"""Waits on Zendesk's queue: polled less and less often, bounded by documented deadlines.

Jobs a busy account keeps queued are polled with a growing interval up to the ceiling; a job
still queued past `job_wait_limit_s` (or a lost one past `lost_job_wait_limit_s`) stops the run,
resumable: the journal keeps the jobs, and the next run picks them up without resending anyone.
The single-ticket path repeats an uncertain POST with its Idempotency-Key while Zendesk still
remembers the key, and searches the account first once it may not.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from engine_support import (
    FAST,
    assert_exactly_once,
    end_users,
    engine_for,
    journal_at,
    make_client,
    make_spec,
    send_to,
)

from proactive_desktop.core.errors import QueueTimeoutError
from proactive_desktop.core.events import CampaignEvent, JobsWaiting
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import JobStatus

CREATE_MANY = "POST /api/v2/tickets/create_many"


class PollTimes(ZendeskClient):
    """The real client, noting when it polls jobs (the behaviour under test is the engine's)."""

    polled_at: list[float]

    def job_statuses(self, job_ids: Iterable[str]) -> list[JobStatus]:
        self.polled_at.append(time.monotonic())
        return super().job_statuses(job_ids)


def _client_noting_polls(url: str) -> PollTimes:
    client = make_client(url, real_time=True)
    client.__class__ = PollTimes
    assert isinstance(client, PollTimes)
    client.polled_at = []
    return client


def test_jobs_that_stay_queued_are_polled_less_and_less_often(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # A minute in the account's queue: six real seconds.
    sandbox = sandbox_factory(job_start_delay_s=60.0, time_scale=10.0)
    client = _client_noting_polls(sandbox.url)
    customers = end_users(client, 20)
    spec = make_spec(sandbox.url, "Slow queue", customers)
    tuning = dataclasses.replace(FAST, poll_min_s=0.05, poll_max_s=0.2, poll_ceiling_s=1.2)
    events: list[CampaignEvent] = []
    with journal_at(tmp_path) as journal:
        summary = send_to(
            engine_for(client, journal, tuning), spec, customers, on_event=events.append
        )
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    gaps = [b - a for a, b in itertools.pairwise(client.polled_at)]
    assert len(gaps) >= 4
    # From the second poll on, growing while nothing changes (a little jitter from the loop
    # allowed) until the ceiling; the first one came while the jobs were being sent.
    peak = gaps.index(max(gaps))
    assert all(b >= a * 0.9 for a, b in itertools.pairwise(gaps[1 : peak + 1])), gaps
    assert max(gaps) <= 1.2 + 0.3, gaps
    assert max(gaps) >= 0.9, gaps
    # Fewer polls than a fixed 0.2 s interval would have made over those six seconds.
    assert len(client.polled_at) < 6 / 0.2 / 2
    waits = [e.queued_jobs for e in events if isinstance(e, JobsWaiting)]
    assert max(waits) >= 1  # "waiting for Zendesk to run N jobs" was shown
    assert waits[-1] == 0


def test_a_job_queued_past_the_deadline_stops_the_run_resumably(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_start_delay_s=60.0, time_scale=10.0)
    client = make_client(sandbox.url)
    customers = end_users(client, 20)
    spec = make_spec(sandbox.url, "Stuck queue", customers)
    impatient = dataclasses.replace(FAST, job_wait_limit_s=1.0)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal, impatient)
        with pytest.raises(QueueTimeoutError) as stopped:
            send_to(engine, spec, customers)
        assert "has not run" in str(stopped.value)
        assert engine.summary(spec.name).state is CampaignState.STOPPED
        posts = sandbox.stats()["requests"][CREATE_MANY]
        summary = engine_for(client, journal).resume(spec.name)
    assert summary.state is CampaignState.FINISHED
    # The recorded jobs were polled again, not sent again.
    assert sandbox.stats()["requests"][CREATE_MANY] == posts
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


def test_a_lost_job_waited_for_past_its_deadline_stops_the_run(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_start_delay_s=60.0, time_scale=10.0)
    sandbox.faults.inject("lost_after_accept", path="/api/v2/tickets/create_many", probability=1)
    client = make_client(sandbox.url)
    customers = end_users(client, 20)
    spec = make_spec(sandbox.url, "Lost and stuck", customers)
    impatient = dataclasses.replace(FAST, lost_job_wait_limit_s=1.0)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal, impatient)
        with pytest.raises(QueueTimeoutError) as stopped:
            send_to(engine, spec, customers)
        assert "whose answer was lost" in str(stopped.value)
        assert engine.summary(spec.name).state is CampaignState.STOPPED
        posts = sandbox.stats()["requests"][CREATE_MANY]
        summary = engine_for(client, journal).resume(spec.name)
    assert summary.state is CampaignState.FINISHED
    assert sandbox.stats()["requests"][CREATE_MANY] == posts  # found, not resent
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


def _macro(client: ZendeskClient, title: str) -> int:
    return next(m.id for m in client.macros() if m.title == title)


@pytest.mark.parametrize("key_lifetime_s", [5400.0, 0.0])
def test_an_uncertain_single_post_is_repeated_with_its_key_or_searched_for(
    sandbox: Any, tmp_path: Path, key_lifetime_s: float
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 6)
    # An internal macro note on public tickets: each ticket is its own POST and an update.
    spec = make_spec(
        sandbox.url,
        f"Keys {key_lifetime_s:.0f}",
        customers,
        macro_id=_macro(client, "Escalate to Tier 2"),
    )
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets", count=3)
    tuning = dataclasses.replace(FAST, idempotency_key_lifetime_s=key_lifetime_s)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal, tuning), spec, customers)
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    look_ups = sandbox.stats()["requests"].get("GET /api/v2/tickets", 0)
    if key_lifetime_s:
        # Within the key's lifetime a repeat is safe: no look-up beyond the claim's check.
        assert look_ups == 1
    else:
        # Zendesk may have forgotten the key: the account is searched before any repeat.
        assert look_ups > 1
