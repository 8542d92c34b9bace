"""Durations in the user's words ("about 3 minutes"), shared by the Preview and Send pages.

Estimates are rough by nature, so they are rounded to what a person would say; each unit is a
whole translatable sentence with a `%n` plural, never a number glued to a word. The texts go
through a QObject's `tr()`, the only form in which lupdate recognises a plural: so English gets
"1 minute" and "3 minutes" from its plural catalogue, Japanese "約3分", Chinese "约 3 分钟".
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject


class Duration(QObject):
    """The translation context of durations."""

    def text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("less than a minute")
        minutes = math.ceil(seconds / 60)
        if minutes < 60:
            return self.tr("about %n minute(s)", "", minutes)
        hours, rest = divmod(minutes, 60)
        if rest == 0:
            return self.tr("about %n hour(s)", "", hours)
        return self.tr("about {hours} {minutes}").format(
            hours=self.tr("%n hour(s)", "", hours), minutes=self.tr("%n minute(s)", "", rest)
        )


def format_duration(seconds: float) -> str:
    """An estimate such as "less than a minute", "about 12 minutes", "about 2 hours 5 minutes"."""
    return Duration().text(seconds)
