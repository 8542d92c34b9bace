"""Connect page, "Sign in with Zendesk": real clicks, the sandbox's OAuth server over loopback.

The browser is played by the test: `QDesktopServices.setUrlHandler("http", …)` receives the URL
the page opens, and a thread follows it with requests (authorization URL with redirects off, then
the program's loopback redirect), as the user's browser would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
import requests
from keychain_backends import MemoryKeyring
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from wizard_support import click_next, demo_account, make_wizard

from proactive_desktop.core import oauth
from proactive_desktop.core.oauth import KeychainTokenSource
from proactive_desktop.core.secrets import BearerAuth, SecretStore
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_CLIENT_ID, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.pages.connect import ConnectPage
from proactive_desktop.ui.services import FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId

TIMEOUT = (5.0, 10.0)


class Browser(QObject):
    """Stands in for the system browser: follows each opened URL on a thread (or ignores it,
    like a user who closed the window)."""

    def __init__(self, *, follows: bool = True) -> None:
        super().__init__()
        self.follows = follows
        self.opened: list[str] = []
        self.pages: list[requests.Response] = []
        self._threads: list[threading.Thread] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        text = bytes(url.toEncoded().data()).decode("ascii")
        self.opened.append(text)
        if self.follows:
            thread = threading.Thread(target=self._follow, args=(text,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _follow(self, url: str) -> None:
        with requests.Session() as session:
            session.headers["Accept-Language"] = "en-US,en;q=0.9"
            reply = session.get(url, allow_redirects=False, timeout=TIMEOUT)
            if reply.status_code == 302:
                page = session.get(
                    reply.headers["Location"], allow_redirects=False, timeout=TIMEOUT
                )
                self.pages.append(page)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    stand_in = Browser()
    QDesktopServices.setUrlHandler("http", stand_in, "open")
    yield stand_in
    QDesktopServices.unsetUrlHandler("http")
    stand_in.join()


def open_connect(qtbot: QtBot, wizard: CampaignWizard) -> ConnectPage:
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.CONNECT)
    page = wizard.page_by_id(PageId.CONNECT)
    assert isinstance(page, ConnectPage)
    qtbot.waitUntil(lambda: page._keychain_state is not None)
    return page


def choose_oauth(qtbot: QtBot, page: ConnectPage, url: str, client_id: str) -> None:
    qtbot.mouseClick(page.oauth_radio, Qt.MouseButton.LeftButton)
    assert page.is_oauth
    assert page.oauth_group.isVisible()
    assert not page.token_edit.isVisible()
    for edit, text in ((page.url_edit, url), (page.client_id_edit, client_id)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def press_sign_in(qtbot: QtBot, page: ConnectPage) -> None:
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)


def wait_until_done(qtbot: QtBot, page: ConnectPage) -> None:
    qtbot.waitUntil(lambda: not page._sign_in_call.is_running, timeout=15_000)


def next_button(wizard: QWizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def test_sign_in_with_zendesk_opens_the_browser_and_signs_in(
    qtbot: QtBot,
    wizard: CampaignWizard,
    sandbox: SandboxServer,
    services: Services,
    memory_keyring: MemoryKeyring,
    browser: Browser,
    data_dir: Path,
) -> None:
    page = open_connect(qtbot, wizard)
    # The page opens on the sign-in; the API token is the second choice.
    assert page.is_oauth
    assert page.oauth_group.isVisible()
    assert not page.token_edit.isVisible()
    # The guide shows exactly what the administrator enters: the program's fixed addresses.
    assert page.redirect_urls_label.text().splitlines() == oauth.redirect_urls()
    assert page.oauth_kind_value.text() == "Public"
    qtbot.mouseClick(page.copy_redirects_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines() == oauth.redirect_urls()
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    assert page.cancel_sign_in_button.isVisible()
    assert not next_button(wizard).isEnabled()
    wait_until_done(qtbot, page)

    assert len(browser.opened) == 1
    assert browser.opened[0].startswith(f"{sandbox.url}/oauth/authorizations/new?")
    assert "code_challenge_method=S256" in browser.opened[0]
    browser.join()
    assert "You are signed in to Zendesk" in browser.pages[0].text
    status = page.status_label.text()
    assert f"({DEMO_EMAIL})" in status
    assert "administrator" in status
    assert "kept in this computer's keychain and holds until" in status
    assert not page.error_label.isVisible()
    assert not page.cancel_sign_in_button.isVisible()
    assert next_button(wizard).isEnabled()

    connection = services.connection
    assert connection is not None
    assert isinstance(connection.auth, BearerAuth)
    assert isinstance(connection.auth.token_source, KeychainTokenSource)
    assert connection.email == DEMO_EMAIL
    # The tokens are in the keychain, and in no file of the data folder.
    saved = SecretStore(memory_keyring).load_oauth(sandbox.url, DEMO_EMAIL)
    assert saved is not None
    assert saved.client_id == DEMO_OAUTH_CLIENT_ID
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert saved.access_token.reveal().encode() not in content
            assert saved.refresh_token is not None
            assert saved.refresh_token.reveal().encode() not in content

    # Changing the client shown un-verifies the page.
    qtbot.keyClicks(page.client_id_edit, "x")
    assert not next_button(wizard).isEnabled()


def test_a_declined_sign_in_is_explained_and_the_page_stays_usable(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, browser: Browser
) -> None:
    sandbox.configure(oauth_deny=True)
    page = open_connect(qtbot, wizard)
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert page.error_label.isVisible()
    assert "declined" in page.error_label.text()
    assert not next_button(wizard).isEnabled()
    assert page.sign_in_button.isEnabled()

    # Allowed the second time: signed in.
    sandbox.configure(oauth_deny=False)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert next_button(wizard).isEnabled()


def test_cancel_stops_waiting_for_a_closed_browser(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, browser: Browser
) -> None:
    browser.follows = False  # the user closed the browser window
    page = open_connect(qtbot, wizard)
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    qtbot.waitUntil(page.cancel_sign_in_button.isVisible)
    qtbot.mouseClick(page.cancel_sign_in_button, Qt.MouseButton.LeftButton)
    assert not page._sign_in_call.is_running
    assert "cancelled" in page.error_label.text()
    assert page.sign_in_button.isEnabled()
    assert not page.cancel_sign_in_button.isVisible()
    assert not next_button(wizard).isEnabled()


def test_a_browser_that_never_comes_back_times_out(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, browser: Browser
) -> None:
    browser.follows = False
    page = open_connect(qtbot, wizard)
    page.sign_in_timeout_s = 0.5
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert "did not come back" in page.error_label.text()
    assert page.sign_in_button.isEnabled()


def test_a_missing_client_identifier_is_asked_for_before_the_browser(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, browser: Browser
) -> None:
    page = open_connect(qtbot, wizard)
    choose_oauth(qtbot, page, sandbox.url, "")
    press_sign_in(qtbot, page)
    assert "OAuth Clients" in page.error_label.text()
    assert browser.opened == []
    assert not page._sign_in_call.is_running


def test_without_a_keychain_the_sign_in_lasts_the_session(
    qtbot: QtBot, data_dir: Path, sandbox: SandboxServer, browser: Browser
) -> None:
    no_keychain = build_services(
        data_dir,
        secrets=SecretStore(keyring.backends.fail.Keyring()),
        demo=FixedDemo(demo_account(sandbox)),
    )
    try:
        wizard = make_wizard(qtbot, no_keychain)
        page = open_connect(qtbot, wizard)
        choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
        press_sign_in(qtbot, page)
        wait_until_done(qtbot, page)
        assert "for this session only" in page.status_label.text()
        assert next_button(wizard).isEnabled()
        connection = no_keychain.connection
        assert connection is not None
        assert isinstance(connection.auth, BearerAuth)
        source = connection.auth.token_source
        assert isinstance(source, KeychainTokenSource)
        assert not source.is_remembered
    finally:
        no_keychain.close()


def test_a_saved_sign_in_is_used_without_the_browser(
    qtbot: QtBot,
    services: Services,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    browser: Browser,
) -> None:
    # A first session signs in and is remembered in the keychain…
    first = make_wizard(qtbot, services)
    page = open_connect(qtbot, first)
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert services.connection is not None
    services.save_settings()
    first.close()
    services.connection = None

    # …and the next one opens signed in, with no browser.
    opened_before = len(browser.opened)
    second = make_wizard(qtbot, services)
    again = open_connect(qtbot, second)
    qtbot.waitUntil(lambda: next_button(second).isEnabled(), timeout=15_000)
    assert again.is_oauth
    assert again.client_id_edit.text() == DEMO_OAUTH_CLIENT_ID
    assert "Signed in as" in again.status_label.text()
    assert len(browser.opened) == opened_before


def test_the_guide_names_the_place_in_admin_center(
    qtbot: QtBot, wizard: CampaignWizard, browser: Browser
) -> None:
    page = open_connect(qtbot, wizard)
    qtbot.mouseClick(page.oauth_radio, Qt.MouseButton.LeftButton)
    texts = " ".join(
        label.text() for label in page.oauth_group.findChildren(type(page.status_label))
    )
    assert "Apps and integrations → APIs → Zendesk API → OAuth Clients" in texts


def test_forget_this_sign_in_removes_it_from_the_keychain(
    qtbot: QtBot,
    services: Services,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    browser: Browser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = make_wizard(qtbot, services)
    page = open_connect(qtbot, first)
    assert not page.forget_sign_in_button.isVisible()
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert page.forget_sign_in_button.isVisible()

    # "No" in the confirmation keeps everything.
    questions: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        def ask(_parent: object, _title: str, text: str, *_args: object) -> object:
            questions.append(text)
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.forget_sign_in_button, Qt.MouseButton.LeftButton)
    assert DEMO_EMAIL in questions[-1]
    assert SecretStore(memory_keyring).load_oauth(sandbox.url, DEMO_EMAIL) is not None
    assert next_button(first).isEnabled()

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.forget_sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.forget_sign_in_button.isVisible(), timeout=10_000)
    assert SecretStore(memory_keyring).load_oauth(sandbox.url, DEMO_EMAIL) is None
    assert "removed from this computer's keychain" in page.status_label.text()
    assert services.connection is None
    assert not next_button(first).isEnabled()
    services.save_settings()
    first.close()

    # The next session finds nothing to sign in with: it waits for the browser sign-in.
    opened_before = len(browser.opened)
    second = make_wizard(qtbot, services)
    again = open_connect(qtbot, second)
    qtbot.waitUntil(
        lambda: not again._keychain_call.is_running and not again._sign_in_call.is_running
    )
    assert not next_button(second).isEnabled()
    assert not again.forget_sign_in_button.isVisible()
    assert "Signed in as" not in again.status_label.text()
    assert len(browser.opened) == opened_before


def test_a_sign_in_about_to_run_out_is_a_warning(
    qtbot: QtBot, wizard: CampaignWizard, sandbox: SandboxServer, browser: Browser
) -> None:
    sandbox.configure(oauth_refresh_token_ttl_s=2 * 86400)  # two days left from the start
    page = open_connect(qtbot, wizard)
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert next_button(wizard).isEnabled()
    assert "runs out on" in page.status_label.text()
    assert "Sign in with Zendesk again now" in page.status_label.text()
    assert page.status_label.property("role") == "warning"


def test_the_accounts_own_client_is_remembered_for_the_next_sign_in(
    qtbot: QtBot,
    services: Services,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    browser: Browser,
) -> None:
    first = make_wizard(qtbot, services)
    page = open_connect(qtbot, first)
    choose_oauth(qtbot, page, sandbox.url, DEMO_OAUTH_CLIENT_ID)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert services.connection is not None
    host = sandbox.url.removeprefix("http://")
    assert services.settings.sign_in_clients == {host: DEMO_OAUTH_CLIENT_ID}
    services.save_settings()
    first.close()
    # Signed out meanwhile (nothing kept): the next wizard still knows the account's client.
    SecretStore(memory_keyring).delete_oauth(sandbox.url)
    services.connection = None
    second = make_wizard(qtbot, services)
    again = open_connect(qtbot, second)
    qtbot.waitUntil(lambda: not again._keychain_call.is_running)
    assert again.is_oauth
    assert again.url_edit.text() == sandbox.url
    assert again.client_id_edit.text() == DEMO_OAUTH_CLIENT_ID
    assert not next_button(second).isEnabled()


def test_a_build_with_a_global_client_asks_only_for_the_address(
    qtbot: QtBot,
    services: Services,
    sandbox: SandboxServer,
    browser: Browser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What a released build carries (the release workflow writes it); here the sandbox's client.
    monkeypatch.setattr(
        "proactive_desktop.ui.pages.connect.global_client_id", lambda: DEMO_OAUTH_CLIENT_ID
    )
    monkeypatch.setattr(oauth, "global_client_id", lambda: DEMO_OAUTH_CLIENT_ID)
    wizard = make_wizard(qtbot, services)
    page = open_connect(qtbot, wizard)
    assert page.is_oauth
    assert not page.client_id_edit.isVisible()
    assert not page.redirect_urls_label.isVisible()
    assert "No set-up in Admin Center" in page.global_client_label.text()
    page.url_edit.clear()
    qtbot.keyClicks(page.url_edit, sandbox.url)
    press_sign_in(qtbot, page)
    wait_until_done(qtbot, page)
    assert next_button(wizard).isEnabled()
    assert f"client_id={DEMO_OAUTH_CLIENT_ID}" in browser.opened[0]
    assert services.settings.sign_in_clients == {}
