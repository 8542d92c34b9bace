"""Bad input sends nothing: exit 2, one stderr line naming the key or cause, no traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_helpers import CliResult, assert_one_line_error, campaign_toml, write_campaign

from proactive_desktop.core.journal import Journal
from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

GOOD_TICKET = {"subject": "Hello {{user.name}}", "body": "Your plan: {{user.user_fields.plan}}"}


def assert_nothing_sent(sandbox: SandboxServer, data_dir: Path) -> None:
    """No ticket in the account and no campaign in the journal (if one was opened at all)."""
    assert sandbox.tickets() == []
    path = journal_path(data_dir)
    if path.exists():
        with Journal(path) as journal:
            assert journal.list_campaigns() == []


@pytest.mark.parametrize(
    ("changes", "needles"),
    [
        pytest.param(
            {"ticket": {**GOOD_TICKET, "subjct": "typo"}}, ["ticket.subjct"], id="unknown-key"
        ),
        pytest.param(
            {"ticket": {**GOOD_TICKET, "status": "closed"}}, ["ticket.status"], id="bad-status"
        ),
        pytest.param({"ticket": {"body": "no subject"}}, ["ticket.subject"], id="missing-subject"),
        pytest.param(
            {"url": "http://acme.example.com"}, ["connection.url"], id="http-non-loopback"
        ),
        pytest.param(
            {"ticket": {"subject": "Hi", "body": "Plan {{user.user_fields.plann}}"}},
            ["{{user.user_fields.plann}}"],
            id="unknown-placeholder-field",
        ),
        pytest.param(
            {"ticket": {**GOOD_TICKET, "macro_id": 42}},
            ["ticket.macro_id", "42"],
            id="unknown-macro",
        ),
        pytest.param({"recipients": {}}, ["recipients"], id="no-recipient-source"),
    ],
)
def test_bad_campaign_file(
    run_cli: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    changes: dict[str, Any],
    needles: list[str],
) -> None:
    url = changes.pop("url", sandbox.url)
    path = write_campaign(tmp_path, campaign_toml(url, "Bad input", **changes))
    result: CliResult = run_cli("send", str(path))
    assert_one_line_error(result, *needles)
    assert_nothing_sent(sandbox, cli_env)


def test_file_that_is_not_toml(run_cli: Any, tmp_path: Path, cli_env: Path) -> None:
    path = write_campaign(tmp_path, "[connection\nurl = ")
    assert_one_line_error(run_cli("send", str(path)), "not valid TOML")
    assert not journal_path(cli_env).exists()


def test_missing_file(run_cli: Any, tmp_path: Path) -> None:
    assert_one_line_error(run_cli("send", str(tmp_path / "nowhere.toml")), "nowhere.toml")


def test_both_tokens_in_the_environment(
    run_cli: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", "some-oauth-token")
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Both tokens"))
    result = run_cli("send", str(path))
    assert_one_line_error(result, "ZENDESK_API_TOKEN", "ZENDESK_OAUTH_TOKEN")
    assert "some-oauth-token" not in result.stderr
    assert_nothing_sent(sandbox, cli_env)


def test_no_token_anywhere(
    run_cli: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "No token"))
    assert_one_line_error(run_cli("send", str(path)), "ZENDESK_API_TOKEN", "admin@sandbox.example")
    assert_nothing_sent(sandbox, cli_env)


def test_wrong_token(
    run_cli: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZENDESK_API_TOKEN", "not-the-token-x9")
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Wrong token"))
    result = run_cli("send", str(path))
    assert_one_line_error(result)
    assert "not-the-token-x9" not in result.stderr
    assert_nothing_sent(sandbox, cli_env)


@pytest.mark.parametrize(
    "argv",
    [
        ["send"],
        ["send", "x.toml", "--headroom", "100"],
        ["send", "x.toml", "--headroom", "lots"],
        ["export", "Some campaign"],
        ["frobnicate"],
        ["sandbox", "--port", "70000"],
    ],
)
def test_bad_arguments(run_cli: Any, argv: list[str]) -> None:
    result = run_cli(*argv)
    assert result.code == 2
    assert "Traceback" not in result.stderr
    assert "proactive-desktop: error:" in result.stderr


def test_unknown_name_for_status_export_and_retry(
    run_cli: Any, tmp_path: Path, cli_env: Path
) -> None:
    for argv in (
        ["status", "Nobody knows"],
        ["status", "Nobody knows", "--json"],
        ["export", "Nobody knows", "--csv", str(tmp_path / "out.csv")],
        ["retry-failed", "Nobody knows"],
    ):
        assert_one_line_error(run_cli(*argv), "Nobody knows")
    # Reading must not create a journal.
    assert not journal_path(cli_env).exists()
    assert not (tmp_path / "out.csv").exists()


def test_version(run_cli: Any) -> None:
    from proactive_desktop import __version__

    result = run_cli("--version")
    assert result.code == 0
    assert __version__ in result.stdout
