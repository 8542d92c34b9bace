"""The campaign being built in the wizard: one mutable object that every page reads and fills.

Pages share this typed draft instead of string-keyed wizard fields. `to_spec()` turns it into the
same `CampaignSpec` the campaign file produces, so the wizard and the command line run one engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proactive_desktop.core.csv_list import CsvEntry
from proactive_desktop.core.models import (
    Agent,
    BodyFormat,
    CampaignSpec,
    ConnectionSpec,
    Customer,
    Organization,
    OrganizationId,
    RecipientSpec,
    ScheduleSpec,
    TicketPriority,
    TicketSpec,
    TicketStatus,
    TicketTranslation,
    TicketType,
    UserField,
    UserId,
    ViewSpec,
)

if TYPE_CHECKING:
    from proactive_desktop.core.engine import CampaignPlan, CsvImport


@dataclass
class CampaignDraft:
    # Start
    resume_campaign: str | None = None
    """The name of an unfinished campaign to resume (from the journal), or None for a new one."""

    # Connect
    base_url: str = ""
    email: str = ""
    agent: Agent | None = None
    can_manage_shared_views: bool | None = None
    is_demo: bool = False

    # Search and select
    query: str = ""
    csv_path: Path | None = None
    customers: list[Customer] = field(default_factory=list)
    organizations: dict[OrganizationId, Organization] = field(default_factory=dict)
    user_fields: list[UserField] = field(default_factory=list)
    organization_fields: list[UserField] = field(default_factory=list)
    selected_ids: set[UserId] = field(default_factory=set)
    csv_skipped: list[tuple[str, str]] = field(default_factory=list)
    """CSV rows that matched no user: (the row's email or id, reason)."""
    csv_columns: tuple[str, ...] = ()
    """The imported CSV list's columns (for `{{row.COLUMN}}`)."""
    csv_rows: dict[int, Mapping[str, str]] = field(default_factory=dict)
    """User id → the cells of their first row in the imported CSV list."""
    csv_unknown: list[CsvEntry] = field(default_factory=list)
    """Rows of the imported list whose email matches no user."""
    create_missing: bool = False
    """Create the customers of `csv_unknown` with their ticket."""

    # Compose
    name: str = ""
    subject: str = ""
    body: str = ""
    body_format: BodyFormat = BodyFormat.MARKDOWN
    public: bool = True
    status: TicketStatus = TicketStatus.OPEN
    custom_status_id: int | None = None
    priority: TicketPriority | None = None
    ticket_type: TicketType | None = None
    group_id: int | None = None
    assignee_id: int | None = None
    extra_tags: list[str] = field(default_factory=list)
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Language → (subject, body): the text for customers of that Zendesk locale."""
    macro_id: int | None = None
    create_view: bool = True
    skip_contacted_within_days: int | None = None
    schedule: ScheduleSpec | None = None
    """When the tickets may go out (None: all at once)."""

    # Preview
    plan: CampaignPlan | None = None
    """The Preview page's plan for `to_spec()` (every ticket rendered); the Send page sends it."""

    def csv_import(self) -> CsvImport | None:
        """The imported list as the plan needs it (None when no list was imported)."""
        if not self.csv_columns:
            return None
        from proactive_desktop.core.engine import CsvImport

        return CsvImport(
            columns=self.csv_columns,
            rows={key: value for key, value in self.csv_rows.items() if key in self.selected_ids},
            new_customers=tuple(self.csv_unknown) if self.create_missing else (),
        )

    def selected_customers(self) -> list[Customer]:
        return [customer for customer in self.customers if customer.id in self.selected_ids]

    def to_spec(self) -> CampaignSpec:
        """The campaign definition: the selected customers as explicit user ids."""
        return CampaignSpec(
            connection=ConnectionSpec(url=self.base_url, email=self.email),
            name=self.name,
            recipients=RecipientSpec(
                user_ids=tuple(sorted(self.selected_ids)),
                skip_contacted_within_days=self.skip_contacted_within_days,
            ),
            ticket=TicketSpec(
                subject=self.subject,
                body=self.body,
                format=self.body_format,
                public=self.public,
                status=self.status,
                custom_status_id=self.custom_status_id,
                priority=self.priority,
                type=self.ticket_type,
                group_id=self.group_id,
                assignee_id=self.assignee_id,
                tags=tuple(self.extra_tags),
                macro_id=self.macro_id,
                translations=tuple(
                    TicketTranslation(language, subject, body)
                    for language, (subject, body) in sorted(self.translations.items())
                ),
            ),
            view=ViewSpec(create=self.create_view),
            schedule=self.schedule,
        )
