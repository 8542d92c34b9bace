"""The demo keeps to itself: a campaign sent on the demo workspace goes into the demo's own folder
(`demo/` in the data folder), the real journal and settings stay as they were, and the real
History and resume offer never show it — while the demo's History shows only the demo's."""

from __future__ import annotations

import html
import re
from pathlib import Path

from campaign_helpers import click, draft_for, wizard_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from wizard_support import click_next, demo_account, make_wizard

from proactive_desktop.core.journal import Journal
from proactive_desktop.core.paths import DEMO_FOLDER, journal_path, settings_path
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.core.settings import Settings, save_settings
from proactive_desktop.core.zendesk.transport import make_session
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.models.send_table import Column, Role
from proactive_desktop.ui.pages.connect import ConnectPage
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.pages.send import SendPage, SendState
from proactive_desktop.ui.services import FixedDemo
from proactive_desktop.ui.wizard import PageId

EVERYONE = {"subject": "A note for {{user.name}}", "body": "Hello {{user.first_name}}"}


def real_campaign_journal(data: Path) -> bytes:
    """A real journal with one campaign in it, as an earlier session left it."""
    with Journal(journal_path(data)) as journal:
        journal.create_campaign(
            name="Real renewal",
            tag="real_renewal",
            definition={},
            url="https://acme.zendesk.com",
            email="admin@acme.example",
            customers=[],
        )
    return journal_path(data).read_bytes()


def test_a_demo_session_leaves_the_real_journal_and_settings_unchanged(
    qtbot: QtBot, data_dir: Path, secret_store: SecretStore, sandbox: SandboxServer
) -> None:
    save_settings(
        data_dir, Settings(last_url="https://acme.zendesk.com", last_email="a@acme.example")
    )
    real_settings = settings_path(data_dir).read_bytes()
    real_journal = real_campaign_journal(data_dir)

    services = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    try:
        wizard = make_wizard(qtbot, services)
        click_next(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.CONNECT)
        connect_page = wizard.page_by_id(PageId.CONNECT)
        assert isinstance(connect_page, ConnectPage)
        qtbot.mouseClick(connect_page.demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: services.connection is not None and services.connection.is_demo)
        assert services.active_data_dir == data_dir / DEMO_FOLDER

        draft = draft_for(services, count=5, name="Demo renewal", **EVERYONE)
        sending = wizard_at(qtbot, services, draft, PageId.PREVIEW)
        preview = sending.currentPage()
        assert isinstance(preview, PreviewPage)
        qtbot.waitUntil(lambda: preview.plan is not None, timeout=15_000)
        click(qtbot, sending, QWizard.WizardButton.CommitButton)
        qtbot.waitUntil(lambda: sending.currentId() == PageId.SEND)
        page = sending.currentPage()
        assert isinstance(page, SendPage)
        qtbot.waitUntil(
            lambda: page.state == SendState.FINISHED and not page.is_running, timeout=30_000
        )
        # The demo's links open something real: the sandbox's agent pages for the ticket and view.
        ticket_url = page.model.data(page.model.index(0, Column.TICKET), Role.TICKET_URL)
        browser = make_session()  # never through a proxy for 127.0.0.1
        ticket_page = browser.get(ticket_url, timeout=10)
        assert ticket_page.status_code == 200
        assert "A note for" in ticket_page.text
        view_url = re.search(r'href="([^"]+/agent/filters/\d+)"', page.view_label.text())
        assert view_url is not None
        view_page = browser.get(html.unescape(view_url.group(1)), timeout=10)
        browser.close()
        assert view_page.status_code == 200
        assert "5 ticket(s)" in view_page.text

        services.settings.language = "ja"
        services.save_settings()

        # The demo's History: the demo's campaign only.
        with services.open_journal(read_only=True) as journal:
            assert [record.name for record in journal.list_campaigns()] == ["Demo renewal"]
    finally:
        services.close()

    assert settings_path(data_dir).read_bytes() == real_settings
    assert journal_path(data_dir).read_bytes() == real_journal
    assert (data_dir / DEMO_FOLDER / "journal.sqlite3").is_file()
    assert (data_dir / DEMO_FOLDER / "settings.json").is_file()

    # The next real session: History and the resume offer know only the real campaign.
    real = build_services(data_dir, secrets=secret_store)
    try:
        with real.open_journal(read_only=True) as journal:
            assert [record.name for record in journal.list_campaigns()] == ["Real renewal"]
            assert all(record.name != "Demo renewal" for record in journal.resumable_campaigns())
        assert real.settings.last_url == "https://acme.zendesk.com"
    finally:
        real.close()
