"""Helpers for the wizard tests: an in-memory keychain, signing in, opening and driving the
wizard. Imported by tests/ui/conftest.py and by the tests themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer
from proactive_desktop.ui.services import Connection, DemoAccount, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


def demo_account(sandbox: SandboxServer) -> DemoAccount:
    return DemoAccount(sandbox.url, DEMO_EMAIL, Secret(DEMO_TOKEN))


def connect(services: Services, sandbox: SandboxServer, email: str = DEMO_EMAIL) -> Connection:
    """Sign `services` in to the sandbox as the Connect page would (for tests of later pages)."""
    auth = ApiTokenAuth(email, Secret(DEMO_TOKEN))
    with services.make_client(sandbox.url, auth) as client:
        connection = Connection(
            base_url=client.base_url,
            email=email,
            auth=auth,
            agent=client.me(),
            permissions=client.permissions(),
        )
    services.connection = connection
    return connection


def make_wizard(
    qtbot: QtBot, services: Services, draft: CampaignDraft | None = None
) -> CampaignWizard:
    wizard = CampaignWizard(draft if draft is not None else CampaignDraft(), services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click_next(qtbot: QtBot, wizard: QWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to(qtbot: QtBot, wizard: CampaignWizard, page_id: PageId) -> None:
    """Click Next until `page_id` is shown (each page must allow it)."""
    while wizard.current_page_id() < page_id:
        before = wizard.current_page_id()
        click_next(qtbot, wizard)
        qtbot.waitUntil(lambda before=before: wizard.current_page_id() != before)
