"""A data folder that cannot be written: `status` and `export` still read the journal (opened
read-only), every other command says so in one line, and nothing prints a traceback — not even
logging's own "--- Logging error ---".

The folder is made read-only with file modes (0555, files 0444). Root ignores modes, so as root
the commands run as the unprivileged user `nobody` instead.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import (
    SUBPROCESS_TIMEOUT_S,
    CliResult,
    RunCli,
    assert_one_line_error,
    campaign_toml,
    subprocess_env,
    write_campaign,
)

from proactive_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.skipif(
    os.name != "posix",
    reason="a read-only folder is made with POSIX modes; Windows ignores a folder's read-only "
    "flag (only an access list would do, which a test cannot set up portably)",
)
NOBODY = 65534
IS_ROOT = os.name == "posix" and os.geteuid() == 0


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder `nobody` can reach (pytest's own is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="proactive-desktop-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def make_read_only(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o555 if path.is_dir() else 0o444)
    folder.chmod(0o555)


def run_unprivileged(args: list[str], data: Path) -> CliResult:
    extra: dict[str, Any] = {"user": NOBODY, "group": NOBODY} if IS_ROOT else {}
    env = subprocess_env(data)
    env["HOME"] = str(data.parent)
    completed = subprocess.run(
        [sys.executable, "-m", "proactive_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=SUBPROCESS_TIMEOUT_S,
        check=False,
        **extra,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def assert_no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.stderr
    assert "Logging error" not in result.stderr


@pytest.mark.slow
def test_a_read_only_folder_is_read_by_status_and_export_and_refused_by_send(
    run_cli: RunCli, sandbox: SandboxServer, shared_tmp: Path
) -> None:
    data = shared_tmp / "data"
    campaign = write_campaign(shared_tmp, campaign_toml(sandbox.url, "Read only"))
    sent = run_cli("--data-dir", str(data), "send", str(campaign))
    assert sent.code == 0, sent.stderr
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    assert not any(path.name.endswith(("-wal", "-shm")) for path in before)  # closed cleanly
    outbox = shared_tmp / "out"
    outbox.mkdir(mode=0o777)
    outbox.chmod(0o777)
    campaign.chmod(0o644)
    make_read_only(data)

    status = run_unprivileged(["--data-dir", str(data), "status", "Read only", "--json"], data)
    assert status.code == 0, status.stderr
    assert_no_traceback(status)
    summary = json.loads(status.stdout)
    assert summary["state"] == "finished"
    assert summary["created"] > 0

    target = outbox / "read-only.csv"
    exported = run_unprivileged(
        ["--data-dir", str(data), "export", "Read only", "--csv", str(target)], data
    )
    assert exported.code == 0, exported.stderr
    assert_no_traceback(exported)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert sum(1 for _ in csv.DictReader(stream)) == summary["total"]

    for command in (["send", str(campaign)], ["retry-failed", "Read only"]):
        refused = run_unprivileged(["--data-dir", str(data), *command], data)
        assert_one_line_error(
            refused, f"The data folder {data} cannot be written", "looked at and exported"
        )
        assert_no_traceback(refused)

    # Nothing in the folder changed, and no file was added.
    after = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    assert after == before
    assert stat.S_IMODE(data.stat().st_mode) == 0o555
