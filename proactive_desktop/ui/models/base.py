"""RowTableModel: the base of the program's table models — a list of rows, one value function.

A model keeps a list of row objects and answers every cell through `_value(row, column, role)`,
the same for `data()` and `multiData()` (one call per painted cell: see `role_span.py`), its
column count through `_column_count()` and its headings through `_heading()`. Display strings are
built when the view asks, never stored per cell, so 100,000 rows cost a list and nothing more.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from proactive_desktop.ui.models.role_span import RoleSpan, fill_role_span

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


def is_column_heading(section: int, orientation: Qt.Orientation, role: int, columns: int) -> bool:
    """Whether `headerData()` is asked for the text of one of the `columns` column headings."""
    return (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < columns
    )


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of `RowT`; subclasses give `_column_count()`, `_heading()` and `_value()`, and their
    own mutators (which keep `_rows` and notify the views)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # -- what subclasses give ----------------------------------------------------------------

    def _column_count(self) -> int:
        raise NotImplementedError

    def _heading(self, column: int) -> str | None:
        """The text of `column`'s heading (None: none)."""
        raise NotImplementedError

    def _value(self, row: RowT, column: int, role: int) -> Any:
        """What the cell of `row` in `column` holds for `role` (None: nothing)."""
        raise NotImplementedError

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._column_count()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not is_column_heading(section, orientation, role, self._column_count()):
            return None
        return self._heading(section)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self._value(self._rows[row], index.column(), int(role))

    def multiData(self, index: ModelIndex, roleDataSpan: RoleSpan) -> None:
        """Every role a cell paints with, in one call (see `role_span.RoleSpanProxy`)."""
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            fill_role_span(roleDataSpan, None)
            return
        values, column = self._rows[row], index.column()
        fill_role_span(roleDataSpan, lambda role: self._value(values, column, role))
