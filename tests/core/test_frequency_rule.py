"""`skip_contacted_within_days` against the sandbox: tickets of any campaign, found in the account
(so another computer's campaigns count), within the window only, naming the campaign."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from engine_support import end_users, engine_for, journal_at, make_client, make_spec

from proactive_desktop.core.campaign_file import (
    definition_dict,
    dump_campaign_file,
    loads_campaign,
)
from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.core.payload import PROACTIVE_TAG


def _with_frequency_rule(spec: Any, days: int) -> Any:
    return dataclasses.replace(
        spec,
        recipients=dataclasses.replace(spec.recipients, skip_contacted_within_days=days),
    )


def test_every_ticket_carries_the_shared_proactive_tag(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 3)
    spec = make_spec(sandbox.url, "Shared tag", customers, tags=("renewal",))
    with journal_at(tmp_path) as journal:
        engine_for(client, journal).send(spec)
    tickets = [t for t in sandbox.tickets() if "shared_tag" in t["tags"]]
    assert len(tickets) == 3
    assert all(PROACTIVE_TAG in t["tags"] and "renewal" in t["tags"] for t in tickets)


def test_customers_contacted_by_another_computer_are_skipped_naming_the_campaign(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 6)
    earlier, untouched = customers[:3], customers[3:]
    # The first campaign is sent from another data folder: this journal knows nothing of it.
    with journal_at(tmp_path / "other-computer") as journal:
        engine_for(client, journal).send(make_spec(sandbox.url, "October news", earlier))

    spec = _with_frequency_rule(make_spec(sandbox.url, "November news", customers), 30)
    with journal_at(tmp_path / "this-computer") as journal:
        plan = engine_for(client, journal).plan(spec)
    by_user = {each.user_id: each for each in plan.recipients}
    for customer in earlier:
        skipped = by_user[customer.id]
        assert not skipped.will_send
        # Only the tag is known here; the reason still names that campaign.
        assert skipped.skip_reason == 'contacted by campaign "october_news" in the last 30 days'
        assert skipped.skip_message is not None
    assert all(by_user[c.id].will_send for c in untouched)
    assert plan.ticket_count == 3


def test_the_journal_names_its_own_campaigns_and_old_tickets_do_not_count(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        engine.send(make_spec(sandbox.url, "Renewal: Summer", customers[:2]))
        old = next(t for t in sandbox.tickets() if t["requester_id"] == customers[0].id)
        sandbox.backdate_ticket(old["id"], days=45)

        spec = _with_frequency_rule(make_spec(sandbox.url, "Renewal: Winter", customers), 30)
        plan = engine.plan(spec)
        by_user = {each.user_id: each for each in plan.recipients}
        assert by_user[customers[0].id].will_send, "45 days ago is outside 30 days"
        assert by_user[customers[1].id].skip_reason == (
            'contacted by campaign "Renewal: Summer" in the last 30 days'
        )
        summary = engine.send(spec, plan)
    skipped = [o for o in summary.customers if o.status is CustomerStatus.SKIPPED]
    assert [o.user_id for o in skipped] == [customers[1].id]


def test_a_test_ticket_and_a_hand_tagged_ticket_are_told_apart(
    sandbox: Any, tmp_path: Path
) -> None:
    """Only the shared tag counts; a ticket someone tagged by hand shows its other tag."""
    client = make_client(sandbox.url)
    customer = end_users(client, 1)[0]
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plain = make_spec(sandbox.url, "Hand made", [customer])
        ticket = dict(engine.plan(plain).recipients[0].ticket or {})
        ticket["tags"] = [PROACTIVE_TAG, "vip_outreach"]
        ticket.pop("external_id")
        client.create_ticket(ticket, idempotency_key="hand-made-1")
        spec = _with_frequency_rule(make_spec(sandbox.url, "Next", [customer]), 7)
        plan = engine.plan(spec)
    assert plan.recipients[0].skip_reason == (
        'contacted by campaign "vip_outreach" in the last 7 days'
    )


def test_the_rule_is_part_of_the_definition_and_of_the_file() -> None:
    text = """
[connection]
url = "https://acme.zendesk.com"
email = "admin@acme.example"
[campaign]
name = "Renewal"
[recipients]
user_ids = [1]
skip_contacted_within_days = 14
[ticket]
subject = "s"
body = "b"
"""
    spec = loads_campaign(text, None)
    assert spec.recipients.skip_contacted_within_days == 14
    assert definition_dict(spec)["recipients"]["skip_contacted_within_days"] == 14
    assert loads_campaign(dump_campaign_file(spec), None) == spec
    without = loads_campaign(text.replace("skip_contacted_within_days = 14\n", ""), None)
    assert without.recipients.skip_contacted_within_days is None


@pytest.mark.parametrize("value", ["0", "-3", "true", '"30"', "3651", "1.5"])
def test_a_bad_number_of_days_is_refused_naming_the_key(value: str) -> None:
    text = (
        '[connection]\nurl = "acme"\nemail = "a@b.example"\n[campaign]\nname = "R"\n'
        f"[recipients]\nuser_ids = [1]\nskip_contacted_within_days = {value}\n"
        '[ticket]\nsubject = "s"\nbody = "b"\n'
    )
    with pytest.raises(CampaignFileError) as raised:
        loads_campaign(text, None)
    assert raised.value.key == "recipients.skip_contacted_within_days"
