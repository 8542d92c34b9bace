"""ZendeskClient against the sandbox over real loopback HTTP: calls, parsing, pagination, jobs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from zendesk_helpers import client_for

from proactive_desktop.core.errors import (
    AuthenticationError,
    IdempotencyConflictError,
    PermissionDeniedError,
    SearchLimitError,
    ValidationError,
)
from proactive_desktop.core.models import Customer
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient, parse_customer
from proactive_desktop.core.zendesk.types import JobState
from proactive_desktop.sandbox import (
    DEMO_EMAIL,
    DEMO_TOKEN,
    LEAD_EMAIL,
    LIMITED_EMAIL,
    SandboxServer,
)

SandboxFactory = Callable[..., SandboxServer]


def admin(sandbox: SandboxServer) -> ZendeskClient:
    return client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)


def a_customer(client: ZendeskClient) -> Customer:
    page = client.search_users("role:end-user -is_suspended:true", per_page=5)
    return page.customers[0]


def ticket_body(customer: Customer, **extra: Any) -> dict[str, Any]:
    return {
        "subject": "Your plan renews soon",
        "comment": {"html_body": "<p>Hello</p>", "public": True},
        "requester_id": customer.id,
        "tags": ["renewal_test"],
        **extra,
    }


# -- who is signed in ----------------------------------------------------------------------------


def test_me_returns_the_signed_in_agent(sandbox: SandboxServer) -> None:
    agent = admin(sandbox).me()
    assert agent.email == DEMO_EMAIL
    assert agent.role == "admin"
    assert agent.id > 0


def test_agent_without_time_zone_is_fine(sandbox: SandboxServer) -> None:
    agent = client_for(sandbox.url, LIMITED_EMAIL, DEMO_TOKEN).me()
    assert agent.role == "agent"
    assert agent.time_zone is None


def test_wrong_token_anonymous_200_is_refused(sandbox: SandboxServer) -> None:
    # The trap itself: users/me really answers 200 with an anonymous user for a wrong token.
    raw = requests.get(
        f"{sandbox.url}/api/v2/users/me", auth=(f"{DEMO_EMAIL}/token", "wrong"), timeout=5
    )
    assert raw.status_code == 200
    assert raw.json()["user"]["id"] is None

    with pytest.raises(AuthenticationError) as caught:
        client_for(sandbox.url, DEMO_EMAIL, "wrong-token").me()
    assert "did not accept the email address and API token" in str(caught.value)
    assert sandbox.url.removeprefix("http://") in str(caught.value)


def test_wrong_token_elsewhere_is_401(sandbox: SandboxServer) -> None:
    with pytest.raises(AuthenticationError):
        client_for(sandbox.url, DEMO_EMAIL, "wrong-token").user_fields()
    assert sandbox.stats()["statuses"].get("401") == 1  # not retried


def test_end_user_credentials_are_refused(sandbox: SandboxServer) -> None:
    customer = a_customer(admin(sandbox))
    assert customer.email
    with pytest.raises(AuthenticationError, match="not an agent or administrator"):
        client_for(sandbox.url, customer.email, DEMO_TOKEN).me()


def test_permissions_by_role(sandbox: SandboxServer) -> None:
    assert admin(sandbox).permissions().can_manage_shared_views is True
    limited = client_for(sandbox.url, LIMITED_EMAIL, DEMO_TOKEN).permissions()
    assert limited.role == "agent"
    assert limited.can_manage_shared_views is False
    assert limited.custom_role_id is not None
    assert client_for(sandbox.url, LEAD_EMAIL, DEMO_TOKEN).permissions().can_manage_shared_views


def test_403_carries_zendesks_message(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, LIMITED_EMAIL, DEMO_TOKEN)
    with pytest.raises(PermissionDeniedError) as caught:
        client.create_view("Campaign", "campaign_tag")
    error = caught.value
    assert error.zendesk_message
    assert error.zendesk_message in str(error)
    assert error.message.context == "Errors"
    assert sandbox.views() == []


# -- finding customers -----------------------------------------------------------------------


def test_search_page_and_count(sandbox: SandboxServer) -> None:
    page = admin(sandbox).search_users("role:end-user", per_page=50)
    assert len(page.customers) == 50
    assert page.count >= 300
    assert page.next_page == 2
    assert all(c.role == "end-user" for c in page.customers)


def test_search_knows_the_1000_cap(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(customers=1200)
    client = admin(sandbox)
    first = client.search_users("role:end-user")
    assert first.count >= 1200
    assert first.capped
    last = client.search_users("role:end-user", page=10)
    assert len(last.customers) == 100
    assert last.next_page is None  # page 11 would be past the cap
    with pytest.raises(SearchLimitError, match="export"):
        client.search_users("role:end-user", page=11)
    # Zendesk's own 422 for an odd page size maps to the same error.
    with pytest.raises(SearchLimitError):
        client.search_users("role:end-user", page=34, per_page=30)


def test_export_has_no_cap_and_follows_cursors(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(customers=1200)
    client = admin(sandbox)
    pages = list(client.export_users("role:end-user", page_size=500))
    assert len(pages) >= 3
    ids = [c.id for page in pages for c in page]
    assert len(ids) == len(set(ids))
    expected = {u["id"] for u in sandbox.users() if u["role"] == "end-user"}
    assert set(ids) == expected
    assert len(ids) > 1000
    assert client.count_users("role:end-user") == len(expected)


def test_users_parse_every_field(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    raw = next(u for u in sandbox.users() if u["role"] == "end-user" and u["organization_id"])
    [customer] = client.show_many_users([raw["id"]])
    assert customer.id == raw["id"]
    assert customer.email == raw["email"]
    assert customer.organization_id == raw["organization_id"]
    assert customer.tags == tuple(raw["tags"])
    assert dict(customer.user_fields) == raw["user_fields"]
    assert customer.suspended is raw["suspended"]


def test_show_many_chunks_and_deduplicates(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    ids = [u["id"] for u in sandbox.users()][:250]
    found = client.show_many_users([*ids, *ids[:10], 999_999])
    assert [c.id for c in found] == ids
    assert sandbox.stats()["requests"]["GET /api/v2/users/show_many"] == 3


def test_find_users_by_email_is_exact(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    assert customer.email
    found = client.find_users_by_email(customer.email.upper())
    assert [c.id for c in found] == [customer.id]
    assert client.find_users_by_email("nobody-here@example.invalid") == []


def test_organizations_show_many(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    org_ids = {u["organization_id"] for u in sandbox.users() if u["organization_id"]}
    organizations = client.show_many_organizations(sorted(org_ids))
    assert {o.id for o in organizations} == org_ids
    assert all(o.name for o in organizations)


def test_definitions_for_the_compose_page(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    fields = client.user_fields()
    assert "plan" in {f.key for f in fields}
    assert client.organization_fields()
    groups = client.groups()
    assert groups
    members = client.group_members(groups[0].id)
    assert members
    assert all(m.role in ("agent", "admin") for m in members)
    assert client.custom_statuses()
    assert any(f.type == "tagger" and f.options for f in client.ticket_fields())
    macros = client.macros()
    assert macros
    assert all(m.active for m in macros)
    changes = client.apply_macro(macros[0].id)
    assert changes.ticket or changes.comment


def test_parsing_ten_thousand_users_is_fast() -> None:

    raw = [
        {
            "id": 1000 + i,
            "name": f"User {i}",
            "email": f"u{i}@example.com",
            "role": "end-user",
            "organization_id": 77,
            "suspended": False,
            "active": True,
            "tags": ["a", "b"],
            "user_fields": {"plan": "premium", "renewal": "2027-01-01"},
            "locale": "en-US",
            "time_zone": "Tokyo",
        }
        for i in range(10_000)
    ]
    customers = [parse_customer(user) for user in raw]  # how fast: bench/bench_speeds.py
    assert len(customers) == len(raw)
    assert customers[-1].tags == ("a", "b")
    assert customers[-1].user_fields["plan"] == "premium"


# -- tickets ---------------------------------------------------------------------------------


def test_create_ticket_idempotency_miss_then_hit(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    body = ticket_body(customer, external_id="camp-1-user")
    first = client.create_ticket(body, idempotency_key="camp-1:user")
    assert not first.idempotency_hit
    assert first.requester_id == customer.id
    again = client.create_ticket(body, idempotency_key="camp-1:user")
    assert again.idempotency_hit
    assert again.id == first.id
    assert len(sandbox.tickets()) == 1
    assert client.ticket_url(first.id) == f"{sandbox.url}/agent/tickets/{first.id}"


def test_same_idempotency_key_with_another_body_is_a_conflict(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    client.create_ticket(ticket_body(customer), idempotency_key="camp-2:user")
    with pytest.raises(IdempotencyConflictError) as caught:
        client.create_ticket(
            ticket_body(customer, subject="Changed"), idempotency_key="camp-2:user"
        )
    assert caught.value.status_code == 400
    assert len(sandbox.tickets()) == 1


def test_422_details_are_summarised(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    with pytest.raises(ValidationError) as caught:
        client.create_ticket(
            {"subject": "x", "comment": {"body": "x"}, "requester_id": 1, "status": "nonsense"},
            idempotency_key="camp-3:user",
        )
    error = caught.value
    assert error.details
    # Readable, not raw JSON.
    assert "{" not in error.details
    assert "[" not in error.details
    assert error.details in str(error)
    assert sandbox.tickets() == []


def test_create_many_and_job_statuses(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    tickets = [ticket_body(customer, external_id=f"job-{i}") for i in range(5)]
    tickets[3] = {"subject": "bad", "comment": {"body": "x"}, "requester_id": 1}
    job = client.create_many_tickets(tickets)
    assert isinstance(job.id, str)
    assert job.status in (JobState.QUEUED, JobState.WORKING)
    assert sandbox.wait_for_jobs(10)
    done = client.job_status(job.id)
    assert done.is_finished
    assert done.total == 5
    by_index = {r.index: r for r in done.results}
    assert sorted(by_index) == [0, 1, 2, 3, 4]
    assert by_index[3].ticket_id is None
    assert by_index[3].error
    created = {r.ticket_id for i, r in by_index.items() if i != 3}
    assert None not in created
    assert {t["id"] for t in sandbox.tickets()} == created
    [again] = client.job_statuses([job.id, job.id])
    assert again.id == job.id


def test_tickets_by_external_id_follows_offset_pages(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    for batch in range(2):
        client.create_many_tickets(
            [
                ticket_body(customer, external_id="same-ext")
                for _ in range(100 if batch == 0 else 30)
            ]
        )
    assert sandbox.wait_for_jobs(20)
    refs = client.tickets_by_external_id("same-ext")
    assert len(refs) == 130
    assert len({r.id for r in refs}) == 130
    assert sandbox.stats()["requests"]["GET /api/v2/tickets"] == 2


def test_tickets_with_tag_uses_the_export(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    customer = a_customer(client)
    client.create_many_tickets([ticket_body(customer, tags=["tagged_x"]) for _ in range(7)])
    client.create_ticket(ticket_body(customer, tags=["other"]), idempotency_key="k-other")
    assert sandbox.wait_for_jobs(10)
    refs = [ref for page in client.tickets_with_tag("tagged_x") for ref in page]
    assert len(refs) == 7
    assert all("tagged_x" in ref.tags and ref.requester_id == customer.id for ref in refs)


def test_update_ticket_and_create_view(sandbox: SandboxServer) -> None:
    client = admin(sandbox)
    created = client.create_ticket(ticket_body(a_customer(client)), idempotency_key="k-upd")
    client.update_ticket(created.id, {"status": "pending"})
    assert sandbox.tickets()[0]["status"] == "pending"
    view_id = client.create_view("Renewal test", "renewal_test")
    [view] = sandbox.views()
    assert view["id"] == view_id
    assert client.view_url(view_id).endswith(f"/agent/filters/{view_id}")


def test_pagination_links_never_leave_the_account(sandbox: SandboxServer) -> None:
    """A next link naming another host is followed on this account's host only."""
    client = admin(sandbox)
    assert client._url("https://evil.example/api/v2/users.json?page=2") == (
        f"{sandbox.url}/api/v2/users.json?page=2"
    )


def test_client_repr_hides_credentials(sandbox: SandboxServer) -> None:
    client = ZendeskClient(sandbox.url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)))
    assert DEMO_TOKEN not in repr(client)
    assert DEMO_TOKEN not in repr(vars(client))
