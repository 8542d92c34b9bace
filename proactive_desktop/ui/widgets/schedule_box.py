"""The Compose page's schedule: when the tickets may go out (`[schedule]` of a campaign file).

A checkable group: unchecked, every ticket goes out at once. Checked, each of its rows may limit
the campaign — not before a moment, at most so many tickets a day (the team's capacity), only
between two hours and on chosen days of each customer's own local time. The fields take the
mouse wheel only when focused (the application's wheel guard; `prefer_click_focus` here).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.models import WEEKDAYS, ScheduleSpec
from proactive_desktop.ui.widgets.messages import MessageRole, set_role
from proactive_desktop.ui.widgets.wheel_guard import prefer_click_focus

MAX_PER_DAY = 100_000
DEFAULT_PER_DAY = 200
DEFAULT_WINDOW = (QTime(9, 0), QTime(17, 0))
WORKING_DAYS = WEEKDAYS[:5]


class ScheduleBox(QWidget):
    """The schedule fields; `schedule()` is the ScheduleSpec they describe (None: at once)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_check = QCheckBox(
            self.tr("Spread the tickets over time instead of sending them all at once"), self
        )
        self.start_check = QCheckBox(self.tr("Not before:"), self)
        self.start_edit = QDateTimeEdit(self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat(QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat))
        self.per_day_check = QCheckBox(self.tr("At most:"), self)
        self.per_day_spin = QSpinBox(self)
        self.per_day_spin.setRange(1, MAX_PER_DAY)
        self.per_day_spin.setValue(DEFAULT_PER_DAY)
        self.per_day_spin.setSuffix(self.tr(" tickets a day"))
        self.window_check = QCheckBox(self.tr("Only between:"), self)
        self.window_from = QTimeEdit(DEFAULT_WINDOW[0], self)
        self.window_to = QTimeEdit(DEFAULT_WINDOW[1], self)
        for edit in (self.window_from, self.window_to):
            edit.setDisplayFormat("HH:mm")
        self.days_label = QLabel(self.tr("On:"), self)
        self.day_checks: dict[str, QCheckBox] = {}
        locale = QLocale()
        for number, day in enumerate(WEEKDAYS, start=1):
            check = QCheckBox(locale.dayName(number, QLocale.FormatType.ShortFormat), self)
            check.setChecked(day in WORKING_DAYS)
            self.day_checks[day] = check
        self.note = QLabel(
            self.tr(
                "Hours and days are each customer's own, from their time zone in Zendesk (else "
                "yours); the daily limit counts the days of this computer. Preview shows when "
                "the campaign will finish."
            ),
            self,
        )
        self.note.setWordWrap(True)
        set_role(self.note, MessageRole.HINT)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        set_role(self.problem_label, MessageRole.ERROR)
        self.problem_label.setVisible(False)
        self._lay_out()
        for field in (
            self.start_edit,
            self.per_day_spin,
            self.window_from,
            self.window_to,
        ):
            prefer_click_focus(field)
        self.set_schedule(None)
        for check in (
            self.enabled_check,
            self.start_check,
            self.per_day_check,
            self.window_check,
            *self.day_checks.values(),
        ):
            check.toggled.connect(self._update)
        self.start_edit.dateTimeChanged.connect(self._update)
        self.per_day_spin.valueChanged.connect(self._update)
        self.window_from.timeChanged.connect(self._update)
        self.window_to.timeChanged.connect(self._update)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.addWidget(self.start_check, 0, 0)
        grid.addWidget(self.start_edit, 0, 1)
        grid.addWidget(self.per_day_check, 1, 0)
        grid.addWidget(self.per_day_spin, 1, 1)
        window = QHBoxLayout()
        window.addWidget(self.window_from)
        window.addWidget(QLabel("–", self))
        window.addWidget(self.window_to)
        window.addStretch(1)
        grid.addWidget(self.window_check, 2, 0)
        grid.addLayout(window, 2, 1, 1, 2)
        days = QHBoxLayout()
        for check in self.day_checks.values():
            days.addWidget(check)
        days.addStretch(1)
        grid.addWidget(self.days_label, 3, 0)
        grid.addLayout(days, 3, 1, 1, 2)
        self._details = QWidget(self)
        details = QVBoxLayout(self._details)
        details.setContentsMargins(20, 0, 0, 0)
        details.addLayout(grid)
        details.addWidget(self.note)
        details.addWidget(self.problem_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_check)
        layout.addWidget(self._details)

    # -- values ---------------------------------------------------------------------------

    def set_schedule(self, schedule: ScheduleSpec | None) -> None:
        """Show `schedule` (None: unchecked, with sensible values ready to tick)."""
        self.enabled_check.setChecked(schedule is not None)
        soon = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        start = schedule.start if schedule is not None and schedule.start else None
        self.start_check.setChecked(start is not None)
        moment = start.astimezone() if start is not None else soon.astimezone()
        self.start_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
        per_day = schedule.per_day if schedule is not None else None
        self.per_day_check.setChecked(per_day is not None)
        self.per_day_spin.setValue(per_day or DEFAULT_PER_DAY)
        first = schedule.window_start_minute if schedule is not None else None
        last = schedule.window_end_minute if schedule is not None else None
        self.window_check.setChecked(first is not None and last is not None)
        if first is not None and last is not None:
            self.window_from.setTime(QTime(first // 60, first % 60))
            self.window_to.setTime(QTime(min(last, 24 * 60 - 1) // 60, min(last, 1439) % 60))
        days = schedule.days if schedule is not None and schedule.days else None
        for day, check in self.day_checks.items():
            check.setChecked(day in days if days is not None else day in WORKING_DAYS)
        self._update()

    def schedule(self) -> ScheduleSpec | None:
        """The schedule the fields describe; None when unchecked (or when they limit nothing)."""
        if not self.enabled_check.isChecked():
            return None
        start = None
        if self.start_check.isChecked():
            start = self.start_edit.dateTime().toPython().astimezone()  # type: ignore[attr-defined]
        window = self._window() if self.window_check.isChecked() else None
        days = tuple(day for day, check in self.day_checks.items() if check.isChecked())
        every_day = len(days) == len(WEEKDAYS)
        schedule = ScheduleSpec(
            start=start,
            per_day=self.per_day_spin.value() if self.per_day_check.isChecked() else None,
            window_start_minute=window[0] if window else None,
            window_end_minute=window[1] if window else None,
            days=() if every_day else days,
        )
        return None if schedule == ScheduleSpec() else schedule

    def _window(self) -> tuple[int, int]:
        first, last = self.window_from.time(), self.window_to.time()
        return first.hour() * 60 + first.minute(), last.hour() * 60 + last.minute()

    def problem(self) -> str | None:
        """What keeps the schedule from being used (shown under it), or None."""
        if not self.enabled_check.isChecked():
            return None
        if not any(check.isChecked() for check in self.day_checks.values()):
            return self.tr("Choose at least one day.")
        if self.window_check.isChecked():
            first, last = self._window()
            if first >= last:
                return self.tr("The hours must start before they end.")
        return None

    def _update(self) -> None:
        on = self.enabled_check.isChecked()
        self._details.setEnabled(on)
        self._details.setVisible(on)
        self.start_edit.setEnabled(self.start_check.isChecked())
        self.per_day_spin.setEnabled(self.per_day_check.isChecked())
        for edit in (self.window_from, self.window_to):
            edit.setEnabled(self.window_check.isChecked())
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        self.changed.emit()
