"""A clock the tests move by hand, and sandbox customers by time zone."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from proactive_desktop.core.models import Customer
from proactive_desktop.core.zendesk.client import ZendeskClient

COMPUTER_ZONE = ZoneInfo("Europe/Berlin")
"""The zone of the tests' computer: per_day's days are Berlin days."""


class ManualClock:
    """Now is whatever the test says (in the computer's zone); it never moves by itself."""

    def __init__(self, at: datetime) -> None:
        self._at = at.astimezone(COMPUTER_ZONE)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._at

    def set(self, at: datetime) -> None:
        with self._lock:
            self._at = at.astimezone(COMPUTER_ZONE)

    def advance(self, **delta: float) -> None:
        with self._lock:
            self._at = (self._at + timedelta(**delta)).astimezone(COMPUTER_ZONE)


def customers_in(client: ZendeskClient, zone: str, count: int) -> list[Customer]:
    """`count` active end-users whose Zendesk `iana_time_zone` is `zone`, by id."""
    found: list[Customer] = []
    for page in client.export_users("type:user role:end-user"):
        found.extend(
            c
            for c in page
            if c.role == "end-user" and not c.suspended and c.active and c.iana_time_zone == zone
        )
    found.sort(key=lambda c: c.id)
    assert len(found) >= count, f"the sandbox has only {len(found)} customers in {zone}"
    return found[:count]
