"""Typed values the Zendesk client returns (frozen dataclasses), beside those in core.models.

Customers, organizations, field definitions and the signed-in agent are `core.models` types
because the whole program uses them; what only the client's callers need lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from proactive_desktop.core.models import (
    Customer,
    FieldOption,
    OrganizationId,
    TicketId,
    UserId,
)


@dataclass(frozen=True, slots=True)
class Permissions:
    """What the signed-in agent may do, as far as the program can tell.

    `can_manage_shared_views` is None when it cannot be known in advance (an agent whose role
    the API does not describe): the view is then attempted and a 403 reported.
    """

    role: str
    can_manage_shared_views: bool | None
    custom_role_id: int | None = None
    custom_role_name: str | None = None


@dataclass(frozen=True, slots=True)
class UserSearchPage:
    """One page of the (capped) user search: what the Search page shows first."""

    customers: tuple[Customer, ...]
    count: int
    """Zendesk's total for the query, which may be above what search can return."""
    page: int
    next_page: int | None
    """None when there is no further page, or when it would be past the 1,000-result cap."""

    @property
    def capped(self) -> bool:
        """True when the query has more results than search returns: use the export."""
        return self.count > SEARCH_RESULT_CAP


SEARCH_RESULT_CAP = 1000


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CustomStatus:
    id: int
    status_category: str
    agent_label: str
    active: bool = True
    default: bool = False


@dataclass(frozen=True, slots=True)
class TicketField:
    id: int
    type: str
    title: str
    active: bool = True
    required: bool = False
    options: tuple[FieldOption, ...] = ()


@dataclass(frozen=True, slots=True)
class Macro:
    id: int
    title: str
    active: bool = True
    actions: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class MacroChanges:
    """What a macro would do to a ticket (`GET /api/v2/macros/{id}/apply`); nothing is changed."""

    ticket: Mapping[str, Any] = field(default_factory=dict)
    comment: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class CreatedTicket:
    id: TicketId
    idempotency_hit: bool = False
    """True when Zendesk answered from an earlier request with the same Idempotency-Key."""
    requester_id: UserId | None = None
    external_id: str | None = None


class JobState(StrEnum):
    QUEUED = "queued"
    WORKING = "working"
    COMPLETED = "completed"
    FAILED = "failed"
    KILLED = "killed"


@dataclass(frozen=True, slots=True)
class JobResult:
    """One ticket of a create_many job, by its index in the request."""

    index: int
    ticket_id: TicketId | None = None
    error: str | None = None
    details: str | None = None
    record_id: int | None = None
    """The `id` the result names whatever its outcome: for update_many and destroy_many, the
    ticket it is about (their results carry no index, and a failure keeps the id)."""


@dataclass(frozen=True, slots=True)
class JobStatus:
    id: str
    status: str
    """One of JobState's values; kept as text because Zendesk may add states."""
    total: int | None = None
    progress: int | None = None
    """None until the job has started (Zendesk sends null at first)."""
    message: str | None = None
    results: tuple[JobResult, ...] = ()

    @property
    def is_finished(self) -> bool:
        return self.status in (JobState.COMPLETED, JobState.FAILED, JobState.KILLED)


@dataclass(frozen=True, slots=True)
class TicketRef:
    """Enough of a ticket to reconcile a campaign: who it is for and how it is marked."""

    id: TicketId
    requester_id: UserId | None
    external_id: str | None
    tags: tuple[str, ...] = ()
    organization_id: OrganizationId | None = None
    created_at: str | None = None
    """ISO 8601 as Zendesk writes it (`2026-12-03T09:30:00Z`), when the answer has it."""
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """An active business rule of the account, as `GET /api/v2/triggers/active` lists it."""

    id: int
    title: str
    all_conditions: tuple[Mapping[str, Any], ...] = ()
    any_conditions: tuple[Mapping[str, Any], ...] = ()
    actions: tuple[Mapping[str, Any], ...] = ()
