"""Verify a sent campaign against the account: the account's own word, not the program's memory.

Reads only; writes nothing anywhere. Two independent readings of the account are combined:

- every ticket carrying the campaign tag, through the export search (no 1,000 cap) — this finds
  duplicates and tickets the journal does not know, but Zendesk's search index lags new and
  changed tickets by a few minutes (docs/ZENDESK.md, "Creating tickets");
- the journal's ticket ids (and the search hits), read back by id with `tickets/show_many`, 100 a
  request — this does not depend on the index: a ticket that exists is there, a deleted one is not.

The tickets are then grouped by requester and compared with the journal: customers with exactly
one ticket, customers with more than one (duplicates, oldest first, with links), customers the
journal says were created whose ticket the account no longer has (missing), and requesters the
journal does not know (unexpected). When the index may still hide something — a journal ticket
that exists but search did not return, or tickets newer than the index lag — the report says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from proactive_desktop.core.errors import CancelledError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.journal import CampaignRecord, CustomerRecord, Journal
from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import TicketRef

SEARCH_INDEX_LAG_S: Final = 10 * 60.0
"""How long Zendesk's search may take to show a new or changed ticket (a few minutes; with a
margin). Tickets younger than this may be missing from the search results."""

CONTEXT: Final = "Verify"


@dataclass(frozen=True, slots=True)
class DuplicateCustomer:
    """A customer of the campaign with more than one of its tickets in the account."""

    user_id: int
    ticket_ids: tuple[int, ...]
    """Oldest first: the first one is the ticket a withdrawal of duplicates keeps."""
    ticket_urls: tuple[str, ...]
    name: str = ""
    email: str | None = None

    @property
    def kept_ticket_id(self) -> int:
        return self.ticket_ids[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "ticket_ids": list(self.ticket_ids),
            "ticket_urls": list(self.ticket_urls),
        }


@dataclass(frozen=True, slots=True)
class MissingTicket:
    """A customer the journal says got a ticket that the account no longer has."""

    user_id: int
    ticket_id: int
    name: str = ""
    email: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "ticket_id": self.ticket_id}


@dataclass(frozen=True, slots=True)
class UnexpectedRequester:
    """A requester of tickets with the campaign tag whom the journal does not know as reached."""

    user_id: int | None
    ticket_ids: tuple[int, ...]
    ticket_urls: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "ticket_ids": list(self.ticket_ids),
            "ticket_urls": list(self.ticket_urls),
        }


@dataclass(frozen=True, slots=True)
class VerifyProgress:
    """How far the reading has come: `stage` is "search" or "tickets"."""

    stage: str
    done: int
    total: int | None


OnVerifyProgress = Callable[[VerifyProgress], None]


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The comparison of the account with the journal (CLI.md "verify")."""

    campaign: str
    tag: str
    tickets: int
    """Distinct tickets of the campaign found in the account."""
    customers_ok: int
    """Customers of the journal with exactly one ticket in the account."""
    duplicates: tuple[DuplicateCustomer, ...]
    missing: tuple[MissingTicket, ...]
    unexpected: tuple[UnexpectedRequester, ...]
    reached: int
    """Customers the journal says were reached (created, or in flight when the run stopped)."""
    unindexed: int
    """Tickets that exist (read by id) but that the search did not return yet."""
    search_may_lag: bool
    """The search index may still hide tickets: duplicates or strays may be missing here."""
    newest_ticket_at: datetime | None = None
    account_tickets: Mapping[int, tuple[TicketRef, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Requester → their tickets found in the account, oldest first (what a withdrawal acts on)."""

    @property
    def is_clean(self) -> bool:
        """Every customer has exactly one ticket, and nobody else has one."""
        return not (self.duplicates or self.missing or self.unexpected)

    @property
    def lag_message(self) -> Message | None:
        """What to tell the user about the search index, or None when it cannot hide anything."""
        if not self.search_may_lag:
            return None
        if self.unindexed:
            return Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Verify",
                    "Zendesk's search shows new and changed tickets only after a few minutes: "
                    "{unindexed} of the journal's tickets are not in it yet, so a duplicate or a "
                    "stray ticket made in the last {minutes} minutes may not be listed either. "
                    "The journal's own tickets were checked one by one. Verify again later to be "
                    "sure.",
                ),
                {"minutes": int(SEARCH_INDEX_LAG_S // 60), "unindexed": self.unindexed},
            )
        return Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Verify",
                "Zendesk's search shows new and changed tickets only after a few minutes, and "
                "this campaign's newest ticket is less than {minutes} minutes old: a duplicate or "
                "a stray ticket made since may not be listed yet. The journal's own tickets were "
                "checked one by one. Verify again later to be sure.",
            ),
            {"minutes": int(SEARCH_INDEX_LAG_S // 60)},
        )

    def to_json(self) -> dict[str, Any]:
        """CLI.md's verify object (with `reached`, `search_may_lag` and links as additions)."""
        lag = self.lag_message
        return {
            "campaign": self.campaign,
            "tag": self.tag,
            "tickets": self.tickets,
            "customers_ok": self.customers_ok,
            "duplicates": [each.to_json() for each in self.duplicates],
            "missing": [each.to_json() for each in self.missing],
            "unexpected": [each.to_json() for each in self.unexpected],
            "reached": self.reached,
            "search_may_lag": self.search_may_lag,
            "unindexed": self.unindexed,
            "search_lag_note": lag.english() if lag is not None else None,
        }


def verify_campaign(
    client: ZendeskClient,
    journal: Journal,
    record: CampaignRecord,
    *,
    cancel: threading.Event | None = None,
    on_progress: OnVerifyProgress | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> VerifyReport:
    """Compare the account's tickets of `record` with the journal. Reads only.

    Raises CancelledError when `cancel` is set, and the client's ZendeskErrors.
    """
    cancel = cancel or threading.Event()
    report = on_progress or (lambda progress: None)

    reached: dict[int, CustomerRecord] = {}
    journal_tickets: dict[int, int] = {}  # ticket id → user id, as the journal has it
    for customer in journal.iter_customers(record.id):
        if customer.user_id is None:
            continue
        if customer.status is CustomerStatus.CREATED or customer.is_in_flight:
            reached[customer.user_id] = customer
        if customer.status is CustomerStatus.CREATED and customer.ticket_id is not None:
            journal_tickets[customer.ticket_id] = customer.user_id

    searched: set[int] = set()
    for page in client.tickets_with_tag(record.tag, cancel=cancel):
        searched.update(ticket.id for ticket in page if record.tag in ticket.tags)
        report(VerifyProgress("search", len(searched), None))
    if cancel.is_set():
        raise CancelledError()

    # Read every ticket by id, the journal's and the search's: only this says what exists now
    # (search may still list a deleted ticket, and not list a new one yet).
    wanted = sorted(set(journal_tickets) | searched)
    found: dict[int, TicketRef] = {}
    chunk = 100
    for start in range(0, len(wanted), chunk):
        if cancel.is_set():
            raise CancelledError()
        for ticket in client.show_many_tickets(wanted[start : start + chunk], cancel=cancel):
            if ticket.id in journal_tickets or record.tag in ticket.tags:
                found[ticket.id] = ticket
        report(VerifyProgress("tickets", min(start + chunk, len(wanted)), len(wanted)))

    by_requester: dict[int | None, list[TicketRef]] = {}
    for ticket in sorted(found.values(), key=lambda t: t.id):
        # A ticket keeps its journal customer even if an agent changed the requester.
        owner = journal_tickets.get(ticket.id, ticket.requester_id)
        by_requester.setdefault(owner, []).append(ticket)

    duplicates: list[DuplicateCustomer] = []
    unexpected: list[UnexpectedRequester] = []
    customers_ok = 0
    for user_id, tickets in sorted(by_requester.items(), key=lambda item: item[1][0].id):
        ids = tuple(t.id for t in tickets)
        urls = tuple(client.ticket_url(i) for i in ids)
        known = reached.get(user_id) if user_id is not None else None
        if known is None:
            unexpected.append(UnexpectedRequester(user_id, ids, urls))
        elif len(ids) == 1:
            customers_ok += 1
        else:
            duplicates.append(DuplicateCustomer(user_id or 0, ids, urls, known.name, known.email))
    missing = tuple(
        MissingTicket(user_id, ticket_id, reached[user_id].name, reached[user_id].email)
        for ticket_id, user_id in sorted(journal_tickets.items())
        if ticket_id not in found
    )

    unindexed = sum(1 for ticket_id in found if ticket_id not in searched)
    newest = max((_moment(t.created_at) for t in found.values()), default=None, key=_sortable)
    recent = newest is not None and (now() - newest).total_seconds() < SEARCH_INDEX_LAG_S
    return VerifyReport(
        campaign=record.name,
        tag=record.tag,
        tickets=len(found),
        customers_ok=customers_ok,
        duplicates=tuple(duplicates),
        missing=missing,
        unexpected=tuple(unexpected),
        reached=len(reached),
        unindexed=unindexed,
        search_may_lag=unindexed > 0 or recent,
        newest_ticket_at=newest,
        account_tickets={
            user_id: tuple(tickets)
            for user_id, tickets in by_requester.items()
            if user_id is not None and user_id in reached
        },
    )


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _sortable(moment: datetime | None) -> datetime:
    return moment or datetime.min.replace(tzinfo=UTC)
