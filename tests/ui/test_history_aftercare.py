"""History's Verify and Withdraw, clicked through with pytest-qt against the sandbox."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from campaign_helpers import draft_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_history import EVERYONE, open_history, run_campaign

from proactive_desktop.core.models import campaign_tag
from proactive_desktop.core.withdraw import WITHDRAWN_TAG
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.dialogs.aftercare import FindingColumn, TicketColumn, WithdrawDialog
from proactive_desktop.ui.dialogs.history import HistoryColumn
from proactive_desktop.ui.services import Services


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirm every question; returns the texts that were asked."""
    asked: list[str] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def tagged(sandbox: SandboxServer, name: str) -> list[dict[str, Any]]:
    tag = campaign_tag(name)
    return [t for t in sandbox.tickets() if tag in t["tags"]]


def fill_required_fields(sandbox: SandboxServer) -> None:
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]


def test_verify_then_withdraw_the_duplicates_from_history(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=5, name="Twice", **EVERYONE)
    summary = run_campaign(connected_services, draft)
    created = {o.user_id: o.ticket_id for o in summary.customers}
    first, second = list(created)[:2]
    tag = campaign_tag("Twice")
    duplicate = sandbox.plant_ticket(requester_id=first, tags=[tag])["id"]
    assert sandbox.delete_ticket(created[second] or 0)
    stranger = next(
        u["id"] for u in sandbox.users() if u["role"] == "end-user" and u["id"] not in created
    )
    sandbox.plant_ticket(requester_id=stranger, tags=[tag])

    dialog = open_history(qtbot, connected_services)
    assert dialog.verify_button.isEnabled()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    verify = dialog.verify_dialog
    assert verify is not None
    qtbot.waitUntil(lambda: verify.report is not None, timeout=10_000)
    assert "does not match" in verify.status_label.text()
    assert "Customers with duplicate tickets: 1." in verify.status_label.text()
    findings = verify.model
    assert findings.rowCount() == 3
    kinds = [findings.data(findings.index(r, FindingColumn.KIND)) for r in range(3)]
    assert kinds == [
        "Duplicate tickets",
        "Ticket no longer in Zendesk",
        "Not a customer of the campaign",
    ]
    tickets = findings.data(findings.index(0, FindingColumn.TICKETS))
    assert tickets == f"#{created[first]}, #{duplicate}"
    assert verify.withdraw_button.isEnabled()
    assert sandbox.stats()["jobs"]["by_kind"].get("update") is None  # verify wrote nothing

    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(verify.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = dialog.withdraw_dialog
    assert isinstance(withdraw, WithdrawDialog)
    qtbot.mouseClick(withdraw.delete_option, Qt.MouseButton.LeftButton)
    assert not withdraw.note_edit.isEnabled()
    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: withdraw.summary is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=10_000)
    assert "Delete 1 ticket(s)" in asked[0]
    assert "un-emailed" in asked[0]
    assert "Done: 1 ticket" in withdraw.status_label.text()
    assert withdraw.model.rowCount() == 1
    per_customer = Counter(t["requester_id"] for t in tagged(sandbox, "Twice"))
    assert per_customer[first] == 1
    assert all(count == 1 for count in per_customer.values())
    assert [t["id"] for t in sandbox.deleted_tickets()] == [created[second], duplicate]
    qtbot.waitUntil(lambda: "Duplicates withdrawn" in dialog.status_label.text(), timeout=10_000)
    assert dialog.model.data(dialog.model.index(0, HistoryColumn.STATE)) == "Finished"


def test_withdraw_everything_by_solving_from_history(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=4, name="Wrong price", **EVERYONE)
    run_campaign(connected_services, draft)
    fill_required_fields(sandbox)
    dialog = open_history(qtbot, connected_services)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = dialog.withdraw_dialog
    assert withdraw is not None
    assert withdraw.solve_option.isChecked()
    withdraw.note_edit.setFocus()
    qtbot.keyClicks(withdraw.note_edit, "The price was wrong, sorry")
    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: withdraw.summary is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=10_000)
    assert "Solve 4 ticket(s)" in asked[0]
    assert "Done: 4 ticket" in withdraw.status_label.text()
    for ticket in tagged(sandbox, "Wrong price"):
        assert ticket["status"] == "solved"
        assert WITHDRAWN_TAG in ticket["tags"]
        notes = [c for c in ticket["comments"] if c["body"] == "The price was wrong, sorry"]
        assert [n["public"] for n in notes] == [False]
    # History says so: the state, and a line about the withdrawal.
    qtbot.waitUntil(
        lambda: dialog.model.data(dialog.model.index(0, HistoryColumn.STATE)) == "Withdrawn",
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: "Withdrawn: 4 ticket" in dialog.detail_label.text(), timeout=10_000)
    assert not dialog.retry_button.isEnabled()


@pytest.mark.slow
def test_stopping_a_withdrawal_and_withdrawing_again_acts_on_each_ticket_once(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=150, name="Stop halfway", **EVERYONE)
    run_campaign(connected_services, draft)
    fill_required_fields(sandbox)
    sandbox.configure(job_seconds_per_ticket=0.02, job_start_delay_s=0.05)
    dialog = open_history(qtbot, connected_services)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = dialog.withdraw_dialog
    assert withdraw is not None
    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: withdraw.cancel_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(withdraw.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=20_000)
    assert withdraw.summary is not None
    first_done = withdraw.summary.done
    assert first_done < 150
    assert "Stopped before the end" in withdraw.status_label.text()

    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: withdraw.summary is not None and withdraw.summary.is_finished, timeout=30_000
    )
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=10_000)
    assert "did not finish" in asked[-1]
    assert withdraw.summary.done == 150
    for ticket in tagged(sandbox, "Stop halfway"):
        notes = [c for c in ticket["comments"] if not c["public"]]
        assert len(notes) == 1, ticket["id"]


def test_tickets_zendesk_refuses_show_why_and_withdrawing_again_retries_them(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=3, name="Needs product", **EVERYONE)
    run_campaign(connected_services, draft)
    dialog = open_history(qtbot, connected_services)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    withdraw = dialog.withdraw_dialog
    assert withdraw is not None
    asked = answer_yes(monkeypatch)
    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: withdraw.summary is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=10_000)
    assert "Product" in asked[0]  # the confirmation warns about the required field
    assert withdraw.summary is not None
    assert withdraw.summary.failed == 3
    reason = withdraw.model.index(0, TicketColumn.REASON).data()
    assert "Product" in reason
    assert withdraw.withdraw_button.isEnabled()

    fill_required_fields(sandbox)
    qtbot.mouseClick(withdraw.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: withdraw.summary is not None and withdraw.summary.done == 3, timeout=20_000
    )
    qtbot.waitUntil(lambda: not withdraw.is_busy, timeout=10_000)
    assert "failed for these tickets" in asked[-1]
    notes = [
        [c for c in t["comments"] if not c["public"]] for t in tagged(sandbox, "Needs product")
    ]
    assert [len(n) for n in notes] == [1, 1, 1]
    # Nothing is left to do: the dialog offers no second run.
    assert not withdraw.withdraw_button.isEnabled()
