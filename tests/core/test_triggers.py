"""The pre-flight trigger check against the sandbox's triggers (Zendesk's standard notifications,
a routing rule, a rule on a customer field, a retired rule) and on its own logic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine_support import end_users, engine_for, journal_at, make_client, make_spec

from proactive_desktop.core.engine import WarningKind
from proactive_desktop.core.triggers import Creator, TriggerEffect, check_triggers
from proactive_desktop.core.zendesk.types import Trigger

NOTIFY_PROACTIVE = "Notify requester of new proactive ticket"


def _findings(sandbox: Any, tmp_path: Path, **ticket: Any) -> dict[str, Any]:
    client = make_client(sandbox.url)
    customers = end_users(client, 3)
    with journal_at(tmp_path) as journal:
        plan = engine_for(client, journal).plan(
            make_spec(sandbox.url, "Trigger check", customers, **ticket), with_triggers=True
        )
    assert plan.triggers is not None
    return {"plan": plan, **{each.title: each for each in plan.triggers}}


def test_the_proactive_notification_will_email_every_customer(sandbox: Any, tmp_path: Path) -> None:
    found = _findings(sandbox, tmp_path)
    notify = found[NOTIFY_PROACTIVE]
    assert notify.acts is TriggerEffect.WILL
    assert notify.emails_requester is True
    agents = found["Notify all agents of received request"]
    assert agents.acts is TriggerEffect.WILL
    assert agents.emails_requester is False
    # Condition on the requester's own field: cannot be known before the ticket exists.
    premium = found["Premium customers: high priority"]
    assert premium.acts is TriggerEffect.MAY
    assert premium.undecided == ("requester.custom_fields.plan",)
    # Certainly not: created by an agent (not an end-user), no billing tag, the retired one.
    assert "Notify requester and CCs of received request" not in found
    assert "Route billing questions" not in found
    assert "Survey after solving (retired)" not in found
    kinds = [warning.kind for warning in found["plan"].warnings]
    assert WarningKind.TRIGGER_EMAILS in kinds


def test_an_internal_note_is_not_emailed_and_a_tag_routes(sandbox: Any, tmp_path: Path) -> None:
    found = _findings(sandbox, tmp_path, public=False, tags=("Invoice",))
    assert NOTIFY_PROACTIVE not in found
    assert found["Route billing questions"].acts is TriggerEffect.WILL
    kinds = [warning.kind for warning in found["plan"].warnings]
    assert WarningKind.TRIGGER_EMAILS not in kinds


def test_unreadable_triggers_are_a_warning_not_a_stop(sandbox: Any, tmp_path: Path) -> None:
    fault = sandbox.faults.inject(
        "server_error", method="GET", path="/api/v2/triggers/active", status=500, count=20
    )
    client = make_client(sandbox.url)
    customers = end_users(client, 2)
    with journal_at(tmp_path) as journal:
        plan = engine_for(client, journal).plan(
            make_spec(sandbox.url, "No triggers", customers), with_triggers=True
        )
    assert fault.fired > 0
    assert plan.triggers is None
    assert plan.ticket_count == 2
    assert WarningKind.TRIGGERS_UNKNOWN in [warning.kind for warning in plan.warnings]


def _trigger(all_conditions: list[dict[str, Any]], any_conditions: list[dict[str, Any]]) -> Trigger:
    return Trigger(
        id=1,
        title="t",
        all_conditions=tuple(all_conditions),
        any_conditions=tuple(any_conditions),
        actions=({"field": "notification_user", "value": ["requester_and_ccs", "s", "b"]},),
    )


def _ticket(subject: str, **fields: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "comment": {"html_body": "<p>Your plan</p>", "public": True},
        "requester_id": 7,
        "status": "open",
        "tags": ["c", "proactive_campaign"],
        **fields,
    }


AGENT = Creator(user_id=1, role="agent")


def test_words_decided_per_customer_make_a_trigger_may_act() -> None:
    words = _trigger(
        [{"field": "subject_includes_word", "operator": "includes", "value": "vip"}], []
    )
    every = check_triggers([words], [_ticket("VIP renewal"), _ticket("vip plan")], AGENT)
    assert [each.acts for each in every] == [TriggerEffect.WILL]
    assert every[0].emails_requester
    some = check_triggers([words], [_ticket("VIP renewal"), _ticket("Renewal")], AGENT)
    assert [each.acts for each in some] == [TriggerEffect.MAY]
    none = check_triggers([words], [_ticket("Renewal")], AGENT)
    assert none == ()


def test_any_conditions_and_orders() -> None:
    trigger = _trigger(
        [{"field": "status", "operator": "less_than", "value": "pending"}],
        [
            {"field": "priority", "operator": "greater_than", "value": "normal"},
            {"field": "via_id", "operator": "is", "value": 5},
        ],
    )
    assert check_triggers([trigger], [_ticket("s", priority="low")], AGENT)[0].acts == "will"
    pending = _ticket("s", status="pending")
    assert check_triggers([trigger], [pending], AGENT) == ()
    unknown = _trigger([{"field": "organization_id", "operator": "is", "value": 3}], [])
    assert check_triggers([unknown], [_ticket("s")], AGENT)[0].undecided == ("organization_id",)
    assert check_triggers([unknown], [], AGENT) == ()
