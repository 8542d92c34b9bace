"""The wizard in Japanese, Simplified Chinese and English: every page, Qt's own buttons, the
language choice on the Start page, and locale-aware durations and numbers.

Each walk goes through the real pages against the test's sandbox, from Start to a finished Send,
and on each page compares what is shown with what the installed catalogues say; in ja and zh_CN
no visible text may still be one of our English sources.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from campaign_helpers import click
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from wizard_support import click_next, make_wizard

from proactive_desktop.core.i18n import Message
from proactive_desktop.core.settings import load_settings
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.tools import i18n as i18n_tool
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.dialogs.history import HistoryDialog
from proactive_desktop.ui.i18n import (
    message_text,
    remove_translators,
    resolve_language,
    use_language,
)
from proactive_desktop.ui.pages.compose import ComposePage
from proactive_desktop.ui.pages.connect import ConnectPage
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.pages.search import SearchPage
from proactive_desktop.ui.pages.send import SendPage, SendState
from proactive_desktop.ui.pages.start import StartPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.duration import format_duration
from proactive_desktop.ui.widgets.reasons import reason_text
from proactive_desktop.ui.wizard import CampaignWizard, PageId

SEND_TIMEOUT_MS = 30_000
SAMPLED_ROWS = 20


def _english_sources() -> set[str]:
    """Our English texts whose translation differs (so seeing one means it was not translated)."""
    sources = set()
    root = ET.parse(i18n_tool.ts_path("ja")).getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" or translation is None:
            continue
        source = message.findtext("source") or ""
        if translation.text != source and "{" not in source:
            sources.add(source)
    return sources


ENGLISH_SOURCES = _english_sources()


@pytest.fixture(autouse=True)
def _english_again_afterwards(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    yield
    remove_translators(qapp)
    QLocale.setDefault(previous)


def expect(language: str, context: str, source: str, n: int = -1) -> str:
    """What the catalogue of `language` shows for `source`; it must differ from English."""
    text = QCoreApplication.translate(context, source, None, n)
    if language != "en":
        assert text != source, f"[{context}] {source!r} is not translated into {language}"
    return text


def shown_texts(widget: QWidget) -> list[str]:
    texts = [
        child.text()
        for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)
        if child.isVisibleTo(widget) and child.text()
    ]
    texts += [box.title() for box in widget.findChildren(QGroupBox) if box.isVisibleTo(widget)]
    # Tables: their headings and what the first rows show (a Yes or No of a checkbox field).
    for table in widget.findChildren(QTableView):
        model = table.model()
        if not table.isVisibleTo(widget) or model is None:
            continue
        for column in range(model.columnCount()):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            texts.extend(
                str(model.index(row, column).data() or "")
                for row in range(min(model.rowCount(), SAMPLED_ROWS))
            )
    return texts


def assert_translated_page(language: str, wizard: CampaignWizard) -> None:
    page = wizard.currentPage()
    texts = [page.title(), page.subTitle(), *shown_texts(page)]
    if language != "en":
        untranslated = [text for text in texts if text in ENGLISH_SOURCES]
        assert untranslated == [], f"English left on {type(page).__name__}"


def qt_button(wizard: QWizard, which: QWizard.WizardButton) -> str:
    return wizard.button(which).text()


@pytest.mark.parametrize("language", ["ja", "zh_CN", "en"])
def test_every_page_speaks_the_language(
    qtbot: QtBot, qapp: QApplication, services: Services, sandbox: SandboxServer, language: str
) -> None:
    installed = use_language(qapp, language)
    assert installed.language == language
    wizard = make_wizard(qtbot, services)
    assert wizard.windowTitle() == expect(language, "CampaignWizard", "Proactive tickets")

    # Start, with Qt's own buttons from qtbase_<lang>.qm.
    start = wizard.currentPage()
    assert isinstance(start, StartPage)
    assert start.title() == expect(language, "StartPage", "Welcome")
    assert start.new_button.text() == expect(language, "StartPage", "Start a new campaign")
    assert qt_button(wizard, QWizard.WizardButton.NextButton) == expect(
        language, "QWizard", "&Next >"
    )
    assert qt_button(wizard, QWizard.WizardButton.CancelButton) == expect(
        language, "QWizard", "Cancel"
    )
    assert_translated_page(language, wizard)

    # Connect: the demo account signs in.
    click_next(qtbot, wizard)
    connect = wizard.currentPage()
    assert isinstance(connect, ConnectPage)
    assert connect.title() == expect(language, "ConnectPage", "Connect to Zendesk")
    assert connect.demo_button.text() == expect(language, "ConnectPage", "Try the demo")
    assert qt_button(wizard, QWizard.WizardButton.BackButton) == expect(
        language, "QWizard", "< &Back"
    )
    qtbot.mouseClick(connect.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.button(QWizard.WizardButton.NextButton).isEnabled, timeout=10_000)
    assert_translated_page(language, wizard)

    # Search: the whole segment, counted in the language.
    click_next(qtbot, wizard)
    search = wizard.currentPage()
    assert isinstance(search, SearchPage)
    assert search.title() == expect(language, "SearchPage", "Find your customers")
    assert search.search_button.text() == expect(language, "SearchPage", "Search")
    qtbot.waitUntil(lambda: search._fields_loaded, timeout=10_000)
    qtbot.keyClicks(search.text_edit, "role:end-user")
    qtbot.mouseClick(search.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(wizard.draft.customers), timeout=10_000)
    found = len(wizard.draft.customers)
    assert expect(language, "SearchPage", "%n customer(s) found.", found) in (
        search.result_label.text()
    )
    assert_translated_page(language, wizard)

    # Select.
    click_next(qtbot, wizard)
    assert wizard.current_page_id() == PageId.SELECT
    assert wizard.currentPage().title() == expect(
        language, "SelectPage", "Choose who gets a ticket"
    )
    assert_translated_page(language, wizard)

    # Compose, with a personalised message.
    click_next(qtbot, wizard)
    compose = wizard.currentPage()
    assert isinstance(compose, ComposePage)
    assert compose.title() == expect(language, "ComposePage", "Write the ticket")
    assert compose.internal_radio.text() == expect(language, "ComposePage", "Internal note")
    compose.name_edit.setFocus()
    qtbot.keyClicks(compose.name_edit, f"Languages {language}")
    compose.subject_edit.setFocus()
    qtbot.keyClicks(compose.subject_edit, "A note for {{user.name}}")
    compose.body_edit.setFocus()
    qtbot.keyClicks(compose.body_edit, "Hello {{user.first_name}}")
    assert_translated_page(language, wizard)

    # Preview: the commit button counts the tickets in the language.
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.PREVIEW)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    assert preview.title() == expect(language, "PreviewPage", "Check before sending")
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=15_000)
    plan = preview.plan
    assert plan is not None
    tickets = len(plan.recipients) - plan.skipped_count
    assert qt_button(wizard, QWizard.WizardButton.CommitButton) == expect(
        language, "PreviewPage", "Send %n ticket(s)", tickets
    )
    assert_translated_page(language, wizard)

    # Send, to the end.
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.SEND)
    send = wizard.currentPage()
    assert isinstance(send, SendPage)
    assert send.title() == expect(language, "SendPage", "Sending")
    qtbot.waitUntil(
        lambda: send.state is SendState.FINISHED and not send.cancel_button.isVisible(),
        timeout=SEND_TIMEOUT_MS,
    )
    assert expect(language, "SendPage", "%n ticket(s) created.", tickets) in (
        send.result_label.text()
    )
    assert qt_button(wizard, QWizard.WizardButton.FinishButton) == expect(
        language, "SendPage", "Close"
    )
    assert_translated_page(language, wizard)

    # The history dialog, over the campaign just sent.
    dialog = HistoryDialog(services, wizard)
    assert dialog.windowTitle() == expect(language, "HistoryDialog", "Campaign history")
    dialog.show()
    listed = expect(language, "HistoryDialog", "%n campaign(s) on this computer.", 1)
    qtbot.waitUntil(lambda: dialog.status_label.text() == listed, timeout=10_000)
    dialog.reject()


def test_choosing_a_language_on_the_start_page_applies_it_and_remembers_it(
    qtbot: QtBot, services: Services, data_dir: object, sandbox: SandboxServer
) -> None:
    wizard = make_wizard(qtbot, services)
    start = wizard.currentPage()
    assert isinstance(start, StartPage)
    assert start.title() == "Welcome"
    names = [start.language_combo.itemText(i) for i in range(start.language_combo.count())]
    assert names[1:] == ["English", "日本語", "简体中文"]

    index = start.language_combo.findData("ja")
    start.language_combo.setCurrentIndex(index)
    start.language_combo.activated.emit(index)

    rebuilt = wizard.currentPage()
    assert isinstance(rebuilt, StartPage)
    assert rebuilt is not start
    assert rebuilt.title() == "ようこそ"
    assert rebuilt.language_combo.currentData() == "ja"
    assert qt_button(wizard, QWizard.WizardButton.NextButton) == QCoreApplication.translate(
        "QWizard", "&Next >"
    )
    assert qt_button(wizard, QWizard.WizardButton.NextButton) != "&Next >"
    assert wizard.windowTitle() == "プロアクティブチケット"
    assert services.settings.language == "ja"
    assert load_settings(services.data_dir).language == "ja"
    # Dates and numbers follow the chosen language too.
    assert QLocale().language() == QLocale.Language.Japanese

    # The next launch starts in Japanese, and "System language" goes back to following the OS.
    again = build_services(services.data_dir, secrets=services.secrets)
    try:
        assert again.settings.language == "ja"
    finally:
        again.close()
    system = rebuilt.language_combo.findData(None)
    rebuilt.language_combo.setCurrentIndex(system)
    rebuilt.language_combo.activated.emit(system)
    assert load_settings(services.data_dir).language is None
    assert wizard.currentPage().title() == "Welcome"  # the tests' system language is English


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("ja_JP", "ja"),
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_TW", "en"),
        ("en_GB", "en"),
        ("de_DE", "en"),
    ],
)
def test_the_system_locale_picks_a_language(locale: str, language: str) -> None:
    assert resolve_language(QLocale(locale)) == language


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ("less than a minute", "about 3 minutes", "about 2 hours 5 minutes")),
        ("ja", ("1分未満", "約3分", "約2時間5分")),
        ("zh_CN", ("不到 1 分钟", "约 3 分钟", "约 2 小时 5 分钟")),
    ],
)
def test_durations_read_naturally(
    qapp: QApplication, language: str, texts: tuple[str, ...]
) -> None:
    use_language(qapp, language)
    assert tuple(format_duration(s) for s in (20, 170, 7500)) == texts


@pytest.mark.parametrize("language", ["ja", "zh_CN"])
def test_reasons_from_the_core_are_translated_with_their_details(
    qapp: QApplication, language: str
) -> None:
    use_language(qapp, language)
    for english in (
        "missing value for {{user.user_fields.plan}}",
        "no user with email a@example.com",
        'already reached by campaign "Spring"',
        "the macro's comment could not be added: 422 Invalid",
    ):
        translated = reason_text(english)
        assert translated != english
        assert english.split()[-1].strip('"') in translated
    view_error = reason_text("The view was not created: Zendesk had a problem", "Engine")
    assert view_error.endswith("Zendesk had a problem")
    assert not view_error.startswith("The view")


@pytest.mark.parametrize(("language", "grouped"), [("en", "1,500"), ("ja", "1,500")])
def test_counts_in_core_messages_are_grouped_but_ids_are_not(
    qapp: QApplication, language: str, grouped: str
) -> None:
    use_language(qapp, language)
    warning = Message(
        "Engine",
        "{count} customers will get a ticket: more than {limit} is a lot for a team to answer, "
        "and may look like spam.",
        {"count": 1500, "limit": 1000},
    )
    assert grouped in message_text(warning)
    missing = Message("Errors", "There is no group {group_id} in the account.", {"group_id": 36001})
    assert "36001" in message_text(missing)
