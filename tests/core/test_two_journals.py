"""Exactly once across journals: one campaign sent from two data folders.

The journal is one computer's memory; the account is the truth. Two runs starting together
race for the campaign's first ticket (one POST with an Idempotency-Key derived from the
campaign and the customer): the loser gets IdempotentRequestError and stops. A run coming
minutes later, while the account's search index still lags, finds that first ticket by its
external id and stops too. Every customer ends with one ticket.
"""

from __future__ import annotations

import threading
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
)

from proactive_desktop.core.engine import CampaignSummary
from proactive_desktop.core.errors import CampaignClaimedError, ProactiveError
from proactive_desktop.core.journal import SendKind
from proactive_desktop.core.models import CampaignSpec, CampaignState, Customer


def _plan_and_send(
    url: str, folder: Path, spec: CampaignSpec, customers: list[Customer], start: threading.Barrier
) -> CampaignSummary | ProactiveError:
    client = make_client(url)
    with journal_at(folder) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers)
        start.wait()
        try:
            return engine.send(spec, plan)
        except ProactiveError as error:
            return error


def test_two_data_folders_at_the_same_moment(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.005, latency_s=0.01)
    customers = end_users(make_client(sandbox.url), 120)
    spec = make_spec(sandbox.url, "Two computers", customers)
    start = threading.Barrier(2)
    results: list[CampaignSummary | ProactiveError] = [None, None]  # type: ignore[list-item]

    def run(index: int) -> None:
        results[index] = _plan_and_send(
            sandbox.url, tmp_path / f"pc{index}", spec, customers, start
        )

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    winners = [r for r in results if isinstance(r, CampaignSummary)]
    losers = [r for r in results if isinstance(r, CampaignClaimedError)]
    assert len(winners) == 1, results
    assert len(losers) == 1, results
    assert "another computer or data folder" in str(losers[0])
    assert winners[0].state is CampaignState.FINISHED
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, winners[0])
    # The loser stopped before sending anything more: its journal holds no ticket.
    with journal_at(tmp_path / f"pc{results.index(losers[0])}") as journal:
        loser = journal.find_campaign(spec.name)
        assert loser is not None
        assert loser.state is CampaignState.STOPPED
        assert journal.totals(loser.id).created == 0


def test_a_second_data_folder_minutes_later_with_search_lagging(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # New tickets reach the search index only after a minute: the campaign-name check of the
    # second run (a search by tag) sees none of the first run's tickets.
    sandbox = sandbox_factory(search_index_delay_s=60.0)
    client = make_client(sandbox.url)
    customers = end_users(client, 80)
    spec = make_spec(sandbox.url, "Old PC new PC", customers)
    with journal_at(tmp_path / "old") as journal:
        engine = engine_for(client, journal)
        first = engine.send(spec, engine.plan(spec, customers=customers))
    assert first.state is CampaignState.FINISHED
    posts_before = sandbox.stats()["requests"].get("POST /api/v2/tickets/create_many", 0)
    with journal_at(tmp_path / "new") as journal:
        engine = engine_for(make_client(sandbox.url), journal)
        plan = engine.plan(spec, customers=customers)  # the search finds nothing yet
        with pytest.raises(CampaignClaimedError) as stopped:
            engine.send(spec, plan)
        record = journal.find_campaign(spec.name)
        assert record is not None
        assert record.state is CampaignState.STOPPED
        assert journal.totals(record.id).created == 0
    message = str(stopped.value)
    assert "external id" in message
    first_ticket = min(t["id"] for t in sandbox.tickets())
    assert f"#{first_ticket}" in message
    assert sandbox.stats()["requests"].get("POST /api/v2/tickets/create_many", 0) == posts_before
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, first)


def test_a_claim_cut_short_by_a_crash_is_finished_before_any_job(
    sandbox: Any, tmp_path: Path
) -> None:
    """Journal A marked its claim in flight and died before the POST left; meanwhile journal B
    claimed the campaign. A's resumed run repeats its claim (with its own token), is refused,
    and stops without a single job."""
    client = make_client(sandbox.url)
    customers = end_users(client, 30)
    spec = make_spec(sandbox.url, "Crashed claim", customers)
    with journal_at(tmp_path / "a") as journal_a, journal_at(tmp_path / "b") as journal_b:
        engines = [engine_for(client, journal) for journal in (journal_a, journal_b)]
        cancelled = threading.Event()
        cancelled.set()
        for engine in engines:  # both journaled, nothing sent
            engine.send(spec, engine.plan(spec, customers=customers), cancel=cancelled)
        record = journal_a.find_campaign(spec.name)
        assert record is not None
        candidate = journal_a.claim_candidate(record.id)
        assert candidate is not None
        journal_a.set_run_token(candidate.id, "token-of-a")
        journal_a.start_send(record.id, SendKind.SINGLE, [candidate.id])  # …then the crash
        winner = engines[1].resume(spec.name)
        assert winner.state is CampaignState.FINISHED
        posts = sandbox.stats()["requests"]["POST /api/v2/tickets/create_many"]
        with pytest.raises(CampaignClaimedError):
            engines[0].resume(spec.name)
        assert sandbox.stats()["requests"]["POST /api/v2/tickets/create_many"] == posts
        assert journal_a.totals(record.id).created == 0
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, winner)


def test_a_claim_whose_answer_was_lost_is_this_runs_own(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 25)
    spec = make_spec(sandbox.url, "Lost claim", customers)
    # The campaign's first ticket is created, then the connection drops before the answer.
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets", count=1)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        summary = engine.send(spec, engine.plan(spec, customers=customers))
    assert summary.state is CampaignState.FINISHED
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
