"""No token, password or Authorization header reaches the logs or an error text, even at DEBUG."""

from __future__ import annotations

import base64
import http.client
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from zendesk_helpers import client_for

from proactive_desktop.core import logs
from proactive_desktop.core.errors import ProactiveError
from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth, Secret, StaticTokenSource
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_TOKEN, DEMO_TOKEN, SandboxServer

WRONG_TOKEN = "wrong-token-7c1d55e0a9"
UNMASKED_HEADER = re.compile(r"authorization\W+(?:basic|bearer)\s+(?!\*{4})", re.IGNORECASE)


@pytest.fixture
def debug_logs(data_dir: Path) -> Iterator[tuple[Path, io.StringIO]]:
    stderr = io.StringIO()
    path = logs.configure(data_dir, verbose=True, stderr=stderr)
    for name in ("urllib3", "requests", "proactive_desktop"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield path, stderr
    logs.shutdown()
    logging.getLogger("urllib3").setLevel(logging.WARNING)


def forbidden_texts() -> list[str]:
    texts = [DEMO_TOKEN, WRONG_TOKEN, DEMO_OAUTH_TOKEN]
    for token in (DEMO_TOKEN, WRONG_TOKEN):
        texts.append(base64.b64encode(f"{DEMO_EMAIL}/token:{token}".encode()).decode())
    return texts


def test_tokens_never_reach_logs_or_errors(
    sandbox: SandboxServer, debug_logs: tuple[Path, io.StringIO], capsys: pytest.CaptureFixture[str]
) -> None:
    path, stderr = debug_logs
    assert http.client.HTTPConnection.debuglevel == 0  # header dumps to stdout stay off
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    wrong = client_for(sandbox.url, DEMO_EMAIL, WRONG_TOKEN)
    bearer = client_for(
        sandbox.url, "", "", auth=BearerAuth(StaticTokenSource(Secret(DEMO_OAUTH_TOKEN)))
    )
    errors: list[ProactiveError] = []
    client.me()
    bearer.me()
    logging.getLogger("proactive_desktop.test").debug(
        "a careless line: Authorization: Basic %s token=%s",
        base64.b64encode(f"{DEMO_EMAIL}/token:{DEMO_TOKEN}".encode()).decode(),
        DEMO_TOKEN,
    )
    for call in (wrong.me, wrong.user_fields):
        with pytest.raises(ProactiveError) as caught:
            call()
        errors.append(caught.value)
    sandbox.faults.inject("reset", method="POST", path="/api/v2/tickets")
    with pytest.raises(ProactiveError) as caught:
        client.create_ticket({"subject": "x", "comment": {"body": "x"}}, idempotency_key="k")
    errors.append(caught.value)
    sandbox.faults.inject("server_error", status=500, count=10)
    with pytest.raises(ProactiveError) as caught:
        client.groups()
    errors.append(caught.value)

    log_text = path.read_text(encoding="utf-8")
    assert "GET /api/v2/users/me" in log_text  # urllib3's DEBUG lines really are there
    assert "****" in log_text  # and the careless line was masked
    outputs = {
        "log file": log_text,
        "stderr handler": stderr.getvalue(),
        "captured output": "".join(capsys.readouterr()),
        "errors": "\n".join(f"{error}\n{error!r}\n{error.message!r}" for error in errors),
        "objects": "\n".join(
            repr(each)
            for each in (
                client,
                wrong,
                bearer,
                vars(client),
                ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)),
                BearerAuth(StaticTokenSource(Secret(DEMO_OAUTH_TOKEN))),
            )
        ),
    }
    for where, text in outputs.items():
        for secret in forbidden_texts():
            assert secret not in text, f"a credential reached the {where}"
        assert not UNMASKED_HEADER.search(text), f"an Authorization value reached the {where}"
