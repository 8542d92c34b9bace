"""Every retry path bounded and ordered.

- An IdempotentRequestError ends as a failure with its reason after a few attempts.
- retry-failed takes the campaign's lease before it changes anything in the journal.
- Two first `send`s of one new campaign at the same moment: a clear message, never a raw
  sqlite3.IntegrityError.
- A retry's Idempotency-Key never repeats an earlier one (not derived from the clock).
- The reconciling phase is reported when uncertain customers are looked up.
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
    send_to,
)

from proactive_desktop.core.engine import CampaignSummary
from proactive_desktop.core.errors import InputError, ProactiveError
from proactive_desktop.core.events import CampaignEvent, Phase, PhaseChanged
from proactive_desktop.core.journal import CampaignBusyError, CampaignExistsError, Journal
from proactive_desktop.core.models import CampaignState, CustomerStatus
from proactive_desktop.core.payload import idempotency_key
from proactive_desktop.core.zendesk.client import ZendeskClient


def macro_id(client: ZendeskClient, title: str) -> int:
    return next(m.id for m in client.macros() if m.title == title)


def test_an_idempotency_conflict_fails_the_customer_after_a_few_attempts(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    # Single POSTs (an internal macro note on public tickets needs an update after creation).
    spec = make_spec(
        sandbox.url, "Conflict", customers, macro_id=macro_id(client, "Escalate to Tier 2")
    )
    victim = customers[-1]  # not the campaign's first ticket (the lowest user id)
    # Something else used this customer's key with another body, in the last two hours.
    sandbox.store.idempotent_store(
        idempotency_key(spec.tag, victim.id), "another request", 201, {"ticket": {"id": 1}}
    )
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
        record = journal.find_campaign(spec.name)
        assert record is not None
        [row] = [c for c in journal.customers(record.id) if c.user_id == victim.id]
    assert summary.state is CampaignState.FINISHED
    [outcome] = [o for o in summary.customers if o.user_id == victim.id]
    assert outcome.status is CustomerStatus.FAILED
    assert "IdempotentRequestError" in (outcome.reason or "")
    assert row.attempts == 3
    assert summary.created == 3
    # No ticket for the victim, one for everybody else.
    tagged = [t for t in sandbox.tickets() if spec.tag in t["tags"]]
    assert sorted(t["requester_id"] for t in tagged) == sorted(c.id for c in customers[:-1])


def _failed_campaign(sandbox: Any, tmp_path: Path, name: str) -> tuple[Any, Any, Journal, int]:
    client = make_client(sandbox.url)
    customers = end_users(client, 5)
    status_id = next(s.id for s in client.custom_statuses() if s.status_category == "open")
    spec = make_spec(sandbox.url, name, customers, custom_status_id=status_id)
    journal = journal_at(tmp_path)
    engine = engine_for(client, journal)
    plan = engine.plan(spec, customers=customers)
    sandbox.store.statuses_by_id[status_id]["active"] = False  # every ticket refused (422)
    failed = engine.send(spec, plan)
    assert failed.failed == 5
    return engine, spec, journal, status_id


def test_retry_failed_takes_the_lease_before_changing_the_journal(
    sandbox: Any, tmp_path: Path
) -> None:
    engine, spec, journal, _ = _failed_campaign(sandbox, tmp_path, "Busy retry")
    with journal:
        record = journal.find_campaign(spec.name)
        assert record is not None
        before = journal.customers(record.id)
        # Another program using this data folder is sending this campaign right now.
        with Journal(journal.path) as other:
            other.claim_campaign(record.id)
            with pytest.raises(CampaignBusyError):
                engine.resume(spec.name, retry_failed=True)
        assert journal.customers(record.id) == before  # nothing reset, no key changed


def test_retry_keys_never_repeat_even_within_one_second(sandbox: Any, tmp_path: Path) -> None:
    engine, spec, journal, _ = _failed_campaign(sandbox, tmp_path, "Fresh keys")
    with journal:
        record = journal.find_campaign(spec.name)
        assert record is not None
        keys = [{c.idempotency_key for c in journal.customers(record.id)}]
        for _ in range(3):  # all still refused: three retries in quick succession
            retried = engine.resume(spec.name, retry_failed=True)
            assert retried.failed == 5
            keys.append({c.idempotency_key for c in journal.customers(record.id)})
    every_key = [key for round_keys in keys for key in round_keys]
    assert len(every_key) == len(set(every_key)) == 20


def test_two_first_sends_of_one_new_campaign_give_a_clear_message(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 6)
    spec = make_spec(sandbox.url, "Twice at once", customers)
    with journal_at(tmp_path) as first, journal_at(tmp_path) as second:
        # Both programs planned while no campaign of that name existed…
        plans = [
            engine_for(make_client(sandbox.url), journal).plan(spec, customers=customers)
            for journal in (first, second)
        ]
        engines = [engine_for(make_client(sandbox.url), j) for j in (first, second)]
        start = threading.Barrier(2)
        results: list[CampaignSummary | BaseException | None] = [None, None]

        def run(index: int) -> None:
            start.wait()
            try:
                results[index] = engines[index].send(spec, plans[index])
            except Exception as error:  # noqa: BLE001 - the test reports whatever escaped
                results[index] = error

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        # …and the journal's writer wins: the other is told so (or resumes it, or finds it
        # busy), never a raw sqlite3 error.
        errors = [r for r in results if isinstance(r, BaseException)]
        assert all(isinstance(e, InputError) for e in errors), errors
        summaries = [r for r in results if isinstance(r, CampaignSummary)]
        assert summaries
        final = engines[0].summary(spec.name)
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, final)


def test_a_second_insert_of_a_campaign_name_is_a_clear_error(tmp_path: Path) -> None:
    def create(journal: Journal) -> int:
        return journal.create_campaign(
            name="Same",
            tag="same",
            definition={},
            url="http://127.0.0.1:1",
            email="a@example.com",
            customers=[],
        )

    with journal_at(tmp_path) as first, journal_at(tmp_path) as second:
        create(first)
        with pytest.raises(CampaignExistsError) as caught:
            create(second)
    assert "a moment ago by another program" in str(caught.value)
    assert isinstance(caught.value, ProactiveError)


def test_the_reconciling_phase_is_reported(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    client = make_client(sandbox.url)
    customers = end_users(client, 20)
    sandbox.faults.inject("drop_after_create", path="/api/v2/tickets/create_many", count=1)
    events: list[CampaignEvent] = []
    spec = make_spec(sandbox.url, "Reported", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers, on_event=events.append)
    phases = [e.phase for e in events if isinstance(e, PhaseChanged)]
    assert Phase.RECONCILING in phases
    # Back to sending after it, and the run ended finished.
    assert phases[phases.index(Phase.RECONCILING) + 1] is Phase.SENDING
    assert_exactly_once(sandbox.tickets(), spec.tag, customers, summary)
