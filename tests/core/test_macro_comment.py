"""A macro's comment costs no update where it need not: same visibility → the first comment.

Applying a macro while composing puts its text into the comment being written; the engine does
the same at creation when the macro's comment has the campaign comment's visibility (0 updates,
bulk jobs). Only an internal note on a public ticket (or the reverse) needs an update after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine_support import (
    assert_exactly_once,
    end_users,
    engine_for,
    journal_at,
    make_client,
    make_spec,
    send_to,
)

from proactive_desktop.core.engine import WarningKind
from proactive_desktop.core.zendesk.client import ZendeskClient

RENEWAL_TEXT = "Our renewals team will contact you within two business days."


def macro_id(client: ZendeskClient, title: str) -> int:
    return next(m.id for m in client.macros() if m.title == title)


def test_a_public_macro_comment_on_public_tickets_is_in_the_first_comment(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 12)
    spec = make_spec(
        sandbox.url, "Merged", customers, macro_id=macro_id(client, "Renewal follow-up")
    )
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers)
        assert plan.followup is None
        assert WarningKind.MACRO_UPDATES not in {w.kind for w in plan.warnings}
        # The preview shows what the customer gets: both texts.
        assert RENEWAL_TEXT in (
            plan.recipients[0].rendered.html_body if plan.recipients[0].rendered else ""
        )
        summary = engine.send(spec, plan)
    tickets = sandbox.tickets()
    assert_exactly_once(tickets, spec.tag, customers, summary)
    requests = sandbox.stats()["requests"]
    assert requests.get("PUT /api/v2/tickets/{id}", 0) == 0
    assert requests.get("POST /api/v2/tickets/create_many", 0) >= 1
    for ticket in tickets:
        [comment] = ticket["comments"]
        assert comment["public"] is True
        assert comment["html_body"].count(RENEWAL_TEXT) == 1
        assert comment["html_body"].index("plan") < comment["html_body"].index(RENEWAL_TEXT)
        # The macro's field changes were merged as before.
        assert ticket["priority"] == "high"


def test_an_internal_macro_note_on_internal_tickets_is_in_the_first_comment(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 5)
    spec = make_spec(
        sandbox.url,
        "Internal merged",
        customers,
        public=False,
        macro_id=macro_id(client, "Escalate to Tier 2"),
    )
    with journal_at(tmp_path) as journal:
        summary = send_to(engine_for(client, journal), spec, customers)
    tickets = sandbox.tickets()
    assert_exactly_once(tickets, spec.tag, customers, summary)
    assert sandbox.stats()["requests"].get("PUT /api/v2/tickets/{id}", 0) == 0
    for ticket in tickets:
        [comment] = ticket["comments"]
        assert comment["public"] is False
        assert comment["html_body"].count("Escalated to Tier 2 for review.") == 1


def test_an_internal_macro_note_on_public_tickets_still_needs_its_update(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    spec = make_spec(
        sandbox.url, "Mixed", customers, macro_id=macro_id(client, "Escalate to Tier 2")
    )
    with journal_at(tmp_path) as journal:
        engine = engine_for(client, journal)
        plan = engine.plan(spec, customers=customers)
        assert plan.followup is not None
        assert WarningKind.MACRO_UPDATES in {w.kind for w in plan.warnings}
        summary = engine.send(spec, plan)
    tickets = sandbox.tickets()
    assert_exactly_once(tickets, spec.tag, customers, summary)
    assert sandbox.stats()["requests"].get("PUT /api/v2/tickets/{id}", 0) == 4
    for ticket in tickets:
        first, note = ticket["comments"]
        assert first["public"] is True
        assert "Escalated" not in first["html_body"]
        assert note["public"] is False
        assert note["html_body"].count("Escalated to Tier 2 for review.") == 1
