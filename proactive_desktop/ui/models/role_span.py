"""Table models whose cells answer every role in one call, and the proxy that keeps it so.

To paint one cell, Qt's item delegate asks for seven roles (text, colour, font, alignment, …)
through `multiData()`. Qt's own proxies answer that by calling their `data()` once per role, and
with a model written in Python each of those is a call into the interpreter that needs the GIL:
about 500 calls to repaint a screenful of five columns. Under a busy worker thread, each call can
wait for the GIL, so the window freezes for tens of milliseconds per paint. This proxy forwards
`multiData()` to a source that implements it, so a cell costs one call instead of seven.

`base.RowTableModel` is that source: a list of row objects, each cell's value for a role given by
`_value(row, column, role)`, the same for `data()` and `multiData()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

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
