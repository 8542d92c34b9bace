"""When the computer fails the program: a full disk, a damaged journal, absurd input nesting.

Each ends with its documented exit code, one line in the user's words on stderr, no traceback,
and — with `--json` — exactly one JSON object carrying an `error`. A full disk is a real one
where the machine lets a test mount a small tmpfs (Linux, as root); elsewhere, and in every run,
SQLite's own "database or disk is full" is injected at the journal's connection.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import (
    CliResult,
    RunCli,
    campaign_toml,
    run_subprocess,
    subprocess_env,
    write_campaign,
)
from misbehaving import MisbehavingProxy, Stall, wait_until
from test_send_command import FAST
from test_signals import accepted_jobs

from proactive_desktop import cli
from proactive_desktop.core import journal as journal_module
from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)


def one_json_object(result: CliResult) -> dict[str, Any]:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    document = json.loads(lines[0])
    assert isinstance(document, dict)
    return document


def one_error_line(result: CliResult) -> str:
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


def assert_exactly_once(sandbox: SandboxServer, document: dict[str, Any]) -> None:
    tagged = [t for t in sandbox.tickets() if document["tag"] in t["tags"]]
    per_requester = Counter(t["requester_id"] for t in tagged)
    assert all(count == 1 for count in per_requester.values()), "duplicate tickets"
    created = {c["user_id"] for c in document["customers"] if c["status"] == "created"}
    assert set(per_requester) == created


# -- a damaged journal ----------------------------------------------------------------------------


def damage_pages(path: Path) -> None:
    """Overwrite every page but the first (the header stays intact, so the file opens)."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
    size = path.stat().st_size
    assert size > 4 * page_size, "the journal is too small to damage its later pages"
    with path.open("r+b") as raw:
        for offset in range(page_size, size, page_size):
            raw.seek(offset)
            raw.write(b"\xa5" * page_size)


@pytest.fixture
def damaged_journal(run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path) -> Path:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Damaged"))
    assert run_cli("send", str(path)).code == 0
    damage_pages(journal_path(Path(os.environ["PROACTIVE_DESKTOP_DATA"])))
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("status", "Damaged"),
        ("status", "Damaged", "--json"),
        ("export", "Damaged", "--csv", "{tmp}/out.csv"),
        ("send", "{campaign}"),
        ("send", "{campaign}", "--json"),
        ("retry-failed", "Damaged", "--json"),
    ],
    ids=["status", "status-json", "export", "send", "send-json", "retry-json"],
)
def test_a_damaged_journal_is_exit_2_with_one_line_never_1(
    run_cli: RunCli, damaged_journal: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    args = [a.format(tmp=tmp_path, campaign=damaged_journal) for a in command]
    result = run_cli(*args)
    assert result.code == 2, result.stderr
    line = one_error_line(result)
    assert "journal" in line
    if "--json" in args:
        assert one_json_object(result)["error"]["kind"] == "journal"
    else:
        assert result.stdout == ""


# -- nesting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_toml_nested_very_deep_is_bad_input(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, depth: int
) -> None:
    text = campaign_toml(sandbox.url, "Deep") + "\n[extra]\nvalue = " + "[" * depth + "]" * depth
    path = write_campaign(tmp_path, text)
    result = run_cli("send", str(path), "--json")
    assert result.code == 2, result.stderr
    assert "nested too deeply" in one_error_line(result)
    assert one_json_object(result)["error"]["kind"] == "bad_input"
    assert sandbox.tickets() == []


# -- Ctrl-C while the credentials are checked ---------------------------------------------------


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need main"
)
def test_ctrl_c_during_the_credential_check_is_130(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with MisbehavingProxy(sandbox.url) as proxy:
        rule = proxy.misbehave(Stall(), path="/api/v2/users/me")
        path = write_campaign(tmp_path, campaign_toml(proxy.url, "Interrupted early"))

        def interrupt_once_asked() -> None:
            if wait_until(lambda: rule.fired >= 1):
                signal.raise_signal(signal.SIGINT)

        threading.Thread(target=interrupt_once_asked, daemon=True).start()
        result = run_cli("send", str(path), "--json")
    assert result.code == 130, result.stderr
    assert "Cancelled." not in result.stderr
    assert "Traceback" not in result.stderr
    assert one_json_object(result)["error"]["kind"] == "cancelled"


# -- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_while_journaling_is_exit_3_with_one_line(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    def connect_on_a_full_disk(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real_connect(*args, **kwargs)
        # Whatever the file holds now is all the disk can take.
        pages = int(db.execute("PRAGMA page_count").fetchone()[0])
        db.execute(f"PRAGMA max_page_count = {max(pages, 8)}")
        return db

    monkeypatch.setattr(journal_module.sqlite3, "connect", connect_on_a_full_disk)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "No room"))
    result = run_cli("send", str(path), "--json")
    assert result.code == 3, result.stderr
    line = one_error_line(result)
    assert "is full" in line
    assert "run the same command again" in line
    assert one_json_object(result)["error"]["kind"] == "storage"
    assert sandbox.tickets() == []
    # Space again: the same command goes on from where it stood.
    monkeypatch.setattr(journal_module.sqlite3, "connect", real_connect)
    again = run_cli("send", str(path), "--json")
    assert again.code == 0, again.stderr
    assert_exactly_once(sandbox, one_json_object(again))


TMPFS_BYTES = 4 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs, where the machine allows mounting one (Linux, as root)."""
    if sys.platform != "linux" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root; the injected full disk covers it")
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let a test mount a tmpfs: {mounted.stderr!r}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    stopped: OSError | None = None
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError as error:
            stopped = error
    assert stopped is not None
    assert stopped.errno == errno.ENOSPC, stopped
    return filler


@pytest.mark.slow
def test_a_real_full_disk_mid_send_stops_resumably_then_resumes_exactly_once(
    sandbox_factory: Any, tmp_path: Path, small_disk: Path
) -> None:
    sandbox: SandboxServer = sandbox_factory(job_start_delay_s=1.0, job_seconds_per_ticket=0.03)
    data = small_disk / "data"
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Full disk"))
    env = subprocess_env(data)
    process = subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert wait_until(lambda: accepted_jobs(journal_path(data)) >= 1), "no job accepted"
        filler = fill(small_disk)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 3, stderr
    assert "Traceback" not in stderr
    result = CliResult(process.returncode, stdout, stderr)
    assert "is full" in one_error_line(result)
    document = one_json_object(result)
    assert document["error"]["kind"] == "storage"
    assert document["state"] in ("sending", "stopped")
    filler.unlink()
    shutil.rmtree(data / "logs", ignore_errors=True)
    resumed = run_subprocess(["send", str(path), "--json"], env)
    assert resumed.code == 0, resumed.stderr
    final = json.loads(resumed.stdout)
    assert final["state"] == "finished"
    assert_exactly_once(sandbox, final)
