"""The campaign engine against the sandbox over loopback HTTP: plan, send, resume, summary."""

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

from proactive_desktop.core.engine import (
    CustomerUpdated,
    PhaseChanged,
    SendProgress,
    UnknownCampaignError,
    WarningKind,
    campaign_summary,
)
from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.events import CampaignEvent, Phase
from proactive_desktop.core.models import CampaignState, CustomerStatus, TicketStatus
from proactive_desktop.core.payload import external_id
from proactive_desktop.sandbox import LIMITED_EMAIL


def test_send_creates_one_ticket_per_customer_with_the_campaign_fields(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 12)
    spec = make_spec(sandbox.url, "Renewal November", customers, view=True, tags=("Extra",))
    events: list[CampaignEvent] = []
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers, on_event=events.append)
        assert plan.ticket_count == 12
        summary = engine.send(spec, plan, on_event=events.append)
        assert summary.state is CampaignState.FINISHED
        assert summary.created == 12
        assert summary.total == 12
        assert summary.view_id is not None
        assert summary.view_url == client.view_url(summary.view_id)
        assert summary.view_error is None
        tickets = sandbox.tickets()
        assert_exactly_once(tickets, "renewal_november", customers, summary)
        by_requester = {t["requester_id"]: t for t in tickets}
        first = customers[0]
        ticket = by_requester[first.id]
        assert ticket["tags"][:3] == ["renewal_november", "proactive_campaign", "extra"]
        assert ticket["external_id"] == external_id("renewal_november", first.id)
        assert ticket["subject"] == f"Hello {first.name.split()[0]}"
        assert ticket["status"] == "open"
        assert "<strong>plan</strong>" in ticket["comments"][0]["html_body"]
        assert ticket["comments"][0]["public"] is True
        # The journal answers without the network, and the JSON has CLI.md's shape.
        again = campaign_summary(journal, "Renewal November")
        assert again.to_json() == summary.to_json()
    phases = [e.phase for e in events if isinstance(e, PhaseChanged)]
    assert phases[-1] is Phase.FINISHED
    assert Phase.SENDING in phases
    updated = [o for e in events if isinstance(e, CustomerUpdated) for o in e.outcomes]
    assert {o.user_id for o in updated} == {c.id for c in customers}
    last = [e for e in events if isinstance(e, SendProgress)][-1]
    assert last.counts.created == 12
    assert last.counts.pending == 0


def test_summary_json_has_exactly_the_contract_keys(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 3)
    spec = make_spec(sandbox.url, "Shape", customers)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    data = summary.to_json()
    assert list(data) == [
        "campaign", "tag", "state", "total", "created", "failed", "skipped", "pending",
        "in_flight", "view_id", "view_url", "view_error", "customers",
    ]  # fmt: skip
    assert data["state"] == "finished"
    assert data["total"] == data["created"] + data["failed"] + data["skipped"] + data["pending"]
    customer = data["customers"][0]
    assert {"user_id", "email", "status", "ticket_id", "reason"} <= set(customer)
    assert customer["ticket_url"] == client.ticket_url(customer["ticket_id"])


def test_dry_run_creates_nothing_and_writes_no_journal_row(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 5)
    spec = make_spec(sandbox.url, "Dry", customers, public=False)
    with journal_at(tmp_path) as journal:
        plan = engine_for(client, journal).plan(spec, customers=customers)
        summary = plan.summary()
        assert journal.list_campaigns() == []
    assert summary.state is CampaignState.DRAFT
    assert summary.pending == 5
    assert all(o.status is CustomerStatus.PENDING for o in summary.customers)
    assert [w.kind for w in plan.warnings] == [WarningKind.INTERNAL_NOTE]
    assert plan.estimated_seconds > 0
    assert sandbox.tickets() == []
    assert plan.recipients[0].rendered is not None


def test_skipped_customers_are_journaled_with_their_reason(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    staff = client.me()
    admin = next(c for c in client.show_many_users([staff.id]))
    spec = make_spec(sandbox.url, "With staff", [*customers, admin])
    with journal_at(tmp_path) as journal:
        summary = engine_for(client, journal).send(
            spec, engine_for(client, journal).plan(spec, customers=[*customers, admin])
        )
    assert summary.skipped == 1
    skipped = next(o for o in summary.customers if o.status is CustomerStatus.SKIPPED)
    assert skipped.user_id == admin.id
    assert skipped.reason == "agent or admin"
    assert_exactly_once(sandbox.tickets(), "with_staff", customers, summary)


def test_a_name_already_used_in_the_account_is_refused(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 2)
    with journal_at(tmp_path) as journal:
        send_to(engine_for(client, journal), make_spec(sandbox.url, "Taken", customers), customers)
    # Another computer (another journal) must not reuse the tag.
    with journal_at(tmp_path / "other") as journal, pytest.raises(CampaignFileError) as caught:
        engine_for(client, journal).plan(
            make_spec(sandbox.url, "TAKEN!", customers), customers=customers
        )
    assert caught.value.key == "campaign.name"


def test_a_tag_collision_in_the_journal_is_refused(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 2)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        send_to(engine, make_spec(sandbox.url, "Spring sale", customers), customers)
        # A different name that makes the same tag.
        with pytest.raises(CampaignFileError) as caught:
            engine.plan(make_spec(sandbox.url, "Spring sale!", customers), customers=customers)
    assert caught.value.key == "campaign.name"
    assert "Spring sale" in str(caught.value)


def test_resending_the_same_name_resumes_and_a_changed_definition_is_refused(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 3)
    spec = make_spec(sandbox.url, "Again", customers)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        first = send_to(engine, spec, customers)
        second = engine.send(spec)
        assert second.to_json() == first.to_json()
        changed = make_spec(sandbox.url, "Again", customers, subject="Other subject")
        with pytest.raises(CampaignFileError) as caught:
            engine.send(changed)
    assert caught.value.key == "ticket.subject"
    assert "ticket.subject" in str(caught.value)
    assert_exactly_once(sandbox.tickets(), "again", customers)


def test_unknown_macro_is_bad_input(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 1)
    spec = make_spec(sandbox.url, "Macro", customers, macro_id=1)
    with journal_at(tmp_path) as journal, pytest.raises(CampaignFileError) as caught:
        engine_for(client, journal).plan(spec, customers=customers)
    assert caught.value.key == "ticket.macro_id"


def test_unknown_group_is_bad_input(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 1)
    spec = make_spec(sandbox.url, "Group", customers, group_id=12345)
    with journal_at(tmp_path) as journal, pytest.raises(CampaignFileError) as caught:
        engine_for(client, journal).plan(spec, customers=customers)
    assert caught.value.key == "ticket.group_id"


def test_solved_and_large_warnings(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 2)
    spec = make_spec(sandbox.url, "Solved", customers, status=TicketStatus.SOLVED)
    with journal_at(tmp_path) as journal:
        plan = engine_for(client, journal).plan(spec, customers=customers)
    assert WarningKind.SOLVED_NEEDS_FIELDS in {w.kind for w in plan.warnings}


def test_view_forbidden_is_not_fatal(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url, email=LIMITED_EMAIL)
    customers = end_users(client, 2)
    spec = make_spec(sandbox.url, "No view", customers, email=LIMITED_EMAIL, view=True)
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    assert summary.state is CampaignState.FINISHED
    assert summary.created == 2
    assert summary.view_id is None
    assert summary.view_error is not None
    assert "view" in summary.view_error
    assert summary.view_error_message is not None
    assert summary.view_error_message.english() == summary.view_error


def test_a_raising_callback_never_breaks_the_campaign(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 5)

    def explode(event: CampaignEvent) -> None:
        raise RuntimeError("a bug in the progress display")

    with journal_at(tmp_path) as journal:
        summary = send_to(
            engine_for(client, journal),
            make_spec(sandbox.url, "Robust", customers),
            customers,
            on_event=explode,
        )
    assert summary.created == 5


def test_cancel_then_resume_sends_everyone_exactly_once(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.02, job_start_delay_s=0.05)
    cancel = threading.Event()
    client = make_client(sandbox.url, cancel=cancel)
    customers = end_users(client, 60)
    spec = make_spec(sandbox.url, "Cancelled", customers)

    def cancel_on_first_result(event: CampaignEvent) -> None:
        if isinstance(event, CustomerUpdated):
            cancel.set()

    # Two small jobs at a time: the campaign runs in several waves, so a cancel at the first
    # result always leaves customers unsent, however fast the machine answers.
    waves = dataclasses.replace(FAST, max_jobs_in_flight=2, max_job_size=10)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal, waves)
        stopped = send_to(engine, spec, customers, on_event=cancel_on_first_result, cancel=cancel)
        assert stopped.state is CampaignState.STOPPED
        assert 0 < stopped.created < 60
        assert journal.resumable_campaigns()[0].name == "Cancelled"
        cancel.clear()
        finished = engine.resume("Cancelled", cancel=cancel)
    assert finished.state is CampaignState.FINISHED
    assert_exactly_once(sandbox.tickets(), "cancelled", customers, finished)


def test_cancel_stops_while_its_jobs_are_still_queued(sandbox_factory: Any, tmp_path: Path) -> None:
    """Cancel ends the run at once, without waiting for the jobs in flight: here they are held in
    the queue until the test lets them run, so a run that waited for them could not return."""
    sandbox = sandbox_factory(job_start_delay_s=3600.0)
    cancel = threading.Event()
    client = make_client(sandbox.url, cancel=cancel)
    customers = end_users(client, 40)

    def cancel_once_in_flight(event: CampaignEvent) -> None:
        if isinstance(event, SendProgress) and event.counts.in_flight:
            cancel.set()

    with journal_at(tmp_path) as journal:
        summary = send_to(
            engine_for(client, journal),
            make_spec(sandbox.url, "Quick stop", customers),
            customers,
            on_event=cancel_once_in_flight,
            cancel=cancel,
        )
        assert summary.state is CampaignState.STOPPED
        # It did not sit out the queued jobs: they are still waiting, none of theirs exists.
        assert sandbox.store.job_counts().get("queued", 0) > 0
        assert len(sandbox.tickets()) < len(customers)
        # In-flight jobs stay recorded with their ids; a resume polls them.
        record = journal.find_campaign("Quick stop")
        assert record is not None
        assert journal.open_sends(record.id)
        sandbox.configure(job_start_delay_s=0.1)
        cancel.clear()
        finished = engine_for(client, journal).resume("Quick stop", cancel=cancel)
    assert_exactly_once(sandbox.tickets(), "quick_stop", customers, finished)


def test_unknown_campaign_name(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    with journal_at(tmp_path) as journal:
        with pytest.raises(UnknownCampaignError):
            engine_for(client, journal).summary("Nope")
        with pytest.raises(UnknownCampaignError):
            campaign_summary(journal, "Nope")


def test_send_resolves_the_recipients_itself_without_a_plan(sandbox: Any, tmp_path: Path) -> None:
    """The command line's path: `send(spec)` resolves `recipients.user_ids` from the account."""
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    spec = make_spec(sandbox.url, "Headless", customers)
    with journal_at(tmp_path) as journal:
        summary = engine_for(client, journal).send(spec)
    assert summary.created == 4
    assert_exactly_once(sandbox.tickets(), "headless", customers, summary)
