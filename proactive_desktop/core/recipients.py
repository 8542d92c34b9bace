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

import csv
import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final, Protocol, TypeAlias, overload

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


# -- CSV ------------------------------------------------------------------------------------

EMAIL_COLUMNS: Final = ("email", "e-mail", "email address")
ID_COLUMNS: Final = ("id", "user_id")
DELIMITERS: Final = (",", ";", "\t")
_POSITIVE_ID: Final = re.compile(r"^\+?0*([1-9][0-9]{0,18})(?:\.0+)?$")
"""A positive integer; Excel may show an id column as 3101.0, which is still that id."""

_BOMS: Final = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(frozen=True, slots=True)
class CsvEntry:
    """One distinct customer named by the file: by id, by email, or by an id that is not one."""

    line: int
    """The file's line number (1 is the header), for messages."""
    user_id: UserId | None = None
    email: str | None = None
    """Trimmed as written; compared case-insensitively."""
    invalid_id: str | None = None
    """The text of an id cell that is not a positive integer."""

    @property
    def label(self) -> str:
        """The row as a person would name it: its id, email or bad id."""
        if self.user_id is not None:
            return str(self.user_id)
        return self.email or self.invalid_id or ""


@dataclass(frozen=True, slots=True)
class CsvList:
    """A customer list read from a CSV file: distinct entries in file order."""

    path: Path
    entries: tuple[CsvEntry, ...]
    encoding: str
    delimiter: str

    @property
    def ids(self) -> tuple[UserId, ...]:
        return tuple(entry.user_id for entry in self.entries if entry.user_id is not None)

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(entry.email for entry in self.entries if entry.email is not None)

    @property
    def invalid(self) -> tuple[CsvEntry, ...]:
        return tuple(entry for entry in self.entries if entry.invalid_id is not None)


def read_csv(path: Path) -> CsvList:
    """Read a customer list: a column named `email` and/or `id` (or `user_id`).

    The encoding is detected (UTF-8 with or without BOM, UTF-16/32 with BOM, CP932, GB18030) and
    so is the delimiter (comma, semicolon or tab). Header names are matched case-insensitively
    after trimming; where a row has both, the id wins. Rows with neither, blank lines and
    repeated customers are left out. Raises CampaignFileError (key `recipients.csv`).
    """
    try:
        raw = path.read_bytes()
    except OSError as problem:
        raise CampaignFileError(
            "recipients.csv",
            QT_TRANSLATE_NOOP("Errors", "recipients.csv: cannot read {path}: {reason}"),
            path=str(path),
            reason=problem.strerror or str(problem),
        ) from None
    text, encoding = decode_csv_bytes(raw, path)
    return _parse_csv(text, path, encoding)


def decode_csv_bytes(raw: bytes, path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with (see `read_csv`)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise _undecodable(path) from None
    if b"\x00" in raw:
        # UTF-16 without a byte order mark, or not text at all: nothing to guess safely (and
        # NUL bytes would pass as UTF-8).
        raise _undecodable(path)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: a legacy Excel export. CP932 and GB18030 both accept many of the same byte
    # pairs, so decode with each and keep the reading that looks like real text.
    candidates: list[tuple[int, int, str, str]] = []
    for order, encoding in enumerate(("cp932", "gb18030")):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_implausible_characters(text, encoding), order, text, encoding))
    if not candidates:
        raise _undecodable(path)
    _, _, text, encoding = min(candidates)
    return text, encoding


def _implausible_characters(text: str, encoding: str) -> int:
    """How many characters of a decoding are unlikely in a real customer list.

    Chinese text read as CP932 turns into half-width katakana and private-use characters;
    Japanese text read as GB18030 turns into characters outside GB2312, the set every
    simplified-Chinese name and word of everyday use comes from (and Excel's GBK exports
    mostly use), or into kana-free rare ideographs.
    """
    count = 0
    for character in text:
        code = ord(character)
        if code < 0x80:
            continue
        if 0xE000 <= code <= 0xF8FF:  # private use: never in a real name
            count += 2
        elif encoding == "cp932":
            if 0xFF61 <= code <= 0xFF9F:  # half-width katakana
                count += 1
        elif not _is_gb2312(character):
            count += 1
    return count


def _is_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _undecodable(path: Path) -> CampaignFileError:
    return CampaignFileError(
        "recipients.csv",
        QT_TRANSLATE_NOOP(
            "Errors",
            "recipients.csv: {path} is not readable text. Save it from Excel as "
            '"CSV UTF-8" (or as CSV in a Japanese or Chinese encoding) and try again.',
        ),
        path=str(path),
    )


def _parse_csv(text: str, path: Path, encoding: str) -> CsvList:
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise CampaignFileError(
            "recipients.csv",
            QT_TRANSLATE_NOOP("Errors", "recipients.csv: {path} is empty."),
            path=str(path),
        )
    delimiter, columns = _find_header(lines[header_index], path)
    id_column = next((columns[name] for name in ID_COLUMNS if name in columns), None)
    email_column = next((columns[name] for name in EMAIL_COLUMNS if name in columns), None)

    entries: list[CsvEntry] = []
    seen: set[tuple[str, str]] = set()
    body = "\n".join(lines[header_index + 1 :])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    for row in reader:
        line = header_index + 1 + reader.line_num
        entry = _entry(row, line, id_column, email_column)
        if entry is None:
            continue
        key = (
            ("id", str(entry.user_id))
            if entry.user_id is not None
            else ("email", entry.email.casefold())
            if entry.email is not None
            else ("invalid", entry.invalid_id or "")
        )
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    return CsvList(path, tuple(entries), encoding, delimiter)


def _find_header(line: str, path: Path) -> tuple[str, dict[str, int]]:
    wanted = set(EMAIL_COLUMNS) | set(ID_COLUMNS)
    best: tuple[str, dict[str, int]] | None = None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            name = cell.strip().strip("\ufeff").strip().casefold()
            columns.setdefault(name, index)
        if wanted & set(columns) and (best is None or len(columns) > len(best[1])):
            best = (delimiter, columns)
    if best is None:
        raise CampaignFileError(
            "recipients.csv",
            QT_TRANSLATE_NOOP(
                "Errors",
                "recipients.csv: {path} has no column named email or id in its first line.",
            ),
            path=str(path),
        )
    return best


def _entry(
    row: Sequence[str], line: int, id_column: int | None, email_column: int | None
) -> CsvEntry | None:
    def cell(column: int | None) -> str:
        if column is None or column >= len(row):
            return ""
        return row[column].strip()

    id_text = cell(id_column)
    email = cell(email_column)
    if id_text:
        match = _POSITIVE_ID.match(id_text)
        if match is None:
            return CsvEntry(line, invalid_id=id_text)
        return CsvEntry(line, user_id=UserId(int(match.group(1))))
    if email:
        return CsvEntry(line, email=email)
    return None


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

    @property
    def will_get_ticket(self) -> bool:
        return self.skip_reason is None and self.customer is not None


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
    their tag).

    `csv_list` is the CSV already read (else it is read from `spec`); `known_customers` and
    `known_organizations` spare look-ups of what the caller has loaded. Raises CampaignFileError
    (`recipients.csv`, `recipients.exclude_campaigns`) and CancelledError.
    """
    progress = _Progress(on_progress, cancel or threading.Event())
    progress.check()
    sources = spec.recipients
    if sources.csv and csv_list is None:
        csv_list = read_csv(_csv_path(spec))
    gathered = _gather(
        lookup,
        query=sources.query,
        user_ids=sources.user_ids,
        csv_entries=csv_list.entries if csv_list is not None else (),
        known_customers=known_customers,
        progress=progress,
    )
    excluded = _excluded(spec, lookup, reached_by_campaign, progress)
    contacted = _recently_contacted(
        spec, lookup, campaign_name_of_tag, progress, now or datetime.now(UTC)
    )
    organizations = _organizations(gathered, lookup, known_organizations or {}, progress)
    return Resolution(
        tuple(
            _with_reason(each, spec, excluded, contacted, organizations) for each in gathered
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
) -> list[Customer | Recipient]:
    """Look every source up; each customer once, each unmatched CSV row or id once."""
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
    csv_emails = {entry.email.casefold() for entry in csv_entries if entry.email is not None}
    progress.total = progress.loaded + len(missing_ids) + len(csv_emails)
    ordered += [_Slot(user_id=each) for each in user_ids]
    for chunk in _chunks(missing_ids, SHOW_MANY_CHUNK):
        for customer in lookup.show_many_users([UserId(each) for each in chunk]):
            found.add(customer)
        progress.add(len(chunk))

    # 3. CSV emails, one look-up each unless the query or the ids already found that address.
    looked_up: set[str] = set()
    for entry in csv_entries:
        if entry.user_id is not None:
            ordered.append(_Slot(user_id=entry.user_id))
        elif entry.email is not None:
            key = entry.email.casefold()
            if key not in looked_up:
                looked_up.add(key)
                if key not in found.by_email:
                    for customer in lookup.find_users_by_email(entry.email):
                        found.add(customer)
                progress.add(1)
            ordered.append(_Slot(email=entry.email))
        else:
            ordered.append(_Slot(invalid_id=entry.invalid_id))
    return _unite(ordered, found)


def _csv_path(spec: CampaignSpec) -> Path:
    written = Path(spec.recipients.csv or "")
    if written.is_absolute() or spec.csv_base_dir is None:
        return written
    return spec.csv_base_dir / written


@dataclass(frozen=True, slots=True)
class _Slot:
    """A place in the order: a user id, a CSV email, or a CSV id that is not one."""

    user_id: int | None = None
    email: str | None = None
    invalid_id: str | None = None


def _unite(ordered: Sequence[_Slot], found: _Found) -> list[Customer | Recipient]:
    """Each customer once at their first place; each unmatched row once, with its reason."""
    result: list[Customer | Recipient] = []
    seen_users: set[int] = set()
    seen_rows: set[tuple[str, str]] = set()

    def add_customer(customer: Customer) -> None:
        if customer.id not in seen_users:
            seen_users.add(customer.id)
            result.append(customer)

    for slot in ordered:
        if slot.user_id is not None:
            customer = found.by_id.get(slot.user_id)
            if customer is not None:
                add_customer(customer)
            elif ("id", str(slot.user_id)) not in seen_rows:
                seen_rows.add(("id", str(slot.user_id)))
                reason, message = _skip(SKIP_NO_ID, id=slot.user_id)
                result.append(Recipient(slot.user_id, None, "", None, None, reason, message))
        elif slot.email is not None:
            matches = found.by_email.get(slot.email.casefold(), [])
            for customer in sorted(matches, key=lambda each: each.id):
                add_customer(customer)
            if not matches and ("email", slot.email.casefold()) not in seen_rows:
                seen_rows.add(("email", slot.email.casefold()))
                reason, message = _skip(SKIP_NO_EMAIL, email=slot.email)
                result.append(Recipient(None, slot.email, "", None, None, reason, message))
        elif slot.invalid_id is not None and ("invalid", slot.invalid_id) not in seen_rows:
            seen_rows.add(("invalid", slot.invalid_id))
            reason, message = _skip(SKIP_BAD_ID, value=slot.invalid_id)
            result.append(Recipient(None, None, "", None, None, reason, message))
    return result


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
    )


# -- the wizard's CSV import --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvMatch:
    """A CSV list matched to users: the customers found (any role), their organizations, and
    the rows that matched no user as (the row's email or id, reason)."""

    customers: tuple[Customer, ...]
    organizations: Mapping[OrganizationId, Organization]
    unmatched: tuple[tuple[str, str], ...]
    csv_list: CsvList


def match_csv(
    path: Path,
    lookup: AccountLookup,
    *,
    on_progress: OnProgress = _no_progress,
    cancel: threading.Event | None = None,
) -> CsvMatch:
    """Read a CSV list and look its customers up, for the wizard's Search page.

    Every user found is returned, whatever their role or state: the page decides what to show.
    """
    progress = _Progress(on_progress, cancel or threading.Event())
    csv_list = read_csv(path)
    gathered = _gather(
        lookup,
        query=None,
        user_ids=(),
        csv_entries=csv_list.entries,
        known_customers=(),
        progress=progress,
    )
    customers = tuple(each for each in gathered if isinstance(each, Customer))
    unmatched = tuple(
        (_row_label(each), each.skip_reason or "")
        for each in gathered
        if isinstance(each, Recipient)
    )
    organizations = _organizations(gathered, lookup, {}, progress)
    return CsvMatch(customers, organizations, unmatched, csv_list)


def _row_label(recipient: Recipient) -> str:
    if recipient.user_id is not None:
        return str(recipient.user_id)
    if recipient.email is not None:
        return recipient.email
    params = recipient.skip_message.params if recipient.skip_message else {}
    return str(params.get("value", ""))
