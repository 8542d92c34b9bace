"""A kept sign-in renewed while campaigns run: rotation as Zendesk does it (a refresh deletes the
old pair), two processes sharing one sign-in, a long campaign outliving many access tokens, and
a refused renewal that stops the campaign resumable until `login`.

The sandbox's access tokens live 2 seconds here; its refresh counts say how many renewals were
made and whether any spent a dead refresh token ("refused").
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import keyring
import pytest
import requests
from cli_helpers import RunCli, campaign_toml, write_campaign
from keychain_backends import MemoryKeyring, SharedFileKeyring
from oauth_support import BrowserOnAThread, child_env, start_child

from proactive_desktop import cli
from proactive_desktop.core.oauth import AuthorizationRequest, LoopbackListener, complete_sign_in
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.core.zendesk.transport import make_session
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_CLIENT_ID, SandboxServer

TIMEOUT = (5.0, 10.0)
SEGMENT = {"query": "role:end-user"}
ACCESS_TOKEN_LIFETIME_S = 2.0
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
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def keep_sign_in(sandbox: SandboxServer, store: SecretStore) -> None:
    """Sign in (requests playing the browser) and keep it for the account, as `login` does."""

    def browse(url: str) -> None:
        with requests.Session() as browser:
            reply = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
            browser.get(reply.headers["Location"], allow_redirects=False, timeout=TIMEOUT)

    session = make_session()
    try:
        with LoopbackListener() as listener:
            request = AuthorizationRequest.new(
                sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri
            )
            browser = threading.Thread(target=browse, args=(request.url,))
            browser.start()
            source = complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=10
            )
            browser.join(10)
    finally:
        session.close()
    source.remember(store, DEMO_EMAIL)


def tickets_per_customer(sandbox: SandboxServer, tag: str) -> Counter[int]:
    return Counter(t["requester_id"] for t in sandbox.tickets() if tag in (t.get("tags") or []))


def assert_exactly_once(sandbox: SandboxServer, summary: dict[str, object]) -> None:
    per_customer = tickets_per_customer(sandbox, str(summary["tag"]))
    customers = summary["customers"]
    assert isinstance(customers, list)
    expected = {c["user_id"] for c in customers if c["status"] == "created"}
    assert summary["pending"] == 0
    assert summary["failed"] == 0
    assert set(per_customer) == expected, "a customer is missing, or one was not expected"
    assert max(per_customer.values()) == 1, "a customer got two tickets"


def assert_sign_in_still_works(sandbox: SandboxServer, store: SecretStore) -> None:
    kept = store.load_oauth(sandbox.url)
    assert kept is not None
    reply = requests.get(
        f"{sandbox.url}/api/v2/users/me.json",
        headers={"Authorization": f"Bearer {kept.access_token.reveal()}"},
        timeout=TIMEOUT,
    )
    assert reply.json()["user"]["email"] == DEMO_EMAIL


def test_two_processes_share_one_sign_in_whose_access_token_expires_every_2_s(
    sandbox_factory: Callable[..., SandboxServer],
    redirect_ports: tuple[int, ...],
    tmp_path: Path,
) -> None:
    sandbox = sandbox_factory(
        customers=300,
        oauth_access_token_ttl_s=ACCESS_TOKEN_LIFETIME_S,
        # Two jobs at a time each (below): both campaigns run side by side for several token
        # lifetimes, each polling its jobs all along.
        job_seconds_per_ticket=0.07,
    )
    keychain_file = tmp_path / "keychain.json"
    store = SecretStore(SharedFileKeyring(keychain_file))
    keep_sign_in(sandbox, store)
    children = []
    for name in ("Wizard-like run", "Scheduled run"):
        # Separate data folders (as `--data-dir` may give): the renewal lock is not in them.
        folder = tmp_path / name.replace(" ", "-")
        folder.mkdir()
        env = child_env(
            folder / "data",
            keychain_file,
            redirect_ports,
            tmp_path / "cache",
            PROACTIVE_TEST_JOBS_IN_FLIGHT="2",
        )
        path = write_campaign(folder, campaign_toml(sandbox.url, name, recipients=SEGMENT))
        children.append(start_child(["send", str(path), "--json", "--quiet"], env))
    results = [child.communicate(timeout=180) for child in children]

    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "Traceback" not in err
        assert_exactly_once(sandbox, json.loads(out))
    counts = sandbox.oauth.counts()
    # Both campaigns outlived several access tokens, and no refresh spent a dead refresh token
    # (which would have signed that process out).
    assert counts.get("refreshed", 0) >= 2, counts
    assert counts.get("refused", 0) == 0, counts
    # One chain of renewals: a single live refresh token, the one in the keychain.
    assert sandbox.oauth.live_refresh_tokens() == 1
    assert_sign_in_still_works(sandbox, store)


def test_a_1000_customer_campaign_outlives_many_access_tokens_exactly_once(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "send_tuning", lambda: replace(FAST, max_jobs_in_flight=2))
    sandbox = sandbox_factory(
        customers=1250,
        oauth_access_token_ttl_s=ACCESS_TOKEN_LIFETIME_S,
        # Two jobs at a time (below): the campaign lasts several access-token lifetimes.
        job_seconds_per_ticket=0.02,
    )
    store = SecretStore(keychain)
    keep_sign_in(sandbox, store)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "A thousand", recipients=SEGMENT))
    result = run_cli("send", str(path), "--json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["created"] >= 1000
    assert_exactly_once(sandbox, summary)
    counts = sandbox.oauth.counts()
    assert counts.get("refreshed", 0) >= 2, counts
    assert counts.get("refused", 0) == 0, counts
    assert_sign_in_still_works(sandbox, store)


def test_a_refused_renewal_stops_resumable_and_login_then_send_finishes_once(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    store = SecretStore(keychain)
    keep_sign_in(sandbox, store)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Revoked", recipients=SEGMENT))
    stop_watching = threading.Event()

    def revoke_once_sending() -> None:
        # The admin revokes the app's access while tickets are going out.
        while not stop_watching.wait(0.005):
            if sandbox.tickets():
                sandbox.oauth.revoke_refresh_tokens()
                sandbox.oauth.expire_access_tokens()
                return

    watcher = threading.Thread(target=revoke_once_sending, daemon=True)
    watcher.start()
    try:
        stopped = run_cli("send", str(path))
    finally:
        stop_watching.set()
        watcher.join(5)
    assert stopped.code == 3, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert "Sign in with Zendesk again" in stopped.stderr
    assert f"login {sandbox.url}" in stopped.stderr
    status = run_cli("status", "Revoked", "--json").json()
    assert status["state"] == "stopped"
    assert status["failed"] == 0, "nobody may be marked failed for a sign-in that ended"
    # Not done yet: not reached, or being confirmed (a request that may have created it).
    assert status["pending"] + status.get("in_flight", 0) > 0

    browser = BrowserOnAThread()
    monkeypatch.setattr(cli, "open_browser", browser)
    relogin = run_cli("login", sandbox.url, "--client-id", DEMO_OAUTH_CLIENT_ID)
    browser.join()
    assert relogin.code == 0, relogin.stderr
    again = run_cli("send", str(path), "--json")
    assert again.code == 0, again.stderr
    assert_exactly_once(sandbox, again.json())
