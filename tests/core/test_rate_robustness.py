"""RateGovernor under insane headers, and the notices of long waits (fake clock, no real time)."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Iterator

import pytest
from misbehaving import Headers, MisbehavingProxy
from zendesk_helpers import instant_governor

from proactive_desktop.core import rate
from proactive_desktop.core.rate import (
    ASSUMED_LIMIT_PER_MINUTE,
    WAIT_NOTICE_S,
    RateGovernor,
    WaitNotice,
    WaitReason,
    parse_retry_after,
)
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def clock(self) -> float:
        return self.now

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        if cancel.is_set():
            return False
        self.now += seconds
        return True


@pytest.fixture(autouse=True)
def _forget_reported_headers() -> Iterator[None]:
    rate._reported_headers.clear()
    yield
    rate._reported_headers.clear()


def governor() -> tuple[RateGovernor, FakeTime, list[WaitNotice]]:
    fake = FakeTime()
    made = RateGovernor(clock=fake.clock, wait=fake.wait, rng=random.Random(3))
    notices: list[WaitNotice] = []
    made.add_wait_listener(notices.append)
    return made, fake, notices


INSANE = ["inf", "-inf", "nan", "1e400", "-5", "garbage", "", "9" * 400, "0x10", "\x1b[31m7"]


@pytest.mark.parametrize("value", INSANE)
def test_an_insane_limit_is_ignored(value: str, caplog: pytest.LogCaptureFixture) -> None:
    made, _, _ = governor()
    caplog.set_level(logging.INFO, logger="proactive_desktop.core.rate")
    made.observe(200, {"X-Rate-Limit": value, "ratelimit-limit": value})
    assert made.limit_per_minute is None
    assert made.budget_per_minute == pytest.approx(ASSUMED_LIMIT_PER_MINUTE * 0.8)
    assert made.acquire(threading.Event())
    if value:
        assert "not a sane number" in caplog.text
        # The value is shown escaped: an escape sequence never reaches the log raw.
        assert "\x1b" not in caplog.text


@pytest.mark.parametrize("value", INSANE)
def test_insane_remaining_and_reset_are_ignored(value: str) -> None:
    made, fake, _ = governor()
    made.observe(
        200,
        {
            "X-Rate-Limit": "700",
            "X-Rate-Limit-Remaining": value,
            "ratelimit-remaining": value,
            "ratelimit-reset": value,
        },
    )
    assert made.limit_per_minute == 700
    start = fake.now
    for _ in range(3):
        assert made.acquire(threading.Event())
    # Paced at the learned budget, not held back by a bogus "remaining" or reset.
    assert fake.now - start < 1.0


def test_a_huge_limit_is_not_a_budget() -> None:
    made, _, _ = governor()
    made.observe(200, {"X-Rate-Limit": "1e12"})
    assert made.limit_per_minute is None


@pytest.mark.parametrize(
    ("value", "expected"), [("inf", 1.0), ("nan", 1.0), ("-3", 1.0), ("1e9", 300.0)]
)
def test_an_insane_retry_after_is_capped_or_defaulted(value: str, expected: float) -> None:
    assert parse_retry_after({"Retry-After": value}) == expected


def test_an_insane_header_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    made, _, _ = governor()
    caplog.set_level(logging.INFO, logger="proactive_desktop.core.rate")
    for _ in range(5):
        made.observe(200, {"X-Rate-Limit": "inf"})
    assert caplog.text.count("not a sane number") == 1


def test_a_long_retry_after_is_announced_with_its_length() -> None:
    made, _, notices = governor()
    assert made.wait_retry_after(120, threading.Event())
    assert notices == [WaitNotice(WaitReason.RETRY_AFTER, 120.0)]


def test_an_empty_budget_is_announced_once_for_every_waiting_request() -> None:
    made, _, notices = governor()
    # The account says only 10 of 700 are left: the governor holds back until it refills.
    made.observe(200, {"X-Rate-Limit": "700", "X-Rate-Limit-Remaining": "10"})
    cancel = threading.Event()
    assert made.acquire(cancel)
    assert made.acquire(cancel)
    assert len(notices) == 1
    assert notices[0].reason is WaitReason.RATE_BUDGET
    assert notices[0].seconds >= WAIT_NOTICE_S


def test_a_429_seen_by_another_thread_is_announced_as_retry_after() -> None:
    made, _, notices = governor()
    made.observe(429, {"Retry-After": "30"})
    assert made.acquire(threading.Event())
    assert [n.reason for n in notices] == [WaitReason.RETRY_AFTER]


def test_short_waits_and_pacing_say_nothing() -> None:
    made, _, notices = governor()
    cancel = threading.Event()
    for _ in range(5):
        assert made.acquire(cancel)
    assert made.wait_retry_after(1, cancel)
    assert notices == []


def test_a_long_backoff_is_announced() -> None:
    made, _, notices = governor()
    assert made.backoff(6, threading.Event())
    assert [n.reason for n in notices] == [WaitReason.BACKOFF]


def test_a_listener_that_raises_does_not_stop_the_wait() -> None:
    made, _, _ = governor()

    def broken(notice: WaitNotice) -> None:
        raise RuntimeError(notice)

    made.add_wait_listener(broken)
    assert made.wait_retry_after(10, threading.Event())
    made.remove_wait_listener(broken)


@pytest.mark.parametrize("value", ["inf", "garbage", "-1", "1e400"])
def test_insane_headers_over_http_do_not_break_a_request(
    sandbox: SandboxServer, value: str
) -> None:
    with MisbehavingProxy(sandbox.url) as proxy:
        proxy.misbehave(
            Headers(
                {
                    "X-Rate-Limit": value,
                    "X-Rate-Limit-Remaining": value,
                    "ratelimit-limit": value,
                    "ratelimit-reset": value,
                    "Retry-After": value,
                }
            )
        )
        client = ZendeskClient(
            proxy.url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), governor=instant_governor()
        )
        assert client.me().email == DEMO_EMAIL
        assert client.user_fields() is not None
        assert client.governor.limit_per_minute is None
