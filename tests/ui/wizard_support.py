"""Helpers for the wizard tests: an in-memory keychain, signing in, opening and driving the
wizard. Imported by tests/ui/conftest.py and by the tests themselves."""

from __future__ import annotations

from typing import Any

import keyring.errors
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer
from proactive_desktop.ui.services import Connection, DemoAccount, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


class _NeverChosen:
    # Defining a KeyringBackend subclass registers it with keyring; a priority that raises keeps
    # this test backend from ever being picked as the process's real keyring.
    def __get__(self, instance: Any, owner: Any) -> float:
        raise RuntimeError("test backend: only used when passed explicitly")


class InMemoryKeyring(KeyringBackend):
    """A working keychain that keeps its entries in a dict."""

    priority = _NeverChosen()  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


def demo_account(sandbox: SandboxServer) -> DemoAccount:
    return DemoAccount(sandbox.url, DEMO_EMAIL, Secret(DEMO_TOKEN))


def connect(services: Services, sandbox: SandboxServer, email: str = DEMO_EMAIL) -> Connection:
    """Sign `services` in to the sandbox as the Connect page would (for tests of later pages)."""
    auth = ApiTokenAuth(email, Secret(DEMO_TOKEN))
    client = services.make_client(sandbox.url, auth)
    try:
        connection = Connection(
            base_url=client.base_url,
            email=email,
            auth=auth,
            agent=client.me(),
            permissions=client.permissions(),
        )
    finally:
        client.close()
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
