"""The `proactive-desktop` command: the wizard's entry point and the headless campaign commands.

Owns argument parsing, where credentials and the data folder come from, the exit codes and the
output of CLI.md (a public contract). The campaign work itself is the core's `CampaignEngine` —
the same one the wizard drives — so this module only wires it up, reports progress and turns
every outcome into one exit code.

The wizard (PySide6) is imported only when a window is asked for, and the sandbox only for
`sandbox` and `--demo`: a headless `send` never loads Qt.

No traceback reaches a user: an expected error (`ProactiveError`) becomes one line
`proactive-desktop: error: …`; anything unexpected is logged with its traceback to the log file
and reported as one line that names that file.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Final, NoReturn, TextIO

from proactive_desktop import __version__
from proactive_desktop.core import logs
from proactive_desktop.core.errors import (
    AuthenticationError,
    CampaignFileError,
    CancelledError,
    CredentialsError,
    InputError,
    KeychainError,
    NetworkError,
    OAuthRefreshError,
    ProactiveError,
    RateLimitedError,
    ServerError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.models import CampaignState
from proactive_desktop.core.paths import data_dir as resolve_data_dir
from proactive_desktop.core.paths import journal_path

if TYPE_CHECKING:
    from proactive_desktop.core.engine import CampaignSummary
    from proactive_desktop.core.events import CampaignEvent
    from proactive_desktop.core.journal import Journal
    from proactive_desktop.core.rate import RateGovernor
    from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth
    from proactive_desktop.core.sending import SendTuning
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

API_TOKEN_ENV: Final = "ZENDESK_API_TOKEN"
OAUTH_TOKEN_ENV: Final = "ZENDESK_OAUTH_TOKEN"
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

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write a campaign's customers and outcomes to a CSV file",
        description="Write one CSV row per customer (UTF-8 with BOM; journal only, no network).",
    )
    export.add_argument("name", metavar="NAME")
    export.add_argument("--csv", required=True, type=Path, metavar="OUT.csv", dest="csv_path")

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

    def __init__(self, cancel: threading.Event, *, resumable: bool = True) -> None:
        self.cancel = cancel
        self._resumable = resumable
        self.received: int | None = None
        self._previous: dict[int, object] = {}

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
        self.cancel.set()

    def __enter__(self) -> Interrupts:
        # Signal handlers can only be installed from the main thread (a test may call main()
        # from another thread; then Ctrl-C keeps Python's default behaviour).
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)  # type: ignore[arg-type]
        self._previous.clear()


@dataclass
class Run:
    """What a command gets: where things are, where to write, how to stop."""

    data_dir: Path
    log_path: Path
    stdout: TextIO
    stderr: TextIO
    cancel: threading.Event = field(default_factory=threading.Event)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    def error(self, text: str) -> None:
        self.stderr.write(f"{PROG}: error: {text}\n")
        self.stderr.flush()

    def note(self, text: str) -> None:
        self.stderr.write(f"{PROG}: {text}\n")
        self.stderr.flush()


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
    if isinstance(error, NetworkError | ServerError | RateLimitedError | CancelledError):
        return EXIT_STOPPED
    if sending_started:
        return EXIT_STOPPED
    if isinstance(error, InputError | AuthenticationError):
        return EXIT_BAD_INPUT
    # Other answers from Zendesk before anything was sent (a 403 on a look-up, a 404 for a
    # group): the configuration is refused.
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


def _start(args: argparse.Namespace, stderr: TextIO) -> tuple[Path, Path] | int:
    """The data folder and the log file, or the exit code when either cannot be used."""
    try:
        data = resolve_data_dir(args.data_dir)
        log_path = logs.configure(
            data, verbose=args.verbose, stderr=stderr if args.verbose else None
        )
    except OSError as error:
        where = error.filename or args.data_dir or "the data folder"
        stderr.write(f"{PROG}: error: {where} cannot be used: {error.strerror or error}\n")
        return EXIT_BAD_INPUT
    return data, log_path


def _run_command(args: argparse.Namespace, command: Command) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    started = _start(args, stderr)
    if isinstance(started, int):
        return started
    data, log_path = started
    run = Run(data_dir=data, log_path=log_path, stdout=stdout, stderr=stderr)
    log.info("%s %s: %s", PROG, __version__, args.command)
    try:
        return command(args, run)
    except ProactiveError as error:
        # Expected and explained: one line, no traceback (not even in the log).
        log.info("%s stopped: %s: %s", args.command, type(error).__name__, error)
        run.error(error_text(error))
        return EXIT_BAD_INPUT if isinstance(error, InputError) else EXIT_STOPPED
    except KeyboardInterrupt:
        run.note("interrupted")
        return EXIT_INTERRUPTED
    except Exception:  # the boundary of the entry point: logged with traceback below
        log.exception("unexpected error in %s", args.command)
        run.error(f"unexpected error; the details are in {log_path}")
        sending = args.command in ("send", "retry-failed")
        return EXIT_STOPPED if sending else EXIT_SOME_FAILED
    finally:
        logs.shutdown()


# -- credentials ------------------------------------------------------------------------------


def resolve_auth(
    base_url: str, email: str, environ: Mapping[str, str]
) -> ApiTokenAuth | BearerAuth:
    """The credentials for `base_url`/`email`: environment first, else the OS keychain.

    Never from the campaign file or the command line (a token there would end up in shell
    history and process lists). Each token found is registered for log redaction at once.
    """
    from proactive_desktop.core.secrets import (
        ApiTokenAuth,
        BearerAuth,
        Secret,
        SecretStore,
        StaticTokenSource,
    )

    api_token = environ.get(API_TOKEN_ENV, "").strip()
    oauth_token = environ.get(OAUTH_TOKEN_ENV, "").strip()
    if api_token and oauth_token:
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Both {api} and {oauth} are set: set only one of them.",
            ),
            api=API_TOKEN_ENV,
            oauth=OAUTH_TOKEN_ENV,
        )
    if api_token:
        logs.register_secret(api_token)
        logs.register_secret(logs.basic_credential(email, api_token))
        return ApiTokenAuth(email, Secret(api_token))
    if oauth_token:
        logs.register_secret(oauth_token)
        return BearerAuth(StaticTokenSource(Secret(oauth_token)))

    store = SecretStore()
    # The account's kept sign-in (`login`, or the wizard's "Sign in with Zendesk") comes first
    # (CLI.md): renewed when it expires, the renewed tokens going back to the keychain
    # (registered for redaction by the token source).
    from proactive_desktop.core.oauth import KeychainTokenSource

    try:
        kept = store.load_oauth(base_url, email)
    except KeychainError as error:
        raise CredentialsError(error.message.source, **error.message.params) from None
    if kept is not None and not kept.access_token.is_empty:
        signed_in = (kept.email or email).strip().lower()
        if signed_in != email.strip().lower():
            raise CredentialsError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The campaign file's email is {email}, but {url} is signed in as {signed_in}: "
                    "change connection.email, or sign in as {email} with {prog} login {url}.",
                ),
                email=email,
                signed_in=signed_in,
                url=base_url,
                prog=PROG,
            )
        source = KeychainTokenSource(base_url, kept, store=store, email=signed_in)
        return BearerAuth(source)
    saved = store.load_api_token(base_url, email)
    if saved is not None and not saved.is_empty:
        logs.register_secret(saved)
        logs.register_secret(logs.basic_credential(email, saved.reveal()))
        return ApiTokenAuth(email, saved)
    raise CredentialsError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "No sign-in or token for {email} at {url}: sign in with {prog} login {url} (or in "
            "the wizard), or set {api} or {oauth}.",
        ),
        email=email,
        url=base_url,
        prog=PROG,
        api=API_TOKEN_ENV,
        oauth=OAUTH_TOKEN_ENV,
    )


# -- commands ---------------------------------------------------------------------------------


@contextmanager
def _existing_journal(run: Run, name: str) -> Iterator[Journal]:
    """The journal, opened only when it exists (reading must not create one)."""
    from proactive_desktop.core.journal import Journal

    path = journal_path(run.data_dir)
    if not path.exists():
        _fail(
            QT_TRANSLATE_NOOP("Errors", 'No campaign named "{name}" in {folder}.'),
            name=name,
            folder=str(run.data_dir),
        )
    with Journal(path) as journal:
        if journal.find_campaign(name) is None:
            _fail(
                QT_TRANSLATE_NOOP("Errors", 'No campaign named "{name}" in {folder}.'),
                name=name,
                folder=str(run.data_dir),
            )
        yield journal


def _cmd_status(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.engine import campaign_summary

    with _existing_journal(run, args.name) as journal:
        summary = campaign_summary(journal, args.name)
    _print_summary(run, summary, as_json=args.json)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.engine import campaign_summary
    from proactive_desktop.core.export import write_export_csv

    target: Path = args.csv_path
    if target.is_dir():
        _fail(
            QT_TRANSLATE_NOOP("Errors", "{path} is a folder: name the CSV file to write."),
            path=str(target),
        )
    if not target.resolve().parent.is_dir():
        _fail(QT_TRANSLATE_NOOP("Errors", "The folder of {path} does not exist."), path=str(target))
    with _existing_journal(run, args.name) as journal:
        summary = campaign_summary(journal, args.name)
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
    from proactive_desktop.cli_output import human_summary, write_json

    if as_json:
        write_json(run.stdout, summary.to_json())
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


def send_tuning() -> SendTuning:
    """The send loop's settings (the defaults; a seam for tests that shorten the waits)."""
    from proactive_desktop.core.sending import SendTuning

    return SendTuning()


class _Watcher:
    """Forwards the engine's events to the progress display and notes whether sending began."""

    def __init__(self, run: Run, *, quiet: bool, account_url: str | None = None) -> None:
        from proactive_desktop.cli_output import ProgressReporter

        self.sending_started = False
        self.account_url = account_url
        self._reporter = (
            None if quiet else ProgressReporter(run.stderr, is_terminal=_is_terminal(run.stderr))
        )

    def __call__(self, event: CampaignEvent) -> None:
        from proactive_desktop.core.events import Phase, PhaseChanged

        if isinstance(event, PhaseChanged) and event.phase is Phase.SENDING:
            self.sending_started = True
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


@contextmanager
def _connected_client(
    run: Run, base_url: str, auth: ApiTokenAuth | BearerAuth, headroom_percent: float
) -> Iterator[ZendeskClient]:
    """A client for the account, after checking that the credentials are an agent's."""
    from proactive_desktop.core.zendesk.client import ZendeskClient
    from proactive_desktop.core.zendesk.transport import make_session

    client = ZendeskClient(
        base_url,
        auth,
        session=make_session(),
        governor=rate_governor(headroom_percent),
        cancel=run.cancel,
    )
    try:
        # users/me answers 200 (anonymous) for wrong credentials; me() turns that into an
        # AuthenticationError, so a bad token stops here with exit 2 before anything is sent.
        agent = client.me()
        log.info("signed in to %s as user %s (%s)", client.host, agent.id, agent.role)
        yield client
    finally:
        client.close()


@contextmanager
def _journal_for_send(run: Run, *, dry_run: bool) -> Iterator[Journal]:
    """The journal; for a dry run without one, an empty scratch journal (nothing is created)."""
    from proactive_desktop.core.journal import Journal

    path = journal_path(run.data_dir)
    if dry_run and not path.exists():
        # A dry run must leave no journal behind; an empty one in a temporary folder answers
        # the engine's questions (name taken? reached by an excluded campaign?) exactly as a
        # missing journal would.
        with (
            tempfile.TemporaryDirectory(prefix="proactive-desktop-dry-run-") as scratch,
            Journal(Path(scratch) / path.name) as journal,
        ):
            yield journal
        return
    with Journal(path) as journal:
        yield journal


def _run_campaign(
    run: Run,
    watcher: _Watcher,
    interrupts: Interrupts,
    work: Callable[[], CampaignSummary],
) -> tuple[CampaignSummary | None, int]:
    """Run `work` (the engine) and decide the exit code; errors become one line on stderr.

    The summary is None when the engine stopped with an error.
    """
    try:
        summary = work()
    except CancelledError:
        watcher.finish()
        return None, interrupts.exit_code
    except ProactiveError as error:
        watcher.finish()
        code = exit_code_for(error, sending_started=watcher.sending_started)
        log.info("campaign stopped: %s: %s", type(error).__name__, error)
        run.error(error_text(error))
        if isinstance(error, OAuthRefreshError) and watcher.account_url:
            run.note(
                f"sign in again with: {PROG} login {watcher.account_url}  — then run the same "
                "command again to resume"
            )
        if (
            isinstance(error, AuthenticationError)
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
    return summary, _summary_exit_code(summary, interrupts)


def _summary_exit_code(summary: CampaignSummary, interrupts: Interrupts) -> int:
    if summary.state is CampaignState.DRAFT:
        return EXIT_OK
    if summary.state is CampaignState.FINISHED and summary.pending == 0:
        return EXIT_SOME_FAILED if summary.failed else EXIT_OK
    if interrupts.received is not None:
        return interrupts.exit_code
    return EXIT_STOPPED


def _cmd_send(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.campaign_file import load_campaign_file
    from proactive_desktop.core.engine import CampaignEngine, journal_summary

    spec = load_campaign_file(args.campaign_file)
    auth = resolve_auth(spec.connection.url, spec.connection.email, run.environ)
    watcher = _Watcher(run, quiet=args.quiet, account_url=spec.connection.url)
    with (
        Interrupts(run.cancel) as interrupts,
        _journal_for_send(run, dry_run=args.dry_run) as journal,
        _connected_client(run, spec.connection.url, auth, args.headroom) as client,
    ):
        engine = CampaignEngine(client, journal, tuning=send_tuning())
        resuming = journal.find_campaign(spec.name) is not None

        def work() -> CampaignSummary:
            if resuming and not args.dry_run:
                run.note(f'resuming campaign "{spec.name}"')
                return engine.send(spec, on_event=watcher, cancel=run.cancel)
            plan = engine.plan(spec, on_event=watcher, cancel=run.cancel)
            watcher.finish()
            for warning in plan.warning_texts():
                run.note(f"warning: {warning}")
            if args.dry_run:
                return plan.summary()
            return engine.send(spec, plan, on_event=watcher, cancel=run.cancel)

        summary, code = _run_campaign(run, watcher, interrupts, work)
        stopped = code in (EXIT_STOPPED, EXIT_INTERRUPTED)
        record = journal.find_campaign(spec.name) if stopped and not args.dry_run else None
        if summary is None and record is not None:
            # Stopped by an error once the campaign was journaled: show where it stands.
            summary = journal_summary(journal, record, client.ticket_url)
    return _finish(run, summary, code, as_json=args.json, dry_run=args.dry_run)


def _finish(
    run: Run, summary: CampaignSummary | None, code: int, *, as_json: bool, dry_run: bool = False
) -> int:
    """Print the summary (if any) and, for a stop, how to resume; returns `code`."""
    if summary is not None:
        _print_summary(run, summary, as_json=as_json, dry_run=dry_run)
    if code in (EXIT_STOPPED, EXIT_INTERRUPTED):
        run.note("stopped before the end; run the same command again to resume")
    return code


def _cmd_retry_failed(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.engine import CampaignEngine, journal_summary

    with _existing_journal(run, args.name) as journal:
        record = journal.find_campaign(args.name)
        assert record is not None  # _existing_journal checked it
        auth = resolve_auth(record.url, record.email, run.environ)
        watcher = _Watcher(run, quiet=args.quiet, account_url=record.url)
        with (
            Interrupts(run.cancel) as interrupts,
            _connected_client(run, record.url, auth, args.headroom) as client,
        ):
            engine = CampaignEngine(client, journal, tuning=send_tuning())
            summary, code = _run_campaign(
                run,
                watcher,
                interrupts,
                lambda: engine.resume(
                    record.name, on_event=watcher, cancel=run.cancel, retry_failed=True
                ),
            )
            if summary is None and code in (EXIT_STOPPED, EXIT_INTERRUPTED):
                summary = journal_summary(journal, journal.campaign(record.id), client.ticket_url)
    return _finish(run, summary, code, as_json=args.json)


def open_browser(url: str) -> bool:
    """Open `url` in the system browser; False when none could be started (a seam for tests)."""
    import webbrowser

    try:
        return webbrowser.open(url, new=1)
    except webbrowser.Error:
        return False


def _cmd_login(args: argparse.Namespace, run: Run) -> int:
    from proactive_desktop.core.signin import sign_in_headless

    with Interrupts(run.cancel, resumable=False) as interrupts:
        try:
            result = sign_in_headless(
                args.url,
                args.client_id,
                timeout_s=args.timeout,
                cancel=run.cancel,
                show_url=lambda url: _show_sign_in_url(
                    run, url, open_in_browser=not args.no_browser
                ),
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
    "status": _cmd_status,
    "retry-failed": _cmd_retry_failed,
    "export": _cmd_export,
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
        from proactive_desktop.demo import DEMO_CUSTOMERS, DEMO_SEED, SandboxDemo

        if not args.demo:
            return run_wizard(
                data_dir=data,
                error_dialog=error_dialog,
                verbose=args.verbose,
                demo_provider=SandboxDemo(),
            )
        from proactive_desktop.core.secrets import Secret
        from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig, SandboxServer
        from proactive_desktop.ui.services import DemoAccount

        config = SandboxConfig(customers=DEMO_CUSTOMERS, seed=DEMO_SEED)
        with SandboxServer(config, port=0) as server:
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
