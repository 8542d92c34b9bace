"""The mouse wheel never changes a field the user is not working in (Compose page, Start page)."""

from __future__ import annotations

from campaign_helpers import draft_for, wizard_at
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from proactive_desktop.ui.pages.compose import ComposePage
from proactive_desktop.ui.pages.start import StartPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId

WHEEL_DOWN = QPoint(0, -120)


def roll_wheel(widget: QWidget, delta: QPoint = WHEEL_DOWN) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        delta,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def compose(qtbot: QtBot, services: Services) -> tuple[CampaignWizard, ComposePage]:
    wizard = wizard_at(qtbot, services, draft_for(services), PageId.COMPOSE)
    page = wizard.currentPage()
    assert isinstance(page, ComposePage)
    qtbot.waitUntil(lambda: page.group_combo.isEnabled() and page.group_combo.count() > 2)
    return wizard, page


def test_the_wheel_over_an_unfocused_combo_scrolls_the_page_and_keeps_the_value(
    qtbot: QtBot, connected_services: Services
) -> None:
    wizard, page = compose(qtbot, connected_services)
    # Small enough that the Compose page's fields need scrolling.
    wizard.resize(wizard.minimumSize())
    combo = page.group_combo
    area = next(parent for parent in _ancestors(combo) if isinstance(parent, QScrollArea))
    bar = area.verticalScrollBar()
    qtbot.waitUntil(bar.isVisible)
    page.name_edit.setFocus()
    qtbot.waitUntil(page.name_edit.hasFocus)
    before_index = combo.currentIndex()
    before_scroll = bar.value()

    roll_wheel(combo)

    assert combo.currentIndex() == before_index
    assert bar.value() > before_scroll, "the page scrolls instead"
    assert not combo.hasFocus()


def test_a_focused_combo_takes_the_wheel(qtbot: QtBot, connected_services: Services) -> None:
    _wizard, page = compose(qtbot, connected_services)
    combo = page.group_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    before_index = combo.currentIndex()

    roll_wheel(combo)

    assert combo.currentIndex() != before_index


def test_the_wheel_can_never_give_a_field_focus(qtbot: QtBot, connected_services: Services) -> None:
    _wizard, page = compose(qtbot, connected_services)
    # Qt gives a WheelFocus widget focus before any filter sees the wheel; none is left.
    fields = [page.status_combo, page.priority_combo, page.group_combo, page.macro_combo]
    for field in fields:
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_an_unfocused_combo_outside_a_scroll_area_keeps_its_value(
    qtbot: QtBot, connected_services: Services
) -> None:
    wizard = wizard_at(qtbot, connected_services, draft_for(connected_services), PageId.START)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    combo = page.language_combo
    assert isinstance(combo, QComboBox)
    before = combo.currentIndex()
    # Towards an item that exists, so that an unguarded combo box would move.
    roll_wheel(combo, WHEEL_DOWN if before < combo.count() - 1 else -WHEEL_DOWN)
    assert combo.currentIndex() == before


def _ancestors(widget: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    parent = widget.parentWidget()
    while parent is not None:
        found.append(parent)
        parent = parent.parentWidget()
    return found
