"""Send page against the sandbox: tickets exactly once, cancel and resume, retry failed, the view.

Every test counts the sandbox's own tickets (the oracle): exactly one per selected customer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from campaign_helpers import click, draft_for, tickets_by_requester, wizard_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from wizard_support import connect, demo_account

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import CampaignState, CustomerStatus, campaign_tag
from proactive_desktop.core.payload import external_id
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.sandbox import LIMITED_EMAIL, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.models.send_table import Column, Role
from proactive_desktop.ui.pages.compose import ComposePage
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.pages.send import SendPage, SendState
from proactive_desktop.ui.services import FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId

SEND_TIMEOUT_MS = 30_000
# Placeholders every sample customer has a value for, so nobody is skipped in these tests.
EVERYONE = {"subject": "A note for {{user.name}}", "body": "Hello {{user.first_name}}"}


@pytest.fixture
def services_for(
    data_dir: Path, secret_store: SecretStore
) -> Iterator[Callable[[SandboxServer], Services]]:
    """Signed-in services for a sandbox the test configured itself (slower jobs, say)."""
    made: list[Services] = []

    def make(sandbox: SandboxServer) -> Services:
        built = build_services(
            data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox))
        )
        made.append(built)
        connect(built, sandbox)
        return built

    yield make
    for built in made:
        built.close()


@contextmanager
def answering(
    monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
) -> Iterator[list[str]]:
    """Answer the next confirmation questions with `answer`; yields the questions asked."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    with monkeypatch.context() as patch:
        patch.setattr(QMessageBox, "question", staticmethod(question))
        yield asked


def send_from_preview(
    qtbot: QtBot, services: Services, draft: CampaignDraft
) -> tuple[CampaignWizard, SendPage]:
    wizard = wizard_at(qtbot, services, draft, PageId.PREVIEW)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=15_000)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SEND)
    page = wizard.currentPage()
    assert isinstance(page, SendPage)
    return wizard, page


def wait_state(qtbot: QtBot, page: SendPage, *states: SendState) -> None:
    qtbot.waitUntil(
        lambda: page.state in states and not page.is_running,
        timeout=SEND_TIMEOUT_MS,
    )


def journal_state(services: Services, name: str) -> CampaignState:
    with services.open_journal() as journal:
        record = journal.find_campaign(name)
        assert record is not None
        return record.state


def test_happy_path_from_compose_to_one_ticket_per_customer(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=12, name="", subject="", body="")
    wizard = wizard_at(qtbot, connected_services, draft, PageId.COMPOSE)
    compose = wizard.currentPage()
    assert isinstance(compose, ComposePage)
    compose.name_edit.setFocus()
    qtbot.keyClicks(compose.name_edit, "Autumn renewal")
    compose.subject_edit.setFocus()
    qtbot.keyClicks(compose.subject_edit, "About your plan, {{user.first_name}}")
    compose.body_edit.setFocus()
    qtbot.keyClicks(compose.body_edit, "Hello {{user.name}}")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.PREVIEW)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=15_000)
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert "12" in commit.text()
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SEND)
    page = wizard.currentPage()
    assert isinstance(page, SendPage)
    wait_state(qtbot, page, SendState.FINISHED)

    tag = campaign_tag("Autumn renewal")
    assert tickets_by_requester(sandbox, tag) == dict.fromkeys(draft.selected_ids, 1)
    counts = page.model.counts()
    assert counts[CustomerStatus.CREATED] == 12
    assert counts[CustomerStatus.PENDING] == 0
    # Every row links to its ticket in the agent interface.
    for row in range(page.model.rowCount()):
        url = page.model.data(page.model.index(row, Column.TICKET), Role.TICKET_URL)
        assert url.startswith(f"{sandbox.url}/agent/tickets/")
    assert "12 ticket" in page.result_label.text()
    assert "/agent/filters/" in page.view_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    # Nothing runs any more: "Stop and close" is gone, Close is the way out.
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    # Names and emails are not clipped.
    email_width = page.table.columnWidth(Column.EMAIL)
    longest_email = max((c.email or "" for c in draft.customers), key=len)
    assert email_width >= page.table.fontMetrics().horizontalAdvance(longest_email)
    assert journal_state(connected_services, "Autumn renewal") == CampaignState.FINISHED


def test_ticket_link_opens_the_agent_interface(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "proactive_desktop.ui.pages.send.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()) or True,
    )
    _wizard, page = send_from_preview(
        qtbot, connected_services, draft_for(connected_services, count=2, **EVERYONE)
    )
    wait_state(qtbot, page, SendState.FINISHED)
    index = page.proxy.index(0, Column.TICKET)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    assert opened[0].startswith(f"{sandbox.url}/agent/tickets/")


def test_cancel_midway_then_resume_creates_no_duplicate(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Slow jobs, so there is a "middle" to cancel in.
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01, customers=200)
    services = services_for(sandbox)
    draft = draft_for(services, count=150, **EVERYONE)
    _wizard, page = send_from_preview(qtbot, services, draft)
    # The middle: Zendesk is already creating tickets (jobs under way), none confirmed yet.
    qtbot.waitUntil(lambda: sandbox.stats()["tickets"] > 0, timeout=SEND_TIMEOUT_MS)
    with answering(monkeypatch, QMessageBox.StandardButton.Yes) as asked:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert asked, "stopping asks first"
    assert page.state == SendState.STOPPING
    assert "Stopping" in page.headline.text()
    wait_state(qtbot, page, SendState.STOPPED)
    assert "you can resume" in page.headline.text()
    assert journal_state(services, draft.name) == CampaignState.STOPPED
    assert page.model.counts()[CustomerStatus.CREATED] < 150
    assert page.resume_button.isVisible()

    qtbot.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, page, SendState.FINISHED)
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )


def test_retry_failed_after_permanent_errors(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=10, **EVERYONE)
    broken = sorted(draft.selected_ids)[:3]
    # Zendesk refuses a ticket whose requester it does not know (422 RecordInvalid): take three
    # customers out of the account after they were selected, and put them back before retrying.
    with sandbox.store.lock:
        removed = {user_id: sandbox.store.users_by_id.pop(user_id) for user_id in broken}
    _wizard, page = send_from_preview(qtbot, connected_services, draft)
    wait_state(qtbot, page, SendState.FINISHED)
    counts = page.model.counts()
    assert counts[CustomerStatus.FAILED] == 3
    assert counts[CustomerStatus.CREATED] == 7
    failed_rows = [
        row
        for row in range(page.model.rowCount())
        if page.model.outcome(row).status == CustomerStatus.FAILED
    ]
    assert {page.model.outcome(row).user_id for row in failed_rows} == set(broken)
    assert all(page.model.outcome(row).reason for row in failed_rows)
    assert page.retry_button.isVisible()

    with sandbox.store.lock:
        sandbox.store.users_by_id.update(removed)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, page, SendState.FINISHED)
    assert page.model.counts()[CustomerStatus.CREATED] == 10
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )
    assert not page.retry_button.isVisible()


def test_view_refused_for_a_limited_agent_is_explained(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    connect(services, sandbox, LIMITED_EMAIL)
    draft = draft_for(services, count=3, **EVERYONE)
    draft.create_view = True  # as the command line could ask; the account refuses it
    _wizard, page = send_from_preview(qtbot, services, draft)
    wait_state(qtbot, page, SendState.FINISHED)
    assert page.model.counts()[CustomerStatus.CREATED] == 3
    text = page.view_label.text()
    assert "may not create shared views" in text
    assert "tickets were created" in text
    assert campaign_tag(draft.name) in text


def test_closing_the_window_while_sending_stops_safely(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.03, customers=200)
    services = services_for(sandbox)
    draft = draft_for(services, count=120, **EVERYONE)
    wizard, page = send_from_preview(qtbot, services, draft)
    qtbot.waitUntil(lambda: sandbox.stats()["tickets"] > 0, timeout=SEND_TIMEOUT_MS)
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Stop and close…"

    with answering(monkeypatch, QMessageBox.StandardButton.No) as asked:
        wizard.close()
    assert asked
    assert wizard.isVisible(), "No keeps the campaign running"

    with answering(monkeypatch, QMessageBox.StandardButton.Yes):
        click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    # The window stays until the engine has recorded everything, then closes itself.
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=SEND_TIMEOUT_MS)
    assert journal_state(services, draft.name) == CampaignState.STOPPED
    with services.open_journal() as journal:
        assert [record.name for record in journal.resumable_campaigns()] == [draft.name]
    per_customer = tickets_by_requester(sandbox, campaign_tag(draft.name))
    assert all(count == 1 for count in per_customer.values())

    # The next launch: the Start page offers the campaign; the Send page resumes it.
    next_launch = CampaignDraft(
        resume_campaign=draft.name, name=draft.name, base_url=draft.base_url, email=draft.email
    )
    wizard = wizard_at(qtbot, services, next_launch, PageId.SEND)
    page = wizard.currentPage()
    assert isinstance(page, SendPage)
    wait_state(qtbot, page, SendState.FINISHED)
    # The table shows every customer, including those created before the window was closed.
    assert page.model.counts()[CustomerStatus.CREATED] == 120
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )
    assert journal_state(services, draft.name) == CampaignState.FINISHED


@pytest.mark.slow
def test_the_wait_for_lost_answers_is_shown_and_nobody_gets_two_tickets(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
) -> None:
    # A busy account: jobs queue for 20 s (2 s here), and every create_many answer is lost.
    sandbox = sandbox_factory(job_start_delay_s=20.0, time_scale=10.0, customers=120)
    sandbox.faults.inject("lost_after_accept", path="/api/v2/tickets/create_many", probability=1)
    services = services_for(sandbox)
    draft = draft_for(services, count=40, **EVERYONE)
    _wizard, page = send_from_preview(qtbot, services, draft)
    headlines: list[str] = []
    qtbot.waitUntil(
        lambda: headlines.append(page.headline.text()) or "whose answer was lost" in headlines[-1],
        timeout=SEND_TIMEOUT_MS,
    )
    wait_state(qtbot, page, SendState.FINISHED)
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )


def test_a_campaign_sent_from_another_data_folder_stops_here_and_says_so(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
) -> None:
    # The account's search lags a minute, so the name check finds nothing of the other folder.
    sandbox = sandbox_factory(search_index_delay_s=60.0, customers=80)
    services = services_for(sandbox)
    draft = draft_for(services, count=10, name="Sent elsewhere", **EVERYONE)
    tag = campaign_tag(draft.name)
    first = min(draft.selected_ids)
    with services.client() as client:  # what the other computer sent first
        client.create_ticket(
            {
                "subject": "Hello",
                "comment": {"body": "Hello", "public": True},
                "requester_id": first,
                "tags": [tag],
                "external_id": external_id(tag, first),
            },
            idempotency_key="elsewhere",
        )
    _wizard, page = send_from_preview(qtbot, services, draft)
    wait_state(qtbot, page, SendState.STOPPED)
    text = page.result_label.text()
    assert "another computer or data folder" in text
    assert "Resume continues" not in text
    assert tickets_by_requester(sandbox, tag) == {first: 1}  # nothing more was sent
