"""RoleSpanProxy: a sort/filter proxy that hands a cell's roles to its source in one call.

To paint one cell, Qt's item delegate asks for seven roles (text, colour, font, alignment, …)
through `multiData()`. Qt's own proxies answer that by calling their `data()` once per role, and
with a model written in Python each of those is a call into the interpreter that needs the GIL:
about 500 calls to repaint a screenful of five columns. Under a busy worker thread, each call can
wait for the GIL, so the window freezes for tens of milliseconds per paint. This proxy forwards
`multiData()` to a source that implements it, so a cell costs one call instead of seven.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

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


class RoleSpanProxy(QSortFilterProxyModel):
    def multiData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        roleDataSpan: RoleSpan,
    ) -> None:
        source = self.sourceModel()
        if source is None or not index.isValid():
            for role_data in role_entries(roleDataSpan):
                role_data.clearData()
            return
        source.multiData(self.mapToSource(index), roleDataSpan)
