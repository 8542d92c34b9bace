"""Test set-up shared by every test: offscreen Qt, a fixed language, a temporary data folder."""

from __future__ import annotations

import os

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

from proactive_desktop.sandbox import SandboxConfig, SandboxServer


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


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., SandboxServer]]:
    """Start a sandbox with any `SandboxConfig` field changed from the test defaults, e.g.
    `sandbox_factory(rate_limit_per_minute=60, customers=1200)`; all are stopped at teardown."""
    started: list[SandboxServer] = []

    def make(**changes: Any) -> SandboxServer:
        server = SandboxServer(SandboxConfig(**{**SANDBOX_TEST_CONFIG, **changes})).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """A fresh small sandbox (300 customers, seed 7, fast jobs, no practical rate limit)."""
    return sandbox_factory()
