"""CustomerTableModel: the loaded segment, one row per customer, with a tick per row.

Rows are the `Customer` values themselves; display strings are built in `data()` when the view
asks, never stored per cell, so 100,000 customers cost little more than the list that holds them.
Which customers are ticked is a `set[UserId]` — the draft's own set, so the selection lives on
the draft. Bulk ticking (all / none / invert within the filter) changes the set and emits one
`dataChanged` over the touched range. Columns are named by `Column`; the imported CSV list's
columns and then the account's custom user fields follow them, from `FIRST_FIELD_COLUMN` on.

Sorting uses typed keys (`SORT_ROLE` shows them: str case-folded, int, float — never display
text) and happens in the model, in Python; `CustomerFilterProxy` filters on a per-row search text
built the first time a filter needs it. Mutators run on the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from proactive_desktop.core.csv_list import EMAIL_COLUMNS, ID_COLUMNS, column_key
from proactive_desktop.core.models import (
    Customer,
    Organization,
    OrganizationId,
    UserField,
    UserId,
)
from proactive_desktop.ui.models.base import ModelIndex, RowTableModel
from proactive_desktop.ui.models.role_span import RoleSpanProxy
from proactive_desktop.ui.workers import emit, is_gui_thread

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Typed sort key of a cell: str (case-folded), int or float — never display text."""
CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's `UserId`, on every column."""


class Column(IntEnum):
    SELECTED = 0
    NAME = auto()
    EMAIL = auto()
    ORGANIZATION = auto()


# Role numbers as plain ints: `_value()` runs for every role of every painted cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
_SORT = int(SORT_ROLE)
_CUSTOMER_ID = int(CUSTOMER_ID_ROLE)

_LIST_ID_COLUMNS = frozenset((*EMAIL_COLUMNS, *ID_COLUMNS))

FIRST_FIELD_COLUMN = len(Column)
"""Custom user fields start here, in the order the account lists them."""

_NUMERIC_FIELD_TYPES = frozenset({"integer", "decimal"})
_CHECKBOX_FIELD_TYPE = "checkbox"
_DROPDOWN_FIELD_TYPES = frozenset({"dropdown", "tagger", "multiselect"})


class _FieldColumn:
    """How one custom user field (or a column of the imported CSV list) is shown and sorted."""

    __slots__ = ("field", "option_names", "read")

    def __init__(self, field: UserField, read: Callable[[Customer], Any] | None = None) -> None:
        self.field = field
        self.option_names = {option.value: option.name for option in field.options}
        key = field.key
        self.read: Callable[[Customer], Any] = read or (
            lambda customer: customer.user_fields.get(key)
        )

    def display(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        if self.field.type == _CHECKBOX_FIELD_TYPE:
            # Literal calls: the extraction tool finds only these, never a wrapper's argument.
            if value:
                return QCoreApplication.translate("CustomerTableModel", "Yes")
            return QCoreApplication.translate("CustomerTableModel", "No")
        if isinstance(value, list | tuple):
            return ", ".join(self.option_names.get(str(each), str(each)) for each in value)
        if self.option_names:
            return self.option_names.get(str(value), str(value))
        return str(value)

    def sort_key(self, value: Any) -> str | int | float:
        if self.field.type in _NUMERIC_FIELD_TYPES:
            try:
                return float(value)
            except (TypeError, ValueError):
                return float("-inf")
        if self.field.type == _CHECKBOX_FIELD_TYPE:
            return 1 if value else 0
        return self.display(value).casefold()


def _cell_reader(rows: Mapping[int, Mapping[str, str]], key: str) -> Callable[[Customer], Any]:
    def read(customer: Customer) -> str | None:
        cells = rows.get(customer.id)
        return cells.get(key) if cells else None

    return read


class CustomerTableModel(RowTableModel[Customer]):
    """The segment's customers, with the ticked ones in `selected` (shared with the draft)."""

    selection_changed = Signal(int)
    """The number of ticked customers, after every change."""

    def __init__(self, selected: set[UserId] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._organizations: Mapping[OrganizationId, Organization] = {}
        self._fields: list[_FieldColumn] = []
        self._selected: set[UserId] = selected if selected is not None else set()
        self._search_texts: list[str | None] = []

    # -- content ------------------------------------------------------------------------------

    def set_customers(
        self,
        customers: Sequence[Customer],
        organizations: Mapping[OrganizationId, Organization],
        user_fields: Sequence[UserField],
        selected: set[UserId] | None = None,
        csv_columns: Sequence[str] = (),
        csv_rows: Mapping[int, Mapping[str, str]] | None = None,
    ) -> None:
        """Replace everything (a new segment). `selected` replaces the tick set if given.

        `csv_columns` of the imported list come before the custom fields, each customer
        showing the cells of their first row in `csv_rows` (what `{{row.COLUMN}}` inserts).
        """
        self._check_thread()
        self.beginResetModel()
        self._rows = list(customers)
        self._organizations = organizations
        rows = csv_rows or {}
        # The list's own columns first: they are what this campaign is about.
        self._fields = [
            _FieldColumn(
                UserField(id=0, key=f"row.{column_key(name)}", type="text", title=name),
                _cell_reader(rows, column_key(name)),
            )
            for name in csv_columns
            # The email and id are the customer's own columns already.
            if column_key(name) and column_key(name) not in _LIST_ID_COLUMNS
        ]
        self._fields += [_FieldColumn(field) for field in user_fields if field.active]
        if selected is not None:
            self._selected = selected
        self._search_texts = [None] * len(self._rows)
        self.endResetModel()
        emit(self.selection_changed, self.selected_count())

    def append_customers(self, batch: Sequence[Customer]) -> None:
        """Add one loaded page of customers with a single insert."""
        self._check_thread()
        if not batch:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self._search_texts.extend([None] * len(batch))
        self.endInsertRows()

    def customer(self, row: int) -> Customer:
        return self._rows[row]

    def customers(self) -> Sequence[Customer]:
        return self._rows

    def field_for_column(self, column: int) -> UserField | None:
        index = column - FIRST_FIELD_COLUMN
        return self._fields[index].field if 0 <= index < len(self._fields) else None

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected(self) -> set[UserId]:
        return self._selected

    def selected_count(self) -> int:
        return len(self._selected)

    def is_selected(self, row: int) -> bool:
        return self._rows[row].id in self._selected

    def set_rows_selected(self, rows: Iterable[int], selected: bool) -> None:
        """Tick (or untick) the given source rows; one `dataChanged` for all of them."""
        self._check_thread()
        ids = [self._rows[row].id for row in rows]
        if selected:
            self._selected.update(ids)
        else:
            self._selected.difference_update(ids)
        self._selection_done(rows_touched=bool(ids))

    def invert_rows(self, rows: Iterable[int]) -> None:
        self._check_thread()
        ids = {self._rows[row].id for row in rows}
        self._selected.symmetric_difference_update(ids)
        self._selection_done(rows_touched=bool(ids))

    def _selection_done(self, *, rows_touched: bool) -> None:
        if rows_touched and self._rows:
            # One signal for the whole tick column: cheaper than one per row, and the view only
            # repaints what is visible.
            top = self.index(0, Column.SELECTED)
            bottom = self.index(len(self._rows) - 1, Column.SELECTED)
            emit(self.dataChanged, top, bottom, [Qt.ItemDataRole.CheckStateRole])
        emit(self.selection_changed, self.selected_count())

    # -- search -------------------------------------------------------------------------------

    def search_text(self, row: int) -> str:
        """Everything a filter may match in this row, case-folded (built once, on demand)."""
        text = self._search_texts[row]
        if text is None:
            customer = self._rows[row]
            parts = [customer.name, customer.email or "", self._organization_name(customer)]
            for column in self._fields:
                parts.append(column.display(column.read(customer)))
            text = "\n".join(parts).casefold()
            self._search_texts[row] = text
        return text

    # -- sorting ------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by the column's typed key, in Python.

        Sorting in a proxy would call `data()` from C++ for each of ~3.4 million comparisons of
        100,000 rows (about a minute); keys computed once and Python's sort take well under a
        second. `CustomerFilterProxy.sort` delegates here.
        """
        self._check_thread()
        if not (0 <= column < self.columnCount()) or not self._rows:
            return
        key = self._sort_key_function(column)
        keys = [key(customer) for customer in self._rows]
        permutation = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        emit(self.layoutAboutToBeChanged)
        new_row_of = [0] * len(permutation)
        for new_row, old_row in enumerate(permutation):
            new_row_of[old_row] = new_row
        self._rows = [self._rows[row] for row in permutation]
        self._search_texts = [self._search_texts[row] for row in permutation]
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(new_row_of[index.row()], index.column()) for index in persistent],
        )
        emit(self.layoutChanged)

    def _sort_key_function(self, column: int) -> Callable[[Customer], str | int | float]:
        if column == Column.SELECTED:
            selected = self._selected
            return lambda customer: 1 if customer.id in selected else 0
        if column == Column.NAME:
            return lambda customer: customer.name.casefold()
        if column == Column.EMAIL:
            return lambda customer: (customer.email or "").casefold()
        if column == Column.ORGANIZATION:
            return lambda customer: self._organization_name(customer).casefold()
        field_column = self._fields[column - FIRST_FIELD_COLUMN]
        return lambda customer: field_column.sort_key(field_column.read(customer))

    # -- QAbstractTableModel ------------------------------------------------------------------

    def _column_count(self) -> int:
        return FIRST_FIELD_COLUMN + len(self._fields)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.SELECTED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _value(self, customer: Customer, column: int, role: int) -> Any:
        if role == _CUSTOMER_ID:
            return int(customer.id)
        if column == Column.SELECTED:
            if role == _CHECK_STATE:
                return (
                    Qt.CheckState.Checked
                    if customer.id in self._selected
                    else Qt.CheckState.Unchecked
                )
            if role == _SORT:
                return 1 if customer.id in self._selected else 0
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return self._display(customer, column)
        if role == _SORT:
            return self._sort_key(customer, column)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.SELECTED
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        self._check_thread()
        customer_id = self._rows[index.row()].id
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._selected.add(customer_id)
        else:
            self._selected.discard(customer_id)
        emit(self.dataChanged, index, index, [Qt.ItemDataRole.CheckStateRole])
        emit(self.selection_changed, self.selected_count())
        return True

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == Column.SELECTED
        ):
            return self.tr("Ticked customers get a ticket")
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self._heading(section)
        return super().headerData(section, orientation, role)

    def _heading(self, column: int) -> str | None:
        headings = {
            Column.SELECTED: self.tr("Send"),
            Column.NAME: self.tr("Name"),
            Column.EMAIL: self.tr("Email"),
            Column.ORGANIZATION: self.tr("Organization"),
        }
        if column in headings:
            return headings[Column(column)]
        field = self.field_for_column(column)
        return field.title if field is not None else None

    def column_texts(self, column: int, sample_rows: int) -> list[str]:
        """What `column` shows in the first `sample_rows` rows (to size it by)."""
        return [self._display(customer, column) or "" for customer in self._rows[:sample_rows]]

    # -- cells --------------------------------------------------------------------------------

    def _organization_name(self, customer: Customer) -> str:
        if customer.organization_id is None:
            return ""
        organization = self._organizations.get(customer.organization_id)
        return organization.name if organization is not None else ""

    def _display(self, customer: Customer, column: int) -> str | None:
        if column == Column.NAME:
            return customer.name
        if column == Column.EMAIL:
            return customer.email or ""
        if column == Column.ORGANIZATION:
            return self._organization_name(customer)
        index = column - FIRST_FIELD_COLUMN
        if 0 <= index < len(self._fields):
            field_column = self._fields[index]
            return field_column.display(field_column.read(customer))
        return None

    def _sort_key(self, customer: Customer, column: int) -> str | int | float | None:
        if not (Column.NAME <= column < self.columnCount()):
            return None
        return self._sort_key_function(column)(customer)

    @staticmethod
    def _check_thread() -> None:
        if not is_gui_thread():
            raise RuntimeError("CustomerTableModel is changed on the GUI thread only")


class CustomerFilterProxy(RoleSpanProxy):
    """Keeps the rows whose text contains every word of the filter; sorting is the model's.

    The filter is computed in Python in one pass (`set_filter_text`), then applied with one
    layout change: the proxy's own incremental filtering would emit a signal per run of hidden
    rows, tens of thousands for a 100,000-row segment.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        # Re-filtering on every change would call filterAcceptsRow for each of 100,000 rows
        # after "Select all", and make ticked rows jump away under the pointer.
        self.setDynamicSortFilter(False)
        self._words: tuple[str, ...] = ()
        self._accepted: set[UserId] | None = None

    @property
    def filter_words(self) -> tuple[str, ...]:
        return self._words

    def customer_model(self) -> CustomerTableModel:
        model = self.sourceModel()
        if not isinstance(model, CustomerTableModel):
            raise TypeError("CustomerFilterProxy works on a CustomerTableModel")
        return model

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self._words:
            return
        self._words = words
        self.refilter()

    def refilter(self) -> None:
        """Apply the filter again (after the model's rows changed)."""
        model = self.customer_model()
        if self._words:
            words = self._words
            self._accepted = {
                model.customer(row).id
                for row in range(model.rowCount())
                if all(word in model.search_text(row) for word in words)
            }
        else:
            self._accepted = None
        self.invalidate()

    def is_filtered(self) -> bool:
        return bool(self._words)

    def source_rows(self) -> list[int]:
        """The source rows the filter keeps (all of them without a filter)."""
        model = self.customer_model()
        rows = range(model.rowCount())
        accepted = self._accepted
        if accepted is None:
            return list(rows)
        return [row for row in rows if model.customer(row).id in accepted]

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        accepted = self._accepted
        if accepted is None:
            return True
        return self.customer_model().customer(source_row).id in accepted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The model reorders its rows (fast, in Python); the proxy keeps the model's order.
        self.customer_model().sort(column, order)
