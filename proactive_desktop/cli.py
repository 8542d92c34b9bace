"""The `proactive-desktop` command: the wizard's entry point and the headless campaign commands.

Owns argument parsing, where the data folder comes from, the exit codes and the output of CLI.md
(a public contract). The campaign work itself — credentials, client, engine, send, resume, retry,
summary — is the core's use-case layer (`core/campaigns.py`), the same one the wizard calls, so
this module only says which credential sources the command line has, reports progress and turns
every outcome into one exit code.

The wizard (PySide6) is imported only when a window is asked for, and the sandbox only for
`sandbox` and `--demo`: a headless `send` never loads Qt.

No traceback reaches a user: an expected error (`ProactiveError`) becomes one line
`proactive-desktop: error: …`; anything unexpected is logged with its traceback to the log file
and reported as one line that names that file.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Final, NoReturn, TextIO

from proactive_desktop import __version__
from proactive_desktop.core import logs
from proactive_desktop.core.errors import (
    CampaignClaimedError,
    CampaignFileError,
    CancelledError,
    DataFolderNotWritableError,
    InputError,
    KeychainError,
    ProactiveError,
)
from proactive_desktop.core.escaping import escape_controls
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.paths import data_dir as resolve_data_dir
from proactive_desktop.core.paths import journal_path, unwritable_reason

if TYPE_CHECKING:
    from proactive_desktop.core.campaigns import Auth, CredentialSources, Workspace
    from proactive_desktop.core.engine import CampaignPlan, CampaignSummary
    from proactive_desktop.core.events import CampaignEvent, OnEvent
    from proactive_desktop.core.rate import RateGovernor
    from proactive_desktop.core.schedule import Clock
    from proactive_desktop.core.sending import SendTuning
    from proactive_desktop.core.withdraw import WithdrawTuning
    from proactive_desktop.core.zendesk.client import ZendeskClient

log = logging.getLogger(__name__)

PROG: Final = "proactive-desktop"

EXIT_OK: Final = 0
"""Every customer created or skipped (or: the command did what it was asked)."""
EXIT_SOME_FAILED: Final = 1
"""Finished, but some customers failed: `retry-failed` sends them again."""
EXIT_BAD_INPUT: Final = 2
"""Bad input, configuration or credentials; nothing was sent."""
EXIT_STOPPED: Final = 3
"""Stopped before the end (network, outage, cancelled); `send` again resumes."""
EXIT_INTERRUPTED: Final = 130
"""Ctrl-C (128 + SIGINT, the shell convention); resumable like EXIT_STOPPED."""

DEFAULT_HEADROOM_PERCENT: Final = 20.0
DEFAULT_LOGIN_TIMEOUT_S: Final = 300.0


# -- arguments --------------------------------------------------------------------------------


def _headroom_percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value < 100:
        raise argparse.ArgumentTypeError("must be at least 0 and less than 100")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 (any free port) and 65535")
    return value


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400 seconds")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with the program's own error line: `proactive-desktop: error: …` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{PROG}: error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line of CLI.md (plus `--verbose` and `--quiet`)."""
    parser = _Parser(
        prog=PROG,
        description="Proactive ticket campaigns for Zendesk: one ticket per customer of a "
        "segment, exactly once. Without a command, opens the wizard.",
        epilog="Credentials come from ZENDESK_API_TOKEN (with the campaign's email) or "
        "ZENDESK_OAUTH_TOKEN, else from the keychain: the sign-in `login` or the wizard kept for "
        "the account, else an API token the wizard saved. The data folder is "
        "--data-dir, else PROACTIVE_DESKTOP_DATA, else the platform's user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the wizard on the built-in sandbox (sample data, nothing leaves this computer)",
    )
    parser.add_argument(
        "--no-error-dialog",
        action="store_true",
        help="report unexpected errors of the wizard on stderr instead of in a dialog",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (sample campaign, translations, keychain, window) and exit",
    )
    parser.add_argument(
        "--quit-after-start",
        action="store_true",
        help="open the wizard, print the start-up time, translations and keychain state, quit",
    )
    parser.add_argument("--data-dir", metavar="DIR", default=None, help="the data folder")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log in detail (also on stderr)"
    )
    parser.set_defaults(command=None, quiet=False)

    # Options every command accepts after its name; SUPPRESS keeps a value given before the
    # command name from being overwritten by the subcommand's default.
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="the data folder"
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log in detail (also on stderr)",
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox = commands.add_parser(
        "sandbox",
        parents=[common],
        help="run the sandbox server in the foreground (Ctrl-C stops it)",
        description="Run a local Zendesk-compatible sandbox with sample customers until Ctrl-C.",
    )
    sandbox.add_argument("--port", type=_port, default=0, metavar="N", help="0: any free port")
    sandbox.add_argument(
        "--customers", type=_non_negative, default=None, metavar="N", help="sample customers"
    )
    sandbox.add_argument(
        "--seed", type=int, default=None, metavar="S", help="seed of the sample data"
    )

    send = commands.add_parser(
        "send",
        parents=[common],
        help="send (or resume) the campaign a campaign file describes",
        description="Send the campaign CAMPAIGN.toml describes; run again to resume it.",
    )
    send.add_argument("campaign_file", metavar="CAMPAIGN.toml", type=Path)
    send.add_argument(
        "--dry-run",
        action="store_true",
        help="resolve and render everything, report it, create nothing",
    )
    _add_output_options(send)
    _add_headroom(send)

    status = commands.add_parser(
        "status",
        parents=[common],
        help="show a campaign's state from the journal",
        description="Show a campaign's state and results (journal only, no network).",
    )
    status.add_argument("name", metavar="NAME")
    status.add_argument("--json", action="store_true", help="print the JSON summary")

    retry = commands.add_parser(
        "retry-failed",
        parents=[common],
        help="send the failed customers of a campaign again",
        description="Send the campaign's failed customers again (and finish anything pending).",
    )
    retry.add_argument("name", metavar="NAME")
    _add_output_options(retry)
    _add_headroom(retry)

    test_send = commands.add_parser(
        "test-send",
        parents=[common],
        help="create one test ticket of a campaign file, to yourself",
        description=(
            "Create one ticket as a customer would get it (rendered for --customer, else the "
            "first customer who would get one), whose requester is you or --to EMAIL, tagged "
            "proactive_campaign_test instead of the campaign tag. Nothing is journaled."
        ),
    )
    test_send.add_argument("campaign_file", metavar="CAMPAIGN.toml", type=Path)
    test_send.add_argument(
        "--customer", type=int, default=None, metavar="USER_ID", help="render for this customer"
    )
    test_send.add_argument(
        "--to",
        default=None,
        metavar="EMAIL",
        dest="to_email",
        help="requester: the end-user with this address (created if needed), not you",
    )
    test_send.add_argument("--json", action="store_true", help="print the result as JSON")

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a campaign's customers and outcomes to a CSV file",
        description="Write one CSV row per customer (UTF-8 with BOM; journal only, no network).",
    )
    export.add_argument("name", metavar="NAME")
    export.add_argument("--csv", required=True, type=Path, metavar="OUT.csv", dest="csv_path")

    run_due = commands.add_parser(
        "run-due",
        parents=[common],
        help="send what is due of every scheduled campaign (for Task Scheduler, launchd, cron)",
        description="Resume every scheduled campaign of the journal whose next customer is due "
        "(paused ones excepted) and print one summary each; --json prints a JSON array. The exit "
        "code is the worst of the campaigns'. Nothing due: nothing is sent, exit 0.",
    )
    _add_output_options(run_due)
    _add_headroom(run_due)

    verify = commands.add_parser(
        "verify",
        parents=[common],
        help="compare a campaign's tickets in the account with the journal (changes nothing)",
        description="Read every ticket of the campaign in the account and compare it with the "
        "journal: customers with exactly one ticket, duplicates, missing tickets and requesters "
        "the journal does not know. Exit 0 when clean, 1 otherwise. Writes nothing.",
    )
    verify.add_argument("name", metavar="NAME")
    _add_output_options(verify)

    withdraw = commands.add_parser(
        "withdraw",
        parents=[common],
        help="solve or delete a campaign's tickets (resumable; --dry-run lists them)",
        description="Solve every ticket of the campaign with an internal note, or delete them "
        "(Zendesk keeps deleted tickets recoverable for 30 days). Customers who already got the "
        "email cannot be un-emailed. Run again to resume an interrupted withdrawal.",
    )
    withdraw.add_argument("name", metavar="NAME")
    what = withdraw.add_mutually_exclusive_group(required=True)
    what.add_argument("--solve", action="store_true", help="solve the tickets with a note")
    what.add_argument("--delete", action="store_true", help="delete the tickets")
    withdraw.add_argument(
        "--note", metavar="TEXT", default=None, help="the internal note added when solving"
    )
    withdraw.add_argument(
        "--duplicates-only",
        action="store_true",
        help="only the duplicates verify finds: every customer keeps their oldest ticket",
    )
    withdraw.add_argument(
        "--dry-run", action="store_true", help="list what would be done, change nothing"
    )
    withdraw.add_argument(
        "-y", "--yes", action="store_true", help="do not ask for confirmation on a terminal"
    )
    _add_output_options(withdraw)
    _add_headroom(withdraw)

    login = commands.add_parser(
        "login",
        parents=[common],
        help="sign in with Zendesk in the browser and keep the sign-in for scheduled runs",
        description="Sign in with Zendesk (OAuth) and keep the sign-in in the keychain for URL; "
        "every command for that account then uses it and renews it as needed.",
    )
    login.add_argument("url", metavar="URL", help="the Zendesk address (acme, or a full URL)")
    login.add_argument(
        "--client-id",
        metavar="ID",
        default=None,
        help="the identifier of your account's own OAuth client (needed when this copy of the "
        "program has no global client)",
    )
    login.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a browser: print the sign-in address on a line of its own on stderr",
    )
    login.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=DEFAULT_LOGIN_TIMEOUT_S,
        metavar="S",
        help="how long to wait for the browser, in seconds (default 300)",
    )

    logout = commands.add_parser(
        "logout",
        parents=[common],
        help="remove the kept sign-in for an account from the keychain",
        description="Remove the sign-in kept for URL from the keychain (nothing to remove is "
        "fine too).",
    )
    logout.add_argument("url", metavar="URL", help="the Zendesk address (acme, or a full URL)")
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the JSON summary on stdout")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _add_headroom(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--headroom",
        type=_headroom_percent,
        default=DEFAULT_HEADROOM_PERCENT,
        metavar="PERCENT",
        help="share of the account's rate budget left to others (default 20)",
    )


# -- the run of one command -------------------------------------------------------------------


class Interrupts:
    """Ctrl-C (and SIGTERM) → set the engine's cancel Event; a second Ctrl-C exits at once.

    The first signal lets the engine record every answer in flight, so the journal stays
    consistent and `send` resumes exactly. The second one exits immediately: the journal is
    written before every request, which is what makes that safe too (as for a kill).
    """

    def __init__(
        self, cancel: threading.Event, *, resumable: bool = True, run: Run | None = None
    ) -> None:
        self.cancel = cancel
        self._resumable = resumable
        self._run = run
        self.received: int | None = None
        self._previous: dict[int, object] = {}
        self._console_handler: object | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.received == signal.SIGINT else EXIT_STOPPED

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        del frame
        if self.received is not None and signum == signal.SIGINT:
            # os.write: a print here could re-enter a write the main thread is in the middle of.
            hint = b"; run the same command again to resume" if self._resumable else b""
            os.write(2, b"\n" + PROG.encode() + b": stopped at once" + hint + b"\n")
            os._exit(EXIT_INTERRUPTED)
        self.received = signum
        if self._run is not None:
            self._run.stopped_by = signum
        self.cancel.set()

    def __enter__(self) -> Interrupts:
        # Signal handlers can only be installed from the main thread (a test may call main()
        # from another thread; then Ctrl-C keeps Python's default behaviour).
        if threading.current_thread() is threading.main_thread():
            for signum in stop_signals():
                self._previous[signum] = signal.signal(signum, self._handle)
            self._console_handler = install_console_close_handler(self.cancel, self._run)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        self._previous.clear()
        remove_console_close_handler(self._console_handler)
        self._console_handler = None


def stop_signals() -> tuple[int, ...]:
    """Ctrl-C, and the system's "stop" (systemd, docker, `timeout`: SIGTERM; Windows' Ctrl-Break
    and Task Scheduler's stop: SIGBREAK) — each stops a campaign as Ctrl-C does."""
    names = ("SIGINT", "SIGTERM", "SIGBREAK")
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


CONSOLE_CLOSE_WAIT_S: Final = 4.5
"""Windows ends a process this long (5 s) after its console window was closed: the handler
stops the campaign and waits for it, a little less, so the journal is left consistent."""


def install_console_close_handler(cancel: threading.Event, run: Run | None) -> object | None:
    """On Windows, closing the console window (or logging off) stops the run like Ctrl-C.

    Python maps Ctrl-C and Ctrl-Break to signals, but not CTRL_CLOSE_EVENT: without a console
    control handler the process is killed mid-request. Returns the handler to remove, or None
    elsewhere (POSIX has SIGHUP/SIGTERM, handled as signals).
    """
    if os.name != "nt":
        return None
    import ctypes

    # getattr: these exist on Windows only, and the type checker may run elsewhere.
    handler_type = getattr(ctypes, "WINFUNCTYPE")(ctypes.c_int, ctypes.c_ulong)  # noqa: B009
    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009
    close_events = {2, 5, 6}  # CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT

    def on_console_event(event: int) -> int:
        if event not in close_events:
            return 0  # Ctrl-C / Ctrl-Break: the signal handlers take them
        if run is not None:
            run.stopped_by = STOPPED_BY_CONSOLE_CLOSE
        cancel.set()
        if run is not None:
            run.finished.wait(CONSOLE_CLOSE_WAIT_S)
        return 1

    handler: object = handler_type(on_console_event)
    if not kernel32.SetConsoleCtrlHandler(handler, 1):
        return None
    return handler


def remove_console_close_handler(handler: object | None) -> None:
    if handler is None or os.name != "nt":
        return
    import ctypes

    getattr(ctypes, "windll").kernel32.SetConsoleCtrlHandler(handler, 0)  # noqa: B009


STOPPED_BY_CONSOLE_CLOSE: Final = -1
"""`Run.stopped_by` when Windows closed the console (no signal number for it)."""


@dataclass
class Run:
    """What a command gets: where things are, where to write, how to stop."""

    data_dir: Path
    log_path: Path
    stdout: TextIO
    stderr: TextIO
    cancel: threading.Event = field(default_factory=threading.Event)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    as_json: bool = False
    """`--json`: exactly one JSON object goes to stdout, whatever happens."""
    json_before: int = 0
    """JSON documents the stream had before this run (a test runs many on one stream)."""
    stopped_by: int | None = None
    """The signal that stopped the run (or STOPPED_BY_CONSOLE_CLOSE), None if none did."""
    finished: threading.Event = field(default_factory=threading.Event)
    """Set when the command has returned (a Windows console-close handler waits for it)."""
    failure: dict[str, str] | None = None
    """The JSON `error` object of a run that could not finish (None: it finished)."""

    def error(self, text: str) -> None:
        # Outside text (names, reasons, Zendesk's messages) is shown escaped, never obeyed.
        self.stderr.write(f"{PROG}: error: {escape_controls(text)}\n")
        self.stderr.flush()

    def note(self, text: str) -> None:
        self.stderr.write(f"{PROG}: {escape_controls(text)}\n")
        self.stderr.flush()

    @property
    def json_written(self) -> bool:
        """Whether this run has written its JSON document (through any command's code)."""
        from proactive_desktop.cli_output import json_documents_written

        return json_documents_written(self.stdout) > self.json_before

    def write_json(self, document: dict[str, object]) -> None:
        """The run's one JSON object (a second one would break every script reading it)."""
        from proactive_desktop.cli_output import write_json

        if self.json_written:
            log.warning("a second JSON object was not written")
            return
        write_json(self.stdout, document)

    def __post_init__(self) -> None:
        from proactive_desktop.cli_output import json_documents_written

        self.json_before = json_documents_written(self.stdout)

    @property
    def stop_exit_code(self) -> int:
        """130 for Ctrl-C, 3 for the system's stop (or any other stop)."""
        return EXIT_INTERRUPTED if self.stopped_by == signal.SIGINT else EXIT_STOPPED

    def stop_error(self) -> dict[str, str]:
        """The `error` object of a run that a signal or Cancel stopped."""
        if self.stopped_by == signal.SIGINT:
            return error_object(KIND_CANCELLED, "Stopped with Ctrl-C.")
        if self.stopped_by is not None:
            return error_object(KIND_CANCELLED, "Stopped by the system.")
        return error_object(KIND_CANCELLED, "Stopped before the end.")


# The `kind` words of core/campaigns.py's ErrorKind, for errors the CLI meets itself.
KIND_BAD_INPUT: Final = "bad_input"
KIND_CANCELLED: Final = "cancelled"
KIND_STORAGE: Final = "storage"
KIND_UNEXPECTED: Final = "unexpected"


def error_object(kind: str, message: str) -> dict[str, str]:
    """The JSON `error` object (docs/CLI.md "The error object"): a kind and the one line."""
    return {"kind": kind, "message": message}


def error_object_for(error: ProactiveError) -> dict[str, str]:
    """The `error` object for an error: its kind (core/campaigns.py) and its message."""
    from proactive_desktop.core.campaigns import error_kind

    return error_object(error_kind(error).value, error_text(error))


class UsageError(InputError):
    """A bad argument found after parsing (an unknown campaign name, an unusable path)."""


def _fail(source: str, **params: object) -> NoReturn:
    raise UsageError(source, **params)


def error_text(error: ProactiveError) -> str:
    """The one-line English message; a campaign file error always names its key."""
    text = error.message.english()
    if isinstance(error, CampaignFileError) and error.key not in text:
        return f"{error.key}: {text}"
    return text


def exit_code_for(error: ProactiveError, *, sending_started: bool) -> int:
    """The exit code of CLI.md for an error that ended `send` or `retry-failed`.

    Bad input is 2 only while nothing was sent; once tickets are going out, any stop (even an
    OAuth token that expired mid-campaign) is 3: the campaign is in the journal and resumes.
    """
    from proactive_desktop.core.campaigns import ErrorKind, error_kind

    if isinstance(error, CampaignClaimedError):
        # Another journal owns the campaign; this one sent nothing, and resuming cannot help.
        return EXIT_BAD_INPUT
    stops = (ErrorKind.INTERRUPTED, ErrorKind.CANCELLED, ErrorKind.STORAGE)
    if sending_started or error_kind(error) in stops:
        return EXIT_STOPPED
    # Bad input, wrong credentials, or another answer from Zendesk before anything was sent
    # (a 403 on a look-up, a 404 for a group): the configuration is refused.
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console entry point exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        # argparse has written its one-line usage error (exit 2) or the help/version (exit 0).
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    if args.self_test:
        from proactive_desktop.selftest import run_self_test

        return run_self_test(sys.stdout)
    if args.command is None:
        if args.quit_after_start:
            from proactive_desktop.selftest import arm_quit_after_start

            arm_quit_after_start(sys.stdout)
        return _open_wizard(args)
    return _run_command(args, COMMANDS[args.command])


def gui_main() -> NoReturn:
    """The windowed entry point (no console on Windows): same arguments, wizard by default."""
    # A windowed build has no stdout/stderr; writes to None would raise.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.exit(main())


Command = Callable[[argparse.Namespace, Run], int]
READS_DATA_ONLY: Final = frozenset({"status", "export", "sandbox"})
"""Commands that work with a data folder that cannot be written (they only read the journal)."""


def _start(
    args: argparse.Namespace, stderr: TextIO, json_out: TextIO | None = None
) -> tuple[Path, Path] | int:
    """The data folder and the log file, or the exit code when either cannot be used.

    With `json_out` (`--json`), the failure is also the run's one JSON object there."""
    try:
        data = resolve_data_dir(args.data_dir)
        log_path = logs.configure(
            data,
            verbose=args.verbose,
            stderr=stderr if args.verbose else None,
            failure_notice=stderr,
        )
    except OSError as error:
        where = error.filename or args.data_dir or "the data folder"
        text = f"{where} cannot be used: {error.strerror or error}"
        stderr.write(f"{PROG}: error: {escape_controls(text)}\n")
        if json_out is not None:
            from proactive_desktop.cli_output import write_json

            write_json(json_out, {"error": error_object(KIND_STORAGE, text)})
        return EXIT_BAD_INPUT
    return data, log_path


def _run_command(args: argparse.Namespace, command: Command) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    as_json = bool(getattr(args, "json", False))
    started = _start(args, stderr, stdout if as_json else None)
    if isinstance(started, int):
        return started
    data, log_path = started
    run = Run(data_dir=data, log_path=log_path, stdout=stdout, stderr=stderr, as_json=as_json)
    log.info("%s %s: %s", PROG, __version__, args.command)
    failure: dict[str, str] | None = None
    if args.command not in READS_DATA_ONLY:
        reason = unwritable_reason(data)
        if reason is not None:
            error = DataFolderNotWritableError(str(data), reason)
            run.error(error_text(error))
            if run.as_json:
                run.write_json({"error": error_object_for(error)})
            logs.shutdown()
            return EXIT_BAD_INPUT
    try:
        return command(args, run)
    except CancelledError:
        # Stopped before the campaign could start (the credential check, the look-ups): the
        # signal decides the code, as it does mid-send.
        run.note("stopped before the end; run the same command again to resume")
        failure = run.stop_error()
        return run.stop_exit_code
    except ProactiveError as error:
        # Expected and explained: one line, no traceback (not even in the log).
        log.info("%s stopped: %s: %s", args.command, type(error).__name__, error)
        run.error(error_text(error))
        failure = error_object_for(error)
        return exit_code_for(error, sending_started=False)
    except KeyboardInterrupt:
        run.note("interrupted")
        failure = error_object(KIND_CANCELLED, "Stopped with Ctrl-C.")
        return EXIT_INTERRUPTED
    except RecursionError:
        # Input nested beyond what any campaign needs (a CSV or JSON answer built to do so).
        log.warning("%s stopped: input nested too deeply", args.command)
        text = "the input is nested too deeply to be read"
        run.error(text)
        failure = error_object(KIND_BAD_INPUT, text)
        return EXIT_BAD_INPUT
    except Exception as error:  # noqa: BLE001 - the entry point's boundary; _unexpected logs it
        failure = _unexpected(run, args.command, error)
        return EXIT_STOPPED
    finally:
        if run.as_json and not run.json_written:
            run.write_json(
                {
                    "error": failure
                    or run.failure
                    or error_object(KIND_UNEXPECTED, "The command ended without a result.")
                }
            )
        run.finished.set()
        logs.shutdown()


def _unexpected(run: Run, command: str, error: Exception) -> dict[str, str]:
    """Report an error nobody expected: the log has the traceback, the user one line."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        # A full disk outside the journal (the export, a settings file): the same advice.
        text = "the disk is full; free some space, then run the same command again"
        run.error(text)
        return error_object(KIND_STORAGE, text)
    log.exception("unexpected error in %s", command)
    text = f"unexpected error; the details are in {run.log_path}"
    run.error(text)
    return error_object(KIND_UNEXPECTED, text)


# -- credentials ------------------------------------------------------------------------------


def resolve_auth(base_url: str, email: str, environ: Mapping[str, str]) -> Auth:
    """The credentials for `base_url`/`email`: environment first, else the OS keychain.

    The rule is the core's (`campaigns.credentials_for`); the command line's sources are the
    environment and the keychain. Never the campaign file or the command line (a token there
    would end up in shell history and process lists).
    """
    from proactive_desktop.core.campaigns import credentials_for

    return credentials_for(base_url, email, _credential_sources(environ))


def _credential_sources(environ: Mapping[str, str]) -> CredentialSources:
    from proactive_desktop.core.campaigns import CredentialSources
    from proactive_desktop.core.secrets import SecretStore

    return CredentialSources(store=SecretStore(), environ=environ)


def workspace(run: Run, headroom_percent: float) -> Workspace:
    """Where the command's campaigns are and how it reaches their accounts (core/campaigns.py):
    the environment and the keychain for credentials, a fresh HTTP session per client, the
    credentials checked before anything else."""
    from proactive_desktop.core.campaigns import Workspace

    def connect(base_url: str, auth: Auth, cancel: threading.Event | None) -> ZendeskClient:
        from proactive_desktop.core.zendesk.client import ZendeskClient
        from proactive_desktop.core.zendesk.transport import make_session

        return ZendeskClient(
            base_url,
            auth,
            session=make_session(),
            governor=rate_governor(headroom_percent),
            cancel=cancel,
            deadline_s=request_deadline_s(),
        )

    return Workspace(
        journal_path(run.data_dir),
        _credential_sources(run.environ),
        connect,
        tuning=send_tuning(),
        check_agent=True,
        clock=engine_clock(),
    )


def engine_clock() -> Clock:
    """The engine's clock (the computer's; a seam for tests that walk schedules through days)."""
    from proactive_desktop.core.schedule import SYSTEM_CLOCK

    return SYSTEM_CLOCK


# -- commands ---------------------------------------------------------------------------------


def _cmd_status(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core import campaigns

    summary = campaigns.summary(journal_path(run.data_dir), args.name, clock=engine_clock())
    _print_summary(run, summary, as_json=args.json)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core import campaigns
    from proactive_desktop.core.export import write_export_csv

    target: Path = args.csv_path
    if target.is_dir():
        _fail(
            QT_TRANSLATE_NOOP("Errors", "{path} is a folder: name the CSV file to write."),
            path=str(target),
        )
    if not target.resolve().parent.is_dir():
        _fail(QT_TRANSLATE_NOOP("Errors", "The folder of {path} does not exist."), path=str(target))
    summary = campaigns.summary(journal_path(run.data_dir), args.name)
    try:
        rows = write_export_csv(target, summary.customers)
    except OSError as error:
        _fail(
            QT_TRANSLATE_NOOP("Errors", "{path} cannot be written: {reason}"),
            path=str(target),
            reason=error.strerror or str(error),
        )
    run.note(f"{rows:,} customers written to {target}")
    return EXIT_OK


def _print_summary(
    run: Run, summary: CampaignSummary, *, as_json: bool, dry_run: bool = False
) -> None:
    from proactive_desktop.cli_output import human_summary

    if as_json:
        document = summary.to_json()
        if run.failure is not None:
            document["error"] = run.failure
        run.write_json(document)
    else:
        run.stdout.write(human_summary(summary, dry_run=dry_run))
        run.stdout.flush()


def _cmd_sandbox(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.sandbox import SandboxConfig, serve_forever

    defaults = SandboxConfig()
    stop = threading.Event()
    try:
        with Interrupts(stop, resumable=False):
            # Prints "Sandbox listening on URL" first (scripts read the port of --port 0 there)
            # and the demo sign-in, then serves until Ctrl-C sets `stop`.
            serve_forever(
                args.port,
                defaults.customers if args.customers is None else args.customers,
                defaults.seed if args.seed is None else args.seed,
                out=run.stdout,
                stop=stop,
            )
    except OSError as error:
        _fail(
            QT_TRANSLATE_NOOP("Errors", "The sandbox cannot listen on port {port}: {reason}"),
            port=args.port,
            reason=error.strerror or str(error),
        )
    run.note("sandbox stopped")
    return EXIT_OK


def rate_governor(headroom_percent: float) -> RateGovernor:
    """The account's rate governor, leaving `headroom_percent` of the budget to others.

    A seam like `send_tuning()`: tests give it a wait that does not sit out real backoffs.
    """
    from proactive_desktop.core.rate import RateGovernor

    return RateGovernor(headroom=headroom_percent / 100)


def request_deadline_s() -> float:
    """Every request's overall deadline (docs/CLI.md "Deadlines"; a seam for tests)."""
    from proactive_desktop.core.zendesk.client import DEFAULT_DEADLINE_S

    return DEFAULT_DEADLINE_S


def send_tuning() -> SendTuning:
    """The send loop's settings (the defaults; a seam for tests that shorten the waits)."""
    from proactive_desktop.core.sending import SendTuning

    return SendTuning()


class _Watcher:
    """Forwards the engine's events to the progress display and notes whether sending began."""

    def __init__(self, run: Run, *, quiet: bool) -> None:
        from proactive_desktop.cli_output import ProgressReporter

        self._run = run
        self.sending_started = False
        self._reporter = (
            None if quiet else ProgressReporter(run.stderr, is_terminal=_is_terminal(run.stderr))
        )

    def __call__(self, event: CampaignEvent) -> None:
        from proactive_desktop.cli_output import matching_text
        from proactive_desktop.core.events import MatchingPlanned, Phase, PhaseChanged

        if isinstance(event, PhaseChanged) and event.phase is Phase.SENDING:
            self.sending_started = True
        if isinstance(event, MatchingPlanned):
            # Said before matching starts: a long list may take minutes.
            self._run.note(matching_text(event))
        if self._reporter is not None:
            self._reporter(event)

    def finish(self) -> None:
        if self._reporter is not None:
            self._reporter.finish()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _run_campaign(
    run: Run,
    watcher: _Watcher,
    interrupts: Interrupts,
    work: Callable[[], CampaignSummary],
) -> tuple[CampaignSummary | None, int]:
    """Run `work` (the engine) and decide the exit code; errors become one line on stderr.

    The summary is None when the engine stopped with an error.
    """
    from proactive_desktop.core.campaigns import OAUTH_TOKEN_ENV, ErrorKind, error_kind

    try:
        summary = work()
    except CancelledError:
        watcher.finish()
        run.failure = run.stop_error()
        return None, interrupts.exit_code
    except ProactiveError as error:
        watcher.finish()
        code = exit_code_for(error, sending_started=watcher.sending_started)
        log.info("campaign stopped: %s: %s", type(error).__name__, error)
        run.error(error_text(error))
        run.failure = error_object_for(error)
        if (
            error_kind(error) is ErrorKind.SIGN_IN
            and watcher.sending_started
            and run.environ.get(OAUTH_TOKEN_ENV, "").strip()
        ):
            # CLI.md: an access token from the environment cannot be renewed; say so.
            run.note(
                f"the OAuth access token in {OAUTH_TOKEN_ENV} was refused midway (it has "
                "probably expired and cannot be renewed from the environment); set a fresh one"
            )
        return None, code
    watcher.finish()
    code = _summary_exit_code(summary, interrupts)
    if code in (EXIT_STOPPED, EXIT_INTERRUPTED):
        run.failure = run.stop_error()
    return summary, code


def _summary_exit_code(summary: CampaignSummary, interrupts: Interrupts) -> int:
    if summary.state is CampaignState.DRAFT:
        return EXIT_OK
    if summary.state is CampaignState.FINISHED and summary.pending == 0:
        return EXIT_SOME_FAILED if summary.failed else EXIT_OK
    if interrupts.received is not None:
        return interrupts.exit_code
    if summary.state is CampaignState.SCHEDULED:
        # What was due went out; the rest waits for its time (CLI.md "Scheduled campaigns").
        return EXIT_OK
    return EXIT_STOPPED


def plan_notes(plan: CampaignPlan) -> list[str]:
    """What the CSV import found and who will be created, for stderr before sending."""
    from proactive_desktop.core.csv_list import import_report
    from proactive_desktop.core.recipients import SKIP_NO_EMAIL

    notes: list[str] = []
    if plan.csv_list is not None:
        unknown = sum(
            1
            for each in plan.recipients
            if each.new_customer
            or (each.skip_message is not None and each.skip_message.source == SKIP_NO_EMAIL)
        )
        notes += [message.english() for message in import_report(plan.csv_list, unknown)]
    new_customers = plan.new_customers
    if new_customers:
        shown = ", ".join(each.email or "" for each in new_customers[:10])
        more = ", …" if len(new_customers) > 10 else ""
        notes.append(
            f"{len(new_customers)} customer(s) not yet in Zendesk will be created with their "
            f"ticket: {shown}{more}"
        )
    return notes


def _cmd_send(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core import campaigns
    from proactive_desktop.core.campaign_file import load_campaign_file

    spec = load_campaign_file(args.campaign_file)
    watcher = _Watcher(run, quiet=args.quiet)
    with (
        Interrupts(run.cancel, run=run) as interrupts,
        campaigns.open_account(
            workspace(run, args.headroom),
            spec.connection.url,
            spec.connection.email,
            cancel=run.cancel,
            dry_run=args.dry_run,
        ) as session,
    ):
        resuming = session.journal.find_campaign(spec.name) is not None

        def work() -> CampaignSummary:
            if resuming and not args.dry_run:
                run.note(f'resuming campaign "{spec.name}"')
                return campaigns.send(session, spec, on_event=watcher, cancel=run.cancel)
            plan = campaigns.plan(
                session, spec, with_triggers=args.dry_run, on_event=watcher, cancel=run.cancel
            )
            watcher.finish()
            for line in plan_notes(plan):
                run.note(line)
            for warning in plan.warning_texts():
                run.note(f"warning: {warning}")
            if args.dry_run:
                return plan.summary()
            return campaigns.send(session, spec, plan, on_event=watcher, cancel=run.cancel)

        summary, code = _run_campaign(run, watcher, interrupts, work)
        stopped = code in (EXIT_STOPPED, EXIT_INTERRUPTED)
        journaled = stopped and not args.dry_run and session.journal.find_campaign(spec.name)
        if summary is None and journaled:
            # Stopped by an error once the campaign was journaled: show where it stands.
            summary = session.summary(spec.name)
    return _finish(run, summary, code, as_json=args.json, dry_run=args.dry_run)


def _finish(
    run: Run, summary: CampaignSummary | None, code: int, *, as_json: bool, dry_run: bool = False
) -> int:
    """Print the summary (if any) and, for a stop, how to resume; returns `code`."""
    if summary is not None:
        _print_summary(run, summary, as_json=as_json, dry_run=dry_run)
    if code in (EXIT_STOPPED, EXIT_INTERRUPTED):
        if summary is not None and summary.in_flight:
            run.note(
                f"{summary.in_flight:,} customer(s) await confirmation: Zendesk may have "
                "created their tickets; the next run checks the account for them before "
                "sending anything again"
            )
        run.note("stopped before the end; run the same command again to resume")
    return code


def _cmd_retry_failed(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core import campaigns

    watcher = _Watcher(run, quiet=args.quiet)
    with (
        Interrupts(run.cancel, run=run) as interrupts,
        campaigns.open_campaign(
            workspace(run, args.headroom), args.name, cancel=run.cancel
        ) as session,
    ):
        summary, code = _run_campaign(
            run,
            watcher,
            interrupts,
            lambda: campaigns.retry_failed(session, on_event=watcher, cancel=run.cancel),
        )
        if summary is None and code in (EXIT_STOPPED, EXIT_INTERRUPTED):
            summary = session.summary()
    return _finish(run, summary, code, as_json=args.json)


def _cmd_run_due(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.cli_output import human_summary, write_json
    from proactive_desktop.core import campaigns

    watcher = _Watcher(run, quiet=args.quiet)
    codes: list[int] = []
    sending_started: dict[str, bool] = {}
    """Per campaign: whether this run began sending it (an error before that is bad input)."""

    def starting(name: str) -> None:
        watcher.finish()
        watcher.sending_started = False
        run.note(f'campaign "{name}" is due')

    def events(name: str) -> OnEvent:
        def forward(event: CampaignEvent) -> None:
            watcher(event)
            sending_started[name] = watcher.sending_started

        return forward

    with Interrupts(run.cancel) as interrupts:
        runs = campaigns.run_due(
            workspace(run, args.headroom),
            on_event=events,
            on_start=starting,
            cancel=run.cancel,
        )
        watcher.finish()
        for each in runs:
            if each.error is None:
                codes.append(_summary_exit_code(each.summary, interrupts))
                continue
            run.error(f'campaign "{each.name}": {error_text(each.error)}')
            if isinstance(each.error, CancelledError):
                codes.append(interrupts.exit_code)
            else:
                started = sending_started.get(each.name, False)
                codes.append(exit_code_for(each.error, sending_started=started))
    if not runs:
        run.note("no scheduled campaign is due")
    if args.json:
        write_json(run.stdout, [each.summary.to_json() for each in runs])
    else:
        for each in runs:
            run.stdout.write(human_summary(each.summary))
        run.stdout.flush()
    worst = max(codes, default=EXIT_OK)
    if interrupts.received is not None:
        worst = max(worst, interrupts.exit_code)
    if worst in (EXIT_STOPPED, EXIT_INTERRUPTED):
        run.note("stopped before the end; run-due again resumes")
    return worst


def _cmd_test_send(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.cli_output import write_json
    from proactive_desktop.core import campaigns
    from proactive_desktop.core.campaign_file import load_campaign_file

    spec = load_campaign_file(args.campaign_file)
    with Interrupts(run.cancel, resumable=False) as interrupts:
        try:
            created = campaigns.send_test(
                workspace(run, DEFAULT_HEADROOM_PERCENT),
                spec,
                customer_id=args.customer,
                to_email=args.to_email,
                cancel=run.cancel,
            )
        except CancelledError:
            return interrupts.exit_code
    if args.json:
        write_json(run.stdout, created.to_json())
    else:
        print(created.ticket_url, file=run.stdout)
        run.note(
            f"test ticket {created.ticket_id} for {created.requester}, rendered for customer "
            f"{created.rendered_for}; tagged proactive_campaign_test, not part of the campaign"
        )
    return EXIT_OK


def withdraw_tuning() -> WithdrawTuning:
    """The withdraw loop's settings (the defaults; a seam for tests that shorten the waits)."""
    from proactive_desktop.core.withdraw import WithdrawTuning

    return WithdrawTuning()


def _cmd_verify(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.cli_output import human_verify, write_json
    from proactive_desktop.core import campaigns

    with (
        Interrupts(run.cancel, resumable=False) as interrupts,
        campaigns.open_campaign(
            workspace(run, DEFAULT_HEADROOM_PERCENT), args.name, cancel=run.cancel
        ) as session,
    ):
        if not args.quiet:
            run.note(f'reading the tickets of campaign "{args.name}" in the account …')
        try:
            report = campaigns.verify(session, cancel=run.cancel)
        except CancelledError:
            return interrupts.exit_code
    if args.json:
        write_json(run.stdout, report.to_json())
    else:
        run.stdout.write(human_verify(report))
        run.stdout.flush()
    return EXIT_OK if report.is_clean else EXIT_SOME_FAILED


def _confirmed(run: Run, question: str, *, assume_yes: bool) -> bool:
    """Ask on a terminal (unless --yes); a script's run (no terminal) goes ahead, noted."""
    if assume_yes or not _is_terminal(sys.stdin):
        run.note(question)
        return True
    run.stderr.write(f"{PROG}: {question} [y/N] ")
    run.stderr.flush()
    answer = sys.stdin.readline().strip().casefold()
    return answer in ("y", "yes")


def _cmd_withdraw(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.cli_output import WithdrawProgressReporter, human_withdraw, write_json
    from proactive_desktop.core import campaigns
    from proactive_desktop.core.withdraw import WithdrawAction, WithdrawScope, WithdrawSummary

    action = WithdrawAction.SOLVE if args.solve else WithdrawAction.DELETE
    scope = WithdrawScope.DUPLICATES if args.duplicates_only else WithdrawScope.ALL
    if action is WithdrawAction.DELETE and args.note is not None:
        _fail(
            QT_TRANSLATE_NOOP("Errors", "--note goes with --solve: deleted tickets keep no note.")
        )

    def show(summary: WithdrawSummary | None) -> None:
        if summary is None:
            return
        if args.json:
            write_json(run.stdout, summary.to_json())
        else:
            run.stdout.write(human_withdraw(summary))
            run.stdout.flush()

    reporter = WithdrawProgressReporter(run.stderr, is_terminal=_is_terminal(run.stderr))
    started = False
    with (
        Interrupts(run.cancel) as interrupts,
        campaigns.open_campaign(workspace(run, args.headroom), args.name, cancel=run.cancel) as (
            session
        ),
    ):
        try:
            if not args.quiet:
                run.note(f'reading the tickets of campaign "{args.name}" in the account …')
            plan = campaigns.plan_withdrawal(
                session, action, scope=scope, note=args.note, cancel=run.cancel
            )
            for warning in plan.warnings:
                run.note(f"warning: {warning.english()}")
            if args.dry_run:
                show(plan.summary(session.client.ticket_url))
                return EXIT_OK
            if plan.withdrawal_id is None and not plan.targets:
                run.note("nothing to withdraw: no ticket of the campaign is left to act on")
                return EXIT_OK
            if plan.ticket_count and not _confirmed(
                run, plan.confirmation().english(), assume_yes=args.yes
            ):
                run.note("nothing was changed")
                return EXIT_OK
            started = True
            summary = campaigns.withdraw(
                session,
                plan,
                on_event=None if args.quiet else reporter,
                cancel=run.cancel,
                tuning=withdraw_tuning(),
            )
        except CancelledError:
            reporter.finish()
            if started:
                show(campaigns.withdrawal_summary(session))
            return _finish(run, None, interrupts.exit_code, as_json=False)
        except ProactiveError as error:
            reporter.finish()
            run.error(error_text(error))
            if started:
                show(campaigns.withdrawal_summary(session))
            return _finish(run, None, exit_code_for(error, sending_started=started), as_json=False)
        reporter.finish()
    show(summary)
    if summary.is_finished:
        return EXIT_SOME_FAILED if summary.failed else EXIT_OK
    code = interrupts.exit_code if interrupts.received is not None else EXIT_STOPPED
    return _finish(run, None, code, as_json=False)


def open_browser(url: str) -> bool:
    """Open `url` in the system browser; False when none could be started (a seam for tests)."""
    import webbrowser

    try:
        return webbrowser.open(url, new=1)
    except webbrowser.Error:
        return False


def _cmd_login(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.signin import sign_in_headless

    def show_url(url: str) -> None:
        _show_sign_in_url(run, url, open_in_browser=not args.no_browser)

    with Interrupts(run.cancel, resumable=False) as interrupts:
        try:
            result = sign_in_headless(
                args.url,
                args.client_id,
                timeout_s=args.timeout,
                cancel=run.cancel,
                show_url=show_url,
            )
        except KeychainError as error:
            # CLI.md: no keychain (or one that refuses the entry) is exit 2, nothing kept.
            run.error(error_text(error))
            return EXIT_BAD_INPUT
        except ProactiveError:
            if interrupts.received is not None:
                run.note("sign-in interrupted; nothing was kept")
                return interrupts.exit_code
            raise
    run.stdout.write(result.english_text() + "\n")
    run.stdout.flush()
    return EXIT_OK


def _show_sign_in_url(run: Run, url: str, *, open_in_browser: bool) -> None:
    if open_in_browser and open_browser(url):
        run.note("your browser is opening Zendesk's sign-in page; sign in there and choose Allow")
        run.note("if it did not open, open this address in a browser:")
    else:
        run.note("open this address in a browser, sign in and choose Allow:")
    # The address alone on its line, so a scheduler's or a test's script can take it as it is.
    run.stderr.write(url + "\n")
    run.stderr.flush()


def _cmd_logout(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.signin import sign_out

    result = sign_out(args.url)
    run.stdout.write(result.english_text() + "\n")
    run.stdout.flush()
    return EXIT_OK


COMMANDS: Final[dict[str, Command]] = {
    "sandbox": _cmd_sandbox,
    "send": _cmd_send,
    "test-send": _cmd_test_send,
    "status": _cmd_status,
    "retry-failed": _cmd_retry_failed,
    "export": _cmd_export,
    "run-due": _cmd_run_due,
    "verify": _cmd_verify,
    "withdraw": _cmd_withdraw,
    "login": _cmd_login,
    "logout": _cmd_logout,
}


# -- the wizard -------------------------------------------------------------------------------


def _open_wizard(args: argparse.Namespace) -> int:
    """No command: the wizard; with `--demo`, on a sandbox started here on a free port."""
    started = _start(args, sys.stderr)
    if isinstance(started, int):
        return started
    data, log_path = started
    error_dialog = not args.no_error_dialog
    try:
        from proactive_desktop.ui.app import run_wizard
    except ImportError as error:
        # PySide6 or a system library Qt needs is missing (a minimal Linux without libEGL …).
        log.exception("the wizard cannot be loaded")
        sys.stderr.write(f"{PROG}: error: the window cannot open ({error}); see {log_path}\n")
        return EXIT_SOME_FAILED
    try:
        from proactive_desktop.core.paths import demo_data_dir
        from proactive_desktop.demo import (
            DEMO_CUSTOMERS,
            DEMO_SEED,
            PORT_FILE,
            SandboxDemo,
            start_demo_server,
        )

        port_file = demo_data_dir(data) / PORT_FILE
        if not args.demo:
            return run_wizard(
                data_dir=data,
                error_dialog=error_dialog,
                verbose=args.verbose,
                demo_provider=SandboxDemo(port_file=port_file),
            )
        from proactive_desktop.core.secrets import Secret
        from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig
        from proactive_desktop.ui.services import DemoAccount

        config = SandboxConfig(customers=DEMO_CUSTOMERS, seed=DEMO_SEED)
        with start_demo_server(config, port_file) as server:
            account = DemoAccount(server.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
            return run_wizard(
                data_dir=data, demo=account, error_dialog=error_dialog, verbose=args.verbose
            )
    except ProactiveError as error:
        sys.stderr.write(f"{PROG}: error: {error_text(error)}\n")
        return EXIT_BAD_INPUT if isinstance(error, InputError) else EXIT_SOME_FAILED
    except Exception:  # the boundary of the entry point: logged with traceback below
        # The wizard's own crash handler covers errors once its window runs; this is for the
        # start (settings, translators, the demo sandbox) and the way out.
        log.exception("unexpected error in the wizard")
        sys.stderr.write(f"{PROG}: error: unexpected error; the details are in {log_path}\n")
        return EXIT_SOME_FAILED
    finally:
        logs.shutdown()
