"""Compose page against the sandbox: look-ups on workers, the unique name, placeholders, fields."""

from __future__ import annotations

from campaign_helpers import click, draft_for, wizard_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from wizard_support import connect

from proactive_desktop.core.models import TicketPriority, TicketStatus
from proactive_desktop.sandbox import LIMITED_EMAIL, SandboxServer
from proactive_desktop.ui.pages.compose import ComposePage, NameState
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


def compose_page(qtbot: QtBot, services: Services) -> tuple[CampaignWizard, ComposePage]:
    draft = draft_for(services, name="", subject="", body="")
    wizard = wizard_at(qtbot, services, draft, PageId.COMPOSE)
    page = wizard.currentPage()
    assert isinstance(page, ComposePage)
    # The account's statuses, groups and macros load on a worker, visibly.
    assert page.lookup_status.isVisible()
    qtbot.waitUntil(lambda: page.status_combo.isEnabled(), timeout=10_000)
    return wizard, page


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_lookups_fill_the_fields_from_the_account(
    qtbot: QtBot, connected_services: Services
) -> None:
    _wizard, page = compose_page(qtbot, connected_services)
    statuses = [page.status_combo.itemText(i) for i in range(page.status_combo.count())]
    assert "Open" in statuses
    assert "In progress (Open)" in statuses  # a custom status, under its category
    groups = [page.group_combo.itemText(i) for i in range(page.group_combo.count())]
    assert {"Support", "Billing", "Renewals"} <= set(groups)
    macros = [page.macro_combo.itemText(i) for i in range(page.macro_combo.count())]
    assert "Renewal follow-up" in macros
    assert not page.lookup_status.isVisible()


def test_name_is_checked_on_a_worker_and_its_tag_shown(
    qtbot: QtBot, connected_services: Services
) -> None:
    wizard, page = compose_page(qtbot, connected_services)
    type_into(qtbot, page.name_edit, "Renewal: November 2026")
    qtbot.waitUntil(lambda: page._name_state == NameState.AVAILABLE, timeout=10_000)
    assert "renewal_november_2026" in page.name_status.text()
    # Names in any script make tags in that script (QTest types ASCII only: insert the rest).
    page.name_edit.insert(" 更新")
    qtbot.waitUntil(lambda: page._name_state == NameState.AVAILABLE, timeout=10_000)
    assert "renewal_november_2026_更新" in page.name_status.text()
    # Subject and body still empty: Next stays disabled.
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    type_into(qtbot, page.subject_edit, "Your plan")
    type_into(qtbot, page.body_edit, "Hello {{user.first_name}}")
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled())


def test_a_name_whose_tag_the_account_already_uses_is_refused(
    qtbot: QtBot, connected_services: Services
) -> None:
    # Someone (another tool, another computer) already tagged a ticket "winter_sale".
    with connected_services.client() as client:
        requester = next(c for c in draft_for(connected_services, count=1).customers)
        client.create_ticket(
            {
                "subject": "Earlier outreach",
                "comment": {"body": "Hello", "public": False},
                "requester_id": requester.id,
                "tags": ["winter_sale"],
            },
            idempotency_key="compose-test-earlier-outreach",
        )
    _wizard, page = compose_page(qtbot, connected_services)
    type_into(qtbot, page.name_edit, "Winter Sale")
    qtbot.waitUntil(lambda: page._name_state == NameState.TAKEN, timeout=10_000)
    assert "already carry the tag" in page.name_status.text()
    assert not page.isComplete()


def test_placeholder_menu_lists_the_real_fields_and_inserts_at_the_cursor(
    qtbot: QtBot, connected_services: Services
) -> None:
    _wizard, page = compose_page(qtbot, connected_services)
    offered = page.placeholder_button.placeholders()
    assert "{{user.first_name}}" in offered
    assert "{{user.user_fields.plan}}" in offered
    assert "{{organization.name}}" in offered
    assert "{{user.user_fields.legacy_crm_id}}" not in offered  # an inactive field
    assert any(p.startswith("{{organization.organization_fields.") for p in offered)

    type_into(qtbot, page.body_edit, "Dear ")
    page.placeholder_button.trigger("{{user.first_name}}")
    assert page.body_edit.toPlainText() == "Dear {{user.first_name}}"
    type_into(qtbot, page.subject_edit, "Plan: ")
    page.placeholder_button.trigger("{{user.user_fields.plan}}")
    assert page.subject_edit.text() == "Plan: {{user.user_fields.plan}}"


def test_unknown_placeholder_is_shown_inline_and_blocks_next(
    qtbot: QtBot, connected_services: Services
) -> None:
    _wizard, page = compose_page(qtbot, connected_services)
    type_into(qtbot, page.body_edit, "Hi {{user.user_fields.plann}}")
    qtbot.waitUntil(lambda: "plann" in page.template_status.text(), timeout=5_000)
    assert not page.isComplete()


def test_custom_status_sets_its_category_and_id(qtbot: QtBot, connected_services: Services) -> None:
    _wizard, page = compose_page(qtbot, connected_services)
    index = page.status_combo.findText("Awaiting renewal decision (Pending)")
    assert index >= 0
    page.status_combo.setCurrentIndex(index)
    page.priority_combo.setCurrentIndex(page.priority_combo.findData(TicketPriority.HIGH.value))
    page.internal_radio.click()
    assert page.internal_note.isVisible()
    type_into(qtbot, page.tags_edit, "Renewal, VIP 2026")
    assert "renewal, vip, 2026" in page.tags_note.text()
    page.store_into_draft()
    assert page.draft.status == TicketStatus.PENDING
    assert page.draft.custom_status_id is not None
    assert page.draft.priority == TicketPriority.HIGH
    assert page.draft.public is False
    assert page.draft.extra_tags == ["renewal", "vip", "2026"]

    solved = page.status_combo.findText("Solved")
    page.status_combo.setCurrentIndex(solved)
    assert page.solved_note.isVisible()


def test_assignees_load_for_the_chosen_group(qtbot: QtBot, connected_services: Services) -> None:
    _wizard, page = compose_page(qtbot, connected_services)
    assert not page.assignee_combo.isEnabled()
    page.group_combo.setCurrentIndex(page.group_combo.findText("Renewals"))
    qtbot.waitUntil(lambda: page.assignee_combo.isEnabled(), timeout=10_000)
    assert page.assignee_combo.count() > 1
    page.assignee_combo.setCurrentIndex(1)
    page.store_into_draft()
    assert page.draft.group_id is not None
    assert page.draft.assignee_id == page.assignee_combo.itemData(1)


def test_view_option_is_disabled_with_a_reason_for_a_limited_agent(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    connect(services, sandbox, LIMITED_EMAIL)
    _wizard, page = compose_page(qtbot, services)
    if services.connection is not None and services.connection.permissions.can_manage_shared_views:
        raise AssertionError("the limited agent may not manage shared views")
    assert not page.view_check.isEnabled()
    assert not page.view_check.isChecked()
    assert "may not create shared views" in page.view_note.text()


def test_next_stores_everything_in_the_draft(qtbot: QtBot, connected_services: Services) -> None:
    wizard, page = compose_page(qtbot, connected_services)
    type_into(qtbot, page.name_edit, "Spring check-in")
    type_into(qtbot, page.subject_edit, "Hello {{user.name}}")
    type_into(qtbot, page.body_edit, "<p>Hi {{user.first_name}}</p>")
    page.html_radio.click()
    qtbot.mouseClick(page.view_check, Qt.MouseButton.LeftButton)  # untick
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.PREVIEW)
    draft = page.draft
    assert draft.name == "Spring check-in"
    assert draft.subject == "Hello {{user.name}}"
    assert draft.body_format == "html"
    assert draft.create_view is False
