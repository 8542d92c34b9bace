"""RateGovernor with a fake clock: pacing, learning, headroom, Retry-After, backoff, cancel."""

from __future__ import annotations

import itertools
import random
import threading
import time

import pytest

from proactive_desktop.core.rate import (
    ASSUMED_LIMIT_PER_MINUTE,
    MAX_RETRY_AFTER_S,
    RateGovernor,
    parse_retry_after,
)


class FakeTime:
    """A clock that only moves when the governor waits (the wait function advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waited: list[float] = []

    def clock(self) -> float:
        return self.now

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        if cancel.is_set():
            return False
        self.waited.append(seconds)
        self.now += seconds
        return True


def make(
    headroom: float = 0.2, burst_share: float = 0.0, **kwargs: object
) -> tuple[RateGovernor, FakeTime]:
    """A governor on fake time; without a burst unless asked (plain even pacing)."""
    fake = FakeTime()
    governor = RateGovernor(
        headroom=headroom,
        clock=fake.clock,
        wait=fake.wait,
        rng=random.Random(7),
        burst_share=burst_share,
        **kwargs,  # type: ignore[arg-type]
    )
    return governor, fake


def grant_times(governor: RateGovernor, fake: FakeTime, count: int) -> list[float]:
    cancel = threading.Event()
    times = []
    for _ in range(count):
        assert governor.acquire(cancel)
        times.append(fake.now)
    return times


def test_starts_with_a_conservative_assumption() -> None:
    governor, fake = make()
    assert governor.limit_per_minute is None
    assert governor.budget_per_minute == pytest.approx(ASSUMED_LIMIT_PER_MINUTE * 0.8)
    times = grant_times(governor, fake, 3)
    assert times[0] == 1000.0  # the first request is not delayed
    assert times[2] - times[1] == pytest.approx(60 / 160)


def test_learns_the_limit_from_headers_case_insensitively() -> None:
    governor, fake = make()
    grant_times(governor, fake, 1)
    governor.observe(200, {"X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "699"})
    assert governor.limit_per_minute == 700
    assert governor.budget_per_minute == pytest.approx(560)
    times = grant_times(governor, fake, 4)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps == pytest.approx([60 / 560] * 3)


@pytest.mark.parametrize(
    "headers",
    [
        {"ratelimit-limit": "400", "ratelimit-remaining": "390", "ratelimit-reset": "20"},
        {"Rate-Limit": "400", "Rate-Limit-Remaining": "390", "Rate-Limit-Reset": "20"},
        {"RateLimit-Limit": "400, 400;w=60", "RateLimit-Remaining": "390"},
    ],
)
def test_endpoint_header_spellings(headers: dict[str, str]) -> None:
    governor, _ = make()
    governor.observe(200, headers)
    assert governor.limit_per_minute == 400


def test_account_header_wins_over_endpoint_header() -> None:
    governor, _ = make()
    governor.observe(200, {"x-rate-limit": "700", "ratelimit-limit": "100"})
    assert governor.limit_per_minute == 700


def test_paced_rate_never_exceeds_the_budget_over_a_minute() -> None:
    governor, fake = make(headroom=0.25)
    governor.observe(200, {"X-Rate-Limit": "400"})
    start = fake.now
    times = grant_times(governor, fake, 1000)
    in_first_minute = sum(1 for t in times if t < start + 60)
    assert in_first_minute <= 400 * 0.75 + 1
    assert governor.requests_per_minute == pytest.approx(300, rel=0.02)


def test_a_short_burst_then_even_pacing_and_never_over_the_budget_in_a_minute() -> None:
    governor, fake = make(headroom=0.2, burst_share=0.1)
    governor.observe(200, {"X-Rate-Limit": "400"})  # budget 320 a minute: a 32-request burst
    start = fake.now
    assert governor.grant_spacing_s(30) == 0.0
    times = grant_times(governor, fake, 700)
    assert times[31] == start  # the burst: no wait at all
    gaps = [b - a for a, b in itertools.pairwise(times[40:80])]
    assert gaps == pytest.approx([60 / 320] * len(gaps))  # then the budget's pace
    for first in range(0, 700, 7):
        window = [t for t in times if times[first] <= t < times[first] + 60]
        assert len(window) <= 320
    # Spent: the next requests are paced again.
    assert governor.grant_spacing_s(10) == pytest.approx(60 / 320, rel=0.05)


def test_a_burst_never_takes_the_headroom_others_need() -> None:
    governor, fake = make(headroom=0.2, burst_share=0.1)
    # Other integrations left 85 of 400: a burst of 32 would leave less than the 80 headroom.
    governor.observe(200, {"X-Rate-Limit": "400", "X-Rate-Limit-Remaining": "85"})
    start = fake.now
    times = grant_times(governor, fake, 10)
    assert times[4] == start  # five requests keep 80 for the others
    assert times[5] > start


def test_configurable_headroom() -> None:
    governor, _ = make(headroom=0.5)
    governor.observe(200, {"X-Rate-Limit": "200"})
    assert governor.budget_per_minute == pytest.approx(100)
    with pytest.raises(ValueError, match="headroom"):
        RateGovernor(headroom=1.0)


def test_holds_back_when_remaining_would_drop_below_headroom() -> None:
    """Other integrations used most of the window: the campaign waits instead of taking the rest."""
    governor, fake = make(headroom=0.2)
    cancel = threading.Event()
    paced = 60 / 80
    governor.observe(200, {"X-Rate-Limit": "100", "X-Rate-Limit-Remaining": "21"})
    before = fake.now
    assert governor.acquire(cancel)  # 21 left: one more keeps the floor of 20
    assert fake.now == before
    # The account keeps answering "20 left" (others eat whatever refills): each further request
    # waits for one request's worth of the sliding window (60 s / 100) beyond normal pacing.
    for _ in range(5):
        governor.observe(200, {"X-Rate-Limit": "100", "X-Rate-Limit-Remaining": "20"})
        before = fake.now
        assert governor.acquire(cancel)
        assert fake.now - before >= 60 / 100 - 1e-9
    # Far below the floor: wait until enough has refilled.
    governor.observe(200, {"X-Rate-Limit": "100", "X-Rate-Limit-Remaining": "5"})
    before = fake.now
    assert governor.acquire(cancel)
    assert fake.now - before == pytest.approx(max(paced, (20 - 4) * 60 / 100))


def test_remaining_reset_time_ends_the_hold() -> None:
    governor, fake = make(headroom=0.2)
    governor.observe(
        200, {"ratelimit-limit": "100", "ratelimit-remaining": "20", "ratelimit-reset": "7"}
    )
    start = fake.now
    assert governor.acquire(threading.Event())
    assert fake.now - start == pytest.approx(7)


def test_retry_after_blocks_every_caller_and_is_capped() -> None:
    governor, fake = make()
    governor.observe(429, {"Retry-After": "12"})
    start = fake.now
    grant_times(governor, fake, 1)
    assert fake.now - start == pytest.approx(12)

    governor.observe(429, {"retry-after": "86400"})  # six hours would be absurd
    start = fake.now
    grant_times(governor, fake, 1)
    assert fake.now - start == pytest.approx(MAX_RETRY_AFTER_S)


def test_parse_retry_after() -> None:
    assert parse_retry_after({"Retry-After": "30"}) == 30
    assert parse_retry_after({"retry-after": "9999"}) == MAX_RETRY_AFTER_S
    assert parse_retry_after({"retry-after": "9999"}, cap_s=60) == 60
    assert parse_retry_after({}) == 1.0
    assert parse_retry_after({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 1.0


def test_wait_retry_after_is_capped() -> None:
    governor, fake = make(max_retry_after_s=30)
    start = fake.now
    assert governor.wait_retry_after(1000, threading.Event())
    assert fake.now - start == pytest.approx(30)


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    governor, fake = make()
    delays = []
    for attempt in range(1, 10):
        start = fake.now
        assert governor.backoff(attempt, threading.Event())
        delays.append(fake.now - start)
    for attempt, delay in enumerate(delays, start=1):
        ceiling = min(60.0, 2 ** (attempt - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 60


def test_every_wait_returns_false_when_cancelled() -> None:
    governor, _ = make()
    cancel = threading.Event()
    cancel.set()
    assert not governor.acquire(cancel)
    assert not governor.backoff(3, cancel)
    assert not governor.wait_retry_after(10, cancel)


def test_cancel_interrupts_a_real_wait_at_once() -> None:
    """With the default wait (Event.wait), a 300 s Retry-After ends as soon as cancel is set."""
    governor = RateGovernor()
    governor.observe(429, {"Retry-After": "300"})
    cancel = threading.Event()
    timer = threading.Timer(0.05, cancel.set)
    timer.start()
    try:
        assert not governor.acquire(cancel)
    finally:
        timer.cancel()


def test_thread_safe_pacing_across_workers() -> None:
    """Eight threads share one governor on the real clock: grants stay evenly spaced."""
    governor = RateGovernor(headroom=0.0, burst_share=0.0)
    governor.observe(200, {"X-Rate-Limit": "6000"})  # 100/s → 10 ms apart
    cancel = threading.Event()
    granted: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(5):
            assert governor.acquire(cancel)
            with lock:
                granted.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(granted) == 40
    granted.sort()
    span = granted[-1] - granted[0]
    assert span >= 39 * 0.01 * 0.9  # never faster than the budget
