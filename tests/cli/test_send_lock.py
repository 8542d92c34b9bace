"""Two senders of one campaign: the second is refused at once, naming the first, which goes on
untouched; and a sender killed hard leaves a campaign that the next `send` resumes at once.

The first sender is held mid-campaign deterministically: the sandbox keeps its create_many jobs
queued (a start delay of an hour) until the test lets them run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import (
    SUBPROCESS_TIMEOUT_S,
    assert_one_line_error,
    campaign_toml,
    run_subprocess,
    subprocess_env,
    write_campaign,
)

from proactive_desktop.core.journal import campaign_lock_path
from proactive_desktop.core.oslock import read_holder
from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

HELD_S = 3600.0


def wait_for_a_queued_job(sandbox: SandboxServer, process: subprocess.Popen[str]) -> None:
    """Poll until the sender has a job queued in the account (it is then inside its send)."""
    deadline = time.monotonic() + SUBPROCESS_TIMEOUT_S  # a safety net, not a speed check
    while sandbox.stats()["jobs"].get("queued", 0) == 0:
        assert process.poll() is None, "the first sender ended before sending"
        assert time.monotonic() < deadline, "the first sender never queued a job"
        time.sleep(0.02)


@pytest.fixture
def held_sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory(customers=60, job_start_delay_s=HELD_S)


@pytest.fixture
def first_sender(
    held_sandbox: SandboxServer, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[str], Path, dict[str, str]]]:
    data = tmp_path / "data"
    env = subprocess_env(data)
    campaign = write_campaign(
        tmp_path, campaign_toml(held_sandbox.url, "Lock test", view={"create": False})
    )
    with subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(campaign), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as process:
        try:
            wait_for_a_queued_job(held_sandbox, process)
            yield process, campaign, env
        finally:
            if process.poll() is None:
                process.kill()
            process.communicate()


def assert_one_ticket_per_customer(sandbox: SandboxServer, summary: dict[str, object]) -> None:
    tag = summary["tag"]
    per_requester = Counter(t["requester_id"] for t in sandbox.tickets() if tag in t["tags"])
    assert per_requester
    assert set(per_requester.values()) == {1}
    assert summary["created"] == len(per_requester)
    assert summary["pending"] == summary["failed"] == 0


def test_second_sender_is_refused_naming_the_first_which_finishes_untouched(
    held_sandbox: SandboxServer,
    first_sender: tuple[subprocess.Popen[str], Path, dict[str, str]],
) -> None:
    process, campaign, env = first_sender
    holder = read_holder(campaign_lock_path(journal_path(Path(env["PROACTIVE_DESKTOP_DATA"])), 1))
    assert holder is not None
    if os.name == "posix":  # on Windows, Popen.pid is the venv launcher's, not the interpreter's
        assert holder.pid == process.pid
    second = run_subprocess(["send", str(campaign), "--json"], env)
    assert_one_line_error(
        second, 'Campaign "Lock test" is being sent by a command', f"(PID {holder.pid})"
    )
    assert process.poll() is None  # still running: nobody signalled it
    held_sandbox.configure(job_start_delay_s=0.0)
    stdout, stderr = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)
    assert process.returncode == 0, stderr
    summary = json.loads(stdout)
    assert summary["state"] == "finished"
    assert_one_ticket_per_customer(held_sandbox, summary)


def test_sender_killed_hard_is_resumed_at_once(
    held_sandbox: SandboxServer,
    first_sender: tuple[subprocess.Popen[str], Path, dict[str, str]],
) -> None:
    process, campaign, env = first_sender
    # SIGKILL on POSIX, TerminateProcess on Windows: the lock is left to the OS to drop.
    process.kill()
    process.wait()
    held_sandbox.configure(job_start_delay_s=0.0)
    resumed = run_subprocess(["send", str(campaign), "--json"], env)
    assert resumed.code == 0, resumed.stderr
    assert "being sent" not in resumed.stderr
    summary = resumed.json()
    assert summary["state"] == "finished"
    assert_one_ticket_per_customer(held_sandbox, summary)
