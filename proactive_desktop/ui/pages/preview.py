"""PreviewPage: the ticket as a chosen customer will see it, and what sending will do.

The engine plans the campaign on a BackgroundCall with the customers the wizard already loaded:
every ticket rendered, every skip explained, the time it will take at the account's measured rate.
Beside the ticket, the pre-flight: every property the tickets will get (after the macro), the
account's triggers that will or may act on them, and "Send me a test" — one test ticket to the
admin, outside the campaign. Nothing of the campaign is written or sent here. This is the commit
page: its button says how many tickets it will create, and after it there is no way back.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from proactive_desktop.core import campaigns
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.events import PhaseChanged, ResolveProgress
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.preflight import TicketProperties, describe_tickets
from proactive_desktop.core.sample_ticket import CreatedTestTicket
from proactive_desktop.core.triggers import TriggerEffect
from proactive_desktop.ui.i18n import error_text, message_text
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.duration import format_duration
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.widgets.reasons import reason_text
from proactive_desktop.ui.widgets.schedule_text import schedule_text
from proactive_desktop.ui.widgets.ticket_preview import TicketPreview
from proactive_desktop.ui.workers import (
    BackgroundCall,
    Task,
    emit,
    keep_out_of_full_collections,
)

if TYPE_CHECKING:
    from proactive_desktop.core.engine import CampaignPlan, PlannedRecipient


@dataclass(frozen=True, slots=True)
class PreviewFacts:
    """What the planning call brings back: the plan and what every ticket will be."""

    plan: CampaignPlan
    properties: TicketProperties | None


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
        summary_layout.addWidget(self._build_properties_box())
        summary_layout.addWidget(self._build_triggers_box())
        summary_layout.addWidget(self._build_test_box())
        summary_layout.addStretch(1)
        self.summary_scroll = QScrollArea(self)
        self.summary_scroll.setWidgetResizable(True)
        self.summary_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary_scroll.setWidget(summary_box)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(preview_box)
        splitter.addWidget(self.summary_scroll)
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
        self._test_call = BackgroundCall(
            None, self._test_sent, self._test_failed, parent=self, name="test-ticket"
        )

    # -- layout --------------------------------------------------------------------------

    def _value_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_properties_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Every ticket"), self)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.property_labels: dict[str, QLabel] = {}
        rows = [
            ("status", self.tr("Status:")),
            ("priority", self.tr("Priority:")),
            ("type", self.tr("Type:")),
            ("group", self.tr("Group:")),
            ("assignee", self.tr("Assignee:")),
            ("visibility", self.tr("Sent as:")),
            ("tags", self.tr("Tags:")),
            ("macro", self.tr("Macro:")),
            ("view", self.tr("View:")),
            ("frequency", self.tr("Contact frequency:")),
            ("schedule", self.tr("Schedule:")),
        ]
        for key, title in rows:
            label = self._value_label()
            label.setObjectName(f"property_{key}")
            self.property_labels[key] = label
            form.addRow(title, label)
        return box

    def _build_triggers_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Triggers in your account"), self)
        layout = QVBoxLayout(box)
        self.triggers_label = self._value_label()
        layout.addWidget(self.triggers_label)
        return box

    def _build_test_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Send me a test"), self)
        layout = QVBoxLayout(box)
        explanation = self._value_label()
        explanation.setText(
            self.tr(
                "One ticket exactly as the customer shown on the left will get it, to you. It "
                "is tagged proactive_campaign_test and is not part of the campaign. Zendesk "
                "does not email agents about tickets they opened for themselves: type your own "
                "address to receive the email."
            )
        )
        self.test_address_edit = QLineEdit(self)
        self.test_address_edit.setPlaceholderText(self.tr("Your address (empty: you as the agent)"))
        self.test_address_edit.setText(self.services.settings.test_ticket_address or "")
        self.test_button = QPushButton(self.tr("Send me a test"), self)
        self.test_button.clicked.connect(self.send_test)
        row = QHBoxLayout()
        row.addWidget(self.test_address_edit, 1)
        row.addWidget(self.test_button)
        self.test_status = QLabel(self)
        self.test_status.setWordWrap(True)
        self.test_status.setOpenExternalLinks(True)
        self.test_status.hide()
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.test_status)
        return box

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
        self._test_call.cancel()

    def save_settings(self) -> None:
        self.services.settings.test_ticket_address = self.test_address_edit.text().strip() or None

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

        def plan(task: Task) -> PreviewFacts:
            connection = services.connection
            if connection is None:
                raise RuntimeError("the Connect page verifies the account before the Preview")
            # On the session's verified connection: the account the campaign will be sent to.
            with campaigns.open_account(
                services.workspace(), connection.base_url, connection.email, cancel=task.cancel
            ) as session:
                planned = campaigns.plan(
                    session,
                    spec,
                    customers=customers,
                    organizations=organizations,
                    csv_import=csv_import,
                    with_triggers=True,
                    on_event=task.report,
                    cancel=task.cancel,
                )
                return PreviewFacts(planned, describe_tickets(planned, session.client))

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

    def _planned(self, facts: PreviewFacts) -> None:
        plan = facts.plan
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
        self._show_properties(facts.properties)
        self.property_labels["schedule"].setText(
            schedule_text(plan.spec.schedule, plan.first_due, plan.finishes_at)
        )
        self.triggers_label.setText(self._triggers_text(plan))
        self.test_button.setEnabled(plan.ticket_count > 0)
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

    # -- the pre-flight ------------------------------------------------------------------

    def _show_properties(self, properties: TicketProperties | None) -> None:
        none = self.tr("(none)")
        if properties is None:
            for label in self.property_labels.values():
                label.setText(none)
            return
        values = {
            "status": properties.custom_status or _name(_STATUS_NAMES, properties.status, none),
            "priority": _name(_PRIORITY_NAMES, properties.priority, none),
            "type": _name(_TYPE_NAMES, properties.ticket_type, none),
            "group": properties.group or none,
            "assignee": properties.assignee or none,
            "visibility": self.tr("Public reply: the customer is emailed")
            if properties.public
            else self.tr("Internal note: the customer is not emailed"),
            "tags": ", ".join(properties.tags),
            "macro": self._macro_text(properties),
            "view": self.tr("A shared view of the campaign's tickets is created")
            if properties.creates_view
            else self.tr("No view"),
            "frequency": self._frequency_text(properties),
        }
        for key, text in values.items():
            self.property_labels[key].setText(text)

    def _macro_text(self, properties: TicketProperties) -> str:
        if properties.macro is None:
            return self.tr("(none)")
        if not properties.macro_changes:
            return properties.macro
        return self.tr("{macro} — changes: {fields}").format(
            macro=properties.macro, fields=", ".join(properties.macro_changes)
        )

    def _frequency_text(self, properties: TicketProperties) -> str:
        days = properties.skip_contacted_within_days
        if days is None:
            return self.tr("Not limited: customers contacted recently get a ticket too")
        return self.tr(
            "Skips customers contacted by any campaign in the last {days} days: %n skipped",
            "",
            properties.contacted_skips,
        ).format(days=days)

    def _triggers_text(self, plan: CampaignPlan) -> str:
        if plan.triggers is None:
            return self.tr("The account's triggers could not be read.")
        if not plan.triggers:
            return self.tr("None of the account's active triggers acts on these tickets.")
        lines = []
        for finding in sorted(plan.triggers, key=lambda each: not each.emails_requester):
            if finding.acts is TriggerEffect.WILL:
                head = self.tr("Will act")
            else:
                head = self.tr("May act (depends on {fields})").format(
                    fields=", ".join(finding.undecided)
                )
            mail = self.tr(" — emails the customer") if finding.emails_requester else ""
            lines.append(f"• {head}{mail}: {finding.title}")
        return "\n".join(lines)

    # -- the test ticket -----------------------------------------------------------------

    def send_test(self) -> None:
        plan = self._plan
        if plan is None or self._test_call.is_running:
            return
        planned = plan.recipients[self.customer_spin.value() - 1]
        if not planned.will_send:
            show_message(
                self.test_status,
                self.tr("This customer gets no ticket: choose one who does."),
                MessageRole.WARNING,
            )
            return
        address = self.test_address_edit.text().strip() or None
        workspace = self.services.workspace()
        spec = plan.spec

        def send(task: Task) -> CreatedTestTicket:
            return campaigns.send_test(
                workspace,
                spec,
                plan,
                customer_id=planned.user_id,
                to_email=address,
                cancel=task.cancel,
            )

        self.test_button.setEnabled(False)
        show_message(self.test_status, self.tr("Sending the test ticket…"), MessageRole.INFO)
        self._test_call.start(send)

    def _test_sent(self, created: CreatedTestTicket) -> None:
        self.test_button.setEnabled(True)
        self.services.settings.test_ticket_address = self.test_address_edit.text().strip() or None
        link = f'<a href="{html.escape(created.ticket_url)}">#{created.ticket_id}</a>'
        text = self.tr("Test ticket {link} created for {address}.").format(
            link=link, address=html.escape(created.requester)
        )
        self.test_status.setTextFormat(Qt.TextFormat.RichText)
        show_message(self.test_status, text, MessageRole.SUCCESS)

    def _test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_status.setTextFormat(Qt.TextFormat.PlainText)
        show_message(
            self.test_status,
            self.tr("The test ticket was not created: {reason}").format(reason=error_text(error)),
            MessageRole.ERROR,
        )


def _name(names: dict[str, str], value: str | None, none: str) -> str:
    """A field value's name in the user's language (marked below for translation)."""
    if value is None:
        return none
    source = names.get(value)
    return message_text(Message("PreviewPage", source)) if source else value


_STATUS_NAMES = {
    "new": QT_TRANSLATE_NOOP("PreviewPage", "New"),
    "open": QT_TRANSLATE_NOOP("PreviewPage", "Open"),
    "pending": QT_TRANSLATE_NOOP("PreviewPage", "Pending"),
    "hold": QT_TRANSLATE_NOOP("PreviewPage", "On-hold"),
    "solved": QT_TRANSLATE_NOOP("PreviewPage", "Solved"),
}
_PRIORITY_NAMES = {
    "low": QT_TRANSLATE_NOOP("PreviewPage", "Low"),
    "normal": QT_TRANSLATE_NOOP("PreviewPage", "Normal"),
    "high": QT_TRANSLATE_NOOP("PreviewPage", "High"),
    "urgent": QT_TRANSLATE_NOOP("PreviewPage", "Urgent"),
}
_TYPE_NAMES = {
    "problem": QT_TRANSLATE_NOOP("PreviewPage", "Problem"),
    "incident": QT_TRANSLATE_NOOP("PreviewPage", "Incident"),
    "question": QT_TRANSLATE_NOOP("PreviewPage", "Question"),
    "task": QT_TRANSLATE_NOOP("PreviewPage", "Task"),
}
