"""Select page: tick the customers who get a ticket, with the count always in view.

The table is a `CustomerTableModel` behind a `CustomerFilterProxy`; the filter box narrows the
rows, and Select all / none / Invert act on the rows shown. Above `LARGE_CAMPAIGN` ticked
customers a warning stays visible, and Next asks for an explicit confirmation (team capacity,
customers' inboxes). The ticks live in the draft's `selected_ids`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import Customer
from proactive_desktop.ui.models.customer_table import (
    Column,
    CustomerFilterProxy,
    CustomerTableModel,
)
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.column_widths import fit_column
from proactive_desktop.ui.workers import emit

LARGE_CAMPAIGN = 1000
"""More ticked customers than this needs a confirmation (the original app's advice)."""
FILTER_DELAY_MS = 200
"""Typing pauses this long before the filter runs: 100,000 rows are not filtered per key."""
FIT_SAMPLE_ROWS = 1000
"""Column widths follow what this many rows show."""
MAX_COLUMN_CHARACTERS = 50
"""No column is fitted wider than this many average characters."""


class SelectPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Choose who gets a ticket"))
        self.setSubTitle(
            self.tr(
                "Every ticked customer gets one ticket. Untick anyone who should not, or filter "
                "the list and tick only what is shown."
            )
        )
        self._shown_customers: list[Customer] | None = None

        self.model = CustomerTableModel(draft.selected_ids, self)
        self.proxy = CustomerFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, email, organization…"))
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)

        self.select_all_button = QPushButton(self.tr("Select all"))
        self.select_none_button = QPushButton(self.tr("Select none"))
        self.invert_button = QPushButton(self.tr("Invert selection"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.filter_edit, 1)
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.select_none_button)
        buttons.addWidget(self.invert_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        # No sort until the user clicks a header: sorting 100,000 rows up front costs time.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights let the view skip measuring 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)

        self.count_label = QLabel()
        self.count_label.setProperty("role", "result")
        self.count_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setProperty("role", "warning")
        self.warning_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.warning_label)

        self.select_all_button.clicked.connect(self.select_all)
        self.select_none_button.clicked.connect(self.select_none)
        self.invert_button.clicked.connect(self.invert_selection)
        self.model.selection_changed.connect(self._selection_changed)
        # Not rowsInserted/rowsRemoved: a filter may change thousands of row ranges at once.
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    # -- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        # Only a new segment resets the table (and its sort and filter); coming back from
        # Compose keeps everything as the user left it.
        if self._shown_customers is self.draft.customers:
            return
        self._shown_customers = self.draft.customers
        self.model.set_customers(
            self.draft.customers,
            self.draft.organizations,
            self.draft.user_fields,
            selected=self.draft.selected_ids,
            csv_columns=self.draft.csv_columns,
            csv_rows=self.draft.csv_rows,
        )
        self._size_columns()
        self._update_count()

    def isComplete(self) -> bool:
        return self.model.selected_count() > 0

    def validatePage(self) -> bool:
        count = self.model.selected_count()
        return count <= LARGE_CAMPAIGN or self._confirm_large_campaign(count)

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filter_text(self.filter_edit.text())
        self._update_count()

    @Slot()
    def select_all(self) -> None:
        self.model.set_rows_selected(self._rows_in_view(), True)

    @Slot()
    def select_none(self) -> None:
        self.model.set_rows_selected(self._rows_in_view(), False)

    @Slot()
    def invert_selection(self) -> None:
        self.model.invert_rows(self._rows_in_view())

    def _rows_in_view(self) -> list[int]:
        # A filter typed but not applied yet still counts: act on what the user asked for.
        if self._filter_timer.isActive():
            self.apply_filter()
        return self.proxy.source_rows()

    # -- display ------------------------------------------------------------------------------

    def _confirm_large_campaign(self, count: int) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("A large campaign"))
        box.setText(
            self.tr(
                "You are about to prepare %n ticket(s), one for each ticked customer.", "", count
            )
        )
        box.setInformativeText(
            self.tr(
                "More than {limit} tickets at once can overwhelm your team and can look like spam "
                "to your customers. Do you want to continue with all of them?"
            ).format(limit=QLocale().toString(LARGE_CAMPAIGN))
        )
        continue_button = box.addButton(
            self.tr("Continue with {count} customers").format(count=QLocale().toString(count)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        back_button = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back_button)
        box.setEscapeButton(back_button)
        box.setObjectName("large_campaign_box")
        box.exec()
        return box.clickedButton() is continue_button

    @Slot(int)
    def _selection_changed(self, _count: int) -> None:
        self._update_count()
        emit(self.completeChanged)

    @Slot()
    def _update_count(self) -> None:
        locale = QLocale()
        selected = self.model.selected_count()
        total = self.model.rowCount()
        if self.proxy.is_filtered():
            text = self.tr(
                "%n of {total} customers selected ({shown} shown by the filter)", "", selected
            ).format(total=locale.toString(total), shown=locale.toString(self.proxy.rowCount()))
        else:
            text = self.tr("%n of {total} customers selected", "", selected).format(
                total=locale.toString(total)
            )
        self.count_label.setText(text)
        is_large = selected > LARGE_CAMPAIGN
        self.warning_label.setVisible(is_large)
        if is_large:
            self.warning_label.setText(
                self.tr(
                    "More than {limit} customers are selected. That many tickets at once can "
                    "overwhelm your team and look like spam to customers; you will be asked to "
                    "confirm."
                ).format(limit=locale.toString(LARGE_CAMPAIGN))
            )

    def _size_columns(self) -> None:
        # Each column as wide as what its first rows show (a sample: measuring 100,000 rows
        # would freeze the window), within reason: one very long value does not push the others
        # off the screen (its cell's tooltip shows it whole).
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        header.resizeSection(Column.SELECTED, metrics.horizontalAdvance("M") * 5)
        widest = metrics.averageCharWidth() * MAX_COLUMN_CHARACTERS
        for column in range(Column.NAME, self.model.columnCount()):
            fit_column(
                self.table, column, self.model.column_texts(column, FIT_SAMPLE_ROWS), maximum=widest
            )
