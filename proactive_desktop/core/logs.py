"""Logging set-up for both entry points, and the redaction that keeps secrets out of every log.

`configure()` installs a rotating file in `<data>/logs` (and, for the command line, a stderr
handler); calling it again replaces what an earlier call installed, so tests and a long-lived
process can reconfigure. The redaction filter sits on the HANDLERS, not on a logger: a logger's
filter never sees records propagated from its child loggers (`proactive_desktop.core.engine` …).

What is masked: every value passed to `register_secret()` (tokens as typed, their Basic form),
`Authorization` header values, `Basic`/`Bearer` credentials, and `token=` / `access_token=` /
`refresh_token=` texts in URLs, form bodies and JSON. Callers still log user ids, never emails or
ticket bodies: redaction is the safety net, not the policy.
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path
from typing import Protocol, TextIO

from proactive_desktop.core.escaping import escape_controls, escape_controls_keeping_lines
from proactive_desktop.core.paths import logs_dir, make_private_dir, private_opener

LOG_FILE_NAME = "proactive-desktop.log"
LOG_FILE_MAX_BYTES = 2 * 1024 * 1024
LOG_FILE_BACKUPS = 5
MASK = "****"
# A registered value shorter than this would mask ordinary words; real tokens are far longer.
MIN_SECRET_LENGTH = 4

_FILE_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
_STDERR_FORMAT = "proactive-desktop: %(levelname)s: %(message)s"

_AUTHORIZATION = re.compile(
    r"""(?P<lead>authorization["']?\s*[:=]\s*["']?)(?P<value>[^"'\r\n,;}]+)""", re.IGNORECASE
)
_SCHEME_CREDENTIALS = re.compile(r"(?P<lead>\b(?:basic|bearer)\s+)(?P<value>[^\s\"',;}]+)", re.I)
# `token=…` in query strings and form bodies, `"access_token": "…"` in JSON, `TOKEN=…` in
# environment dumps. The look-behind lets `ZENDESK_API_TOKEN=` match but not `mytoken=`.
_TOKEN_ASSIGNMENT = re.compile(
    r"""(?P<lead>(?<![A-Za-z0-9])(?:access_|refresh_)?token["']?\s*[:=]\s*["']?)"""
    r"""(?P<value>[^\s&"',;}]+)""",
    re.IGNORECASE,
)


class _Revealable(Protocol):
    def reveal(self) -> str: ...


_secrets_lock = threading.Lock()
_secrets: set[str] = set()
_installed_handlers: list[logging.Handler] = []


def register_secret(value: str | _Revealable | None) -> None:
    """Mask `value` (a token, or a `Secret`) wherever it would appear in a log record.

    The HTTP Basic forms of an API token depend on the email, so callers that know it should
    also register `basic_credential(email, token)`.
    """
    if value is None:
        return
    text = value if isinstance(value, str) else value.reveal()
    if len(text) < MIN_SECRET_LENGTH:
        return
    with _secrets_lock:
        _secrets.add(text)


def basic_credential(email: str, token: str) -> str:
    """The base64 text an API token travels as (`Authorization: Basic …`), for registration."""
    return base64.b64encode(f"{email}/token:{token}".encode()).decode("ascii")


def redact(text: str) -> str:
    """`text` with every known secret and credential-shaped value replaced by ****."""
    with _secrets_lock:
        # Longest first, so a secret that contains another one is masked whole.
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _AUTHORIZATION.sub(lambda m: m.group("lead") + MASK, text)
    text = _SCHEME_CREDENTIALS.sub(lambda m: m.group("lead") + MASK, text)
    return _TOKEN_ASSIGNMENT.sub(lambda m: m.group("lead") + MASK, text)


class RedactionFilter(logging.Filter):
    """Rewrites each record's message, traceback and stack text with `redact()`.

    The record is rewritten in place (message formatted, args dropped), so every handler after
    this one sees the masked text too. Control characters and escape sequences (a customer's
    name, a CSV cell, a Zendesk message) are escaped on the way: a record is one line, and the
    log can be read on a terminal without it obeying them.
    """

    _exception_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            self._rewrite(record)
        except Exception:  # noqa: BLE001 - a log record must never end the run: a stand-in
            record.msg = f"(a log record of {record.name} could not be written safely)"
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

    def _rewrite(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed %-format must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = escape_controls(redact(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = escape_controls_keeping_lines(redact(record.exc_text))
        if record.stack_info:
            record.stack_info = escape_controls_keeping_lines(redact(record.stack_info))


class _ForgivingHandlerMixin:
    """A handler whose failures (disk full, a folder gone, a closed stream) never end the run.

    logging's default `handleError` prints a traceback on stderr for every failed record; a
    full disk would bury the progress under them. Instead the first failure is one line on the
    command line's stderr (the log is secondary to the campaign), later ones are silent.
    """

    failures = 0
    notice_stream: TextIO | None = None

    def handleError(self, record: logging.LogRecord) -> None:
        del record
        self.failures += 1
        if self.failures > 1 or self.notice_stream is None:
            return
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or type(error).__name__
        with contextlib.suppress(Exception):  # stderr itself may be what failed
            self.notice_stream.write(
                f"proactive-desktop: warning: the log cannot be written ({reason}); "
                "the run goes on without it\n"
            )
            self.notice_stream.flush()


class _ForgivingStreamHandler(_ForgivingHandlerMixin, logging.StreamHandler):  # type: ignore[type-arg]
    pass


def _can_append(path: Path) -> bool:
    """Whether the log file can be written (created 0600 if missing). Not in a read-only data
    folder: then there is no log file, rather than a "--- Logging error ---" traceback on
    stderr for every record."""
    try:
        make_private_dir(path.parent)
        with open(path, "a", encoding="utf-8", opener=private_opener):
            return True
    except OSError:
        return False


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are created 0600: they name customers by id and hosts, for the user alone.

    Rotation renames the file (keeping its mode) and opens a new one through `_open`. A write
    that fails later (the disk filled up, the folder became read-only) is said once, in one line,
    instead of logging's traceback per record.
    """

    _failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        self._failed = True
        problem = sys.exc_info()[1]
        with contextlib.suppress(Exception):  # the last resort must not raise
            sys.stderr.write(
                f"proactive-desktop: the log file {self.baseFilename} cannot be written"
                f" ({problem}); going on without it\n"
            )

    def _open(self) -> io.TextIOWrapper:
        stream = open(  # noqa: SIM115 - the handler owns and closes the stream
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=private_opener,
        )
        assert isinstance(stream, io.TextIOWrapper)  # text mode: an encoding is always given
        return stream


class _ForgivingRotatingFileHandler(_ForgivingHandlerMixin, _PrivateRotatingFileHandler):
    pass


def log_file_path(data_dir: Path) -> Path:
    return logs_dir(data_dir) / LOG_FILE_NAME


def configure(
    data_dir: Path,
    *,
    verbose: bool = False,
    stderr: TextIO | None = None,
    failure_notice: TextIO | None = None,
) -> Path:
    """Send the program's logs to `<data>/logs/proactive-desktop.log` (rotating) and return it.

    The file records INFO and above (DEBUG with `verbose`); when it cannot be written (a
    read-only data folder) there is none, and the program goes on quietly. With `stderr`,
    warnings and errors (everything at DEBUG with `verbose`) are also written there — the command
    line passes `sys.stderr`, the wizard passes nothing. Handlers from an earlier call are
    removed first. A log that stops being writable later (a full disk) never ends the run; the
    first failure is one line on `failure_notice` (the command line's stderr), if given.
    """
    root = logging.getLogger()
    for handler in _installed_handlers:
        root.removeHandler(handler)
        handler.close()
    _installed_handlers.clear()

    folder = logs_dir(data_dir)
    path = folder / LOG_FILE_NAME
    redaction = RedactionFilter()

    if _can_append(path):
        file_handler = _ForgivingRotatingFileHandler(
            path,
            maxBytes=LOG_FILE_MAX_BYTES,
            backupCount=LOG_FILE_BACKUPS,
            encoding="utf-8",
            # Opened on the first record: a command that logs nothing leaves no file open.
            delay=True,
        )
        file_handler.notice_stream = failure_notice
        file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        file_handler.setFormatter(logging.Formatter(_FILE_FORMAT))
        file_handler.addFilter(redaction)
        _installed_handlers.append(file_handler)

    if stderr is not None:
        stream_handler = _ForgivingStreamHandler(stderr)
        stream_handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream_handler.setFormatter(logging.Formatter(_STDERR_FORMAT))
        stream_handler.addFilter(redaction)
        _installed_handlers.append(stream_handler)

    for handler in _installed_handlers:
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # urllib3 logs every request line at DEBUG (with query strings); keep it for --verbose only.
    logging.getLogger("urllib3").setLevel(logging.DEBUG if verbose else logging.WARNING)
    return path


def shutdown() -> None:
    """Flush and detach the handlers `configure()` installed (end of `main()`, tests)."""
    root = logging.getLogger()
    for handler in _installed_handlers:
        root.removeHandler(handler)
        handler.close()
    _installed_handlers.clear()
