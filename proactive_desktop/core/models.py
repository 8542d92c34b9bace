"""Plain values shared by the core, the wizard and the command line.

Frozen, slotted dataclasses and StrEnums; the enum values are the words of the public contract in
CLI.md (customer statuses, campaign states, ticket fields) and must not change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NewType

UserId = NewType("UserId", int)
TicketId = NewType("TicketId", int)
OrganizationId = NewType("OrganizationId", int)


class CustomerStatus(StrEnum):
    PENDING = "pending"
    CREATED = "created"
    FAILED = "failed"
    SKIPPED = "skipped"
    IN_FLIGHT = "in_flight"
    """Shown, never stored: a pending customer whose request may already have created their
    ticket (a job Zendesk accepted, an answer that was lost). Neither pending nor created until
    the next run confirms it in the account."""


class CampaignState(StrEnum):
    DRAFT = "draft"
    SENDING = "sending"
    STOPPED = "stopped"
    SCHEDULED = "scheduled"
    """Sent what was due; the rest waits for its window, day or daily capacity."""
    FINISHED = "finished"
    WITHDRAWN = "withdrawn"
    """Every ticket of the campaign was solved or deleted afterwards (`withdraw`): never resumed."""


class BodyFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    HOLD = "hold"
    SOLVED = "solved"


class TicketPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TicketType(StrEnum):
    PROBLEM = "problem"
    INCIDENT = "incident"
    QUESTION = "question"
    TASK = "task"


class Role(StrEnum):
    END_USER = "end-user"
    AGENT = "agent"
    ADMIN = "admin"


# -- account data ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Customer:
    """A Zendesk user as the campaign needs it (any role; `role` says which)."""

    id: UserId
    name: str
    email: str | None = None
    role: str = Role.END_USER
    organization_id: OrganizationId | None = None
    suspended: bool = False
    active: bool = True
    tags: tuple[str, ...] = ()
    user_fields: Mapping[str, Any] = field(default_factory=dict)
    locale: str | None = None
    time_zone: str | None = None
    """Zendesk's own zone name ("Tokyo", "Eastern Time (US & Canada)")."""
    iana_time_zone: str | None = None
    """The same zone as an IANA name ("Asia/Tokyo"); Zendesk sends both."""

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.AGENT, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class Organization:
    id: OrganizationId
    name: str
    organization_fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FieldOption:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class UserField:
    """A custom user (or organization) field definition: `key` is what placeholders name."""

    id: int
    key: str
    type: str
    title: str
    active: bool = True
    options: tuple[FieldOption, ...] = ()


@dataclass(frozen=True, slots=True)
class Agent:
    """The signed-in agent, from users/me."""

    id: UserId
    name: str
    email: str
    role: str
    role_type: int | None = None
    time_zone: str | None = None
    locale: str | None = None
    iana_time_zone: str | None = None


# -- the campaign definition (CLI.md "Campaign file") ----------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectionSpec:
    url: str
    email: str


@dataclass(frozen=True, slots=True)
class RecipientSpec:
    query: str | None = None
    user_ids: tuple[int, ...] = ()
    csv: str | None = None
    """The CSV path as written (relative to the campaign file); resolved with `csv_base_dir`."""
    exclude_campaigns: tuple[str, ...] = ()
    include_staff: bool = False
    skip_contacted_within_days: int | None = None
    """Skip customers who got a ticket from any campaign (the shared tag) in these many days."""
    create_missing: bool = False
    """CSV rows whose email matches no user become customers, created with their ticket."""


@dataclass(frozen=True, slots=True)
class TicketTranslation:
    """The subject and body for customers whose Zendesk locale is `language` (CLI.md
    `[ticket.translations.LANG]`); `language` is normalised by `language_key`."""

    language: str
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class TicketSpec:
    subject: str
    body: str
    format: BodyFormat = BodyFormat.MARKDOWN
    public: bool = True
    status: TicketStatus = TicketStatus.OPEN
    custom_status_id: int | None = None
    priority: TicketPriority | None = None
    type: TicketType | None = None
    group_id: int | None = None
    assignee_id: int | None = None
    tags: tuple[str, ...] = ()
    macro_id: int | None = None
    translations: tuple[TicketTranslation, ...] = ()
    """Variants by language, sorted by language; customers of other locales get the above."""


@dataclass(frozen=True, slots=True)
class ViewSpec:
    create: bool = True


WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The `[schedule] days` names, Monday first (Python's `weekday()` order)."""


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    """`[schedule]`: when the tickets may go out (CLI.md "Campaign file"). Absent: at once."""

    start: datetime | None = None
    """Not before this moment (aware)."""
    per_day: int | None = None
    """At most this many tickets a day, days of the computer's time zone."""
    window_start_minute: int | None = None
    """The customer's local hours: from this minute of the day (with `window_end_minute`)."""
    window_end_minute: int | None = None
    """... to this one, exclusive (24 * 60 for "24:00")."""
    days: tuple[str, ...] = ()
    """WEEKDAYS names of the customer's week; empty: every day."""

    @property
    def window_text(self) -> str | None:
        if self.window_start_minute is None or self.window_end_minute is None:
            return None
        return f"{_hhmm(self.window_start_minute)}-{_hhmm(self.window_end_minute)}"


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True, slots=True)
class CampaignSpec:
    """Everything that defines a campaign; the wizard fills it, the campaign file round-trips it."""

    connection: ConnectionSpec
    name: str
    recipients: RecipientSpec
    ticket: TicketSpec
    view: ViewSpec = ViewSpec()
    schedule: ScheduleSpec | None = None
    """None: every ticket goes out at once (the campaign has no `[schedule]`)."""
    csv_base_dir: Path | None = field(default=None, compare=False)
    """Where a relative `recipients.csv` is found; not part of the definition."""

    @property
    def tag(self) -> str:
        return campaign_tag(self.name)


# -- names and tags ---------------------------------------------------------------------------

_NOT_TAG_CHARACTER = re.compile(r"[^\w-]", re.UNICODE)
_UNDERSCORE_RUN = re.compile(r"_+")


def normalise_name(name: str) -> str:
    """Campaign names are compared after Unicode NFC normalisation and trimming."""
    return unicodedata.normalize("NFC", name).strip()


def campaign_tag(name: str) -> str:
    """The Zendesk tag for a campaign name or an extra tag (CLI.md "Definition, names and tags").

    Lower-cased; every character other than a letter of any script, a digit, `_` or `-` becomes
    `_`; runs of `_` collapse; leading and trailing `_` are dropped.
    """
    lowered = normalise_name(name).lower()
    # \w also matches non-ASCII digits and letters, which Zendesk tags accept.
    replaced = _NOT_TAG_CHARACTER.sub("_", lowered)
    return _UNDERSCORE_RUN.sub("_", replaced).strip("_")


_LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


def language_key(written: str) -> str | None:
    """A language or locale as translations are keyed: lower-case, `-` between parts.

    "ja-JP" → "ja-jp", "zh_CN" → "zh-cn"; None when it is not a language tag at all.
    """
    key = written.strip().replace("_", "-").lower()
    return key if _LANGUAGE_KEY.match(key) else None


def choose_language(locale: str | None, languages: Iterable[str]) -> str | None:
    """Which translation a customer of `locale` gets, or None for the main text.

    The exact locale wins ("zh-cn" for zh-CN), then its language alone ("ja" for ja-JP):
    "ja", "ja-JP" → ja; "zh-cn", "zh-CN" → zh-cn; "zh-TW" gets zh-cn only through a "zh" key.
    """
    if not locale:
        return None
    key = language_key(locale)
    if key is None:
        return None
    available = set(languages)
    if key in available:
        return key
    primary = key.split("-", 1)[0]
    return primary if primary in available else None
