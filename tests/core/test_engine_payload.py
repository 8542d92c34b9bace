"""The ticket body per customer: campaign fields, identities, and the macro merge."""

from __future__ import annotations

from proactive_desktop.core.engine import estimate_seconds
from proactive_desktop.core.models import TicketPriority, TicketSpec, TicketStatus, TicketType
from proactive_desktop.core.payload import (
    base_ticket,
    external_id,
    idempotency_key,
    macro_comment,
    merge_macro,
    ticket_tags,
)


def _spec(**changes: object) -> TicketSpec:
    values: dict[str, object] = {"subject": "Hi", "body": "Body", "tags": ("Renewal", "VIP!")}
    values.update(changes)
    return TicketSpec(**values)  # type: ignore[arg-type]


def test_base_ticket_carries_the_campaign_fields() -> None:
    spec = _spec(
        public=False,
        status=TicketStatus.PENDING,
        priority=TicketPriority.HIGH,
        type=TicketType.TASK,
        group_id=5,
        assignee_id=6,
        custom_status_id=7,
    )
    body = base_ticket(spec, tag="renewal_nov", user_id=42, subject="S", html_body="<p>B</p>")
    assert body == {
        "subject": "S",
        "comment": {"html_body": "<p>B</p>", "public": False},
        "requester_id": 42,
        "status": "pending",
        "custom_status_id": 7,
        "priority": "high",
        "type": "task",
        "group_id": 5,
        "assignee_id": 6,
        "tags": ["renewal_nov", "proactive_campaign", "renewal", "vip"],
        "external_id": external_id("renewal_nov", 42),
    }


def test_optional_fields_are_left_out() -> None:
    body = base_ticket(_spec(tags=()), tag="t", user_id=1, subject="S", html_body="B")
    assert set(body) == {"subject", "comment", "requester_id", "status", "tags", "external_id"}
    assert body["tags"] == ["t", "proactive_campaign"]


def test_identities_are_stable_and_distinct_per_campaign_and_customer() -> None:
    assert external_id("a", 1) == external_id("a", 1)
    assert external_id("a", 1) != external_id("a", 2)
    assert external_id("a", 1) != external_id("b", 1)
    assert idempotency_key("a", 1) == idempotency_key("a", 1)
    assert idempotency_key("a", 1) != idempotency_key("b", 1)
    assert len(external_id("とても長いキャンペーン名" * 20, 10**12)) < 64


def test_extra_tags_are_normalised_and_deduplicated() -> None:
    assert ticket_tags(_spec(tags=("renewal_nov", "A b", "a_b")), "renewal_nov") == [
        "renewal_nov",
        "proactive_campaign",
        "a_b",
    ]


def test_macro_wins_on_fields_and_only_adds_tags() -> None:
    body = base_ticket(
        _spec(priority=TicketPriority.LOW), tag="c", user_id=1, subject="S", html_body="B"
    )
    merged = merge_macro(
        body,
        {
            "priority": "urgent",
            "group_id": 9,
            "tags": ["from_set"],
            "additional_tags": ["added"],
            "remove_tags": ["renewal", "c", "proactive_campaign"],
            "requester_id": 999,
            "custom_fields": [{"id": 3, "value": "x"}],
        },
    )
    assert merged["priority"] == "urgent"
    assert merged["group_id"] == 9
    assert merged["requester_id"] == 1  # never from the macro
    # The campaign tag and the shared tag survive a removal; other tags are added.
    assert merged["tags"] == ["c", "proactive_campaign", "vip", "from_set", "added"]
    assert merged["custom_fields"] == [{"id": 3, "value": "x"}]
    assert body["priority"] == "low"  # the input is not changed


def test_macro_status_replaces_a_custom_status_and_vice_versa() -> None:
    body = base_ticket(_spec(custom_status_id=7), tag="c", user_id=1, subject="S", html_body="B")
    assert "custom_status_id" not in merge_macro(body, {"status": "solved"})
    assert "status" not in merge_macro(body, {"custom_status_id": 8})


def test_macro_comment_keeps_its_visibility_else_the_campaigns() -> None:
    assert macro_comment(None, public=True) is None
    assert macro_comment({"public": False}, public=True) is None
    assert macro_comment({"html_body": "<p>x</p>", "body": "x", "public": False}, public=True) == {
        "html_body": "<p>x</p>",
        "public": False,
    }
    assert macro_comment({"body": "x"}, public=False) == {"body": "x", "public": False}


def test_estimate_bulk_is_far_below_one_request_per_ticket() -> None:
    bulk = estimate_seconds(1000, budget_per_minute=320, seconds_per_ticket=0.15, parallel_jobs=30)
    single = estimate_seconds(
        1000,
        budget_per_minute=320,
        seconds_per_ticket=0.15,
        parallel_jobs=30,
        single_requests=True,
        updates_per_minute=80,
    )
    assert 5 < bulk < 30
    assert single >= 1000 * 60 / 80
    assert estimate_seconds(0, budget_per_minute=1, seconds_per_ticket=1, parallel_jobs=1) == 0
