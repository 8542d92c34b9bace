"""CustomerTableModel and its proxy: Qt's model contract, display, typed sort, ticks, filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from proactive_desktop.core.models import (
    Customer,
    FieldOption,
    Organization,
    OrganizationId,
    UserField,
    UserId,
)
from proactive_desktop.ui.models.customer_table import (
    CUSTOMER_ID_ROLE,
    FIRST_FIELD_COLUMN,
    SORT_ROLE,
    Column,
    CustomerFilterProxy,
    CustomerTableModel,
)

PLAN = UserField(
    id=1,
    key="plan",
    type="dropdown",
    title="Plan",
    options=(FieldOption("Premium", "premium"), FieldOption("Basic", "basic")),
)
SEATS = UserField(id=2, key="seats", type="integer", title="Seats")
ORGANIZATIONS = {OrganizationId(7): Organization(OrganizationId(7), "Acme 株式会社")}


def customer(number: int, name: str, **fields: object) -> Customer:
    return Customer(
        id=UserId(number),
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.com",
        organization_id=OrganizationId(7) if number % 2 else None,
        user_fields=fields,
    )


CUSTOMERS = [
    customer(1, "Yamada Taro", plan="premium", seats=12),
    customer(2, "alice Smith", plan="basic", seats=3),
    customer(3, "Bob Stone", seats=100),
    customer(4, "王 小明", plan="premium"),
]


@pytest.fixture
def model(qtbot: object) -> CustomerTableModel:
    table = CustomerTableModel()
    table.set_customers(CUSTOMERS, ORGANIZATIONS, [PLAN, SEATS])
    return table


def test_model_and_proxy_pass_the_model_tester(model: CustomerTableModel, qtmodeltester) -> None:
    qtmodeltester.check(model)
    proxy = CustomerFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("example")
    qtmodeltester.check(proxy)


def test_empty_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(CustomerTableModel())


def test_columns_show_fields_by_their_option_names(model: CustomerTableModel) -> None:
    assert model.columnCount() == FIRST_FIELD_COLUMN + 2
    assert model.headerData(FIRST_FIELD_COLUMN, Qt.Orientation.Horizontal) == "Plan"
    first = model.index(0, Column.NAME)
    assert first.data() == "Yamada Taro"
    assert model.index(0, Column.ORGANIZATION).data() == "Acme 株式会社"
    assert model.index(1, Column.ORGANIZATION).data() == ""
    assert model.index(0, FIRST_FIELD_COLUMN).data() == "Premium"
    assert model.index(2, FIRST_FIELD_COLUMN).data() == ""
    assert model.index(0, Column.EMAIL).data(CUSTOMER_ID_ROLE) == 1


def test_sort_role_is_typed_so_numbers_sort_as_numbers(model: CustomerTableModel) -> None:
    proxy = CustomerFilterProxy()
    proxy.setSourceModel(model)
    seats = FIRST_FIELD_COLUMN + 1
    assert model.index(2, seats).data(SORT_ROLE) == 100.0
    proxy.sort(seats, Qt.SortOrder.AscendingOrder)
    order = [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]
    # 王 has no seats (sorts first), then 3 < 12 < 100 — not "100" < "12" < "3".
    assert order == ["王 小明", "alice Smith", "Yamada Taro", "Bob Stone"]
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]
    assert names[:3] == ["alice Smith", "Bob Stone", "Yamada Taro"]


def test_ticking_a_row_updates_the_shared_set_and_signals(model: CustomerTableModel, qtbot) -> None:
    selected = model.selected
    index = model.index(1, Column.SELECTED)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(model.selection_changed) as blocker:
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [1]
    assert selected == {UserId(2)}
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(model.index(1, Column.NAME), "x", Qt.ItemDataRole.EditRole)


def test_bulk_ticks_emit_one_data_changed(model: CustomerTableModel, qtbot) -> None:
    changes: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda top, bottom, roles: changes.append((top, bottom)))
    model.set_rows_selected(range(4), True)
    assert model.selected_count() == 4
    assert len(changes) == 1
    model.invert_rows([0, 1])
    assert model.selected == {UserId(3), UserId(4)}
    model.set_rows_selected([2, 3], False)
    assert model.selected_count() == 0


def test_filter_matches_every_word_in_any_column(model: CustomerTableModel) -> None:
    proxy = CustomerFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("PREMIUM acme")
    assert proxy.source_rows() == [0]
    proxy.set_filter_text("小明")
    assert proxy.source_rows() == [3]
    proxy.set_filter_text("")
    assert proxy.source_rows() == [0, 1, 2, 3]
    assert not proxy.is_filtered()


def test_append_adds_rows_with_one_insert(model: CustomerTableModel, qtbot) -> None:
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.append_customers([customer(10, "New One"), customer(11, "New Two")])
    assert blocker.args[1:] == [4, 5]
    assert model.rowCount() == 6
    model.append_customers([])
    assert model.rowCount() == 6


def test_the_painter_gets_every_role_of_a_cell_in_one_call(model: CustomerTableModel) -> None:
    model.set_rows_selected([0, 2], True)
    proxy = CustomerFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("example")  # every row, through the proxy's own row mapping
    delegate = QStyledItemDelegate()
    calls: list[int] = []
    model.multiData = lambda index, span: (  # type: ignore[method-assign]
        calls.append(index.row()),
        CustomerTableModel.multiData(model, index, span),
    )
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == (index.data(Qt.ItemDataRole.DisplayRole) or "")
            if column == Column.SELECTED:
                assert option.checkState == index.data(Qt.ItemDataRole.CheckStateRole)
    assert len(calls) == proxy.rowCount() * proxy.columnCount()
    ticked = [
        proxy.index(row, Column.NAME).data()
        for row in range(proxy.rowCount())
        if proxy.index(row, Column.SELECTED).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    ]
    assert ticked == ["Yamada Taro", "Bob Stone"]
