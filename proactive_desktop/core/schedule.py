"""When a scheduled campaign's customers come due (CLI.md "Scheduled campaigns").

A `[schedule]` limits when tickets go out: not before `start`; only inside `window` and on `days`
of each customer's own local time; at most `per_day` tickets a day, days of the computer's time
zone. The engine asks a `SendGate` before every batch which pending customers are due *now* (the
zones whose window is open, and how many tickets today's capacity still allows); everything else
stays pending and the campaign ends the run `scheduled`, with `next_due`.

Time comes from a `Clock` (real by default), so tests walk a campaign through several days without
sleeping. A day's count is read from the journal (the customers marked sent on that day: created,
or in flight), never kept in memory: a run killed halfway through a day resumes with the right
count, and a computer that slept through a window simply continues at the next one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final, Protocol

from proactive_desktop.core.journal import Journal
from proactive_desktop.core.models import WEEKDAYS, ScheduleSpec
from proactive_desktop.core.zones import zone_info

MINUTES_A_DAY: Final = 24 * 60
FORECAST_DAYS: Final = 3660
"""A forecast looks at most this far ahead (a window that never opens: no finishing date)."""


class Clock(Protocol):
    """The engine's idea of now: an aware datetime in the computer's time zone."""

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock and time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


SYSTEM_CLOCK: Final = SystemClock()


@dataclass(frozen=True, slots=True)
class DueNow:
    """What may be sent at this moment."""

    zones: tuple[str | None, ...]
    """The customers' zones whose window is open (None: the computer's zone)."""
    allowance: int
    """How many more tickets today's capacity allows (no `per_day`: unlimited)."""
    day: str
    """Today in the computer's zone (ISO date): what a ticket started now counts against."""


UNLIMITED: Final = 1 << 62


# -- the definition ---------------------------------------------------------------------------


def schedule_dict(schedule: ScheduleSpec | None) -> dict[str, Any] | None:
    """The canonical `[schedule]` of a definition (None: the campaign has none)."""
    if schedule is None:
        return None
    return {
        "start": schedule.start.isoformat() if schedule.start is not None else None,
        "per_day": schedule.per_day,
        "window": schedule.window_text,
        "days": list(schedule.days) if schedule.days else None,
    }


def schedule_of(definition: Mapping[str, Any]) -> ScheduleSpec | None:
    """The schedule of a stored definition (written by `schedule_dict`), or None."""
    stored = definition.get("schedule")
    if not isinstance(stored, Mapping):
        return None
    start_text = stored.get("start")
    window = parse_window(stored["window"]) if stored.get("window") else None
    return ScheduleSpec(
        start=datetime.fromisoformat(start_text) if start_text else None,
        per_day=stored.get("per_day"),
        window_start_minute=window[0] if window else None,
        window_end_minute=window[1] if window else None,
        days=tuple(stored.get("days") or ()),
    )


def parse_window(text: str) -> tuple[int, int] | None:
    """ "09:00-17:00" → (540, 1020); "24:00" may end a window. None for anything else."""
    parts = text.replace(" ", "").split("-")
    if len(parts) != 2:
        return None
    minutes: list[int] = []
    for part in parts:
        hours_text, colon, minutes_text = part.partition(":")
        if not (colon and hours_text.isdigit() and minutes_text.isdigit()):
            return None
        if len(minutes_text) != 2 or not 1 <= len(hours_text) <= 2:
            return None
        hours, mins = int(hours_text), int(minutes_text)
        if mins >= 60 or hours > 24 or (hours == 24 and mins):
            return None
        minutes.append(hours * 60 + mins)
    first, last = minutes
    if first >= last or first >= MINUTES_A_DAY:
        return None
    return first, last


# -- windows ----------------------------------------------------------------------------------


def _zone(name: str | None, local: tzinfo) -> tzinfo:
    if name is None:
        return local
    return zone_info(name) or local


def _window(schedule: ScheduleSpec) -> tuple[int, int]:
    if schedule.window_start_minute is None or schedule.window_end_minute is None:
        return 0, MINUTES_A_DAY
    return schedule.window_start_minute, schedule.window_end_minute


def _at_local_minute(day: date, minute: int, zone: tzinfo) -> datetime:
    """`minute` of `day` on that zone's wall clock (24:00 is the next midnight)."""
    if minute >= MINUTES_A_DAY:
        return datetime.combine(day + timedelta(days=1), time(0), zone)
    return datetime.combine(day, time(minute // 60, minute % 60), zone)


def is_open(schedule: ScheduleSpec, zone: tzinfo, moment: datetime) -> bool:
    """Whether a customer of `zone` is inside their window and days at `moment`."""
    if schedule.start is not None and moment < schedule.start:
        return False
    local = moment.astimezone(zone)
    if schedule.days and WEEKDAYS[local.weekday()] not in schedule.days:
        return False
    first, last = _window(schedule)
    minute = local.hour * 60 + local.minute
    return first <= minute < last


def next_open(schedule: ScheduleSpec, zone: tzinfo, after: datetime) -> datetime | None:
    """The first moment ≥ `after` (and ≥ start) a customer of `zone` may get a ticket."""
    moment = after
    if schedule.start is not None and moment < schedule.start:
        moment = schedule.start
    first, last = _window(schedule)
    local = moment.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if schedule.days and WEEKDAYS[day.weekday()] not in schedule.days:
            continue
        opens = _at_local_minute(day, first, zone)
        closes = _at_local_minute(day, last, zone)
        candidate = max(moment, opens)
        if candidate < closes:
            return candidate
    return None


def next_local_midnight(moment: datetime) -> datetime:
    """The start of the next day in `moment`'s own zone (the computer's: per_day's days)."""
    zone = moment.tzinfo or UTC
    return datetime.combine(moment.date() + timedelta(days=1), time(0), zone)


# -- the gate the sender asks ------------------------------------------------------------------


class SendGate:
    """Which of a journaled campaign's pending customers are due now (asked before each batch)."""

    def __init__(
        self, schedule: ScheduleSpec, journal: Journal, campaign_id: int, clock: Clock
    ) -> None:
        self.schedule = schedule
        self._journal = journal
        self._campaign_id = campaign_id
        self._clock = clock

    def due_now(self) -> DueNow:
        now = self._clock.now()
        local = now.tzinfo or UTC
        today = now.date().isoformat()
        zones = tuple(
            zone
            for zone in self._journal.pending_zones(self._campaign_id)
            if is_open(self.schedule, _zone(zone, local), now)
        )
        allowance = UNLIMITED
        if self.schedule.per_day is not None:
            used = self._journal.sent_on_day(self._campaign_id, today)
            allowance = max(0, self.schedule.per_day - used)
        return DueNow(zones, allowance, today)

    def next_due(self) -> datetime | None:
        """When the next pending customer comes due (now if one is due), None if none ever."""
        now = self._clock.now()
        counts = self._journal.pending_zones(self._campaign_id)
        used = 0
        if self.schedule.per_day is not None:
            used = self._journal.sent_on_day(self._campaign_id, now.date().isoformat())
        return next_due(self.schedule, counts, used, now)

    def finishes_at(self, seconds_per_ticket: float = 0.0) -> datetime | None:
        now = self._clock.now()
        counts = self._journal.pending_zones(self._campaign_id)
        used = 0
        if self.schedule.per_day is not None:
            used = self._journal.sent_on_day(self._campaign_id, now.date().isoformat())
        return forecast_finish(self.schedule, counts, used, now, seconds_per_ticket)


def next_due(
    schedule: ScheduleSpec,
    pending_by_zone: Mapping[str | None, int],
    sent_today: int,
    now: datetime,
) -> datetime | None:
    """The first moment ≥ now a pending customer may get a ticket; None without any."""
    zones = [zone for zone, count in pending_by_zone.items() if count > 0]
    if not zones:
        return None
    local = now.tzinfo or UTC
    earliest = now
    if schedule.per_day is not None and sent_today >= schedule.per_day:
        earliest = next_local_midnight(now)
    found = [next_open(schedule, _zone(zone, local), earliest) for zone in zones]
    candidates = [moment for moment in found if moment is not None]
    if not candidates:
        return None
    return min(candidates).astimezone(local)


def forecast_finish(
    schedule: ScheduleSpec,
    pending_by_zone: Mapping[str | None, int],
    sent_today: int,
    now: datetime,
    seconds_per_ticket: float = 0.0,
) -> datetime | None:
    """When the last pending customer will have their ticket, if the computer is on.

    Walks the schedule forward: at each moment, the customers whose window is open get tickets
    up to the day's capacity; then time jumps to the next midnight (capacity used up) or to the
    next window that opens. `seconds_per_ticket` adds the sending time of the last batch.
    None when some customer's window never opens (no days, a start in the far future).
    """
    remaining = {zone: count for zone, count in pending_by_zone.items() if count > 0}
    if not remaining:
        return now
    local = now.tzinfo or UTC
    moment = now
    day = now.date()
    used = sent_today
    horizon = now + timedelta(days=FORECAST_DAYS)
    last_batch = 0
    while remaining and moment <= horizon:
        if moment.date() != day:
            day, used = moment.date(), 0
        allowance = UNLIMITED if schedule.per_day is None else schedule.per_day - used
        if allowance <= 0:
            moment = next_local_midnight(moment)
            continue
        batch = 0
        for zone in sorted(remaining, key=lambda name: name or ""):
            if batch >= allowance:
                break
            if is_open(schedule, _zone(zone, local), moment):
                taken = min(remaining[zone], allowance - batch)
                remaining[zone] -= taken
                batch += taken
                if remaining[zone] == 0:
                    del remaining[zone]
        used += batch
        if batch:
            last_batch = batch
        if not remaining:
            return moment + timedelta(seconds=last_batch * max(0.0, seconds_per_ticket))
        if schedule.per_day is not None and used >= schedule.per_day:
            moment = next_local_midnight(moment)
            continue
        openings = [
            next_open(schedule, _zone(zone, local), moment + timedelta(minutes=1))
            for zone in remaining
        ]
        upcoming = [each for each in openings if each is not None]
        if not upcoming:
            return None
        moment = min(upcoming).astimezone(local)
    return None


def days_needed(tickets: int, per_day: int | None) -> int:
    """The least number of days `tickets` take at `per_day` (1 without a capacity)."""
    if per_day is None or tickets <= 0:
        return 1
    return math.ceil(tickets / per_day)
