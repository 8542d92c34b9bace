"""ComposePage: what every ticket of the campaign says and how it is filed.

The campaign name (unique in the journal and the account, checked on a background call while the
user types; its tag is shown), the subject and body with placeholders, and the ticket's fields:
status (system and the account's custom statuses), priority, type, group and assignee, public
reply or internal note, extra tags, macro, and whether to create a view. Every look-up runs on a
BackgroundCall with a visible loading state; failures are shown inline with a way to try again.
The page writes its values into the draft; it never sends anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.campaign_file import MAX_CONTACT_DAYS
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.errors import ProactiveError
from proactive_desktop.core.models import (
    Agent,
    BodyFormat,
    TicketPriority,
    TicketStatus,
    TicketType,
    UserField,
    campaign_tag,
    normalise_name,
)
from proactive_desktop.core.render import compile_ticket, compile_translations
from proactive_desktop.ui.i18n import error_text
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.widgets.placeholder_button import PlaceholderButton
from proactive_desktop.ui.widgets.schedule_box import ScheduleBox
from proactive_desktop.ui.workers import BackgroundCall, Task, emit

if TYPE_CHECKING:
    from proactive_desktop.core.zendesk.types import CustomStatus, Group, Macro

# Wait this long after the last keystroke before asking the journal and the account about a name.
NAME_CHECK_DELAY_MS = 400
# Re-check the placeholders this long after the last keystroke (cheap, but not on every key).
TEMPLATE_CHECK_DELAY_MS = 250
DEFAULT_CONTACT_DAYS = 30
"""What the frequency rule offers first: about a month between proactive tickets."""

_TAG_SEPARATORS = re.compile(r"[,\s、，]+")


class NameState(Enum):
    EMPTY = auto()
    INVALID = auto()
    CHECKING = auto()
    AVAILABLE = auto()
    TAKEN = auto()
    FAILED = auto()


@dataclass(frozen=True, slots=True)
class NameCheck:
    name: str
    taken_by_journal: bool
    taken_in_account: bool


@dataclass(frozen=True, slots=True)
class AccountLookups:
    groups: tuple[Group, ...]
    custom_statuses: tuple[CustomStatus, ...]
    macros: tuple[Macro, ...]
    user_fields: tuple[UserField, ...]
    organization_fields: tuple[UserField, ...]


def parse_tags(text: str) -> list[str]:
    """Extra tags as typed (comma, space or ideographic comma separated), made into tags."""
    tags: list[str] = []
    for word in _TAG_SEPARATORS.split(text):
        tag = campaign_tag(word)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class _TrackingPlainTextEdit(QPlainTextEdit):
    """Remembers that it had focus last, so "Insert placeholder" knows where to insert."""

    def __init__(self, page: ComposePage) -> None:
        super().__init__(page)
        self._page = page

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._page._last_editor = self
        super().focusInEvent(event)


class _TrackingLineEdit(QLineEdit):
    def __init__(self, page: ComposePage) -> None:
        super().__init__(page)
        self._page = page

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._page._last_editor = self
        super().focusInEvent(event)


class _LanguageTab(QWidget):
    """The subject and body for customers of one Zendesk language."""

    def __init__(self, page: ComposePage, language: str) -> None:
        super().__init__(page.text_tabs)
        self.language = language
        self.subject_edit = _TrackingLineEdit(page)
        self.body_edit = _TrackingPlainTextEdit(page)
        self.body_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("ComposePage", "Subject:"), self.subject_edit)
        form.addRow(QCoreApplication.translate("ComposePage", "Message:"), self.body_edit)
        self.subject_edit.textChanged.connect(page._template_edited)
        self.body_edit.textChanged.connect(page._template_edited)

    def text(self) -> tuple[str, str]:
        return self.subject_edit.text().strip(), self.body_edit.toPlainText()


class ComposePage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Write the ticket"))
        self.setSubTitle(
            self.tr(
                "Every selected customer gets one ticket with this content. Placeholders are "
                "replaced with each customer's own details."
            )
        )
        self._name_state = NameState.EMPTY
        self._checked_name = ""
        self._template_error: str | None = None
        self._lookups: AccountLookups | None = None
        self._lookups_failed = False
        self._last_editor: QLineEdit | QPlainTextEdit | None = None
        self._status_keys: dict[str, tuple[TicketStatus, int | None]] = {}

        self._name_timer = QTimer(self)
        self._name_timer.setSingleShot(True)
        self._name_timer.setInterval(NAME_CHECK_DELAY_MS)
        self._name_timer.timeout.connect(self._start_name_check)
        self._template_timer = QTimer(self)
        self._template_timer.setSingleShot(True)
        self._template_timer.setInterval(TEMPLATE_CHECK_DELAY_MS)
        self._template_timer.timeout.connect(self._check_template)

        self._name_call = BackgroundCall(
            None,
            self._name_checked,
            self._name_check_failed,
            parent=self,
            name="campaign-name-check",
        )
        self._lookup_call = BackgroundCall(
            self._load_lookups,
            self._lookups_loaded,
            self._lookups_failed_to_load,
            parent=self,
            name="compose-lookups",
        )
        self._members_call = BackgroundCall(
            None,
            self._members_loaded,
            self._members_failed,
            parent=self,
            name="group-members",
        )

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._build_campaign_box())
        column.addWidget(self._build_message_box(), 1)
        column.addWidget(self._build_fields_box())
        column.addWidget(self._build_frequency_box())
        column.addWidget(self._build_schedule_box())
        column.addWidget(self._build_view_box())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- layout --------------------------------------------------------------------------

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        # Long Japanese or Chinese labels push the field to its own row instead of cutting text.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _note(self, text: str = "") -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_campaign_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Campaign"), self)
        form = self._form(box)
        self.name_edit = QLineEdit(box)
        self.name_edit.setPlaceholderText(self.tr("For example: Renewal November 2026"))
        self.name_edit.textChanged.connect(self._name_edited)
        self.name_status = self._note()
        form.addRow(self.tr("Campaign name:"), self.name_edit)
        form.addRow("", self.name_status)
        return box

    def _build_message_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Message"), self)
        form = self._form(box)
        self.subject_edit = _TrackingLineEdit(self)
        self.subject_edit.textChanged.connect(self._template_edited)

        tools = QHBoxLayout()
        self.markdown_radio = QRadioButton(self.tr("Markdown"), box)
        self.html_radio = QRadioButton(self.tr("HTML"), box)
        self._format_group = QButtonGroup(self)
        self._format_group.addButton(self.markdown_radio)
        self._format_group.addButton(self.html_radio)
        self.markdown_radio.setChecked(True)
        self.markdown_radio.toggled.connect(self._template_edited)
        self.placeholder_button = PlaceholderButton(box)
        self.placeholder_button.placeholder_chosen.connect(self.insert_placeholder)
        tools.addWidget(self.markdown_radio)
        tools.addWidget(self.html_radio)
        tools.addStretch(1)
        tools.addWidget(self.placeholder_button)
        form.addRow(self.tr("Format:"), tools)

        self.body_edit = _TrackingPlainTextEdit(self)
        self.body_edit.setPlaceholderText(
            self.tr("Hello {{user.first_name}},\n\nyour plan renews soon…")
        )
        self.body_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.body_edit.textChanged.connect(self._template_edited)
        # One tab per text: the main one for everybody, and one per added language.
        self.text_tabs = QTabWidget(box)
        self.text_tabs.setTabsClosable(True)
        self.text_tabs.tabCloseRequested.connect(self._remove_language_tab)
        main = QWidget(self.text_tabs)
        main_form = QFormLayout(main)
        main_form.addRow(self.tr("Subject:"), self.subject_edit)
        main_form.addRow(self.tr("Message:"), self.body_edit)
        self.text_tabs.addTab(main, self.tr("Main text (everybody else)"))
        self.text_tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.text_tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        self.language_button = QToolButton(box)
        self.language_button.setText(self.tr("Add a language…"))
        self.language_button.setToolTip(
            self.tr(
                "Write the ticket in another language too: each customer gets the text of "
                "their Zendesk language, everybody else the main text."
            )
        )
        self.language_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._language_menu = QMenu(self.language_button)
        self.language_button.setMenu(self._language_menu)
        for language, title in self._language_choices():
            action = self._language_menu.addAction(f"{title} ({language})")
            action.triggered.connect(lambda _checked=False, code=language: self.add_language(code))
        self.text_tabs.setCornerWidget(self.language_button, Qt.Corner.TopRightCorner)
        self._language_tabs: dict[str, _LanguageTab] = {}
        form.addRow(self.text_tabs)
        self.template_status = self._note()
        self.template_status.hide()
        form.addRow("", self.template_status)

        self.public_radio = QRadioButton(self.tr("Public reply (the customer gets an email)"), box)
        self.internal_radio = QRadioButton(self.tr("Internal note"), box)
        self._visibility_group = QButtonGroup(self)
        self._visibility_group.addButton(self.public_radio)
        self._visibility_group.addButton(self.internal_radio)
        self.public_radio.setChecked(True)
        self.internal_radio.toggled.connect(self._visibility_changed)
        visibility = QVBoxLayout()
        visibility.addWidget(self.public_radio)
        visibility.addWidget(self.internal_radio)
        self.internal_note = self._note(
            self.tr(
                "An internal note is visible to agents only: the customer receives no email "
                "and will not see the message until an agent replies."
            )
        )
        self.internal_note.hide()
        visibility.addWidget(self.internal_note)
        form.addRow(self.tr("Send as:"), visibility)
        return box

    def _build_fields_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ticket fields"), self)
        form = self._form(box)
        self.lookup_status = self._note()
        self.lookup_retry = QPushButton(self.tr("Try again"), box)
        self.lookup_retry.clicked.connect(self._start_lookups)
        self.lookup_retry.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.lookup_status, 1)
        status_row.addWidget(self.lookup_retry)
        form.addRow(status_row)

        self.status_combo = QComboBox(box)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.solved_note = self._note(
            self.tr(
                "A ticket created as solved needs every required ticket field filled in; "
                "otherwise Zendesk refuses it."
            )
        )
        self.solved_note.hide()
        self.priority_combo = QComboBox(box)
        self.priority_combo.addItem(self.tr("(not set)"), None)
        for priority, label in (
            (TicketPriority.LOW, self.tr("Low")),
            (TicketPriority.NORMAL, self.tr("Normal")),
            (TicketPriority.HIGH, self.tr("High")),
            (TicketPriority.URGENT, self.tr("Urgent")),
        ):
            self.priority_combo.addItem(label, priority.value)
        self.type_combo = QComboBox(box)
        self.type_combo.addItem(self.tr("(not set)"), None)
        for ticket_type, label in (
            (TicketType.QUESTION, self.tr("Question")),
            (TicketType.INCIDENT, self.tr("Incident")),
            (TicketType.PROBLEM, self.tr("Problem")),
            (TicketType.TASK, self.tr("Task")),
        ):
            self.type_combo.addItem(label, ticket_type.value)
        self.group_combo = QComboBox(box)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.assignee_combo = QComboBox(box)
        self.assignee_status = self._note()
        self.assignee_status.hide()
        self.tags_edit = QLineEdit(box)
        self.tags_edit.setPlaceholderText(self.tr("For example: renewal, vip"))
        self.tags_edit.textChanged.connect(self._tags_edited)
        self.tags_note = self._note()
        self.macro_combo = QComboBox(box)
        self.macro_note = self._note(
            self.tr(
                "The macro acts after these fields, as when an agent applies it: where both set "
                "a field, the macro wins; its tags are added."
            )
        )
        self.macro_note.hide()
        self.macro_combo.currentIndexChanged.connect(
            lambda _index: self.macro_note.setVisible(self.macro_combo.currentData() is not None)
        )
        for combo in (self.status_combo, self.group_combo, self.assignee_combo, self.macro_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        form.addRow(self.tr("Status:"), self.status_combo)
        form.addRow("", self.solved_note)
        form.addRow(self.tr("Priority:"), self.priority_combo)
        form.addRow(self.tr("Type:"), self.type_combo)
        form.addRow(self.tr("Group:"), self.group_combo)
        form.addRow(self.tr("Assignee:"), self.assignee_combo)
        form.addRow("", self.assignee_status)
        form.addRow(self.tr("Extra tags:"), self.tags_edit)
        form.addRow("", self.tags_note)
        form.addRow(self.tr("Macro:"), self.macro_combo)
        form.addRow("", self.macro_note)
        self._fill_statuses(())
        self._fill_groups(())
        self._fill_macros(())
        return box

    def _build_frequency_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contact frequency"), self)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.frequency_check = QCheckBox(
            self.tr("Skip customers who got a proactive ticket from any campaign in the last"),
            box,
        )
        self.frequency_days = QSpinBox(box)
        self.frequency_days.setRange(1, MAX_CONTACT_DAYS)
        self.frequency_days.setValue(DEFAULT_CONTACT_DAYS)
        self.frequency_days.setSuffix(self.tr(" days"))
        self.frequency_days.setEnabled(False)
        self.frequency_check.toggled.connect(self.frequency_days.setEnabled)
        row.addWidget(self.frequency_check)
        row.addWidget(self.frequency_days)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            self._note(
                self.tr(
                    "Every campaign's tickets carry the tag proactive_campaign. The account is "
                    "checked, so campaigns sent from other computers count too; Preview lists "
                    "who is skipped and by which campaign."
                )
            )
        )
        return box

    def _build_schedule_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Schedule"), self)
        layout = QVBoxLayout(box)
        self.schedule_box = ScheduleBox(box)
        self.schedule_box.changed.connect(self.completeChanged)
        layout.addWidget(self.schedule_box)
        return box

    def _build_view_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("View"), self)
        layout = QVBoxLayout(box)
        self.view_check = QCheckBox(
            self.tr("Create a shared view that lists the campaign's tickets"), box
        )
        self.view_note = self._note()
        layout.addWidget(self.view_check)
        layout.addWidget(self.view_note)
        return box

    # -- wizard hooks --------------------------------------------------------------------

    def initializePage(self) -> None:
        draft = self.draft
        self._set_text_if_changed(self.name_edit, draft.name)
        self._set_text_if_changed(self.subject_edit, draft.subject)
        if self.body_edit.toPlainText() != draft.body:
            self.body_edit.setPlainText(draft.body)
        self.html_radio.setChecked(draft.body_format == BodyFormat.HTML)
        self.markdown_radio.setChecked(draft.body_format != BodyFormat.HTML)
        self.internal_radio.setChecked(not draft.public)
        self.public_radio.setChecked(draft.public)
        self._select_data(self.priority_combo, draft.priority.value if draft.priority else None)
        self._select_data(self.type_combo, draft.ticket_type.value if draft.ticket_type else None)
        self.tags_edit.setText(", ".join(draft.extra_tags))
        self.frequency_check.setChecked(draft.skip_contacted_within_days is not None)
        if draft.skip_contacted_within_days is not None:
            self.frequency_days.setValue(draft.skip_contacted_within_days)
        self.schedule_box.set_schedule(draft.schedule)
        self.placeholder_button.set_fields(
            draft.user_fields, draft.organization_fields, draft.csv_columns
        )
        self._show_translations(draft.translations)
        self._update_view_option()
        if self._lookups is None and not self._lookup_call.is_running:
            self._start_lookups()
        self._name_edited(self.name_edit.text())
        self._check_template()

    def isComplete(self) -> bool:
        return (
            self._name_state == NameState.AVAILABLE
            and self._checked_name == normalise_name(self.name_edit.text())
            and bool(self.subject_edit.text().strip())
            and bool(self.body_edit.toPlainText().strip())
            and all(subject and body.strip() for subject, body in self._translations().values())
            and self._template_error is None
            and self._lookups is not None
            and self.schedule_box.problem() is None
        )

    def validatePage(self) -> bool:
        self._check_template()
        if not self.isComplete():
            return False
        self.store_into_draft()
        return True

    def shutdown(self) -> None:
        self._name_timer.stop()
        self._template_timer.stop()
        for call in (self._name_call, self._lookup_call, self._members_call):
            call.cancel()

    def store_into_draft(self) -> None:
        draft = self.draft
        draft.name = normalise_name(self.name_edit.text())
        draft.subject = self.subject_edit.text().strip()
        draft.body = self.body_edit.toPlainText()
        draft.translations = self._translations()
        draft.body_format = BodyFormat.HTML if self.html_radio.isChecked() else BodyFormat.MARKDOWN
        draft.public = self.public_radio.isChecked()
        draft.status, draft.custom_status_id = self._chosen_status()
        priority = self.priority_combo.currentData()
        draft.priority = TicketPriority(priority) if priority else None
        ticket_type = self.type_combo.currentData()
        draft.ticket_type = TicketType(ticket_type) if ticket_type else None
        draft.group_id = self.group_combo.currentData()
        draft.assignee_id = self.assignee_combo.currentData()
        draft.extra_tags = parse_tags(self.tags_edit.text())
        draft.macro_id = self.macro_combo.currentData()
        draft.skip_contacted_within_days = (
            self.frequency_days.value() if self.frequency_check.isChecked() else None
        )
        draft.create_view = self.view_check.isEnabled() and self.view_check.isChecked()
        draft.schedule = self.schedule_box.schedule()
        if self._lookups is not None:
            # Fields loaded here (a CSV-only campaign skipped the Search page's load).
            if not draft.user_fields:
                draft.user_fields = list(self._lookups.user_fields)
            if not draft.organization_fields:
                draft.organization_fields = list(self._lookups.organization_fields)

    # -- languages -----------------------------------------------------------------------

    def _language_choices(self) -> list[tuple[str, str]]:
        return [
            ("ja", self.tr("Japanese")),
            ("zh-cn", self.tr("Chinese (Simplified)")),
            ("zh-tw", self.tr("Chinese (Traditional)")),
            ("en", self.tr("English")),
            ("ko", self.tr("Korean")),
            ("de", self.tr("German")),
            ("fr", self.tr("French")),
            ("es", self.tr("Spanish")),
            ("pt-br", self.tr("Portuguese (Brazil)")),
        ]

    def add_language(self, language: str, subject: str = "", body: str = "") -> _LanguageTab:
        """Open (or show) the tab of `language`, prefilled with the main text to translate."""
        tab = self._language_tabs.get(language)
        if tab is None:
            tab = _LanguageTab(self, language)
            tab.subject_edit.setText(subject or self.subject_edit.text())
            tab.body_edit.setPlainText(body or self.body_edit.toPlainText())
            self._language_tabs[language] = tab
            titles = dict(self._language_choices())
            self.text_tabs.addTab(tab, f"{titles.get(language, language)} ({language})")
        self.text_tabs.setCurrentWidget(tab)
        self._template_edited()
        return tab

    def _remove_language_tab(self, index: int) -> None:
        widget = self.text_tabs.widget(index)
        if isinstance(widget, _LanguageTab):
            self._language_tabs.pop(widget.language, None)
            self.text_tabs.removeTab(index)
            widget.deleteLater()
            self._template_edited()

    def _show_translations(self, translations: Mapping[str, tuple[str, str]]) -> None:
        for language, (subject, body) in translations.items():
            tab = self._language_tabs.get(language) or self.add_language(language, subject, body)
            if tab.text() != (subject.strip(), body):
                tab.subject_edit.setText(subject)
                tab.body_edit.setPlainText(body)
        self.text_tabs.setCurrentIndex(0)

    def _translations(self) -> dict[str, tuple[str, str]]:
        return {language: tab.text() for language, tab in self._language_tabs.items()}

    # -- placeholders --------------------------------------------------------------------

    def insert_placeholder(self, text: str) -> None:
        editor = self._last_editor or self.body_edit
        editor.insert(text) if isinstance(editor, QLineEdit) else editor.insertPlainText(text)
        editor.setFocus()

    # -- campaign name -------------------------------------------------------------------

    def _name_edited(self, text: str) -> None:
        name = normalise_name(text)
        self._name_timer.stop()
        self._name_call.cancel()
        if not name:
            self._set_name_state(NameState.EMPTY, "")
        elif not campaign_tag(name):
            self._set_name_state(
                NameState.INVALID,
                self.tr("Use at least one letter or digit: the name becomes the tickets' tag."),
            )
        else:
            self._set_name_state(
                NameState.CHECKING,
                self.tr("Tag: {tag} — checking that no other campaign uses it…").format(
                    tag=campaign_tag(name)
                ),
            )
            self._name_timer.start()

    def _start_name_check(self) -> None:
        name = normalise_name(self.name_edit.text())
        if name and campaign_tag(name):
            self._name_call.start(self._check_name_fn(name))

    def _check_name_fn(self, name: str) -> Any:
        services = self.services
        tag = campaign_tag(name)

        def check(task: Task) -> NameCheck:
            with services.open_journal() as journal:
                in_journal = bool(journal.campaigns_with_tag(tag))
            if in_journal:
                return NameCheck(name, taken_by_journal=True, taken_in_account=False)
            with services.client(cancel=task.cancel) as client:
                first_page = next(client.tickets_with_tag(tag, cancel=task.cancel), [])
            return NameCheck(name, taken_by_journal=False, taken_in_account=bool(first_page))

        return check

    def _name_checked(self, result: NameCheck) -> None:
        if result.name != normalise_name(self.name_edit.text()):
            return
        self._checked_name = result.name
        tag = campaign_tag(result.name)
        if result.taken_by_journal:
            self._set_name_state(
                NameState.TAKEN,
                self.tr(
                    "A campaign with the tag {tag} already exists on this computer. Choose "
                    "another name, or open it from the history to resume it."
                ).format(tag=tag),
            )
        elif result.taken_in_account:
            self._set_name_state(
                NameState.TAKEN,
                self.tr(
                    "Tickets in this Zendesk account already carry the tag {tag}. Choose "
                    "another name so the campaign's tickets can be told apart."
                ).format(tag=tag),
            )
        else:
            self._set_name_state(
                NameState.AVAILABLE,
                self.tr("Every ticket will be tagged {tag}.").format(tag=tag),
            )

    def _name_check_failed(self, error: BaseException) -> None:
        self._set_name_state(
            NameState.FAILED,
            self.tr("Could not check the name: {reason} Edit the name to try again.").format(
                reason=error_text(error)
            ),
        )

    def _set_name_state(self, state: NameState, text: str) -> None:
        self._name_state = state
        self.name_status.setText(text)
        error = state in (NameState.TAKEN, NameState.FAILED, NameState.INVALID)
        set_role(self.name_status, MessageRole.ERROR if error else MessageRole.HINT)
        emit(self.completeChanged)

    # -- template ------------------------------------------------------------------------

    def _template_edited(self) -> None:
        self._template_timer.start()
        emit(self.completeChanged)

    def _check_template(self) -> None:
        self._template_timer.stop()
        self.store_into_draft_template_only()
        error: str | None = None
        ticket = self.draft.to_spec().ticket
        columns = self.draft.csv_columns or None
        try:
            compile_ticket(
                ticket, self._user_fields(), self._organization_fields(), row_columns=columns
            )
            compile_translations(
                ticket, self._user_fields(), self._organization_fields(), row_columns=columns
            )
        except ProactiveError as problem:
            error = error_text(problem)
        self._template_error = error
        show_message(self.template_status, error or "", MessageRole.ERROR)
        emit(self.completeChanged)

    def store_into_draft_template_only(self) -> None:
        self.draft.subject = self.subject_edit.text().strip()
        self.draft.body = self.body_edit.toPlainText()
        self.draft.translations = self._translations()
        self.draft.body_format = (
            BodyFormat.HTML if self.html_radio.isChecked() else BodyFormat.MARKDOWN
        )

    def _user_fields(self) -> list[UserField]:
        if self.draft.user_fields:
            return self.draft.user_fields
        return list(self._lookups.user_fields) if self._lookups else []

    def _organization_fields(self) -> list[UserField]:
        if self.draft.organization_fields:
            return self.draft.organization_fields
        return list(self._lookups.organization_fields) if self._lookups else []

    # -- look-ups ------------------------------------------------------------------------

    def _start_lookups(self) -> None:
        self._lookups_failed = False
        self.lookup_retry.hide()
        set_role(self.lookup_status, MessageRole.HINT)
        self.lookup_status.setText(self.tr("Loading the account's statuses, groups and macros…"))
        self.lookup_status.show()
        for combo in (self.status_combo, self.group_combo, self.macro_combo):
            combo.setEnabled(False)
        self._lookup_call.start()

    def _load_lookups(self, task: Task) -> AccountLookups:
        need_fields = not self.draft.user_fields
        with self.services.client(cancel=task.cancel) as client:
            return AccountLookups(
                groups=tuple(client.groups()),
                custom_statuses=tuple(client.custom_statuses()),
                macros=tuple(client.macros()),
                user_fields=tuple(client.user_fields()) if need_fields else (),
                organization_fields=tuple(client.organization_fields()) if need_fields else (),
            )

    def _lookups_loaded(self, lookups: AccountLookups) -> None:
        self._lookups = lookups
        self.lookup_status.hide()
        self._fill_statuses(lookups.custom_statuses)
        self._fill_groups(lookups.groups)
        self._fill_macros(lookups.macros)
        for combo in (self.status_combo, self.group_combo, self.macro_combo):
            combo.setEnabled(True)
        self.placeholder_button.set_fields(
            self._user_fields(), self._organization_fields(), self.draft.csv_columns
        )
        self._check_template()

    def _lookups_failed_to_load(self, error: BaseException) -> None:
        self._lookups_failed = True
        self.lookup_status.setText(
            self.tr("Could not load the account's statuses, groups and macros: {reason}").format(
                reason=error_text(error)
            )
        )
        set_role(self.lookup_status, MessageRole.ERROR)
        self.lookup_retry.show()
        emit(self.completeChanged)

    def _fill_statuses(self, custom_statuses: tuple[CustomStatus, ...] | tuple[()]) -> None:
        combo = self.status_combo
        combo.blockSignals(True)
        combo.clear()
        system = (
            (TicketStatus.NEW, self.tr("New")),
            (TicketStatus.OPEN, self.tr("Open")),
            (TicketStatus.PENDING, self.tr("Pending")),
            (TicketStatus.HOLD, self.tr("On-hold")),
            (TicketStatus.SOLVED, self.tr("Solved")),
        )
        category_label = dict(system)
        self._status_keys = {}
        for status, label in system:
            self._status_keys[status.value] = (status, None)
            combo.addItem(label, status.value)
        # The default custom status of each category is the system status itself.
        active = [status for status in custom_statuses if status.active and not status.default]
        if active:
            combo.insertSeparator(combo.count())
            for custom in active:
                category = TicketStatus(custom.status_category)
                key = f"custom:{custom.id}"
                self._status_keys[key] = (category, custom.id)
                combo.addItem(
                    self.tr("{label} ({category})").format(
                        label=custom.agent_label, category=category_label[category]
                    ),
                    key,
                )
        wanted = (
            f"custom:{self.draft.custom_status_id}"
            if self.draft.custom_status_id is not None
            else self.draft.status.value
        )
        index = combo.findData(wanted)
        combo.setCurrentIndex(index if index >= 0 else combo.findData(TicketStatus.OPEN.value))
        combo.blockSignals(False)
        self._status_changed()

    def _fill_groups(self, groups: tuple[Group, ...] | tuple[()]) -> None:
        combo = self.group_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(not set)"), None)
        for group in groups:
            combo.addItem(group.name, group.id)
        self._select_data(combo, self.draft.group_id)
        combo.blockSignals(False)
        self._group_changed()

    def _fill_macros(self, macros: tuple[Macro, ...] | tuple[()]) -> None:
        combo = self.macro_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(none)"), None)
        for macro in macros:
            if macro.active:
                combo.addItem(macro.title, macro.id)
        self._select_data(combo, self.draft.macro_id)
        combo.blockSignals(False)
        self.macro_note.setVisible(combo.currentData() is not None)

    def _chosen_status(self) -> tuple[TicketStatus, int | None]:
        """The system status (a custom status's category) and the custom status id, if any."""
        return self._status_keys.get(self.status_combo.currentData(), (TicketStatus.OPEN, None))

    def _status_changed(self, _index: int = 0) -> None:
        self.solved_note.setVisible(self._chosen_status()[0] == TicketStatus.SOLVED)

    # -- assignees -----------------------------------------------------------------------

    def _group_changed(self, _index: int = 0) -> None:
        group_id = self.group_combo.currentData()
        combo = self.assignee_combo
        combo.clear()
        combo.addItem(self.tr("(not set)"), None)
        self._members_call.cancel()
        self.assignee_status.hide()
        if group_id is None:
            combo.setEnabled(False)
            combo.setToolTip(self.tr("Choose a group first."))
            return
        combo.setEnabled(False)
        combo.setToolTip("")
        set_role(self.assignee_status, MessageRole.HINT)
        self.assignee_status.setText(self.tr("Loading the group's agents…"))
        self.assignee_status.show()
        self._members_call.start(self._load_members_fn(group_id))

    def _load_members_fn(self, group_id: int) -> Any:
        services = self.services

        def load(task: Task) -> tuple[int, list[Agent]]:
            with services.client(cancel=task.cancel) as client:
                return group_id, client.group_members(group_id)

        return load

    def _members_loaded(self, result: tuple[int, list[Agent]]) -> None:
        group_id, members = result
        if group_id != self.group_combo.currentData():
            return
        combo = self.assignee_combo
        for member in members:
            combo.addItem(member.name, member.id)
        self._select_data(combo, self.draft.assignee_id)
        combo.setEnabled(True)
        self.assignee_status.hide()

    def _members_failed(self, error: BaseException) -> None:
        self.assignee_status.setText(
            self.tr("Could not load the group's agents: {reason}").format(reason=error_text(error))
        )
        set_role(self.assignee_status, MessageRole.ERROR)
        self.assignee_status.show()

    # -- other fields --------------------------------------------------------------------

    def _visibility_changed(self) -> None:
        self.internal_note.setVisible(self.internal_radio.isChecked())

    def _tags_edited(self, text: str) -> None:
        tags = parse_tags(text)
        self.tags_note.setText(
            self.tr("Tags added: {tags}").format(tags=", ".join(tags)) if tags else ""
        )

    def _update_view_option(self) -> None:
        connection = self.services.connection
        may_manage = (
            connection.permissions.can_manage_shared_views
            if connection is not None
            else self.draft.can_manage_shared_views
        )
        if may_manage is False:
            self.view_check.setChecked(False)
            self.view_check.setEnabled(False)
            self.view_note.setText(
                self.tr(
                    "You may not create shared views in this account, so no view will be "
                    "created. The tickets are still created and tagged; an administrator can "
                    "give you the permission to manage shared views."
                )
            )
        else:
            self.view_check.setEnabled(True)
            self.view_check.setChecked(self.draft.create_view)
            self.view_note.setText(
                self.tr(
                    "The view appears in Zendesk under Views, for everyone who can see shared "
                    "views."
                )
            )

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else 0)

    @staticmethod
    def _set_text_if_changed(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)
