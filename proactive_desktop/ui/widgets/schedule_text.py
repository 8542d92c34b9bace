"""A campaign's schedule in words (Preview, Send page): when its tickets go out and finish."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from proactive_desktop.core.models import WEEKDAYS, ScheduleSpec
from proactive_desktop.ui.widgets.moments import local_date_time


class _Plurals(QObject):
    """lupdate recognises a plural only in a QObject's `tr()` (see duration.py)."""

    def per_day(self, count: int) -> str:
        return self.tr("at most %n ticket(s) a day", "", count)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def schedule_text(
    schedule: ScheduleSpec | None,
    first_due: datetime | None = None,
    finishes_at: datetime | None = None,
) -> str:
    """One line of what the schedule limits, then when it starts and finishes."""
    if schedule is None:
        return QCoreApplication.translate("ScheduleText", "All at once, as soon as you send")
    parts: list[str] = []
    if schedule.start is not None:
        parts.append(
            QCoreApplication.translate("ScheduleText", "not before {when}").format(
                when=local_date_time(schedule.start)
            )
        )
    if schedule.per_day is not None:
        parts.append(
            _Plurals().per_day(schedule.per_day)
        )
    if schedule.window_start_minute is not None and schedule.window_end_minute is not None:
        parts.append(
            QCoreApplication.translate(
                "ScheduleText", "{start}–{end} in each customer's local time"
            ).format(
                start=_hhmm(schedule.window_start_minute), end=_hhmm(schedule.window_end_minute)
            )
        )
    if schedule.days:
        locale = QLocale()
        names = [
            locale.dayName(WEEKDAYS.index(day) + 1, QLocale.FormatType.ShortFormat)
            for day in schedule.days
        ]
        parts.append(
            QCoreApplication.translate("ScheduleText", "on {days}").format(days=", ".join(names))
        )
    lines = ["; ".join(parts)]
    if first_due is not None and finishes_at is not None:
        lines.append(
            QCoreApplication.translate(
                "ScheduleText", "First tickets {first}; the last about {end}."
            ).format(first=local_date_time(first_due), end=local_date_time(finishes_at))
        )
    elif first_due is None:
        lines.append(
            QCoreApplication.translate(
                "ScheduleText", "No customer is ever inside these hours and days."
            )
        )
    return "\n".join(lines)
