"""Connect page against the sandbox over loopback HTTP: real clicks, real checks."""

from __future__ import annotations

import socket
from pathlib import Path

import keyring.backends.fail
from keychain_backends import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from wizard_support import click_next, demo_account, make_wizard

from proactive_desktop.core.secrets import Secret, SecretStore, keychain_user
from proactive_desktop.core.zendesk.client import MAX_ATTEMPTS
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, LIMITED_EMAIL, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.pages.connect import CHECK_ATTEMPTS, ConnectPage
from proactive_desktop.ui.services import FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId


def open_connect(qtbot: QtBot, wizard: CampaignWizard) -> ConnectPage:
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.CONNECT)
    page = wizard.page_by_id(PageId.CONNECT)
    assert isinstance(page, ConnectPage)
    # The keychain look-up runs in the background when the page opens.
    qtbot.waitUntil(lambda: page._keychain_state is not None)
    return page


def type_credentials(qtbot: QtBot, page: ConnectPage, url: str, email: str, token: str) -> None:
    # The page opens on "Sign in with Zendesk"; an existing API token is the second choice.
    qtbot.mouseClick(page.api_token_radio, Qt.MouseButton.LeftButton)
    assert page.token_edit.isVisible()
    for edit, text in ((page.url_edit, url), (page.email_edit, email), (page.token_edit, token)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def next_button(wizard: QWizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def check(qtbot: QtBot, page: ConnectPage) -> None:
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page._check_call.is_running and page.check_button.isEnabled())


def test_good_credentials_show_who_is_signed_in(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, services: Services
) -> None:
    page = open_connect(qtbot, wizard)
    assert not next_button(wizard).isEnabled()
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    check(qtbot, page)
    status = page.status_label.text()
    assert DEMO_EMAIL in status
    assert "administrator" in status
    assert "may create shared views" in status
    assert not page.error_label.isVisible()
    assert next_button(wizard).isEnabled()
    assert services.connection is not None
    assert wizard.draft.base_url == sandbox.url
    assert wizard.draft.can_manage_shared_views is True
    # The address and email are remembered; the token never reaches the settings file.
    settings_text = "".join(
        path.read_text(encoding="utf-8") for path in services.data_dir.glob("*.json")
    )
    assert sandbox.url in settings_text
    assert DEMO_TOKEN not in settings_text
    # Editing a field after the check asks for a new check.
    qtbot.keyClicks(page.email_edit, "x")
    assert not next_button(wizard).isEnabled()


def test_agent_without_shared_views_is_told_so(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, sandbox.url, LIMITED_EMAIL, DEMO_TOKEN)
    check(qtbot, page)
    assert "agent" in page.status_label.text()
    assert "may not create shared views" in page.status_label.text()
    assert next_button(wizard).isEnabled()


def test_wrong_token_is_refused_in_plain_words(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, services: Services
) -> None:
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, "not-the-token")
    check(qtbot, page)
    assert page.error_label.isVisible()
    assert page.error_label.text()
    assert "Traceback" not in page.error_label.text()
    assert "not-the-token" not in page.error_label.text()
    assert not next_button(wizard).isEnabled()
    assert services.connection is None


def test_plain_http_address_is_refused_before_connecting(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, "http://acme.example.com", DEMO_EMAIL, DEMO_TOKEN)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible()
    assert "http://" in page.error_label.text()
    assert not page._check_call.is_running  # refused before any connection was opened
    assert not next_button(wizard).isEnabled()


def test_unreachable_address_says_so(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, f"http://127.0.0.1:{port}", DEMO_EMAIL, DEMO_TOKEN)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert "Checking" in page.status_label.text()
    qtbot.waitUntil(lambda: not page._check_call.is_running, timeout=30_000)
    assert page.error_label.isVisible()
    assert page.error_label.text()
    assert not next_button(wizard).isEnabled()


def test_the_check_gives_up_after_its_few_attempts(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    # Every users/me answer is lost: the check tries CHECK_ATTEMPTS times, not a campaign's six.
    dropped = sandbox.faults.inject("reset", method="GET", path="/api/v2/users/me", count=50)
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page._check_call.is_running, timeout=30_000)
    assert page.error_label.isVisible()
    assert not next_button(wizard).isEnabled()
    assert dropped.fired == CHECK_ATTEMPTS < MAX_ATTEMPTS


def test_try_the_demo_fills_everything_and_signs_in(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    page = open_connect(qtbot, wizard)
    assert page.demo_button.isVisible()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled())
    assert page.url_edit.text() == sandbox.url
    assert page.email_edit.text() == DEMO_EMAIL
    assert page.token_edit.text() == DEMO_TOKEN
    assert page.token_edit.echoMode() == page.token_edit.EchoMode.Password
    assert wizard.draft.is_demo
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.SEARCH)


def test_without_keychain_the_token_is_kept_for_this_session_only(
    qtbot: QtBot, data_dir: Path, sandbox: SandboxServer
) -> None:
    no_keychain = SecretStore(keyring.backends.fail.Keyring())
    services = build_services(data_dir, secrets=no_keychain, demo=FixedDemo(demo_account(sandbox)))
    wizard = make_wizard(qtbot, services)
    page = open_connect(qtbot, wizard)
    qtbot.mouseClick(page.api_token_radio, Qt.MouseButton.LeftButton)
    assert not page.remember_box.isVisible()
    assert page.keychain_label.isVisible()
    assert "this session only" in page.keychain_label.text()
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    check(qtbot, page)
    assert next_button(wizard).isEnabled()


def test_remembered_token_is_loaded_at_the_next_launch(
    qtbot: QtBot,
    data_dir: Path,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    secret_store: SecretStore,
) -> None:
    first = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    wizard = make_wizard(qtbot, first)
    page = open_connect(qtbot, wizard)
    qtbot.mouseClick(page.api_token_radio, Qt.MouseButton.LeftButton)
    assert page.remember_box.isVisible()
    assert not page.keychain_label.isVisible()
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    page.remember_box.setChecked(True)
    check(qtbot, page)
    assert next_button(wizard).isEnabled()
    user = keychain_user(sandbox.url, DEMO_EMAIL)
    assert DEMO_TOKEN in memory_keyring.entries.values()
    assert any(entry_user == user for _service, entry_user in memory_keyring.entries)
    wizard.close()

    # Next launch: same data folder and keychain. Address, email and token come back, and the
    # connection is checked without a click.
    second = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    again = make_wizard(qtbot, second)
    page = open_connect(qtbot, again)
    qtbot.waitUntil(lambda: next_button(again).isEnabled())
    assert page.url_edit.text() == sandbox.url
    assert page.email_edit.text() == DEMO_EMAIL
    assert page.token_edit.text() == DEMO_TOKEN
    assert page.remember_box.isChecked()


def test_a_saved_token_zendesk_switched_off_says_so_and_offers_the_sign_in(
    qtbot: QtBot,
    data_dir: Path,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    secret_store: SecretStore,
) -> None:
    # A token saved months ago, which Zendesk has since switched off (unused for 30 days).
    secret_store.save_api_token(sandbox.url, DEMO_EMAIL, Secret("a-token-switched-off"))
    services = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    services.settings.last_url = sandbox.url
    services.settings.last_email = DEMO_EMAIL
    wizard = make_wizard(qtbot, services)
    page = open_connect(qtbot, wizard)
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=15_000)
    assert not page.is_oauth  # the saved token was tried as it is
    assert "probably switched it off" in page.error_label.text()
    assert "30 days" in page.error_label.text()
    assert page.use_sign_in_button.isVisible()
    assert not next_button(wizard).isEnabled()
    qtbot.mouseClick(page.use_sign_in_button, Qt.MouseButton.LeftButton)
    assert page.is_oauth
    assert page.sign_in_button.isVisible()
    assert not page.use_sign_in_button.isVisible()


def test_a_mistyped_token_gets_the_ordinary_message(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer
) -> None:
    page = open_connect(qtbot, wizard)
    type_credentials(qtbot, page, sandbox.url, DEMO_EMAIL, "a-typo")
    check(qtbot, page)
    assert "did not accept" in page.error_label.text()
    assert "switched it off" not in page.error_label.text()
    assert not page.use_sign_in_button.isVisible()


def test_the_api_token_path_says_when_tokens_stop(qtbot: QtBot, wizard: CampaignWizard) -> None:
    page = open_connect(qtbot, wizard)
    qtbot.mouseClick(page.api_token_radio, Qt.MouseButton.LeftButton)
    texts = " ".join(
        label.text() for label in page._token_group.findChildren(type(page.status_label))
    )
    assert "30 April 2027" in texts
    assert "30 days" in texts
