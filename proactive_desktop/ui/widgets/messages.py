"""Inline messages: a label's role says what kind of message it shows, style.qss says how it
looks, so no page writes colours of its own.

A role is the dynamic property `role` (`QLabel[role="error"]` in the stylesheet). Qt applies a
stylesheet rule on a property only when the widget is polished, so changing the role of a label
already on screen goes through `set_role`, which polishes it again and applies the padding.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class MessageRole(StrEnum):
    ERROR = "error"
    """Something failed or must be corrected before going on."""
    WARNING = "warning"
    """It can go on, but the user should know (a large campaign, skipped customers)."""
    SUCCESS = "success"
    INFO = "info"
    """A neutral fact worth a box of its own (the demo workspace)."""
    HINT = "hint"
    """Secondary, explanatory text next to a field."""
    RESULT = "result"
    """A count or result the user is looking for."""


def set_role(widget: QWidget, role: MessageRole | None) -> None:
    """Give `widget` the look of `role` (None: plain text), at once even when it is shown."""
    value = role.value if role is not None else ""
    if (widget.property("role") or "") == value:
        return
    widget.setProperty("role", value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    # Polishing restyles colours and borders, but a label takes the rule's padding as its
    # contents margins only on a style change: without it the text touches the box's edge.
    QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))


def show_message(label: QLabel, text: str, role: MessageRole | None) -> None:
    """Show `text` in `label` with the look of `role`; no text hides the label (the tinted box
    of an empty message would be a blank bar)."""
    set_role(label, role)
    label.setText(text)
    label.setVisible(bool(text))
