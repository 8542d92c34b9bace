"""Sliding-window request limits, as Zendesk applies them per account."""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass

WINDOW_S = 60.0


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome for one request, with what the rate-limit headers report."""

    allowed: bool
    limit: int
    remaining: int
    reset_s: int  # seconds until the window frees a slot
    retry_after_s: int  # meaningful when not allowed


class SlidingWindow:
    """At most `limit` requests in any 60 s; a refused request does not count."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamps: deque[float] = deque()

    def acquire(self, limit: int, now: float) -> Decision:
        with self._lock:
            stamps = self._stamps
            while stamps and stamps[0] <= now - WINDOW_S:
                stamps.popleft()
            # A lowered limit (config change) leaves more stamps than slots: still refuse.
            if len(stamps) >= limit:
                wait = stamps[len(stamps) - limit] + WINDOW_S - now
                seconds = max(1, math.ceil(wait))
                return Decision(False, limit, 0, seconds, seconds)
            stamps.append(now)
            reset = max(1, math.ceil(stamps[0] + WINDOW_S - now))
            return Decision(True, limit, limit - len(stamps), reset, 0)

    def used(self, now: float) -> int:
        with self._lock:
            return sum(1 for stamp in self._stamps if stamp > now - WINDOW_S)
