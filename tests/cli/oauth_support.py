"""Helpers for the sign-in tests of the command line: a browser played by requests, child
processes that share one file keychain, and reading the sign-in address off a child's stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests
from cli_helpers import REPO, CliResult, subprocess_env
from keychain_backends import KEYRING_FILE_ENV

TIMEOUT = (5.0, 10.0)
CHILD = Path(__file__).resolve().parent / "cli_child.py"
CHILD_TIMEOUT_S = 120


def browse(url: str, *, rewrite: Callable[[str], str] | None = None) -> requests.Response:
    """What a browser does with the authorization URL: Zendesk's redirect, then our address."""
    with requests.Session() as browser:
        browser.headers["Accept-Language"] = "en"
        reply = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
        assert reply.status_code == 302, reply.text
        location = reply.headers["Location"]
        if rewrite is not None:
            location = rewrite(location)
        return browser.get(location, allow_redirects=False, timeout=TIMEOUT)


def with_state(location: str, state: str) -> str:
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = state
    return urlunsplit(parts._replace(query=urlencode(query)))


class BrowserOnAThread:
    """`cli.open_browser` for in-process runs: the "browser" follows the URL on a thread."""

    def __init__(self, *, rewrite: Callable[[str], str] | None = None) -> None:
        self._rewrite = rewrite
        self.urls: list[str] = []
        self.pages: list[requests.Response] = []
        self.errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        self.urls.append(url)

        def run() -> None:
            try:
                self.pages.append(browse(url, rewrite=self._rewrite))
            except BaseException as error:  # noqa: BLE001 - handed to the test thread
                self.errors.append(error)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        self._threads.append(thread)
        return True

    def join(self) -> None:
        for thread in self._threads:
            thread.join(10)
        if self.errors:
            raise self.errors[0]


def child_env(
    data_dir: Path,
    keychain_file: Path,
    ports: Sequence[int],
    cache_dir: Path,
    **overrides: str | None,
) -> dict[str, str]:
    """A child that sees the test's file keychain and ports, with no token in its environment."""
    tests = str(REPO / "tests")
    env = subprocess_env(
        data_dir,
        ZENDESK_API_TOKEN=None,
        PYTHON_KEYRING_BACKEND="keychain_backends.SharedFileKeyring",
        PYTHONPATH=os.pathsep.join([str(REPO), tests]),
        PROACTIVE_TEST_REDIRECT_PORTS=",".join(str(p) for p in ports),
        # The renewal lock lives in the user's cache folder: this test's own.
        XDG_CACHE_HOME=str(cache_dir),
        **{KEYRING_FILE_ENV: str(keychain_file)},
    )
    env.update({k: v for k, v in overrides.items() if v is not None})
    return env


def start_child(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def run_child(args: Sequence[str], env: dict[str, str]) -> CliResult:
    child = start_child(args, env)
    out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
    return CliResult(child.returncode, out, err)


def read_sign_in_url(child: subprocess.Popen[str], base_url: str) -> tuple[str, list[str]]:
    """The authorization URL the child printed on a line of its own, and the lines before it."""
    assert child.stderr is not None
    seen: list[str] = []
    for line in child.stderr:
        if line.startswith(f"{base_url}/oauth/authorizations/new?"):
            return line.strip(), seen
        seen.append(line)
    raise AssertionError(f"no sign-in address on stderr: {''.join(seen)}")


def finish_child(child: subprocess.Popen[str], before: Sequence[str]) -> CliResult:
    out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
    return CliResult(child.returncode, out, "".join(before) + err)
