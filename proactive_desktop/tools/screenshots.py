"""Screenshots of every page, in every language: `python -m proactive_desktop.tools.screenshots`.

    python -m proactive_desktop.tools.screenshots [--lang en|ja|zh_CN|all] [--scale 1|2]
                                                   [--out docs/screenshots]

Drives the real wizard against a seeded in-process sandbox — Start, Connect (signed in to the
demo), Search (a segment loaded), Select, Compose (a personalised message), Preview, Send
(finished, with the view link) and the campaign history — and saves each with `QWidget.grab()`
as `<out>/<lang>[@2x]/<nn>-<page>.png`. Run it in a real window system, for example under Xvfb
with CJK fonts installed:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m proactive_desktop.tools.screenshots

Each language gets its own temporary data folder and sandbox, so the pictures do not depend on
this computer's campaigns, and a font family that has the language's glyphs (Noto Sans CJK JP for
Japanese, SC for Chinese) when the platform's default lacks them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "ja", "zh_CN")
WINDOW_SIZE = (1000, 760)
WAIT_LIMIT_S = 60.0
SANDBOX_CUSTOMERS = 2000
SANDBOX_SEED = 11
# The sample (a CJK font family per language, tried in order) and what the campaign says.
CJK_FAMILIES = {
    "ja": ("Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP"),
    "zh_CN": ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"),
}
SAMPLE_TEXT = {"ja": "日本語のチケット", "zh_CN": "简体中文工单"}


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    subject: str
    body: str


CAMPAIGNS = {
    "en": Campaign(
        "VIP renewal November 2026",
        "Your {{user.user_fields.plan}} plan renews soon, {{user.first_name}}",
        "Hello {{user.first_name}},\n\nyour **{{user.user_fields.plan}}** plan for "
        "{{organization.name}} renews next month. Reply to this ticket with any question.",
    ),
    "ja": Campaign(
        "2026年11月 VIP 更新のご案内",
        "{{user.name}} 様: {{user.user_fields.plan}} プランの更新について",
        "{{user.name}} 様\n\n{{organization.name}} でご利用中の **{{user.user_fields.plan}}** "
        "プランは来月更新されます。ご不明な点はこのチケットにご返信ください。",
    ),
    "zh_CN": Campaign(
        "2026 年 11 月 VIP 续订",
        "{{user.name}},您的 {{user.user_fields.plan}} 套餐即将续订",
        "{{user.name}},您好:\n\n您在 {{organization.name}} 使用的 **{{user.user_fields.plan}}** "
        "套餐将于下月续订。如有任何问题,请直接回复此工单。",
    ),
}

# The customer list imported on the Search page, as Excel writes it in each language.
LIST_ENCODINGS = {"en": "utf-8-sig", "ja": "cp932", "zh_CN": "gb18030"}
LIST_HEADERS = {
    "en": ("email", "name", "order_no"),
    "ja": ("email", "氏名", "注文番号"),
    "zh_CN": ("email", "姓名", "订单号"),
}
LIST_ROWS = 6
ORDER_LABELS = {"en": "Order: ", "ja": "ご注文番号: ", "zh_CN": "订单号："}
NEW_CUSTOMER_EMAIL = "new.customer@example.net"
# A second text, for customers of another language (the Compose page's language tabs).
TRANSLATION_OF = {"en": ("ja", "ja"), "ja": ("en", "en"), "zh_CN": ("en", "en")}


def write_customer_list(folder: Path, language: str, customers: list[Any]) -> Path:
    """A small CSV list of some loaded customers and one person not in Zendesk yet."""
    email, name, order = LIST_HEADERS[language]
    encoding = LIST_ENCODINGS[language]

    def fits(customer: Any) -> bool:
        # A legacy Excel encoding cannot write every name of the sample data.
        try:
            f"{customer.email}{customer.name}".encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    customers = [customer for customer in customers if fits(customer)]
    lines = [f"{email},{name},{order}"]
    for number, customer in enumerate(customers[:LIST_ROWS], 1):
        lines.append(f"{customer.email},{customer.name},A-{1000 + number}")
    lines.append(f"{NEW_CUSTOMER_EMAIL},{customers[0].name[:1]} New,A-2000")
    path = folder / f"orders-{language}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def wait_until(condition: Callable[[], Any], what: str, timeout_s: float = WAIT_LIMIT_S) -> None:
    """Run Qt's events until `condition()` holds (the wizard's work runs on worker threads)."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: gave up waiting for {what}")
        QTest.qWait(20)


def settle() -> None:
    """Let layouts, fonts and repaints finish before a grab."""
    from PySide6.QtTest import QTest

    QTest.qWait(250)


def choose_font(app: Any, language: str) -> str:
    """Give the application a font family that has `language`'s glyphs; returns its name."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    base = QFont(app.font())
    base_family = base.family()
    sample = SAMPLE_TEXT.get(language)
    if sample is None:
        app.setFont(QFont(base_family, base.pointSize()))
        return base_family
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES[language]:
        if family in installed:
            font = QFont(base)
            # Latin text keeps the platform's family; CJK text uses the language's own glyphs
            # (Japanese and Chinese draw some of the same characters differently).
            font.setFamilies([family, base_family])
            app.setFont(font)
            return family
    metrics = QFontMetrics(base)
    if not all(metrics.inFontUcs4(ord(character)) for character in sample):
        print(f"screenshots: no {language} font found; text may show as boxes", file=sys.stderr)
    return base_family


class _MemoryKeyring:
    """A keychain that keeps its entries in a dict (this tool never touches the real one)."""

    @staticmethod
    def make() -> Any:
        from keyring.backend import KeyringBackend

        class MemoryKeyring(KeyringBackend):
            priority = -1  # never chosen by keyring on its own

            def __init__(self) -> None:
                super().__init__()  # type: ignore[no-untyped-call]
                self.entries: dict[tuple[str, str], str] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.entries.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.entries[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.entries.pop((service, username), None)

        return MemoryKeyring()


class Shooter:
    """Grabs widgets into one folder, numbering them in order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.number = 0
        self.saved: list[Path] = []

    def grab(self, widget: Any, name: str) -> None:
        settle()
        self.number += 1
        path = self.folder / f"{self.number:02d}-{name}.png"
        # PNG "quality" 0 is the strongest (still lossless) compression.
        if not widget.grab().toImage().save(str(path), "PNG", 0):
            raise SystemExit(f"screenshots: could not write {path}")
        self.saved.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def grab_extra(self, widget: Any, name: str, number: int) -> None:
        """A screenshot numbered after the walk's own (taken along the way, shown at the end)."""
        settle()
        path = self.folder / f"{number:02d}-{name}.png"
        if not widget.grab().toImage().save(str(path), "PNG", 0):
            raise SystemExit(f"screenshots: could not write {path}")
        self.saved.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _played_browser() -> Any:
    """A stand-in for the system browser: follows the sign-in URL and its redirect on a thread."""
    import threading

    import requests
    from PySide6.QtCore import QObject, QUrl, Slot

    class PlayedBrowser(QObject):
        def __init__(self) -> None:
            super().__init__()
            self._threads: list[threading.Thread] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            text = bytes(url.toEncoded().data()).decode("ascii")
            thread = threading.Thread(target=self._follow, args=(text,), daemon=True)
            self._threads.append(thread)
            thread.start()

        @staticmethod
        def _follow(url: str) -> None:
            with requests.Session() as session:
                reply = session.get(url, allow_redirects=False, timeout=(5, 10))
                if reply.status_code == 302:
                    session.get(reply.headers["Location"], allow_redirects=False, timeout=(5, 10))

        def join(self) -> None:
            for thread in self._threads:
                thread.join(10)

    return PlayedBrowser()


def shoot_language(app: Any, language: str, folder: Path) -> list[Path]:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QScrollArea, QWizard

    from proactive_desktop.core.draft import CampaignDraft
    from proactive_desktop.core.secrets import SecretStore
    from proactive_desktop.sandbox import (
        DEMO_EMAIL,
        DEMO_OAUTH_CLIENT_ID,
        DEMO_TOKEN,
        SandboxConfig,
        SandboxServer,
    )
    from proactive_desktop.ui.app import build_services
    from proactive_desktop.ui.dialogs.history import HistoryDialog
    from proactive_desktop.ui.i18n import remove_translators, use_language
    from proactive_desktop.ui.pages.compose import ComposePage
    from proactive_desktop.ui.pages.connect import ConnectPage
    from proactive_desktop.ui.pages.preview import PreviewPage
    from proactive_desktop.ui.pages.search import SearchPage
    from proactive_desktop.ui.pages.send import SendPage, SendState
    from proactive_desktop.ui.services import DemoAccount, FixedDemo
    from proactive_desktop.ui.wizard import CampaignWizard, PageId
    from proactive_desktop.ui.workers import stop_all_threads

    use_language(app, language)
    family = choose_font(app, language)
    print(f"{language}: font {family}")
    campaign = CAMPAIGNS[language]
    shooter = Shooter(folder)
    with (
        tempfile.TemporaryDirectory(prefix="proactive-screenshots-") as scratch,
        SandboxServer(
            SandboxConfig(
                customers=SANDBOX_CUSTOMERS,
                seed=SANDBOX_SEED,
                rate_limit_per_minute=None,
                update_rate_limit_per_minute=None,
                job_seconds_per_ticket=0.001,
                job_start_delay_s=0.0,
            ),
            port=0,
        ) as sandbox,
    ):
        from proactive_desktop.core.secrets import Secret

        services = build_services(
            Path(scratch),
            secrets=SecretStore(_MemoryKeyring.make()),
            demo=FixedDemo(DemoAccount(sandbox.url, DEMO_EMAIL, Secret(DEMO_TOKEN))),
        )
        services.settings.language = language
        wizard = CampaignWizard(CampaignDraft(), services)
        wizard.resize(*WINDOW_SIZE)
        wizard.show()
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        try:
            wait_until(wizard.isVisible, "the window")
            shooter.grab(wizard, "start")

            wizard.next()
            connect = wizard.currentPage()
            assert isinstance(connect, ConnectPage)
            # Sign in with Zendesk, as a new user does: the sandbox approves at once, and a
            # thread plays the browser (its redirect comes back to the page's loopback address).
            browser = _played_browser()
            # PySide's stubs say bytes, but only a str names the slot at run time.
            QDesktopServices.setUrlHandler("http", browser, "open")  # type: ignore[arg-type]
            try:
                connect.url_edit.setText(sandbox.url)
                connect.client_id_edit.setText(DEMO_OAUTH_CLIENT_ID)
                connect.sign_in_button.click()
                wait_until(next_button.isEnabled, "the sign-in with Zendesk")
            finally:
                QDesktopServices.unsetUrlHandler("http")
                browser.join()
            shooter.grab(wizard, "connect")

            wizard.next()
            search = wizard.currentPage()
            assert isinstance(search, SearchPage)
            wait_until(lambda: search._fields_loaded, "the customer fields")
            search.tags_edit.setText("vip")
            search.search_button.click()
            wait_until(lambda: bool(wizard.draft.customers), "the segment")
            wait_until(next_button.isEnabled, "the search to finish")
            # Then a customer list from Excel: the import says what it found.
            listed = [c for c in wizard.draft.customers if c.email]
            search.import_csv(write_customer_list(Path(scratch), language, listed))
            wait_until(search.csv_report_label.isVisible, "the CSV import")
            wait_until(next_button.isEnabled, "the CSV import to finish")
            shooter.grab(wizard, "search")

            wizard.next()
            wait_until(lambda: wizard.current_page_id() == PageId.SELECT, "the Select page")
            shooter.grab(wizard, "select")

            wizard.next()
            compose = wizard.currentPage()
            assert isinstance(compose, ComposePage)
            compose.name_edit.setText(campaign.name)
            compose.subject_edit.setText(campaign.subject)
            order_column = LIST_HEADERS[language][2]
            compose.body_edit.setPlainText(
                campaign.body
                + f'\n\n{ORDER_LABELS[language]}{{{{row.{order_column} | default: "-"}}}}'
            )
            other_language, other_texts = TRANSLATION_OF[language]
            other = CAMPAIGNS[other_texts]
            compose.add_language(other_language, other.subject, other.body)
            compose.text_tabs.setCurrentIndex(0)
            # A daily capacity above the segment: the schedule shows, and everything goes today.
            compose.schedule_box.enabled_check.setChecked(True)
            compose.schedule_box.per_day_check.setChecked(True)
            compose.schedule_box.per_day_spin.setValue(SCHEDULE_PER_DAY)
            wait_until(next_button.isEnabled, "the campaign name check and the ticket fields")
            shooter.grab(wizard, "compose")
            scroll = compose.findChild(QScrollArea)
            if scroll is not None:
                scroll.ensureWidgetVisible(compose.schedule_box)
                shooter.grab_extra(wizard, "compose-schedule", EXTRA_NUMBERS["compose-schedule"])
                scroll.verticalScrollBar().setValue(0)

            wizard.next()
            preview = wizard.currentPage()
            assert isinstance(preview, PreviewPage)
            wait_until(lambda: preview.plan is not None, "the preview")
            shooter.grab(wizard, "preview")
            shoot_preflight(preview, shooter)

            wizard.button(QWizard.WizardButton.CommitButton).click()
            wait_until(lambda: wizard.current_page_id() == PageId.SEND, "the Send page")
            send = wizard.currentPage()
            assert isinstance(send, SendPage)
            wait_until(
                lambda: send.state is SendState.FINISHED and not send.cancel_button.isVisible(),
                "the campaign to finish",
            )
            shooter.grab(wizard, "send")

            history = HistoryDialog(services, wizard)
            history.resize(WINDOW_SIZE[0], WINDOW_SIZE[1] - 120)
            history.show()
            wait_until(lambda: history.selected_campaign() is not None, "the history")
            history.open_button.click()
            wait_until(lambda: history.customers.model().rowCount() > 0, "its customers")
            shooter.grab(history, "history")

            # After the campaign: a duplicate made behind the program's back, found by Verify.
            shoot_aftercare(history, sandbox, shooter, language)
            history.reject()
            shoot_scheduled(wizard, services, shooter, language)
        finally:
            wizard.hide()
            for page_id in wizard.pageIds():
                page = wizard.page(page_id)
                shutdown = getattr(page, "shutdown", None)
                if shutdown is not None:
                    shutdown()
            stop_all_threads(15_000)
            wizard.deleteLater()
            services.close()
            remove_translators(app)
    return shooter.saved


SCHEDULE_PER_DAY = 1000
EXTRA_NUMBERS = {"compose-schedule": 13, "start-scheduled": 14, "preview-preflight": 15}
SCHEDULED_NAMES = {
    "en": "Winter newsletter (by time zone)",
    "ja": "冬のお知らせ（現地時間で配信）",
    "zh_CN": "冬季通讯（按当地时间发送）",
}


def shoot_preflight(preview: Any, shooter: Shooter) -> None:
    """The Preview's pre-flight, scrolled into view: every property, the triggers, and a test
    ticket sent to the admin (it is outside the campaign: the walk's counts do not change)."""
    preview.test_button.click()
    wait_until(lambda: preview.test_button.isEnabled(), "the test ticket")
    preview.summary_scroll.ensureWidgetVisible(preview.test_status)
    shooter.grab_extra(preview.wizard(), "preview-preflight", EXTRA_NUMBERS["preview-preflight"])
    preview.summary_scroll.verticalScrollBar().setValue(0)


def shoot_scheduled(wizard: Any, services: Any, shooter: Shooter, language: str) -> None:
    """A campaign scheduled for tomorrow morning in each customer's time, on the Start page."""
    import dataclasses
    from datetime import datetime, time, timedelta

    from proactive_desktop.core.engine import CampaignEngine
    from proactive_desktop.core.models import ScheduleSpec
    from proactive_desktop.ui.pages.start import StartPage

    tomorrow = datetime.combine(datetime.now().date() + timedelta(days=1), time(0)).astimezone()
    base = wizard.draft.to_spec()
    campaign = CAMPAIGNS[language]
    spec = dataclasses.replace(
        base,
        name=SCHEDULED_NAMES[language],
        ticket=dataclasses.replace(
            base.ticket, subject=campaign.subject, body=campaign.body, translations=()
        ),
        schedule=ScheduleSpec(
            start=tomorrow,
            per_day=40,
            window_start_minute=9 * 60,
            window_end_minute=17 * 60,
            days=("mon", "tue", "wed", "thu", "fri"),
        ),
    )
    with services.client() as client, services.open_journal() as journal:
        CampaignEngine(client, journal).send(spec)
    wizard.restart()
    start = wizard.currentPage()
    assert isinstance(start, StartPage)
    start.refresh_scheduled()
    wait_until(lambda: start.scheduled_list.count() > 0, "the scheduled campaign")
    shooter.grab_extra(wizard, "start-scheduled", EXTRA_NUMBERS["start-scheduled"])


def shoot_aftercare(history: Any, sandbox: Any, shooter: Shooter, language: str) -> None:
    """Verify (with a planted duplicate), the withdraw confirmation and its result, History."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    summary = history._summary
    assert summary is not None
    first = next(c for c in summary.customers if c.ticket_id is not None)
    sandbox.plant_ticket(requester_id=first.user_id, tags=[summary.tag], subject="Again")
    # The sample account requires "Product" before a ticket is solved: fill it, as an admin
    # whose tickets have it would.
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_subscription"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]

    history.verify_button.click()
    verify = history.verify_dialog
    wait_until(lambda: verify.report is not None, "the verification")
    shooter.grab(verify, "verify")
    verify.reject()

    history.withdraw_button.click()
    withdraw = history.withdraw_dialog
    withdraw.note_edit.setPlainText(WITHDRAW_NOTES[language])
    confirmed: list[bool] = []

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shooter.grab(box, "withdraw-confirm")
            box.button(QMessageBox.StandardButton.Yes).click()
            confirmed.append(True)
            return
        QTimer.singleShot(50, confirm)

    QTimer.singleShot(50, confirm)
    withdraw.withdraw_button.click()
    wait_until(lambda: bool(confirmed), "the confirmation")
    wait_until(lambda: withdraw.summary is not None and not withdraw.is_busy, "the withdrawal")
    shooter.grab(withdraw, "withdraw")
    withdraw.reject()
    wait_until(lambda: history.model.campaign(0).record.state.value == "withdrawn", "its state")
    wait_until(lambda: not history.is_busy, "the history to settle")
    shooter.grab(history, "history-withdrawn")


WITHDRAW_NOTES = {
    "en": "Sent by mistake: the renewal date was wrong. Please ignore this ticket.",
    "ja": "誤送信です（更新日に誤りがありました）。このチケットは対応不要です。",
    "zh_CN": "误发：续订日期有误。请忽略此工单。",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m proactive_desktop.tools.screenshots")
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all")
    parser.add_argument("--scale", type=int, choices=(1, 2), default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args(argv)
    # Before Qt starts: the scale factor is read once.
    os.environ["QT_SCALE_FACTOR"] = str(options.scale)
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        # A real window system (Xvfb counts): grabs must show real fonts and window sizes.
        os.environ.pop("QT_QPA_PLATFORM", None)

    from PySide6.QtWidgets import QApplication

    from proactive_desktop.tools import i18n
    from proactive_desktop.ui.app import create_application

    i18n.compile_all()
    app = create_application([sys.argv[0]])
    assert isinstance(app, QApplication)
    languages = LANGUAGES if options.lang == "all" else (options.lang,)
    suffix = "@2x" if options.scale == 2 else ""
    for language in languages:
        shoot_language(app, language, options.out / f"{language}{suffix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
