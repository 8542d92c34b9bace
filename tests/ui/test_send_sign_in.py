"""Send page when Zendesk refuses to renew the sign-in midway: the campaign stops where it is,
nobody is marked failed, the page offers to sign in again, and Resume then finishes it with
exactly one ticket per customer. The browser is played by a thread (see test_connect_oauth)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from campaign_helpers import draft_for, tickets_by_requester
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from test_send import EVERYONE, SEND_TIMEOUT_MS, send_from_preview, wait_state
from wizard_support import demo_account

from proactive_desktop.core.models import CampaignState, CustomerStatus, campaign_tag
from proactive_desktop.core.secrets import BearerAuth, SecretStore
from proactive_desktop.core.signin import SignInAttempt
from proactive_desktop.sandbox import DEMO_OAUTH_CLIENT_ID, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.pages.send import SendState
from proactive_desktop.ui.services import Connection, FixedDemo, Services

TIMEOUT = (5.0, 10.0)


def browse(url: str) -> None:
    with requests.Session() as browser:
        reply = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
        if reply.status_code == 302:
            browser.get(reply.headers["Location"], allow_redirects=False, timeout=TIMEOUT)


class Browser(QObject):
    """The system browser for QDesktopServices: follows each URL on a thread."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self._threads: list[threading.Thread] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        text = bytes(url.toEncoded().data()).decode("ascii")
        self.opened.append(text)
        thread = threading.Thread(target=browse, args=(text,), daemon=True)
        self._threads.append(thread)
        thread.start()

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


def signed_in_services(
    data_dir: Path, secret_store: SecretStore, sandbox: SandboxServer
) -> Services:
    """Services whose session is a kept "Sign in with Zendesk" (the Connect page's result)."""
    services = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    with SignInAttempt.start(sandbox.url, DEMO_OAUTH_CLIENT_ID) as attempt:
        browser = threading.Thread(target=browse, args=(attempt.url,))
        browser.start()
        result = attempt.complete(cancel=threading.Event(), store=secret_store, timeout_s=10)
        browser.join(10)
    services.connection = Connection(
        base_url=result.base_url,
        email=result.agent.email,
        auth=BearerAuth(result.source),
        agent=result.agent,
        permissions=result.permissions,
    )
    return services


def test_a_refused_renewal_stops_safely_and_signing_in_again_lets_resume_finish(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    data_dir: Path,
    secret_store: SecretStore,
    browser: Browser,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01, customers=200)
    services = signed_in_services(data_dir, secret_store, sandbox)
    try:
        draft = draft_for(services, count=150, **EVERYONE)
        _wizard, page = send_from_preview(qtbot, services, draft)
        # An administrator revokes the app's access while tickets are going out.
        qtbot.waitUntil(lambda: sandbox.stats()["tickets"] > 0, timeout=SEND_TIMEOUT_MS)
        sandbox.oauth.revoke_refresh_tokens()
        sandbox.oauth.expire_access_tokens()
        wait_state(qtbot, page, SendState.STOPPED)
        counts = page.model.counts()
        assert counts[CustomerStatus.FAILED] == 0, "nobody is failed for a sign-in that ended"
        assert counts[CustomerStatus.PENDING] > 0
        assert "Sign in with Zendesk again" in page.result_label.text()
        assert page.sign_in_again_button.isVisible()
        with services.open_journal() as journal:
            record = journal.find_campaign(draft.name)
            assert record is not None
            assert record.state == CampaignState.STOPPED

        qtbot.mouseClick(page.sign_in_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Signed in again" in page.result_label.text(), timeout=15_000)
        assert len(browser.opened) == 1
        assert not page.sign_in_again_button.isVisible()
        qtbot.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
        wait_state(qtbot, page, SendState.FINISHED)
        assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
            draft.selected_ids, 1
        )
    finally:
        services.close()
