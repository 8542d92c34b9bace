"""The mouse wheel changes a field only when the user is working in that field.

Qt lets the wheel change a combo box, spin box, date field, slider or tab bar that merely lies
under the pointer. On a long page that scrolls, a user who scrolls with the wheel then changes
whatever passes under the pointer — a campaign's group or priority — without a click, and without
noticing. `UnfocusedWheelGuard`, installed once on the application, stops that: over such a field
without keyboard focus, the wheel scrolls the page around it instead (or does nothing when
there is no page to scroll). A field the user clicked into or tabbed to takes the wheel as usual.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QTabBar,
    QWidget,
)

_VALUE_FIELDS: Final = (QComboBox, QAbstractSpinBox, QAbstractSlider, QTabBar)
"""Widgets whose value the wheel changes (scroll bars are sliders too, and are left alone)."""


def _value_field(widget: QWidget) -> QWidget | None:
    """The value field `widget` belongs to (a spin box's line edit belongs to the spin box)."""
    candidate: QWidget | None = widget
    for _ in range(2):
        if candidate is None:
            return None
        if isinstance(candidate, _VALUE_FIELDS) and not isinstance(candidate, QScrollBar):
            return candidate
        candidate = candidate.parentWidget()
    return None


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _has_focus(field: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is field or field.isAncestorOf(focused))


class UnfocusedWheelGuard(QObject):
    """An application-wide event filter: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.Polish:
            # Qt gives focus to a WheelFocus widget (combo and spin boxes) before any filter
            # sees the wheel event, which would make the guard below let it through.
            if _value_field(watched) is watched:
                prefer_click_focus(watched)
            return False
        if event.type() != QEvent.Type.Wheel:
            return False
        field = _value_field(watched)
        if field is None or _has_focus(field):
            return False
        area = _scroll_area_around(field)
        if area is not None:
            bar = area.verticalScrollBar()
            if bar is not None and bar.isVisible():
                QCoreApplication.sendEvent(bar, event)
        # Consumed either way: the field under the pointer keeps its value.
        return True


def install_wheel_guard(application: QCoreApplication) -> UnfocusedWheelGuard:
    """Install the guard once per application (a second call returns the first guard)."""
    existing = application.findChild(UnfocusedWheelGuard)
    if isinstance(existing, UnfocusedWheelGuard):
        return existing
    guard = UnfocusedWheelGuard(application)
    application.installEventFilter(guard)
    return guard


def prefer_click_focus(field: QWidget) -> None:
    """Let a field gain focus by click or Tab, never by the wheel passing over it."""
    if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
