"""The log set-up: rotating file in <data>/logs, and redaction on the handlers."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from proactive_desktop.core import logs


@pytest.fixture
def configured(data_dir: Path) -> Iterator[tuple[Path, io.StringIO]]:
    stderr = io.StringIO()
    path = logs.configure(data_dir, verbose=True, stderr=stderr)
    yield path, stderr
    logs.shutdown()


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("Authorization: Basic YWRtaW5AZXhhbXBsZS5jb20vdG9rZW46c2VjcmV0", "YWRtaW5"),
        ("headers={'Authorization': 'Bearer abc.def.ghi', 'Accept': 'json'}", "abc.def"),
        ("GET /api/v2/thing?token=qwerty123&page=2", "qwerty123"),
        ('{"access_token": "acc-999", "refresh_token":"ref-777"}', "-999"),
        ("grant_type=refresh_token&refresh_token=ref-777", "ref-777"),
        ("ZENDESK_OAUTH_TOKEN=oauth-555", "oauth-555"),
    ],
)
def test_credential_shaped_text_is_masked(text: str, leaked: str) -> None:
    masked = logs.redact(text)
    assert leaked not in masked
    assert logs.MASK in masked


def test_ordinary_words_survive() -> None:
    text = "tokens left: 5; the token budget; mytoken=abc"
    assert logs.redact(text) == text


def test_registered_secret_is_masked_in_file_stderr_and_traceback(
    configured: tuple[Path, io.StringIO],
) -> None:
    path, stderr = configured
    secret = "Zq9-registered-secret-Xy"
    logs.register_secret(secret)
    logs.register_secret(logs.basic_credential("a@example.com", secret))
    logger = logging.getLogger("proactive_desktop.core.somewhere.deep")
    logger.warning("sending with %s", secret)
    try:
        raise ValueError(f"bad header {logs.basic_credential('a@example.com', secret)}")
    except ValueError:
        logger.exception("request failed")
    logs.shutdown()
    written = path.read_text(encoding="utf-8")
    assert "request failed" in written
    assert "ValueError" in written
    for output in (written, stderr.getvalue()):
        assert secret not in output
        assert logs.basic_credential("a@example.com", secret) not in output
        assert logs.MASK in output


def test_configure_twice_keeps_one_set_of_handlers(data_dir: Path) -> None:
    first = io.StringIO()
    second = io.StringIO()
    logs.configure(data_dir, stderr=first)
    logs.configure(data_dir, stderr=second)
    logging.getLogger("proactive_desktop").error("only once")
    logs.shutdown()
    assert first.getvalue() == ""
    assert second.getvalue().count("only once") == 1
    assert logs.log_file_path(data_dir).read_text(encoding="utf-8").count("only once") == 1


def test_short_values_are_not_registered() -> None:
    logs.register_secret("ab")
    assert logs.redact("a cab") == "a cab"
