"""SendTableModel: one row per customer of a campaign and where that customer stands.

Used by the Send page while a campaign runs and by the History dialog to show a past campaign.
Rows are the engine's per-customer outcomes; display strings are built in `data()`, never stored.
Updates arrive in bursts from the worker; the campaign runner coalesces them into one batch per
~100 ms tick, and `apply()` turns a whole batch into a single `dataChanged` over the rows it
touched. Mutators run on the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from proactive_desktop.core.events import CustomerOutcome
from proactive_desktop.core.models import CustomerStatus, UserId
from proactive_desktop.ui.workers import emit, is_gui_thread

ModelIndex = QModelIndex | QPersistentModelIndex


# The engine's per-customer outcome, as the table shows it.
Outcome = CustomerOutcome


class Column(IntEnum):
    NAME = 0
    EMAIL = auto()
    STATUS = auto()
    TICKET = auto()
    REASON = auto()


class Role(IntEnum):
    TICKET_URL = Qt.ItemDataRole.UserRole + 1
    """The ticket's agent-interface address (str) or None."""
    SORT = auto()
    """A typed value to sort by (numbers sort as numbers)."""
    STATUS = auto()
    """The row's CustomerStatus value ("created", …), for filtering."""


_STATUS_ORDER = {
    CustomerStatus.FAILED: 0,
    CustomerStatus.PENDING: 1,
    CustomerStatus.SKIPPED: 2,
    CustomerStatus.CREATED: 3,
}

_STATUS_COLOURS = {
    CustomerStatus.CREATED: QColor(0x1B, 0x7F, 0x3B),
    CustomerStatus.FAILED: QColor(0xB0, 0x1E, 0x1E),
    CustomerStatus.SKIPPED: QColor(0x7A, 0x5C, 0x00),
}


def status_label(status: CustomerStatus) -> str:
    """A customer status in the user's words (also used by the Send page's summary)."""
    labels = {
        CustomerStatus.PENDING: QCoreApplication.translate("SendTableModel", "Waiting"),
        CustomerStatus.CREATED: QCoreApplication.translate("SendTableModel", "Created"),
        CustomerStatus.FAILED: QCoreApplication.translate("SendTableModel", "Failed"),
        CustomerStatus.SKIPPED: QCoreApplication.translate("SendTableModel", "Skipped"),
    }
    return labels[status]


# Column widths follow the content of this many rows, so fitting them stays cheap at 100,000.
FIT_SAMPLE_ROWS = 200


def open_ticket_link(index: QModelIndex | QPersistentModelIndex) -> None:
    """Open the ticket of a clicked Ticket cell in the agent interface (other cells: nothing)."""
    if index.column() != Column.TICKET:
        return
    url = index.data(Role.TICKET_URL)
    if url:
        QDesktopServices.openUrl(QUrl(url))


def fit_columns(view: QTableView) -> None:
    """Size the columns to their content (names and emails unclipped), the reason stretching."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    for column in (Column.NAME, Column.EMAIL, Column.STATUS, Column.TICKET):
        view.resizeColumnToContents(column)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class SendTableModel(QAbstractTableModel):
    """Per-customer campaign status; `dict[UserId, int]` maps each customer to its row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Outcome] = []
        self._row_of: dict[UserId, int] = {}
        # Counted as rows change, never by a scan: the Send page reads them on every tick, and
        # a scan of 100,000 rows on the GUI thread (competing for the GIL with the worker)
        # would freeze the window.
        self._counts: dict[CustomerStatus, int] = dict.fromkeys(CustomerStatus, 0)
        self.reason_formatter: Callable[[str], str] | None = None
        """Turns a core reason (English source) into the user's language at display."""

    # -- reading -----------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def outcome(self, row: int) -> Outcome:
        return self._rows[row]

    def outcomes(self) -> list[Outcome]:
        return list(self._rows)

    def row_of(self, user_id: int) -> int | None:
        return self._row_of.get(UserId(user_id))

    def counts(self) -> dict[CustomerStatus, int]:
        """How many rows have each status (kept up to date by the mutators, O(1) to read)."""
        return dict(self._counts)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        headers = {
            Column.NAME: self.tr("Customer"),
            Column.EMAIL: self.tr("Email"),
            Column.STATUS: self.tr("Status"),
            Column.TICKET: self.tr("Ticket"),
            Column.REASON: self.tr("Reason"),
        }
        return headers[Column(section)]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        outcome = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(outcome, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.TICKET and outcome.ticket_url:
                return self.tr("Open ticket #{id} in Zendesk").format(id=outcome.ticket_id)
            if column == Column.REASON and outcome.reason:
                return self._reason(outcome.reason)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(outcome, column)
        if role == Qt.ItemDataRole.FontRole and column == Column.TICKET and outcome.ticket_url:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Role.TICKET_URL:
            return outcome.ticket_url
        if role == Role.STATUS:
            return CustomerStatus(outcome.status).value
        if role == Role.SORT:
            return self._sort_key(outcome, column)
        return None

    def _display(self, outcome: Outcome, column: Column) -> str:
        if column == Column.NAME:
            return outcome.name
        if column == Column.EMAIL:
            return outcome.email or ""
        if column == Column.STATUS:
            return status_label(CustomerStatus(outcome.status))
        if column == Column.TICKET:
            if outcome.ticket_id is None:
                return ""
            return self.tr("#{id}").format(id=outcome.ticket_id)
        # Column.REASON
        return self._reason(outcome.reason) if outcome.reason else ""

    def _reason(self, reason: str) -> str:
        return self.reason_formatter(reason) if self.reason_formatter is not None else reason

    def _foreground(self, outcome: Outcome, column: Column) -> QBrush | None:
        if column == Column.TICKET and outcome.ticket_url:
            return QApplication.palette().brush(QPalette.ColorRole.Link)
        if column == Column.STATUS:
            colour = _STATUS_COLOURS.get(CustomerStatus(outcome.status))
            return QBrush(colour) if colour is not None else None
        return None

    def _sort_key(self, outcome: Outcome, column: Column) -> Any:
        if column == Column.STATUS:
            return _STATUS_ORDER[CustomerStatus(outcome.status)]
        if column == Column.TICKET:
            return outcome.ticket_id if outcome.ticket_id is not None else -1
        return self._display(outcome, column).casefold()

    # -- writing (GUI thread only) -----------------------------------------------------------

    def reset_rows(self, outcomes: Sequence[Outcome]) -> None:
        """Replace every row (a new campaign, or a past one opened in History)."""
        assert is_gui_thread(), "the model is mutated on the GUI thread only"
        self.beginResetModel()
        self._rows = list(outcomes)
        self._row_of = {
            UserId(outcome.user_id): row
            for row, outcome in enumerate(self._rows)
            if outcome.user_id is not None
        }
        self._counts = dict.fromkeys(CustomerStatus, 0)
        for outcome in self._rows:
            self._counts[CustomerStatus(outcome.status)] += 1
        self.endResetModel()

    def apply(self, outcomes: Iterable[Outcome]) -> None:
        """Update known rows (one `dataChanged` over their span) and append unknown customers."""
        assert is_gui_thread(), "the model is mutated on the GUI thread only"
        first: int | None = None
        last: int | None = None
        new_rows: list[Outcome] = []
        for outcome in outcomes:
            if outcome.user_id is None:
                new_rows.append(outcome)
                continue
            row = self._row_of.get(UserId(outcome.user_id))
            if row is None:
                new_rows.append(outcome)
                continue
            self._counts[CustomerStatus(self._rows[row].status)] -= 1
            self._counts[CustomerStatus(outcome.status)] += 1
            self._rows[row] = outcome
            first = row if first is None else min(first, row)
            last = row if last is None else max(last, row)
        if first is not None and last is not None:
            emit(
                self.dataChanged,
                self.index(first, 0),
                self.index(last, len(Column) - 1),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.FontRole,
                    Role.TICKET_URL,
                    Role.STATUS,
                    Role.SORT,
                ],
            )
        if new_rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(new_rows) - 1)
            for offset, outcome in enumerate(new_rows):
                self._rows.append(outcome)
                self._counts[CustomerStatus(outcome.status)] += 1
                if outcome.user_id is not None:
                    self._row_of[UserId(outcome.user_id)] = start + offset
            self.endInsertRows()
