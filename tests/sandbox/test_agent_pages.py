"""The agent pages behind the links the program shows for the sandbox: a ticket (subject,
requester, the comment as sent, tags, status) and a view (its tickets), read-only, no sign-in,
everything escaped."""

from __future__ import annotations

import html
from typing import Any

import requests
from sandbox_support import TIMEOUT, Http, end_users, ticket

from proactive_desktop.sandbox import SandboxServer

HOSTILE = '<script>alert("x")</script> & friends'


def browser_get(sandbox: SandboxServer, path: str) -> requests.Response:
    """As a browser opens a link: no credentials."""
    return requests.get(f"{sandbox.url}{path}", timeout=TIMEOUT)


def create_ticket(http: Http, requester_id: int, **extra: Any) -> dict[str, Any]:
    reply = http.post("/api/v2/tickets.json", {"ticket": ticket(requester_id, **extra)})
    assert reply.status_code == 201, reply.text
    created: dict[str, Any] = reply.json()["ticket"]
    return created


def test_a_ticket_page_shows_what_was_sent(http: Http, sandbox: SandboxServer) -> None:
    requester = end_users(sandbox)[0]
    created = create_ticket(
        http,
        requester["id"],
        subject=f"Renewal {HOSTILE}",
        comment={"html_body": f"<p>Hello {HOSTILE}</p>", "public": True},
        tags=["renewal_november", "vip"],
        status="pending",
    )
    page = browser_get(sandbox, f"/agent/tickets/{created['id']}")
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    text = page.text
    assert f"#{created['id']}" in text
    assert html.escape(f"Renewal {HOSTILE}") in text
    assert html.escape(requester["name"]) in text
    assert html.escape(requester["email"]) in text
    assert html.escape(f"<p>Hello {HOSTILE}</p>") in text  # the comment's HTML, as sent
    assert "renewal_november" in text
    assert "vip" in text
    assert "pending" in text
    assert "<script>" not in text  # nothing from the data becomes markup


def test_a_view_page_lists_its_tickets(http: Http, sandbox: SandboxServer) -> None:
    users = end_users(sandbox)
    mine = [create_ticket(http, users[n]["id"], subject=f"Mine {n}") for n in range(3)]
    other = create_ticket(http, users[3]["id"], subject="Not mine", tags=["other_campaign"])
    reply = http.post(
        "/api/v2/views.json",
        {
            "view": {
                "title": f"Campaign: {HOSTILE}",
                "all": [
                    {"field": "status", "operator": "less_than", "value": "closed"},
                    {"field": "current_tags", "operator": "includes", "value": "renewal_november"},
                ],
            }
        },
    )
    assert reply.status_code == 201
    page = browser_get(sandbox, f"/agent/filters/{reply.json()['view']['id']}")
    assert page.status_code == 200
    text = page.text
    assert html.escape(f"Campaign: {HOSTILE}") in text
    for each in mine:
        assert f'href="/agent/tickets/{each["id"]}"' in text
    assert f'/agent/tickets/{other["id"]}"' not in text
    assert "3 ticket(s)" in text
    assert "<script>" not in text


def test_unknown_pages_are_404_and_nothing_else_is_answered(sandbox: SandboxServer) -> None:
    for path in ("/agent/tickets/999999", "/agent/filters/999999", "/agent/anything"):
        page = browser_get(sandbox, path)
        assert page.status_code == 404
        assert page.headers["Content-Type"].startswith("text/html")
    # Read-only: nothing but GET.
    assert requests.post(f"{sandbox.url}/agent/tickets/1", timeout=TIMEOUT).status_code != 200


def test_a_withdrawn_ticket_shows_its_note_and_a_deleted_one_says_so(
    http: Http, sandbox: SandboxServer
) -> None:
    solved, gone = (create_ticket(http, user["id"]) for user in end_users(sandbox)[:2])
    note = f"Sent by mistake {HOSTILE}"
    reply = http.put(
        f"/api/v2/tickets/{solved['id']}.json",
        {"ticket": {"comment": {"body": note, "public": False}}},
    )
    assert reply.status_code == 200
    page = browser_get(sandbox, f"/agent/tickets/{solved['id']}")
    assert "Later: internal note" in page.text
    assert html.escape(note) in page.text
    assert "<script>" not in page.text
    assert sandbox.delete_ticket(gone["id"])
    deleted = browser_get(sandbox, f"/agent/tickets/{gone['id']}")
    assert deleted.status_code == 404
    assert "was deleted" in deleted.text
    assert "30 days" in deleted.text
    assert "There is no ticket" in browser_get(sandbox, "/agent/tickets/999999").text
