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
    QAbstractProxyModel,
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
from proactive_desktop.ui.models.base import RowTableModel
from proactive_desktop.ui.widgets.column_widths import SAMPLE_ROWS, fit_column
from proactive_desktop.ui.workers import emit, is_gui_thread

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
    CustomerStatus.IN_FLIGHT: 1,
    CustomerStatus.PENDING: 2,
    CustomerStatus.SKIPPED: 3,
    CustomerStatus.CREATED: 4,
}

_STATUS_BRUSHES = {
    CustomerStatus.CREATED: QBrush(QColor(0x1B, 0x7F, 0x3B)),
    CustomerStatus.FAILED: QBrush(QColor(0xB0, 0x1E, 0x1E)),
    CustomerStatus.SKIPPED: QBrush(QColor(0x7A, 0x5C, 0x00)),
    CustomerStatus.IN_FLIGHT: QBrush(QColor(0x1F, 0x5F, 0xA8)),
}


def status_label(status: CustomerStatus) -> str:
    """A customer status in the user's words (also used by the Send page's summary)."""
    # One translation per call: the table asks for a label each time it paints a status cell.
    if status == CustomerStatus.CREATED:
        return QCoreApplication.translate("SendTableModel", "Created")
    if status == CustomerStatus.FAILED:
        return QCoreApplication.translate("SendTableModel", "Failed")
    if status == CustomerStatus.SKIPPED:
        return QCoreApplication.translate("SendTableModel", "Skipped")
    if status == CustomerStatus.IN_FLIGHT:
        # Zendesk may have created the ticket; the next run confirms it in the account.
        return QCoreApplication.translate("SendTableModel", "Being confirmed")
    return QCoreApplication.translate("SendTableModel", "Waiting")


# Role numbers as plain ints: `data()` runs for every role of every painted cell, and comparing
# ints is cheaper than going through the enums each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TICKET_URL = int(Role.TICKET_URL)
_STATUS = int(Role.STATUS)
_SORT = int(Role.SORT)


def open_ticket_link(index: QModelIndex | QPersistentModelIndex) -> None:
    """Open the ticket of a clicked Ticket cell in the agent interface (other cells: nothing)."""
    if index.column() != Column.TICKET:
        return
    url = index.data(Role.TICKET_URL)
    if url:
        QDesktopServices.openUrl(QUrl(url))


def fit_columns(view: QTableView) -> None:
    """Size the columns to their content (names and emails unclipped), the reason stretching."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else model
    if not isinstance(source, SendTableModel):
        raise TypeError("fit_columns() sizes a view of a SendTableModel")
    for column in (Column.NAME, Column.EMAIL, Column.STATUS, Column.TICKET):
        fit_column(view, column, source.column_texts(column))
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class SendTableModel(RowTableModel[Outcome]):
    """Per-customer campaign status; `dict[UserId, int]` maps each customer to its row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._row_of: dict[UserId, int] = {}
        self._row_of_new: dict[str, int] = {}
        """Customers created with their ticket, by email: they have no user id until then."""
        # Counted as rows change, never by a scan: the Send page reads them on every tick, and
        # a scan of 100,000 rows on the GUI thread (competing for the GIL with the worker)
        # would freeze the window.
        self._counts: dict[CustomerStatus, int] = dict.fromkeys(CustomerStatus, 0)
        self._link_font = QFont()
        self._link_font.setUnderline(True)
        self.reason_formatter: Callable[[str], str] | None = None
        """Turns a core reason (English source) into the user's language at display."""

    # -- reading -----------------------------------------------------------------------------

    def _column_count(self) -> int:
        return len(Column)

    def outcome(self, row: int) -> Outcome:
        return self._rows[row]

    def outcomes(self) -> list[Outcome]:
        return list(self._rows)

    def row_of(self, user_id: int) -> int | None:
        return self._row_of.get(UserId(user_id))

    def counts(self) -> dict[CustomerStatus, int]:
        """How many rows have each status (kept up to date by the mutators, O(1) to read)."""
        return dict(self._counts)

    def column_texts(self, column: Column, sample_rows: int = SAMPLE_ROWS) -> list[str]:
        """What `column` shows in the first `sample_rows` rows (to size it by)."""
        if column == Column.STATUS:
            # A row's status changes while sending: make room for the widest of them all.
            return [status_label(status) for status in CustomerStatus]
        return [self._display(outcome, column) for outcome in self._rows[:sample_rows]]

    def _heading(self, column: int) -> str:
        headers = {
            Column.NAME: self.tr("Customer"),
            Column.EMAIL: self.tr("Email"),
            Column.STATUS: self.tr("Status"),
            Column.TICKET: self.tr("Ticket"),
            Column.REASON: self.tr("Reason"),
        }
        return headers[Column(column)]

    def _value(self, outcome: Outcome, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self._display(outcome, column)
        if role == _FOREGROUND:
            return self._foreground(outcome, column)
        if role == _FONT:
            return self._link_font if column == Column.TICKET and outcome.ticket_url else None
        if role == _TOOLTIP:
            if column == Column.TICKET and outcome.ticket_url:
                return self.tr("Open ticket #{id} in Zendesk").format(id=outcome.ticket_id)
            if column == Column.REASON and outcome.reason:
                return self._reason(outcome.reason)
            return None
        if role == _TICKET_URL:
            return outcome.ticket_url
        if role == _STATUS:
            return CustomerStatus(outcome.status).value
        if role == _SORT:
            return self._sort_key(outcome, column)
        return None

    def _display(self, outcome: Outcome, column: int) -> str:
        if column == Column.NAME:
            return outcome.name
        if column == Column.EMAIL:
            return outcome.email or ""
        if column == Column.STATUS:
            return status_label(CustomerStatus(outcome.status))
        if column == Column.TICKET:
            if outcome.ticket_id is None:
                return ""
            return f"#{outcome.ticket_id}"
        # Column.REASON
        return self._reason(outcome.reason) if outcome.reason else ""

    def _reason(self, reason: str) -> str:
        return self.reason_formatter(reason) if self.reason_formatter is not None else reason

    def _foreground(self, outcome: Outcome, column: int) -> QBrush | None:
        if column == Column.TICKET and outcome.ticket_url:
            return QApplication.palette().brush(QPalette.ColorRole.Link)
        if column == Column.STATUS:
            return _STATUS_BRUSHES.get(outcome.status)
        return None

    def _sort_key(self, outcome: Outcome, column: int) -> Any:
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
        self._row_of_new = {
            _new_customer_key(outcome): row
            for row, outcome in enumerate(self._rows)
            if _new_customer_key(outcome)
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
            row = self._row_of.get(UserId(outcome.user_id)) if outcome.user_id is not None else None
            key = _new_customer_key(outcome)
            if row is None and key:
                row = self._row_of_new.get(key)
                if row is not None and outcome.user_id is not None:
                    # The ticket has created them: their row is known by their id from now on.
                    self._row_of[UserId(outcome.user_id)] = row
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
                if _new_customer_key(outcome):
                    self._row_of_new[_new_customer_key(outcome)] = start + offset
            self.endInsertRows()


def _new_customer_key(outcome: object) -> str:
    """The casefolded email of a customer created with their ticket ("" for everybody else)."""
    if not getattr(outcome, "new_customer", False):
        return ""
    email = getattr(outcome, "email", None)
    return email.casefold() if isinstance(email, str) else ""
