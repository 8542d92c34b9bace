"""The crash dialog, and the handler that `run_wizard()` installs as the last line of defence.

An exception nobody expected (a bug) reaches `CrashHandler.handle` through `sys.excepthook`,
`threading.excepthook` or a worker's failure. It is logged with its traceback (the log's handlers
redact secrets), and the user sees a short translated message: the campaign is safe and resumes,
where the log folder is, and the redacted details with a Copy button. With `show_dialog=False`
(`--no-error-dialog`, tests, the frozen smoke test) the report goes to stderr and the program
ends with exit code 1 instead.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop import __version__
from proactive_desktop.core.logs import redact
from proactive_desktop.ui.workers import emit

log = logging.getLogger(__name__)

CRASH_EXIT_CODE = 1
DIALOG_SIZE = QSize(560, 440)
"""Wide enough for a traceback's lines and the buttons on one row, in logical pixels."""


def crash_report(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """The redacted text of a crash: versions, platform and the traceback — no environment."""
    lines = [
        f"proactive-desktop {__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        "",
        *traceback.format_exception(exc_type, error, tb),
    ]
    return redact("\n".join(line.rstrip("\n") for line in lines))


class CrashDialog(QDialog):
    """What went wrong, in plain words; the technical details to copy for a bug report."""

    def __init__(self, details: str, log_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.details = details
        self.log_folder = log_folder
        self.quit_chosen = False

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        message = QLabel(
            self.tr(
                "The program ran into a problem it did not expect. Your campaign is saved: "
                "when you open the program again it resumes where it stopped, and nobody gets a "
                "ticket twice."
            )
        )
        message.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(message, 1)

        folder_label = QLabel(
            self.tr("The details are also in the log folder: {folder}").format(
                folder=str(log_folder)
            )
        )
        folder_label.setWordWrap(True)
        folder_label.setTextFormat(Qt.TextFormat.PlainText)
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details_edit = QPlainTextEdit(details)
        self.details_edit.setReadOnly(True)
        self.details_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # A traceback lines up only in a fixed-width font.
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.copy_button = QPushButton(self.tr("Copy details"))
        self.open_folder_button = QPushButton(self.tr("Open log folder"))
        tools = QHBoxLayout()
        tools.addWidget(self.copy_button)
        tools.addWidget(self.open_folder_button)
        tools.addStretch(1)

        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(
            self.tr("Keep working"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button = buttons.addButton(
            self.tr("Quit the program"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._quit)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(folder_label)
        layout.addWidget(self.details_edit, 1)
        layout.addLayout(tools)
        layout.addWidget(buttons)

        self.copy_button.clicked.connect(self.copy_details)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()).expandedTo(DIALOG_SIZE))

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_folder)))

    @Slot()
    def _quit(self) -> None:
        self.quit_chosen = True
        self.accept()


class CrashHandler(QObject):
    """Receives unexpected exceptions from any thread and reports them on the GUI thread."""

    _crashed = Signal(str)

    def __init__(
        self,
        log_folder: Path,
        *,
        show_dialog: bool,
        stream: TextIO | None = None,
        exit_application: Callable[[int], None] = QCoreApplication.exit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._exit_application = exit_application
        self.log_folder = log_folder
        self.show_dialog = show_dialog
        self._stream = stream
        self._is_showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.reports: list[str] = []
        # Queued when emitted from a worker thread: the dialog always opens on the GUI thread.
        self._crashed.connect(self._report_on_gui_thread, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, error, tb)
            return
        log.error("Unexpected error", exc_info=(exc_type, error, tb))
        emit(self._crashed, crash_report(exc_type, error, tb))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _report_on_gui_thread(self, details: str) -> None:
        self.reports.append(details)
        if not self.show_dialog:
            stream = self._stream if self._stream is not None else sys.stderr
            stream.write(
                QCoreApplication.translate(
                    "CrashHandler",
                    "proactive-desktop stopped after an unexpected error; the campaign is saved "
                    "and resumes at the next start.",
                )
                + "\n"
                + details
                + "\n"
            )
            stream.flush()
            self._exit_application(CRASH_EXIT_CODE)
            return
        if self._is_showing:
            return  # one dialog at a time; later errors are in the log
        self._is_showing = True
        try:
            # A top-level dialog: the window that failed may be unusable.
            dialog = CrashDialog(details, self.log_folder)
            dialog.exec()
            if dialog.quit_chosen:
                self._exit_application(CRASH_EXIT_CODE)
        finally:
            self._is_showing = False
