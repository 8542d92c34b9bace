"""main() itself: the error boundary, the data folder, the windowed entry point."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop import cli
from proactive_desktop.core import campaigns
from proactive_desktop.core.engine import CampaignEngine
from proactive_desktop.core.logs import log_file_path
from proactive_desktop.sandbox import SandboxServer


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(
    run_cli: RunCli,
    sandbox: SandboxServer,
    tmp_path: Path,
    cli_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_plan(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the plan")

    monkeypatch.setattr(CampaignEngine, "plan", broken_plan)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Buggy"))
    result = run_cli("send", str(path))
    assert result.code == 3
    assert "Traceback" not in result.stderr
    assert "a bug in the plan" not in result.stderr
    log_file = log_file_path(cli_env)
    assert result.stderr.strip().endswith(f"unexpected error; the details are in {log_file}")
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "RuntimeError: a bug in the plan" in logged
    assert sandbox.tickets() == []


def test_status_unexpected_error_exits_3_never_1(
    run_cli: RunCli, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise OSError("disk on fire")

    monkeypatch.setattr(campaigns, "summary", broken)
    result = run_cli("status", "Anything")
    # 1 means "some customers failed": a status that could not be read must not say that.
    assert result.code == 3
    assert "Traceback" not in result.stderr


def test_data_dir_option_before_or_after_the_command(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Folders"))
    first = tmp_path / "first"
    assert run_cli("--data-dir", str(first), "send", str(path)).code == 0
    assert (first / "journal.sqlite3").exists()
    assert run_cli("status", "Folders", "--data-dir", str(first)).code == 0
    assert run_cli("--data-dir", str(first), "status", "Folders").code == 0
    # The environment's folder (the fixture's) does not know the campaign.
    assert run_cli("status", "Folders").code == 2


def test_an_unusable_data_folder_is_a_clean_error(run_cli: RunCli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("status", "X", "--data-dir", str(blocker / "data"))
    assert result.code == 2
    assert result.stderr.startswith("proactive-desktop: error: ")
    assert "Traceback" not in result.stderr


def test_gui_main_survives_a_windowed_build_without_streams(
    monkeypatch: pytest.MonkeyPatch, cli_env: Path
) -> None:
    """A windowed Windows build has sys.stdout/sys.stderr None; --version must still work."""
    monkeypatch.setattr(sys, "argv", ["proactive-desktop-gui", "--version"])
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(SystemExit) as stop:
        cli.gui_main()
    assert stop.value.code == 0
    assert isinstance(sys.stdout, io.TextIOBase)
    sys.stdout.close()
    sys.stderr.close()
