"""A test ticket to the admin: the very ticket a chosen customer would get, sent to oneself.

Before a campaign reaches hundreds of customers the admin wants to see the email they will get —
as the customer's mail program shows it, after the account's triggers have acted. The test ticket
is the campaign's ticket for one customer (subject and body rendered for them, the macro's
changes, every field), with two differences:

- its requester is the signed-in agent, or the end-user with an address the admin typed
  (Zendesk finds or creates them). Zendesk does not notify agents of tickets they opened for
  themselves, so to receive the email the admin types an address of their own;
- it carries the tag `proactive_campaign_test` instead of the campaign tag and the shared
  proactive tag, and no external id: it is in no view, report, count or frequency check of any
  campaign, and reconciliation can never mistake it for a customer's ticket.

Nothing is written to the journal. Each call creates one ticket (a fresh Idempotency-Key per
call, so a retried request inside one call never creates two).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from proactive_desktop.core.engine import CampaignPlan, PlannedRecipient
from proactive_desktop.core.errors import InputError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.models import Agent
from proactive_desktop.core.payload import PROACTIVE_TAG, TEST_TICKET_TAG
from proactive_desktop.core.zendesk.client import ZendeskClient

_NOT_FROM_THE_CAMPAIGN: Final = ("external_id", "requester_id", "requester")


@dataclass(frozen=True, slots=True)
class CreatedTestTicket:
    ticket_id: int
    ticket_url: str
    rendered_for: int | None
    """The customer whose ticket it shows (their user id)."""
    requester: str
    """Who receives it: the address typed, or the signed-in agent's."""

    def to_json(self) -> dict[str, Any]:
        """CLI.md's `test-send --json` object (plus who receives it)."""
        return {
            "ticket_id": self.ticket_id,
            "ticket_url": self.ticket_url,
            "rendered_for": self.rendered_for,
            "requester": self.requester,
        }


def choose_customer(plan: CampaignPlan, user_id: int | None) -> PlannedRecipient:
    """The customer to render for: `user_id`, else the first who would get a ticket.

    InputError when there is none, or when `user_id` is not a customer who would get one.
    """
    if user_id is None:
        for recipient in plan.recipients:
            if recipient.will_send:
                return recipient
        raise InputError(
            QT_TRANSLATE_NOOP(
                "Errors", "No customer of this campaign would get a ticket: nothing to test."
            )
        )
    for recipient in plan.recipients:
        if recipient.user_id == user_id:
            if not recipient.will_send:
                raise InputError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Customer {user_id} would get no ticket ({reason})."
                    ),
                    user_id=user_id,
                    reason=recipient.skip_text(),
                )
            return recipient
    raise InputError(
        QT_TRANSLATE_NOOP("Errors", "Customer {user_id} is not among this campaign's customers."),
        user_id=user_id,
    )


def as_test_ticket(
    ticket: Mapping[str, Any], *, tag: str, agent: Agent, to_email: str | None
) -> dict[str, Any]:
    """The campaign's ticket for one customer, turned into a test ticket (module docstring)."""
    body = {key: value for key, value in ticket.items() if key not in _NOT_FROM_THE_CAMPAIGN}
    campaign_tags = {tag, PROACTIVE_TAG}
    body["tags"] = [TEST_TICKET_TAG] + [
        each for each in ticket.get("tags") or () if each not in campaign_tags
    ]
    if to_email is None:
        body["requester_id"] = agent.id
    else:
        body["requester"] = {"email": to_email, "name": to_email}
    return body


def checked_address(text: str | None) -> str | None:
    """The typed address, trimmed; None for none; InputError for one that is not an address."""
    if text is None or not text.strip():
        return None
    address = text.strip()
    local, _, domain = address.partition("@")
    if not local or "." not in domain or any(space in address for space in " \t\n"):
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", '"{address}" is not an email address.'), address=address
        )
    return address


def send_test_ticket(
    client: ZendeskClient,
    plan: CampaignPlan,
    *,
    customer_id: int | None = None,
    to_email: str | None = None,
) -> CreatedTestTicket:
    """Create the test ticket of `plan` for one customer (see the module's docstring)."""
    address = checked_address(to_email)
    recipient = choose_customer(plan, customer_id)
    assert recipient.ticket is not None  # choose_customer returns customers who get one
    agent = client.me()
    body = as_test_ticket(recipient.ticket, tag=plan.tag, agent=agent, to_email=address)
    created = client.create_ticket(body, idempotency_key=f"proactive-desktop-test-{uuid.uuid4()}")
    return CreatedTestTicket(
        ticket_id=created.id,
        ticket_url=client.ticket_url(created.id),
        rendered_for=recipient.user_id,
        requester=address or agent.email,
    )
