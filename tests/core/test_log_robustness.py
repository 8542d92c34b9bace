"""The log never ends a run and never carries raw escape sequences from outside text."""

from __future__ import annotations

import io
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from proactive_desktop.core import logs
from proactive_desktop.core.escaping import escape_controls


@pytest.fixture
def configured(tmp_path: Path) -> Iterator[tuple[Path, io.StringIO]]:
    notices = io.StringIO()
    path = logs.configure(tmp_path, failure_notice=notices)
    yield path, notices
    logs.shutdown()


def test_outside_text_is_escaped_in_the_log(configured: tuple[Path, io.StringIO]) -> None:
    path, _ = configured
    name = "Mallory\x1b]0;owned\x07\r\nFAKE 2026-01-01 ERROR forged line\u202e"
    logging.getLogger("proactive_desktop.test").warning("customer %s skipped", name)
    logs.shutdown()
    written = path.read_text(encoding="utf-8")
    assert "\x1b" not in written
    assert "\u202e" not in written
    assert "\\x1b]0;owned\\x07\\r\\nFAKE" in written
    # One record, one line: the forged line stays inside it.
    assert len(written.splitlines()) == 1


def test_a_log_that_stops_being_writable_never_ends_the_run(
    configured: tuple[Path, io.StringIO],
) -> None:
    _, notices = configured
    log = logging.getLogger("proactive_desktop.test")
    log.info("first record opens the file")
    file_handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert file_handlers
    stream = file_handlers[0].stream
    assert stream is not None
    stream.close()  # as good as a disk that went away
    for number in range(5):
        log.info("record %d after the failure", number)  # must not raise
    assert notices.getvalue().count("the log cannot be written") == 1
    assert "Traceback" not in notices.getvalue()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain 山田 花子", "plain 山田 花子"),
        ("tab\there", "tab\\there"),
        ("bell\x07", "bell\\x07"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("del\x7f", "del\\x7f"),
    ],
)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown
