"""PreviewPage: the ticket as a chosen customer will see it, and what sending will do.

The engine plans the campaign on a BackgroundCall with the customers the wizard already loaded:
every ticket rendered, every skip explained, the time it will take at the account's measured rate.
Nothing is written and nothing is sent here. This is the commit page: its button says how many
tickets it will create, and after it there is no way back.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.engine import CampaignEngine
from proactive_desktop.core.events import PhaseChanged, ResolveProgress
from proactive_desktop.ui.i18n import error_text, message_text
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.duration import format_duration
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.widgets.reasons import reason_text
from proactive_desktop.ui.widgets.ticket_preview import TicketPreview
from proactive_desktop.ui.workers import (
    BackgroundCall,
    Task,
    emit,
    keep_out_of_full_collections,
)

if TYPE_CHECKING:
    from proactive_desktop.core.engine import CampaignPlan, PlannedRecipient

SPLIT_UNIT = 1000
"""The ticket and the summary share the page 3:2 (QSplitter scales sizes to fit)."""
# How many distinct skip reasons the summary lists before "and N more".
MAX_LISTED_REASONS = 8
MAX_LISTED_NEW = 5
"""New customers named in the summary before "…"."""


class PreviewPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Check before sending"))
        self.setSubTitle(
            self.tr(
                "This is what each customer will receive. Nothing has been sent yet; once you "
                "start sending there is no way back to the earlier pages."
            )
        )
        self.setCommitPage(True)
        self._plan: CampaignPlan | None = None
        self._planned_key: object = None

        self.busy_label = QLabel(self)
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.retry_button = QPushButton(self.tr("Try again"), self)
        self.retry_button.clicked.connect(self._start_planning)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label, 1)
        busy_row.addWidget(self.retry_button)

        # Which customer to look at.
        self.customer_spin = QSpinBox(self)
        self.customer_spin.setMinimum(1)
        self.customer_spin.valueChanged.connect(self._show_customer)
        self.customer_of_label = QLabel(self)
        self.next_skipped_button = QPushButton(self.tr("Next skipped customer"), self)
        self.next_skipped_button.clicked.connect(self.show_next_skipped)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Customer:"), self))
        chooser.addWidget(self.customer_spin)
        chooser.addWidget(self.customer_of_label, 1)
        chooser.addWidget(self.next_skipped_button)
        self.ticket_preview = TicketPreview(self)
        preview_box = QGroupBox(self.tr("The ticket"), self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addLayout(chooser)
        preview_layout.addWidget(self.ticket_preview, 1)

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warnings_label = QLabel(self)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.warnings_label, MessageRole.WARNING)
        self.warnings_label.hide()
        summary_box = QGroupBox(self.tr("Summary"), self)
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.addWidget(self.summary_label)
        summary_layout.addWidget(self.warnings_label)
        summary_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(preview_box)
        splitter.addWidget(summary_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # Stretch factors only share out later growth: without initial sizes the summary starts
        # as narrow as its title, and long Japanese or Chinese lines wrap every few words.
        splitter.setSizes([3 * SPLIT_UNIT, 2 * SPLIT_UNIT])
        splitter.setChildrenCollapsible(False)
        self._content = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(busy_row)
        layout.addWidget(self.busy_bar)
        layout.addWidget(splitter, 1)

        self._plan_call = BackgroundCall(
            None,
            self._planned,
            self._planning_failed,
            on_progress=self._planning_progress,
            parent=self,
            name="campaign-plan",
        )

    # -- wizard hooks --------------------------------------------------------------------

    def initializePage(self) -> None:
        key = (self.draft.to_spec(), frozenset(self.draft.selected_ids))
        if self._plan is not None and key == self._planned_key:
            return
        self._start_planning()

    def cleanupPage(self) -> None:
        # Back to Compose: whatever is planning is for a definition about to change.
        self._plan_call.cancel()

    def isComplete(self) -> bool:
        return self._plan is not None and self._plan.ticket_count > 0

    def shutdown(self) -> None:
        self._plan_call.cancel()

    @property
    def plan(self) -> CampaignPlan | None:
        return self._plan

    # -- planning ------------------------------------------------------------------------

    def _start_planning(self) -> None:
        self._plan = None
        self.draft.plan = None
        spec = self.draft.to_spec()
        self._planned_key = (spec, frozenset(self.draft.selected_ids))
        customers = self.draft.selected_customers()
        organizations = dict(self.draft.organizations)
        csv_import = self.draft.csv_import()
        services = self.services

        def plan(task: Task) -> CampaignPlan:
            client = services.client(cancel=task.cancel)
            with services.open_journal() as journal:
                return CampaignEngine(client, journal).plan(
                    spec,
                    customers=customers,
                    organizations=organizations,
                    on_event=task.report,
                    cancel=task.cancel,
                    csv_import=csv_import,
                )

        self._content.setEnabled(False)
        self.ticket_preview.clear()
        self.summary_label.clear()
        self.warnings_label.clear()
        self.warnings_label.hide()
        self.retry_button.hide()
        set_role(self.busy_label, None)
        self.busy_label.setText(
            self.tr("Preparing the ticket for each of the %n customer(s)…", "", len(customers))
        )
        self.busy_label.show()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.show()
        self._plan_call.start(plan)
        self._update_commit_button()
        emit(self.completeChanged)

    def _planning_progress(self, event: Any) -> None:
        if isinstance(event, ResolveProgress) and event.total:
            self.busy_bar.setRange(0, event.total)
            self.busy_bar.setValue(event.loaded)
        elif isinstance(event, PhaseChanged):
            self.busy_bar.setRange(0, 0)

    def _planned(self, plan: CampaignPlan) -> None:
        self._plan = plan
        keep_out_of_full_collections()  # every rendered ticket: kept until sent
        self.draft.plan = plan
        self.busy_label.hide()
        self.busy_bar.hide()
        self._content.setEnabled(True)
        total = len(plan.recipients)
        self.customer_spin.blockSignals(True)
        self.customer_spin.setRange(1, max(total, 1))
        self.customer_spin.setValue(self._first_ticket_row() + 1)
        self.customer_spin.blockSignals(False)
        self.customer_of_label.setText(self.tr("of %n", "", total))
        self.next_skipped_button.setEnabled(plan.skipped_count > 0)
        self._show_customer(self.customer_spin.value())
        self.summary_label.setText(self._summary_text(plan))
        show_message(self.warnings_label, "\n\n".join(self._warnings(plan)), MessageRole.WARNING)
        self._update_commit_button()
        emit(self.completeChanged)

    def _planning_failed(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.busy_label.setText(
            self.tr("The campaign could not be prepared: {reason}").format(reason=error_text(error))
        )
        set_role(self.busy_label, MessageRole.ERROR)
        self.retry_button.show()
        emit(self.completeChanged)

    def _update_commit_button(self) -> None:
        count = self._plan.ticket_count if self._plan is not None else 0
        text = self.tr("Send %n ticket(s)", "", count) if count else self.tr("Send")
        self.setButtonText(QWizard.WizardButton.CommitButton, text)

    # -- one customer --------------------------------------------------------------------

    def _first_ticket_row(self) -> int:
        plan = self._plan
        if plan is None:
            return 0
        for row, planned in enumerate(plan.recipients):
            if planned.will_send:
                return row
        return 0

    def _show_customer(self, number: int) -> None:
        plan = self._plan
        if plan is None or not plan.recipients:
            self.ticket_preview.clear()
            return
        planned = plan.recipients[number - 1]
        who = self._who(planned)
        if planned.rendered is not None:
            self.ticket_preview.show_ticket(
                who, planned.rendered.subject, planned.rendered.html_body
            )
        elif planned.skip_message is not None:
            self.ticket_preview.show_skipped(who, message_text(planned.skip_message))
        else:
            self.ticket_preview.show_skipped(who, reason_text(planned.skip_text()))

    def show_next_skipped(self) -> None:
        plan = self._plan
        if plan is None:
            return
        total = len(plan.recipients)
        start = self.customer_spin.value()  # the row after the current one (rows are 0-based)
        for step in range(total):
            row = (start + step) % total
            if not plan.recipients[row].will_send:
                self.customer_spin.setValue(row + 1)
                return

    def _who(self, planned: PlannedRecipient) -> str:
        name = planned.name or self.tr("(no name)")
        if planned.email:
            who = self.tr("To: {name} <{email}>").format(name=name, email=planned.email)
        else:
            who = self.tr("To: {name}").format(name=name)
        if planned.new_customer:
            who += "\n" + self.tr("Not in Zendesk yet: created with this ticket.")
        if planned.will_send:
            who += "\n" + (
                self.tr("Text: the translation for {language}").format(language=planned.language)
                if planned.language
                else self.tr("Text: the main text")
            )
        return who

    # -- summary -------------------------------------------------------------------------

    def _summary_text(self, plan: CampaignPlan) -> str:
        lines = [
            self.tr("%n ticket(s) will be created, one per customer.", "", plan.ticket_count),
            self.tr("Campaign tag: {tag}").format(tag=plan.tag),
        ]
        if plan.ticket_count:
            lines.append(
                self.tr("Sending will take {duration} at this account's rate.").format(
                    duration=format_duration(plan.estimated_seconds)
                )
            )
        new_customers = plan.new_customers
        if new_customers:
            shown = ", ".join(each.email or "" for each in new_customers[:MAX_LISTED_NEW])
            if len(new_customers) > MAX_LISTED_NEW:
                shown += ", …"
            lines.append(
                self.tr(
                    "%n of them are not in Zendesk yet and will be created with their ticket: "
                    "{emails}",
                    "",
                    len(new_customers),
                ).format(emails=shown)
            )
        languages = Counter(each.language for each in plan.recipients if each.will_send)
        if languages and (len(languages) > 1 or None not in languages):
            parts = [
                self.tr("{language}: %n", "", count).format(language=language)
                if language
                else self.tr("main text: %n", "", count)
                for language, count in sorted(languages.items(), key=lambda item: item[0] or "")
            ]
            lines.append(self.tr("Texts by language: {parts}").format(parts=", ".join(parts)))
        if plan.skipped_count:
            lines.append("")
            lines.append(self.tr("%n customer(s) will be skipped:", "", plan.skipped_count))
            reasons = Counter(
                planned.skip_text() for planned in plan.recipients if planned.rendered is None
            )
            for reason, count in reasons.most_common(MAX_LISTED_REASONS):
                lines.append(
                    self.tr("• {reason} (%n)", "", count).format(reason=reason_text(reason))
                )
            hidden = len(reasons) - MAX_LISTED_REASONS
            if hidden > 0:
                lines.append(self.tr("• and %n other reason(s)", "", hidden))
        return "\n".join(lines)

    @staticmethod
    def _warnings(plan: CampaignPlan) -> list[str]:
        # The engine decides what deserves a warning (internal notes, solved without required
        # fields, above 1,000 tickets, macro updates); the page words them in the user's language.
        return [message_text(warning.message) for warning in plan.warnings]
