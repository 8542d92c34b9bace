"""A token never reaches a log, the journal, the settings, an export, stdout or stderr.

Campaigns run through the command line at --verbose (DEBUG everywhere, request lines included)
with unusual tokens the sandbox is told to accept, through retries, reconnections, a refused
token and the read-only commands; then every byte the program wrote is searched for the tokens
and their HTTP Basic form.
"""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from proactive_desktop import cli
from proactive_desktop.core import campaigns, logs
from proactive_desktop.sandbox import DEMO_EMAIL, SandboxServer

API_TOKEN = "Qx7-leak-canary-api-9f3b2e71"
OAUTH_TOKEN = "Wv4-leak-canary-oauth-c81d5a06"
WRONG_TOKEN = "Jm2-leak-canary-wrong-0b7e44f2"
REPO = Path(__file__).resolve().parents[1]


def forms(token: str) -> list[bytes]:
    """Every spelling of a token that could end up in a file: plain, Basic, URL-encoded."""
    basic = base64.b64encode(f"{DEMO_EMAIL}/token:{token}".encode()).decode()
    return [token.encode(), basic.encode(), quote(token).encode(), quote(basic).encode()]


FORBIDDEN = [form for token in (API_TOKEN, OAUTH_TOKEN, WRONG_TOKEN) for form in forms(token)]


def campaign_file(folder: Path, url: str, name: str, *, csv_export: bool = False) -> Path:
    path = folder / f"{name.replace(' ', '_')}.toml"
    path.write_text(
        f"""
[connection]
url = "{url}"
email = "{DEMO_EMAIL}"

[campaign]
name = "{name}"

[recipients]
query = "plan:premium"

[ticket]
subject = "Hello {{{{user.first_name}}}}"
body = "Your plan: {{{{user.user_fields.plan}}}}"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def leaky_sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    server = sandbox_factory(api_tokens=frozenset({API_TOKEN}))
    server.add_bearer_token(OAUTH_TOKEN, DEMO_EMAIL)
    return server


@pytest.fixture
def clean_logging() -> Iterator[None]:
    yield
    logs.shutdown()


@pytest.mark.slow
def test_no_token_in_any_output(
    leaky_sandbox: SandboxServer,
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    clean_logging: None,
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    outputs: list[str] = []

    # A careless debug line that prints the token and an Authorization header: the redaction
    # on the handlers must mask both (this is what makes the test able to fail).
    credentials_for = campaigns.credentials_for

    def careless_credentials_for(*args: Any, **kwargs: Any) -> Any:
        auth = credentials_for(*args, **kwargs)
        token = os.environ.get("ZENDESK_API_TOKEN") or os.environ.get("ZENDESK_OAUTH_TOKEN")
        basic = base64.b64encode(f"{DEMO_EMAIL}/token:{token}".encode()).decode()
        logging.getLogger("proactive_desktop.core.zendesk").debug(
            "using token %s, headers {'Authorization': 'Basic %s'}", token, basic
        )
        return auth

    monkeypatch.setattr(campaigns, "credentials_for", careless_credentials_for)

    def run(*argv: str) -> int:
        code = cli.main(["--verbose", *argv])
        captured = capsys.readouterr()
        outputs.extend([captured.out, captured.err])
        return code

    # 1. An API token: a campaign with a 429, a reset connection and a 5xx along the way.
    monkeypatch.setenv("ZENDESK_API_TOKEN", API_TOKEN)
    leaky_sandbox.faults.inject("rate_limit", path="/api/v2/users", retry_after=0)
    leaky_sandbox.faults.inject("reset", method="GET", path="/api/v2/search", count=1)
    leaky_sandbox.faults.inject("server_error", method="GET", path="/api/v2/job_statuses")
    first = campaign_file(tmp_path, leaky_sandbox.url, "Leak check api")
    assert run("send", str(first), "--json") == 0
    assert run("send", str(first), "--dry-run") == 0
    assert run("status", "Leak check api") == 0
    assert run("retry-failed", "Leak check api", "--json") == 0
    assert run("export", "Leak check api", "--csv", str(tmp_path / "export.csv")) == 0

    # 2. An OAuth access token.
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", OAUTH_TOKEN)
    second = campaign_file(tmp_path, leaky_sandbox.url, "Leak check oauth")
    assert run("send", str(second)) == 0

    # 3. A refused token, and both tokens at once.
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", WRONG_TOKEN)
    third = campaign_file(tmp_path, leaky_sandbox.url, "Leak check wrong")
    assert run("send", str(third)) == 2
    monkeypatch.setenv("ZENDESK_API_TOKEN", API_TOKEN)
    assert run("send", str(third)) == 2

    # 4. The same as a separate process, whose stderr is a real stream.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENDESK_")}
    env.update(ZENDESK_API_TOKEN=API_TOKEN, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    fourth = campaign_file(tmp_path, leaky_sandbox.url, "Leak check process")
    process = subprocess.run(
        [sys.executable, "-m", "proactive_desktop", "--verbose", "send", str(fourth), "--json"],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == 0, process.stderr.decode("utf-8", "replace")
    logs.shutdown()

    # The logs really are verbose: request lines and the retries were recorded.
    log_text = (data_dir / "logs" / "proactive-desktop.log").read_text(encoding="utf-8")
    assert "DEBUG" in log_text
    assert "attempt" in log_text
    assert "using token ****" in log_text

    written: dict[str, bytes] = {
        f"file {path.relative_to(tmp_path)}": path.read_bytes()
        for path in tmp_path.rglob("*")
        if path.is_file()
    }
    assert any("journal.sqlite3" in name for name in written)
    written["in-process stdout/stderr"] = "\n".join(outputs).encode("utf-8")
    written["process stdout"] = process.stdout
    written["process stderr"] = process.stderr
    for where, content in written.items():
        for form in FORBIDDEN:
            assert form not in content, f"a token ({form[:6]!r}…) leaked into {where}"
