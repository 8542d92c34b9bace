"""Table models whose cells answer every role in one call, and the proxy that keeps it so.

To paint one cell, Qt's item delegate asks for seven roles (text, colour, font, alignment, …)
through `multiData()`. Qt's own proxies answer that by calling their `data()` once per role, and
with a model written in Python each of those is a call into the interpreter that needs the GIL:
about 500 calls to repaint a screenful of five columns. Under a busy worker thread, each call can
wait for the GIL, so the window freezes for tens of milliseconds per paint. This proxy forwards
`multiData()` to a source that implements it, so a cell costs one call instead of seven.

`RowTableModel` is that source: a list of row objects, each cell's value for a role given by
`_value(row, column, role)`, the same for `data()` and `multiData()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

RoleSpan = QModelRoleDataSpan | QModelRoleData
"""What Qt passes to `multiData()` (a span; PySide's signature also admits a single entry)."""


def role_entries(span: RoleSpan) -> Iterable[QModelRoleData]:
    """The entries of a role span, each to fill with `setData()` or `clearData()`."""
    if isinstance(span, QModelRoleData):
        return (span,)
    # PySide iterates a span by index; its type stubs do not say so.
    return cast(Iterable[QModelRoleData], span)


def fill_role_span(span: RoleSpan, value_for: Callable[[int], Any] | None) -> None:
    """Give each entry of `span` the value `value_for(role)`; None (or no `value_for`, for an
    invalid index) leaves the role without data."""
    for role_data in role_entries(span):
        value = value_for(role_data.role()) if value_for is not None else None
        if value is None:
            role_data.clearData()
        else:
            role_data.setData(value)


def is_column_heading(section: int, orientation: Qt.Orientation, role: int, columns: int) -> bool:
    """Whether `headerData()` is asked for the text of one of the `columns` column headings."""
    return (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < columns
    )


class RoleSpanProxy(QSortFilterProxyModel):
    def multiData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        roleDataSpan: RoleSpan,
    ) -> None:
        source = self.sourceModel()
        if source is None or not index.isValid():
            fill_role_span(roleDataSpan, None)
            return
        source.multiData(self.mapToSource(index), roleDataSpan)


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of `RowT`; subclasses give `columnCount()` and `_value()` (and their mutators)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self._value(self._rows[row], index.column(), int(role))

    def multiData(self, index: ModelIndex, roleDataSpan: RoleSpan) -> None:
        """Every role a cell paints with, in one call (see `RoleSpanProxy`)."""
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            fill_role_span(roleDataSpan, None)
            return
        values, column = self._rows[row], index.column()
        fill_role_span(roleDataSpan, lambda role: self._value(values, column, role))

    def _value(self, row: RowT, column: int, role: int) -> Any:
        """What the cell of `row` in `column` holds for `role` (None: nothing)."""
        raise NotImplementedError
