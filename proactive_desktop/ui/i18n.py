"""Translations for the wizard: Qt's own strings (qtbase_*.qm) and ours, for the system locale.

`install_translators()` loads `qtbase_<lang>.qm` from Qt's translations folder (QWizard's
Back/Next/Cancel and the standard dialogs) and `i18n/proactive_desktop_<lang>.qm` through
`resource_path()`. `message_text()` and `error_text()` turn the core's translatable messages into
the user's language at display time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from proactive_desktop.core.errors import ProactiveError
from proactive_desktop.core.i18n import Message
from proactive_desktop.core.paths import resource_path

log = logging.getLogger(__name__)

APP_CATALOGUE = "proactive_desktop"
QT_CATALOGUE = "qtbase"


@dataclass(frozen=True, slots=True)
class InstalledTranslators:
    """What was loaded, for the log and the frozen smoke test; keeps the translators alive."""

    locale: str
    files: tuple[str, ...]
    translators: tuple[QTranslator, ...]


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None
) -> InstalledTranslators:
    """Install Qt's and our translations for `locale` (default: the system's).

    English needs no file. A missing catalogue is not an error: the text stays English.
    """
    chosen = locale if locale is not None else QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    sources = (
        (QT_CATALOGUE, qt_dir),
        (APP_CATALOGUE, str(resource_path("i18n"))),
    )
    translators: list[QTranslator] = []
    files: list[str] = []
    for catalogue, folder in sources:
        translator = QTranslator(app)
        # QTranslator tries ja_JP, then ja, for each UI language of the locale, in order.
        if translator.load(chosen, catalogue, "_", folder):
            app.installTranslator(translator)
            translators.append(translator)
            files.append(translator.filePath())
    log.info("Locale %s; translations loaded: %s", chosen.name(), files or "none")
    return InstalledTranslators(chosen.name(), tuple(files), tuple(translators))


def message_text(message: Message) -> str:
    """A core message in the user's language, its `{named}` fields filled."""
    translated = QCoreApplication.translate(message.context, message.source)
    if not message.params:
        return translated
    try:
        return translated.format(**message.params)
    except (KeyError, IndexError, ValueError):
        # A faulty translation must not hide the message: fall back to the English source.
        log.warning("Translation of %r does not fit its fields", message.source)
        return message.english()


def error_text(error: BaseException) -> str:
    """What to tell the user about `error`: its own message, or a general sentence for a bug."""
    if isinstance(error, ProactiveError):
        return message_text(error.message)
    return QCoreApplication.translate(
        "Errors",
        "Something unexpected went wrong. The details are in the log; please try again.",
    )
