"""The wizard's entry point: `run_wizard()` sets up Qt, the services and the crash handler.

The command line calls `run_wizard()` (lazily, so the headless commands never import Qt). It
builds the one `Services` object of the session, installs the translators for the language the
user chose (or the system's), the stylesheet and icon, and `sys.excepthook`/`threading.excepthook`
— here, never at import, so test tools keep their own hooks — then runs the window until it
closes. On the way out it cancels and waits for every worker thread, stops the demo workspace it
started, and restores the hooks.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from proactive_desktop import __version__
from proactive_desktop.core import logs
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.paths import data_dir as resolve_data_dir
from proactive_desktop.core.paths import resource_path
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.core.settings import load_settings, save_settings
from proactive_desktop.ui.dialogs.crash import CrashHandler
from proactive_desktop.ui.i18n import remove_translators, use_language
from proactive_desktop.ui.services import DemoAccount, DemoProvider, FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard
from proactive_desktop.ui.workers import keep_out_of_full_collections, stop_all_threads

log = logging.getLogger(__name__)

APPLICATION_NAME = "proactive-desktop"
ORGANIZATION_NAME = "proactive-desktop"
STYLESHEET = ("resources", "style.qss")
STYLE_NAME = "Fusion"
ACCENT = "#2f5fd8"
"""The icon's blue, darkened so that white text on it stays readable (style.qss uses it too)."""
WINDOW_BACKGROUND = "#f4f6f9"
ICON = ("resources", "icons", "proactive-desktop.svg")
SHUTDOWN_WAIT_MS = 15_000
"""How long the way out waits for worker threads (every request has a 30 s read timeout, but
cancelled waits return at once; a thread still busy after this is logged, not killed)."""


_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Qt messages that say nothing about the app: the offscreen platform (self-test, start-up
# measurements) has no window manager to pass size hints to.
_QT_NOISE = ("This plugin does not support propagateSizeHints()",)
qt_log = logging.getLogger("qt")


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message in _QT_NOISE else _QT_LOG_LEVELS.get(kind, logging.WARNING)
    qt_log.log(level, "%s", message)


def route_qt_messages_to_log() -> None:
    """Send Qt's own messages to the log file instead of the terminal a user never sees.

    Installed only by the program's own start-up: tests keep pytest-qt's handler.
    """
    qInstallMessageHandler(_log_qt_message)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (an existing one is reused: tests own theirs)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        route_qt_messages_to_log()
        app = QApplication(list(argv or [""]))
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationVersion(__version__)
    icon_file = resource_path(*ICON)
    if icon_file.exists():
        app.setWindowIcon(QIcon(str(icon_file)))
    stylesheet = resource_path(*STYLESHEET)
    if stylesheet.exists():
        use_light_theme(app)
        app.setStyleSheet(stylesheet.read_text(encoding="utf-8"))
    return app


def use_light_theme(app: QApplication) -> None:
    """Fusion in its light colours, with the app's accent, under the stylesheet.

    Fusion on every platform, because the stylesheet is drawn over it: the Windows 11 and macOS
    styles draw their controls natively and ignore or mis-draw parts of a stylesheet (borders,
    paddings, a coloured button), so each platform would look half-styled in its own way. One
    style is one look to check, the same as the screenshots. Light even in a dark system theme:
    the stylesheet's colours are light ones, and mixing them with a dark palette leaves light
    text on light fields.
    """
    app.setStyle(STYLE_NAME)
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later; 6.7 follows the palette alone
        hints.setColorScheme(Qt.ColorScheme.Light)
    palette = app.style().standardPalette()
    accent = QColor(ACCENT)
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BACKGROUND))
    palette.setColor(QPalette.ColorRole.Highlight, accent)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, accent)
    palette.setColor(QPalette.ColorRole.LinkVisited, accent.darker(125))
    app.setPalette(palette)


def build_services(
    data: Path,
    *,
    secrets: SecretStore | None = None,
    demo: DemoProvider | None = None,
) -> Services:
    """The session's services over the data folder `data`."""
    return Services(
        data_dir=data,
        secrets=secrets if secrets is not None else SecretStore(),
        settings=load_settings(data),
        save_settings=lambda settings: save_settings(data, settings),
        demo=demo,
    )


def run_wizard(
    *,
    data_dir: str | os.PathLike[str] | None = None,
    demo: DemoAccount | None = None,
    error_dialog: bool = True,
    verbose: bool = False,
    argv: Sequence[str] | None = None,
    secrets: SecretStore | None = None,
    demo_provider: DemoProvider | None = None,
) -> int:
    """Open the wizard and return the exit code when its window closes.

    `demo`: a demo workspace the caller already runs (`--demo`); the Connect page then signs in
    to it at once. Without it, "Try the demo" asks `demo_provider` (the entry point's built-in
    sandbox) on first use; with neither, the demo is not offered.
    `error_dialog=False` (`--no-error-dialog`): an unexpected error is written to stderr and ends
    the program with exit code 1, instead of opening the crash dialog.
    """
    data = resolve_data_dir(data_dir)
    logs.configure(data, verbose=verbose)
    log.info("proactive-desktop %s starting; data folder %s", __version__, data)
    app = create_application(argv if argv is not None else sys.argv[:1])
    services = build_services(
        data, secrets=secrets, demo=FixedDemo(demo) if demo is not None else demo_provider
    )
    use_language(app, services.settings.language)
    services.open_demo_at_start = demo is not None
    # The demo's log lives in the demo's folder, like its journal and settings; it follows the
    # session when the user switches between the demo and a real account.

    def move_log(folder: Path) -> None:
        logs.configure(folder, verbose=verbose)

    services.on_folder_changed = move_log
    if services.is_demo_session:
        logs.configure(services.active_data_dir, verbose=verbose)
    crash_handler = CrashHandler(services.logs_dir, show_dialog=error_dialog)
    crash_handler.install()
    try:
        wizard = CampaignWizard(CampaignDraft(), services)
        wizard.show()
        keep_out_of_full_collections()  # the program's modules and its window
        code = app.exec()
        wizard.hide()
    finally:
        if not stop_all_threads(SHUTDOWN_WAIT_MS):
            log.warning("Some background work was still running at exit")
        services.close()
        crash_handler.uninstall()
        remove_translators(app)
        log.info("proactive-desktop closed")
    return code
