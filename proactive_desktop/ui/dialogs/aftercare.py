"""After a campaign: VerifyDialog (the account's word on it) and WithdrawDialog (take it back).

Both are opened from the History dialog for one journaled campaign and do their work through the
use-case layer (core/campaigns.py): verifying is a read on a `BackgroundCall`; withdrawing first
plans on a `BackgroundCall` (so the confirmation can name the number of tickets), then runs on a
`CampaignRunner` whose events fill a table of tickets. Nothing here blocks the GUI thread.
"""

from __future__ import annotations

import threading
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core import campaigns
from proactive_desktop.core.journal import CampaignRecord, WithdrawTicketStatus
from proactive_desktop.core.verify import VerifyProgress, VerifyReport
from proactive_desktop.core.withdraw import (
    TicketsWithdrawn,
    WithdrawAction,
    WithdrawOutcome,
    WithdrawPlan,
    WithdrawProgress,
    WithdrawScope,
    WithdrawSummary,
)
from proactive_desktop.ui.i18n import error_text, message_text
from proactive_desktop.ui.models.base import RowTableModel
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.messages import MessageRole, show_message
from proactive_desktop.ui.widgets.reasons import reason_text
from proactive_desktop.ui.workers import BackgroundCall, CampaignRunner, OnEvent, Task, emit

URL_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _open_url(index: QModelIndex) -> None:
    url = index.data(URL_ROLE)
    if url:
        QDesktopServices.openUrl(QUrl(url))


def _number(value: int) -> str:
    return QLocale().toString(value)


# -- verify ------------------------------------------------------------------------------------


class FindingKind(IntEnum):
    DUPLICATE = 0
    MISSING = auto()
    UNEXPECTED = auto()


class FindingColumn(IntEnum):
    KIND = 0
    CUSTOMER = auto()
    TICKETS = auto()


Finding = tuple[FindingKind, str, str, str | None]
"""(kind, customer, tickets, link to open)."""


class FindingsModel(RowTableModel[Finding]):
    """What Verify found, one row per customer: duplicates, missing tickets, strays."""

    def reset_report(self, report: VerifyReport) -> None:
        rows: list[Finding] = []
        for duplicate in report.duplicates:
            who = duplicate.name or duplicate.email or str(duplicate.user_id)
            tickets = ", ".join(f"#{i}" for i in duplicate.ticket_ids)
            rows.append((FindingKind.DUPLICATE, who, tickets, duplicate.ticket_urls[-1]))
        for missing in report.missing:
            who = missing.name or missing.email or str(missing.user_id)
            rows.append((FindingKind.MISSING, who, f"#{missing.ticket_id}", None))
        for stray in report.unexpected:
            who = str(stray.user_id) if stray.user_id is not None else "-"
            tickets = ", ".join(f"#{i}" for i in stray.ticket_ids)
            rows.append((FindingKind.UNEXPECTED, who, tickets, stray.ticket_urls[0]))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _column_count(self) -> int:
        return len(FindingColumn)

    def _heading(self, column: int) -> str | None:
        return {
            FindingColumn.KIND: self.tr("Finding"),
            FindingColumn.CUSTOMER: self.tr("Customer"),
            FindingColumn.TICKETS: self.tr("Tickets"),
        }[FindingColumn(column)]

    def _value(self, row: Finding, column: int, role: int) -> Any:
        kind, who, tickets, url = row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == FindingColumn.KIND:
                return {
                    FindingKind.DUPLICATE: self.tr("Duplicate tickets"),
                    FindingKind.MISSING: self.tr("Ticket no longer in Zendesk"),
                    FindingKind.UNEXPECTED: self.tr("Not a customer of the campaign"),
                }[kind]
            return who if column == FindingColumn.CUSTOMER else tickets
        if role == URL_ROLE:
            return url
        return None


class VerifyDialog(QDialog):
    """Runs Verify for one campaign and shows what the account says."""

    withdraw_duplicates_requested = Signal()

    def __init__(
        self, services: Services, record: CampaignRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record = record
        self.report: VerifyReport | None = None
        self.setWindowTitle(self.tr("Verify “{name}”").format(name=record.name))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        self.lag_label = QLabel(self)
        self.lag_label.setWordWrap(True)
        self.lag_label.hide()
        self.model = FindingsModel(self)
        self.findings = QTableView(self)
        self.findings.setModel(self.model)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.verticalHeader().hide()
        self.findings.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.findings.doubleClicked.connect(_open_url)
        self.findings.hide()
        self.again_button = QPushButton(self.tr("Verify again"), self)
        self.again_button.clicked.connect(self.start)
        self.withdraw_button = QPushButton(self.tr("Withdraw the duplicates…"), self)
        self.withdraw_button.setToolTip(
            self.tr("Every customer keeps their oldest ticket; the others are withdrawn.")
        )
        self.withdraw_button.clicked.connect(self.withdraw_duplicates_requested)
        self.withdraw_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.again_button)
        row.addWidget(self.withdraw_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.lag_label)
        layout.addWidget(self.findings, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 24)
        self._call = BackgroundCall(
            None,
            self._verified,
            self._failed,
            on_progress=self._progressed,
            parent=self,
            name="verify",
        )

    @property
    def is_busy(self) -> bool:
        return self._call.is_running

    def start(self) -> None:
        workspace = self.services.workspace()
        name = self.record.name

        def verify(task: Task) -> VerifyReport:
            with campaigns.open_campaign(workspace, name, cancel=task.cancel) as session:
                return campaigns.verify(session, cancel=task.cancel, on_progress=task.report)

        show_message(
            self.status_label,
            self.tr("Reading the campaign's tickets in Zendesk…"),
            None,
        )
        self.again_button.setEnabled(False)
        self.withdraw_button.setEnabled(False)
        self._call.start(verify)

    def _progressed(self, progress: object) -> None:
        if isinstance(progress, VerifyProgress) and progress.total:
            self.status_label.setText(
                self.tr("Reading the campaign's tickets in Zendesk: {done} of {total}…").format(
                    done=_number(progress.done), total=_number(progress.total)
                )
            )

    def _verified(self, report: VerifyReport) -> None:
        self.report = report
        self.again_button.setEnabled(True)
        if report.is_clean:
            show_message(
                self.status_label,
                self.tr("Every customer has exactly one ticket of this campaign in Zendesk."),
                MessageRole.SUCCESS,
            )
        else:
            show_message(
                self.status_label,
                self.tr(
                    "Zendesk does not match the journal. Customers with duplicate tickets: "
                    "{duplicates}. Tickets no longer in Zendesk: {missing}. Requesters who are "
                    "not customers of the campaign: {unexpected}."
                ).format(
                    duplicates=_number(len(report.duplicates)),
                    missing=_number(len(report.missing)),
                    unexpected=_number(len(report.unexpected)),
                ),
                MessageRole.WARNING,
            )
        self.counts_label.setText(
            self.tr(
                "Tickets of the campaign in Zendesk: {tickets}. Customers with exactly one: "
                "{ok} of {reached}."
            ).format(
                tickets=_number(report.tickets),
                ok=_number(report.customers_ok),
                reached=_number(report.reached),
            )
        )
        lag = report.lag_message
        show_message(self.lag_label, message_text(lag) if lag else "", MessageRole.INFO)
        self.model.reset_report(report)
        self.findings.setVisible(not report.is_clean)
        self.withdraw_button.setEnabled(bool(report.duplicates))

    def _failed(self, error: BaseException) -> None:
        self.again_button.setEnabled(True)
        show_message(self.status_label, error_text(error), MessageRole.ERROR)

    def reject(self) -> None:
        self._call.cancel()
        super().reject()


# -- withdraw ----------------------------------------------------------------------------------


class TicketColumn(IntEnum):
    TICKET = 0
    CUSTOMER = auto()
    STATUS = auto()
    REASON = auto()


class WithdrawTableModel(RowTableModel[WithdrawOutcome]):
    """One row per ticket of a withdrawal and where it stands; `apply()` updates in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._row_of: dict[int, int] = {}
        self._names: dict[int, str] = {}

    def set_names(self, names: dict[int, str]) -> None:
        """The customers' names by user id, for the Customer column."""
        self._names = dict(names)

    def reset_rows(self, rows: list[WithdrawOutcome]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.ticket_id: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def apply(self, outcomes: list[WithdrawOutcome]) -> None:
        changed: list[int] = []
        for outcome in outcomes:
            row = self._row_of.get(outcome.ticket_id)
            if row is None:
                self._row_of[outcome.ticket_id] = len(self._rows)
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(outcome)
                self.endInsertRows()
                continue
            self._rows[row] = outcome
            changed.append(row)
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), len(TicketColumn) - 1)
            )

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(
            (WithdrawTicketStatus.PENDING, WithdrawTicketStatus.DONE, WithdrawTicketStatus.FAILED),
            0,
        )
        for row in self._rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts

    def _column_count(self) -> int:
        return len(TicketColumn)

    def _heading(self, column: int) -> str | None:
        return {
            TicketColumn.TICKET: self.tr("Ticket"),
            TicketColumn.CUSTOMER: self.tr("Customer"),
            TicketColumn.STATUS: self.tr("Status"),
            TicketColumn.REASON: self.tr("Reason"),
        }[TicketColumn(column)]

    def _value(self, row: WithdrawOutcome, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TicketColumn.TICKET:
                return f"#{row.ticket_id}"
            if column == TicketColumn.CUSTOMER:
                if row.user_id is None:
                    return ""
                return self._names.get(row.user_id, str(row.user_id))
            if column == TicketColumn.STATUS:
                return withdraw_status_label(row.status)
            if column == TicketColumn.REASON:
                return reason_text(row.reason) if row.reason else ""
        if role == URL_ROLE:
            return row.ticket_url
        return None


def withdraw_status_label(status: str) -> str:
    return {
        WithdrawTicketStatus.PENDING: QCoreApplication.translate("WithdrawTableModel", "Waiting"),
        WithdrawTicketStatus.DONE: QCoreApplication.translate("WithdrawTableModel", "Done"),
        WithdrawTicketStatus.FAILED: QCoreApplication.translate("WithdrawTableModel", "Failed"),
    }.get(status, status)


class WithdrawDialog(QDialog):
    """Solve or delete a campaign's tickets (or only its duplicates), with a result per ticket."""

    withdrawn = Signal(object)
    """A WithdrawSummary, when a run has ended (finished or stopped)."""

    def __init__(
        self,
        services: Services,
        record: CampaignRecord,
        *,
        scope: WithdrawScope = WithdrawScope.ALL,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record = record
        self.scope = scope
        self.plan: WithdrawPlan | None = None
        self.summary: WithdrawSummary | None = None
        self._runner: CampaignRunner | None = None
        title = (
            self.tr("Withdraw the duplicates of “{name}”")
            if scope is WithdrawScope.DUPLICATES
            else self.tr("Withdraw “{name}”")
        )
        self.setWindowTitle(title.format(name=record.name))

        explanation = (
            self.tr(
                "Every customer keeps their oldest ticket of this campaign; the other tickets are "
                "solved with an internal note or deleted."
            )
            if scope is WithdrawScope.DUPLICATES
            else self.tr(
                "Takes every ticket of this campaign back out of your agents' way. The campaign is "
                "then marked withdrawn and is never sent again."
            )
        )
        self.explanation = QLabel(explanation, self)
        self.explanation.setWordWrap(True)
        self.solve_option = QRadioButton(self.tr("Solve them, with an internal note:"), self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("For example: sent by mistake, please ignore."))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.delete_option = QRadioButton(
            self.tr("Delete them (Zendesk keeps deleted tickets recoverable for 30 days)"), self
        )
        self.options = QButtonGroup(self)
        self.options.addButton(self.solve_option)
        self.options.addButton(self.delete_option)
        self.solve_option.setChecked(True)
        self.solve_option.toggled.connect(self.note_edit.setEnabled)
        self.email_note = QLabel(
            self.tr("Customers who already got the email cannot be un-emailed."), self
        )
        self.email_note.setWordWrap(True)
        show_message(self.email_note, self.email_note.text(), MessageRole.WARNING)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.model = WithdrawTableModel(self)
        self.tickets = QTableView(self)
        self.tickets.setModel(self.model)
        self.tickets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tickets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tickets.verticalHeader().hide()
        self.tickets.horizontalHeader().setStretchLastSection(True)
        self.tickets.doubleClicked.connect(_open_url)
        self.tickets.hide()

        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        self.withdraw_button.setDefault(True)
        self.withdraw_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.withdraw_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.solve_option)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.delete_option)
        layout.addWidget(self.email_note)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.tickets, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.tickets.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        # Widths measured in the table's font (every language, any scale), not per row: a
        # withdrawal may list thousands of tickets.
        metrics = self.tickets.fontMetrics()
        for column, sample in (
            (TicketColumn.TICKET, "#0000000000"),
            (TicketColumn.CUSTOMER, "x" * 28),
            (TicketColumn.STATUS, "x" * 12),
        ):
            self.tickets.setColumnWidth(column, metrics.horizontalAdvance(sample))
        self.resize(self.fontMetrics().averageCharWidth() * 100, self.fontMetrics().height() * 40)
        self._plan_call = BackgroundCall(
            None, self._planned, self._failed, parent=self, name="withdraw-plan"
        )

    @property
    def action(self) -> WithdrawAction:
        return WithdrawAction.SOLVE if self.solve_option.isChecked() else WithdrawAction.DELETE

    @property
    def is_busy(self) -> bool:
        running = self._runner is not None and self._runner.is_running
        return running or self._plan_call.is_running

    def _set_choosing(self, enabled: bool) -> None:
        for widget in (self.solve_option, self.delete_option, self.withdraw_button):
            widget.setEnabled(enabled)
        self.note_edit.setEnabled(enabled and self.solve_option.isChecked())

    # -- 1: plan (reads only), so the confirmation can name the count ---------------------------

    def start(self) -> None:
        workspace = self.services.workspace()
        name, action, scope = self.record.name, self.action, self.scope
        note = self.note_edit.toPlainText().strip() or None

        def plan(task: Task) -> tuple[WithdrawPlan, dict[int, str]]:
            with campaigns.open_campaign(workspace, name, cancel=task.cancel) as session:
                planned = campaigns.plan_withdrawal(
                    session, action, scope=scope, note=note, cancel=task.cancel
                )
                # Who each ticket is for, as the journal knows them (the table shows names).
                names = {
                    c.user_id: c.name or c.email or str(c.user_id)
                    for c in session.journal.iter_customers(planned.campaign_id)
                    if c.user_id is not None
                }
                return planned, names

        self._set_choosing(False)
        show_message(self.status_label, self.tr("Reading the campaign's tickets in Zendesk…"), None)
        self._plan_call.start(plan)

    def _planned(self, result: tuple[WithdrawPlan, dict[int, str]]) -> None:
        plan, names = result
        self.plan = plan
        self.model.set_names(names)
        if plan.ticket_count == 0:
            self._set_choosing(True)
            show_message(
                self.status_label,
                self.tr("There is nothing to withdraw: no ticket of the campaign is left."),
                MessageRole.INFO,
            )
            return
        question = message_text(plan.confirmation())
        warnings = [message_text(w) for w in plan.warnings]
        if plan.retries_failed:
            warnings.insert(
                0,
                self.tr(
                    "The earlier withdrawal of this campaign failed for these tickets: this "
                    "tries them again (tickets already done are not touched again)."
                ),
            )
        elif plan.withdrawal_id is not None:
            warnings.insert(
                0,
                self.tr(
                    "An earlier withdrawal of this campaign did not finish: this continues it "
                    "(tickets already done are not touched again)."
                ),
            )
        text = "\n\n".join([question, *warnings])
        answer = QMessageBox.question(self, self.windowTitle(), text)
        if answer != QMessageBox.StandardButton.Yes:
            self._set_choosing(True)
            show_message(self.status_label, self.tr("Nothing was changed."), None)
            return
        self._run(plan)

    # -- 2: run -----------------------------------------------------------------------------

    def _run(self, plan: WithdrawPlan) -> None:
        workspace = self.services.workspace()
        name = self.record.name

        def call(on_event: OnEvent, cancel: threading.Event) -> WithdrawSummary:
            with campaigns.open_campaign(workspace, name, cancel=cancel) as session:
                return campaigns.withdraw(session, plan, on_event=on_event, cancel=cancel)

        link = f"{self.record.url}/agent/tickets/{{}}"
        self.model.reset_rows(
            [
                WithdrawOutcome(
                    t.user_id, t.ticket_id, t.status, t.reason, link.format(t.ticket_id)
                )
                for t in plan.targets
            ]
        )
        self.tickets.show()
        self.progress.setRange(0, max(1, len(plan.targets)))
        self.progress.setValue(0)
        self.progress.show()
        show_message(self.status_label, self._verb_text(plan), None)
        runner = CampaignRunner(call, parent=self)
        runner.progressed.connect(self._progressed)
        runner.finished.connect(self._finished)
        runner.failed.connect(self._failed)
        runner.stopped.connect(self._stopped)
        self._runner = runner
        self.cancel_button.setEnabled(True)
        runner.start()

    def _verb_text(self, plan: WithdrawPlan) -> str:
        if plan.action is WithdrawAction.SOLVE:
            return self.tr("Solving %n ticket(s)…", "", plan.ticket_count)
        return self.tr("Deleting %n ticket(s)…", "", plan.ticket_count)

    def _progressed(self, events: tuple[object, ...]) -> None:
        outcomes = [o for e in events if isinstance(e, TicketsWithdrawn) for o in e.outcomes]
        if outcomes:
            self.model.apply(outcomes)
        progress = [e for e in events if isinstance(e, WithdrawProgress)]
        if progress:
            last = progress[-1]
            self.progress.setRange(0, max(1, last.tickets))
            self.progress.setValue(last.done + last.failed)

    def _finished(self, summary: WithdrawSummary) -> None:
        self.summary = summary
        self.model.reset_rows(list(summary.customers))
        self.progress.setRange(0, max(1, summary.tickets))
        self.progress.setValue(summary.done + summary.failed)
        if summary.is_finished:
            text = (
                self.tr("Done: %n ticket(s) solved.", "", summary.done)
                if summary.action is WithdrawAction.SOLVE
                else self.tr("Done: %n ticket(s) deleted.", "", summary.done)
            )
            if summary.failed:
                text += " " + self.tr(
                    "%n ticket(s) failed: the reasons are below.", "", summary.failed
                )
            show_message(
                self.status_label,
                text,
                MessageRole.WARNING if summary.failed else MessageRole.SUCCESS,
            )
        else:
            show_message(
                self.status_label,
                self.tr(
                    "Stopped before the end: %n ticket(s) still waiting. Withdraw again to "
                    "finish; tickets already done are not touched again.",
                    "",
                    summary.pending,
                ),
                MessageRole.WARNING,
            )
        emit(self.withdrawn, summary)

    def _failed(self, error: BaseException) -> None:
        show_message(self.status_label, error_text(error), MessageRole.ERROR)
        if self._runner is None or not self._runner.is_running:
            self._set_choosing(True)

    def _stopped(self) -> None:
        self._runner = None
        self.cancel_button.setEnabled(False)
        finished = self.summary is not None and self.summary.is_finished
        self._set_choosing(not finished or bool(self.summary and self.summary.failed))

    def cancel(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        if self._runner is not None and self._runner.is_running:
            answer = QMessageBox.question(
                self,
                self.tr("Stop withdrawing"),
                self.tr(
                    "Tickets are still being withdrawn. Stop now? Nothing is lost: withdrawing "
                    "again later finishes the rest, and no ticket is acted on twice."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._runner.stopped.connect(super().reject)
            self._runner.cancel()
            return
        self._plan_call.cancel()
        super().reject()
