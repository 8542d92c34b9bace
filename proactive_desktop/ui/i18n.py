"""Translations for the wizard: Qt's own strings (qtbase_*.qm) and ours, in one language.

The language is the user's choice (`Settings.language`) or else the system's; `use_language()`
installs it app-wide, replacing an earlier choice, and makes it the default QLocale so dates and
numbers follow it. `install_translators()` loads `qtbase_<lang>.qm` from Qt's translations folder
(QWizard's Back/Next/Cancel and the standard dialogs) and `i18n/proactive_desktop_<lang>.qm`
through `resource_path()` — always both for the same language, never Qt's buttons in one and ours
in another. `message_text()` and `error_text()` turn the core's translatable messages into the
user's language at display time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from proactive_desktop.core.errors import ProactiveError
from proactive_desktop.core.i18n import Message
from proactive_desktop.core.paths import resource_path

log = logging.getLogger(__name__)

APP_CATALOGUE = "proactive_desktop"
QT_CATALOGUE = "qtbase"
SOURCE_LANGUAGE: Final = "en"
LANGUAGE_NAMES: Final = {"en": "English", "ja": "日本語", "zh_CN": "简体中文"}
"""Each language in its own words (never translated: a reader must recognise their own)."""
COUNT_FIELDS: Final = frozenset(
    {"count", "limit", "total", "cap", "minutes", "created", "failed", "skipped", "pending"}
)
"""Fields of core messages that hold counts, written with the locale's digit grouping (ids,
ports and status codes are not counts and stay as they are)."""
TRANSLATOR_NAME: Final = "proactive-desktop-translator"
"""The object name of every translator installed here, so a later choice can replace them."""


@dataclass(frozen=True, slots=True)
class InstalledTranslators:
    """What was loaded, for the log and the frozen smoke test; keeps the translators alive."""

    locale: str
    files: tuple[str, ...]
    translators: tuple[QTranslator, ...]
    language: str = SOURCE_LANGUAGE
    """The interface language it resolved to: one of LANGUAGE_NAMES."""


def resolve_language(locale: QLocale) -> str:
    """The interface language for `locale`: its UI languages in order, the first we speak.

    A system set to German, then Japanese, gets Japanese; Traditional Chinese is not Simplified
    Chinese, so it moves on to the next language; with none we speak, English.
    """
    is_traditional_chinese = False
    for name in locale.uiLanguages():
        candidate = QLocale(name)
        language = candidate.language()
        if language == QLocale.Language.Japanese:
            return "ja"
        if language == QLocale.Language.Chinese:
            # zh_TW lists "zh-Hant-TW" … then a bare "zh", which QLocale reads as Simplified.
            if candidate.script() == QLocale.Script.TraditionalHanScript:
                is_traditional_chinese = True
            if is_traditional_chinese:
                continue
            return "zh_CN"
        if language == QLocale.Language.English:
            return "en"
    return SOURCE_LANGUAGE


def install_translators(
    app: QCoreApplication, locale: QLocale | None = None
) -> InstalledTranslators:
    """Install Qt's and our translations for `locale` (default: the system's).

    English needs only our plural forms. A missing catalogue is not an error: the text stays
    English (and is logged).
    """
    chosen = locale if locale is not None else QLocale.system()
    language = resolve_language(chosen)
    translators: list[QTranslator] = []
    files: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    sources = [(APP_CATALOGUE, str(resource_path("i18n")))]
    # English is Qt's own source language; ours carries only its plural forms ("1 customer").
    if language != SOURCE_LANGUAGE:
        sources.insert(0, (QT_CATALOGUE, qt_dir))
    for catalogue, folder in sources:
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(f"{catalogue}_{language}", folder):
            app.installTranslator(translator)
            translators.append(translator)
            files.append(translator.filePath())
        else:
            translator.setParent(None)
            log.warning("No %s translation for %s in %s", catalogue, language, folder)
    log.info("Locale %s (%s); translations loaded: %s", chosen.name(), language, files or "none")
    return InstalledTranslators(chosen.name(), tuple(files), tuple(translators), language)


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall every translator `install_translators()` put on `app`."""
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        # Unparented, it is no longer found here; whoever still holds it keeps it alive.
        translator.setParent(None)


def use_language(app: QCoreApplication, language: str | None) -> InstalledTranslators:
    """Show the interface in `language` (a `Settings.language`; None follows the system).

    Replaces the translators of an earlier call, and sets the default QLocale that formats dates
    and numbers: the system's own when it speaks that language (en_GB keeps its dates), else
    the language's usual one.
    """
    remove_translators(app)
    system = QLocale.system()
    installed = install_translators(app, system if language is None else QLocale(language))
    if resolve_language(QLocale(system.name())) == installed.language:
        QLocale.setDefault(system)
    else:
        QLocale.setDefault(QLocale(installed.language))
    return installed


def message_text(message: Message) -> str:
    """A core message in the user's language, its `{named}` fields filled."""
    translated = QCoreApplication.translate(message.context, message.source)
    if not message.params:
        return translated
    locale = QLocale()
    params = {
        name: locale.toString(value)
        if name in COUNT_FIELDS and isinstance(value, int) and not isinstance(value, bool)
        else value
        for name, value in message.params.items()
    }
    try:
        return translated.format(**params)
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
