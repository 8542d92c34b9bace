"""`proactive-desktop --self-test` and `--quit-after-start`: is this installation whole?

`run_self_test()` proves that a build (above all a frozen one) has everything it needs, without
touching anything of the user's: a temporary data folder, a sandbox on a loopback port inside this
process, an offscreen Qt platform unless QT_QPA_PLATFORM says otherwise. One line per check,
`name: ok (facts)` or `name: FAILED: reason`, then the verdict; exit 0 only when every check passed.

- campaign      a small campaign through the CampaignEngine against the sandbox; every customer
                gets exactly one ticket, and sending the campaign again creates none;
- translations  Qt's qtbase and our catalogues load for ja and zh_CN (through ui.i18n, as the
                wizard loads them);
- locale data   Qt's collation, time-zone names, case mapping and line breaking for en, ja and
                zh_CN; on Linux, where the build ships a trimmed ICU data library, the Japanese
                and pinyin orders and the zone names in each language must be there;
- keychain      the keyring backend in use and the keychain's state; FAILED for a plaintext
                backend, or when the platform's own backend is missing from the build;
- wizard        a QApplication with the app's icon, and the wizard built, shown and closed.

`arm_quit_after_start()` serves smoke tests and the start-up benchmark: the real wizard opens, and
when its first window is on screen the program prints how long that took from process start,
the translation files it loaded and the keychain state, then quits with exit code 0.

This module imports Qt, the sandbox and the engine lazily: the command line imports it only for
these two switches.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_IMPORTED_AT: Final = time.monotonic()

SELF_TEST_CUSTOMERS: Final = 20
SELF_TEST_SEED: Final = 7
SELF_TEST_CAMPAIGN: Final = "Self-test 自检 セルフテスト"
LANGUAGES: Final = ("ja", "zh_CN")
QT_CATALOGUE: Final = "qtbase"
APP_CATALOGUE: Final = "proactive_desktop"
# The keychain backend each platform must have bundled (build.spec lists them as hidden imports).
PLATFORM_KEYRING: Final = {
    "darwin": "keyring.backends.macOS",
    "win32": "keyring.backends.Windows",
}
LINUX_KEYRING: Final = "keyring.backends.SecretService"
SHUTDOWN_WAIT_MS: Final = 5_000
# PySide6's Linux Qt brings its own ICU (the bundle trims its data); elsewhere Qt asks the
# system for collation and zone names.
QT_SHIPS_ICU: Final = sys.platform.startswith("linux")


class CheckFailed(Exception):
    """A check found the installation lacking; the message says what, in one line."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        if self.ok:
            return f"{self.name}: ok ({self.detail})" if self.detail else f"{self.name}: ok"
        return f"{self.name}: FAILED: {self.detail}"


# -- the self-test ------------------------------------------------------------------------------


def run_self_test(stdout: TextIO) -> int:
    """Run every check, print one line each as it finishes; 0 when all passed, else 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app_holder: list[QApplication] = []

    def application() -> QApplication:
        if not app_holder:
            app_holder.append(_create_application())
        return app_holder[0]

    # Warnings the checks log are shown under their check, on stdout; without a handler,
    # Python would print them to stderr, where a smoke test counts them as failures.
    warnings = _WarningCollector()
    root_logger = logging.getLogger()
    root_logger.addHandler(warnings)
    try:
        return _run_checks(stdout, application, warnings)
    finally:
        root_logger.removeHandler(warnings)


def _run_checks(
    stdout: TextIO, application: Callable[[], QApplication], warnings: _WarningCollector
) -> int:
    checks: list[tuple[str, Callable[[], str]]] = [
        ("campaign", check_campaign),
        ("translations", lambda: check_translations(application())),
        ("locale data", check_locale_data),
        ("keychain", check_keychain),
        ("wizard", lambda: check_wizard(application())),
    ]
    results = []
    for name, check in checks:
        result = _run_check(name, check)
        results.append(result)
        stdout.write(result.line() + "\n")
        for message in warnings.take():
            stdout.write(f"  logged: {message}\n")
        stdout.flush()
    failed = [result.name for result in results if not result.ok]
    verdict = f"FAILED ({', '.join(failed)})" if failed else "ok"
    stdout.write(f"self-test: {verdict}\n")
    stdout.flush()
    return 1 if failed else 0


class _WarningCollector(logging.Handler):
    """Keeps the messages of warnings and errors logged while a check runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self._messages.append(f"{record.levelname.lower()}: {record.getMessage()}")

    def take(self) -> list[str]:
        taken, self._messages = self._messages, []
        return taken


def _run_check(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except CheckFailed as failure:
        return CheckResult(name, False, str(failure))
    except Exception as error:  # noqa: BLE001 - each check's boundary: any error is its verdict
        return CheckResult(name, False, f"{type(error).__name__}: {error}")


def check_campaign() -> str:
    """A campaign of SELF_TEST_CUSTOMERS customers, then the same campaign again."""
    from proactive_desktop.core.engine import CampaignEngine
    from proactive_desktop.core.journal import Journal
    from proactive_desktop.core.models import (
        CampaignSpec,
        CampaignState,
        ConnectionSpec,
        CustomerStatus,
        RecipientSpec,
        TicketSpec,
        ViewSpec,
    )
    from proactive_desktop.core.secrets import ApiTokenAuth, Secret
    from proactive_desktop.core.zendesk.client import ZendeskClient
    from proactive_desktop.core.zendesk.transport import make_session
    from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig, SandboxServer

    config = SandboxConfig(
        customers=SELF_TEST_CUSTOMERS,
        seed=SELF_TEST_SEED,
        rate_limit_per_minute=None,
        job_seconds_per_ticket=0.0,
        job_start_delay_s=0.0,
    )
    cancel = threading.Event()
    with (
        tempfile.TemporaryDirectory(prefix="proactive-desktop-self-test-") as folder,
        SandboxServer(config, port=0) as sandbox,
    ):
        spec = CampaignSpec(
            connection=ConnectionSpec(sandbox.url, DEMO_EMAIL),
            name=SELF_TEST_CAMPAIGN,
            recipients=RecipientSpec(query="role:end-user"),
            ticket=TicketSpec(
                subject="Self-test for {{user.name}}",
                body='Hello {{user.first_name | default: "there"}}, **this** is a self-test.',
            ),
            view=ViewSpec(create=True),
        )
        client = ZendeskClient(
            sandbox.url,
            ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)),
            session=make_session(),
            cancel=cancel,
        )
        with Journal(Path(folder) / "journal.sqlite3") as journal:
            engine = CampaignEngine(client, journal)
            summary = engine.send(spec, engine.plan(spec, cancel=cancel), cancel=cancel)
            tickets_after_first = _campaign_tickets(sandbox.tickets(), spec.tag)
            again = engine.send(spec, cancel=cancel)
        tickets = _campaign_tickets(sandbox.tickets(), spec.tag)

    if summary.state is not CampaignState.FINISHED or summary.failed:
        raise CheckFailed(f"the campaign ended {summary.state.value}, {summary.failed} failed")
    if summary.created == 0:
        raise CheckFailed("no ticket was created")
    created_ids = {
        each.user_id for each in summary.customers if each.status is CustomerStatus.CREATED
    }
    per_requester = Counter(ticket.get("requester_id") for ticket in tickets)
    duplicates = sorted(str(user) for user, count in per_requester.items() if count > 1)
    if duplicates:
        raise CheckFailed(f"more than one ticket for customers {', '.join(duplicates)}")
    if set(per_requester) != created_ids or len(tickets) != summary.created:
        raise CheckFailed(
            f"the journal says {summary.created} created, the account has {len(tickets)} tickets"
        )
    if len(tickets) != len(tickets_after_first) or again.created != summary.created:
        raise CheckFailed("sending the campaign again created tickets")
    return (
        f"{summary.created} tickets for {summary.total} customers, {summary.skipped} skipped, "
        "each exactly once; a second send created none"
    )


def _campaign_tickets(tickets: Sequence[dict[str, Any]], tag: str) -> list[dict[str, Any]]:
    return [ticket for ticket in tickets if tag in (ticket.get("tags") or ())]


def check_translations(app: QApplication) -> str:
    """qtbase_<lang>.qm must load for ja and zh_CN; ours too, when the build carries them."""
    from PySide6.QtCore import QLocale

    from proactive_desktop.core.paths import resource_path
    from proactive_desktop.ui.i18n import install_translators

    loaded: list[str] = []
    problems: list[str] = []
    for language in LANGUAGES:
        installed = install_translators(app, QLocale(language))
        names = [Path(file).name for file in installed.files]
        for translator in installed.translators:
            app.removeTranslator(translator)
        expected = [f"{QT_CATALOGUE}_{language}.qm"]
        if resource_path("i18n", f"{APP_CATALOGUE}_{language}.qm").exists():
            expected.append(f"{APP_CATALOGUE}_{language}.qm")
        else:
            loaded.append(f"{APP_CATALOGUE}_{language}.qm not built")
        problems += [f"{name} did not load" for name in expected if name not in names]
        loaded += names
    if problems:
        raise CheckFailed("; ".join(problems))
    return ", ".join(loaded)


def check_locale_data() -> str:
    """What Qt asks ICU for (collation, zone names, case mapping), and Qt's own line breaking.

    The Linux bundle carries only root, en, ja and zh of ICU's data (tools/icu_data.py): without
    the tailorings, ja and zh would sort Han characters by code point, and zone names would fall
    back to English or "GMT+9". Other platforms' Qt asks the system, whose orders may differ, so
    there the calls only have to succeed.
    """
    from PySide6.QtCore import QByteArray, QCollator, QLocale, Qt, QTextBoundaryFinder, QTimeZone

    problems: list[str] = []
    orders = {
        # pinyin: a, bei, zhong (code points: 中 U+4E2D, 北 U+5317, 阿 U+963F)
        "zh_CN": (["中", "北", "阿"], ["阿", "北", "中"]),
        # JIS X 0208 puts 亜 first of all kanji (code points: 一 U+4E00, 亜 U+4E9C)
        "ja": (["一", "亜"], ["亜", "一"]),
        "en": (["file10", "File2", "file1"], ["file1", "File2", "file10"]),
    }
    for language, (words, expected) in orders.items():
        collator = QCollator(QLocale(language))
        collator.setNumericMode(True)
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        ordered = sorted(words, key=collator.sortKey)
        if QT_SHIPS_ICU and ordered != expected:
            problems.append(f"{language} sorts {' '.join(ordered)}")
    zone = QTimeZone(QByteArray(b"Asia/Tokyo"))
    if not zone.isValid():
        raise CheckFailed("no time zone Asia/Tokyo")
    names = {
        language: zone.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(language)
        )
        for language in ("en", *LANGUAGES)
    }
    if QT_SHIPS_ICU:
        offsets = [language for language, name in names.items() if name.startswith(("GMT", "UTC"))]
        if offsets or len(set(names.values())) != len(names):
            problems.append(f"time-zone names {names}")
    if QLocale("tr").toUpper("i") != "\u0130":
        problems.append("Turkish case mapping of i")
    text = "日本語のテキストを折り返します。中文文本也会换行。"
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    breaks = 0
    while finder.toNextBoundary() != -1:
        breaks += 1
    if breaks < len(text) // 2:
        problems.append(f"{breaks} line-break opportunities in {len(text)} CJK characters")
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"ja, zh_CN and en collation, Asia/Tokyo {' / '.join(names.values())}"


def check_keychain() -> str:
    """Name the backend keyring chose; refuse a plaintext one and a missing platform backend."""
    import importlib

    import keyring

    from proactive_desktop.core.secrets import SecretStore

    backend = keyring.get_keyring()
    chain = list(getattr(backend, "backends", None) or [backend])
    names = [f"{type(each).__module__}.{type(each).__name__}" for each in chain]
    plaintext = [name for name in names if _is_plaintext_backend(name)]
    if plaintext:
        raise CheckFailed(f"plaintext keyring backend {', '.join(plaintext)}")
    expected = PLATFORM_KEYRING.get(sys.platform, LINUX_KEYRING)
    try:
        importlib.import_module(expected)
    except ImportError as error:
        raise CheckFailed(f"{expected} is not in this build ({error})") from None
    if sys.platform in PLATFORM_KEYRING and not any(name.startswith(expected) for name in names):
        raise CheckFailed(f"keyring chose {', '.join(names)} instead of {expected}")
    state = SecretStore().state()
    return f"{state.value}, backend {', '.join(names) or 'none'}"


def _is_plaintext_backend(qualified_name: str) -> bool:
    # keyrings.alt (and every other "keyrings.*" add-on) stores secrets in files.
    return qualified_name.startswith("keyrings.") or "plaintext" in qualified_name.lower()


def check_wizard(app: QApplication) -> str:
    """Build the wizard as run_wizard() does, over a temporary data folder, show it, close it."""
    from keyring.backends.fail import Keyring as NoKeyring

    from proactive_desktop.core.draft import CampaignDraft
    from proactive_desktop.core.secrets import SecretStore
    from proactive_desktop.ui.app import build_services
    from proactive_desktop.ui.wizard import CampaignWizard, PageId
    from proactive_desktop.ui.workers import stop_all_threads

    if app.windowIcon().isNull():
        raise CheckFailed("the application icon did not load")
    with tempfile.TemporaryDirectory(prefix="proactive-desktop-self-test-") as folder:
        # No keychain for this check: the real one is the keychain check's business.
        no_keychain = NoKeyring()  # type: ignore[no-untyped-call]  # keyring has no type hints
        services = build_services(Path(folder), secrets=SecretStore(no_keychain))
        wizard = CampaignWizard(CampaignDraft(), services)
        try:
            wizard.show()
            app.processEvents()
            if not wizard.isVisible():
                raise CheckFailed("the wizard window did not open")
            pages = len(wizard.pageIds())
            size = wizard.size()
            if pages != len(PageId):
                # A page module imported by name may be missing from a frozen build.
                raise CheckFailed(f"the wizard has {pages} of its {len(PageId)} pages")
        finally:
            wizard.close()
            wizard.deleteLater()
            app.processEvents()
            stop_all_threads(SHUTDOWN_WAIT_MS)
            services.close()
    return f"{pages} pages, window {size.width()}x{size.height()}"


def _create_application() -> QApplication:
    from proactive_desktop.ui.app import create_application

    return create_application(sys.argv[:1])


# -- quit after start ---------------------------------------------------------------------------


def arm_quit_after_start(stdout: TextIO) -> None:
    """Create the QApplication now, so that when run_wizard() opens the first window we quit.

    run_wizard() reuses an existing QApplication, so the start-up it measures is the real one.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer, QTranslator
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication

    from proactive_desktop.core.secrets import SecretStore

    app = _create_application()

    class FirstWindowWatcher(QObject):
        """Waits for the first top-level window to be exposed, then reports and quits."""

        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self._seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self._seen
                and event.type() == QEvent.Type.Expose
                and isinstance(watched, QWindow)
                and watched.isExposed()
            ):
                self._seen = True
                elapsed_ms, since = elapsed_since_start_ms()
                QTimer.singleShot(0, lambda: self._report(elapsed_ms, since))
            return False

        def _report(self, elapsed_ms: float, since: str) -> None:
            # Quit whatever happens here (a closed stdout must not leave the window open).
            try:
                qt_app = QApplication.instance()
                files = [
                    Path(translator.filePath()).name
                    for translator in (qt_app.findChildren(QTranslator) if qt_app else [])
                    if translator.filePath()
                ]
                stdout.write(f"first window: {elapsed_ms:.0f} ms after {since}\n")
                stdout.write(f"translations: {', '.join(files) or 'none (English)'}\n")
                stdout.write(f"keychain: {SecretStore().state().value}\n")
                stdout.flush()
            finally:
                QApplication.quit()

    watcher = FirstWindowWatcher(app)
    app.installEventFilter(watcher)


def elapsed_since_start_ms() -> tuple[float, str]:
    """Milliseconds since this process was created, and what that was measured from.

    The operating system knows when the process started (before the frozen app's bootloader
    unpacked anything); where it cannot be asked, the time since this module was imported.
    """
    platform: str = sys.platform  # a plain str: every branch is type-checked on every platform
    try:
        if platform.startswith("linux"):
            return _linux_process_age_s() * 1000, "process start"
        if platform == "win32":
            return _windows_process_age_s() * 1000, "process start"
        if platform == "darwin":
            return _macos_process_age_s() * 1000, "process start"
    except (OSError, ValueError, AttributeError):
        pass
    return (time.monotonic() - _IMPORTED_AT) * 1000, "Python start"


def _linux_process_age_s() -> float:
    # Field 22 of /proc/self/stat: start time in clock ticks after boot; /proc/uptime: now.
    stat = Path("/proc/self/stat").read_text(encoding="ascii")
    fields = stat.rsplit(")", 1)[1].split()
    started_ticks = int(fields[19])
    uptime_s = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
    if sys.platform == "win32":  # for the type checker on Windows, which has no os.sysconf
        raise OSError("no /proc on Windows")
    else:
        return uptime_s - started_ticks / os.sysconf("SC_CLK_TCK")


def _windows_process_age_s() -> float:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    created, exited, kernel, user, now = (ctypes.c_ulonglong() for _ in range(5))
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(
        handle,
        ctypes.byref(created),
        ctypes.byref(exited),
        ctypes.byref(kernel),
        ctypes.byref(user),
    ):
        raise OSError("GetProcessTimes failed")
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))
    return (now.value - created.value) / 10_000_000  # FILETIME counts 100 ns


def _macos_process_age_s() -> float:
    # sysctl(CTL_KERN, KERN_PROC, KERN_PROC_PID, pid) → struct kinfo_proc, whose first member
    # (extern_proc) starts with the union holding p_starttime, a struct timeval.
    libc = ctypes.CDLL("/usr/lib/libc.dylib", use_errno=True)
    ctl_kern, kern_proc, kern_proc_pid = 1, 14, 1
    mib = (ctypes.c_int * 4)(ctl_kern, kern_proc, kern_proc_pid, os.getpid())
    buffer = ctypes.create_string_buffer(1024)
    size = ctypes.c_size_t(len(buffer))
    if libc.sysctl(mib, 4, buffer, ctypes.byref(size), None, ctypes.c_size_t(0)) != 0:
        raise OSError(ctypes.get_errno(), "sysctl failed")
    seconds = ctypes.c_long.from_buffer(buffer, 0).value
    microseconds = ctypes.c_int.from_buffer(buffer, ctypes.sizeof(ctypes.c_long)).value
    return time.time() - (seconds + microseconds / 1_000_000)
