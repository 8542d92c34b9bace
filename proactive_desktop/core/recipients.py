"""Who a campaign reaches: CSV lists, the union of the sources, exclusions and skip reasons.

`read_csv` reads a customer list as Excel writes it in any of our languages (encoding and
delimiter detected, header names matched loosely). `resolve_recipients` unites the campaign's
sources — search query, user ids, CSV — looks every customer up once, and lists each distinct
customer exactly once: with a skip reason (suspended, agent or admin, already reached by an
excluded campaign, a CSV row matching no user) or ready for a ticket. It talks to Zendesk only
through `AccountLookup`, so the real client and test doubles both fit; every look-up is batched,
bounded and cancellable. Nothing here writes anything.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Final, Protocol, TypeAlias, overload

from proactive_desktop.core.csv_list import CsvEntry, CsvList, read_csv
from proactive_desktop.core.errors import CampaignFileError, CancelledError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.models import (
    CampaignSpec,
    Customer,
    Organization,
    OrganizationId,
    UserId,
    campaign_tag,
)
from proactive_desktop.core.payload import PROACTIVE_TAG, campaign_tag_of
from proactive_desktop.core.zendesk.types import TicketRef

SHOW_MANY_CHUNK: Final = 100
"""Zendesk's show_many endpoints take at most 100 ids per call."""

REASONS: Final = "Reasons"
"""Translation context of skip reasons (shared with the engine's own reasons)."""

SKIP_SUSPENDED: Final = QT_TRANSLATE_NOOP("Reasons", "suspended")
SKIP_STAFF: Final = QT_TRANSLATE_NOOP("Reasons", "agent or admin")
SKIP_EXCLUDED: Final = QT_TRANSLATE_NOOP("Reasons", 'already reached by campaign "{campaign}"')
SKIP_NO_EMAIL: Final = QT_TRANSLATE_NOOP("Reasons", "no user with email {email}")
SKIP_NO_ID: Final = QT_TRANSLATE_NOOP("Reasons", "no user with id {id}")
SKIP_BAD_ID: Final = QT_TRANSLATE_NOOP("Reasons", 'invalid user id "{value}" in the CSV file')
SKIP_CONTACTED: Final = QT_TRANSLATE_NOOP(
    "Reasons", 'contacted by campaign "{campaign}" in the last {days} days'
)


# -- what the resolver needs from Zendesk ----------------------------------------------------


class AccountLookup(Protocol):
    """The client calls recipient resolution uses (ZendeskClient has them all)."""

    def export_users(self, query: str) -> Iterable[Sequence[Customer]]: ...

    def show_many_users(self, ids: Sequence[UserId]) -> Sequence[Customer]: ...

    def find_users_by_email(self, email: str) -> Sequence[Customer]: ...

    def count_users(self, query: str) -> int: ...

    def show_many_organizations(self, ids: Sequence[OrganizationId]) -> Sequence[Organization]: ...

    def tickets_with_tag(self, tag: str) -> Iterable[Sequence[TicketRef]]: ...

    def tickets_with_tag_since(self, tag: str, since: date) -> Iterable[Sequence[TicketRef]]: ...


ReachedInfo: TypeAlias = AbstractSet[int] | None
"""What the local journal knows of an earlier campaign: the user ids it created tickets for, or
None when the journal has no campaign of that name (`Journal.reached_user_ids` answers this)."""

OnProgress = Callable[[int, int | None], None]
"""(customers looked up so far, total when known)."""


def _no_campaign_names(tag: str) -> str | None:
    return None


def _no_progress(loaded: int, total: int | None) -> None:
    del loaded, total


# -- CSV (read in core.csv_list) -------------------------------------------------------------

PER_EMAIL_ALWAYS: Final = 20
"""Up to this many addresses are looked up one by one without counting the account first: a
short list stays as quick as it always was."""
EXPORT_PAGE_USERS: Final = 1000
"""Users per page of the export search (docs/ZENDESK.md, "Finding customers")."""
EXPORT_LIMIT_PER_MINUTE: Final = 100
"""The export search has its own limit of 100 requests a minute."""
EXPORT_PAGE_S: Final = 2.5
"""How long a 1,000-user export page took to answer in a recorded session (for estimates)."""


class MatchingStrategy(StrEnum):
    PER_EMAIL = "per_email"
    """One user search per address."""
    EXPORT = "export"
    """One pass over the account's users through the export search, matched here."""


@dataclass(frozen=True, slots=True)
class MatchingPlan:
    """How the CSV's emails will be matched, decided by counting, and how long it will take."""

    emails: int
    strategy: MatchingStrategy
    requests: int
    estimated_seconds: float
    account_users: int | None = None
    """The account's user count (None when the list was short enough not to count)."""


OnMatchingPlan = Callable[[MatchingPlan], None]


def _no_plan(plan: MatchingPlan) -> None:
    del plan


def plan_matching(
    emails: int,
    account_users: int | None,
    *,
    seconds_per_request: float,
    latency_s: float = 0.0,
) -> MatchingPlan:
    """Choose, by counting requests, per-email look-ups or one export pass over the users.

    Per email: one request per address. Export: one page per 1,000 users (the count request is
    already spent). The fewer requests win: they leave more of the shared budget to agents.
    The time is the requests at the rate budget's pace, a page taking as long as a recorded
    1,000-user page (EXPORT_PAGE_S) and the export search keeping to its own limit.
    """
    per_email_s = emails * max(seconds_per_request, latency_s)
    if account_users is None:
        return MatchingPlan(emails, MatchingStrategy.PER_EMAIL, emails, per_email_s)
    pages = max(1, math.ceil(account_users / EXPORT_PAGE_USERS))
    if pages >= emails:
        return MatchingPlan(emails, MatchingStrategy.PER_EMAIL, emails, per_email_s, account_users)
    page_s = max(seconds_per_request, latency_s, EXPORT_PAGE_S)
    if pages > EXPORT_LIMIT_PER_MINUTE:
        page_s = max(page_s, 60.0 / EXPORT_LIMIT_PER_MINUTE)
    return MatchingPlan(emails, MatchingStrategy.EXPORT, pages, pages * page_s, account_users)


# -- resolution -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipient:
    """One distinct customer the sources produced, with the reason they get no ticket, if any.

    For a CSV row that matches no user, `customer` is None and `user_id` is the row's id (or
    None for an email row).
    """

    user_id: int | None
    email: str | None
    name: str
    customer: Customer | None
    organization: Organization | None
    skip_reason: str | None = None
    """English, as in the journal and the JSON summary."""
    skip_message: Message | None = field(default=None, compare=False)
    """The same reason for translation where it is shown."""
    row: Mapping[str, str] | None = field(default=None, compare=False)
    """The cells of the customer's first CSV row (for `{{row.COLUMN}}`), None if in no row."""
    new_customer: bool = False
    """A CSV row matching no user, to be created with the ticket (`create_missing`)."""

    @property
    def will_get_ticket(self) -> bool:
        return self.skip_reason is None and (self.customer is not None or self.new_customer)


@dataclass(frozen=True, slots=True)
class Resolution(Sequence[Recipient]):
    """Every distinct recipient in a deterministic order (a sequence of them), plus the
    organizations of the customers found (for placeholders)."""

    recipients: tuple[Recipient, ...]
    organizations: Mapping[OrganizationId, Organization] = field(default_factory=dict)

    @overload
    def __getitem__(self, index: int) -> Recipient: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Recipient]: ...
    def __getitem__(self, index: int | slice) -> Recipient | Sequence[Recipient]:
        return self.recipients[index]

    def __len__(self) -> int:
        return len(self.recipients)

    def __iter__(self) -> Iterator[Recipient]:
        return iter(self.recipients)

    @property
    def sendable(self) -> tuple[Recipient, ...]:
        return tuple(each for each in self.recipients if each.will_get_ticket)

    @property
    def skipped(self) -> tuple[Recipient, ...]:
        return tuple(each for each in self.recipients if not each.will_get_ticket)


def _skip(source: str, **params: object) -> tuple[str, Message]:
    message = Message(REASONS, source, dict(params))
    return message.english(), message


class _Progress:
    def __init__(self, on_progress: OnProgress, cancel: threading.Event) -> None:
        self._on_progress = on_progress
        self._cancel = cancel
        self.loaded = 0
        self.total: int | None = None

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()

    def add(self, count: int) -> None:
        self.loaded += count
        self._on_progress(self.loaded, self.total)
        self.check()


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Found:
    """Customers looked up so far, by id and by (case-folded) email."""

    by_id: dict[int, Customer] = field(default_factory=dict)
    by_email: dict[str, list[Customer]] = field(default_factory=dict)

    def add(self, customer: Customer) -> None:
        if customer.id in self.by_id:
            return
        self.by_id[customer.id] = customer
        if customer.email:
            self.by_email.setdefault(customer.email.casefold(), []).append(customer)


def resolve_recipients(
    spec: CampaignSpec,
    lookup: AccountLookup,
    reached_by_campaign: Callable[[str], ReachedInfo],
    *,
    on_progress: OnProgress = _no_progress,
    cancel: threading.Event | None = None,
    csv_list: CsvList | None = None,
    known_customers: Iterable[Customer] = (),
    known_organizations: Mapping[OrganizationId, Organization] | None = None,
    campaign_name_of_tag: Callable[[str], str | None] = _no_campaign_names,
    now: datetime | None = None,
    rows: Mapping[int, Mapping[str, str]] | None = None,
    on_matching_plan: OnMatchingPlan = _no_plan,
    seconds_per_request: float = 0.0,
) -> Resolution:
    """Every distinct customer of the campaign's sources, once, each ready or with a reason.

    Order: the query's users as the search returns them, then `user_ids` as written, then the
    CSV's rows in file order; a customer named twice keeps their first place. Skipped with a
    reason: suspended users, agents and admins (unless `include_staff`), customers an excluded
    campaign reached (a ticket with its tag exists for them in the account, or the journal —
    `reached_by_campaign` — recorded one as created), CSV rows and ids that match no user.

    With `skip_contacted_within_days`, customers who got a ticket of any other campaign (the
    shared proactive tag, found in the account) since `now` minus that many days are skipped,
    the reason naming that campaign (`campaign_name_of_tag` names the journal's; others show
    their tag). With `create_missing`, a CSV email matching no user is a new customer (not
    skipped).

    `csv_list` is the CSV already read (else it is read from `spec`); `known_customers` and
    `known_organizations` spare look-ups of what the caller has loaded; `rows` gives the CSV
    cells of already-loaded customers (the wizard's import). `on_matching_plan` hears how the
    CSV's emails will be matched before it starts (`seconds_per_request`: the rate budget's
    pace). Raises CampaignFileError (`recipients.csv`, `recipients.exclude_campaigns`) and
    CancelledError.
    """
    progress = _Progress(on_progress, cancel or threading.Event())
    progress.check()
    sources = spec.recipients
    if sources.csv and csv_list is None:
        csv_list = read_csv(csv_path(spec))
    gathered, csv_rows = _gather(
        lookup,
        query=sources.query,
        user_ids=sources.user_ids,
        csv_entries=csv_list.entries if csv_list is not None else (),
        known_customers=known_customers,
        progress=progress,
        create_missing=sources.create_missing,
        on_matching_plan=on_matching_plan,
        seconds_per_request=seconds_per_request,
    )
    all_rows = {**(rows or {}), **csv_rows}
    excluded = _excluded(spec, lookup, reached_by_campaign, progress)
    contacted = _recently_contacted(
        spec, lookup, campaign_name_of_tag, progress, now or datetime.now(UTC)
    )
    organizations = _organizations(gathered, lookup, known_organizations or {}, progress)
    return Resolution(
        tuple(
            _with_reason(each, spec, excluded, contacted, organizations, all_rows)
            for each in gathered
        ),
        organizations,
    )


def _gather(
    lookup: AccountLookup,
    *,
    query: str | None,
    user_ids: Sequence[int],
    csv_entries: Sequence[CsvEntry],
    known_customers: Iterable[Customer],
    progress: _Progress,
    create_missing: bool = False,
    on_matching_plan: OnMatchingPlan = _no_plan,
    seconds_per_request: float = 0.0,
) -> tuple[list[Customer | Recipient], dict[int, Mapping[str, str]]]:
    """Look every source up; each customer once, each unmatched CSV row or id once.

    Also returns each found customer's first CSV row (user id → cells).
    """
    found = _Found()
    for customer in known_customers:
        found.add(customer)

    # 1. The query, a page at a time.
    ordered: list[_Slot] = []
    if query:
        for page in lookup.export_users(query):
            for customer in page:
                found.add(customer)
                ordered.append(_Slot(user_id=customer.id))
            progress.add(len(page))

    # 2. Ids from the file and the CSV, 100 per call.
    csv_ids = [entry.user_id for entry in csv_entries if entry.user_id is not None]
    missing_ids = [each for each in dict.fromkeys([*user_ids, *csv_ids]) if each not in found.by_id]
    ordered += [_Slot(user_id=each) for each in user_ids]
    wanted_emails = list(
        dict.fromkeys(
            entry.email.casefold()
            for entry in csv_entries
            if entry.email is not None and entry.email.casefold() not in found.by_email
        )
    )
    progress.total = progress.loaded + len(missing_ids) + len(wanted_emails)
    for chunk in _chunks(missing_ids, SHOW_MANY_CHUNK):
        for customer in lookup.show_many_users([UserId(each) for each in chunk]):
            found.add(customer)
        progress.add(len(chunk))

    # 3. CSV emails: one look-up each, or one pass over the account's users when that is
    #    cheaper (decided by counting them).
    if wanted_emails:
        _match_emails(lookup, wanted_emails, found, progress, on_matching_plan, seconds_per_request)
    for entry in csv_entries:
        if entry.user_id is not None:
            ordered.append(_Slot(user_id=entry.user_id, entry=entry))
        elif entry.email is not None:
            ordered.append(_Slot(email=entry.email, entry=entry))
    return _unite(ordered, found, create_missing=create_missing)


def _match_emails(
    lookup: AccountLookup,
    emails: Sequence[str],
    found: _Found,
    progress: _Progress,
    on_matching_plan: OnMatchingPlan,
    seconds_per_request: float,
) -> None:
    account_users: int | None = None
    latency_s = 0.0
    if len(emails) > PER_EMAIL_ALWAYS:
        started = time.monotonic()
        account_users = lookup.count_users("type:user")
        latency_s = time.monotonic() - started
        progress.check()
    plan = plan_matching(
        len(emails), account_users, seconds_per_request=seconds_per_request, latency_s=latency_s
    )
    on_matching_plan(plan)
    if plan.strategy is MatchingStrategy.PER_EMAIL:
        for email in emails:
            for customer in lookup.find_users_by_email(email):
                found.add(customer)
            progress.add(1)
        return
    # One pass over every user, matched locally, case-insensitively.
    wanted = set(emails)
    progress.total = progress.loaded + (account_users or 0)
    for page in lookup.export_users("type:user"):
        for customer in page:
            if customer.email and customer.email.casefold() in wanted:
                found.add(customer)
        progress.add(len(page))


def csv_path(spec: CampaignSpec) -> Path:
    """Where the campaign's CSV list is (`recipients.csv`, relative to the campaign file)."""
    written = Path(spec.recipients.csv or "")
    if written.is_absolute() or spec.csv_base_dir is None:
        return written
    return spec.csv_base_dir / written


@dataclass(frozen=True, slots=True)
class _Slot:
    """A place in the order: a user id or a CSV email, with its CSV row when it has one."""

    user_id: int | None = None
    email: str | None = None
    entry: CsvEntry | None = None


def _unite(
    ordered: Sequence[_Slot], found: _Found, *, create_missing: bool = False
) -> tuple[list[Customer | Recipient], dict[int, Mapping[str, str]]]:
    """Each customer once at their first place; each unmatched row once, with its reason (or
    as a new customer with `create_missing`); and each customer's first CSV row."""
    result: list[Customer | Recipient] = []
    seen_users: set[int] = set()
    seen_rows: set[tuple[str, str]] = set()
    rows: dict[int, Mapping[str, str]] = {}

    def add_customer(customer: Customer, slot: _Slot) -> None:
        if slot.entry is not None:
            rows.setdefault(customer.id, slot.entry.cells)
        if customer.id not in seen_users:
            seen_users.add(customer.id)
            result.append(customer)

    for slot in ordered:
        if slot.user_id is not None:
            customer = found.by_id.get(slot.user_id)
            if customer is not None:
                add_customer(customer, slot)
            elif ("id", str(slot.user_id)) not in seen_rows:
                seen_rows.add(("id", str(slot.user_id)))
                reason, message = _skip(SKIP_NO_ID, id=slot.user_id)
                result.append(Recipient(slot.user_id, None, "", None, None, reason, message))
        elif slot.email is not None:
            matches = found.by_email.get(slot.email.casefold(), [])
            for customer in sorted(matches, key=lambda each: each.id):
                add_customer(customer, slot)
            if not matches and ("email", slot.email.casefold()) not in seen_rows:
                seen_rows.add(("email", slot.email.casefold()))
                cells = slot.entry.cells if slot.entry is not None else None
                if create_missing:
                    name = (slot.entry.name if slot.entry is not None else "") or _local_part(
                        slot.email
                    )
                    result.append(
                        Recipient(None, slot.email, name, None, None, row=cells, new_customer=True)
                    )
                else:
                    reason, message = _skip(SKIP_NO_EMAIL, email=slot.email)
                    result.append(
                        Recipient(None, slot.email, "", None, None, reason, message, row=cells)
                    )
    return result, rows


def _local_part(email: str) -> str:
    """A new customer's name when the list gives none: what Zendesk shows for them too."""
    return email.split("@", 1)[0]


def _excluded(
    spec: CampaignSpec,
    lookup: AccountLookup,
    reached_by_campaign: Callable[[str], ReachedInfo],
    progress: _Progress,
) -> dict[int, str]:
    """User id → the first excluded campaign (as written in the file) that reached them."""
    excluded: dict[int, str] = {}
    for name in spec.recipients.exclude_campaigns:
        journal_reached = reached_by_campaign(name)
        tag = campaign_tag(name)
        account_reached: set[int] = set()
        ticket_count = 0
        if tag:
            for page in lookup.tickets_with_tag(tag):
                ticket_count += len(page)
                account_reached.update(
                    ticket.requester_id for ticket in page if ticket.requester_id is not None
                )
                progress.check()
        if journal_reached is None and ticket_count == 0:
            raise CampaignFileError(
                "recipients.exclude_campaigns",
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'recipients.exclude_campaigns: no campaign "{campaign}" is known, neither in '
                    'this computer\'s journal nor as tickets tagged "{tag}" in the account. '
                    "Check the name.",
                ),
                campaign=name,
                tag=tag,
            )
        for user_id in (*sorted(account_reached), *sorted(journal_reached or ())):
            excluded.setdefault(user_id, name)
    return excluded


def _recently_contacted(
    spec: CampaignSpec,
    lookup: AccountLookup,
    campaign_name_of_tag: Callable[[str], str | None],
    progress: _Progress,
    now: datetime,
) -> dict[int, str]:
    """User id → the campaign (name, else tag) of their newest proactive ticket in the window."""
    days = spec.recipients.skip_contacted_within_days
    if days is None:
        return {}
    since = now - timedelta(days=days)
    own_tag = spec.tag
    newest: dict[int, tuple[str, str]] = {}
    for page in lookup.tickets_with_tag_since(PROACTIVE_TAG, since.astimezone(UTC).date()):
        progress.check()
        for ticket in page:
            if ticket.requester_id is None or own_tag in ticket.tags:
                continue
            created = _moment(ticket.created_at)
            if created is not None and created < since:
                continue  # the search matched the day; the rule counts from the moment
            label = _campaign_label(ticket, campaign_name_of_tag)
            stamp = ticket.created_at or ""
            if ticket.requester_id not in newest or stamp > newest[ticket.requester_id][0]:
                newest[ticket.requester_id] = (stamp, label)
    return {user_id: label for user_id, (_stamp, label) in newest.items()}


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _campaign_label(ticket: TicketRef, campaign_name_of_tag: Callable[[str], str | None]) -> str:
    tag = campaign_tag_of(ticket.external_id, ticket.tags)
    if tag is None:
        # Not created by this program (an admin tagged it by hand, or another tool did).
        others = [each for each in ticket.tags if each != PROACTIVE_TAG]
        return others[0] if others else PROACTIVE_TAG
    return campaign_name_of_tag(tag) or tag


def _organizations(
    recipients: Sequence[Customer | Recipient],
    lookup: AccountLookup,
    known: Mapping[OrganizationId, Organization],
    progress: _Progress,
) -> dict[OrganizationId, Organization]:
    wanted = list(
        dict.fromkeys(
            each.organization_id
            for each in recipients
            if isinstance(each, Customer) and each.organization_id is not None
        )
    )
    organizations = {key: known[key] for key in wanted if key in known}
    missing = [key for key in wanted if key not in organizations]
    for chunk in _chunks(missing, SHOW_MANY_CHUNK):
        for organization in lookup.show_many_organizations(
            [OrganizationId(each) for each in chunk]
        ):
            organizations[organization.id] = organization
        progress.check()
    return organizations


def _with_reason(
    item: Customer | Recipient,
    spec: CampaignSpec,
    excluded: Mapping[int, str],
    contacted: Mapping[int, str],
    organizations: Mapping[OrganizationId, Organization],
    rows: Mapping[int, Mapping[str, str]],
) -> Recipient:
    if isinstance(item, Recipient):
        return item
    customer = item
    reason: tuple[str, Message] | None = None
    if customer.suspended:
        reason = _skip(SKIP_SUSPENDED)
    elif customer.is_staff and not spec.recipients.include_staff:
        reason = _skip(SKIP_STAFF)
    elif customer.id in excluded:
        reason = _skip(SKIP_EXCLUDED, campaign=excluded[customer.id])
    elif customer.id in contacted:
        reason = _skip(
            SKIP_CONTACTED,
            campaign=contacted[customer.id],
            days=spec.recipients.skip_contacted_within_days,
        )
    organization = (
        organizations.get(customer.organization_id)
        if customer.organization_id is not None
        else None
    )
    return Recipient(
        user_id=customer.id,
        email=customer.email,
        name=customer.name,
        customer=customer,
        organization=organization,
        skip_reason=reason[0] if reason else None,
        skip_message=reason[1] if reason else None,
        row=rows.get(customer.id),
    )


# -- the wizard's CSV import --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvMatch:
    """A CSV list matched to users: the customers found (any role), their organizations, the
    rows that matched no user as (the row's email or id, reason), each found customer's first
    row, the rows whose email matched no user (possible new customers) and how the emails were
    matched."""

    customers: tuple[Customer, ...]
    organizations: Mapping[OrganizationId, Organization]
    unmatched: tuple[tuple[str, str], ...]
    csv_list: CsvList
    rows: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    unknown_emails: tuple[CsvEntry, ...] = ()
    matching: MatchingPlan | None = None


def match_csv(
    path: Path,
    lookup: AccountLookup,
    *,
    on_progress: OnProgress = _no_progress,
    cancel: threading.Event | None = None,
    seconds_per_request: float = 0.0,
) -> CsvMatch:
    """Read a CSV list and look its customers up, for the wizard's Search page.

    Every user found is returned, whatever their role or state: the page decides what to show.
    """
    progress = _Progress(on_progress, cancel or threading.Event())
    csv_list = read_csv(path)
    plans: list[MatchingPlan] = []
    gathered, rows = _gather(
        lookup,
        query=None,
        user_ids=(),
        csv_entries=csv_list.entries,
        known_customers=(),
        progress=progress,
        on_matching_plan=plans.append,
        seconds_per_request=seconds_per_request,
    )
    customers = tuple(each for each in gathered if isinstance(each, Customer))
    unmatched = tuple(
        (_row_label(each), each.skip_reason or "")
        for each in gathered
        if isinstance(each, Recipient)
    )
    unknown = {
        each.email.casefold()
        for each in gathered
        if isinstance(each, Recipient) and each.email is not None
    }
    organizations = _organizations(gathered, lookup, {}, progress)
    return CsvMatch(
        customers,
        organizations,
        unmatched,
        csv_list,
        rows,
        tuple(e for e in csv_list.entries if e.email is not None and e.email.casefold() in unknown),
        plans[0] if plans else None,
    )


def _row_label(recipient: Recipient) -> str:
    if recipient.user_id is not None:
        return str(recipient.user_id)
    return recipient.email or ""
