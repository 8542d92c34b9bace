"""Verify and withdraw against the sandbox over loopback HTTP: the account is the oracle."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_support import end_users, engine_for, journal_at, make_client, make_spec, send_to

from proactive_desktop.core.errors import InputError
from proactive_desktop.core.journal import CampaignRecord
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.verify import verify_campaign
from proactive_desktop.core.withdraw import (
    WITHDRAWN_TAG,
    TicketsWithdrawn,
    WithdrawAction,
    WithdrawInputError,
    WithdrawProgress,
    WithdrawScope,
    WithdrawTuning,
    plan_withdrawal,
    run_withdrawal,
    withdrawal_summary,
)
from proactive_desktop.sandbox import SandboxServer

FAST = WithdrawTuning(
    seconds_per_ticket=0.01,
    job_start_allowance_s=0.5,
    reconcile_safety=3.0,
    stable_s=0.3,
    poll_min_s=0.05,
    poll_max_s=0.3,
    outage_limit_s=20.0,
    progress_interval_s=0.05,
)


class Campaign:
    """A sent campaign of `count` customers on the sandbox, with its journal and client."""

    def __init__(self, sandbox: SandboxServer, folder: Path, count: int, name: str) -> None:
        self.sandbox = sandbox
        self.client = make_client(sandbox.url)
        self.journal = journal_at(folder)
        self.customers = end_users(self.client, count)
        spec = make_spec(sandbox.url, name, self.customers)
        self.summary = send_to(engine_for(self.client, self.journal), spec, self.customers)
        assert self.summary.created == count
        self.tag = self.summary.tag
        self.ticket_of = {o.user_id: o.ticket_id for o in self.summary.customers}

    @property
    def record(self) -> CampaignRecord:
        record = self.journal.find_campaign(self.summary.campaign)
        assert record is not None
        return record

    def tagged(self) -> list[dict[str, Any]]:
        return [t for t in self.sandbox.tickets() if self.tag in t["tags"]]

    def close(self) -> None:
        self.client.close()
        self.journal.close()


@pytest.fixture
def campaign_factory(tmp_path: Path) -> Iterator[Callable[..., Campaign]]:
    made: list[Campaign] = []

    def make(sandbox: SandboxServer, count: int = 8, name: str = "Spring notice") -> Campaign:
        made.append(Campaign(sandbox, tmp_path / f"j{len(made)}", count, name))
        return made[-1]

    yield make
    for each in made:
        each.close()


def plant_duplicate(campaign: Campaign, user_id: int) -> int:
    return int(
        campaign.sandbox.plant_ticket(requester_id=user_id, tags=[campaign.tag], subject="Again")[
            "id"
        ]
    )


# -- verify ----------------------------------------------------------------------------------


def test_verify_of_a_clean_campaign_finds_one_ticket_each(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 6)
    before = sandbox.stats()["requests"]
    report = verify_campaign(campaign.client, campaign.journal, campaign.record)
    assert report.is_clean
    assert (report.tickets, report.customers_ok, report.reached) == (6, 6, 6)
    assert report.to_json()["duplicates"] == []
    # Writes nothing: only reads were sent.
    after = sandbox.stats()["requests"]
    new = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    assert all(name.startswith("GET ") for name in new), new
    assert new["GET /api/v2/tickets/show_many"] == 1


def test_verify_finds_duplicates_a_deleted_ticket_and_a_stray_requester(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 8)
    first, second, third = (c.id for c in campaign.customers[:3])
    extra = [plant_duplicate(campaign, first), plant_duplicate(campaign, first)]
    extra_second = plant_duplicate(campaign, second)
    assert sandbox.delete_ticket(campaign.ticket_of[third])
    stranger = next(
        u["id"]
        for u in sandbox.users()
        if u["role"] == "end-user" and u["id"] not in campaign.ticket_of
    )
    stray = sandbox.plant_ticket(requester_id=stranger, tags=[campaign.tag])["id"]

    report = verify_campaign(campaign.client, campaign.journal, campaign.record)
    assert not report.is_clean
    data = report.to_json()
    duplicates = {d["user_id"]: d["ticket_ids"] for d in data["duplicates"]}
    assert duplicates == {
        first: [campaign.ticket_of[first], *extra],
        second: [campaign.ticket_of[second], extra_second],
    }
    links = next(d for d in data["duplicates"] if d["user_id"] == first)["ticket_urls"]
    assert links[0] == f"{sandbox.url}/agent/tickets/{campaign.ticket_of[first]}"
    assert data["missing"] == [{"user_id": third, "ticket_id": campaign.ticket_of[third]}]
    assert [(u["user_id"], u["ticket_ids"]) for u in data["unexpected"]] == [(stranger, [stray])]
    assert data["customers_ok"] == 5
    assert data["tickets"] == 8 - 1 + 3 + 1


def test_verify_says_when_the_search_index_may_hide_tickets(
    sandbox_factory: Callable[..., SandboxServer], campaign_factory: Callable[..., Campaign]
) -> None:
    sandbox = sandbox_factory(search_index_delay_s=600)
    campaign = campaign_factory(sandbox, 4)
    report = verify_campaign(campaign.client, campaign.journal, campaign.record)
    # Search sees nothing yet; reading the journal's ids still finds every ticket.
    assert report.is_clean
    assert report.customers_ok == 4
    assert report.unindexed == 4
    assert report.search_may_lag
    assert report.lag_message is not None
    assert "few minutes" in report.lag_message.english()


# -- withdraw --------------------------------------------------------------------------------


def test_withdraw_by_solving_adds_one_note_and_marks_the_campaign(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 5)
    # Solving needs the account's required "Product" field: fill it on all tickets but one.
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    unsolvable = campaign.ticket_of[campaign.customers[0].id]
    with sandbox.store.lock:
        for ticket_id, ticket in sandbox.store.tickets.items():
            if ticket_id != unsolvable:
                ticket["custom_fields"] = [
                    {"id": product, "value": "product_services"} if f["id"] == product else f
                    for f in ticket["custom_fields"]
                ]
    plan = plan_withdrawal(
        campaign.client,
        campaign.journal,
        campaign.record,
        WithdrawAction.SOLVE,
        note="Sent by mistake",
    )
    assert plan.ticket_count == 5
    assert plan.required_fields == ("Product",)
    assert "Product" in plan.warnings[0].english()
    assert "5 ticket(s)" in plan.confirmation().english()
    assert "un-emailed" in plan.confirmation().english()
    events: list[object] = []
    summary = run_withdrawal(
        campaign.client,
        campaign.journal,
        campaign.record,
        plan,
        on_event=events.append,
        tuning=FAST,
    )
    assert (summary.done, summary.failed, summary.pending) == (4, 1, 0)
    assert summary.is_finished
    failed = next(c for c in summary.customers if c.status == "failed")
    assert failed.ticket_id == unsolvable
    assert "Product" in (failed.reason or "")
    for ticket in campaign.tagged():
        notes = [c for c in ticket["comments"] if c["body"] == "Sent by mistake"]
        if ticket["id"] == unsolvable:
            assert notes == []
            continue
        assert ticket["status"] == "solved"
        assert WITHDRAWN_TAG in ticket["tags"]
        assert [n["public"] for n in notes] == [False]
    assert campaign.record.state is CampaignState.WITHDRAWN
    assert any(isinstance(e, TicketsWithdrawn) for e in events)
    assert isinstance(events[-1], WithdrawProgress)
    assert 1 <= sandbox.stats()["jobs"]["by_kind"]["update"] <= 5

    # A withdrawn campaign is never sent again.
    spec = make_spec(sandbox.url, "Spring notice", campaign.customers)
    with pytest.raises(InputError, match="withdrawn"):
        engine_for(campaign.client, campaign.journal).send(spec)


def test_withdraw_by_deleting_in_jobs_of_100_at_the_governed_rate(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 250)
    before = sandbox.stats()["requests"]
    plan = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.DELETE
    )
    summary = run_withdrawal(campaign.client, campaign.journal, campaign.record, plan, tuning=FAST)
    assert (summary.tickets, summary.done, summary.failed) == (250, 250, 0)
    assert campaign.tagged() == []
    assert sandbox.stats()["deleted_tickets"] == 250
    after = sandbox.stats()["requests"]
    requests = after["DELETE /api/v2/tickets/destroy_many"] - before.get(
        "DELETE /api/v2/tickets/destroy_many", 0
    )
    # Bulk jobs of at most 100 (the sandbox refuses more), spread over the parallel slots.
    assert 3 <= requests <= 30
    assert sandbox.stats()["jobs"]["by_kind"]["destroy"] == requests
    assert campaign.record.state is CampaignState.WITHDRAWN
    # History reads it back from the journal.
    latest = withdrawal_summary(campaign.journal, campaign.record)
    assert latest is not None
    assert (latest.action, latest.done, latest.state) == (WithdrawAction.DELETE, 250, "finished")


def test_dry_run_plans_and_changes_nothing(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 4)
    plan = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.DELETE
    )
    summary = plan.summary(campaign.client.ticket_url)
    assert (summary.state, summary.pending, summary.tickets) == ("dry_run", 4, 4)
    assert len(campaign.tagged()) == 4
    assert campaign.journal.withdrawals(campaign.record.id) == []
    assert campaign.record.state is CampaignState.FINISHED


def test_withdraw_only_duplicates_leaves_each_customer_their_oldest_ticket(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 6)
    first, second = (c.id for c in campaign.customers[:2])
    planted = [plant_duplicate(campaign, first), plant_duplicate(campaign, first)]
    planted.append(plant_duplicate(campaign, second))
    plan = plan_withdrawal(
        campaign.client,
        campaign.journal,
        campaign.record,
        WithdrawAction.DELETE,
        scope=WithdrawScope.DUPLICATES,
    )
    assert sorted(t.ticket_id for t in plan.targets) == sorted(planted)
    summary = run_withdrawal(campaign.client, campaign.journal, campaign.record, plan, tuning=FAST)
    assert summary.done == 3
    per_customer = Counter(t["requester_id"] for t in campaign.tagged())
    assert per_customer == Counter({c.id: 1 for c in campaign.customers})
    kept = {t["requester_id"]: t["id"] for t in campaign.tagged()}
    assert kept == campaign.ticket_of  # the oldest, which the journal names
    # The campaign itself stays as it was, and verifies clean now.
    assert campaign.record.state is CampaignState.FINISHED
    assert verify_campaign(campaign.client, campaign.journal, campaign.record).is_clean


def test_duplicates_older_than_the_journal_ticket_keep_the_oldest_and_fix_the_journal(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 3)
    customer = campaign.customers[0].id
    journal_ticket = campaign.ticket_of[customer]
    newer = plant_duplicate(campaign, customer)
    # Make the journal name the newer ticket (as if the first one had been missed).
    with campaign.journal._transaction() as db:
        db.execute(
            "UPDATE customers SET ticket_id = ? WHERE ticket_id = ?", (newer, journal_ticket)
        )
    plan = plan_withdrawal(
        campaign.client,
        campaign.journal,
        campaign.record,
        WithdrawAction.DELETE,
        scope=WithdrawScope.DUPLICATES,
    )
    assert [t.ticket_id for t in plan.targets] == [newer]
    run_withdrawal(campaign.client, campaign.journal, campaign.record, plan, tuning=FAST)
    row = next(c for c in campaign.journal.customers(campaign.record.id) if c.user_id == customer)
    assert row.ticket_id == journal_ticket


@pytest.mark.slow
def test_cancel_then_resume_acts_on_each_ticket_once(
    sandbox_factory: Callable[..., SandboxServer], campaign_factory: Callable[..., Campaign]
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.02, job_start_delay_s=0.05)
    campaign = campaign_factory(sandbox, 250)
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]
    cancel = threading.Event()

    def stop_after_first_result(event: object) -> None:
        if isinstance(event, TicketsWithdrawn):
            cancel.set()

    plan = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.SOLVE, note="Oops"
    )
    stopped = run_withdrawal(
        campaign.client,
        campaign.journal,
        campaign.record,
        plan,
        on_event=stop_after_first_result,
        cancel=cancel,
        tuning=FAST,
    )
    assert stopped.state == "running"
    assert 0 < stopped.done < 250
    # Running again continues the same withdrawal (from the journal, not a new verify).
    again = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.SOLVE, note="ignored"
    )
    assert again.withdrawal_id is not None
    with pytest.raises(WithdrawInputError):
        plan_withdrawal(campaign.client, campaign.journal, campaign.record, WithdrawAction.DELETE)
    final = run_withdrawal(campaign.client, campaign.journal, campaign.record, again, tuning=FAST)
    assert (final.done, final.failed, final.pending) == (250, 0, 0)
    assert_one_note_each(campaign, "Oops")


def assert_one_note_each(campaign: Campaign, note: str) -> None:
    tickets = campaign.tagged()
    assert len(tickets) == len(campaign.customers)
    for ticket in tickets:
        notes = [c for c in ticket["comments"] if c["body"] == note]
        assert len(notes) == 1, (ticket["id"], len(notes))
        assert ticket["status"] == "solved"


@pytest.mark.slow
def test_lost_answers_are_reconciled_not_sent_twice(
    sandbox_factory: Callable[..., SandboxServer], campaign_factory: Callable[..., Campaign]
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.005)
    campaign = campaign_factory(sandbox, 220)
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]
    # The job is made, then the connection drops: the client cannot know it worked.
    sandbox.faults.inject(
        "drop_after_create", method="PUT", path="/api/v2/tickets/update_many", count=2
    )
    sandbox.faults.inject("server_error", method="PUT", path="/api/v2/tickets/update_many")
    plan = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.SOLVE, note="Lost"
    )
    summary = run_withdrawal(campaign.client, campaign.journal, campaign.record, plan, tuning=FAST)
    assert (summary.done, summary.pending) == (220, 0)
    assert sandbox.faults.fired().get("drop_after_create") == 2
    assert_one_note_each(campaign, "Lost")


def test_a_second_withdraw_of_everything_retries_only_the_failures(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 3)
    plan = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.SOLVE, note="First"
    )
    first = run_withdrawal(campaign.client, campaign.journal, campaign.record, plan, tuning=FAST)
    assert first.failed == 3  # Product is required and not filled
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]
    retry = plan_withdrawal(
        campaign.client, campaign.journal, campaign.record, WithdrawAction.SOLVE
    )
    assert retry.retries_failed
    assert retry.ticket_count == 3
    second = run_withdrawal(campaign.client, campaign.journal, campaign.record, retry, tuning=FAST)
    assert (second.done, second.failed) == (3, 0)
    assert_one_note_each(campaign, "First")
    assert len(campaign.journal.withdrawals(campaign.record.id)) == 1


def test_a_note_with_delete_is_refused(
    sandbox: SandboxServer, campaign_factory: Callable[..., Campaign]
) -> None:
    campaign = campaign_factory(sandbox, 1)
    with pytest.raises(WithdrawInputError):
        plan_withdrawal(
            campaign.client, campaign.journal, campaign.record, WithdrawAction.DELETE, note="x"
        )
