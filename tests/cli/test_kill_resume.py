"""The kill test: `send` killed hard (SIGKILL, TerminateProcess) at random points, rerun until
it finishes.

Whatever the moment of the kill — resolving, journaling, a job just posted, results half
recorded, reconciling on a rerun — the campaign ends with exactly one ticket for every customer
the dry run said would get one, and none for anybody else: zero duplicates, zero missing.

Several campaigns (one per seed) run side by side against one sandbox and one data folder, so
their processes also share the journal file. Jobs take realistic-but-small times, so tickets
are in flight when the kill lands.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import campaign_toml, run_subprocess, subprocess_env, write_campaign

from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.slow

SEEDS = (11, 23, 37, 41)
KILLS_PER_CAMPAIGN = 3
MAX_RUNS = 8
RUN_TIMEOUT_S = 60.0
MIN_KILLS = 5


@dataclass
class KillLog:
    name: str
    points: list[str] = field(default_factory=list)
    """The kill points that landed (the process was still running)."""
    exits: list[int] = field(default_factory=list)


def tag_ticket_count(sandbox: SandboxServer, tag: str) -> int:
    return sum(1 for t in sandbox.tickets() if tag in t["tags"])


def journal_created(path: Path, name: str) -> int:
    """Created customers of the campaign, read the way another process would (read-only)."""
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            row = db.execute(
                "SELECT COUNT(*) FROM customers c JOIN campaigns k ON k.id = c.campaign_id"
                " WHERE k.name = ? AND c.status = 'created'",
                (name,),
            ).fetchone()
    except sqlite3.Error:  # not created yet, or mid-migration: nothing recorded yet
        return 0
    return int(row[0]) if row else 0


def kill_point(
    rng: random.Random,
    sandbox: SandboxServer,
    tag: str,
    journal: Path,
    name: str,
    eligible: int,
) -> tuple[str, Callable[[float], bool]]:
    """A random moment: after some milliseconds, after K new tickets, after K journal results.

    Count targets stay below `eligible`, so they are reached before the campaign can end.
    Returns a description and `due(elapsed_s)`, polled while the process runs.
    """
    kind = rng.choice(("ms", "tickets", "journal"))
    if kind == "ms":
        # From the start of the process: imports and sign-in take ~0.7 s, so early values land
        # while resolving or journaling and later ones while sending or reconciling.
        after_s = rng.uniform(0.5, 3.0)
        return f"after {after_s * 1000:.0f} ms", lambda elapsed: elapsed >= after_s
    if kind == "tickets":
        now = tag_ticket_count(sandbox, tag)
        target = now + rng.randint(1, max(1, min(150, eligible - now - 1)))
        return (
            f"at {target} tickets in the account",
            lambda _: tag_ticket_count(sandbox, tag) >= target,
        )
    now = journal_created(journal, name)
    target = now + rng.randint(1, max(1, min(150, eligible - now - 1)))
    return (
        f"at {target} results in the journal",
        lambda _: journal_created(journal, name) >= target,
    )


def run_and_kill(
    command: list[str], env: Mapping[str, str], due: Callable[[float], bool]
) -> tuple[int, bool]:
    """Run `command`; kill it hard when `due` says so. Returns (exit code, killed or not)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while process.poll() is None:
            elapsed = time.monotonic() - started
            if elapsed > RUN_TIMEOUT_S:
                raise AssertionError(f"send did not finish in {RUN_TIMEOUT_S} s")
            if due(elapsed):
                process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
                process.wait()
                return process.returncode, True
            time.sleep(0.005)
        return process.returncode, False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def campaign_until_done(
    seed: int, sandbox: SandboxServer, folder: Path, env: Mapping[str, str]
) -> tuple[KillLog, dict[str, Any], dict[str, Any]]:
    """Dry run, then send with kills at random points, then send until exit 0."""
    rng = random.Random(seed)
    name = f"Kill test {seed}"
    path = write_campaign(
        folder,
        campaign_toml(sandbox.url, name, recipients={"query": "role:end-user"}),
        f"kill-{seed}.toml",
    )
    dry = run_subprocess(["send", str(path), "--dry-run", "--json"], env)
    assert dry.code == 0, dry.stderr
    planned = json.loads(dry.stdout)
    tag = planned["tag"]
    eligible = planned["pending"]
    journal = journal_path(Path(env["PROACTIVE_DESKTOP_DATA"]))
    command = [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"]

    record = KillLog(name)
    attempts = 0
    while len(record.points) < KILLS_PER_CAMPAIGN and attempts < MAX_RUNS:
        attempts += 1
        description, due = kill_point(rng, sandbox, tag, journal, name, eligible)
        code, killed = run_and_kill(command, env, due)
        if killed:
            record.points.append(description)
        else:
            record.exits.append(code)
            assert code in (0, 3), f"{name}: exit {code}"
            if code == 0:
                break  # finished before the kill point: nothing left to interrupt

    final = run_subprocess(["send", str(path), "--json"], env, timeout_s=RUN_TIMEOUT_S)
    record.exits.append(final.code)
    assert final.code == 0, final.stderr
    return record, planned, json.loads(final.stdout)


def assert_exactly_once(
    sandbox: SandboxServer, planned: dict[str, Any], final: dict[str, Any]
) -> None:
    tag = final["tag"]
    assert final["state"] == "finished"
    assert final["pending"] == final["failed"] == 0
    tickets = [t for t in sandbox.tickets() if tag in t["tags"]]
    per_requester = Counter(t["requester_id"] for t in tickets)
    duplicates = {user: n for user, n in per_requester.items() if n > 1}
    assert not duplicates, f"{final['campaign']}: duplicate tickets {duplicates}"

    eligible = {c["user_id"] for c in planned["customers"] if c["status"] == "pending"}
    created = {c["user_id"]: c["ticket_id"] for c in final["customers"] if c["status"] == "created"}
    missing = eligible - set(per_requester)
    assert not missing, f"{final['campaign']}: no ticket for {sorted(missing)}"
    assert set(per_requester) == eligible, "tickets for customers the plan did not include"
    # The journal names the very ticket the account has, for every customer.
    assert created == {t["requester_id"]: t["id"] for t in tickets}
    skipped = {c["user_id"] for c in planned["customers"] if c["status"] == "skipped"}
    assert {c["user_id"] for c in final["customers"] if c["status"] == "skipped"} == skipped


def test_sigkill_at_random_points_never_duplicates_or_loses(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    sandbox = sandbox_factory(
        latency_s=0.005, job_seconds_per_ticket=0.03, job_start_delay_s=0.1, max_queued_jobs=30
    )
    env = subprocess_env(tmp_path / "data")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(SEEDS)) as pool:
        futures = [pool.submit(campaign_until_done, seed, sandbox, tmp_path, env) for seed in SEEDS]
        results = [future.result() for future in futures]
    elapsed = time.monotonic() - started

    kills = [point for record, _, _ in results for point in record.points]
    report = "; ".join(f"{r.name}: killed {r.points}, exits {r.exits}" for r, _, _ in results)
    assert len(kills) >= MIN_KILLS, report
    for _, planned, final in results:
        assert_exactly_once(sandbox, planned, final)
    print(f"{len(kills)} kills in {elapsed:.1f} s: {report}")


def test_kill_point_helpers_see_another_process_journal(tmp_path: Path) -> None:
    """The journal poll reads a journal another connection is writing (WAL, read-only)."""
    from proactive_desktop.core.journal import Journal, NewCustomer
    from proactive_desktop.core.models import CustomerStatus

    path = tmp_path / "journal.sqlite3"
    assert journal_created(path, "X") == 0
    with Journal(path) as journal:
        journal.create_campaign(
            name="X",
            tag="x",
            definition={},
            url="http://127.0.0.1:1",
            email="a@example.com",
            customers=[NewCustomer(1, None, "A", None, CustomerStatus.CREATED)],
        )
        assert journal_created(path, "X") == 1
