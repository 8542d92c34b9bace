"""SIGTERM stops `send` like Ctrl-C: journal consistent, a true summary, exit 3, then resume once.

A real `python -m proactive_desktop send --json` process against the sandbox, whose jobs take
long enough that some are accepted but not finished when the signal lands: the summary must count
those customers as `in_flight`, neither pending nor created, and the next run must give every
customer exactly one ticket. On Windows the same stop comes from Ctrl-Break or the console
closing (a console event, not a signal a test can send to a child without its own console).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import campaign_toml, run_subprocess, subprocess_env, write_campaign
from misbehaving import wait_until

from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.name != "posix",
        reason="SIGTERM is POSIX; Windows stops through the console control handler instead",
    ),
]


def accepted_jobs(journal: Path) -> int:
    if not journal.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=1) as db:
            row = db.execute("SELECT COUNT(*) FROM sends WHERE job_id IS NOT NULL").fetchone()
    except sqlite3.Error:  # not created yet, or being migrated
        return 0
    return int(row[0]) if row else 0


def one_json_object(stdout: str) -> dict[str, Any]:
    lines = stdout.splitlines()
    assert len(lines) == 1, stdout
    document = json.loads(lines[0])
    assert isinstance(document, dict)
    return document


def test_sigterm_mid_send_prints_a_true_summary_then_resumes_exactly_once(
    sandbox_factory: Any, tmp_path: Path, data_dir: Path
) -> None:
    # Jobs that sit queued for a while and then take ~5 s: accepted, not yet confirmed.
    sandbox: SandboxServer = sandbox_factory(job_start_delay_s=1.5, job_seconds_per_ticket=0.05)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Terminated"))
    env = subprocess_env(data_dir)
    journal = journal_path(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert wait_until(lambda: accepted_jobs(journal) >= 1), "no job was accepted"
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 3, stderr
    assert "Traceback" not in stderr
    document = one_json_object(stdout)
    assert document["state"] == "stopped"
    assert document["error"]["kind"] == "cancelled"
    statuses = Counter(c["status"] for c in document["customers"])
    for status in ("created", "failed", "skipped", "pending", "in_flight"):
        assert document[status] == statuses.get(status, 0)
    assert document["total"] == sum(statuses.values())
    # The jobs were accepted and are still running: their customers are being confirmed.
    assert document["in_flight"] > 0
    assert f"{document['in_flight']:,} customer(s) await confirmation" in stderr
    # The summary is true: whoever has (or will get) a ticket is created or in flight, never
    # pending — the jobs keep creating after the process left.
    reachable = {
        c["user_id"] for c in document["customers"] if c["status"] in ("created", "in_flight")
    }

    assert sandbox.wait_for_jobs(timeout=60)
    tagged = [t for t in sandbox.tickets() if document["tag"] in t["tags"]]
    assert {t["requester_id"] for t in tagged} <= reachable

    resumed = run_subprocess(["send", str(path), "--json"], env)
    assert resumed.code == 0, resumed.stderr
    final = one_json_object(resumed.stdout)
    assert final["state"] == "finished"
    assert final["pending"] == final["in_flight"] == 0
    tagged = [t for t in sandbox.tickets() if final["tag"] in t["tags"]]
    per_requester = Counter(t["requester_id"] for t in tagged)
    assert all(count == 1 for count in per_requester.values()), "duplicate tickets"
    created = {c["user_id"] for c in final["customers"] if c["status"] == "created"}
    assert set(per_requester) == created
    assert len(created) == final["total"] - final["skipped"] - final["failed"]
