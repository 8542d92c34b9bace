"""`python3 dev.py run …` behaves like the installed command: in the caller's folder, with the
program's own exit code, and Ctrl-C handled by the program alone (summary, exit 130)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import REPO, SUBPROCESS_TIMEOUT_S, campaign_toml, subprocess_env, write_campaign

from proactive_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.slow

DEV_PY = REPO / "dev.py"


def dev_run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DEV_PY), "run", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=SUBPROCESS_TIMEOUT_S,
        check=False,
    )


def test_dev_run_keeps_the_callers_folder(sandbox: SandboxServer, tmp_path: Path) -> None:
    elsewhere = tmp_path / "my campaigns"
    elsewhere.mkdir()
    write_campaign(elsewhere, campaign_toml(sandbox.url, "From my folder"), "mine.toml")
    env = subprocess_env(tmp_path / "data")

    sent = dev_run(["send", "mine.toml", "--json"], elsewhere, env)
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout)["state"] == "finished"  # stdout is the program's alone

    exported = dev_run(["export", "From my folder", "--csv", "here.csv"], elsewhere, env)
    assert exported.returncode == 0, exported.stderr
    assert (elsewhere / "here.csv").is_file()
    assert not (REPO / "here.csv").exists()

    # The program's exit code comes back as it is (2: no such campaign).
    missing = dev_run(["status", "No such campaign"], elsewhere, env)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


@pytest.mark.skipif(
    os.name != "posix",
    reason="a test can send Ctrl-C to a process group only on POSIX (Windows delivers "
    "CTRL_C_EVENT to the whole console, the test runner included)",
)
def test_ctrl_c_through_dev_run_prints_the_summary_and_exits_130(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.03, job_start_delay_s=0.1)
    write_campaign(
        tmp_path,
        campaign_toml(sandbox.url, "Stopped via dev.py", recipients={"query": "role:end-user"}),
        "mine.toml",
    )
    # Its own session, so that the signal goes to the whole group as a terminal's Ctrl-C does:
    # to dev.py and the program alike, if dev.py were still there.
    with subprocess.Popen(
        [sys.executable, str(DEV_PY), "run", "send", "mine.toml", "--json"],
        cwd=tmp_path,
        env=subprocess_env(tmp_path / "data"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    ) as process:
        try:
            deadline = time.monotonic() + SUBPROCESS_TIMEOUT_S  # a safety net only
            while not sandbox.tickets():
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.02)
            os.killpg(process.pid, signal.SIGINT)
            stdout, stderr = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "KeyboardInterrupt" not in stderr
    summary = json.loads(stdout)
    assert summary["state"] == "stopped"
    # Not done yet: not reached, or being confirmed (a request that may have created it).
    assert summary["pending"] + summary.get("in_flight", 0) > 0
