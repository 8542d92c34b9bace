"""SendTableModel: Qt's model contract, coalesced updates, typed sort values."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from proactive_desktop.core.events import CustomerOutcome
from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.ui.models.role_span import RoleSpanProxy
from proactive_desktop.ui.models.send_table import (
    Column,
    Role,
    SendTableModel,
    fit_columns,
    status_label,
)

# The model reads the application palette and asserts it is used on the GUI thread.
pytestmark = pytest.mark.usefixtures("qapp")


@dataclass(frozen=True)
class FakeOutcome:
    """Shaped like the engine's CustomerOutcome; the model reads only these attributes."""

    user_id: int | None
    email: str | None
    name: str
    status: CustomerStatus
    ticket_id: int | None = None
    ticket_url: str | None = None
    reason: str | None = None


def waiting(count: int) -> list[FakeOutcome]:
    return [
        FakeOutcome(
            user_id=1000 + i,
            email=f"c{i}@example.com",
            name=f"Customer {i}",
            status=CustomerStatus.PENDING,
        )
        for i in range(count)
    ]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = SendTableModel()
    model.reset_rows(waiting(20))
    qtmodeltester.check(model, force_py=True)
    model.apply(
        [
            replace(
                waiting(20)[3],
                status=CustomerStatus.CREATED,
                ticket_id=7,
                ticket_url="http://127.0.0.1/agent/tickets/7",
            )
        ]
    )
    model.apply(
        [
            FakeOutcome(
                user_id=None,
                email="nobody@example.com",
                name="",
                status=CustomerStatus.SKIPPED,
                reason="no user with email …",
            )
        ]
    )
    qtmodeltester.check(model, force_py=True)


def test_display_per_column_and_link_role() -> None:
    model = SendTableModel()
    rows = waiting(3)
    model.reset_rows(rows)
    created = replace(
        rows[1],
        status=CustomerStatus.CREATED,
        ticket_id=51234,
        ticket_url="http://127.0.0.1:1/agent/tickets/51234",
    )
    model.apply([created])
    index = model.index(1, Column.TICKET)
    assert model.data(index) == "#51234"
    assert model.data(index, Role.TICKET_URL) == created.ticket_url
    assert model.data(model.index(1, Column.STATUS)) == "Created"
    assert model.data(model.index(0, Column.STATUS)) == "Waiting"
    assert model.data(model.index(0, Column.TICKET, QModelIndex()), Role.TICKET_URL) is None
    assert model.headerData(Column.REASON, Qt.Orientation.Horizontal) == "Reason"
    assert model.counts()[CustomerStatus.CREATED] == 1
    assert model.counts()[CustomerStatus.PENDING] == 2


def test_a_batch_of_updates_is_one_data_changed() -> None:
    model = SendTableModel()
    rows = waiting(500)
    model.reset_rows(rows)
    emitted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: emitted.append((top.row(), bottom.row())))

    model.apply(
        [replace(rows[row], status=CustomerStatus.FAILED, reason="boom") for row in (10, 480, 200)]
    )
    assert emitted == [(10, 480)]
    assert model.data(model.index(480, Column.REASON)) == "boom"
    assert model.data(model.index(200, Column.STATUS), Role.STATUS) == "failed"


def test_sort_role_is_typed() -> None:
    model = SendTableModel()
    rows = waiting(2)
    model.reset_rows(rows)
    model.apply(
        [
            replace(
                rows[0],
                status=CustomerStatus.CREATED,
                ticket_id=9,
                ticket_url="http://127.0.0.1/agent/tickets/9",
            )
        ]
    )
    assert model.data(model.index(0, Column.TICKET), Role.SORT) == 9
    assert model.data(model.index(1, Column.TICKET), Role.SORT) == -1


def test_reason_formatter_translates_at_display() -> None:
    model = SendTableModel()
    model.reset_rows(
        [
            FakeOutcome(
                user_id=1, email=None, name="A", status=CustomerStatus.SKIPPED, reason="suspended"
            )
        ]
    )
    model.reason_formatter = lambda reason: f"<{reason}>"
    assert model.data(model.index(0, Column.REASON)) == "<suspended>"


def created_and_failed() -> list[FakeOutcome]:
    rows = waiting(4)
    return [
        replace(
            rows[0],
            status=CustomerStatus.CREATED,
            ticket_id=81,
            ticket_url="http://127.0.0.1/agent/tickets/81",
        ),
        replace(rows[1], status=CustomerStatus.FAILED, reason="boom"),
        rows[2],
        replace(rows[3], status=CustomerStatus.SKIPPED, reason="suspended"),
    ]


def test_the_painter_sees_through_the_proxy_what_data_says(qtmodeltester: ModelTester) -> None:
    """A cell's roles come in one call through RoleSpanProxy, with the same values as data()."""
    model = SendTableModel()
    model.reset_rows(created_and_failed())
    proxy = RoleSpanProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.setSortRole(Role.SORT)
    proxy.sort(Column.STATUS)  # rows in another order than the source's
    delegate = QStyledItemDelegate()
    source_calls: list[int] = []
    model.multiData = lambda index, span: (  # type: ignore[method-assign]
        source_calls.append(index.row()),
        SendTableModel.multiData(model, index, span),
    )
    for row in range(proxy.rowCount()):
        for column in Column:
            index = proxy.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == (index.data(Qt.ItemDataRole.DisplayRole) or "")
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            if foreground is not None:
                assert option.palette.text().color() == foreground.color()
            assert option.font.underline() == (
                column == Column.TICKET and bool(index.data(Role.TICKET_URL))
            )
    # One forwarded call per cell: the proxy did not answer role by role.
    assert len(source_calls) == proxy.rowCount() * len(Column)
    status_texts = [proxy.index(row, Column.STATUS).data() for row in range(proxy.rowCount())]
    assert status_texts == ["Failed", "Waiting", "Skipped", "Created"]


def test_fitted_columns_show_the_longest_texts_unclipped(qtbot: QtBot) -> None:
    rows = waiting(300)
    # The longest texts far below the first screenful, one of them Japanese (drawn wider).
    rows[250] = replace(rows[250], name="Customer with a really quite remarkably long name")
    rows[260] = replace(rows[260], email="山田太郎.サポート窓口.東京本社@example.co.jp")
    rows[270] = replace(
        rows[270],
        status=CustomerStatus.CREATED,
        ticket_id=123456789,
        ticket_url="http://127.0.0.1/agent/tickets/123456789",
    )
    model = SendTableModel()
    model.reset_rows(rows)
    proxy = RoleSpanProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(900, 300)
    view.show()

    fit_columns(view)

    view.horizontalHeader().setResizeContentsPrecision(-1)  # Qt's own measure, every row
    for column in (Column.NAME, Column.EMAIL, Column.TICKET):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column.name
    # The status column fits its widest label, not only the "Waiting" shown now.
    metrics = view.fontMetrics()
    widest = max(metrics.horizontalAdvance(status_label(status)) for status in CustomerStatus)
    assert view.columnWidth(Column.STATUS) > widest


def test_a_customer_created_with_their_ticket_keeps_their_row() -> None:
    model = SendTableModel()
    new = [
        CustomerOutcome(
            user_id=None,
            email=f"New{i}@Example.net",
            name=f"New {i}",
            status=CustomerStatus.PENDING,
            new_customer=True,
        )
        for i in range(2)
    ]
    model.reset_rows([*waiting(2), *new])
    # The ticket created them: the outcome now carries the id Zendesk gave them.
    model.apply([replace(new[1], user_id=77, status=CustomerStatus.CREATED, ticket_id=5)])
    assert model.rowCount() == 4
    assert model.counts()[CustomerStatus.CREATED] == 1
    assert model.counts()[CustomerStatus.PENDING] == 3
    assert model.row_of(77) == 3
    model.apply([replace(new[1], user_id=77, status=CustomerStatus.CREATED, ticket_id=5)])
    assert model.rowCount() == 4
