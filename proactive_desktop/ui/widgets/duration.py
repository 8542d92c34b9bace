"""Durations in the user's words ("about 3 minutes"), shared by the Preview and Send pages.

Estimates are rough by nature, so they are rounded to what a person would say; each unit is a
whole translatable sentence with a `%n` plural, never a number glued to a word. The context is
written out in every call because lupdate only extracts literal contexts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication


def format_duration(seconds: float) -> str:
    """An estimate such as "less than a minute", "about 12 minutes", "about 2 hours 5 minutes"."""
    if seconds < 60:
        return QCoreApplication.translate("Duration", "less than a minute")
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("Duration", "about %n minute(s)", "", minutes)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return QCoreApplication.translate("Duration", "about %n hour(s)", "", hours)
    hours_text = QCoreApplication.translate("Duration", "%n hour(s)", "", hours)
    minutes_text = QCoreApplication.translate("Duration", "%n minute(s)", "", rest)
    return QCoreApplication.translate("Duration", "about {hours} {minutes}").format(
        hours=hours_text, minutes=minutes_text
    )
