"""Window sizes: the wizard opens at a size that fits the screen, and a page with many rows
scrolls instead of growing the window past it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot
from wizard_support import make_wizard

from proactive_desktop.ui.pages.search import SearchPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import DEFAULT_SIZE, PageId


def test_the_wizard_opens_at_its_default_size_within_the_screen(
    qtbot: QtBot, services: Services
) -> None:
    wizard = make_wizard(qtbot, services)
    available = wizard.screen().availableSize()
    assert wizard.width() <= available.width()
    assert wizard.height() <= available.height()
    assert wizard.size() == DEFAULT_SIZE.boundedTo(wizard.size())


def test_many_customer_fields_scroll_instead_of_growing_the_window(
    qtbot: QtBot, services: Services
) -> None:
    wizard = make_wizard(qtbot, services)
    search = wizard.page_by_id(PageId.SEARCH)
    assert isinstance(search, SearchPage)
    for number in range(60):
        search.filter_form.addRow(f"Field {number}:", QLineEdit())
    assert search.minimumSizeHint().height() < DEFAULT_SIZE.height()
    assert wizard.minimumSizeHint().height() <= DEFAULT_SIZE.height()


def test_every_page_has_a_header_with_title_subtitle_and_logo(
    qtbot: QtBot, services: Services
) -> None:
    # QWizard's modern style draws the header band, and the logo in it, only for a page with a
    # subtitle: a page without one would open with a bare title and no logo.
    wizard = make_wizard(qtbot, services)
    assert not wizard.pixmap(QWizard.WizardPixmap.LogoPixmap).isNull()
    for page_id in PageId:
        page = wizard.page_by_id(page_id)
        assert page.title().strip(), page_id.name
        assert page.subTitle().strip(), page_id.name
