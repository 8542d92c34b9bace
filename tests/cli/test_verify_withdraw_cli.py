"""`verify` and `withdraw` on the command line, against the sandbox (CLI.md, "Test ticket,
verify, withdraw"), including a withdrawal killed hard and resumed."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import (
    RunCli,
    assert_one_line_error,
    campaign_toml,
    run_subprocess,
    subprocess_env,
    write_campaign,
)

from proactive_desktop.core.withdraw import WITHDRAWN_TAG
from proactive_desktop.sandbox import SandboxServer

EVERYONE = {"query": "role:end-user"}
TICKET = {"subject": "Hello {{user.first_name}}", "body": "Your plan renews soon."}


def sent_campaign(
    run_cli: RunCli, sandbox: SandboxServer, folder: Path, name: str
) -> dict[str, Any]:
    path = write_campaign(
        folder,
        campaign_toml(
            sandbox.url, name, recipients={"user_ids": end_user_ids(sandbox)[:6]}, ticket=TICKET
        ),
    )
    result = run_cli("send", str(path), "--json")
    assert result.code == 0, result.stderr
    return result.json()


def end_user_ids(sandbox: SandboxServer) -> list[int]:
    return [u["id"] for u in sandbox.users() if u["role"] == "end-user" and not u["suspended"]]


def fill_required_fields(sandbox: SandboxServer) -> None:
    """Solving needs the sandbox account's required "Product" field on each ticket."""
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]


def test_verify_exits_0_when_clean_and_1_with_the_findings(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    summary = sent_campaign(run_cli, sandbox, tmp_path, "Verify me")
    clean = run_cli("verify", "Verify me", "--json")
    assert clean.code == 0, clean.stderr
    report = clean.json()
    assert {"campaign", "tag", "tickets", "customers_ok", "duplicates", "missing"} <= set(report)
    assert (report["tickets"], report["customers_ok"], report["unexpected"]) == (6, 6, [])

    created = {c["user_id"]: c["ticket_id"] for c in summary["customers"]}
    first, second = list(created)[:2]
    duplicate = sandbox.plant_ticket(requester_id=first, tags=[summary["tag"]])["id"]
    sandbox.delete_ticket(created[second])
    stranger = next(i for i in end_user_ids(sandbox) if i not in created)
    stray = sandbox.plant_ticket(requester_id=stranger, tags=[summary["tag"]])["id"]
    found = run_cli("verify", "Verify me", "--json")
    assert found.code == 1, found.stderr
    report = found.json()
    assert [(d["user_id"], d["ticket_ids"]) for d in report["duplicates"]] == [
        (first, [created[first], duplicate])
    ]
    assert report["missing"] == [{"user_id": second, "ticket_id": created[second]}]
    assert [(u["user_id"], u["ticket_ids"]) for u in report["unexpected"]] == [(stranger, [stray])]
    text = run_cli("verify", "Verify me")
    assert text.code == 1
    assert "Duplicates (1)" in text.stdout
    assert str(duplicate) in text.stdout
    assert "Missing (1)" in text.stdout
    assert "Unexpected (1)" in text.stdout


def test_withdraw_duplicates_only_then_verify_is_clean(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    summary = sent_campaign(run_cli, sandbox, tmp_path, "Doubled")
    created = {c["user_id"]: c["ticket_id"] for c in summary["customers"]}
    first = next(iter(created))
    extra = [sandbox.plant_ticket(requester_id=first, tags=[summary["tag"]])["id"] for _ in "ab"]
    dry = run_cli("withdraw", "Doubled", "--delete", "--duplicates-only", "--dry-run", "--json")
    assert dry.code == 0, dry.stderr
    assert dry.json()["state"] == "dry_run"
    assert sorted(c["ticket_id"] for c in dry.json()["customers"]) == extra
    assert sandbox.stats()["deleted_tickets"] == 0

    done = run_cli("withdraw", "Doubled", "--delete", "--duplicates-only", "--json")
    assert done.code == 0, done.stderr
    result = done.json()
    assert (result["action"], result["tickets"], result["done"], result["failed"]) == (
        "delete",
        2,
        2,
        0,
    )
    assert {c["status"] for c in result["customers"]} == {"done"}
    assert "un-emailed" in done.stderr
    assert run_cli("verify", "Doubled").code == 0
    assert run_cli("status", "Doubled", "--json").json()["state"] == "finished"


def test_withdraw_by_solving_marks_the_campaign_withdrawn(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sent_campaign(run_cli, sandbox, tmp_path, "Oops")
    fill_required_fields(sandbox)
    result = run_cli("withdraw", "Oops", "--solve", "--note", "Sent by mistake", "--json")
    assert result.code == 0, result.stderr
    assert (result.json()["done"], result.json()["action"]) == (6, "solve")
    tickets = [t for t in sandbox.tickets() if "oops" in t["tags"]]
    assert all(t["status"] == "solved" and WITHDRAWN_TAG in t["tags"] for t in tickets)
    assert all(
        [c["body"] for c in t["comments"] if not c["public"]] == ["Sent by mistake"]
        for t in tickets
    )
    status = run_cli("status", "Oops", "--json")
    assert status.json()["state"] == "withdrawn"
    assert "withdrawn" in run_cli("status", "Oops").stdout
    again = run_cli("send", str(tmp_path / "campaign.toml"))
    assert_one_line_error(again, "withdrawn")
    # Nothing is left to do: a second run changes nothing and says so.
    before = len(sandbox.tickets()[0]["comments"])
    repeat = run_cli("withdraw", "Oops", "--solve", "--json")
    assert repeat.code == 0
    assert len(sandbox.tickets()[0]["comments"]) == before


def test_withdraw_bad_input_is_one_line_and_changes_nothing(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sent_campaign(run_cli, sandbox, tmp_path, "Careful")
    assert_one_line_error(run_cli("withdraw", "Careful", "--delete", "--note", "x"), "--note")
    assert_one_line_error(run_cli("withdraw", "No such campaign", "--delete"), "No such campaign")
    assert_one_line_error(run_cli("verify", "No such campaign"), "No such campaign")
    missing_action = run_cli("withdraw", "Careful")
    assert missing_action.code == 2
    assert sandbox.stats()["deleted_tickets"] == 0
    assert all(t["status"] != "solved" for t in sandbox.tickets())


# -- killed and resumed -------------------------------------------------------------------------


def notes_per_ticket(sandbox: SandboxServer, tag: str, note: str) -> dict[int, int]:
    return {
        t["id"]: sum(1 for c in t["comments"] if c["body"] == note)
        for t in sandbox.tickets()
        if tag in t["tags"]
    }


def run_and_kill(
    command: list[str], env: dict[str, str], due: Callable[[float], bool], timeout_s: float
) -> tuple[int, bool]:
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while process.poll() is None:
            elapsed = time.monotonic() - started
            assert elapsed < timeout_s, "withdraw did not finish"
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


@pytest.mark.slow
def test_withdraw_killed_midway_and_resumed_acts_on_each_ticket_once(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    sandbox = sandbox_factory(
        customers=700, latency_s=0.002, job_seconds_per_ticket=0.01, job_start_delay_s=0.05
    )
    env = subprocess_env(tmp_path / "data")
    name = "Kill the withdrawal"
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, name, recipients=EVERYONE, ticket=TICKET)
    )
    sent = run_subprocess(["send", str(path), "--json"], env)
    assert sent.code == 0, sent.stderr
    tag = json.loads(sent.stdout)["tag"]
    total = json.loads(sent.stdout)["created"]
    assert total > 500
    fill_required_fields(sandbox)

    note = "Withdrawn after the kill test"
    command = [sys.executable, "-m", "proactive_desktop", "withdraw", name, "--solve"]
    command += ["--note", note, "--json"]
    rng = random.Random(5)
    kills = 0
    for _ in range(6):
        done_now = sum(notes_per_ticket(sandbox, tag, note).values())
        if done_now >= total:
            break
        target = done_now + rng.randint(1, max(1, min(250, total - done_now - 1)))
        code, killed = run_and_kill(
            command,
            env,
            lambda _elapsed, target=target: (
                sum(notes_per_ticket(sandbox, tag, note).values()) >= target
            ),
            timeout_s=120,
        )
        if not killed:
            assert code == 0
            break
        kills += 1
    assert kills >= 2
    final = run_subprocess([*command[3:]], env, timeout_s=120)
    assert final.code == 0, final.stderr
    summary = json.loads(final.stdout)
    assert (summary["tickets"], summary["done"], summary["failed"]) == (total, total, 0)
    per_ticket = notes_per_ticket(sandbox, tag, note)
    assert len(per_ticket) == total
    assert set(per_ticket.values()) == {1}, {k: v for k, v in per_ticket.items() if v != 1}
    assert all(t["status"] == "solved" for t in sandbox.tickets() if tag in t["tags"])


class _Terminal:
    """A stdin that is a terminal and answers one line."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked = 0

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.asked += 1
        return self.answer


def test_on_a_terminal_withdraw_asks_first_and_no_changes_nothing(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent_campaign(run_cli, sandbox, tmp_path, "Ask me")
    refusing = _Terminal("n\n")
    monkeypatch.setattr(sys, "stdin", refusing)
    declined = run_cli("withdraw", "Ask me", "--delete")
    assert declined.code == 0
    assert refusing.asked == 1
    assert "Delete 6 ticket(s)" in declined.stderr
    assert "[y/N]" in declined.stderr
    assert "nothing was changed" in declined.stderr
    assert sandbox.stats()["deleted_tickets"] == 0
    assert run_cli("status", "Ask me", "--json").json()["state"] == "finished"

    agreeing = _Terminal("yes\n")
    monkeypatch.setattr(sys, "stdin", agreeing)
    accepted = run_cli("withdraw", "Ask me", "--delete", "--json")
    assert accepted.code == 0, accepted.stderr
    assert agreeing.asked == 1
    assert sandbox.stats()["deleted_tickets"] == 6

    sent_campaign(run_cli, sandbox, tmp_path, "Do not ask")
    untouched = _Terminal("n\n")
    monkeypatch.setattr(sys, "stdin", untouched)
    assert run_cli("withdraw", "Do not ask", "--delete", "--yes").code == 0
    assert untouched.asked == 0


def test_a_withdrawn_scheduled_campaign_is_never_sent_again_by_run_due(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Half sent (per_day), then withdrawn: the rest of its customers never get a ticket."""
    path = write_campaign(
        tmp_path,
        campaign_toml(
            sandbox.url,
            "Half a schedule",
            recipients={"user_ids": end_user_ids(sandbox)[:6]},
            ticket=TICKET,
            extra="[schedule]\nper_day = 2\n",
        ),
    )
    first = run_cli("send", str(path), "--json")
    assert first.code == 0, first.stderr
    assert (first.json()["state"], first.json()["created"], first.json()["pending"]) == (
        "scheduled",
        2,
        4,
    )
    withdrawn = run_cli("withdraw", "Half a schedule", "--delete", "--json")
    assert withdrawn.code == 0, withdrawn.stderr
    assert withdrawn.json()["done"] == 2
    assert run_cli("status", "Half a schedule", "--json").json()["state"] == "withdrawn"
    due = run_cli("run-due", "--json")
    assert due.code == 0, due.stderr
    assert json.loads(due.stdout) == []
    assert_one_line_error(run_cli("send", str(path)), "withdrawn")
    assert [t for t in sandbox.tickets() if "half_a_schedule" in t["tags"]] == []
    assert sandbox.stats()["deleted_tickets"] == 2
