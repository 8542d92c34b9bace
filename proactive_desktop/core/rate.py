"""RateGovernor: keeps a campaign within its share of the account's request budget.

Zendesk's rate limit is account-wide and shared with every agent and integration (docs/ZENDESK.md,
"Rate limits"). The governor

- learns the real limit from the `X-Rate-Limit` / `ratelimit-*` / `rate-limit-*` headers of every
  answer, starting from a conservative assumption (the smallest plan) until it has learned it;
- paces requests at `limit × (1 − headroom) / 60` per second, and holds back whenever the
  remaining budget it knows of would fall below `headroom × limit` within the window;
- lets a short burst through at the start (a bucket of `burst_share` × the budget: 32 requests on
  a 400-a-minute account), as long as no 60 s window holds more than the budget: a campaign's
  first create_many jobs then start together instead of one pacing interval apart, which is what
  decides how soon 1,000 tickets are done (the jobs, not the requests, take the time);
- honours `Retry-After` (capped at MAX_RETRY_AFTER_S) for every thread sharing it;
- backs off exponentially with jitter after server or network errors;
- ignores, with a log line, header values that are not sane numbers (`inf`, `nan`, negative,
  absurdly large, garbage): a broken proxy must not end a campaign with an OverflowError;
- tells its listeners (`add_wait_listener`) about every wait longer than WAIT_NOTICE_S, with its
  reason and length, so the command line and the wizard can say why nothing moves.

It is shared by all worker threads of one account and is thread-safe. It never sleeps: every wait
is `wait(cancel, seconds)` — by default `not cancel.wait(seconds)` — which returns at once when the
Event is set, so Cancel takes effect immediately. Clock, wait and randomness are injected so the
unit tests run in milliseconds.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

MAX_RETRY_AFTER_S = 300.0
DEFAULT_HEADROOM = 0.2
# Until an answer tells us better, assume the smallest plan (Team: 200 requests per minute).
ASSUMED_LIMIT_PER_MINUTE = 200
_TOKEN_EPSILON = 1e-9
DEFAULT_BURST_SHARE = 0.1
"""The burst allowance as a share of the per-minute budget (6 s worth of requests)."""
BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 60.0
WINDOW_S = 60.0
# A single wait is cut into slices so a newly learned limit or a Retry-After seen by another
# thread takes effect without waiting out a stale decision.
MAX_WAIT_SLICE_S = 1.0
CLOCK_RESOLUTION_S = 1e-6
WAIT_NOTICE_S = 2.0
"""A wait at least this long is announced to the listeners (shorter ones are ordinary pacing)."""
# Far above any real plan (Enterprise: 700 a minute; the high-volume add-on: 2,500): a larger
# value is a broken header, not a budget.
MAX_SANE_LIMIT_PER_MINUTE = 1_000_000
MAX_SANE_RESET_S = 24 * 3600.0

log = logging.getLogger(__name__)

_LIMIT_HEADERS = ("x-rate-limit", "ratelimit-limit", "rate-limit")
_REMAINING_HEADERS = ("x-rate-limit-remaining", "ratelimit-remaining", "rate-limit-remaining")
_RESET_HEADERS = ("ratelimit-reset", "rate-limit-reset")

Clock = Callable[[], float]
Wait = Callable[[threading.Event, float], bool]
"""`wait(cancel, seconds)` → True when the time passed, False when `cancel` was set."""


def _event_wait(cancel: threading.Event, seconds: float) -> bool:
    return not cancel.wait(seconds)


_reported_lock = threading.Lock()
_reported_headers: set[str] = set()


def _report_insane(name: str, value: str) -> None:
    """Log an insane header once per header name (it may come with every answer)."""
    with _reported_lock:
        if name in _reported_headers:
            return
        _reported_headers.add(name)
    # %r and a cut: the value comes from outside and may hold control characters.
    log.warning("Ignoring the header %s: %r is not a sane number", name or "?", value[:40])


class WaitReason(StrEnum):
    RETRY_AFTER = "retry_after"
    """Zendesk answered 429 and asked to wait (Retry-After)."""
    RATE_BUDGET = "rate_budget"
    """The account's budget (less the headroom) is used up until it refills."""
    BACKOFF = "backoff"
    """Zendesk or the network failed; waiting before trying again."""


@dataclass(frozen=True, slots=True)
class WaitNotice:
    """A wait that is starting: why, and how long it will be (seconds)."""

    reason: WaitReason
    seconds: float


WaitListener = Callable[[WaitNotice], None]


def _leading_number(
    value: str | None, *, name: str = "", maximum: float = math.inf
) -> float | None:
    """`"700"` → 700; `"100, 100;w=60"` (IETF draft form) → 100; anything not sane → None.

    Not sane: not a number, `inf`/`nan`, negative, or above `maximum`. Such a value is ignored
    with a log line (the header is a broken proxy's or server's, not the account's budget).
    """
    if value is None:
        return None
    head = value.split(",", 1)[0].split(";", 1)[0].strip()
    try:
        number = float(head)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not 0 <= number <= maximum:
        _report_insane(name, value)
        return None
    return number


def parse_retry_after(headers: Mapping[str, str], *, cap_s: float = MAX_RETRY_AFTER_S) -> float:
    """Retry-After in seconds (the delta form Zendesk sends), capped; 1 s when absent or odd."""
    lowered = {key.lower(): value for key, value in headers.items()}
    seconds = _leading_number(lowered.get("retry-after"), name="retry-after")
    if seconds is None:
        return 1.0
    return min(max(seconds, 0.0), cap_s)


class RateGovernor:
    """Paces one account's requests within `(1 − headroom)` of its learned per-minute limit."""

    def __init__(
        self,
        *,
        headroom: float = DEFAULT_HEADROOM,
        max_retry_after_s: float = MAX_RETRY_AFTER_S,
        assumed_limit_per_minute: int = ASSUMED_LIMIT_PER_MINUTE,
        clock: Clock = time.monotonic,
        wait: Wait = _event_wait,
        rng: random.Random | None = None,
        burst_share: float = DEFAULT_BURST_SHARE,
    ) -> None:
        if not 0.0 <= headroom < 1.0:
            raise ValueError("headroom must be at least 0 and below 1")
        if not 0.0 <= burst_share <= 1.0:
            raise ValueError("burst_share must be within 0..1")
        self.burst_share = burst_share
        self.headroom = headroom
        self.max_retry_after_s = max_retry_after_s
        self._assumed_limit = assumed_limit_per_minute
        self._clock = clock
        self._wait = wait
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._limit: int | None = None
        # What the account had left at the last answer, and how many grants happened since.
        self._remaining: float | None = None
        self._remaining_at = 0.0
        self._reset_at: float | None = None
        self._granted_since_remaining = 0
        self._blocked_until = float("-inf")
        self._grants: deque[float] = deque()
        self._wait_listeners: list[WaitListener] = []
        self._announced_until = float("-inf")
        # The burst bucket: requests that may go without waiting for their pacing slot. One
        # token at least, which is plain even pacing (the first request is not delayed).
        self._tokens = self._capacity_locked()
        self._tokens_at = clock()

    # -- what the UI and the engine read ------------------------------------------------------

    @property
    def limit_per_minute(self) -> int | None:
        """The account's limit as the last answer reported it; None until learned."""
        with self._lock:
            return self._limit

    @property
    def budget_per_minute(self) -> float:
        """The share of the limit this campaign may use: `limit × (1 − headroom)`."""
        with self._lock:
            return self._budget_locked()

    @property
    def requests_per_minute(self) -> float:
        """Requests granted per minute, measured over the last minute (for ETAs)."""
        with self._lock:
            now = self._clock()
            self._forget_old_grants(now)
            if len(self._grants) < 2:
                return float(len(self._grants))
            span = max(now - self._grants[0], 1.0)
            return len(self._grants) * WINDOW_S / min(span, WINDOW_S)

    def add_wait_listener(self, listener: WaitListener) -> None:
        """Call `listener` (from the waiting thread) when a wait of WAIT_NOTICE_S or more starts."""
        with self._lock:
            self._wait_listeners.append(listener)

    def remove_wait_listener(self, listener: WaitListener) -> None:
        with self._lock:
            if listener in self._wait_listeners:
                self._wait_listeners.remove(listener)

    # -- the calls every request makes --------------------------------------------------------

    def acquire(self, cancel: threading.Event) -> bool:
        """Wait for this request's turn. False when `cancel` was set first (send nothing)."""
        first = True
        while True:
            if cancel.is_set():
                return False
            with self._lock:
                now = self._clock()
                delay = self._delay_locked(now)
                # A microsecond is nothing to wait for, and a float clock may not even move.
                if delay <= CLOCK_RESOLUTION_S:
                    self._grant_locked(now)
                    return True
                notice = (
                    self._notice_locked(now, delay, self._delay_reason_locked(now))
                    if first
                    else None
                )
            first = False
            self._announce(notice)
            if not self._wait(cancel, min(delay, MAX_WAIT_SLICE_S)):
                return False

    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        """Learn from an answer: the rate headers, and a 429's Retry-After for every thread."""
        lowered = {key.lower(): value for key, value in headers.items()}
        limit = self._first_number(lowered, _LIMIT_HEADERS, MAX_SANE_LIMIT_PER_MINUTE)
        remaining = self._first_number(lowered, _REMAINING_HEADERS, MAX_SANE_LIMIT_PER_MINUTE)
        reset_s = self._first_number(lowered, _RESET_HEADERS, MAX_SANE_RESET_S)
        with self._lock:
            now = self._clock()
            if limit is not None and limit >= 1:
                self._refill_locked(now)
                share = self._tokens / self._capacity_locked()
                self._limit = int(limit)
                # The bucket keeps its fill level; a faster budget refills it faster from now.
                self._tokens = share * self._capacity_locked()
            if remaining is not None:
                self._remaining = remaining
                self._remaining_at = now
                self._granted_since_remaining = 0
                self._reset_at = now + min(reset_s, WINDOW_S) if reset_s is not None else None
            if status_code == 429:
                retry_after = parse_retry_after(lowered, cap_s=self.max_retry_after_s)
                self._blocked_until = max(self._blocked_until, now + retry_after)

    def wait_retry_after(self, seconds: float, cancel: threading.Event) -> bool:
        """Wait out a Retry-After (capped); other threads pause too. False when cancelled."""
        seconds = min(max(seconds, 0.0), self.max_retry_after_s)
        with self._lock:
            now = self._clock()
            until = now + seconds
            self._blocked_until = max(self._blocked_until, until)
            notice = self._notice_locked(now, seconds, WaitReason.RETRY_AFTER)
        self._announce(notice)
        return self._wait_until(until, cancel)

    def backoff(self, attempt: int, cancel: threading.Event) -> bool:
        """Wait before retry number `attempt` (1, 2, …) after a 5xx or network error.

        Exponential (1 s, 2 s, 4 s … capped at BACKOFF_MAX_S) with "equal jitter": half fixed,
        half random, so workers that failed together do not retry together. False when cancelled.
        """
        ceiling = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** max(attempt - 1, 0))
        delay = ceiling / 2 + self._rng.uniform(0, ceiling / 2)
        with self._lock:
            now = self._clock()
            until = now + delay
            notice = self._notice_locked(now, delay, WaitReason.BACKOFF)
        self._announce(notice)
        return self._wait_until(until, cancel)

    # -- internals ----------------------------------------------------------------------------

    def _delay_reason_locked(self, now: float) -> WaitReason:
        return WaitReason.RETRY_AFTER if self._blocked_until > now else WaitReason.RATE_BUDGET

    def _notice_locked(self, now: float, seconds: float, reason: WaitReason) -> WaitNotice | None:
        """A notice for a long wait, once per wait however many threads sit it out."""
        until = now + seconds
        if seconds < WAIT_NOTICE_S or until <= self._announced_until + 1.0:
            return None
        self._announced_until = until
        return WaitNotice(reason, seconds)

    def _announce(self, notice: WaitNotice | None) -> None:
        if notice is None:
            return
        log.info("Waiting %.0f s: %s", notice.seconds, notice.reason)
        with self._lock:
            listeners = list(self._wait_listeners)
        for listener in listeners:
            try:
                listener(notice)
            except Exception:  # a listener's bug must not stop a request: log it and go on
                log.exception("A wait listener raised; ignored")

    def _wait_until(self, until: float, cancel: threading.Event) -> bool:
        while True:
            if cancel.is_set():
                return False
            left = until - self._clock()
            if left <= 0:
                return True
            if not self._wait(cancel, min(left, MAX_WAIT_SLICE_S)):
                return False

    @staticmethod
    def _first_number(
        headers: Mapping[str, str], names: tuple[str, ...], maximum: float
    ) -> float | None:
        # X-Rate-Limit is the account-wide pair; the endpoint-specific names are a fallback.
        for name in names:
            number = _leading_number(headers.get(name), name=name, maximum=maximum)
            if number is not None:
                return number
        return None

    def _effective_limit_locked(self) -> int:
        return self._limit if self._limit is not None else self._assumed_limit

    def _budget_locked(self) -> float:
        return self._effective_limit_locked() * (1.0 - self.headroom)

    def _interval_locked(self) -> float:
        return WINDOW_S / max(self._budget_locked(), 1e-9)

    def _estimated_remaining_locked(self, now: float) -> float | None:
        """What the account has left now, as far as we know (conservatively)."""
        if self._remaining is None:
            return None
        limit = float(self._effective_limit_locked())
        if self._reset_at is not None:
            # A fixed window: nothing comes back until it resets, then all of it.
            if now >= self._reset_at:
                return limit - self._granted_since_remaining
            return self._remaining - self._granted_since_remaining
        # Zendesk's window slides: without a reset time, assume the budget refills evenly.
        refill = (now - self._remaining_at) * limit / WINDOW_S
        return min(limit, self._remaining + refill) - self._granted_since_remaining

    def _capacity_locked(self) -> float:
        return max(1.0, self.burst_share * self._budget_locked())

    def _refill_locked(self, now: float) -> None:
        rate = self._budget_locked() / WINDOW_S
        self._tokens = min(
            self._capacity_locked(), self._tokens + max(0.0, now - self._tokens_at) * rate
        )
        self._tokens_at = now

    def _slot_delay_locked(self, now: float) -> float:
        """How long until the bucket holds a token, and the last minute has room for a grant."""
        self._refill_locked(now)
        delay = 0.0
        if self._tokens < 1.0 - _TOKEN_EPSILON:  # rounding must not leave a wait of 1e-17 s
            delay = (1.0 - self._tokens) * self._interval_locked()
        self._forget_old_grants(now)
        if len(self._grants) >= self._budget_locked():
            # Never more than the budget in any 60 s window, burst included.
            delay = max(delay, self._grants[0] + WINDOW_S - now)
        return delay

    def grant_spacing_s(self, count: int) -> float:
        """The average wait between the next `count` grants if asked for back to back (the
        burst first, then the pacing interval): what the send loop sizes its first jobs by."""
        if count <= 0:
            return 0.0
        with self._lock:
            self._refill_locked(self._clock())
            paced = max(0.0, count - max(self._tokens, 0.0))
            return paced * self._interval_locked() / count

    def _delay_locked(self, now: float) -> float:
        delay = max(self._blocked_until - now, self._slot_delay_locked(now))
        remaining = self._estimated_remaining_locked(now)
        if remaining is not None:
            limit = float(self._effective_limit_locked())
            floor = self.headroom * limit
            # Granting this request would leave `remaining - 1`; keep that at or above the floor.
            deficit = floor - (remaining - 1)
            if deficit > _TOKEN_EPSILON:  # a rounding remainder is no deficit
                if self._reset_at is not None:
                    refill_s = self._reset_at - now
                else:
                    refill_s = deficit * WINDOW_S / limit
                delay = max(delay, refill_s)
        return delay

    def _grant_locked(self, now: float) -> None:
        self._refill_locked(now)
        self._tokens = max(0.0, self._tokens - 1.0)
        self._granted_since_remaining += 1
        self._grants.append(now)
        self._forget_old_grants(now)

    def _forget_old_grants(self, now: float) -> None:
        while self._grants and self._grants[0] <= now - WINDOW_S:
            self._grants.popleft()
