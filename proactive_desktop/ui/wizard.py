"""CampaignWizard: the window, its pages by `PageId`, and what happens on finish and close.

Pages share one `CampaignDraft` and one `Services`; they are registered by id, so tests and
`nextId()` name pages, never numbers. Closing the window asks the current page first (the Send
page refuses until its campaign has stopped), then shuts every page's background work down.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Services

PageFactory = Callable[[CampaignDraft, Services], WizardPage]


class PageId(IntEnum):
    START = 0
    CONNECT = 1
    SEARCH = 2
    SELECT = 3
    COMPOSE = 4
    PREVIEW = 5
    SEND = 6


# The later pages live in their own modules; each is `Class(draft, services)`.
_LATER_PAGES: tuple[tuple[PageId, str, str], ...] = (
    (PageId.COMPOSE, "proactive_desktop.ui.pages.compose", "ComposePage"),
    (PageId.PREVIEW, "proactive_desktop.ui.pages.preview", "PreviewPage"),
    (PageId.SEND, "proactive_desktop.ui.pages.send", "SendPage"),
)


def _later_page_factories() -> list[tuple[PageId, PageFactory]]:
    factories: list[tuple[PageId, PageFactory]] = []
    for page_id, module_name, class_name in _LATER_PAGES:
        # A module that exists but fails to import is a bug and must surface, so only a missing
        # module is skipped.
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        factories.append((page_id, getattr(module, class_name)))
    return factories


class CampaignWizard(QWizard):
    """The proactive campaign wizard: Start → Connect → Search → Select → Compose → Preview →
    Send."""

    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.services = services
        self._is_closing = False
        self.setWindowTitle(self.tr("Proactive tickets"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self._add_pages()

    def _add_pages(self) -> None:
        draft, services = self.draft, self.services
        # Imported here: the page modules import the wizard's PageId.
        from proactive_desktop.ui.pages.connect import ConnectPage
        from proactive_desktop.ui.pages.search import SearchPage
        from proactive_desktop.ui.pages.select import SelectPage
        from proactive_desktop.ui.pages.start import StartPage

        factories: list[tuple[PageId, PageFactory]] = [
            (PageId.START, StartPage),
            (PageId.CONNECT, ConnectPage),
            (PageId.SEARCH, SearchPage),
            (PageId.SELECT, SelectPage),
            *_later_page_factories(),
        ]
        for page_id, factory in factories:
            self.setPage(page_id, factory(draft, services))
        self.setStartId(PageId.START)

    def retranslate(self) -> None:
        """Show every text in the language just installed (see ui.i18n.use_language).

        Pages write their texts once, when they are built, so they are built again over the same
        draft and services, and the wizard starts over on the Start page (the only page that
        offers the choice). QWizard writes its own button texts only when its style changes.
        """
        self.setWindowTitle(self.tr("Proactive tickets"))
        style = self.wizardStyle()
        other = QWizard.WizardStyle.ClassicStyle
        self.setWizardStyle(other if style != other else QWizard.WizardStyle.ModernStyle)
        self.setWizardStyle(style)
        old_pages = self._pages()
        for page in old_pages:
            page.shutdown()
        for page_id in self.pageIds():
            self.removePage(page_id)
        for page in old_pages:
            page.deleteLater()
        self._add_pages()
        self.restart()

    def sizeHint(self) -> QSize:
        # Room for a 100,000-row table and long Japanese sentences; the layouts still grow.
        return QSize(960, 680)

    def page_by_id(self, page_id: PageId) -> WizardPage:
        page = self.page(page_id)
        if not isinstance(page, WizardPage):
            raise KeyError(page_id)
        return page

    def has_page(self, page_id: PageId) -> bool:
        return page_id in self.pageIds()

    def current_page_id(self) -> PageId:
        return PageId(self.currentId())

    def _pages(self) -> list[WizardPage]:
        return [
            page for page_id in self.pageIds() if isinstance(page := self.page(page_id), WizardPage)
        ]

    def accept(self) -> None:
        for page in self._pages():
            page.save_settings()
        self.services.save_settings()
        super().accept()

    def reject(self) -> None:
        # Cancel and Escape come here; the current page may refuse (a campaign is sending).
        if not self._may_close():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def _may_close(self) -> bool:
        if self._is_closing:
            return True
        page = self.currentPage()
        if isinstance(page, WizardPage) and not page.confirm_close():
            return False
        self._is_closing = True
        for each in self._pages():
            each.shutdown()
        return True
