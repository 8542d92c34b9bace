"""The application shell: run_wizard, translations, error messages and the crash dialog."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from proactive_desktop.core.errors import AuthenticationError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.logs import log_file_path
from proactive_desktop.ui.dialogs.crash import CRASH_EXIT_CODE, CrashDialog, CrashHandler
from proactive_desktop.ui.i18n import error_text, install_translators
from proactive_desktop.ui.wizard import PageId

SECRET = "secret-token-that-must-not-leak-123"


def test_error_text_translates_core_messages_and_hides_bugs() -> None:
    error = AuthenticationError(
        QT_TRANSLATE_NOOP("Errors", "Zendesk did not accept {email}."), email="a@example.com"
    )
    assert error_text(error) == "Zendesk did not accept a@example.com."
    general = error_text(ValueError(SECRET))
    assert SECRET not in general
    assert "log" in general


def test_qt_translations_load_for_japanese(qapp: QApplication) -> None:
    installed = install_translators(qapp, QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    try:
        assert any(Path(path).name.startswith("qtbase_ja") for path in installed.files)
        assert QCoreApplication.translate("QWizard", "Cancel") != "Cancel"
    finally:
        for translator in installed.translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QWizard", "Cancel") == "Cancel"


# run_wizard() runs the application's event loop to its end, after which this process's Qt
# cannot start another; each run gets a fresh interpreter.
RUN_WIZARD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from proactive_desktop.core.logs import register_secret
from proactive_desktop.ui.app import run_wizard
from proactive_desktop.ui.wizard import CampaignWizard

app = QApplication(sys.argv[:1])
register_secret({secret!r})

def close_the_window():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CampaignWizard) and widget.isVisible():
            print("page", int(widget.currentId()), flush=True)
            widget.reject()

def fail():
    raise RuntimeError("broken while holding {secret}")

QTimer.singleShot(300, {action})
sys.exit(run_wizard(data_dir=sys.argv[1], error_dialog=False))
"""


def run_wizard_in_a_process(data_dir: Path, action: str) -> subprocess.CompletedProcess[str]:
    script = RUN_WIZARD.format(secret=SECRET, action=action)
    return subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_wizard_shows_the_start_page_and_exits_cleanly(data_dir: Path) -> None:
    result = run_wizard_in_a_process(data_dir, "close_the_window")
    assert result.returncode == 0, result.stderr
    assert f"page {int(PageId.START)}" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_is_reported_redacted_and_ends_the_program(data_dir: Path) -> None:
    result = run_wizard_in_a_process(data_dir, "fail")
    assert result.returncode == CRASH_EXIT_CODE
    assert "RuntimeError: broken while holding ****" in result.stderr
    assert "the campaign is saved" in result.stderr
    assert SECRET not in result.stderr
    log_text = log_file_path(data_dir).read_text(encoding="utf-8")
    assert "RuntimeError" in log_text
    assert SECRET not in log_text


def test_errors_in_other_threads_reach_the_handler(qtbot: QtBot, tmp_path: Path) -> None:
    stream = io.StringIO()
    exits: list[int] = []
    handler = CrashHandler(
        tmp_path, show_dialog=False, stream=stream, exit_application=exits.append
    )
    handler.install()
    try:

        def fail() -> None:
            raise KeyError("in a thread")

        # A plain Python thread, as a library might start one: threading.excepthook catches it.
        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(handler.reports))
    finally:
        handler.uninstall()
    assert "KeyError: 'in a thread'" in handler.reports[0]
    assert "KeyError" in stream.getvalue()
    assert exits == [CRASH_EXIT_CODE]


def test_crash_dialog_shows_the_folder_and_copies_the_details(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("Traceback: details here", tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Your campaign is saved" in texts
    assert str(tmp_path) in texts
    assert dialog.details_edit.toPlainText() == "Traceback: details here"
    assert dialog.details_edit.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Traceback: details here"
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.quit_chosen


def test_the_program_keeps_qt_messages_off_the_terminal(data_dir: Path) -> None:
    # The offscreen platform warns about size hints when the wizard sets its minimum size;
    # a user never sees a terminal, so Qt's messages belong in the log file.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "proactive_desktop",
            "--data-dir",
            str(data_dir),
            "--quit-after-start",
            "--no-error-dialog",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "first window" in result.stdout
    assert result.stderr == ""
