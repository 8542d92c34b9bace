"""History dialog: past campaigns from the journal, one campaign's table, retry, CSV export."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from campaign_helpers import draft_for, tickets_by_requester
from oauth_sign_in import sign_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from proactive_desktop.core import campaigns
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.engine import CampaignSummary
from proactive_desktop.core.export import EXPORT_COLUMNS, write_export_csv
from proactive_desktop.core.models import CustomerStatus, campaign_tag
from proactive_desktop.core.secrets import BearerAuth, SecretStore
from proactive_desktop.sandbox import DEMO_EMAIL, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.dialogs.history import HistoryColumn, HistoryDialog
from proactive_desktop.ui.models.send_table import Column, Role
from proactive_desktop.ui.services import Connection, Services
from proactive_desktop.ui.widgets.messages import MessageRole

EVERYONE = {"subject": "A note for {{user.name}}", "body": "Hello {{user.first_name}}"}


@dataclass(frozen=True)
class Row:
    user_id: int | None
    email: str | None
    name: str
    status: CustomerStatus
    ticket_id: int | None
    ticket_url: str | None
    reason: str | None


def test_export_is_utf8_with_bom_and_the_cli_columns(tmp_path: Path) -> None:
    target = tmp_path / "campaign.csv"
    target.write_text("an older export", encoding="utf-8")
    rows = [
        Row(
            1,
            "a@example.com",
            "山田 太郎",
            CustomerStatus.CREATED,
            7,
            "http://h/agent/tickets/7",
            None,
        ),
        Row(
            None,
            "x@example.com",
            "",
            CustomerStatus.SKIPPED,
            None,
            None,
            "no user with email x@example.com",
        ),
    ]
    assert write_export_csv(target, rows) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert tuple(table[0]) == EXPORT_COLUMNS
    assert table[1] == [
        "1",
        "a@example.com",
        "山田 太郎",
        "created",
        "7",
        "http://h/agent/tickets/7",
        "",
        "",
        "",
    ]
    assert table[2][0] == ""
    assert table[2][3] == "skipped"
    assert list(tmp_path.iterdir()) == [target]


# -- the dialog, over a journal with real campaigns ------------------------------------------


def run_campaign(services: Services, draft: CampaignDraft) -> CampaignSummary:
    """Send a campaign the way the Send page's worker does (here on the test's thread)."""
    connection = services.connection
    assert connection is not None
    spec = draft.to_spec()
    with campaigns.open_account(
        services.workspace(), connection.base_url, connection.email
    ) as session:
        plan = session.engine.plan(
            spec, customers=draft.selected_customers(), organizations=draft.organizations
        )
        return campaigns.send(session, spec, plan)


def open_history(qtbot: QtBot, services: Services) -> HistoryDialog:
    dialog = HistoryDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
    return dialog


def test_history_lists_campaigns_with_their_results(
    qtbot: QtBot, connected_services: Services, qtmodeltester: ModelTester
) -> None:
    run_campaign(
        connected_services, draft_for(connected_services, count=4, name="First", **EVERYONE)
    )
    run_campaign(
        connected_services, draft_for(connected_services, count=2, name="Second", **EVERYONE)
    )
    dialog = open_history(qtbot, connected_services)
    model = dialog.model
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    names = [model.data(model.index(row, HistoryColumn.NAME)) for row in range(2)]
    assert names == ["Second", "First"]  # newest first
    assert model.data(model.index(1, HistoryColumn.STATE)) == "Finished"
    assert model.data(model.index(1, HistoryColumn.CREATED)) == "4"
    assert model.data(model.index(1, HistoryColumn.FAILED)) == "0"
    assert model.data(model.index(1, HistoryColumn.STARTED))
    assert "2 campaign" in dialog.status_label.text()


def test_open_a_campaign_shows_its_customers(
    qtbot: QtBot, connected_services: Services, sandbox: SandboxServer
) -> None:
    draft = draft_for(connected_services, count=5, name="Spring", **EVERYONE)
    run_campaign(connected_services, draft)
    dialog = open_history(qtbot, connected_services)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.customers_model.rowCount() == 5, timeout=10_000)
    customers = dialog.customers_model
    assert customers.counts()[CustomerStatus.CREATED] == 5
    url = customers.data(customers.index(0, Column.TICKET), Role.TICKET_URL)
    assert url.startswith(f"{sandbox.url}/agent/tickets/")
    assert "5 created" in dialog.detail_label.text()


def test_retry_failed_from_history_runs_on_a_worker(
    qtbot: QtBot,
    connected_services: Services,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=6, name="Retry me", **EVERYONE)
    broken = sorted(draft.selected_ids)[:2]
    with sandbox.store.lock:
        removed = {user_id: sandbox.store.users_by_id.pop(user_id) for user_id in broken}
    summary = run_campaign(connected_services, draft)
    assert summary.failed == 2
    with sandbox.store.lock:
        sandbox.store.users_by_id.update(removed)

    dialog = open_history(qtbot, connected_services)
    assert dialog.retry_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_args: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.customers_model.counts()[CustomerStatus.CREATED] == 6, timeout=20_000
    )
    qtbot.waitUntil(
        lambda: not dialog.retry_button.isEnabled() and "Done" in dialog.status_label.text(),
        timeout=20_000,
    )
    assert tickets_by_requester(sandbox, campaign_tag("Retry me")) == dict.fromkeys(
        draft.selected_ids, 1
    )
    qtbot.waitUntil(
        lambda: dialog.model.rowCount() == 1 and dialog.model.campaign(0).counts.failed == 0,
        timeout=10_000,
    )


def test_retry_failed_of_an_oauth_campaign_in_a_new_session(
    qtbot: QtBot,
    data_dir: Path,
    secret_store: SecretStore,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A campaign sent with "Sign in with Zendesk" is retried from History after a restart:
    no connection in the new session, no API token saved, only the kept sign-in, which is
    renewed on the way (its access token has expired by then)."""
    signed_in = sign_in(sandbox)
    signed_in.remember(secret_store, DEMO_EMAIL)
    first = build_services(data_dir, secrets=secret_store)
    with first.make_client(sandbox.url, BearerAuth(signed_in)) as client:
        first.connection = Connection(
            base_url=client.base_url,
            email=DEMO_EMAIL,
            auth=BearerAuth(signed_in),
            agent=client.me(),
            permissions=client.permissions(),
        )
    draft = draft_for(first, count=5, name="Signed in", **EVERYONE)
    broken = sorted(draft.selected_ids)[:2]
    with sandbox.store.lock:
        removed = {user_id: sandbox.store.users_by_id.pop(user_id) for user_id in broken}
    assert run_campaign(first, draft).failed == 2
    with sandbox.store.lock:
        sandbox.store.users_by_id.update(removed)
    first.close()

    # The next launch: a new session over the same data folder and keychain.
    sandbox.oauth.expire_access_tokens()
    refreshed_before = sandbox.oauth.counts().get("refreshed", 0)
    second = build_services(data_dir, secrets=secret_store)
    assert second.connection is None
    assert secret_store.load_api_token(sandbox.url, DEMO_EMAIL) is None
    dialog = open_history(qtbot, second)
    assert dialog.retry_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_args: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.customers_model.counts()[CustomerStatus.CREATED] == 5, timeout=20_000
    )
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=20_000)
    assert dialog.status_label.property("role") != MessageRole.ERROR.value, (
        dialog.status_label.text()
    )
    assert tickets_by_requester(sandbox, campaign_tag("Signed in")) == dict.fromkeys(
        draft.selected_ids, 1
    )
    assert sandbox.oauth.counts()["refreshed"] > refreshed_before
    second.close()


def test_export_csv_through_the_file_dialog(
    qtbot: QtBot,
    connected_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = draft_for(connected_services, count=3, name="Export me", **EVERYONE)
    run_campaign(connected_services, draft)
    dialog = open_history(qtbot, connected_services)
    target = tmp_path / "export.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "CSV"))
    )
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "exported" in dialog.status_label.text(), timeout=10_000)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.DictReader(stream))
    assert {int(row["user_id"]) for row in table} == draft.selected_ids
    assert {row["status"] for row in table} == {"created"}


def test_history_without_campaigns_says_so(qtbot: QtBot, services: Services) -> None:
    dialog = HistoryDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "No campaign" in dialog.status_label.text(), timeout=10_000)
    assert not dialog.export_button.isEnabled()
    assert not dialog.retry_button.isEnabled()


def test_long_campaign_names_are_shown_whole(qtbot: QtBot, connected_services: Services) -> None:
    long_names = (
        "Renewal reminder for our enterprise customers, fourth quarter 2026",
        "2026年第4四半期 法人のお客様へのプラン更新のご案内",
    )
    for name in long_names:
        run_campaign(connected_services, draft_for(connected_services, count=1, name=name))
    dialog = open_history(qtbot, connected_services)
    view = dialog.campaigns
    header = view.horizontalHeader()
    room = dialog.screen().availableGeometry().width() * 9 // 10
    one_line = view.columnWidth(HistoryColumn.NAME) >= view.sizeHintForColumn(HistoryColumn.NAME)
    # The window grew for the names: they fit on one line, or it is as wide as the screen allows.
    assert one_line or dialog.width() >= room
    # Either way no name is cut: a row is as tall as its name wrapped in the column's width.
    metrics = view.fontMetrics()
    width = view.columnWidth(HistoryColumn.NAME)
    for row in range(dialog.proxy.rowCount()):
        name = dialog.proxy.index(row, HistoryColumn.NAME).data()
        assert view.rowHeight(row) >= view.sizeHintForRow(row), name
        if metrics.horizontalAdvance(name) > width:
            assert view.rowHeight(row) >= 2 * metrics.lineSpacing(), name
    # The other columns are at least as wide as their headings.
    for column in HistoryColumn:
        assert view.columnWidth(column) >= header.sectionSizeHint(column), column.name
    tooltips = [
        dialog.proxy.index(row, HistoryColumn.NAME).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(dialog.proxy.rowCount())
    ]
    assert all(any(tip.startswith(name + "\n") for tip in tooltips) for name in long_names)
