"""`login URL` and `logout URL` against the sandbox over loopback HTTP (CLI.md, "Signing in from
the command line").

The browser is the test's own HTTP client: it follows the authorization URL the program printed
(or handed to `open_browser`), gets Zendesk's redirect, and calls the program's loopback
address. The keychain is a test backend: in memory for in-process runs, a shared file for child
processes.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from cli_helpers import RunCli, assert_one_line_error, campaign_toml, write_campaign
from keychain_backends import MemoryKeyring, SharedFileKeyring
from oauth_support import (
    BrowserOnAThread,
    browse,
    child_env,
    finish_child,
    read_sign_in_url,
    run_child,
    start_child,
    with_state,
)

from proactive_desktop import cli
from proactive_desktop.core import oauth
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_CLIENT_ID, LEAD_EMAIL, SandboxServer


@pytest.fixture
def keychain(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The process's keychain is an in-memory one; no token in the environment."""
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> BrowserOnAThread:
    played = BrowserOnAThread()
    monkeypatch.setattr(cli, "open_browser", played)
    return played


def login(run_cli: RunCli, url: str, *extra: str) -> tuple[int, str, str]:
    result = run_cli("login", url, "--client-id", DEMO_OAUTH_CLIENT_ID, *extra)
    return result.code, result.stdout, result.stderr


# -- the whole flow in a child process, as a scheduler would run it ----------------------------


def test_login_no_browser_prints_the_address_and_keeps_the_sign_in_for_send(
    sandbox: SandboxServer, redirect_ports: tuple[int, ...], tmp_path: Path
) -> None:
    keychain_file = tmp_path / "keychain.json"
    env = child_env(tmp_path / "data", keychain_file, redirect_ports, tmp_path / "cache")
    child = start_child(
        ["login", sandbox.url, "--client-id", DEMO_OAUTH_CLIENT_ID, "--no-browser"], env
    )
    url, before = read_sign_in_url(child, sandbox.url)
    query = parse_qs(urlsplit(url).query)
    # One of the program's own fixed addresses: the first one, since it was free.
    assert query["redirect_uri"] == [f"http://127.0.0.1:{redirect_ports[0]}/callback"]
    assert query["code_challenge_method"] == ["S256"]
    page = browse(url)
    assert page.status_code == 200
    assert "You are signed in" in page.text
    result = finish_child(child, before)
    assert result.code == 0, result.stderr
    assert f"as Sandbox Admin <{DEMO_EMAIL}>" in result.stdout or DEMO_EMAIL in result.stdout
    assert "holds until" in result.stdout
    assert "Traceback" not in result.stderr

    kept = SecretStore(SharedFileKeyring(keychain_file)).load_oauth(sandbox.url)
    assert kept is not None
    assert kept.email == DEMO_EMAIL
    assert kept.client_id == DEMO_OAUTH_CLIENT_ID
    assert kept.refresh_expires_at is not None
    assert kept.refresh_token is not None
    for secret in (kept.access_token.reveal(), kept.refresh_token.reveal()):
        assert secret not in result.stdout + result.stderr
        assert secret not in "".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in (tmp_path / "data").rglob("*")
            if p.is_file() and p.suffix != ".sqlite3"
        )

    # Every command for the account now uses the kept sign-in.
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "After login"))
    sent = run_child(["send", str(path), "--json"], env)
    assert sent.code == 0, sent.stderr
    assert sent.json()["created"] > 0


def test_a_foreign_redirect_does_not_end_the_login_and_times_out_with_its_message(
    sandbox: SandboxServer, redirect_ports: tuple[int, ...], tmp_path: Path
) -> None:
    keychain_file = tmp_path / "keychain.json"
    env = child_env(tmp_path / "data", keychain_file, redirect_ports, tmp_path / "cache")
    child = start_child(
        [
            "login",
            sandbox.url,
            "--client-id",
            DEMO_OAUTH_CLIENT_ID,
            "--no-browser",
            "--timeout",
            "2",
        ],
        env,
    )
    url, before = read_sign_in_url(child, sandbox.url)
    page = browse(url, rewrite=lambda location: with_state(location, "not-this-sign-in"))
    assert "different sign-in" in page.text
    result = finish_child(child, before)
    assert result.code == 2, result.stderr
    assert "different sign-in" in result.stderr
    assert "Traceback" not in result.stderr
    assert SecretStore(SharedFileKeyring(keychain_file)).load_oauth(sandbox.url) is None
    assert sandbox.oauth.counts() == {"authorized": 1}  # the code was never exchanged


# -- in process, the browser played through cli.open_browser ----------------------------------


def test_login_opens_the_browser_and_logout_removes_the_sign_in(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer, browser: BrowserOnAThread
) -> None:
    code, out, err = login(run_cli, sandbox.url)
    browser.join()
    assert code == 0, err
    assert DEMO_EMAIL in out
    assert "browser is opening" in err
    store = SecretStore(keychain)
    assert store.load_oauth(sandbox.url) is not None

    out_result = run_cli("logout", sandbox.url)
    assert out_result.code == 0, out_result.stderr
    assert "Signed out" in out_result.stdout
    assert store.load_oauth(sandbox.url) is None
    again = run_cli("logout", sandbox.url)
    assert again.code == 0
    assert "No sign-in was kept" in again.stdout


def test_a_declined_login_says_so_and_keeps_nothing(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox_factory: Callable[..., SandboxServer],
    browser: BrowserOnAThread,
) -> None:
    sandbox = sandbox_factory(customers=5, oauth_deny=True)
    code, _, err = login(run_cli, sandbox.url)
    browser.join()
    assert code == 2
    assert "declined" in err
    assert "Traceback" not in err
    assert SecretStore(keychain).load_oauth(sandbox.url) is None


def test_a_browser_that_never_comes_back_times_out(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer
) -> None:
    code, _, err = login(run_cli, sandbox.url, "--no-browser", "--timeout", "0.5")
    assert code == 2
    assert "did not come back" in err
    # The address was printed, alone on its line.
    assert any(line.startswith(f"{sandbox.url}/oauth/") for line in err.splitlines())
    assert SecretStore(keychain).load_oauth(sandbox.url) is None


def test_all_sign_in_ports_busy_is_a_clear_message(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox: SandboxServer,
    redirect_ports: tuple[int, ...],
) -> None:
    held = []
    try:
        for port in redirect_ports:
            taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            taken.bind(("127.0.0.1", port))
            taken.listen()
            held.append(taken)
        result = run_cli("login", sandbox.url, "--client-id", DEMO_OAUTH_CLIENT_ID, "--no-browser")
    finally:
        for taken in held:
            taken.close()
    assert_one_line_error(result, "other programs are using all of them")
    for port in redirect_ports:
        assert f"http://127.0.0.1:{port}/callback" in result.stderr
    assert sandbox.oauth.counts() == {}  # no sign-in page was even asked for


def test_the_first_free_port_is_taken_when_the_others_are_busy(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox: SandboxServer,
    browser: BrowserOnAThread,
    redirect_ports: tuple[int, ...],
) -> None:
    held = []
    try:
        for port in redirect_ports[:2]:
            taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            taken.bind(("127.0.0.1", port))
            taken.listen()
            held.append(taken)
        code, _, err = login(run_cli, sandbox.url)
        browser.join()
    finally:
        for taken in held:
            taken.close()
    assert code == 0, err
    (url,) = browser.urls
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"]
    assert redirect == [f"http://127.0.0.1:{redirect_ports[2]}/callback"]


def test_without_client_id_a_build_without_a_global_client_asks_for_one(
    run_cli: RunCli, keychain: MemoryKeyring, sandbox: SandboxServer
) -> None:
    assert oauth.global_client_id() is None  # a source checkout carries no global client
    assert_one_line_error(run_cli("login", sandbox.url, "--no-browser"), "--client-id")
    assert sandbox.oauth.counts() == {}


def test_a_build_with_a_global_client_needs_no_client_id(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox: SandboxServer,
    browser: BrowserOnAThread,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the release workflow writes into the build (here: the sandbox's client).
    resources = tmp_path / "bundle"
    (resources / "resources").mkdir(parents=True)
    (resources / "resources" / "oauth-client-id.txt").write_text(
        DEMO_OAUTH_CLIENT_ID + "\n", encoding="utf-8"
    )
    monkeypatch.setattr("sys._MEIPASS", str(resources), raising=False)
    assert oauth.global_client_id() == DEMO_OAUTH_CLIENT_ID
    result = run_cli("login", sandbox.url)
    browser.join()
    assert result.code == 0, result.stderr
    kept = SecretStore(keychain).load_oauth(sandbox.url)
    assert kept is not None
    assert kept.client_id == DEMO_OAUTH_CLIENT_ID


def test_without_a_keychain_login_keeps_nothing_and_opens_no_browser(
    run_cli: RunCli, sandbox: SandboxServer, browser: BrowserOnAThread
) -> None:
    # cli_env's keychain is keyring's "fail" backend: none usable.
    assert_one_line_error(
        run_cli("login", sandbox.url, "--client-id", DEMO_OAUTH_CLIENT_ID), "keychain"
    )
    assert browser.urls == []


def test_a_campaign_for_another_email_than_the_signed_in_one_is_bad_input(
    run_cli: RunCli,
    keychain: MemoryKeyring,
    sandbox: SandboxServer,
    browser: BrowserOnAThread,
    tmp_path: Path,
) -> None:
    code, _, err = login(run_cli, sandbox.url)
    browser.join()
    assert code == 0, err
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Whose", email=LEAD_EMAIL))
    assert_one_line_error(run_cli("send", str(path)), LEAD_EMAIL, DEMO_EMAIL)
    assert sandbox.tickets() == []


def test_a_bad_address_or_timeout_is_refused_before_anything_happens(
    run_cli: RunCli, keychain: MemoryKeyring
) -> None:
    assert_one_line_error(run_cli("login", "http://acme.example", "--client-id", "x"), "https")
    assert run_cli("login", "acme", "--timeout", "0").code == 2
