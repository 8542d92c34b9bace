"""Message roles: style.qss parses, gives each role its look, and a role changed on a label
already shown takes effect at once (padding included)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from proactive_desktop.core.paths import resource_path
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message


def styled_label(qtbot: QtBot) -> tuple[QWidget, QLabel]:
    # The stylesheet on a parent, not the application, so other tests keep the plain look;
    # a rule Qt cannot parse logs a warning, which fails the test.
    window = QWidget()
    window.setStyleSheet(resource_path("resources", "style.qss").read_text(encoding="utf-8"))
    label = QLabel("Signed in as Demo Admin.")
    QVBoxLayout(window).addWidget(label)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, label


def test_a_role_set_after_showing_gives_the_box_its_padding(qtbot: QtBot) -> None:
    _window, label = styled_label(qtbot)
    assert label.contentsMargins().left() == 0

    set_role(label, MessageRole.SUCCESS)
    assert label.property("role") == "success"
    assert label.contentsMargins().left() > 0

    set_role(label, None)
    assert label.contentsMargins().left() == 0


def test_each_message_role_has_its_own_colour(qtbot: QtBot) -> None:
    _window, label = styled_label(qtbot)
    colours = set()
    for role in (MessageRole.ERROR, MessageRole.WARNING, MessageRole.SUCCESS, MessageRole.INFO):
        set_role(label, role)
        colours.add(label.grab().toImage().pixelColor(label.width() // 2, 2).name())
    assert len(colours) == 4


def test_an_empty_message_is_hidden(qtbot: QtBot) -> None:
    _window, label = styled_label(qtbot)
    show_message(label, "", MessageRole.ERROR)
    assert not label.isVisible()
    show_message(label, "The token was refused.", MessageRole.ERROR)
    assert label.isVisible()
    assert label.text() == "The token was refused."
