"""`run-due`: every due scheduled campaign of the journal, one summary each, the worst exit code;
and a scheduled `send` killed halfway through its day: exactly once, and never above per_day."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cli_helpers import RunCli, campaign_toml, run_subprocess, subprocess_env, write_campaign

from proactive_desktop import cli
from proactive_desktop.core.journal import Journal
from proactive_desktop.core.paths import journal_path
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.sandbox import SandboxServer

FAST = SendTuning(
    seconds_per_ticket=0.01,
    job_start_allowance_s=0.5,
    stable_s=0.3,
    single_quiet_s=0.2,
    poll_min_s=0.05,
    poll_max_s=0.3,
    progress_interval_s=0.05,
)
BERLIN = ZoneInfo("Europe/Berlin")


class ManualClock:
    def __init__(self, at: datetime) -> None:
        self.at = at
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self.at

    def set(self, at: datetime) -> None:
        with self._lock:
            self.at = at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    manual = ManualClock(datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN))
    monkeypatch.setattr(cli, "engine_clock", lambda: manual)
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)
    monkeypatch.setattr(cli, "rate_governor", lambda percent: RateGovernor(headroom=percent / 100))
    return manual


def _end_user_ids(sandbox: SandboxServer, count: int, offset: int = 0) -> list[int]:
    ids = sorted(
        int(u["id"])
        for u in sandbox.users()
        if u["role"] == "end-user" and not u.get("suspended") and u.get("active", True)
    )
    return ids[offset : offset + count]


def _campaign(
    folder: Path, sandbox: SandboxServer, name: str, ids: list[int], schedule: str
) -> Path:
    text = campaign_toml(
        sandbox.url,
        name,
        recipients={"user_ids": ids},
        ticket={"subject": "Hello {{user.first_name}}", "body": "Your plan."},
        view={"create": False},
        extra=schedule,
    )
    return write_campaign(folder, text, f"{name.lower().replace(' ', '-')}.toml")


def test_run_due_resumes_every_due_campaign_of_the_journal(
    run_cli: RunCli, clock: ManualClock, sandbox: SandboxServer, tmp_path: Path, data_dir: Path
) -> None:
    capacity = _campaign(
        tmp_path, sandbox, "Capacity", _end_user_ids(sandbox, 6), "[schedule]\nper_day = 4\n"
    )
    later = _campaign(
        tmp_path,
        sandbox,
        "Starts later",
        _end_user_ids(sandbox, 3, 10),
        '[schedule]\nstart = "2026-12-08T09:00:00+01:00"\n',
    )
    paused = _campaign(
        tmp_path, sandbox, "Paused one", _end_user_ids(sandbox, 4, 20), "[schedule]\nper_day = 2\n"
    )
    plain = _campaign(tmp_path, sandbox, "Plain", _end_user_ids(sandbox, 2, 30), "")

    first = run_cli("send", str(capacity), "--json")
    assert first.code == 0, first.stderr
    document = first.json()
    assert (document["state"], document["created"], document["pending"]) == ("scheduled", 4, 2)
    assert document["next_due"] == "2026-12-08T00:00:00+01:00"
    status = run_cli("status", "Capacity")
    assert status.code == 0
    assert "scheduled" in status.stdout
    assert "Next customer due: 2026-12-08T00:00+01:00" in status.stdout
    assert "Expected to finish: 2026-12-08T00:00+01:00" in status.stdout
    waiting = run_cli("send", str(later), "--json").json()
    assert (waiting["state"], waiting["created"]) == ("scheduled", 0)
    assert run_cli("send", str(paused), "--json").json()["created"] == 2
    assert run_cli("send", str(plain), "--json").json()["state"] == "finished"
    with Journal(journal_path(data_dir)) as journal:
        record = journal.find_campaign("Paused one")
        assert record is not None
        journal.set_paused(record.id, True)

    # The same day: nothing is due (capacities used, a start tomorrow, one paused).
    idle = run_cli("run-due", "--json")
    assert idle.code == 0, idle.stderr
    assert json.loads(idle.stdout) == []
    assert "no scheduled campaign is due" in idle.stderr

    clock.set(datetime(2026, 12, 8, 0, 5, tzinfo=BERLIN))
    night = run_cli("run-due", "--json")
    assert night.code == 0, night.stderr
    ran = json.loads(night.stdout)
    assert [(s["campaign"], s["state"], s["created"]) for s in ran] == [("Capacity", "finished", 6)]

    clock.set(datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN))
    morning = run_cli("run-due")
    assert morning.code == 0, morning.stderr
    assert 'Campaign "Starts later"' in morning.stdout
    assert run_cli("status", "Starts later", "--json").json()["state"] == "finished"
    status = run_cli("status", "Paused one", "--json").json()
    assert (status["state"], status["created"], status["paused"]) == ("scheduled", 2, True)
    tags = Counter(tag for t in sandbox.tickets() for tag in t["tags"])
    assert (tags["capacity"], tags["starts_later"], tags["paused_one"], tags["plain"]) == (
        6,
        3,
        2,
        2,
    )


def test_run_due_exit_code_is_the_worst_of_the_campaigns(
    run_cli: RunCli,
    clock: ManualClock,
    sandbox: SandboxServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok = _campaign(
        tmp_path, sandbox, "Fine", _end_user_ids(sandbox, 3), "[schedule]\nper_day = 2\n"
    )
    assert run_cli("send", str(ok), "--json").code == 0
    clock.set(datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN))
    # No token for the account any more: that campaign cannot run (exit 2), nothing is sent.
    monkeypatch.delenv("ZENDESK_API_TOKEN")
    result = run_cli("run-due", "--json")
    assert result.code == 2
    assert 'campaign "Fine"' in result.stderr
    assert [s["created"] for s in json.loads(result.stdout)] == [2]


# -- a kill during a scheduled day -------------------------------------------------------------


def _midday_zone() -> str:
    """An Etc/GMT zone where it is about noon now: the day cannot change during the test."""
    offset = 12 - datetime.now(UTC).hour
    offset = max(-12, min(14, offset if offset <= 14 else offset - 24))
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and the TZ variable are POSIX")
def test_a_kill_during_a_scheduled_day_keeps_exactly_once_and_per_day(
    sandbox_factory: Callable[..., SandboxServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: RunCli,
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.05, job_start_delay_s=0.1)
    zone = _midday_zone()
    env = subprocess_env(tmp_path / "data", TZ=zone)
    ids = _end_user_ids(sandbox, 90)
    path = _campaign(tmp_path, sandbox, "Killed", ids, "[schedule]\nper_day = 40\n")
    command = [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"]

    def tickets() -> list[dict[str, Any]]:
        return [t for t in sandbox.tickets() if "killed" in t["tags"]]

    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while len(tickets()) < 5 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        killed = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert killed, "send finished before the kill"

    rerun = run_subprocess(["send", str(path), "--json"], env)
    assert rerun.code == 0, rerun.stderr
    today = json.loads(rerun.stdout)
    assert (today["state"], today["created"], today["pending"]) == ("scheduled", 40, 50)
    per_requester = Counter(t["requester_id"] for t in tickets())
    assert len(per_requester) == 40
    assert set(per_requester.values()) == {1}

    # The next day (in the same zone), in this process: 40 more, then the last 10.
    local = ZoneInfo(zone)
    tomorrow = datetime.now(local).replace(hour=12) + timedelta(days=1)
    manual = ManualClock(tomorrow)
    monkeypatch.setattr(cli, "engine_clock", lambda: manual)
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)
    monkeypatch.setenv("PROACTIVE_DESKTOP_DATA", str(tmp_path / "data"))
    second = run_cli("run-due", "--json")
    assert second.code == 0, second.stderr
    assert [s["created"] for s in json.loads(second.stdout)] == [80]
    manual.set(tomorrow + timedelta(days=1))
    last = json.loads(run_cli("run-due", "--json").stdout)
    assert [(s["state"], s["created"], s["pending"]) for s in last] == [("finished", 90, 0)]
    per_requester = Counter(t["requester_id"] for t in tickets())
    assert set(per_requester) == set(ids)
    assert set(per_requester.values()) == {1}
