"""Test set-up shared by every test: offscreen Qt, a fixed language, a temporary data folder."""

from __future__ import annotations

import os
import socket

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "en_US.UTF-8"
os.environ["LANGUAGE"] = "en"
os.environ.pop("ZENDESK_API_TOKEN", None)
os.environ.pop("ZENDESK_OAUTH_TOKEN", None)


from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from proactive_desktop.sandbox import (
    DEMO_OAUTH_CLIENT_ID,
    DEMO_OAUTH_REDIRECT_URLS,
    SandboxConfig,
    SandboxServer,
)


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations() -> None:
    """The .qm catalogues are built, not committed: compile them when one is missing or older
    than its .ts, so every test sees the current translations."""
    from proactive_desktop.tools import i18n

    for language in i18n.CATALOGUE_LANGUAGES:
        source, compiled = i18n.ts_path(language), i18n.qm_path(language)
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            i18n.compile_all()
            return


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder (journal, settings, logs) for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PROACTIVE_DESKTOP_DATA", str(folder))
    return folder


# -- the sandbox: a local Zendesk account over real loopback HTTP ------------------------------

#: What tests get unless they ask otherwise: small, instant, effectively unlimited.
SANDBOX_TEST_CONFIG: dict[str, Any] = {
    "customers": 300,
    "seed": 7,
    "rate_limit_per_minute": 100_000,
    "update_rate_limit_per_minute": None,
    "latency_s": 0.0,
    "job_seconds_per_ticket": 0.002,
    "job_start_delay_s": 0.0,
}


def free_loopback_ports(count: int) -> tuple[int, ...]:
    """`count` ports the OS says are free on 127.0.0.1 now (held together while choosing)."""
    held = []
    try:
        for _ in range(count):
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            probe.bind(("127.0.0.1", 0))
            held.append(probe)
        return tuple(probe.getsockname()[1] for probe in held)
    finally:
        for probe in held:
            probe.close()


@pytest.fixture(autouse=True)
def redirect_ports(monkeypatch: pytest.MonkeyPatch) -> tuple[int, ...]:
    """The program's fixed sign-in ports, replaced for every test by free ones the OS chose.

    Other test runs share this machine, so no test binds the real fixed ports. The sandboxes of
    `sandbox_factory` register these ports' URLs for the demo OAuth client (as an admin
    registers the real ones from the Connect page's guide)."""
    from proactive_desktop.core import oauth

    ports = free_loopback_ports(len(oauth.REDIRECT_PORTS))
    monkeypatch.setattr(oauth, "REDIRECT_PORTS", ports)
    return ports


@pytest.fixture
def sandbox_factory(
    redirect_ports: tuple[int, ...],
) -> Iterator[Callable[..., SandboxServer]]:
    """Start a sandbox with any `SandboxConfig` field changed from the test defaults, e.g.
    `sandbox_factory(rate_limit_per_minute=60, customers=1200)`; all are stopped at teardown."""
    started: list[SandboxServer] = []
    registered = {
        DEMO_OAUTH_CLIENT_ID: frozenset(
            [*DEMO_OAUTH_REDIRECT_URLS, *(f"http://127.0.0.1:{p}/callback" for p in redirect_ports)]
        )
    }

    def make(**changes: Any) -> SandboxServer:
        config = {**SANDBOX_TEST_CONFIG, "oauth_redirect_urls": registered, **changes}
        server = SandboxServer(SandboxConfig(**config)).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """A fresh small sandbox (300 customers, seed 7, fast jobs, no practical rate limit)."""
    return sandbox_factory()
