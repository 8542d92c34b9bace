"""CampaignEngine: resolve → render → journal → send → reconcile → view → summary.

The one engine behind the wizard and the command line (docs/ARCHITECTURE.md), which reach it
through the use-case layer (core/campaigns.py): it gets its client and journal as arguments, reports
through a plain `on_event` callback and stops when a `threading.Event` is set. It never imports Qt
and never knows about threads or windows.

- `plan()` resolves the recipients (or takes the wizard's already-loaded customers), checks the
  definition against the account (placeholders, group, assignee, custom status, macro, name),
  renders every ticket and estimates the time. It writes nothing: a dry run is a plan.
- `send()` writes the campaign and every customer to the journal in one transaction, then sends
  (`core.sending`). For a name already in the journal it resumes instead, and refuses a
  different definition.
- `resume()` continues a journaled campaign (optionally resetting failed customers first);
  `summary()` reads the journal only.

Cancelling returns a summary whose state is `stopped`. A stop the engine cannot ride out (wrong
credentials, no permission, an outage longer than the tuning allows) marks the campaign stopped and
re-raises the error; the campaign resumes on the next `send`/`resume`. For Cancel to interrupt a
wait inside the client (a long Retry-After), give the ZendeskClient the same Event as `cancel`.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

from proactive_desktop.core import payload as payloads
from proactive_desktop.core.campaign_file import definition_dict, definition_differences
from proactive_desktop.core.csv_list import CsvEntry, CsvList, read_csv
from proactive_desktop.core.errors import (
    CampaignClaimedError,
    CampaignFileError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    ValidationError,
    ZendeskError,
)
from proactive_desktop.core.events import (
    CustomerOutcome,
    CustomerUpdated,
    MatchingPlanned,
    OnEvent,
    Phase,
    PhaseChanged,
    ProgressCounts,
    ResolveProgress,
    SendProgress,
    Waiting,
    guarded,
    ignore_events,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.journal import (
    CampaignBusyError,
    CampaignRecord,
    Journal,
    NewCustomer,
    canonical_json,
)
from proactive_desktop.core.models import (
    CampaignSpec,
    CampaignState,
    Customer,
    CustomerStatus,
    Organization,
    OrganizationId,
    ScheduleSpec,
    TicketStatus,
    UserId,
    choose_language,
    normalise_name,
)
from proactive_desktop.core.rate import WaitNotice
from proactive_desktop.core.recipients import (
    MatchingPlan,
    Recipient,
    csv_path,
    resolve_recipients,
)
from proactive_desktop.core.render import (
    Rendered,
    Skip,
    TicketTemplate,
    compile_ticket,
    compile_translations,
)
from proactive_desktop.core.schedule import (
    SYSTEM_CLOCK,
    Clock,
    SendGate,
    forecast_finish,
    next_due,
    schedule_of,
)
from proactive_desktop.core.sending import (
    CampaignSender,
    SendTuning,
    estimate_seconds,
    outcome_of,
)
from proactive_desktop.core.triggers import Creator, TriggerFinding, check_triggers
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import MacroChanges
from proactive_desktop.core.zones import customer_zone, iana_zone

__all__ = [
    "LARGE_CAMPAIGN",
    "CampaignEngine",
    "CampaignPlan",
    "CampaignSummary",
    "CustomerOutcome",
    "CustomerUpdated",
    "OnEvent",
    "Phase",
    "PhaseChanged",
    "PlanWarning",
    "PlannedRecipient",
    "ProgressCounts",
    "ResolveProgress",
    "SendProgress",
    "SendTuning",
    "UnknownCampaignError",
    "ViewErrorKind",
    "Waiting",
    "WarningKind",
    "campaign_summary",
    "estimate_seconds",
    "find_campaign",
    "journal_summary",
]

log = logging.getLogger(__name__)

LARGE_CAMPAIGN: Final = 1000
"""Above this many tickets the wizard warns (team capacity, spam), as the original app advised."""

CONTEXT: Final = "Engine"

NEW_CUSTOMER_ID: Final = UserId(0)
"""The id placeholders see for a customer the ticket will create (`{{user.id}}` is empty)."""


@dataclass(frozen=True, slots=True)
class CsvImport:
    """The wizard's imported CSV list, as the plan needs it."""

    columns: tuple[str, ...]
    """The header's column names (for `{{row.COLUMN}}`)."""
    rows: Mapping[int, Mapping[str, str]]
    """User id → the cells of their first row."""
    new_customers: tuple[CsvEntry, ...] = ()
    """Rows whose email matched no user, to be created with their ticket."""


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedRecipient:
    """One customer of a plan: the ticket they would get, or why they get none."""

    user_id: int | None
    email: str | None
    name: str
    organization: str | None
    rendered: Rendered | None = None
    """Subject and HTML body as the customer will see them (None when skipped)."""
    ticket: Mapping[str, Any] | None = None
    """The exact body that will be sent (the macro's field changes merged in)."""
    skip_reason: str | None = None
    """English, as in the journal and the JSON summary."""
    skip_message: Message | None = None
    """The same reason for translation, when the core made it (None for Zendesk's texts)."""
    new_customer: bool = False
    """Not in Zendesk yet: the ticket names them inline and Zendesk creates them."""
    language: str | None = None
    """The translation the ticket is rendered with (None: the main text)."""
    time_zone: str | None = None
    """The IANA zone of the customer's local hours (None: the computer's)."""

    @property
    def will_send(self) -> bool:
        return self.ticket is not None

    def skip_text(self) -> str:
        return self.skip_reason or ""

    def outcome(self) -> CustomerOutcome:
        return CustomerOutcome(
            user_id=self.user_id,
            email=self.email,
            name=self.name,
            status=CustomerStatus.PENDING if self.will_send else CustomerStatus.SKIPPED,
            reason=self.skip_reason,
            organization=self.organization,
            new_customer=self.new_customer,
            language=self.language if self.will_send else None,
        )


class WarningKind(StrEnum):
    INTERNAL_NOTE = "internal_note"
    SOLVED_NEEDS_FIELDS = "solved_needs_fields"
    LARGE_CAMPAIGN = "large_campaign"
    MACRO_UPDATES = "macro_updates"
    TRIGGER_EMAILS = "trigger_emails"
    TRIGGERS_UNKNOWN = "triggers_unknown"


@dataclass(frozen=True, slots=True)
class PlanWarning:
    kind: WarningKind
    message: Message


@dataclass(frozen=True, slots=True)
class CampaignPlan:
    """What `send` would do: every recipient with a rendered ticket or a skip reason."""

    spec: CampaignSpec
    tag: str
    recipients: tuple[PlannedRecipient, ...]
    estimated_seconds: float
    warnings: tuple[PlanWarning, ...]
    followup: Mapping[str, Any] | None = None
    """The macro's comment, added by an update to each created ticket (None: no update)."""
    resumes: bool = False
    """The journal already has this campaign: `send` resumes it (the recipients are frozen)."""
    first_due: datetime | None = None
    """With a schedule: when the first ticket may go out (None: no schedule, or never)."""
    finishes_at: datetime | None = None
    """With a schedule: when the last ticket should be out if the program runs when due."""
    matching: MatchingPlanned | None = None
    """How the CSV list's emails were matched (None without a CSV list to match by email)."""
    csv_list: CsvList | None = None
    """The campaign's CSV list as read (what the import found), if it has one."""

    @property
    def new_customers(self) -> tuple[PlannedRecipient, ...]:
        """Customers who will be created with their ticket (`create_missing`)."""
        return tuple(each for each in self.recipients if each.new_customer and each.will_send)

    triggers: tuple[TriggerFinding, ...] | None = None
    """The account's triggers that will or may act on these tickets; None when not checked
    (or the account would not list them: a warning says so)."""

    @property
    def ticket_count(self) -> int:
        """How many tickets would be created."""
        return sum(1 for each in self.recipients if each.will_send)

    @property
    def skipped_count(self) -> int:
        return len(self.recipients) - self.ticket_count

    def outcomes(self) -> tuple[CustomerOutcome, ...]:
        """Every recipient as the Send page's first rows: pending or skipped."""
        return tuple(each.outcome() for each in self.recipients)

    def warning_texts(self) -> list[str]:
        """The warnings in English (the UI translates `warnings[i].message` instead)."""
        return [each.message.english() for each in self.warnings]

    @property
    def counts(self) -> ProgressCounts:
        return ProgressCounts(
            total=len(self.recipients),
            created=0,
            failed=0,
            skipped=self.skipped_count,
            pending=self.ticket_count,
        )

    def summary(self) -> CampaignSummary:
        """The dry run's summary: state `draft`, who would get a ticket (pending) and who not."""
        customers = self.outcomes()
        return CampaignSummary(
            campaign=self.spec.name,
            tag=self.tag,
            state=CampaignState.DRAFT,
            total=len(customers),
            created=0,
            failed=0,
            skipped=self.skipped_count,
            pending=self.ticket_count,
            view_id=None,
            view_url=None,
            view_error=None,
            customers=customers,
            estimated_seconds=self.estimated_seconds,
            has_schedule=self.spec.schedule is not None,
            next_due=self.first_due,
            finishes_at=self.finishes_at,
            triggers=self.triggers,
        )


class ViewErrorKind(StrEnum):
    """Why the campaign's view was not created, for front ends that explain it in their words."""

    NOT_PERMITTED = "not_permitted"
    """The agent may not manage shared views (403): the most common case, worth its own words."""
    FAILED = "failed"
    """Any other error answer; the message carries Zendesk's reason."""


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    campaign: str
    tag: str
    state: CampaignState
    total: int
    created: int
    failed: int
    skipped: int
    pending: int
    view_id: int | None
    view_url: str | None
    view_error: str | None
    """English text (CLI.md JSON); `view_error_message` is the same for translation."""
    customers: tuple[CustomerOutcome, ...]
    view_error_message: Message | None = None
    estimated_seconds: float | None = None
    has_schedule: bool = False
    next_due: datetime | None = None
    """When the next pending customer comes due (a scheduled campaign; None: none will)."""
    finishes_at: datetime | None = None
    """When the last ticket should be out, if the program runs when due."""
    paused: bool = False

    view_error_kind: ViewErrorKind | None = None
    triggers: tuple[TriggerFinding, ...] | None = None
    """A dry run's trigger check (CLI.md: `send --dry-run --json` lists them)."""
    in_flight: int = 0
    """Customers whose request may have created their ticket: confirmed by the next run."""

    def to_json(self) -> dict[str, Any]:
        """Exactly CLI.md's JSON summary (customer objects also carry name and ticket_url);
        a scheduled campaign adds `next_due`, a dry run that checked the triggers `triggers`."""
        schedule: dict[str, Any] = {}
        if self.has_schedule:
            schedule = {
                "next_due": _iso(self.next_due),
                "finishes_at": _iso(self.finishes_at),
                "paused": self.paused,
            }
        extra: dict[str, Any] = {}
        if self.triggers is not None:
            extra["triggers"] = [each.to_json() for each in self.triggers]
        return {
            "campaign": self.campaign,
            "tag": self.tag,
            "state": self.state.value,
            "total": self.total,
            "created": self.created,
            "failed": self.failed,
            "skipped": self.skipped,
            "pending": self.pending,
            "in_flight": self.in_flight,
            "view_id": self.view_id,
            "view_url": self.view_url,
            "view_error": self.view_error,
            **schedule,
            "customers": [each.to_json() for each in self.customers],
            **extra,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


# -- the engine -------------------------------------------------------------------------------


class CampaignEngine:
    """Runs campaigns of one account (`client`) against one journal."""

    def __init__(
        self,
        client: ZendeskClient,
        journal: Journal,
        *,
        tuning: SendTuning | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.client = client
        self.journal = journal
        self.tuning = tuning or SendTuning()
        self.clock = clock
        """Decides which customers of a scheduled campaign are due (tests move it by days)."""

    # -- plan -------------------------------------------------------------------------------

    def plan(
        self,
        spec: CampaignSpec,
        *,
        customers: Sequence[Customer] | None = None,
        organizations: Mapping[OrganizationId, Organization] | None = None,
        on_event: OnEvent = ignore_events,
        cancel: threading.Event | None = None,
        csv_import: CsvImport | None = None,
        with_triggers: bool = False,
    ) -> CampaignPlan:
        """Resolve, check and render everything; write nothing (a dry run is a plan).

        `with_triggers` also reads the account's active triggers and says which will or may
        act on these tickets (the pre-flight of Preview and `send --dry-run`).

        `customers` (with `organizations`) are the wizard's already-loaded selection; without
        them the recipients come from `spec.recipients` (query, ids, CSV, exclusions).
        `csv_import` is the wizard's imported CSV list: its columns (for `{{row.…}}`), the
        selected customers' rows and the new customers to create. Raises CampaignFileError
        naming the key for a definition the account cannot take.
        """
        emit = guarded(on_event)
        cancel = cancel or threading.Event()
        with self._reporting_waits(emit):
            return self._plan(
                spec,
                customers,
                organizations,
                emit,
                cancel,
                csv_import=csv_import,
                with_triggers=with_triggers,
            )

    @contextmanager
    def _reporting_waits(self, emit: OnEvent) -> Iterator[None]:
        """The rate governor's long waits (Retry-After, an empty budget) as `Waiting` events."""

        def listener(notice: WaitNotice) -> None:
            emit(Waiting(notice.reason, notice.seconds))

        governor = self.client.governor
        governor.add_wait_listener(listener)
        try:
            yield
        finally:
            governor.remove_wait_listener(listener)

    def _plan(
        self,
        spec: CampaignSpec,
        customers: Sequence[Customer] | None,
        organizations: Mapping[OrganizationId, Organization] | None,
        emit: OnEvent,
        cancel: threading.Event,
        *,
        csv_import: CsvImport | None,
        with_triggers: bool,
    ) -> CampaignPlan:
        tag = spec.tag
        if not tag:
            raise CampaignFileError(
                "campaign.name",
                QT_TRANSLATE_NOOP("Errors", "The campaign name must contain a letter or digit."),
            )
        if tag in payloads.RESERVED_TAGS:
            raise CampaignFileError(
                "campaign.name",
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'The name "{name}" makes the tag {tag}, which marks every proactive ticket.'
                    " Choose another name.",
                ),
                name=spec.name,
                tag=tag,
            )
        existing = self.journal.find_campaign(spec.name)
        if existing is not None:
            self._check_same_definition(existing, spec)
        else:
            self._check_name_free(spec)

        emit(PhaseChanged(Phase.RESOLVING))
        csv_list = read_csv(csv_path(spec)) if spec.recipients.csv else None
        row_columns: Sequence[str] | None = None
        if csv_list is not None:
            row_columns = csv_list.columns
        elif csv_import is not None:
            row_columns = csv_import.columns
        user_fields = self.client.user_fields()
        organization_fields = self.client.organization_fields()
        template = compile_ticket(
            spec.ticket, user_fields, organization_fields, row_columns=row_columns
        )
        translations = compile_translations(
            spec.ticket, user_fields, organization_fields, row_columns=row_columns
        )
        self._check_ticket_settings(spec)
        macro = self._macro_changes(spec)
        followup = payloads.macro_comment(
            macro.comment if macro else None, public=spec.ticket.public
        )
        first_comment_addition: Mapping[str, Any] | None = None
        if payloads.comment_fits_first(followup, public=spec.ticket.public):
            # Same visibility: the macro's text goes into the first comment, no update needed.
            first_comment_addition, followup = followup, None

        def progress(loaded: int, total: int | None) -> None:
            emit(ResolveProgress(loaded, total))

        matching: list[MatchingPlanned] = []

        def matching_planned(plan: MatchingPlan) -> None:
            event = MatchingPlanned(
                plan.emails,
                plan.strategy.value,
                plan.requests,
                plan.estimated_seconds,
                plan.account_users,
            )
            matching.append(event)
            emit(event)

        # The wizard's selection is `spec.recipients.user_ids`; the customers it already
        # loaded spare the look-ups, and the same rules (suspended, staff) apply.
        resolution = resolve_recipients(
            spec,
            self.client,
            self.journal.reached_user_ids,
            on_progress=progress,
            cancel=cancel,
            csv_list=csv_list,
            known_customers=customers or (),
            known_organizations=organizations,
            rows=csv_import.rows if csv_import is not None else None,
            on_matching_plan=matching_planned,
            seconds_per_request=60.0 / max(self.client.governor.budget_per_minute, 1.0),
            campaign_name_of_tag=self._campaign_name_of_tag,
        )
        recipients = list(resolution)
        if csv_import is not None:
            known_emails = {each.email.casefold() for each in recipients if each.email}
            recipients += [
                Recipient(
                    None,
                    entry.email,
                    entry.name or entry.email.split("@", 1)[0],
                    None,
                    None,
                    row=entry.cells,
                    new_customer=True,
                )
                for entry in csv_import.new_customers
                if entry.email and entry.email.casefold() not in known_emails
            ]

        # A schedule counts each customer's window in their own zone, else the agent's.
        agent_zone = None
        if spec.schedule is not None:
            agent = self.client.me()
            agent_zone = iana_zone(agent.iana_time_zone, agent.time_zone)

        emit(PhaseChanged(Phase.RENDERING))
        planned = tuple(
            self._plan_one(
                spec,
                tag,
                recipient,
                template,
                translations,
                macro,
                first_comment_addition,
                agent_zone,
            )
            for recipient in recipients
        )
        to_send = sum(1 for each in planned if each.will_send)
        estimate = estimate_seconds(
            to_send,
            budget_per_minute=self.client.governor.budget_per_minute,
            seconds_per_ticket=self.tuning.seconds_per_ticket,
            parallel_jobs=self.tuning.max_jobs_in_flight,
            single_requests=followup is not None,
            updates_per_minute=self.tuning.update_limit_per_minute
            * (1.0 - self.client.governor.headroom),
        )
        warnings = list(self._warnings(spec, to_send, followup, estimate))
        triggers: tuple[TriggerFinding, ...] | None = None
        if with_triggers:
            triggers = self._check_triggers(planned, warnings)
        first_due = finishes_at = None
        if spec.schedule is not None:
            by_zone: dict[str | None, int] = {}
            for each in planned:
                if each.will_send:
                    by_zone[each.time_zone] = by_zone.get(each.time_zone, 0) + 1
            now = self.clock.now()
            first_due = next_due(spec.schedule, by_zone, 0, now)
            finishes_at = forecast_finish(
                spec.schedule, by_zone, 0, now, self.tuning.seconds_per_ticket
            )
        return CampaignPlan(
            spec=spec,
            tag=tag,
            recipients=planned,
            estimated_seconds=estimate,
            warnings=tuple(warnings),
            followup=followup,
            resumes=existing is not None,
            first_due=first_due,
            finishes_at=finishes_at,
            matching=matching[0] if matching else None,
            csv_list=csv_list,
            triggers=triggers,
        )

    def _check_triggers(
        self, planned: Sequence[PlannedRecipient], warnings: list[PlanWarning]
    ) -> tuple[TriggerFinding, ...] | None:
        tickets = [each.ticket for each in planned if each.ticket is not None]
        try:
            me = self.client.me()
            findings = check_triggers(self.client.triggers(), tickets, Creator(me.id, me.role))
        except (PermissionDeniedError, NotFoundError, ServerError, ValidationError) as error:
            # The campaign does not depend on it: say so, and go on.
            log.info("the triggers could not be read: %s", type(error).__name__)
            warnings.append(
                PlanWarning(
                    WarningKind.TRIGGERS_UNKNOWN,
                    Message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Engine",
                            "The account's triggers could not be read, so nobody can say which"
                            " of them will act on these tickets: ask an admin to check them.",
                        ),
                    ),
                )
            )
            return None
        mailing = [each.title for each in findings if each.emails_requester]
        if mailing and tickets:
            warnings.append(
                PlanWarning(
                    WarningKind.TRIGGER_EMAILS,
                    Message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "Engine",
                            "Triggers that email the customer will or may act on these tickets:"
                            " {titles}.",
                        ),
                        {"titles": ", ".join(f"“{title}”" for title in mailing)},
                    ),
                )
            )
        return findings

    def _campaign_name_of_tag(self, tag: str) -> str | None:
        known = self.journal.campaigns_with_tag(tag)
        return known[0].name if known else None

    def _plan_one(
        self,
        spec: CampaignSpec,
        tag: str,
        recipient: Recipient,
        template: TicketTemplate,
        translations: Mapping[str, TicketTemplate],
        macro: MacroChanges | None,
        first_comment_addition: Mapping[str, Any] | None = None,
        agent_zone: str | None = None,
    ) -> PlannedRecipient:
        organization = recipient.organization.name if recipient.organization else None
        customer = recipient.customer
        base = PlannedRecipient(
            user_id=recipient.user_id,
            email=recipient.email,
            name=recipient.name,
            organization=organization,
            time_zone=customer_zone(customer.iana_time_zone, customer.time_zone, agent_zone)
            if customer is not None
            else agent_zone,
            new_customer=recipient.new_customer,
        )
        customer = recipient.customer
        if recipient.new_customer and recipient.skip_reason is None and recipient.email:
            # Known by the CSV row alone until the ticket creates them.
            locale = (recipient.row or {}).get("locale") or None
            customer = Customer(
                id=NEW_CUSTOMER_ID, name=recipient.name, email=recipient.email, locale=locale
            )
        if recipient.skip_reason is not None or customer is None:
            return replace(
                base,
                skip_reason=recipient.skip_reason or "",
                skip_message=recipient.skip_message,
            )
        language = choose_language(customer.locale, translations)
        chosen = translations[language] if language is not None else template
        rendered = chosen.render(customer, recipient.organization, recipient.row)
        if isinstance(rendered, Skip):
            return replace(base, skip_reason=rendered.reason, skip_message=rendered.message)
        ticket = payloads.base_ticket(
            spec.ticket,
            tag=tag,
            user_id=None if recipient.new_customer else customer.id,
            subject=rendered.subject,
            html_body=rendered.html_body,
            new_requester=(
                {"email": customer.email or "", "name": customer.name}
                if recipient.new_customer
                else None
            ),
        )
        if macro is not None:
            ticket = payloads.merge_macro(ticket, macro.ticket)
        if first_comment_addition is not None:
            ticket = payloads.merge_first_comment(ticket, first_comment_addition)
            rendered = replace(rendered, html_body=ticket["comment"]["html_body"])
        return replace(base, rendered=rendered, ticket=ticket, language=language)

    def _check_same_definition(self, existing: CampaignRecord, spec: CampaignSpec) -> None:
        differing = definition_differences(existing.definition, definition_dict(spec))
        if differing:
            raise CampaignFileError(
                differing[0],
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" was started with a different definition ({keys}). A '
                    "campaign cannot change halfway: use a new name.",
                ),
                name=existing.name,
                keys=", ".join(differing),
            )

    def _check_name_free(self, spec: CampaignSpec) -> None:
        tag = spec.tag
        for other in self.journal.campaigns_with_tag(tag):
            if other.normalised_name != normalise_name(spec.name):
                raise CampaignFileError(
                    "campaign.name",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        'The name "{name}" makes the tag {tag}, which campaign "{other}" already '
                        "uses. Choose another name.",
                    ),
                    name=spec.name,
                    tag=tag,
                    other=other.name,
                )
        for page in self.client.tickets_with_tag(tag):
            if page:
                raise CampaignFileError(
                    "campaign.name",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        'Tickets tagged {tag} already exist in the account: the name "{name}" '
                        "is taken. Choose another name.",
                    ),
                    name=spec.name,
                    tag=tag,
                )
            break

    def _check_ticket_settings(self, spec: CampaignSpec) -> None:
        ticket = spec.ticket
        if ticket.group_id is not None and ticket.group_id not in {
            group.id for group in self.client.groups()
        }:
            raise CampaignFileError(
                "ticket.group_id",
                QT_TRANSLATE_NOOP("Errors", "There is no group {group_id} in the account."),
                group_id=ticket.group_id,
            )
        if ticket.assignee_id is not None:
            if ticket.group_id is not None:
                agents = {agent.id for agent in self.client.group_members(ticket.group_id)}
            else:
                agents = {
                    user.id
                    for user in self.client.show_many_users([ticket.assignee_id])
                    if user.is_staff and user.active and not user.suspended
                }
            if ticket.assignee_id not in agents:
                raise CampaignFileError(
                    "ticket.assignee_id",
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "The assignee {assignee_id} is not an active agent"
                        " (of the chosen group, when one is set).",
                    ),
                    assignee_id=ticket.assignee_id,
                )
        if ticket.custom_status_id is not None:
            statuses = {s.id: s for s in self.client.custom_statuses()}
            status = statuses.get(ticket.custom_status_id)
            if status is None or not status.active:
                raise CampaignFileError(
                    "ticket.custom_status_id",
                    QT_TRANSLATE_NOOP(
                        "Errors", "There is no active custom status {custom_status_id}."
                    ),
                    custom_status_id=ticket.custom_status_id,
                )

    def _macro_changes(self, spec: CampaignSpec) -> MacroChanges | None:
        macro_id = spec.ticket.macro_id
        if macro_id is None:
            return None
        active = {macro.id for macro in self.client.macros() if macro.active}
        if macro_id not in active:
            raise CampaignFileError(
                "ticket.macro_id",
                QT_TRANSLATE_NOOP("Errors", "There is no active macro {macro_id}."),
                macro_id=macro_id,
            )
        return self.client.apply_macro(macro_id)

    def _warnings(
        self,
        spec: CampaignSpec,
        to_send: int,
        followup: Mapping[str, Any] | None,
        estimate: float,
    ) -> tuple[PlanWarning, ...]:
        warnings: list[PlanWarning] = []

        def warn(kind: WarningKind, source: str, **params: Any) -> None:
            warnings.append(PlanWarning(kind, Message(CONTEXT, source, params)))

        if not spec.ticket.public:
            warn(
                WarningKind.INTERNAL_NOTE,
                QT_TRANSLATE_NOOP(
                    "Engine", "The tickets are internal notes: customers get no email about them."
                ),
            )
        if spec.ticket.status == TicketStatus.SOLVED:
            required = [f.title for f in self.client.ticket_fields() if f.required and f.active]
            warn(
                WarningKind.SOLVED_NEEDS_FIELDS,
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "Tickets created as solved need every required ticket field filled: {fields}.",
                ),
                fields=", ".join(required) if required else "-",
            )
        if to_send > LARGE_CAMPAIGN:
            warn(
                WarningKind.LARGE_CAMPAIGN,
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "{count} customers will get a ticket: more than {limit} is a lot for a team"
                    " to answer, and may look like spam.",
                ),
                count=to_send,
                limit=LARGE_CAMPAIGN,
            )
        if followup is not None and to_send:
            warn(
                WarningKind.MACRO_UPDATES,
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "The macro adds a comment, so every ticket needs an update after it is"
                    " created; Zendesk allows 100 updates a minute, so this takes about"
                    " {minutes} minutes.",
                ),
                minutes=max(1, math.ceil(estimate / 60)),
            )
        return tuple(warnings)

    # -- send / resume ----------------------------------------------------------------------

    def send(
        self,
        spec: CampaignSpec,
        plan: CampaignPlan | None = None,
        *,
        on_event: OnEvent = ignore_events,
        cancel: threading.Event | None = None,
    ) -> CampaignSummary:
        """Journal the campaign (all customers, one transaction), then create the tickets.

        A name already in the journal is resumed (its recipients were frozen at its first send);
        a different definition for it is refused with CampaignFileError naming the keys.
        """
        cancel = cancel or threading.Event()
        emit = guarded(on_event)
        existing = self.journal.find_campaign(spec.name)
        if existing is not None:
            self._check_same_definition(existing, spec)
            return self._run(existing, emit, cancel)
        if plan is None or plan.spec != spec or plan.resumes:
            plan = self.plan(spec, on_event=emit, cancel=cancel)
        emit(PhaseChanged(Phase.JOURNALING))
        campaign_id = self._journal_plan(plan)
        return self._run(self.journal.campaign(campaign_id), emit, cancel)

    def resume(
        self,
        name: str,
        *,
        on_event: OnEvent = ignore_events,
        cancel: threading.Event | None = None,
        retry_failed: bool = False,
    ) -> CampaignSummary:
        """Continue a journaled campaign; with `retry_failed`, failed customers are sent again."""
        cancel = cancel or threading.Event()
        record = self._find(name)
        return self._run(record, guarded(on_event), cancel, retry_failed=retry_failed)

    def summary(self, name: str) -> CampaignSummary:
        """The campaign's summary from the journal alone (no network)."""
        return journal_summary(
            self.journal, self._find(name), self.client.ticket_url, clock=self.clock
        )

    def _find(self, name: str) -> CampaignRecord:
        return find_campaign(self.journal, name)

    def _journal_plan(self, plan: CampaignPlan) -> int:
        spec = plan.spec
        tag = plan.tag

        def rows() -> Iterator[NewCustomer]:
            for each in plan.recipients:
                if each.ticket is not None and each.new_customer and each.email:
                    yield NewCustomer(
                        user_id=None,
                        email=each.email,
                        name=each.name,
                        organization=None,
                        status=CustomerStatus.PENDING,
                        payload=canonical_json(each.ticket),
                        external_id=payloads.new_customer_external_id(tag, each.email),
                        idempotency_key=payloads.new_customer_idempotency_key(tag, each.email),
                        new_customer=True,
                        language=each.language,
                        time_zone=each.time_zone,
                    )
                elif each.ticket is None or each.user_id is None:
                    yield NewCustomer(
                        user_id=each.user_id,
                        email=each.email,
                        name=each.name,
                        organization=each.organization,
                        status=CustomerStatus.SKIPPED,
                        reason=each.skip_reason,
                        new_customer=each.new_customer,
                    )
                else:
                    yield NewCustomer(
                        user_id=each.user_id,
                        email=each.email,
                        name=each.name,
                        organization=each.organization,
                        status=CustomerStatus.PENDING,
                        payload=canonical_json(each.ticket),
                        external_id=payloads.external_id(tag, each.user_id),
                        idempotency_key=payloads.idempotency_key(tag, each.user_id),
                        language=each.language,
                        time_zone=each.time_zone,
                    )

        return self.journal.create_campaign(
            name=spec.name,
            tag=tag,
            definition=definition_dict(spec),
            url=self.client.base_url,
            email=spec.connection.email,
            customers=rows(),
            followup=plan.followup,
        )

    def _run(
        self,
        record: CampaignRecord,
        emit: OnEvent,
        cancel: threading.Event,
        *,
        retry_failed: bool = False,
    ) -> CampaignSummary:
        if record.state is CampaignState.WITHDRAWN:
            # Its tickets were solved or deleted on purpose: sending the rest would undo that.
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" was withdrawn: it is not sent again. Use a new name.',
                ),
                name=record.name,
            )
        if record.url != self.client.base_url:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" belongs to {url}, not to {other}.',
                ),
                name=record.name,
                url=record.url,
                other=self.client.base_url,
            )
        schedule = schedule_of(record.definition)
        if schedule is not None and record.paused:
            # Paused by the admin: nothing goes out, whoever asks (run-due, the wizard, send).
            emit(PhaseChanged(Phase.SCHEDULED))
            return self._summary_of(record.id)
        with self._reporting_waits(emit), _sending_here(self.journal, record):
            owner = self.journal.claim_campaign(record.id)
            try:
                if retry_failed:
                    # Only under the campaign's lease: another program sending it may be
                    # recording those very customers. Each retry gets a key never used before
                    # (a refused answer may be remembered under the old one), not one derived
                    # from the clock.
                    self.journal.reset_failed(record.id, key_suffix=f"r{secrets.token_hex(6)}")
                self._send_claimed(record, schedule, owner, emit, cancel)
            finally:
                self.journal.release_campaign(record.id, owner)
        return self._summary_of(record.id)

    def _send_claimed(
        self,
        record: CampaignRecord,
        schedule: ScheduleSpec | None,
        owner: str,
        emit: OnEvent,
        cancel: threading.Event,
    ) -> None:
        self.journal.set_state(record.id, CampaignState.SENDING)
        gate = (
            SendGate(schedule, self.journal, record.id, self.clock)
            if schedule is not None
            else None
        )
        view_tried = False

        def create_view_early() -> None:
            # While the last jobs run, the loop only waits: the view costs no time there.
            nonlocal view_tried
            view_tried = True
            self._create_view(self.journal.campaign(record.id), ignore_events)

        sender = CampaignSender(
            self.client,
            self.journal,
            record,
            on_event=emit,
            cancel=cancel,
            tuning=self.tuning,
            lease_owner=owner,
            gate=gate,
            on_idle=create_view_early,
        )
        emit(PhaseChanged(Phase.SENDING))
        try:
            finished = sender.run()
        except (ZendeskError, CampaignClaimedError):
            self.journal.set_state(record.id, CampaignState.STOPPED)
            emit(PhaseChanged(Phase.STOPPED))
            raise
        if not finished:
            self.journal.set_state(record.id, CampaignState.STOPPED)
            emit(PhaseChanged(Phase.STOPPED))
            return
        # The view as soon as there is a ticket to list (a scheduled campaign's first day).
        if not view_tried:
            self._create_view(self.journal.campaign(record.id), emit)
        if gate is not None and self.journal.totals(record.id).pending:
            self.journal.set_state(record.id, CampaignState.SCHEDULED)
            emit(PhaseChanged(Phase.SCHEDULED))
            return
        self.journal.set_state(record.id, CampaignState.FINISHED)
        emit(PhaseChanged(Phase.FINISHED))

    def _summary_of(self, campaign_id: int) -> CampaignSummary:
        return journal_summary(
            self.journal,
            self.journal.campaign(campaign_id),
            self.client.ticket_url,
            clock=self.clock,
        )

    def _create_view(self, record: CampaignRecord, emit: OnEvent) -> None:
        wants_view = bool(record.definition.get("view", {}).get("create", False))
        if not wants_view or record.view_id is not None:
            return
        if self.journal.totals(record.id).created == 0:
            return
        emit(PhaseChanged(Phase.CREATING_VIEW))
        try:
            view_id = self.client.create_view(record.name, record.tag)
        except PermissionDeniedError as error:
            message = Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "The view was not created: this agent may not manage shared views"
                    " ({zendesk_message}).",
                ),
                {"zendesk_message": error.zendesk_message},
            )
            self.journal.set_view(
                record.id,
                view_id=None,
                view_url=None,
                view_error=message,
                view_error_kind=ViewErrorKind.NOT_PERMITTED,
            )
            return
        except ZendeskError as error:
            # The view is secondary: the tickets decide the outcome (CLI.md "What send does").
            message = Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("Engine", "The view was not created: {error}"),
                {"error": str(error)},
            )
            self.journal.set_view(
                record.id,
                view_id=None,
                view_url=None,
                view_error=message,
                view_error_kind=ViewErrorKind.FAILED,
            )
            return
        self.journal.set_view(
            record.id, view_id=view_id, view_url=self.client.view_url(view_id), view_error=None
        )


_SENDING_HERE: set[tuple[str, int]] = set()
"""Campaigns this process is sending right now (journal file, campaign id)."""
_SENDING_HERE_LOCK = threading.Lock()


@contextmanager
def _sending_here(journal: Journal, record: CampaignRecord) -> Iterator[None]:
    """Keep two threads of one process (the wizard's Send page and its background scheduler)
    from sending the same campaign: the journal's lease tells processes apart, not threads."""
    key = (str(journal.path.resolve()), record.id)
    with _SENDING_HERE_LOCK:
        if key in _SENDING_HERE:
            raise CampaignBusyError(
                QT_TRANSLATE_NOOP(
                    "Errors", 'Campaign "{name}" is being sent by another running program.'
                ),
                name=record.name,
            )
        _SENDING_HERE.add(key)
    try:
        yield
    finally:
        with _SENDING_HERE_LOCK:
            _SENDING_HERE.discard(key)


class UnknownCampaignError(InputError):
    """No campaign of that name in the journal (`status`, `export`, `retry-failed`: exit 2).

    The one place that says so: every front end raises and shows this error.
    """

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", 'There is no campaign named "{name}" in the journal.'),
            name=name,
        )
        self.name = name


def find_campaign(journal: Journal, name: str) -> CampaignRecord:
    """The journal's campaign of that name (names compare as `normalise_name` does)."""
    record = journal.find_campaign(name)
    if record is None:
        raise UnknownCampaignError(name)
    return record


def campaign_summary(
    journal: Journal, name: str, *, clock: Clock = SYSTEM_CLOCK
) -> CampaignSummary:
    """The named campaign's summary from the journal alone; UnknownCampaignError if absent."""
    return journal_summary(journal, find_campaign(journal, name), clock=clock)


def journal_summary(
    journal: Journal,
    record: CampaignRecord,
    ticket_url: Callable[[int], str] | None = None,
    *,
    clock: Clock = SYSTEM_CLOCK,
) -> CampaignSummary:
    """A campaign's summary from the journal alone (for `status` and the History dialog)."""
    link = ticket_url or (lambda ticket_id: f"{record.url}/agent/tickets/{ticket_id}")
    customers = tuple(outcome_of(c, link) for c in journal.iter_customers(record.id))
    totals = journal.totals(record.id)
    schedule = schedule_of(record.definition)
    due = finishes = None
    if schedule is not None and record.state not in (
        CampaignState.FINISHED,
        CampaignState.WITHDRAWN,
    ):
        gate = SendGate(schedule, journal, record.id, clock)
        due = gate.next_due()
        finishes = gate.finishes_at(SendTuning().seconds_per_ticket)
    return CampaignSummary(
        campaign=record.name,
        tag=record.tag,
        state=record.state,
        total=totals.total,
        created=totals.created,
        failed=totals.failed,
        skipped=totals.skipped,
        pending=totals.pending,
        in_flight=totals.in_flight,
        view_id=record.view_id,
        view_url=record.view_url,
        view_error=record.view_error,
        customers=customers,
        view_error_message=record.view_error_message,
        has_schedule=schedule is not None,
        next_due=due,
        finishes_at=finishes,
        paused=record.paused,
        view_error_kind=_view_error_kind(record),
    )


def _view_error_kind(record: CampaignRecord) -> ViewErrorKind | None:
    if record.view_error is None:
        return None
    try:
        return ViewErrorKind(record.view_error_kind or ViewErrorKind.FAILED)
    except ValueError:  # a kind from a newer version of the program
        return ViewErrorKind.FAILED
