"""Ticket creation and updates: validation, idempotency keys, solved tickets, macros."""

from __future__ import annotations

from typing import Any

from sandbox_support import Http, end_users, ticket

from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.sandbox.data import PRODUCT_FIELD_ID


def _create(http: Http, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    return http.post("/api/v2/tickets.json", {"ticket": body}, headers)


def test_create_returns_201_with_the_ticket(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]
    reply = _create(http, ticket(customer["id"], external_id="camp-1", priority="high"))
    assert reply.status_code == 201
    created = reply.json()["ticket"]
    assert created["requester_id"] == customer["id"]
    assert created["organization_id"] == customer["organization_id"]
    assert created["status"] == "new"
    assert created["tags"] == ["renewal_november"]
    assert created["priority"] == "high"
    oracle = sandbox.tickets()
    assert [t["id"] for t in oracle] == [created["id"]]
    assert oracle[0]["comments"][0]["html_body"] == "<p>Hello</p>"
    assert oracle[0]["comments"][0]["public"] is True
    found = http.get("/api/v2/tickets.json", external_id="camp-1").json()["tickets"]
    assert [t["id"] for t in found] == [created["id"]]
    shown = http.get(f"/api/v2/tickets/{created['id']}.json").json()["ticket"]
    assert shown["subject"] == "Your plan renews soon"


def test_validation_errors_are_422_record_invalid(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    cases: list[tuple[dict[str, Any], str]] = [
        (ticket(999), "requester"),
        (ticket(customer, status="closed"), "status"),
        (ticket(customer, status="bogus"), "status"),
        (ticket(customer, priority="critical"), "priority"),
        (ticket(customer, type="bug"), "type"),
        (ticket(customer, group_id=1), "group"),
        (ticket(customer, assignee_id=customer), "assignee"),
        (ticket(customer, custom_status_id=5), "custom_status_id"),
        ({"subject": "no body", "requester_id": customer}, "description"),
        (
            ticket(customer, custom_fields=[{"id": PRODUCT_FIELD_ID, "value": "nope"}]),
            f"ticket_field_{PRODUCT_FIELD_ID}",
        ),
    ]
    for body, key in cases:
        reply = _create(http, body)
        assert reply.status_code == 422, (body, reply.text)
        assert reply.json()["error"] == "RecordInvalid"
        assert key in reply.json()["details"], (key, reply.json())
    assert sandbox.tickets() == []


def test_group_assignee_and_custom_status_rules(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    groups = http.get("/api/v2/groups.json").json()["groups"]
    support, billing = groups[0], groups[1]
    members = http.get(f"/api/v2/groups/{support['id']}/memberships.json", include="users").json()
    member_ids = {m["user_id"] for m in members["group_memberships"]}
    assert {u["id"] for u in members["users"]} == member_ids
    billing_ids = {
        m["user_id"]
        for m in http.get(f"/api/v2/groups/{billing['id']}/memberships.json").json()[
            "group_memberships"
        ]
    }
    outsider = next(iter(billing_ids - member_ids))
    wrong = _create(http, ticket(customer, group_id=support["id"], assignee_id=outsider))
    assert wrong.status_code == 422
    assignee = next(iter(member_ids - {outsider}))
    right = _create(http, ticket(customer, group_id=support["id"], assignee_id=assignee))
    assert right.status_code == 201
    assert right.json()["ticket"]["status"] == "open"
    statuses = http.get("/api/v2/custom_statuses.json").json()["custom_statuses"]
    waiting = next(s for s in statuses if s["status_category"] == "pending" and not s["default"])
    mismatch = _create(http, ticket(customer, status="open", custom_status_id=waiting["id"]))
    assert mismatch.status_code == 422
    chosen = _create(http, ticket(customer, custom_status_id=waiting["id"]))
    assert chosen.json()["ticket"]["status"] == "pending"
    inactive = next(s for s in statuses if not s["active"])
    assert _create(http, ticket(customer, custom_status_id=inactive["id"])).status_code == 422


def test_solved_needs_the_required_fields(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    fields = http.get("/api/v2/ticket_fields.json").json()["ticket_fields"]
    required = [f for f in fields if f["required"] and f["active"] and "custom_field_options" in f]
    assert [f["id"] for f in required] == [PRODUCT_FIELD_ID]
    refused = _create(http, ticket(customer, status="solved"))
    assert refused.status_code == 422
    assert "Product" in refused.json()["details"]["base"][0]["description"]
    product = {"id": PRODUCT_FIELD_ID, "value": "product_hardware"}
    solved = _create(http, ticket(customer, status="solved", custom_fields=[product]))
    assert solved.status_code == 201, solved.text
    body = solved.json()["ticket"]
    assert body["status"] == "solved"
    assert body["assignee_id"] is not None  # solving assigns the ticket to the solver
    assert "product_hardware" in body["tags"]  # a drop-down value is also a tag
    # The same rule on update.
    open_ticket = _create(http, ticket(customer)).json()["ticket"]
    update = http.put(f"/api/v2/tickets/{open_ticket['id']}.json", {"ticket": {"status": "solved"}})
    assert update.status_code == 422


def test_idempotency_key_miss_hit_and_mismatch(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    first = _create(http, ticket(customer), key="camp:42")
    assert first.status_code == 201
    assert first.headers["x-idempotency-lookup"] == "miss"
    again = _create(http, ticket(customer), key="camp:42")
    assert again.status_code == 201
    assert again.headers["x-idempotency-lookup"] == "hit"
    assert again.json()["ticket"]["id"] == first.json()["ticket"]["id"]
    other = _create(http, ticket(customer, subject="Different"), key="camp:42")
    assert other.status_code == 400
    assert other.json()["error"] == "IdempotentRequestError"
    assert len(sandbox.tickets()) == 1
    # A failed creation is not remembered: the fixed request goes through under the same key.
    assert _create(http, ticket(999), key="camp:43").status_code == 422
    assert _create(http, ticket(customer), key="camp:43").headers["x-idempotency-lookup"] == "miss"
    assert len(sandbox.tickets()) == 2


def test_update_tags_and_comments(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    created = _create(http, ticket(customer)).json()["ticket"]
    reply = http.put(
        f"/api/v2/tickets/{created['id']}.json",
        {"ticket": {"additional_tags": ["followup"], "comment": {"body": "note", "public": False}}},
    )
    assert reply.status_code == 200
    assert reply.json()["ticket"]["tags"] == ["renewal_november", "followup"]
    comments = sandbox.tickets()[0]["comments"]
    assert [c["public"] for c in comments] == [True, False]
    assert http.put("/api/v2/tickets/1.json", {"ticket": {}}).status_code == 404


def test_macros_list_and_apply(http: Http, sandbox: SandboxServer) -> None:
    macros = http.get("/api/v2/macros.json").json()["macros"]
    assert any(not m["active"] for m in macros)
    active = http.get("/api/v2/macros/active.json").json()["macros"]
    assert active == [m for m in macros if m["active"]]
    assert http.get("/api/v2/macros.json", active="true").json()["macros"] == active
    renewal = next(m for m in active if m["title"] == "Renewal follow-up")
    result = http.get(f"/api/v2/macros/{renewal['id']}/apply.json").json()["result"]
    assert result["ticket"]["status"] == "pending"
    assert result["ticket"]["additional_tags"] == ["renewal_followup", "proactive"]
    assert result["ticket"]["custom_fields"] == [
        {"id": PRODUCT_FIELD_ID, "value": "product_subscription"}
    ]
    assert result["comment"]["public"] is True
    assert "renewals team" in result["comment"]["html_body"]
    take = next(m for m in active if m["title"] == "Take it")
    me = http.get("/api/v2/users/me.json").json()["user"]
    assert (
        http.get(f"/api/v2/macros/{take['id']}/apply.json").json()["result"]["ticket"][
            "assignee_id"
        ]
        == me["id"]
    )
    # Applying never changes a ticket; the ticket-specific form shows the ticket after it.
    customer = end_users(sandbox)[0]["id"]
    created = _create(http, ticket(customer)).json()["ticket"]
    after = http.get(f"/api/v2/tickets/{created['id']}/macros/{renewal['id']}/apply.json")
    assert after.json()["result"]["ticket"]["tags"] == [
        "renewal_november",
        "renewal_followup",
        "proactive",
    ]
    assert sandbox.tickets()[0]["tags"] == ["renewal_november"]
    # Sending the changes back as an update is what applies them.
    update = http.put(f"/api/v2/tickets/{created['id']}.json", {"ticket": result["ticket"]})
    assert update.status_code == 200, update.text
    assert update.json()["ticket"]["status"] == "pending"


def test_lookups_for_the_compose_page(http: Http) -> None:
    user_fields = http.get("/api/v2/user_fields.json").json()["user_fields"]
    keys = {f["key"]: f for f in user_fields}
    assert {"plan", "renewal_date", "city", "customer_since", "newsletter", "account_manager"} <= (
        keys.keys()
    )
    assert [o["value"] for o in keys["plan"]["custom_field_options"]] == [
        "basic",
        "standard",
        "premium",
        "enterprise",
    ]
    org_fields = http.get("/api/v2/organization_fields.json").json()["organization_fields"]
    assert {f["key"] for f in org_fields} >= {"region", "tier"}
    forms = http.get("/api/v2/ticket_forms.json").json()["ticket_forms"]
    assert sum(f["default"] for f in forms) == 1
    statuses = http.get("/api/v2/custom_statuses.json").json()["custom_statuses"]
    assert {s["status_category"] for s in statuses if s["default"]} == {
        "new",
        "open",
        "pending",
        "hold",
        "solved",
    }
    small_pages = http.get("/api/v2/ticket_fields.json", per_page=5).json()
    assert len(small_pages["ticket_fields"]) == 5
    assert small_pages["next_page"]
