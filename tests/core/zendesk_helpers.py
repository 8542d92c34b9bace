"""Helpers for the client tests: a governor whose waits take no real time, a client factory."""

from __future__ import annotations

import threading

from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, Auth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient


class InstantTime:
    """A fake clock that moves only when the governor waits; every wait returns at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        if cancel.is_set():
            return False
        self.waits.append(seconds)
        self.now += seconds
        return True

    @property
    def waited_s(self) -> float:
        return sum(self.waits)


def instant_governor(time: InstantTime | None = None, **kwargs: float) -> RateGovernor:
    time = time or InstantTime()
    return RateGovernor(clock=time.clock, wait=time.wait, **kwargs)  # type: ignore[arg-type]


def client_for(
    url: str,
    email: str,
    token: str,
    *,
    time: InstantTime | None = None,
    auth: Auth | None = None,
    cancel: threading.Event | None = None,
) -> ZendeskClient:
    return ZendeskClient(
        url,
        auth or ApiTokenAuth(email, Secret(token)),
        governor=instant_governor(time),
        cancel=cancel,
    )
