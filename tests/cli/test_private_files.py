"""The data folder is its user's alone: 0700, and the journal, settings, logs, locks and exports
0600, on first start, after a send, and for a folder an earlier version left world-readable."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop.core.paths import journal_path, settings_path
from proactive_desktop.core.settings import Settings, save_settings
from proactive_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.skipif(
    os.name != "posix",
    reason="POSIX file modes; on Windows the per-user %LOCALAPPDATA% folder's access list applies",
)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(data: Path) -> list[Path]:
    """Every folder in `data` is 0700 and every file 0600; returns the files checked."""
    assert mode_of(data) == 0o700
    files: list[Path] = []
    for path in sorted(data.rglob("*")):
        if path.is_dir():
            assert mode_of(path) == 0o700, path
        else:
            assert mode_of(path) == 0o600, path
            files.append(path)
    return files


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common umask 022, which gives 0755 folders and 0644 files unless the program says."""
    previous = os.umask(0o022)
    yield None
    os.umask(previous)


@pytest.mark.usefixtures("loose_umask")
def test_files_are_private_after_first_start_and_after_a_send(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    data = tmp_path / "fresh" / "proactive-desktop"
    campaign = write_campaign(tmp_path, campaign_toml(sandbox.url, "Private"))
    first = run_cli("--data-dir", str(data), "send", str(campaign), "--dry-run")
    assert first.code == 0, first.stderr
    assert_private(data)

    sent = run_cli("--data-dir", str(data), "send", str(campaign))
    assert sent.code == 0, sent.stderr
    save_settings(data, Settings(last_url=sandbox.url))
    exported = tmp_path / "export.csv"
    result = run_cli("--data-dir", str(data), "export", "Private", "--csv", str(exported))
    assert result.code == 0, result.stderr
    names = {path.name for path in assert_private(data)}
    assert {"journal.sqlite3", "settings.json", "proactive-desktop.log"} <= names
    assert any(name.endswith(".lock") for name in names)
    assert mode_of(exported) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_an_existing_world_readable_folder_is_tightened_on_start(
    run_cli: RunCli, tmp_path: Path
) -> None:
    data = tmp_path / "old"
    data.mkdir(mode=0o755)
    (data / "logs").mkdir(mode=0o755)
    (data / "logs" / "proactive-desktop.log.1").write_text("old log\n")
    with sqlite3.connect(journal_path(data)) as db:  # an earlier version's journal: 0644
        db.execute("CREATE TABLE t (x)")
    settings_path(data).write_text("{}\n")
    os.chmod(data, 0o755)
    assert mode_of(journal_path(data)) == 0o644

    result = run_cli("--data-dir", str(data), "status", "Nothing")
    assert result.code == 2  # no such campaign; the folder was tightened all the same
    assert_private(data)


def test_a_read_only_folder_is_not_made_writable(run_cli: RunCli, tmp_path: Path) -> None:
    data = tmp_path / "read-only"
    data.mkdir()
    os.chmod(data, 0o555)
    try:
        run_cli("--data-dir", str(data), "status", "Nothing")
        assert mode_of(data) == 0o500
    finally:
        os.chmod(data, 0o700)
