"""What the command line writes: progress on stderr, summaries on stdout.

Progress is one redrawn line with a bar when stderr is a terminal, and plain lines at most once a
second otherwise (a log file or a scheduler's capture must stay readable). Summaries come as one
JSON object (CLI.md "JSON summary") or as a short text for people. Nothing here talks to Zendesk
or the journal; `cli.py` feeds it.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TextIO

from proactive_desktop.core.campaigns import phase_message, rate_wait_message, waiting_message
from proactive_desktop.core.escaping import escape_controls
from proactive_desktop.core.events import (
    CampaignEvent,
    CustomerOutcome,
    JobsWaiting,
    MatchingPlanned,
    Phase,
    PhaseChanged,
    ProgressCounts,
    ResolveProgress,
    SendProgress,
    Waiting,
)
from proactive_desktop.core.triggers import TriggerEffect, TriggerFinding
from proactive_desktop.core.withdraw import WithdrawProgress

TERMINAL_REDRAW_INTERVAL_S = 0.1
PLAIN_LINE_INTERVAL_S = 1.0
BAR_WIDTH = 20

MAX_LISTED_FAILURES = 20
MAX_LISTED_SKIP_REASONS = 10


# -- progress ---------------------------------------------------------------------------------


def matching_text(event: MatchingPlanned) -> str:
    """How the CSV's emails will be matched and how long that takes, before it starts."""
    how = (
        f"one pass over the account's {event.account_users:,} users"
        if event.strategy == "export" and event.account_users is not None
        else "one look-up per email"
    )
    return (
        f"matching {event.emails:,} CSV email(s): {how}, {event.requests:,} request(s), "
        f"about {format_duration(event.estimated_seconds)}"
    )


def format_duration(seconds: float) -> str:
    """`42 s`, `3 min 05 s`, `1 h 02 min`: short, and never a negative or absurd value."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class ProgressReporter:
    """Writes the progress of a campaign to a stream (stderr), redrawn or line by line."""

    def __init__(
        self,
        stream: TextIO,
        *,
        is_terminal: bool,
        clock: Callable[[], float] = time.monotonic,
        width: Callable[[], int] | None = None,
    ) -> None:
        self._stream = stream
        self._is_terminal = is_terminal
        self._clock = clock
        self._width = width or (lambda: shutil.get_terminal_size((80, 24)).columns)
        self._last_write = float("-inf")
        self._last_text = ""
        self._line_open = False
        self._last_progress: SendProgress | None = None
        # The engine reports from its worker threads; lines must not interleave.
        self._lock = threading.Lock()

    def __call__(self, event: CampaignEvent) -> None:
        """The engine's `on_event` (called from its worker threads; the engine guards it)."""
        with self._lock:
            if isinstance(event, PhaseChanged):
                self._phase(event.phase)
            elif isinstance(event, ResolveProgress):
                self._resolving(event.loaded, event.total)
            elif isinstance(event, SendProgress):
                self._update(self._send_text(event), force=False)
                self._last_progress = event
            elif isinstance(event, JobsWaiting):
                self._waiting(event)
            elif isinstance(event, Waiting):
                self._rate_wait(event)

    def finish(self) -> None:
        """Show the last counts and end a redrawn line, so the summary starts on a fresh one."""
        with self._lock:
            if self._last_progress is not None:
                self._update(self._send_text(self._last_progress), force=True)
            self._close_line()

    # Phases are announced on their own line, so the log of a scheduled run reads as a story.
    def _phase(self, phase: Phase) -> None:
        message = phase_message(phase)
        if message is None:
            return
        text = message.english()
        if phase is not Phase.SENDING and self._last_progress is not None:
            self._update(self._send_text(self._last_progress), force=True)
        self._close_line()
        self._write_line(text)

    def _waiting(self, waiting: JobsWaiting) -> None:
        """A wait in Zendesk's queue gets its own line when it begins or changes."""
        message = waiting_message(waiting)
        if message is None:
            return
        if self._last_progress is not None:
            self._update(self._send_text(self._last_progress), force=True)
        self._close_line()
        self._write_line(message.english())

    def _rate_wait(self, event: Waiting) -> None:
        """A long wait for the rate limit or a retry: on its own line, readable afterwards."""
        message = rate_wait_message(event, format_duration(event.seconds))
        if self._last_progress is not None:
            self._update(self._send_text(self._last_progress), force=True)
        self._close_line()
        self._write_line(message.english())

    def _resolving(self, loaded: int, total: int | None) -> None:
        if total:
            text = f"Finding customers: {loaded:,} of {total:,}"
        else:
            text = f"Finding customers: {loaded:,}"
        self._update(text, force=False)

    # -- formatting ----------------------------------------------------------------------------

    def _send_text(self, progress: SendProgress) -> str:
        # Most telling first: a narrow terminal cuts the end of the line.
        counts = progress.counts
        parts = [f"{counts.done:,}/{counts.total:,}"]
        if progress.rate_per_minute:
            parts.append(f"{progress.rate_per_minute:,.0f}/min")
        if progress.eta_s is not None and counts.done < counts.total:
            parts.append(f"about {format_duration(progress.eta_s)} left")
        details = f"created {counts.created:,}, failed {counts.failed:,}"
        if counts.in_flight:
            details += f", being confirmed {counts.in_flight:,}"
        if counts.skipped:
            details += f", skipped {counts.skipped:,}"
        parts.append(details)
        if self._is_terminal:
            return f"Sending {self._bar(counts)} " + " · ".join(parts)
        return "Sending: " + ", ".join(parts)

    @staticmethod
    def _bar(counts: ProgressCounts) -> str:
        share = counts.done / counts.total if counts.total else 1.0
        filled = min(BAR_WIDTH, round(share * BAR_WIDTH))
        return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"

    # -- writing -------------------------------------------------------------------------------

    def _update(self, text: str, *, force: bool) -> None:
        now = self._clock()
        interval = TERMINAL_REDRAW_INTERVAL_S if self._is_terminal else PLAIN_LINE_INTERVAL_S
        if text == self._last_text or (not force and now - self._last_write < interval):
            return
        self._last_write = now
        self._last_text = text
        if self._is_terminal:
            columns = max(20, self._width() - 1)
            shown = text[:columns]
            self._stream.write("\r" + shown + " " * (columns - len(shown)))
            self._line_open = True
            self._stream.flush()
        else:
            self._write_line(text)

    def _write_line(self, text: str) -> None:
        self._stream.write(text + "\n")
        self._stream.flush()

    def _close_line(self) -> None:
        if self._line_open:
            self._stream.write("\n")
            self._stream.flush()
            self._line_open = False


# -- summaries --------------------------------------------------------------------------------


# One customer's line of a campaign summary.
OutcomeLike = CustomerOutcome


class SummaryLike(Protocol):
    """What the command line prints of a campaign (core.engine.CampaignSummary)."""

    @property
    def campaign(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def created(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def in_flight(self) -> int: ...
    @property
    def view_url(self) -> str | None: ...
    @property
    def view_error(self) -> str | None: ...
    @property
    def customers(self) -> Sequence[OutcomeLike]: ...


_json_written: weakref.WeakKeyDictionary[TextIO, int] = weakref.WeakKeyDictionary()
"""How many JSON documents went to each stream (the command line writes one per run)."""


def json_documents_written(stream: TextIO) -> int:
    try:
        return _json_written.get(stream, 0)
    except TypeError:  # a stream that cannot be weakly referenced: count nothing
        return 0


def write_json(stream: TextIO, document: dict[str, Any] | list[dict[str, Any]]) -> None:
    """One JSON object on one line; non-ASCII names stay readable (`ensure_ascii=False`).

    json escapes C0 controls itself; C1 controls and direction overrides would reach a
    terminal raw, so they are written as `\\u` escapes too (the same JSON value).
    """
    text = json.dumps(document, ensure_ascii=False)
    stream.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    stream.flush()
    with contextlib.suppress(TypeError):
        _json_written[stream] = _json_written.get(stream, 0) + 1


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


STATE_WORDS = {
    "draft": "dry run, nothing was sent",
    "sending": "sending (not finished)",
    "stopped": "stopped before the end; run the same command again to resume",
    "finished": "finished",
    "scheduled": "scheduled: what was due is sent, the rest waits for its time",
    "withdrawn": "withdrawn (its tickets were solved or deleted afterwards)",
}


def _who(outcome: OutcomeLike) -> str:
    if outcome.user_id is not None:
        return f"user {outcome.user_id}" + (f" <{outcome.email}>" if outcome.email else "")
    return outcome.email or outcome.name or "unknown customer"


def human_summary(summary: SummaryLike, *, dry_run: bool = False) -> str:
    """A few lines a person reads after `send`, `retry-failed` or `status`."""
    state = STATE_WORDS.get(summary.state, summary.state)
    lines = [
        f'Campaign "{summary.campaign}" (tag {summary.tag}): {state}',
    ]
    if dry_run:
        lines.append(
            f"  {summary.total:,} customers: {summary.pending:,} would get a ticket, "
            f"{summary.skipped:,} would be skipped"
        )
    else:
        counts = (
            f"  {summary.total:,} customers: {summary.created:,} created, "
            f"{summary.failed:,} failed, {summary.skipped:,} skipped, {summary.pending:,} pending"
        )
        if summary.in_flight:
            counts += f", {summary.in_flight:,} being confirmed"
        lines.append(counts)
    new_customers = sum(1 for c in summary.customers if getattr(c, "new_customer", False))
    if new_customers:
        verb = "would be" if dry_run else "are"
        lines.append(
            f"  {new_customers:,} of them {verb} created with their ticket (not in Zendesk before)"
        )
    languages = Counter(
        getattr(c, "language", None)
        for c in summary.customers
        if c.status in ("pending", "in_flight", "created")
    )
    if any(languages):
        parts = ", ".join(
            f"{language or 'main text'}: {count:,}"
            for language, count in sorted(languages.items(), key=lambda item: item[0] or "")
        )
        lines.append(f"  Texts by language: {parts}")
    lines.extend(_schedule_lines(summary))
    if summary.view_url:
        lines.append(f"  View: {summary.view_url}")
    if summary.view_error:
        lines.append(f"  The view was not created: {summary.view_error}")

    failures = [c for c in summary.customers if c.status == "failed"]
    if failures:
        lines.append("  Failed (run retry-failed to try them again):")
        lines.extend(
            f"    {_who(c)}: {c.reason or 'no reason given'}"
            for c in failures[:MAX_LISTED_FAILURES]
        )
        if len(failures) > MAX_LISTED_FAILURES:
            lines.append(f"    … and {len(failures) - MAX_LISTED_FAILURES:,} more (see export)")

    reasons = Counter(
        c.reason or "no reason given" for c in summary.customers if c.status == "skipped"
    )
    if reasons:
        lines.append("  Skipped:")
        for reason, count in reasons.most_common(MAX_LISTED_SKIP_REASONS):
            lines.append(f"    {count:,} × {reason}")
        if len(reasons) > MAX_LISTED_SKIP_REASONS:
            lines.append("    … more reasons in the export")
    lines.extend(_trigger_lines(getattr(summary, "triggers", None)))
    # Names, reasons and the campaign name come from outside: shown escaped, never obeyed.
    return "\n".join(escape_controls(line) for line in lines) + "\n"


def _schedule_lines(summary: SummaryLike) -> list[str]:
    """A scheduled campaign's next time and expected end (ISO 8601, the computer's zone)."""
    if not getattr(summary, "has_schedule", False) or summary.state == "finished":
        return []
    lines: list[str] = []
    if getattr(summary, "paused", False):
        lines.append("  Paused: nothing is sent until it is resumed in the wizard")
    next_due = getattr(summary, "next_due", None)
    finishes_at = getattr(summary, "finishes_at", None)
    if next_due is not None:
        lines.append(f"  Next customer due: {next_due.isoformat(timespec='minutes')}")
    if finishes_at is not None and summary.pending:
        lines.append(f"  Expected to finish: {finishes_at.isoformat(timespec='minutes')}")
    return lines


def _trigger_lines(triggers: Sequence[TriggerFinding] | None) -> list[str]:
    """The dry run's trigger check, the ones that email the customer first."""
    if triggers is None:
        return []
    if not triggers:
        return ["  Triggers: none of the account's active triggers acts on these tickets"]
    lines = ["  Triggers that act on these tickets:"]
    for finding in sorted(triggers, key=lambda each: not each.emails_requester):
        acts = "will act" if finding.acts is TriggerEffect.WILL else "may act"
        mails = ", emails the customer" if finding.emails_requester else ""
        undecided = f" (depends on {', '.join(finding.undecided)})" if finding.undecided else ""
        lines.append(f"    {acts}{mails}: {finding.title}{undecided}")
    return lines


# -- verify and withdraw ------------------------------------------------------------------------

MAX_LISTED_FINDINGS = 20


class VerifyLike(Protocol):
    """What the command line prints of a verification (core.verify.VerifyReport)."""

    def to_json(self) -> dict[str, Any]: ...


def human_verify(report: VerifyLike) -> str:
    """A few lines a person reads after `verify`: the verdict first, then what is wrong."""
    data = report.to_json()
    clean = not (data["duplicates"] or data["missing"] or data["unexpected"])
    lines = [
        f'Campaign "{data["campaign"]}" (tag {data["tag"]}): '
        + ("every customer has exactly one ticket" if clean else "NOT as the journal says"),
        f"  {data['tickets']:,} tickets in the account; {data['customers_ok']:,} of "
        f"{data['reached']:,} customers have exactly one",
    ]

    def listed(
        title: str,
        hint: str,
        items: list[dict[str, Any]],
        line: Callable[[dict[str, Any]], str],
    ) -> None:
        if not items:
            return
        lines.append(f"  {title} ({len(items):,}) — {hint}:")
        lines.extend(f"    {line(item)}" for item in items[:MAX_LISTED_FINDINGS])
        if len(items) > MAX_LISTED_FINDINGS:
            lines.append(f"    … and {len(items) - MAX_LISTED_FINDINGS:,} more (see --json)")

    listed(
        "Duplicates",
        "`withdraw --duplicates-only` keeps each customer's oldest ticket",
        data["duplicates"],
        lambda d: (
            f"user {d['user_id']}: tickets "
            + ", ".join(str(i) for i in d["ticket_ids"])
            + f" — {d['ticket_urls'][-1]}"
        ),
    )
    listed(
        "Missing",
        "the journal's ticket is no longer in the account",
        data["missing"],
        lambda m: f"user {m['user_id']}: ticket {m['ticket_id']}",
    )
    listed(
        "Unexpected",
        "requesters the journal does not know",
        data["unexpected"],
        lambda u: f"user {u['user_id']}: tickets " + ", ".join(str(i) for i in u["ticket_ids"]),
    )
    if data["search_lag_note"]:
        lines.append(f"  Note: {data['search_lag_note']}")
    return "\n".join(escape_controls(line) for line in lines) + "\n"


WITHDRAW_STATE_WORDS = {
    "dry_run": "dry run, nothing was changed",
    "running": "stopped before the end; run the same command again to resume",
    "finished": "finished",
}


class WithdrawSummaryLike(Protocol):
    def to_json(self) -> dict[str, Any]: ...


def human_withdraw(summary: WithdrawSummaryLike) -> str:
    """A few lines a person reads after `withdraw`."""
    data = summary.to_json()
    verb = "solve" if data["action"] == "solve" else "delete"
    scope = "duplicates of" if data["scope"] == "duplicates" else "tickets of"
    state = WITHDRAW_STATE_WORDS.get(data["state"], data["state"])
    lines = [f'Withdraw ({verb}) the {scope} campaign "{data["campaign"]}": {state}']
    if data["state"] == "dry_run":
        lines.append(f"  {data['pending']:,} tickets would be {verb}d")
    else:
        lines.append(
            f"  {data['tickets']:,} tickets: {data['done']:,} done, {data['failed']:,} failed, "
            f"{data['pending']:,} pending"
        )
    failures = [c for c in data["customers"] if c["status"] == "failed"]
    if failures:
        lines.append("  Failed (run the same command again to retry them):")
        lines.extend(
            f"    ticket {c['ticket_id']} (user {c['user_id']}): {c['reason'] or 'no reason given'}"
            for c in failures[:MAX_LISTED_FAILURES]
        )
        if len(failures) > MAX_LISTED_FAILURES:
            lines.append(f"    … and {len(failures) - MAX_LISTED_FAILURES:,} more (see --json)")
    return "\n".join(escape_controls(line) for line in lines) + "\n"


class WithdrawProgressReporter:
    """A withdrawal's progress on stderr: redrawn on a terminal, else a line a second."""

    def __init__(
        self, stream: TextIO, *, is_terminal: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._stream = stream
        self._is_terminal = is_terminal
        self._clock = clock
        self._last_write = float("-inf")
        self._line_open = False
        self._lock = threading.Lock()

    def __call__(self, event: object) -> None:
        if not isinstance(event, WithdrawProgress):
            return  # per-ticket outcomes: the summary lists them
        counts, done, failed, pending = event.tickets, event.done, event.failed, event.pending
        with self._lock:
            now = self._clock()
            interval = TERMINAL_REDRAW_INTERVAL_S if self._is_terminal else PLAIN_LINE_INTERVAL_S
            if pending and now - self._last_write < interval:
                return
            self._last_write = now
            text = f"Withdrawing: {done + failed:,}/{counts:,} (done {done:,}, failed {failed:,})"
            if self._is_terminal:
                self._stream.write("\r" + text)
                self._line_open = True
            else:
                self._stream.write(text + "\n")
            self._stream.flush()

    def finish(self) -> None:
        with self._lock:
            if self._line_open:
                self._stream.write("\n")
                self._stream.flush()
                self._line_open = False
