"""Loading a whole segment: every user a query matches, with their organizations.

The Search page and the command line both call `load_segment()`. It streams the uncapped export
search a page (1,000 users) at a time, reporting progress after each page, then fetches the
organizations of the loaded users with `show_many` (deduplicated, 100 ids a request). It is
cancellable between requests: `CancelledError` leaves nothing half-done behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from proactive_desktop.core.errors import CancelledError
from proactive_desktop.core.models import Customer, Organization, OrganizationId, UserId
from proactive_desktop.core.zendesk.client import ZendeskClient

log = logging.getLogger(__name__)

OnProgress = Callable[[int, int | None], None]
"""`on_progress(loaded, total)`: users loaded so far, and the total when Zendesk told it."""


@dataclass(frozen=True, slots=True)
class Segment:
    """The users a query matched (every role: callers drop staff) and their organizations."""

    query: str
    customers: tuple[Customer, ...]
    organizations: dict[OrganizationId, Organization] = field(default_factory=dict)
    total_reported: int | None = None
    """Zendesk's count for the query (search/count), None when not asked."""

    def organization_of(self, customer: Customer) -> Organization | None:
        if customer.organization_id is None:
            return None
        return self.organizations.get(customer.organization_id)


def _ignore_progress(loaded: int, total: int | None) -> None:
    del loaded, total


def load_segment(
    client: ZendeskClient,
    query: str,
    *,
    on_progress: OnProgress = _ignore_progress,
    cancel: threading.Event | None = None,
    with_total: bool = True,
) -> Segment:
    """Every user matching `query` (no 1,000 cap) and their organizations.

    With `with_total`, one request first asks Zendesk how many users match (search/count), so
    the progress has a total; the export itself does not say. Raises CancelledError when `cancel` is
    set, and the client's errors otherwise.
    """
    cancel = cancel if cancel is not None else threading.Event()
    total: int | None = None
    if with_total:
        total = client.count_users(query)
        on_progress(0, total)
    reported = total

    customers: list[Customer] = []
    seen: set[UserId] = set()
    for page in client.export_users(query, cancel=cancel):
        for customer in page:
            # Cursor pages do not overlap, but a user changed during the export could repeat.
            if customer.id not in seen:
                seen.add(customer.id)
                customers.append(customer)
        if total is not None and len(customers) > total:
            total = len(customers)  # users added while loading: never report loaded > total
        on_progress(len(customers), total)
        if cancel.is_set():
            raise CancelledError()

    organization_ids = list(
        dict.fromkeys(c.organization_id for c in customers if c.organization_id is not None)
    )
    organizations: dict[OrganizationId, Organization] = {}
    if organization_ids:
        if cancel.is_set():
            raise CancelledError()
        for organization in client.show_many_organizations(organization_ids, cancel=cancel):
            organizations[organization.id] = organization
    if total != len(customers):
        # Zendesk's count is an estimate: the end of the load is when loaded == total.
        on_progress(len(customers), len(customers))
    log.info(
        "segment loaded: %d users, %d organizations (reported total %s)",
        len(customers),
        len(organizations),
        total,
    )
    return Segment(
        query=query,
        customers=tuple(customers),
        organizations=organizations,
        total_reported=reported,
    )
