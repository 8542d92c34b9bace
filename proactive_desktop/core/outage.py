"""Riding out failures that may pass — shared by the send loop and the withdraw loop.

Both loops meet the same weather: 429s, 5xx answers and dropped connections, usually for a few
seconds, sometimes for an outage. `OutageGuard` counts the failures since the last success,
waits between them (a capped `Retry-After`, else jittered back-off, through the account's
`RateGovernor`, so every wait is cancellable) and gives up once nothing has succeeded for the
tuning's outage limit: the loop then stops resumable with the error that ended it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from proactive_desktop.core.errors import RateLimitedError, ZendeskError
from proactive_desktop.core.rate import RateGovernor

log = logging.getLogger(__name__)


class OutageGuard:
    def __init__(
        self,
        governor: RateGovernor,
        cancel: threading.Event,
        *,
        outage_limit_s: float,
        clock: Callable[[], float],
    ) -> None:
        self._governor = governor
        self._cancel = cancel
        self._outage_limit_s = outage_limit_s
        self._clock = clock
        self._last_success = clock()
        self._failures = 0

    def succeeded(self) -> None:
        self._last_success = self._clock()
        self._failures = 0

    def failed(self, error: ZendeskError) -> bool:
        """Wait before the next try; False when cancelled meanwhile. Raises `error` once
        nothing has succeeded for the outage limit."""
        self._failures += 1
        if self._clock() - self._last_success > self._outage_limit_s:
            log.warning("No answer from Zendesk for %.0f s; stopping", self._outage_limit_s)
            raise error
        if isinstance(error, RateLimitedError):
            return self._governor.wait_retry_after(error.retry_after_s, self._cancel)
        return self._governor.backoff(self._failures, self._cancel)
