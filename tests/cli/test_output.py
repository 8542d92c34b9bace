"""The command line's progress lines and the human summary."""

from __future__ import annotations

import io
from dataclasses import dataclass

from proactive_desktop.cli_output import ProgressReporter, format_duration, human_summary
from proactive_desktop.core.events import (
    CustomerOutcome,
    Phase,
    PhaseChanged,
    ProgressCounts,
    ResolveProgress,
    SendProgress,
)
from proactive_desktop.core.models import CustomerStatus


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress(done: int, total: int = 100, *, failed: int = 0) -> SendProgress:
    counts = ProgressCounts(
        total=total, created=done - failed, failed=failed, skipped=0, pending=total - done
    )
    return SendProgress(counts=counts, rate_per_minute=240.0, eta_s=95.0)


def test_plain_lines_at_most_once_a_second() -> None:
    stream = io.StringIO()
    clock = FakeClock()
    reporter = ProgressReporter(stream, is_terminal=False, clock=clock)
    reporter(PhaseChanged(Phase.SENDING))
    for done in range(1, 50):
        clock.now += 0.1  # 49 events over 4.9 s
        reporter(progress(done))
    reporter.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Creating the tickets…"
    sending = [line for line in lines if line.startswith("Sending:")]
    assert 4 <= len(sending) <= 6
    assert sending[-1] == ("Sending: 49/100, 240/min, about 1 min 35 s left, created 49, failed 0")
    assert "\r" not in stream.getvalue()


def test_terminal_redraws_one_line_with_a_bar() -> None:
    stream = io.StringIO()
    clock = FakeClock()
    reporter = ProgressReporter(stream, is_terminal=True, clock=clock, width=lambda: 100)
    reporter(progress(50, failed=2))
    clock.now += 1
    reporter(progress(100, failed=2))
    reporter.finish()
    text = stream.getvalue()
    assert text.count("\r") == 2
    assert text.endswith("\n")
    assert "[##########----------] 50/100 · 240/min" in text
    assert "[####################] 100/100 · 240/min · created 98" in text
    assert "left" not in text.split("\r")[-1]  # nothing left at 100 %
    assert all(len(part.rstrip("\n")) <= 99 for part in text.split("\r"))


def test_resolving_progress_and_phases() -> None:
    stream = io.StringIO()
    reporter = ProgressReporter(stream, is_terminal=False, clock=FakeClock())
    reporter(PhaseChanged(Phase.RESOLVING))
    reporter(ResolveProgress(loaded=1000, total=2500))
    reporter.finish()
    assert stream.getvalue().splitlines() == [
        "Finding the customers…",
        "Finding customers: 1,000 of 2,500",
    ]


def test_durations() -> None:
    assert format_duration(-3) == "0 s"
    assert format_duration(42.4) == "42 s"
    assert format_duration(185) == "3 min 05 s"
    assert format_duration(3720) == "1 h 02 min"


@dataclass
class Summary:
    campaign: str
    tag: str
    state: str
    total: int
    created: int
    failed: int
    skipped: int
    pending: int
    view_url: str | None
    view_error: str | None
    customers: tuple[CustomerOutcome, ...]
    in_flight: int = 0


def test_human_summary_lists_failures_and_groups_skip_reasons() -> None:
    missing = "missing value for {{user.user_fields.plan}}"
    customers = (
        CustomerOutcome(1, "a@example.com", "山田 花子", CustomerStatus.CREATED, 11, "u/11"),
        CustomerOutcome(2, "b@example.com", "B", CustomerStatus.FAILED, reason="Invalid group"),
        CustomerOutcome(3, None, "C", CustomerStatus.SKIPPED, reason=missing),
        CustomerOutcome(4, None, "D", CustomerStatus.SKIPPED, reason=missing),
        CustomerOutcome(None, "x@example.com", "", CustomerStatus.SKIPPED, reason="no user"),
    )
    summary = Summary(
        "更新 11月", "更新_11月", "finished", 5, 1, 1, 3, 0, None, "no permission", customers
    )
    text = human_summary(summary)
    assert 'Campaign "更新 11月" (tag 更新_11月): finished' in text
    assert "5 customers: 1 created, 1 failed, 3 skipped, 0 pending" in text
    assert "user 2 <b@example.com>: Invalid group" in text
    assert f"2 × {missing}" in text
    assert "1 × no user" in text
    assert "The view was not created: no permission" in text
