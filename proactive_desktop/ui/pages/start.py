"""Start page: a new campaign, or the unfinished one found in the journal, or the history.

The journal is read on a BackgroundCall when the page opens. An unfinished campaign (the program
was closed, crashed or lost the network while sending) is offered first: resuming sends only to
the customers who have no ticket yet, after the Connect page has checked the credentials.

The page also offers the interface language (each named in its own words, so a reader finds
theirs whatever is shown); a choice is saved in the settings and applied at once.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.journal import CampaignRecord, Counts
from proactive_desktop.core.models import CampaignState
from proactive_desktop.ui.i18n import (
    LANGUAGE_NAMES,
    error_text,
    resolve_language,
    use_language,
)
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.workers import BackgroundCall, Task, emit

HISTORY_MODULE = "proactive_desktop.ui.dialogs.history"


@dataclass(frozen=True, slots=True)
class UnfinishedCampaign:
    record: CampaignRecord
    counts: Counts


def _local_time(stamp: str) -> str:
    """A journal time stamp (ISO 8601) as the user's locale writes a date and time."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class StartPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(
            self.tr(
                "Reach a group of your customers before they write in: the program creates one "
                "Zendesk ticket for each of them, exactly once."
            )
        )
        self._unfinished: list[UnfinishedCampaign] = []

        self.new_button = QRadioButton(self.tr("Start a new campaign"))
        self.new_button.setChecked(True)
        self.resume_button = QRadioButton(self.tr("Resume an unfinished campaign"))
        self.resume_button.setEnabled(False)
        choice = QButtonGroup(self)
        choice.addButton(self.new_button)
        choice.addButton(self.resume_button)

        self.unfinished_label = QLabel()
        self.unfinished_label.setWordWrap(True)
        self.unfinished_label.setVisible(False)
        self.unfinished_list = QListWidget()
        self.unfinished_list.setVisible(False)
        self.unfinished_list.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.setVisible(False)

        self.history_button = QPushButton(self.tr("Campaign history…"))
        self.history_button.setVisible(importlib.util.find_spec(HISTORY_MODULE) is not None)
        self.language_combo = QComboBox()
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_languages()
        language_label = QLabel(self.tr("Language:"))
        language_label.setBuddy(self.language_combo)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_button)
        history_row.addStretch(1)
        history_row.addWidget(language_label)
        history_row.addWidget(self.language_combo)

        layout = QVBoxLayout(self)
        layout.addWidget(self.new_button)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.unfinished_label)
        layout.addWidget(self.unfinished_list, 1)
        layout.addWidget(self.error_label)
        layout.addStretch(0)
        layout.addLayout(history_row)

        self.resume_button.toggled.connect(self._choice_changed)
        self.unfinished_list.currentRowChanged.connect(self._choice_changed)
        self.history_button.clicked.connect(self.open_history)
        self.language_combo.activated.connect(self._language_chosen)
        self._journal_call = BackgroundCall(
            self._read_journal,
            self._journal_read,
            self._journal_failed,
            parent=self,
            name="journal",
        )
        self._has_loaded = False

    # -- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        if not self._has_loaded:
            self._has_loaded = True
            self._journal_call.start()

    def isComplete(self) -> bool:
        if self.resume_button.isChecked():
            return self._chosen() is not None
        return True

    def validatePage(self) -> bool:
        chosen = self._chosen() if self.resume_button.isChecked() else None
        if chosen is None:
            self.draft.resume_campaign = None
            return True
        record = chosen.record
        self.draft.resume_campaign = record.name
        self.draft.name = record.name
        self.draft.base_url = record.url
        self.draft.email = record.email
        return True

    def shutdown(self) -> None:
        self._journal_call.cancel()

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def open_history(self) -> None:
        module = importlib.import_module(HISTORY_MODULE)
        dialog = module.HistoryDialog(self.services, self)
        dialog.exec()

    def _fill_languages(self) -> None:
        system = LANGUAGE_NAMES[resolve_language(QLocale.system())]
        self.language_combo.addItem(
            self.tr("System language ({language})").format(language=system), None
        )
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        current = self.language_combo.findData(self.services.settings.language)
        self.language_combo.setCurrentIndex(max(current, 0))

    @Slot(int)
    def _language_chosen(self, index: int) -> None:
        language = self.language_combo.itemData(index)
        if language == self.services.settings.language:
            return
        self.services.settings.language = language
        self.services.save_settings()
        app = QCoreApplication.instance()
        if app is None:
            return
        use_language(app, language)
        # This page is rebuilt in the new language; the new one keeps the keyboard where it was.
        from proactive_desktop.ui.wizard import PageId

        wizard = self.campaign_wizard()
        wizard.retranslate()
        start = wizard.page_by_id(PageId.START)
        if isinstance(start, StartPage):
            start.language_combo.setFocus()

    # -- journal --------------------------------------------------------------------------

    def _read_journal(self, task: Task) -> list[UnfinishedCampaign]:
        with self.services.open_journal() as journal:
            return [
                UnfinishedCampaign(record, journal.totals(record.id))
                for record in journal.resumable_campaigns()
            ]

    def _journal_read(self, unfinished: list[UnfinishedCampaign]) -> None:
        self._unfinished = unfinished
        wizard = self.wizard()
        can_resume = wizard is not None and self._send_page_exists()
        if not unfinished or not can_resume:
            return
        self.unfinished_list.clear()
        for each in unfinished:
            item = QListWidgetItem(self._describe(each))
            item.setData(Qt.ItemDataRole.UserRole, each.record.name)
            self.unfinished_list.addItem(item)
        self.unfinished_list.setCurrentRow(0)
        self.unfinished_label.setText(
            self.tr(
                "%n campaign(s) did not finish. Resuming one sends only to the customers who "
                "have no ticket yet; nobody gets a second ticket.",
                "",
                len(unfinished),
            )
        )
        self.unfinished_label.setVisible(True)
        self.unfinished_list.setVisible(True)
        self.resume_button.setEnabled(True)
        # An interrupted campaign is what the user most likely came back for.
        self.resume_button.setChecked(True)
        emit(self.completeChanged)

    def _journal_failed(self, error: BaseException) -> None:
        self.error_label.setText(
            self.tr("The list of earlier campaigns could not be read: {reason}").format(
                reason=error_text(error)
            )
        )
        self.error_label.setVisible(True)

    def _send_page_exists(self) -> bool:
        from proactive_desktop.ui.wizard import PageId

        wizard = self.wizard()
        return wizard is not None and PageId.SEND in wizard.pageIds()

    def _describe(self, each: UnfinishedCampaign) -> str:
        counts = each.counts
        locale = QLocale()
        if each.record.state is CampaignState.SENDING:
            state = self.tr("interrupted")
        else:
            state = self.tr("stopped")
        return self.tr(
            "{name} — {state}: {done} of {total} customers done, {waiting} waiting "
            "(last change {when})"
        ).format(
            name=each.record.name,
            state=state,
            done=locale.toString(counts.created + counts.skipped + counts.failed),
            total=locale.toString(counts.total),
            waiting=locale.toString(counts.pending),
            when=_local_time(each.record.updated_at),
        )

    def _chosen(self) -> UnfinishedCampaign | None:
        row = self.unfinished_list.currentRow()
        if 0 <= row < len(self._unfinished):
            return self._unfinished[row]
        return None

    @Slot()
    def _choice_changed(self) -> None:
        self.unfinished_list.setEnabled(self.resume_button.isChecked())
        emit(self.completeChanged)
