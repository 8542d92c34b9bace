"""Send page: a stop shows who is being confirmed, and long waits say why and how long.

Against the sandbox, clicking the page's own buttons; the sandbox's tickets are the oracle.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from campaign_helpers import draft_for, tickets_by_requester
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_send import (
    EVERYONE,
    SEND_TIMEOUT_MS,
    send_from_preview,
    services_for,
    wait_state,
)

from proactive_desktop.core.models import CustomerStatus, campaign_tag
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.pages.send import SendState
from proactive_desktop.ui.services import Services

__all__ = ["services_for"]  # the fixture, shared with test_send


def always_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every "stop sending?" is answered Yes (also when the window closes at the end)."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_: QMessageBox.StandardButton.Yes)
    )


def test_a_stop_counts_the_accepted_but_unconfirmed_customers_apart(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    always_stop(monkeypatch)
    # Jobs that Zendesk accepts at once but runs only after a while.
    sandbox = sandbox_factory(job_start_delay_s=1.5, job_seconds_per_ticket=0.02, customers=150)
    services = services_for(sandbox)
    draft = draft_for(services, count=100, **EVERYONE)
    _wizard, page = send_from_preview(qtbot, services, draft)
    # Zendesk has accepted jobs and not run them yet: the stop lands with tickets in flight.
    qtbot.waitUntil(lambda: sandbox.stats()["jobs"]["queued"] > 0, timeout=SEND_TIMEOUT_MS)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, page, SendState.STOPPED)

    counts = page.model.counts()
    assert counts[CustomerStatus.IN_FLIGHT] > 0
    summary = page.summary
    assert summary is not None
    assert summary.in_flight == counts[CustomerStatus.IN_FLIGHT]
    assert "Being confirmed: " in page.counts_label.text()
    assert "await confirmation" in page.result_label.text()
    # The filter offers them, and shows exactly them.
    index = page.show_combo.findData(CustomerStatus.IN_FLIGHT.value)
    assert index >= 0
    assert page.show_combo.itemText(index) == "Being confirmed"
    page.show_combo.setCurrentIndex(index)
    assert page.proxy.rowCount() == counts[CustomerStatus.IN_FLIGHT]

    # Whoever has a ticket is created or being confirmed, never waiting.
    sandbox.wait_for_jobs(timeout=30)
    confirmed_or_created = {
        each.user_id
        for each in page.model.outcomes()
        if each.status in (CustomerStatus.CREATED, CustomerStatus.IN_FLIGHT)
    }
    assert set(tickets_by_requester(sandbox, campaign_tag(draft.name))) <= confirmed_or_created

    qtbot.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, page, SendState.FINISHED)
    assert page.model.counts()[CustomerStatus.IN_FLIGHT] == 0
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )


def test_a_retry_after_is_shown_with_its_reason_and_length(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    services_for: Callable[[SandboxServer], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    always_stop(monkeypatch)
    sandbox = sandbox_factory(customers=60)
    # Zendesk answers the first create_many with 429 and asks to wait 3 seconds.
    sandbox.faults.inject("rate_limit", method="POST", path="/api/v2/tickets", retry_after=3)
    services = services_for(sandbox)
    draft = draft_for(services, count=10, **EVERYONE)
    _wizard, page = send_from_preview(qtbot, services, draft)
    shown: list[str] = []

    def wait_is_shown() -> bool:
        if page.wait_label.isVisible():
            shown.append(page.wait_label.text())
        return bool(shown)

    qtbot.waitUntil(wait_is_shown, timeout=SEND_TIMEOUT_MS)
    assert "Zendesk asked to wait 3 second" in shown[0]
    assert "rate limit" in shown[0]
    wait_state(qtbot, page, SendState.FINISHED)
    assert not page.wait_label.isVisible()
    assert tickets_by_requester(sandbox, campaign_tag(draft.name)) == dict.fromkeys(
        draft.selected_ids, 1
    )
