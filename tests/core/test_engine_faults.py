"""Exactly once under faults: every customer ends with one ticket, whatever the network does.

The sandbox's ticket list is the oracle (at most one ticket per tag and requester, none
missing). Faults are injected over real loopback HTTP: 429s, 5xx, connection resets, requests
that are processed and then lose their answer (on create_many and on single POSTs), outages,
lazily indexed search, and crashes simulated at each point between "mark in flight", "POST",
"record the job id" and "record the results".
"""

from __future__ import annotations

import dataclasses
import threading
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

from proactive_desktop.core.engine import CampaignEngine, CampaignSummary
from proactive_desktop.core.errors import ZendeskError
from proactive_desktop.core.journal import Journal, SendKind, split_run_token
from proactive_desktop.core.models import CampaignSpec, CampaignState, Customer, CustomerStatus
from proactive_desktop.core.sending import _ticket
from proactive_desktop.core.zendesk.client import ZendeskClient

MAX_RUNS = 8


def send_until_finished(
    engine: CampaignEngine, spec: CampaignSpec, customers: list[Customer]
) -> CampaignSummary:
    """Send, and resume after every stop (as a user pressing Resume would), until finished."""
    try:
        summary = send_to(engine, spec, customers)
    except ZendeskError:
        summary = engine.summary(spec.name)
    for _ in range(MAX_RUNS):
        if summary.state is CampaignState.FINISHED:
            return summary
        try:
            summary = engine.resume(spec.name)
        except ZendeskError:
            summary = engine.summary(spec.name)
    raise AssertionError(f"not finished after {MAX_RUNS} runs: {summary.to_json()}")


def macro_id(client: ZendeskClient, title: str) -> int:
    return next(m.id for m in client.macros() if m.title == title)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_bulk_exactly_once_under_random_faults(
    sandbox_factory: Any, tmp_path: Path, seed: int
) -> None:
    sandbox = sandbox_factory(
        seed=seed,
        job_seconds_per_ticket=0.003,
        job_start_delay_s=0.02,
        # Search lags behind: a look-up by tag that misses a ticket proves nothing.
        search_index_delay_s=0.3 if seed % 2 else 0.0,
    )
    client = make_client(sandbox.url)
    customers = end_users(client, 90)
    faults = sandbox.faults
    create_many = "/api/v2/tickets/create_many"
    faults.inject("drop_after_create", method="POST", path=create_many, probability=0.25, seed=seed)
    faults.inject("server_error", method="POST", path=create_many, probability=0.1, status=502)
    faults.inject("reset", method="POST", path=create_many, probability=0.1)
    faults.inject("server_error", method="GET", path="/api/v2/job_statuses", probability=0.15)
    faults.inject("reset", method="GET", path="/api/v2/tickets", probability=0.1)
    faults.inject("rate_limit", probability=0.05, retry_after=0)
    spec = make_spec(sandbox.url, f"Faulty {seed}", customers)
    with journal_at(tmp_path) as journal:
        summary = send_until_finished(engine_for(client, journal), spec, customers)
    assert sum(f.fired for f in faults.armed()) > 0
    assert summary.created == 90
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_single_posts_with_a_macro_comment_exactly_once_under_faults(
    sandbox_factory: Any, tmp_path: Path, seed: int
) -> None:
    sandbox = sandbox_factory(seed=seed, update_rate_limit_per_minute=None)
    client = make_client(sandbox.url)
    customers = end_users(client, 15)
    faults = sandbox.faults
    faults.inject(
        "drop_after_create", method="POST", path="/api/v2/tickets", probability=0.3, seed=seed
    )
    faults.inject("server_error", method="POST", path="/api/v2/tickets", probability=0.1)
    faults.inject("reset", method="GET", path="/api/v2/tickets", probability=0.1)
    spec = make_spec(
        sandbox.url, f"Macro {seed}", customers, macro_id=macro_id(client, "Escalate to Tier 2")
    )
    with journal_at(tmp_path) as journal:
        summary = send_until_finished(engine_for(client, journal), spec, customers)
    assert summary.created == 15
    tickets = sandbox.tickets()
    assert_exactly_once(tickets, spec.tag, customers, summary)
    for ticket in tickets:
        # The macro's fields were merged before creation; its internal note on these public
        # tickets came as one update.
        assert ticket["priority"] == "urgent"
        assert {"escalated", spec.tag} <= set(ticket["tags"])
        assert len(ticket["comments"]) == 2
        assert ticket["comments"][1]["public"] is False
        assert "Escalated to Tier 2" in ticket["comments"][1]["html_body"]


def test_macro_without_comment_is_merged_and_sent_in_bulk(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 6)
    spec = make_spec(sandbox.url, "Take it", customers, macro_id=macro_id(client, "Take it"))
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    assert summary.created == 6
    me = client.me()
    for ticket in sandbox.tickets():
        assert ticket["assignee_id"] == me.id
        assert len(ticket["comments"]) == 1
    # One POST: the campaign's first ticket, alone (its claim in the account); the rest in bulk.
    assert sandbox.stats()["requests"].get("POST /api/v2/tickets", 0) == 1


def test_an_outage_window_is_ridden_out(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01, job_start_delay_s=0.05)
    client = make_client(sandbox.url)
    customers = end_users(client, 60)
    spec = make_spec(sandbox.url, "Outage", customers)
    timer = threading.Timer(0.3, sandbox.faults.outage, args=(1.5,))
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers)
        timer.start()
        summary = engine.send(spec, plan)
    timer.cancel()
    assert summary.state is CampaignState.FINISHED
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


def test_a_long_outage_stops_the_campaign_resumably(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 10)
    spec = make_spec(sandbox.url, "Long outage", customers)
    tuning = dataclasses.replace(FAST, outage_limit_s=1.0)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal, tuning)
        plan = engine.plan(spec, customers=customers)
        sandbox.faults.outage(60, mode="503")
        with pytest.raises(ZendeskError):
            engine.send(spec, plan)
        assert engine.summary(spec.name).state is CampaignState.STOPPED
        sandbox.faults.clear()
        summary = engine.resume(spec.name)
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


# -- crashes between the steps of a send ---------------------------------------------------------


def _journaled_but_unsent(
    engine: CampaignEngine, spec: CampaignSpec, customers: list[Customer]
) -> int:
    """The campaign in the journal with every customer pending, as after a crash at the start."""
    cancel = threading.Event()
    cancel.set()
    stopped = send_to(engine, spec, customers, cancel=cancel)
    assert stopped.state is CampaignState.STOPPED
    assert stopped.pending == len(customers)
    record = engine.journal.find_campaign(spec.name)
    assert record is not None
    return record.id


def _crash_after(
    step: str, journal: Journal, client: ZendeskClient, campaign_id: int, size: int
) -> None:
    """Do what a run does up to `step`, then stop as if killed there."""
    batch = journal.sendable_customers(campaign_id, size)
    send = journal.start_send(campaign_id, SendKind.BULK, [c.id for c in batch])
    if step == "mark":
        return
    job = client.create_many_tickets([_ticket(c) for c in batch])
    if step == "post":
        return
    journal.record_job_id(send.id, job.id)


@pytest.mark.parametrize("step", ["mark", "post", "job_id"])
def test_a_crash_at_any_step_of_a_bulk_send_is_recovered(
    sandbox_factory: Any, tmp_path: Path, step: str
) -> None:
    # Jobs slow enough that the crashed job is still running when the next run starts.
    sandbox = sandbox_factory(job_seconds_per_ticket=0.02, job_start_delay_s=0.1)
    client = make_client(sandbox.url)
    customers = end_users(client, 30)
    spec = make_spec(sandbox.url, f"Crash {step}", customers)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        campaign_id = _journaled_but_unsent(engine, spec, customers)
        _crash_after(step, journal, client, campaign_id, 20)
        summary = engine.resume(spec.name)
        assert summary.state is CampaignState.FINISHED
        in_flight = [c for c in journal.customers(campaign_id) if c.is_in_flight]
        assert in_flight == []
        attempts = {c.user_id: c.attempts for c in journal.customers(campaign_id)}
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    if step != "mark":
        # The crashed job's customers were found in the account, not sent a second time.
        assert sorted(attempts.values()).count(1) == 30


def test_a_crash_after_a_single_post_is_recovered(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    spec = make_spec(
        sandbox.url, "Crash single", customers, macro_id=macro_id(client, "Escalate to Tier 2")
    )
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        campaign_id = _journaled_but_unsent(engine, spec, customers)
        [customer] = journal.sendable_customers(campaign_id, 1)
        journal.start_send(campaign_id, SendKind.SINGLE, [customer.id])
        key, run_token = split_run_token(customer.idempotency_key)
        client.create_ticket(_ticket(customer), idempotency_key=key, run_token=run_token)
        summary = engine.resume(spec.name)
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
    assert all(len(t["comments"]) == 2 for t in sandbox.tickets())


def test_created_customers_are_never_sent_again(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 10)
    spec = make_spec(sandbox.url, "Never twice", customers)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        first = send_to(engine, spec, customers)
        posts = sandbox.stats()["requests"].get("POST /api/v2/tickets/create_many", 0)
        again = engine.resume(spec.name, retry_failed=True)
        assert sandbox.stats()["requests"].get("POST /api/v2/tickets/create_many", 0) == posts
    assert again.created == first.created == 10
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, again)


def test_retry_failed_sends_only_the_failed_once_fixed(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 8)
    status_id = next(s.id for s in client.custom_statuses() if s.status_category == "open")
    spec = make_spec(sandbox.url, "Retry", customers, custom_status_id=status_id)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers)
        # An admin deactivates the status before sending: Zendesk refuses every ticket (422).
        sandbox.store.statuses_by_id[status_id]["active"] = False
        failed = engine.send(spec, plan)
        assert failed.state is CampaignState.FINISHED
        assert failed.failed == 8
        assert all("Custom status" in (o.reason or "") for o in failed.customers)
        assert sandbox.tickets() == []
        # Fixed in the account; only the failed customers are sent again.
        sandbox.store.statuses_by_id[status_id]["active"] = True
        retried = engine.resume(spec.name, retry_failed=True)
    assert retried.created == 8
    assert retried.failed == 0
    assert all(o.reason is None for o in retried.customers)
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, retried)


def test_jobs_run_side_by_side_and_polls_are_shared(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(
        job_seconds_per_ticket=0.05, job_start_delay_s=0.05, rate_limit_per_minute=6000
    )
    client = make_client(sandbox.url, real_time=True)
    customers = end_users(client, 200)
    spec = make_spec(sandbox.url, "Parallel", customers)
    tuning = dataclasses.replace(FAST, seconds_per_ticket=0.05)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal, tuning), spec, customers)
    stats = sandbox.stats()
    posts = stats["requests"]["POST /api/v2/tickets/create_many"]
    polls = stats["requests"].get("GET /api/v2/job_statuses/show_many", 0)
    assert stats["jobs"]["max_in_flight"] >= 8  # side by side, not two jobs of 100
    assert posts >= 8
    assert polls < posts * 2  # one show_many per tick covers every open job
    assert stats["requests"].get("GET /api/v2/job_statuses/{job}", 0) == 0
    assert stats["jobs"]["refused"] == 0
    assert summary.created == 200
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)


def test_customer_statuses_in_the_summary(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 3)
    spec = make_spec(sandbox.url, "Statuses", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    assert {o.status for o in summary.customers} == {CustomerStatus.CREATED}
