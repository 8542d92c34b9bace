"""Fixtures for the command-line tests: a clean environment and in-process runs of main()."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import CliResult, RunCli

from proactive_desktop import cli
from proactive_desktop.core import logs
from proactive_desktop.sandbox import DEMO_TOKEN


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    """In-process runs: the demo token in the environment, no keychain, a fresh data folder."""
    monkeypatch.setenv("ZENDESK_API_TOKEN", DEMO_TOKEN)
    monkeypatch.delenv("ZENDESK_OAUTH_TOKEN", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return data_dir


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], cli_env: Path) -> Iterator[RunCli]:
    """`run_cli(*args)` runs `main()` in this process and returns code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    yield run
    logs.shutdown()
