"""Search page: find the segment — a search, a CSV list, or both — and load every customer.

The user types free text and fills field filters built from the account's own custom user fields
(drop-down fields become combo boxes); the page composes the Zendesk query and shows it. Loading
runs `core.search.load_segment` on a BackgroundCall with a progress bar, a count and Cancel — the
whole segment, not 1,000. "Import CSV…" matches a list of emails or ids to users on a worker and
lists the rows that matched nobody, with the reason. Search and CSV results are united.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.csv_list import import_report
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import (
    Customer,
    Organization,
    OrganizationId,
    UserField,
    UserId,
)
from proactive_desktop.core.recipients import CsvMatch, match_csv
from proactive_desktop.core.search import load_segment
from proactive_desktop.ui.i18n import error_text, message_text
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.workers import BackgroundCall, Task, emit, keep_out_of_full_collections

log = logging.getLogger(__name__)

_NEEDS_QUOTES = re.compile(r"""[\s:"()]""")
_TAG_SEPARATORS = re.compile(r"[\s,、，]+")
_DROPDOWN_TYPES = frozenset({"dropdown", "tagger"})
_CHECKBOX_TYPE = "checkbox"


def quote_term(value: str) -> str:
    """A value as Zendesk search expects it: quoted (exact phrase) when it has spaces."""
    value = value.strip().replace('"', "")
    return f'"{value}"' if _NEEDS_QUOTES.search(value) else value


def compose_query(
    text: str,
    *,
    name: str = "",
    email: str = "",
    organization: str = "",
    tags: str = "",
    fields: Mapping[str, str] | None = None,
) -> str:
    """The Zendesk user search for the page's inputs (docs/ZENDESK.md, "Finding customers")."""
    terms: list[str] = []
    if text.strip():
        terms.append(text.strip())
    if name.strip():
        terms.append(f"name:{quote_term(name)}")
    if email.strip():
        terms.append(f"email:{quote_term(email)}")
    if organization.strip():
        terms.append(f"organization:{quote_term(organization)}")
    terms.extend(f"tags:{quote_term(tag)}" for tag in _TAG_SEPARATORS.split(tags) if tag)
    for key, value in (fields or {}).items():
        if value.strip():
            terms.append(f"{key}:{quote_term(value)}")
    return " ".join(terms)


@dataclass
class _Found:
    """What one search or CSV import produced: customers (no staff), their organizations."""

    customers: list[Customer] = field(default_factory=list)
    organizations: dict[OrganizationId, Organization] = field(default_factory=dict)
    staff_left_out: int = 0
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    matched: CsvMatch | None = None
    """The CSV import's own result (columns, rows, what the file held)."""


def _without_staff(
    customers: Sequence[Customer], organizations: Mapping[OrganizationId, Organization]
) -> _Found:
    # Campaigns target end-users (CLI.md include_staff = false); suspended users never appear.
    kept = [each for each in customers if not each.is_staff and not each.suspended]
    return _Found(kept, dict(organizations), len(customers) - len(kept))


class SearchPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Find your customers"))
        self.setSubTitle(
            self.tr(
                "Search your customers, filter by organization, tags or your own customer "
                "fields, or import a list. Every matching customer is loaded, however many."
            )
        )
        self._search: _Found | None = None
        self._search_query = ""
        self._csv: _Found | None = None
        self._fields_loaded = False
        self._field_inputs: dict[str, QLineEdit | QComboBox] = {}

        filters_area = self._build_search_inputs()
        buttons = self._build_buttons()
        self._build_results()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Search:")))
        layout.addWidget(self.text_edit)
        layout.addWidget(filters_area, 1)
        layout.addWidget(self.query_label)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.csv_report_label)
        layout.addWidget(self.create_missing_check)
        layout.addWidget(self.unmatched_label)
        layout.addWidget(self.unmatched_list, 1)
        layout.addStretch(0)

        self._build_calls()
        for edit in (
            self.text_edit,
            self.name_edit,
            self.email_edit,
            self.organization_edit,
            self.tags_edit,
        ):
            edit.textChanged.connect(self._inputs_changed)
            edit.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.csv_button.clicked.connect(self.choose_csv)
        self.cancel_button.clicked.connect(self.cancel_loading)
        self._inputs_changed()

    def _build_search_inputs(self) -> QScrollArea:
        """The free-text search and the filters (the account's own fields among them)."""
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(
            self.tr('Words to find in any customer field; "quoted words" match exactly')
        )
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.organization_edit = QLineEdit()
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("vip renewal"))

        filters = QGroupBox(self.tr("Filters"))
        self.filter_form = QFormLayout(filters)
        self.filter_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.filter_form.addRow(self.tr("Name:"), self.name_edit)
        self.filter_form.addRow(self.tr("Email:"), self.email_edit)
        self.filter_form.addRow(self.tr("Organization:"), self.organization_edit)
        self.filter_form.addRow(self.tr("Tags:"), self.tags_edit)
        self.fields_label = QLabel(self.tr("Loading your account's customer fields…"))
        self.fields_label.setWordWrap(True)
        self.fields_label.setProperty("role", "hint")
        self.filter_form.addRow(self.fields_label)
        # An account may have dozens of customer fields: they scroll instead of making the
        # window taller than the screen.
        filters_area = QScrollArea()
        filters_area.setWidget(filters)
        filters_area.setWidgetResizable(True)
        filters_area.setFrameShape(QFrame.Shape.NoFrame)
        filters_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.query_label = QLabel()
        self.query_label.setWordWrap(True)
        self.query_label.setTextFormat(Qt.TextFormat.PlainText)
        self.query_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return filters_area

    def _build_buttons(self) -> QHBoxLayout:
        """Search, import a CSV list, cancel loading."""
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.csv_button = QPushButton(self.tr("Import CSV…"))
        self.csv_button.setToolTip(
            self.tr("A file with a column named email or id, as Excel saves it.")
        )
        self.cancel_button = QPushButton(self.tr("Cancel loading"))
        self.cancel_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        return buttons

    def _build_results(self) -> None:
        """Progress, what was found, errors, and the CSV rows that matched nobody."""
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setProperty("role", "result")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setProperty("role", "error")
        self.error_label.setVisible(False)
        self.unmatched_label = QLabel()
        self.unmatched_label.setWordWrap(True)
        self.unmatched_label.setVisible(False)
        self.unmatched_list = QListWidget()
        self.unmatched_list.setVisible(False)
        self.csv_report_label = QLabel()
        self.csv_report_label.setWordWrap(True)
        self.csv_report_label.setVisible(False)
        self.create_missing_check = QCheckBox()
        self.create_missing_check.setVisible(False)
        self.create_missing_check.setToolTip(
            self.tr(
                "Zendesk creates each of these people as a customer, named from the list's "
                '"name" column, together with their ticket.'
            )
        )
        self.create_missing_check.toggled.connect(self._create_missing_toggled)

    def _build_calls(self) -> None:
        """The background calls that load the account's fields, a segment and a CSV list."""
        self._fields_call = BackgroundCall(
            None, self._fields_loaded_ok, self._fields_failed, parent=self, name="user-fields"
        )
        self._load_call = BackgroundCall(
            None,
            self._search_loaded,
            self._load_failed,
            on_progress=self._show_progress,
            parent=self,
            name="segment",
        )
        self._csv_call = BackgroundCall(
            None,
            self._csv_loaded,
            self._load_failed,
            on_progress=self._show_progress,
            parent=self,
            name="csv",
        )
        for call in (self._load_call, self._csv_call):
            call.running_changed.connect(self._update_busy)

    # -- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        if not self._fields_loaded and not self._fields_call.is_running:
            services = self.services

            def run(task: Task) -> tuple[list[UserField], list[UserField]]:
                with services.client(cancel=task.cancel) as client:
                    return client.user_fields(), client.organization_fields()

            self._fields_call.start(run)

    def isComplete(self) -> bool:
        if self._is_busy():
            return False
        search_is_current = self._search is not None and self._search_query == self.query()
        has_customers = bool(self.draft.customers)
        return has_customers and (search_is_current or self._search is None)

    def cleanupPage(self) -> None:
        self.cancel_loading()

    def shutdown(self) -> None:
        for call in (self._fields_call, self._load_call, self._csv_call):
            call.cancel()

    # -- the query ------------------------------------------------------------------------

    def query(self) -> str:
        values: dict[str, str] = {}
        for key, widget in self._field_inputs.items():
            if isinstance(widget, QComboBox):
                values[key] = str(widget.currentData() or "")
            else:
                values[key] = widget.text()
        return compose_query(
            self.text_edit.text(),
            name=self.name_edit.text(),
            email=self.email_edit.text(),
            organization=self.organization_edit.text(),
            tags=self.tags_edit.text(),
            fields=values,
        )

    @Slot()
    def _inputs_changed(self) -> None:
        query = self.query()
        if query:
            self.query_label.setText(self.tr("Zendesk search: {query}").format(query=query))
        else:
            self.query_label.setText(
                self.tr("Type a search or choose a filter, or import a CSV list.")
            )
        self.search_button.setEnabled(bool(query) and not self._is_busy())
        if self._search is not None and query != self._search_query:
            self.status_label.setText(
                self.tr("The search has changed: press Search to load its customers.")
            )
        emit(self.completeChanged)

    # -- custom fields ----------------------------------------------------------------------

    def _fields_loaded_ok(self, result: tuple[list[UserField], list[UserField]]) -> None:
        user_fields, organization_fields = result
        self._fields_loaded = True
        self.draft.user_fields = list(user_fields)
        self.draft.organization_fields = list(organization_fields)
        self.fields_label.setVisible(False)
        for each in user_fields:
            if not each.active:
                continue
            widget = self._field_widget(each)
            self._field_inputs[each.key] = widget
            self.filter_form.addRow(self.tr("{title}:").format(title=each.title), widget)

    def _field_widget(self, user_field: UserField) -> QLineEdit | QComboBox:
        if user_field.type in _DROPDOWN_TYPES and user_field.options:
            combo = QComboBox()
            combo.addItem(self.tr("Any"), "")
            for option in user_field.options:
                combo.addItem(option.name, option.value)
            combo.currentIndexChanged.connect(self._inputs_changed)
            return combo
        if user_field.type == _CHECKBOX_TYPE:
            combo = QComboBox()
            combo.addItem(self.tr("Any"), "")
            combo.addItem(self.tr("Ticked"), "true")
            combo.addItem(self.tr("Not ticked"), "false")
            combo.currentIndexChanged.connect(self._inputs_changed)
            return combo
        edit = QLineEdit()
        edit.textChanged.connect(self._inputs_changed)
        edit.returnPressed.connect(self.search)
        return edit

    def _fields_failed(self, error: BaseException) -> None:
        self.fields_label.setText(
            self.tr(
                "Your account's customer fields could not be loaded ({reason}). You can still "
                "search by text, organization and tags."
            ).format(reason=error_text(error))
        )

    # -- loading ------------------------------------------------------------------------------

    @Slot()
    def search(self) -> None:
        query = self.query()
        if not query or self._is_busy():
            return
        self._show_error(None)
        self.status_label.setText(self.tr("Searching…"))
        self._begin_progress()
        services = self.services

        def run(task: Task) -> tuple[str, _Found]:
            with services.client(cancel=task.cancel) as client:
                segment = load_segment(
                    client,
                    query,
                    on_progress=lambda loaded, total: task.report((loaded, total)),
                    cancel=task.cancel,
                )
            return query, _without_staff(segment.customers, segment.organizations)

        self._load_call.start(run)

    @Slot()
    def choose_csv(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a customer list"),
            str(Path.home()),
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path) -> None:
        """Match the file's emails and ids to users, on a worker."""
        if self._is_busy():
            return
        self._show_error(None)
        self.status_label.setText(
            self.tr("Matching the customers of {file}…").format(file=path.name)
        )
        self._begin_progress()
        services = self.services

        def run(task: Task) -> tuple[Path, _Found]:
            with services.client(cancel=task.cancel) as client:
                matched = match_csv(
                    path,
                    client,
                    on_progress=lambda done, total: task.report((done, total)),
                    cancel=task.cancel,
                    seconds_per_request=60.0 / max(client.governor.budget_per_minute, 1.0),
                )
            found = _without_staff(matched.customers, matched.organizations)
            found.unmatched = list(matched.unmatched)
            found.matched = matched
            return path, found

        self._csv_call.start(run)

    @Slot()
    def cancel_loading(self) -> None:
        was_busy = self._is_busy()
        self._load_call.cancel()
        self._csv_call.cancel()
        if was_busy:
            self.progress_bar.setVisible(False)
            self.status_label.setText(self.tr("Loading cancelled. Nothing was changed."))

    def _begin_progress(self) -> None:
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)

    def _show_progress(self, progress: tuple[int, int | None]) -> None:
        loaded, total = progress
        locale = QLocale()
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(loaded, total))
            self.status_label.setText(
                self.tr("Loaded {loaded} of {total} customers…").format(
                    loaded=locale.toString(loaded), total=locale.toString(total)
                )
            )
        else:
            self.progress_bar.setRange(0, 0)
            self.status_label.setText(
                self.tr("Loaded {loaded} customers…").format(loaded=locale.toString(loaded))
            )

    def _search_loaded(self, result: tuple[str, _Found]) -> None:
        query, found = result
        self._search = found
        self._search_query = query
        self.draft.query = query
        self._results_changed()

    def _csv_loaded(self, result: tuple[Path, _Found]) -> None:
        path, found = result
        self._csv = found
        self.draft.csv_path = path
        self.draft.csv_skipped = list(found.unmatched)
        matched = found.matched
        if matched is not None:
            self.draft.csv_columns = matched.csv_list.columns
            self.draft.csv_rows = dict(matched.rows)
            self.draft.csv_unknown = list(matched.unknown_emails)
            report = import_report(matched.csv_list, len(matched.unknown_emails))
            self.csv_report_label.setText("\n".join(message_text(each) for each in report))
            self.csv_report_label.setVisible(True)
            unknown = len(matched.unknown_emails)
            self.create_missing_check.setText(
                self.tr(
                    "Create the %n person(s) of the list who are not in Zendesk yet, with "
                    "their ticket",
                    "",
                    unknown,
                )
            )
            self.create_missing_check.setChecked(self.draft.create_missing and unknown > 0)
            self.create_missing_check.setVisible(unknown > 0)
        self._results_changed()

    @Slot(bool)
    def _create_missing_toggled(self, checked: bool) -> None:
        self.draft.create_missing = checked

    def _load_failed(self, error: BaseException) -> None:
        self.progress_bar.setVisible(False)
        self.status_label.clear()
        self._show_error(error_text(error))

    def _results_changed(self) -> None:
        """Unite the search and the CSV list into the draft; every customer starts ticked."""
        self.progress_bar.setVisible(False)
        keep_out_of_full_collections()  # a whole segment: long-lived
        customers: dict[UserId, Customer] = {}
        organizations: dict[OrganizationId, Organization] = {}
        staff_left_out = 0
        for found in (self._search, self._csv):
            if found is None:
                continue
            for customer in found.customers:
                customers.setdefault(customer.id, customer)
            organizations.update(found.organizations)
            staff_left_out += found.staff_left_out
        self.draft.customers = list(customers.values())
        self.draft.organizations = organizations
        self.draft.selected_ids = set(customers)
        count = len(customers)
        lines = [self.tr("%n customer(s) found.", "", count)]
        if staff_left_out:
            lines.append(
                self.tr(
                    "%n agent(s) or administrator(s) were left out: campaigns are for customers.",
                    "",
                    staff_left_out,
                )
            )
        self.result_label.setText("\n".join(lines))
        self.status_label.clear()
        unmatched = self._csv.unmatched if self._csv is not None else []
        self.unmatched_list.clear()
        for row, reason in unmatched:
            self.unmatched_list.addItem(self.tr("{row}: {reason}").format(row=row, reason=reason))
        self.unmatched_label.setText(
            self.tr(
                "%n row(s) of the CSV file matched no customer and will be skipped:",
                "",
                len(unmatched),
            )
        )
        self.unmatched_label.setVisible(bool(unmatched))
        self.unmatched_list.setVisible(bool(unmatched))
        if count == 0:
            self.status_label.setText(
                self.tr("No customer matches. Try fewer filters or other words.")
            )
        emit(self.completeChanged)

    # -- state --------------------------------------------------------------------------------

    def _is_busy(self) -> bool:
        return self._load_call.is_running or self._csv_call.is_running

    @Slot(bool)
    def _update_busy(self, _running: bool) -> None:
        is_busy = self._is_busy()
        self.cancel_button.setVisible(is_busy)
        self.csv_button.setEnabled(not is_busy)
        self.search_button.setEnabled(not is_busy and bool(self.query()))
        if not is_busy:
            self.progress_bar.setVisible(False)
        emit(self.completeChanged)

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))
