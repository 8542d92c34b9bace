"""The Preview page's pre-flight against the sandbox: every property the tickets will get, the
triggers that act on them, the frequency rule's skips, and "Send me a test"."""

from __future__ import annotations

from campaign_helpers import draft_for, wizard_at
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import TicketPriority
from proactive_desktop.sandbox import DEMO_EMAIL, SandboxServer
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


def preview(
    qtbot: QtBot, services: Services, draft: CampaignDraft
) -> tuple[CampaignWizard, PreviewPage]:
    """The Preview page once planned (the wizard is returned too: the page lives as long)."""
    wizard = wizard_at(qtbot, services, draft, PageId.PREVIEW)
    page = wizard.currentPage()
    assert isinstance(page, PreviewPage)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=30_000)
    return wizard, page


def _group_id(sandbox: SandboxServer, name: str) -> int:
    client_groups = {g["name"]: g["id"] for g in sandbox.store.data.groups}
    return int(client_groups[name])


def test_every_property_of_the_tickets_is_listed(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=3)
    draft.group_id = _group_id(sandbox, "Escalations")
    draft.priority = TicketPriority.HIGH
    draft.extra_tags = ["renewal"]
    _wizard_page, page = preview(qtbot, connected_services, draft)
    labels = page.property_labels
    assert labels["group"].text() == "Escalations"
    assert labels["priority"].text() == "High"
    assert labels["status"].text() == "Open"
    assert labels["assignee"].text() == "(none)"
    assert labels["tags"].text() == "renewal_november_2026, proactive_campaign, renewal"
    assert "customer is emailed" in labels["visibility"].text()
    assert labels["macro"].text() == "(none)"
    assert "Not limited" in labels["frequency"].text()


def test_a_macro_says_what_it_changes(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=2)
    draft.macro_id = next(
        int(m["id"]) for m in sandbox.store.data.macros if m["title"] == "Renewal follow-up"
    )
    _wizard_page, page = preview(qtbot, connected_services, draft)
    macro = page.property_labels["macro"].text()
    assert macro.startswith("Renewal follow-up — changes: ")
    assert "group_id" in macro
    assert "tags" in macro
    # The macro's group wins: the listed group is the one the tickets will have.
    assert page.property_labels["group"].text() == "Renewals"


def test_the_triggers_that_email_the_customer_come_first(
    qtbot: QtBot, connected_services: Services
) -> None:
    _wizard_page, page = preview(qtbot, connected_services, draft_for(connected_services, count=2))
    lines = page.triggers_label.text().splitlines()
    assert lines[0] == (
        "• Will act — emails the customer: Notify requester of new proactive ticket"
    )
    assert "• May act (depends on requester.custom_fields.plan): Premium customers: high" in (
        page.triggers_label.text()
    )
    assert "Notify requester of new proactive ticket" in page.warnings_label.text()


def test_the_frequency_rule_shows_how_many_it_skips(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=4)
    chosen = sorted(draft.selected_ids)
    # An earlier campaign reached the first of them.
    first = draft_for(connected_services, customers=[draft.customers[0]], name="Earlier news")
    _wizard_earlier, earlier = preview(qtbot, connected_services, first)
    assert earlier.plan is not None
    from proactive_desktop.core.engine import CampaignEngine

    client = connected_services.client()
    try:
        with connected_services.open_journal() as journal:
            CampaignEngine(client, journal).send(earlier.plan.spec, earlier.plan)
    finally:
        client.close()
    draft.skip_contacted_within_days = 30
    _wizard_page, page = preview(qtbot, connected_services, draft)
    assert page.plan is not None
    assert page.plan.ticket_count == len(chosen) - 1
    frequency = page.property_labels["frequency"].text()
    assert "last 30 days" in frequency
    assert "1 skipped" in frequency
    assert 'contacted by campaign "Earlier news" in the last 30 days (1)' in (
        page.summary_label.text()
    )


def test_send_me_a_test_creates_one_ticket_outside_the_campaign(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    before = len(sandbox.tickets())
    _wizard_page, page = preview(qtbot, connected_services, draft_for(connected_services, count=3))
    plan = page.plan
    assert plan is not None
    page.customer_spin.setValue(2)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "created for" in page.test_status.text(), timeout=30_000)
    tickets = sandbox.tickets()
    assert len(tickets) == before + 1
    ticket = tickets[-1]
    assert ticket["tags"][0] == "proactive_campaign_test"
    assert "renewal_november_2026" not in ticket["tags"]
    assert ticket["subject"] == plan.recipients[1].rendered.subject  # type: ignore[union-attr]
    agent = next(u for u in sandbox.users() if u["email"] == DEMO_EMAIL)
    assert ticket["requester_id"] == agent["id"]
    assert f"/agent/tickets/{ticket['id']}" in page.test_status.text()


def test_a_typed_address_is_used_and_remembered(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    customer = next(u for u in sandbox.users() if u["role"] == "end-user" and u["email"])
    _wizard_page, page = preview(qtbot, connected_services, draft_for(connected_services, count=2))
    page.test_address_edit.setText(f"  {customer['email']} ")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "created for" in page.test_status.text(), timeout=30_000)
    assert sandbox.tickets()[-1]["requester_id"] == customer["id"]
    assert connected_services.settings.test_ticket_address == customer["email"]
    page.test_address_edit.setText("not an address")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was not created" in page.test_status.text(), timeout=30_000)
    assert "is not an email address" in page.test_status.text()
