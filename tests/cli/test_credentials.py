"""Where `send` takes its token from: the environment, else the keychain entry of the wizard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from cli_helpers import RunCli, assert_one_line_error, campaign_toml, write_campaign
from keychain_backends import MemoryKeyring

from proactive_desktop.core.secrets import OAuthTokens, Secret, SecretStore
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_TOKEN, DEMO_TOKEN, SandboxServer


@pytest.fixture
def keychain(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The process's keychain is an in-memory one; no token in the environment."""
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_api_token_from_the_keychain(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer, tmp_path: Path
) -> None:
    SecretStore(keychain).save_api_token(sandbox.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "From the keychain"))
    result = run_cli("send", str(path), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["created"] > 0


def test_oauth_entry_from_the_keychain(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer, tmp_path: Path
) -> None:
    SecretStore(keychain).save_oauth(
        sandbox.url, DEMO_EMAIL, OAuthTokens(access_token=Secret(DEMO_OAUTH_TOKEN))
    )
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Signed in"))
    result = run_cli("send", str(path), "--json")
    assert result.code == 0, result.stderr


def test_the_environment_wins_over_the_keychain(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox: SandboxServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    SecretStore(keychain).save_api_token(sandbox.url, DEMO_EMAIL, Secret("a-stale-saved-token"))
    monkeypatch.setenv("ZENDESK_API_TOKEN", DEMO_TOKEN)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Environment first"))
    assert run_cli("send", str(path)).code == 0


def test_a_saved_entry_for_another_email_is_not_used(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer, tmp_path: Path
) -> None:
    SecretStore(keychain).save_api_token(sandbox.url, "someone@else.example", Secret(DEMO_TOKEN))
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Other email"))
    assert_one_line_error(run_cli("send", str(path)), "ZENDESK_API_TOKEN")
    assert sandbox.tickets() == []


def test_an_oauth_token_from_the_environment_that_expires_midway_stops_with_3(
    run_cli: RunCli,
    sandbox_factory: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    token = "short-lived-oauth-token-3b9"
    sandbox.add_bearer_token(token, DEMO_EMAIL)
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", token)
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, "Expiring", recipients={"query": "role:end-user"})
    )
    stop = threading.Event()

    def expire_once_sending() -> None:
        while not stop.wait(0.01):
            if sandbox.tickets():
                sandbox.revoke_bearer_token(token)
                return

    expiry = threading.Thread(target=expire_once_sending, daemon=True)
    expiry.start()
    try:
        result = run_cli("send", str(path))
    finally:
        stop.set()
        expiry.join()
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "ZENDESK_OAUTH_TOKEN" in result.stderr
    assert "resume" in result.stderr
    assert token not in result.stderr + result.stdout

    # A fresh token resumes the campaign.
    sandbox.add_bearer_token("fresh-oauth-token-5c1", DEMO_EMAIL)
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", "fresh-oauth-token-5c1")
    again = run_cli("send", str(path), "--json")
    assert again.code == 0, again.stderr
    assert again.json()["pending"] == 0
