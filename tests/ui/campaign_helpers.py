"""Helpers for the Compose, Preview, Send and History tests: a draft over the sandbox's real
customers, and the wizard opened directly on a later page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import Customer
from proactive_desktop.core.search import load_segment
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId

SUBJECT = "Your {{user.user_fields.plan}} plan"
BODY = "Hello {{user.first_name}},\n\nyour **{{user.user_fields.plan}}** plan renews soon."


def draft_for(
    services: Services,
    *,
    query: str = "role:end-user",
    count: int = 10,
    name: str = "Renewal November 2026",
    subject: str = SUBJECT,
    body: str = BODY,
    customers: Sequence[Customer] | None = None,
) -> CampaignDraft:
    """A draft as the Select page leaves it: `count` real customers of the sandbox selected."""
    connection = services.connection
    assert connection is not None, "sign in first (conftest.connect)"
    with services.client() as client:
        segment = load_segment(client, query)
        user_fields = client.user_fields()
        organization_fields = client.organization_fields()
    chosen = (
        list(customers)
        if customers is not None
        else [
            customer
            for customer in segment.customers
            if not customer.is_staff and not customer.suspended
        ][:count]
    )
    draft = CampaignDraft(
        base_url=connection.base_url,
        email=connection.email,
        agent=connection.agent,
        can_manage_shared_views=connection.permissions.can_manage_shared_views,
        query=query,
        customers=chosen,
        organizations=dict(segment.organizations),
        user_fields=user_fields,
        organization_fields=organization_fields,
        selected_ids={customer.id for customer in chosen},
        name=name,
        subject=subject,
        body=body,
    )
    return draft


def wizard_at(
    qtbot: QtBot, services: Services, draft: CampaignDraft, page_id: PageId
) -> CampaignWizard:
    """The wizard opened directly on `page_id`, as if the earlier pages had been filled in."""
    wizard = CampaignWizard(draft, services)
    wizard.setStartId(page_id)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.current_page_id() == page_id
    return wizard


def click(
    qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton, timeout: int = 10_000
) -> None:
    button = wizard.button(which)
    qtbot.waitUntil(button.isEnabled, timeout=timeout)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tickets_by_requester(sandbox: SandboxServer, tag: str) -> dict[int, int]:
    """How many tickets carrying `tag` each requester has (the oracle for "exactly once")."""
    counts: dict[int, int] = {}
    for ticket in sandbox.tickets():
        if tag in ticket.get("tags", []):
            requester = int(ticket["requester_id"])
            counts[requester] = counts.get(requester, 0) + 1
    return counts
