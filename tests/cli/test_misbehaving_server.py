"""`send --json` against a misbehaving server: each run ends within its deadline, with the
documented exit code and exactly one JSON object on stdout.

The server is a proxy in front of the sandbox (tests/misbehaving.py) that trickles, stalls,
swells or mangles chosen answers; everything else is the sandbox's own behaviour.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import CliResult, RunCli, campaign_toml, write_campaign
from misbehaving import Headers, Huge, MisbehavingProxy, Trickle
from test_send_command import FAST, SkippedTime

from proactive_desktop import cli
from proactive_desktop.core import rate
from proactive_desktop.core.logs import log_file_path
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.sandbox import SandboxServer

DEADLINE_S = 1.0


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)
    monkeypatch.setattr(cli, "request_deadline_s", lambda: DEADLINE_S)

    def governor(percent: float) -> RateGovernor:
        skipped = SkippedTime()
        return RateGovernor(headroom=percent / 100, clock=skipped.clock, wait=skipped.wait)

    monkeypatch.setattr(cli, "rate_governor", governor)
    rate._reported_headers.clear()


@pytest.fixture
def proxy(sandbox: SandboxServer) -> Iterator[MisbehavingProxy]:
    with MisbehavingProxy(sandbox.url) as running:
        yield running


def one_json_object(result: CliResult) -> dict[str, Any]:
    """stdout is exactly one JSON object on one line."""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    document = json.loads(lines[0])
    assert isinstance(document, dict)
    return document


def campaign(tmp_path: Path, url: str, name: str) -> Path:
    return write_campaign(tmp_path, campaign_toml(url, name, recipients={"query": "plan:premium"}))


def assert_each_customer_once(sandbox: SandboxServer, document: dict[str, Any]) -> None:
    tickets = [t for t in sandbox.tickets() if document["tag"] in t["tags"]]
    per_requester = Counter(t["requester_id"] for t in tickets)
    assert all(count == 1 for count in per_requester.values()), "duplicate tickets"
    created = {c["user_id"] for c in document["customers"] if c["status"] == "created"}
    assert set(per_requester) == created


def test_a_trickled_credential_check_ends_at_the_deadline(
    run_cli: RunCli, proxy: MisbehavingProxy, tmp_path: Path
) -> None:
    proxy.misbehave(Trickle(0.2), path="/api/v2/users/me")
    result = run_cli("send", str(campaign(tmp_path, proxy.url, "Trickled")), "--json")
    # A network failure before anything was sent: stopped, resumable (CLI.md: 3).
    assert result.code == 3, result.stderr
    error = one_json_object(result)["error"]
    assert error["kind"] == "interrupted"
    assert "did not send its whole answer within 1 seconds" in error["message"]
    assert "Traceback" not in result.stderr


def test_a_trickled_job_answer_is_reconciled_and_the_run_finishes(
    run_cli: RunCli, proxy: MisbehavingProxy, sandbox: SandboxServer, tmp_path: Path
) -> None:
    # The first create_many is accepted by Zendesk but its answer never arrives in time.
    proxy.misbehave(Trickle(0.2), method="POST", path="/api/v2/tickets/create_many", count=1)
    result = run_cli("send", str(campaign(tmp_path, proxy.url, "Trickled job")), "--json")
    assert result.code == 0, result.stderr
    document = one_json_object(result)
    assert "error" not in document
    assert document["state"] == "finished"
    assert document["pending"] == 0
    assert document["in_flight"] == 0
    assert_each_customer_once(sandbox, document)


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_a_huge_answer_stops_the_run_with_one_json_object(
    run_cli: RunCli,
    proxy: MisbehavingProxy,
    sandbox: SandboxServer,
    tmp_path: Path,
    declared: bool,
) -> None:
    proxy.misbehave(
        Huge(total_bytes=500 * 1024 * 1024, declare_length=declared), path="/api/v2/user_fields"
    )
    result = run_cli("send", str(campaign(tmp_path, proxy.url, "Huge")), "--json")
    assert result.code == 3, result.stderr
    error = one_json_object(result)["error"]
    assert error["kind"] == "interrupted"
    assert "larger than 32 MB" in error["message"]
    assert sandbox.tickets() == []


@pytest.mark.parametrize("value", ["inf", "garbage", "-7", "1e400"])
def test_insane_rate_headers_mid_send_are_ignored(
    run_cli: RunCli,
    proxy: MisbehavingProxy,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    value: str,
) -> None:
    insane = {
        "X-Rate-Limit": value,
        "X-Rate-Limit-Remaining": value,
        "ratelimit-limit": value,
        "ratelimit-remaining": value,
        "ratelimit-reset": value,
    }
    proxy.misbehave(Headers(insane))
    result = run_cli("send", str(campaign(tmp_path, proxy.url, f"Headers {value}")), "--json")
    assert result.code == 0, result.stderr
    document = one_json_object(result)
    assert document["state"] == "finished"
    assert_each_customer_once(sandbox, document)
    # Said in the log, never a traceback.
    logged = log_file_path(cli_env).read_text(encoding="utf-8")
    assert "not a sane number" in logged
    assert "Traceback" not in result.stderr + logged


def test_escape_sequences_in_names_are_shown_escaped(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    name = "Evil \x1b]0;pwned\x07 \x1b[2J campaign\u202e"
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, name, recipients={"query": "plan:premium"})
    )
    result = run_cli("send", str(path))
    assert result.code == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream
        assert "\x07" not in stream
        assert "\u202e" not in stream
    assert "\\x1b]0;pwned\\x07" in result.stdout
    as_json = run_cli("status", name, "--json")
    assert "\x1b" not in as_json.stdout
    assert "\u202e" not in as_json.stdout
    # The same value for a program reading it: JSON escapes, not a changed name.
    assert one_json_object(as_json)["campaign"] == name
