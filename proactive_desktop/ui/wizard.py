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
from PySide6.QtGui import QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QWidget, QWizard

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.paths import resource_path
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.scheduler import DueScheduler
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.wheel_guard import install_wheel_guard

PageFactory = Callable[[CampaignDraft, Services], WizardPage]

LOGO = ("resources", "icons", "proactive-desktop-128.png")
LOGO_SIZE = QSize(40, 40)
"""The logo in the top right of every page's header, in logical pixels (sharp at 200%: drawn
from the 128 px icon)."""
DEFAULT_SIZE = QSize(1000, 700)
"""Room for a wide customer table and long Japanese sentences without scrolling."""
MINIMUM_SIZE = QSize(760, 540)
TITLE_SCALE = 1.3
"""The page title in the header, relative to the platform's own font size."""
SCREEN_SHARE = 0.9
"""The window never opens larger than this share of the screen (a 1366×768 laptop, 150%)."""


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
        self._scheduler_started = False
        application = QApplication.instance()
        if application is not None:
            # Before any page is built: every field the pages create is guarded from the start.
            install_wheel_guard(application)
        self.setWindowTitle(self.tr("Proactive tickets"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        # One look on every platform (the Windows default, AeroStyle, and macOS's MacStyle drop
        # the header): each page's title and subtitle say what happens on it, under the logo.
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        logo_file = resource_path(*LOGO)
        if logo_file.exists():
            icon = QIcon(str(logo_file))
            self.setPixmap(
                QWizard.WizardPixmap.LogoPixmap,
                icon.pixmap(LOGO_SIZE, self.devicePixelRatioF()),
            )
        self.scheduler = DueScheduler(services, self)
        """Sends the scheduled campaigns that come due while the window is open."""
        # A new page may mean a new sign-in (Connect): a campaign waiting for it goes now.
        self.currentIdChanged.connect(self._look_for_due_campaigns)
        self._add_pages()
        self.setMinimumSize(self._fit_to_screen(MINIMUM_SIZE))
        self.resize(self._fit_to_screen(DEFAULT_SIZE))

    def _page_factories(self) -> list[tuple[PageId, PageFactory]]:
        # Imported here: the page modules import the wizard's PageId.
        from proactive_desktop.ui.pages.connect import ConnectPage
        from proactive_desktop.ui.pages.search import SearchPage
        from proactive_desktop.ui.pages.select import SelectPage
        from proactive_desktop.ui.pages.start import StartPage

        return [
            (PageId.START, StartPage),
            (PageId.CONNECT, ConnectPage),
            (PageId.SEARCH, SearchPage),
            (PageId.SELECT, SelectPage),
            *_later_page_factories(),
        ]

    def _add_pages(self) -> None:
        for page_id, factory in self._page_factories():
            self.setPage(page_id, factory(self.draft, self.services))
        self.setStartId(PageId.START)

    def _name_header_labels(self) -> None:
        """Name the header's title and subtitle (style.qss styles them by name) and give the
        title a size that stands out from the page.

        QWizard builds its header on first show and names none of its labels: they are the
        header widget's children, the title bold, the subtitle word-wrapped, the logo neither.
        """
        for label in self.findChildren(QLabel):
            header = label.parentWidget()
            inner = header.parentWidget() if header is not None else None
            if isinstance(header, QFrame) or inner is None or inner.parentWidget() is not self:
                continue  # a page's label, or the title a page without a subtitle shows
            if label.objectName():
                continue
            if label.wordWrap():
                label.setObjectName("wizard_subtitle")
            elif label.font().bold():
                label.setObjectName("wizard_title")
                font = label.font()
                font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
                label.setFont(font)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._name_header_labels()
        if not self._is_closing and not self._scheduler_started:
            self._scheduler_started = True
            self.scheduler.start()

    def _look_for_due_campaigns(self, _page_id: int = 0) -> None:
        if self._scheduler_started and not self._is_closing:
            self.scheduler.check_now()

    def retranslate(self) -> None:
        """Show every text in the language just installed (see ui.i18n.use_language).

        Pages write their texts once, when they are built, so each is built again over the same
        draft and services, and the wizard starts over on the Start page (the only page that
        offers the choice). QWizard writes its own button texts only when its style changes.
        """
        self.setWindowTitle(self.tr("Proactive tickets"))
        style = self.wizardStyle()
        other = QWizard.WizardStyle.ClassicStyle
        self.setWizardStyle(other if style != other else QWizard.WizardStyle.ModernStyle)
        self.setWizardStyle(style)
        factories: dict[int, PageFactory] = dict(self._page_factories())
        shown = self.currentId()
        for page_id, factory in factories.items():
            if page_id != shown:
                self._replace_page(page_id, factory)
        if shown in factories:
            # Removing the page on show leaves QWizard pointing at it (a crash later), so a
            # stand-in is shown while that page is replaced.
            stand_in = max(factories) + 1
            self.setPage(stand_in, factories[shown](self.draft, self.services))
            self._show_first(stand_in)
            self._replace_page(shown, factories[shown])
            self._show_first(shown)
            self._drop_page(stand_in)
        self._show_first(PageId.START)

    def _show_first(self, page_id: int) -> None:
        self.setStartId(page_id)
        self.restart()

    def _replace_page(self, page_id: int, factory: PageFactory) -> None:
        self._drop_page(page_id)
        self.setPage(page_id, factory(self.draft, self.services))

    def _drop_page(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, WizardPage):
            page.shutdown()
        self.removePage(page_id)
        if page is not None:
            page.deleteLater()

    def sizeHint(self) -> QSize:
        return self._fit_to_screen(DEFAULT_SIZE)

    def _fit_to_screen(self, size: QSize) -> QSize:
        available = self.screen().availableSize()
        return size.boundedTo(
            QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
        )

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
        self.scheduler.shutdown()
        for each in self._pages():
            each.shutdown()
        return True
