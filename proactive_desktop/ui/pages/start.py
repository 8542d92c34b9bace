"""Start page: a new campaign, or the unfinished one found in the journal, or the history.

It opens with what a proactive campaign is, under the app's icon, and says when the program runs
on the demo workspace (or how to try it); each choice has a line saying what it will do.

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

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSize, Qt, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core import campaigns
from proactive_desktop.core.campaigns import DueRun
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.journal import CampaignRecord, Counts
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.paths import resource_path
from proactive_desktop.core.schedule import schedule_of
from proactive_desktop.core.scheduled import ScheduledCampaign
from proactive_desktop.ui.i18n import (
    LANGUAGE_NAMES,
    error_text,
    resolve_language,
    use_language,
)
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.widgets.moments import local_date_time
from proactive_desktop.ui.workers import BackgroundCall, Task, emit

HISTORY_MODULE = "proactive_desktop.ui.dialogs.history"
ICON = ("resources", "icons", "proactive-desktop-128.png")
ICON_SIZE = QSize(64, 64)
HEADING_SCALE = 1.25
"""The welcome heading, relative to the platform's font size."""
CHOICE_GAP = 8
LIST_ROWS_SHOWN = 4


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
                "Choose what to do: start a new campaign, resume one that did not finish, or look "
                "at the campaigns sent from this computer."
            )
        )
        self._unfinished: list[UnfinishedCampaign] = []

        self._scheduled: list[ScheduledCampaign] = []
        self._waiting_errors: dict[str, BaseException] = {}
        """Why a scheduled campaign could not run at the last pass (no sign-in, …), by name."""
        hero = self._build_hero()
        choices = self._build_choices()
        scheduled = self._build_scheduled()
        language_row = self._build_language_row()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(hero)
        layout.addSpacing(CHOICE_GAP * 2)
        layout.addLayout(choices)
        layout.addSpacing(CHOICE_GAP)
        layout.addLayout(scheduled)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(language_row)

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
        self._scheduled_call = BackgroundCall(
            self._read_scheduled,
            self._scheduled_read,
            self._journal_failed,
            parent=self,
            name="scheduled",
        )
        self._pause_call = BackgroundCall(
            None, self._paused, self._pause_failed, parent=self, name="pause"
        )
        self._has_loaded = False
        self._follows_scheduler = False

    # -- building ---------------------------------------------------------------------------

    def _build_scheduled(self) -> QVBoxLayout:
        """The scheduled campaigns with their next time, and Pause / Resume."""
        self.scheduled_heading = QLabel(self.tr("Scheduled campaigns"))
        font = self.scheduled_heading.font()
        font.setBold(True)
        self.scheduled_heading.setFont(font)
        self.scheduled_hint = self._hint(
            self.tr(
                "While this window is open, each goes out when its customers are due; closed, "
                "it continues at the next start (or with run-due from the system's scheduler)."
            ),
            indent=False,
        )
        self.scheduled_list = QListWidget()
        # Two lines for a campaign that waits (and why), wrapped rather than scrolled sideways.
        self.scheduled_list.setWordWrap(True)
        self.scheduled_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scheduled_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)
        section = QVBoxLayout()
        section.setSpacing(4)
        section.addWidget(self.scheduled_heading)
        section.addWidget(self.scheduled_hint)
        section.addWidget(self.scheduled_list)
        section.addLayout(buttons)
        for widget in (
            self.scheduled_heading,
            self.scheduled_hint,
            self.scheduled_list,
            self.pause_button,
        ):
            widget.setVisible(False)
        self.scheduled_list.currentRowChanged.connect(self._scheduled_choice_changed)
        self.pause_button.clicked.connect(self.toggle_pause)
        return section

    def _build_hero(self) -> QHBoxLayout:
        """What a proactive campaign is, beside the app's icon, and a word about the demo."""
        icon = QLabel()
        icon_file = resource_path(*ICON)
        if icon_file.exists():
            icon.setPixmap(QIcon(str(icon_file)).pixmap(ICON_SIZE, self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("Reach your customers before they write in"))
        # No role: a stylesheet rule would replace this font (style.qss).
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * HEADING_SCALE)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "A proactive campaign creates one Zendesk ticket for each customer of a group you "
                "choose, for example everyone whose plan renews next month, so they hear from you "
                "first. Nothing is sent until you have checked a preview, and nobody gets a ticket "
                "twice."
            )
        )
        intro.setWordWrap(True)
        about = QVBoxLayout()
        about.setSpacing(6)
        about.addWidget(heading)
        about.addWidget(intro)
        hero = QHBoxLayout()
        hero.setSpacing(16)
        hero.addWidget(icon)
        hero.addLayout(about, 1)

        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        if self.services.open_demo_at_start:
            show_message(
                self.demo_label,
                self.tr(
                    "You are in the demo workspace: a practice Zendesk on this computer with "
                    "sample customers. Try every step; no real customer is contacted."
                ),
                MessageRole.INFO,
            )
        elif self.services.has_demo:
            show_message(
                self.demo_label,
                self.tr(
                    "No Zendesk account at hand? Choose “Try the demo” on the next page "
                    "to practise on sample customers."
                ),
                MessageRole.HINT,
            )
        else:
            self.demo_label.hide()
        about.addWidget(self.demo_label)
        about.addStretch(1)

        return hero

    def _build_choices(self) -> QVBoxLayout:
        """New campaign, resume one (with the list of unfinished ones), or the history."""
        self.new_button = QRadioButton(self.tr("Start a new campaign"))
        self.new_button.setChecked(True)
        new_hint = self._hint(
            self.tr(
                "Connect to Zendesk, find the customers, write the ticket and check it before "
                "anything is sent."
            )
        )
        self.resume_button = QRadioButton(self.tr("Resume an unfinished campaign"))
        self.resume_button.setEnabled(False)
        choice = QButtonGroup(self)
        choice.addButton(self.new_button)
        choice.addButton(self.resume_button)

        self.unfinished_label = self._hint(self.tr("No unfinished campaign on this computer."))
        self.unfinished_list = QListWidget()
        self.unfinished_list.setVisible(False)
        self.unfinished_list.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_role(self.error_label, MessageRole.ERROR)
        self.error_label.setVisible(False)

        self.history_button = QPushButton(self.tr("Campaign history…"))
        has_history = importlib.util.find_spec(HISTORY_MODULE) is not None
        self.history_button.setVisible(has_history)
        history_hint = self._hint(
            self.tr(
                "Earlier campaigns on this computer: their results, retrying failed tickets, "
                "exporting to CSV."
            ),
            indent=False,
        )
        history_hint.setVisible(has_history)
        history_row = QHBoxLayout()
        history_row.setSpacing(10)
        history_row.addWidget(self.history_button)
        history_row.addWidget(history_hint, 1)
        choices = QVBoxLayout()
        choices.setSpacing(2)
        choices.addWidget(self.new_button)
        choices.addWidget(new_hint)
        choices.addSpacing(CHOICE_GAP)
        choices.addWidget(self.resume_button)
        choices.addWidget(self.unfinished_label)
        list_row = QHBoxLayout()
        list_row.addSpacing(self._indent())
        list_row.addWidget(self.unfinished_list)
        choices.addLayout(list_row)
        choices.addSpacing(CHOICE_GAP * 2)
        choices.addLayout(history_row)
        return choices

    def _build_language_row(self) -> QHBoxLayout:
        """The interface language, at the bottom right."""
        self.language_combo = QComboBox()
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_languages()
        language_label = QLabel(self.tr("Language:"))
        language_label.setBuddy(self.language_combo)
        language_row = QHBoxLayout()
        language_row.addStretch(1)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language_combo)
        return language_row

    # -- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        if not self._has_loaded:
            self._has_loaded = True
            self._journal_call.start()
        self._follow_scheduler()
        self.refresh_scheduled()

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
        self._scheduled_call.cancel()
        self._pause_call.cancel()

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
        with self.services.open_journal(read_only=True) as journal:
            # A scheduled campaign is resumed by the scheduler, and listed with its next time.
            return [
                UnfinishedCampaign(record, journal.totals(record.id))
                for record in journal.resumable_campaigns()
                if schedule_of(record.definition) is None
            ]

    # -- scheduled campaigns ------------------------------------------------------------------

    def _follow_scheduler(self) -> None:
        """Refresh the list after each pass of the wizard's background scheduler."""
        if self._follows_scheduler:
            return
        scheduler = getattr(self.wizard(), "scheduler", None)
        if scheduler is None:
            return
        self._follows_scheduler = True
        scheduler.ran.connect(self._scheduler_ran)
        scheduler.running_changed.connect(self._scheduler_running)
        self._scheduler_ran(scheduler.last_runs)

    @Slot(object)
    def _scheduler_ran(self, runs: list[DueRun]) -> None:
        self._waiting_errors = {each.name: each.error for each in runs if each.error is not None}
        self.refresh_scheduled()

    @Slot(bool)
    def _scheduler_running(self, running: bool) -> None:
        if running:
            return
        self.refresh_scheduled()

    def refresh_scheduled(self) -> None:
        """Read the scheduled campaigns again (on a worker)."""
        if not self._scheduled_call.is_running:
            self._scheduled_call.start()

    def _read_scheduled(self, task: Task) -> list[ScheduledCampaign]:
        del task
        return campaigns.scheduled(self.services.journal_path)

    def _scheduled_read(self, scheduled: list[ScheduledCampaign]) -> None:
        chosen = self._chosen_scheduled()
        chosen_name = chosen.record.name if chosen is not None else None
        self._scheduled = scheduled
        self.scheduled_list.clear()
        for each in scheduled:
            text = self._describe_scheduled(each)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, each.record.name)
            self.scheduled_list.addItem(item)
        shown = bool(scheduled)
        for widget in (
            self.scheduled_heading,
            self.scheduled_hint,
            self.scheduled_list,
            self.pause_button,
        ):
            widget.setVisible(shown)
        if not shown:
            return
        names = [each.record.name for each in scheduled]
        self.scheduled_list.setCurrentRow(names.index(chosen_name) if chosen_name in names else 0)
        rows = min(len(scheduled), LIST_ROWS_SHOWN)
        frame = 2 * self.scheduled_list.frameWidth()
        height = sum(self.scheduled_list.sizeHintForRow(row) for row in range(rows))
        self.scheduled_list.setMaximumHeight(height + frame)
        self._scheduled_choice_changed()

    def _describe_scheduled(self, each: ScheduledCampaign) -> str:
        counts = each.counts
        locale = QLocale()
        done = self.tr("{done} of {total} customers done").format(
            done=locale.toString(counts.created + counts.skipped + counts.failed),
            total=locale.toString(counts.total),
        )
        if each.paused:
            text = self.tr("{name} — paused: {done}").format(name=each.record.name, done=done)
        elif each.is_due(datetime.now().astimezone()):
            text = self.tr("{name} — due now: {done}").format(name=each.record.name, done=done)
        elif each.next_due is None:
            text = self.tr("{name} — {done}").format(name=each.record.name, done=done)
        elif each.finishes_at is not None:
            text = self.tr("{name} — next {when}: {done}, finishing about {end}").format(
                name=each.record.name,
                when=local_date_time(each.next_due),
                done=done,
                end=local_date_time(each.finishes_at),
            )
        else:
            text = self.tr("{name} — next {when}: {done}").format(
                name=each.record.name, when=local_date_time(each.next_due), done=done
            )
        error = self._waiting_errors.get(each.record.name)
        if error is not None and not each.paused:
            if campaigns.error_kind(error) is campaigns.ErrorKind.SIGN_IN:
                reason = self.tr("sign in to {url} (Next) and it goes out.").format(
                    url=each.record.url
                )
            else:
                reason = error_text(error)
            text += "\n" + self.tr("Waiting: {reason}").format(reason=reason)
        return text

    def _chosen_scheduled(self) -> ScheduledCampaign | None:
        row = self.scheduled_list.currentRow()
        if 0 <= row < len(self._scheduled):
            return self._scheduled[row]
        return None

    @Slot()
    def _scheduled_choice_changed(self) -> None:
        chosen = self._chosen_scheduled()
        self.pause_button.setEnabled(chosen is not None and not self._pause_call.is_running)
        if chosen is not None and chosen.paused:
            self.pause_button.setText(self.tr("Resume"))
        else:
            self.pause_button.setText(self.tr("Pause"))

    @Slot()
    def toggle_pause(self) -> None:
        """Pause the chosen scheduled campaign, or resume it (a journal write, on a worker)."""
        chosen = self._chosen_scheduled()
        if chosen is None:
            return
        name, paused = chosen.record.name, not chosen.paused
        path = self.services.journal_path
        self.pause_button.setEnabled(False)
        self._pause_call.start(lambda task: campaigns.pause(path, name, paused))

    def _paused(self, record: CampaignRecord) -> None:
        del record
        self.refresh_scheduled()
        scheduler = getattr(self.wizard(), "scheduler", None)
        if scheduler is not None:
            # A resumed campaign that is due goes out now, not at the next minute.
            scheduler.check_now()

    def _pause_failed(self, error: BaseException) -> None:
        self._journal_failed(error)
        self._scheduled_choice_changed()

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
        # As tall as its rows (a few at most, then it scrolls), not a large empty box.
        rows = min(len(unfinished), LIST_ROWS_SHOWN)
        frame = 2 * self.unfinished_list.frameWidth()
        self.unfinished_list.setMaximumHeight(rows * self.unfinished_list.sizeHintForRow(0) + frame)
        self.unfinished_label.setText(
            self.tr(
                "%n campaign(s) did not finish. Resuming one sends only to the customers who "
                "have no ticket yet; nobody gets a second ticket.",
                "",
                len(unfinished),
            )
        )
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
            # Being confirmed counts as waiting here: neither is done yet.
            waiting=locale.toString(counts.pending + counts.in_flight),
            when=_local_time(each.record.updated_at),
        )

    def _indent(self) -> int:
        """How far a radio button's text starts from its left edge (hints line up with it)."""
        style = self.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )

    def _hint(self, text: str, *, indent: bool = True) -> QLabel:
        """A line of explanation under a choice."""
        label = QLabel(text)
        label.setWordWrap(True)
        set_role(label, MessageRole.HINT)
        if indent:
            label.setContentsMargins(self._indent(), 0, 0, 0)
        return label

    def _chosen(self) -> UnfinishedCampaign | None:
        row = self.unfinished_list.currentRow()
        if 0 <= row < len(self._unfinished):
            return self._unfinished[row]
        return None

    @Slot()
    def _choice_changed(self) -> None:
        self.unfinished_list.setEnabled(self.resume_button.isChecked())
        emit(self.completeChanged)
