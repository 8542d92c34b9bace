"""SIGKILL while the send waits for a job whose answer was lost, then a resume: exactly once.

Every create_many answer is lost after Zendesk accepted the job, and jobs wait a minute in the
account's queue (the sandbox's clock runs 10x: six real seconds). The first `send` is killed
once every customer is in flight, that is while it can only be waiting for those jobs. The
resumed `send` finds the lost requests in the journal, waits until the account has no queued
job that may hold them, finds the tickets by external id, and sends nobody a second time.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import campaign_toml, run_subprocess, subprocess_env, write_campaign

from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

RUN_TIMEOUT_S = 90.0


def in_flight_and_pending(path: Path) -> tuple[int, int]:
    """(customers in flight, pending customers not in flight), read as another process would."""
    if not path.exists():
        return 0, -1
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            flying = db.execute(
                "SELECT COUNT(*) FROM customers WHERE send_id IS NOT NULL"
            ).fetchone()[0]
            waiting = db.execute(
                "SELECT COUNT(*) FROM customers WHERE status = 'pending' AND send_id IS NULL"
            ).fetchone()[0]
    except sqlite3.Error:  # not written yet
        return 0, -1
    return int(flying), int(waiting)


def test_sigkill_while_waiting_for_a_lost_job_then_resume(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    sandbox = sandbox_factory(
        customers=80, job_start_delay_s=60.0, job_seconds_per_ticket=0.05, time_scale=10.0
    )
    sandbox.faults.inject("lost_after_accept", path="/api/v2/tickets/create_many", probability=1)
    env = subprocess_env(tmp_path / "data")
    path = write_campaign(
        tmp_path,
        campaign_toml(sandbox.url, "Killed waiting", recipients={"query": "role:end-user"}),
    )
    dry = run_subprocess(["send", str(path), "--dry-run", "--json"], env)
    assert dry.code == 0, dry.stderr
    planned = json.loads(dry.stdout)
    journal = journal_path(tmp_path / "data")

    process = subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    try:
        while True:
            assert process.poll() is None, "send ended before every customer was in flight"
            assert time.monotonic() - started < RUN_TIMEOUT_S
            flying, waiting = in_flight_and_pending(journal)
            if flying > 0 and waiting == 0:
                break  # everybody sent: the run can only be waiting for the lost jobs
            time.sleep(0.01)
        counts = sandbox.store.job_counts()
        assert counts.get("queued", 0) > 0  # some lost jobs have not run yet
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    resumed = run_subprocess(["send", str(path), "--json"], env, timeout_s=RUN_TIMEOUT_S)
    assert resumed.code == 0, resumed.stderr
    assert "whose answer was lost" in resumed.stderr
    final = json.loads(resumed.stdout)
    assert final["state"] == "finished"
    tickets = [t for t in sandbox.tickets() if final["tag"] in t["tags"]]
    per_requester = Counter(t["requester_id"] for t in tickets)
    assert max(per_requester.values()) == 1, "a customer got two tickets"
    eligible = {c["user_id"] for c in planned["customers"] if c["status"] == "pending"}
    assert set(per_requester) == eligible
    created = {c["user_id"]: c["ticket_id"] for c in final["customers"] if c["status"] == "created"}
    assert created == {t["requester_id"]: t["id"] for t in tickets}
    # Nobody was sent again: the only create_many requests are the first run's.
    assert (
        sandbox.faults.fired()["lost_after_accept"]
        == sandbox.stats()["requests"]["POST /api/v2/tickets/create_many"]
    )
