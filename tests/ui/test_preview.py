"""Preview page against the sandbox: planning on a worker, per-customer rendering, skip reasons."""

from __future__ import annotations

from campaign_helpers import draft_for, wizard_at
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import Customer
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


def preview_page(
    qtbot: QtBot, services: Services, draft: CampaignDraft
) -> tuple[CampaignWizard, PreviewPage]:
    wizard = wizard_at(qtbot, services, draft, PageId.PREVIEW)
    page = wizard.currentPage()
    assert isinstance(page, PreviewPage)
    qtbot.waitUntil(lambda: page.plan is not None, timeout=15_000)
    return wizard, page


def test_commit_button_counts_the_tickets_and_nothing_is_sent(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    before = len(sandbox.tickets())
    draft = draft_for(connected_services, query="plan:premium", count=7)
    wizard, page = preview_page(qtbot, connected_services, draft)
    assert page.isCommitPage()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    # English plural forms come from the English catalogue when one is installed.
    assert commit.text() in ("Send 7 ticket(s)", "Send 7 tickets")
    assert commit.isEnabled()
    assert "7 ticket" in page.summary_label.text()
    assert "renewal_november_2026" in page.summary_label.text()
    assert page.draft.plan is page.plan
    assert len(sandbox.tickets()) == before


def test_placeholders_are_rendered_per_customer(qtbot: QtBot, connected_services: Services) -> None:
    _wizard, page = preview_page(
        qtbot, connected_services, draft_for(connected_services, query="plan:premium", count=3)
    )
    plan = page.plan
    assert plan is not None
    seen = []
    for number in range(1, len(plan.recipients) + 1):
        page.customer_spin.setValue(number)
        recipient = plan.recipients[number - 1]
        first_name = recipient.name.split()[0]
        assert page.ticket_preview.body_text().startswith(f"Hello {first_name},")
        # A drop-down field shows its option's name, as Zendesk's own placeholders do.
        assert "your Premium plan" in page.ticket_preview.body_text()
        assert page.ticket_preview.subject_text() == "Your Premium plan"
        seen.append(page.ticket_preview.body_text())
    assert len(set(seen)) == len(seen), "each customer sees their own name"


def test_skipped_customers_show_why_and_are_grouped(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    # Two customers lack the plan the body needs; one more is real and complete.
    # One complete customer, and one whose plan field is empty in the account.
    complete = draft_for(connected_services, query="plan:premium", count=1).customers[0]
    without_plan = _customer_without(connected_services, "plan")
    draft = draft_for(connected_services, customers=[complete, without_plan])
    wizard, page = preview_page(qtbot, connected_services, draft)
    plan = page.plan
    assert plan is not None
    assert plan.ticket_count == 1
    assert plan.skipped_count == 1
    assert "missing value for {{user.user_fields.plan}} (1)" in page.summary_label.text()
    page.show_next_skipped()
    assert "will not get a ticket" in page.ticket_preview.skip_text()
    assert "{{user.user_fields.plan}}" in page.ticket_preview.skip_text()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert "1" in commit.text()


def test_internal_note_warning(qtbot: QtBot, connected_services: Services) -> None:
    draft = draft_for(connected_services, count=2)
    draft.public = False
    _wizard, page = preview_page(qtbot, connected_services, draft)
    assert "no email" in page.warnings_label.text()


def _customer_without(services: Services, key: str) -> Customer:
    draft = draft_for(services, count=300)
    for customer in draft.customers:
        if not customer.user_fields.get(key):
            return customer
    raise AssertionError(f"the sample account has a customer without {key}")
