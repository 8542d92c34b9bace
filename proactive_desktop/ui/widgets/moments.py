"""Moments (aware datetimes from the core) as the user's locale writes a date and time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale


def local_date_time(moment: datetime) -> str:
    """`moment` in this computer's time zone, in the locale's short date-and-time format."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)
