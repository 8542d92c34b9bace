"""HistoryDialog: past campaigns from the journal, with their results, and what can be done next.

The list (name, date, state, counts) and one campaign's per-customer table are read from the
journal on background calls, never on the GUI thread. "Retry failed" runs the engine on the
campaign worker with the credentials of the campaign's own account; "Export CSV" writes the same
file as the command line's `export` (core/export.py).
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, auto
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core import campaigns
from proactive_desktop.core.engine import CampaignSummary, journal_summary
from proactive_desktop.core.events import CustomerUpdated
from proactive_desktop.core.export import export_file_stem, write_export_csv
from proactive_desktop.core.journal import CampaignRecord, Counts
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.scheduled import scheduled_campaigns
from proactive_desktop.core.withdraw import (
    WithdrawAction,
    WithdrawScope,
    WithdrawSummary,
    withdrawal_summary,
)
from proactive_desktop.ui.dialogs.aftercare import VerifyDialog, WithdrawDialog
from proactive_desktop.ui.i18n import error_text
from proactive_desktop.ui.models.base import RowTableModel
from proactive_desktop.ui.models.send_table import (
    Column,
    Role,
    SendTableModel,
    fit_columns,
    open_ticket_link,
)
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.messages import MessageRole, set_role
from proactive_desktop.ui.widgets.moments import local_date_time
from proactive_desktop.ui.workers import BackgroundCall, CampaignRunner, OnEvent, Task


@dataclass(frozen=True, slots=True)
class CampaignRow:
    record: CampaignRecord
    counts: Counts
    next_due: datetime | None = None
    """A scheduled campaign's next time (None: none, or no schedule)."""


class HistoryColumn(IntEnum):
    NAME = 0
    STARTED = auto()
    STATE = auto()
    TOTAL = auto()
    CREATED = auto()
    FAILED = auto()
    SKIPPED = auto()
    PENDING = auto()


NAME_CHARACTERS = 22
EMAIL_CHARACTERS = 30
"""Initial widths of the customer table's name and email columns, in average characters."""

_COUNT_COLUMNS = {
    HistoryColumn.TOTAL: "total",
    HistoryColumn.CREATED: "created",
    HistoryColumn.FAILED: "failed",
    HistoryColumn.SKIPPED: "skipped",
    HistoryColumn.PENDING: "pending",
}


def state_label(state: CampaignState) -> str:
    labels = {
        CampaignState.DRAFT: QCoreApplication.translate("HistoryModel", "Draft"),
        CampaignState.SENDING: QCoreApplication.translate("HistoryModel", "Interrupted"),
        CampaignState.STOPPED: QCoreApplication.translate("HistoryModel", "Stopped"),
        CampaignState.FINISHED: QCoreApplication.translate("HistoryModel", "Finished"),
        CampaignState.SCHEDULED: QCoreApplication.translate("HistoryModel", "Scheduled"),
        CampaignState.WITHDRAWN: QCoreApplication.translate("HistoryModel", "Withdrawn"),
    }
    return labels[state]


def _started_at(record: CampaignRecord) -> datetime | None:
    try:
        return datetime.fromisoformat(record.created_at)
    except ValueError:
        return None


class HistoryModel(RowTableModel[CampaignRow]):
    """One row per campaign in the journal, newest first."""

    def campaign(self, row: int) -> CampaignRow:
        return self._rows[row]

    def reset_rows(self, rows: list[CampaignRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _column_count(self) -> int:
        return len(HistoryColumn)

    def _heading(self, column: int) -> str:
        headers = {
            HistoryColumn.NAME: self.tr("Campaign"),
            HistoryColumn.STARTED: self.tr("Started"),
            HistoryColumn.STATE: self.tr("State"),
            HistoryColumn.TOTAL: self.tr("Customers"),
            HistoryColumn.CREATED: self.tr("Created"),
            HistoryColumn.FAILED: self.tr("Failed"),
            HistoryColumn.SKIPPED: self.tr("Skipped"),
            HistoryColumn.PENDING: self.tr("Waiting"),
        }
        return headers[HistoryColumn(column)]

    def _value(self, row: CampaignRow, column: int, role: int) -> Any:
        history_column = HistoryColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, history_column)
        if role == Role.SORT:
            return self._sort_key(row, history_column)
        if role == Qt.ItemDataRole.TextAlignmentRole and history_column in _COUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and history_column == HistoryColumn.NAME:
            details = self.tr("Tag: {tag} · {url}").format(tag=row.record.tag, url=row.record.url)
            return f"{row.record.name}\n{details}"
        return None

    def _display(self, row: CampaignRow, column: HistoryColumn) -> str:
        if column == HistoryColumn.NAME:
            return row.record.name
        if column == HistoryColumn.STARTED:
            started = _started_at(row.record)
            if started is None:
                return row.record.created_at
            moment = QDateTime.fromSecsSinceEpoch(int(started.timestamp())).toLocalTime()
            return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
        if column == HistoryColumn.STATE:
            label = state_label(row.record.state)
            if row.record.paused and row.record.state is not CampaignState.FINISHED:
                return self.tr("{state}, paused").format(state=label)
            if row.next_due is not None:
                return self.tr("{state}, next {when}").format(
                    state=label, when=local_date_time(row.next_due)
                )
            return label
        return QLocale().toString(int(getattr(row.counts, _COUNT_COLUMNS[column])))

    def _sort_key(self, row: CampaignRow, column: HistoryColumn) -> Any:
        if column in _COUNT_COLUMNS:
            return int(getattr(row.counts, _COUNT_COLUMNS[column]))
        if column == HistoryColumn.STARTED:
            return row.record.created_at
        return self._display(row, column).casefold()


class HistoryDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Campaign history"))
        self._runner: CampaignRunner | None = None
        self._shown: CampaignRow | None = None
        self._summary: CampaignSummary | None = None
        self._keeps_status = False

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        self._build_campaign_table()
        actions = self._build_actions()
        self._build_customer_table()
        self._lay_out(actions)
        self._build_calls()
        self._update_buttons()
        self.reload()

    def _build_campaign_table(self) -> None:
        """The table of campaigns, newest first, sortable, one selected at a time."""
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Role.SORT)
        self.campaigns = QTableView(self)
        self.campaigns.setModel(self.proxy)
        self.campaigns.setSortingEnabled(True)
        self.campaigns.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.campaigns.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.campaigns.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.campaigns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.campaigns.verticalHeader().hide()
        # The name takes what the other columns leave: they are as wide as their contents (a
        # date as the locale writes it, a state, numbers) or their heading, so a long campaign
        # name is cut only when the window is really too narrow (its tooltip has it whole).
        header = self.campaigns.horizontalHeader()
        for history_column in HistoryColumn:
            header.setSectionResizeMode(history_column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.NAME, QHeaderView.ResizeMode.Stretch)
        # Where even that is too narrow, a long name wraps onto a second line instead of being
        # cut: rows take the height their text needs.
        self.campaigns.setWordWrap(True)
        self.campaigns.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self._widened_for_names = False
        self.campaigns.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.campaigns.doubleClicked.connect(self.open_selected)

    def _build_actions(self) -> QHBoxLayout:
        """What can be done with the selected campaign."""
        self.open_button = QPushButton(self.tr("Show customers"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.retry_button = QPushButton(self.tr("Retry failed"), self)
        self.retry_button.clicked.connect(self.retry_failed)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button = QPushButton(self.tr("Verify in Zendesk…"), self)
        self.verify_button.setToolTip(
            self.tr("Check in Zendesk that every customer got exactly one ticket (changes nothing)")
        )
        self.verify_button.clicked.connect(self.verify_selected)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        self.withdraw_button.setToolTip(
            self.tr("Solve or delete the campaign's tickets, when it went wrong")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.verify_dialog: VerifyDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        return actions

    def _build_customer_table(self) -> None:
        """The selected campaign's summary line and its table of customers."""
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail_label.linkActivated.connect(self._open_link)
        self.customers_model = SendTableModel(self)
        self.customers = QTableView(self)
        self.customers.setModel(self.customers_model)
        self.customers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customers.verticalHeader().hide()
        self.customers.horizontalHeader().setStretchLastSection(True)
        # Room for a whole name and address (the default width cut most of them off); measured
        # in the table's font, so it holds in every language and at any scale.
        metrics = self.customers.fontMetrics()
        for column, characters in (
            (Column.NAME, NAME_CHARACTERS),
            (Column.EMAIL, EMAIL_CHARACTERS),
        ):
            self.customers.setColumnWidth(column, metrics.horizontalAdvance("x" * characters))
        self.customers.clicked.connect(open_ticket_link)

    def _lay_out(self, actions: QHBoxLayout) -> None:
        """Campaigns above, their customers below a splitter, the Close button at the bottom."""
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.campaigns)
        top_layout.addLayout(actions)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail_label)
        bottom_layout.addWidget(self.customers, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    def _build_calls(self) -> None:
        """The background calls that read the journal and write exports."""
        self._list_call = BackgroundCall(
            self._read_campaigns,
            self._campaigns_read,
            self._show_error,
            parent=self,
            name="history-list",
        )
        self._withdrawal: WithdrawSummary | None = None
        self._detail_call = BackgroundCall(
            None, self._detail_read, self._show_error, parent=self, name="history-campaign"
        )
        self._export_call = BackgroundCall(
            None, self._exported, self._show_error, parent=self, name="history-export"
        )

    def sizeHint(self) -> QSize:
        # Wide enough for the counts and a long campaign name; the layout still grows.
        return (
            super()
            .sizeHint()
            .expandedTo(
                QSize(
                    self.fontMetrics().averageCharWidth() * 110,
                    self.fontMetrics().lineSpacing() * 30,
                )
            )
        )

    def _widen_for_names(self) -> None:
        """Once, when the campaigns first arrive: grow the window so their names fit on one
        line, as far as the screen allows (a window the user sized later is left alone)."""
        if self._widened_for_names or self.model.rowCount() == 0:
            return
        self._widened_for_names = True
        missing = self.campaigns.sizeHintForColumn(HistoryColumn.NAME) - self.campaigns.columnWidth(
            HistoryColumn.NAME
        )
        screen = self.screen()
        if missing <= 0 or screen is None:
            return
        room = screen.availableGeometry().width() * 9 // 10
        width = min(self.width() + missing, max(room, self.width()))
        if width > self.width():
            self.resize(width, self.height())

    @property
    def is_busy(self) -> bool:
        """A journal read, an export or a retry is under way."""
        running = self._runner is not None and self._runner.is_running
        calls = (self._list_call, self._detail_call, self._export_call)
        return running or any(call.is_running for call in calls)

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        set_role(self.status_label, None)
        self.status_label.setText(self.tr("Reading the campaign history…"))
        self._list_call.start()

    def _read_campaigns(self, task: Task) -> list[CampaignRow]:
        del task
        with self.services.open_journal(read_only=True) as journal:
            next_times = {each.record.id: each.next_due for each in scheduled_campaigns(journal)}
            return [
                CampaignRow(record, journal.totals(record.id), next_times.get(record.id))
                for record in journal.list_campaigns()
            ]

    def _campaigns_read(self, rows: list[CampaignRow]) -> None:
        selected = self._shown.record.id if self._shown is not None else None
        self.model.reset_rows(rows)
        if self._keeps_status:
            # The list was refreshed after a retry: its result stays on screen.
            self._keeps_status = False
        elif rows:
            self.status_label.setText(self.tr("%n campaign(s) on this computer.", "", len(rows)))
        else:
            self.status_label.setText(self.tr("No campaign has been sent from this computer yet."))
        self._widen_for_names()
        for row, campaign in enumerate(rows):
            if campaign.record.id == selected:
                self._select_source_row(row)
                self._shown = campaign
                break
        else:
            if rows:
                self._select_source_row(0)
        self._update_buttons()

    def _select_source_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, HistoryColumn.NAME))
        self.campaigns.setCurrentIndex(index)

    def selected_campaign(self) -> CampaignRow | None:
        index = self.campaigns.currentIndex()
        if not index.isValid():
            return None
        return self.model.campaign(self.proxy.mapToSource(index).row())

    def _selection_changed(self) -> None:
        self._update_buttons()

    def open_selected(self) -> None:
        campaign = self.selected_campaign()
        if campaign is None:
            return
        self._shown = campaign
        self.detail_label.setText(
            html.escape(
                self.tr("Reading the customers of “{name}”…").format(name=campaign.record.name)
            )
        )
        campaign_id = campaign.record.id
        services = self.services

        def read(task: Task) -> tuple[CampaignSummary, WithdrawSummary | None]:
            del task
            with services.open_journal(read_only=True) as journal:
                record = journal.campaign(campaign_id)
                return journal_summary(journal, record), withdrawal_summary(journal, record)

        self._detail_call.start(read)

    def _detail_read(self, detail: tuple[CampaignSummary, WithdrawSummary | None]) -> None:
        summary, withdrawal = detail
        self._withdrawal = withdrawal
        self._summary_read(summary)

    def _summary_read(self, summary: CampaignSummary) -> None:
        self._summary = summary
        self.customers_model.reset_rows(summary.customers)
        fit_columns(self.customers)
        self._show_summary(summary)
        self._update_buttons()

    def _show_summary(self, summary: CampaignSummary) -> None:
        text = html.escape(
            self.tr(
                "“{name}” (tag {tag}): {created} created, {failed} failed, {skipped} skipped, "
                "{pending} waiting."
            ).format(
                name=summary.campaign,
                tag=summary.tag,
                created=QLocale().toString(summary.created),
                failed=QLocale().toString(summary.failed),
                skipped=QLocale().toString(summary.skipped),
                pending=QLocale().toString(summary.pending),
            )
        )
        if summary.in_flight:
            text += " " + html.escape(
                self.tr(
                    "%n customer(s) being confirmed: Zendesk may have created their tickets; "
                    "resuming the campaign checks the account before sending anything again.",
                    "",
                    summary.in_flight,
                )
            )
        if summary.view_url:
            text += ' <a href="{url}">{label}</a>'.format(
                url=html.escape(summary.view_url),
                label=html.escape(self.tr("Open the campaign's view in Zendesk")),
            )
        withdrawal = self._withdrawal
        if withdrawal is not None and withdrawal.campaign == summary.campaign:
            text += "<br>" + html.escape(self.withdrawal_text(withdrawal))
        self.detail_label.setText(text)

    # -- actions -------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        campaign = self.selected_campaign()
        running = self._runner is not None and self._runner.is_running
        self.open_button.setEnabled(campaign is not None)
        self.export_button.setEnabled(campaign is not None and not self._export_call.is_running)
        self.retry_button.setEnabled(
            campaign is not None
            and not running
            and campaign.counts.failed > 0
            and campaign.record.state is not CampaignState.WITHDRAWN
        )
        reached = campaign is not None and campaign.counts.created > 0
        self.verify_button.setEnabled(reached)
        self.withdraw_button.setEnabled(reached and not running)

    # -- after a campaign: verify and withdraw ---------------------------------------------

    def verify_selected(self) -> None:
        """Open the Verify view for the selected campaign and start reading the account."""
        campaign = self.selected_campaign()
        if campaign is None:
            return
        dialog = VerifyDialog(self.services, campaign.record, self)
        dialog.withdraw_duplicates_requested.connect(
            lambda: self._open_withdraw(campaign.record, WithdrawScope.DUPLICATES)
        )
        self.verify_dialog = dialog
        dialog.open()
        dialog.start()

    def withdraw_selected(self) -> None:
        campaign = self.selected_campaign()
        if campaign is not None:
            self._open_withdraw(campaign.record, WithdrawScope.ALL)

    def _open_withdraw(self, record: CampaignRecord, scope: WithdrawScope) -> None:
        dialog = WithdrawDialog(self.services, record, scope=scope, parent=self)
        dialog.withdrawn.connect(self._withdrawn)
        self.withdraw_dialog = dialog
        dialog.open()

    def _withdrawn(self, summary: WithdrawSummary) -> None:
        self._withdrawal = summary
        self._keeps_status = True
        self.status_label.setText(self.withdrawal_text(summary))
        set_role(self.status_label, None)
        self._list_call.start()
        selected = self.selected_campaign()
        if selected is not None and selected.record.name == summary.campaign:
            self.open_selected()

    def retry_failed(self) -> None:
        campaign = self.selected_campaign()
        if campaign is None or campaign.counts.failed == 0:
            return
        record = campaign.record
        answer = QMessageBox.question(
            self,
            self.tr("Retry failed"),
            self.tr(
                "Send the campaign “{name}” again to the %n customer(s) it failed for? "
                "Customers who already have their ticket are not sent anything.",
                "",
                campaign.counts.failed,
            ).format(name=record.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        # The campaign's own account, with its credentials: this session's connection when it
        # is that account, else the keychain's saved token or kept sign-in (core/campaigns.py).
        workspace = self.services.workspace()

        def call(on_event: OnEvent, cancel: threading.Event) -> CampaignSummary:
            with campaigns.open_campaign(workspace, record.name, cancel=cancel) as session:
                return campaigns.retry_failed(session, on_event=on_event, cancel=cancel)

        if self._summary is None or self._summary.campaign != record.name:
            # Rows of another campaign must not mix with this one's updates.
            self.customers_model.reset_rows([])
        self._shown = campaign
        runner = CampaignRunner(call, parent=self)
        runner.progressed.connect(self._retry_progress)
        runner.finished.connect(self._retry_finished)
        runner.failed.connect(self._show_error)
        runner.stopped.connect(self._retry_stopped)
        self._runner = runner
        set_role(self.status_label, None)
        self.status_label.setText(
            self.tr("Sending again to the customers “{name}” failed for…").format(name=record.name)
        )
        runner.start()
        self._update_buttons()

    def _retry_progress(self, events: tuple[object, ...]) -> None:
        outcomes = [
            outcome
            for event in events
            if isinstance(event, CustomerUpdated)
            for outcome in event.outcomes
        ]
        if outcomes:
            self.customers_model.apply(outcomes)

    def _retry_finished(self, summary: CampaignSummary) -> None:
        self._summary_read(summary)
        self.status_label.setText(
            self.tr(
                "Done: %n more ticket(s) created.", "", summary.created - self._created_before()
            )
            if self._shown is not None
            else ""
        )

    def _created_before(self) -> int:
        return self._shown.counts.created if self._shown is not None else 0

    def _retry_stopped(self) -> None:
        self._runner = None
        self._keeps_status = True
        self._list_call.start()
        self._update_buttons()

    def export_csv(self) -> None:
        campaign = self.selected_campaign()
        if campaign is None:
            return
        record = campaign.record
        suggested = str(Path.home() / f"{export_file_stem(record.tag)}.csv")
        path, _selected_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the campaign's customers"),
            suggested,
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return
        self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the selected campaign's export to `path` (on a worker)."""
        campaign = self.selected_campaign()
        if campaign is None:
            return
        campaign_id = campaign.record.id
        services = self.services

        def export(task: Task) -> tuple[Path, int]:
            del task
            with services.open_journal(read_only=True) as journal:
                summary = journal_summary(journal, journal.campaign(campaign_id))
            return path, write_export_csv(path, summary.customers)

        set_role(self.status_label, None)
        self.status_label.setText(self.tr("Exporting…"))
        self._export_call.start(export)
        self._update_buttons()

    def _exported(self, result: tuple[Path, int]) -> None:
        path, rows = result
        self.status_label.setText(
            self.tr("%n customer(s) exported to {path}.", "", rows).format(path=str(path))
        )
        self._update_buttons()

    def _show_error(self, error: BaseException) -> None:
        self.status_label.setText(error_text(error))
        set_role(self.status_label, MessageRole.ERROR)
        self._update_buttons()

    def _open_link(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))

    def withdrawal_text(self, summary: WithdrawSummary) -> str:
        """What the History dialog says about a campaign's latest withdrawal (whole sentences)."""
        locale = QLocale()
        if summary.state != "finished":
            return self.tr(
                "Being withdrawn: {done} of {tickets} ticket(s) done; withdraw again to finish.",
            ).format(done=locale.toString(summary.done), tickets=locale.toString(summary.tickets))
        solved = summary.action is WithdrawAction.SOLVE
        done = summary.done
        if summary.scope is WithdrawScope.DUPLICATES and solved:
            text = self.tr(
                "Duplicates withdrawn: %n ticket(s) solved with an internal note.",
                "",
                done,
            )
        elif summary.scope is WithdrawScope.DUPLICATES:
            text = self.tr("Duplicates withdrawn: %n ticket(s) deleted.", "", done)
        elif solved:
            text = self.tr("Withdrawn: %n ticket(s) solved with an internal note.", "", done)
        else:
            text = self.tr("Withdrawn: %n ticket(s) deleted.", "", done)
        if summary.failed:
            text += " " + self.tr("%n ticket(s) could not be withdrawn.", "", summary.failed)
        return text

    # -- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        if self._runner is not None and self._runner.is_running:
            answer = QMessageBox.question(
                self,
                self.tr("Stop sending"),
                self.tr(
                    "Tickets are still being created. Stop now? Nothing is lost: the campaign "
                    "can be resumed later without creating any ticket twice."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._runner.stopped.connect(super().reject)
            self._runner.cancel()
            return
        for call in (self._list_call, self._detail_call, self._export_call):
            call.cancel()
        for dialog in (self.verify_dialog, self.withdraw_dialog):
            if dialog is not None and dialog.isVisible() and not dialog.is_busy:
                dialog.reject()
        super().reject()
