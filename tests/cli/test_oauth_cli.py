"""`send` with OAuth tokens from a real sign-in to the sandbox: renewed from the keychain, or
stopped with exit 3 when a token from ZENDESK_OAUTH_TOKEN expires midway.

The keychain is an in-memory backend set through keyring's own API (`keyring.set_keyring`), never
a plaintext one. The browser step of the sign-in is played by requests (tests/oauth_sign_in.py).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from cli_helpers import RunCli, campaign_toml, write_campaign
from keychain_backends import MemoryKeyring
from oauth_sign_in import sign_in

from proactive_desktop import cli
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.sandbox import DEMO_EMAIL, SandboxServer

SEGMENT = {"query": "role:end-user"}
FAST = SendTuning(
    seconds_per_ticket=0.01,
    job_start_allowance_s=0.5,
    reconcile_safety=3.0,
    stable_s=0.3,
    single_quiet_s=0.2,
    poll_min_s=0.05,
    poll_max_s=0.3,
    outage_limit_s=3.0,
    progress_interval_s=0.05,
)


@pytest.fixture(autouse=True)
def fast_tuning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)
    monkeypatch.setattr(cli, "rate_governor", lambda percent: RateGovernor(headroom=percent / 100))


@pytest.fixture
def keychain(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The process's keychain is an in-memory one; no token in the environment."""
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def when_sending(sandbox: SandboxServer, action: Callable[[], None]) -> Callable[[], None]:
    """Run `action` once the first ticket exists; returns the function that stops watching."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.005):
            if sandbox.tickets():
                action()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()

    def finish() -> None:
        stop.set()
        watcher.join(5)

    return finish


def assert_one_ticket_each(sandbox: SandboxServer, tag: str, expected: int) -> None:
    ours = [t for t in sandbox.tickets() if tag in (t.get("tags") or [])]
    per_requester = Counter(t["requester_id"] for t in ours)
    assert max(per_requester.values()) == 1, "a customer got two tickets"
    assert len(per_requester) == expected


def test_the_keychain_sign_in_is_renewed_midway_and_every_ticket_goes_once(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
) -> None:
    sandbox = sandbox_factory(oauth_access_token_ttl_s=0.3, job_seconds_per_ticket=0.015)
    signed_in = sign_in(sandbox)
    signed_in.remember(SecretStore(keychain), DEMO_EMAIL)
    first_access = signed_in.tokens.access_token.reveal()
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, "Renewed midway", recipients=SEGMENT)
    )
    result = run_cli("send", str(path), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["pending"] == 0
    assert summary["failed"] == 0
    assert_one_ticket_each(sandbox, summary["tag"], summary["created"])
    assert sandbox.oauth.counts()["refreshed"] >= 2
    # The renewed tokens went back to the keychain, and nowhere else.
    saved = SecretStore(keychain).load_oauth(sandbox.url, DEMO_EMAIL)
    assert saved is not None
    assert saved.access_token.reveal() != first_access
    assert saved.access_token.reveal() not in result.stdout + result.stderr
    assert saved.refresh_token is not None
    assert saved.refresh_token.reveal() not in result.stdout + result.stderr


def test_a_refused_renewal_stops_with_3_and_asks_to_sign_in_again(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    sign_in(sandbox).remember(SecretStore(keychain), DEMO_EMAIL)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Revoked", recipients=SEGMENT))

    def revoke() -> None:
        sandbox.oauth.revoke_refresh_tokens()
        sandbox.oauth.expire_access_tokens()

    finish = when_sending(sandbox, revoke)
    try:
        result = run_cli("send", str(path))
    finally:
        finish()
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "Sign in with Zendesk again" in result.stderr
    assert "run the same command again to resume" in result.stderr

    # After signing in again (the wizard saves a new entry), the same command resumes.
    sign_in(sandbox).remember(SecretStore(keychain), DEMO_EMAIL)
    again = run_cli("send", str(path), "--json")
    assert again.code == 0, again.stderr
    summary = again.json()
    assert summary["pending"] == 0
    assert_one_ticket_each(sandbox, summary["tag"], summary["created"])


def test_an_environment_token_that_expires_midway_stops_with_3(
    run_cli: RunCli,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    token = sign_in(sandbox).tokens.access_token.reveal()
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", token)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Env expiry", recipients=SEGMENT))
    finish = when_sending(sandbox, sandbox.oauth.expire_access_tokens)
    try:
        result = run_cli("send", str(path))
    finally:
        finish()
    assert result.code == 3, result.stderr
    assert "ZENDESK_OAUTH_TOKEN" in result.stderr
    assert "expired" in result.stderr
    assert token not in result.stderr + result.stdout
    # Nothing was refreshed: a token from the environment has no refresh token.
    assert "refreshed" not in sandbox.oauth.counts()

    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", sign_in(sandbox).tokens.access_token.reveal())
    again = run_cli("send", str(path), "--json")
    assert again.code == 0, again.stderr
    assert_one_ticket_each(sandbox, again.json()["tag"], again.json()["created"])


def test_both_tokens_in_the_environment_is_bad_input(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZENDESK_OAUTH_TOKEN", "an-oauth-token-value")
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Both"))
    result = run_cli("send", str(path))
    assert result.code == 2
    assert "set only one of them" in result.stderr
    assert sandbox.tickets() == []
