"""`send`, `status`, `retry-failed` and `export` in this process, against the sandbox."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import CliResult, RunCli, assert_one_line_error, campaign_toml, write_campaign

from proactive_desktop import cli
from proactive_desktop.core.events import Phase, PhaseChanged
from proactive_desktop.core.journal import Journal
from proactive_desktop.core.paths import journal_path
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.sandbox import SandboxServer

SUMMARY_KEYS = {
    "campaign", "tag", "state", "total", "created", "failed", "skipped", "pending",
    "in_flight", "view_id", "view_url", "view_error", "customers",
}  # fmt: skip
CUSTOMER_KEYS = {"user_id", "email", "status", "ticket_id", "reason"}
JAPANESE_SEGMENT = {"query": "plan:premium"}

# Waits sized for the tests' fast sandbox jobs; exactly-once does not depend on them.
FAST = SendTuning(
    seconds_per_ticket=0.01,
    job_start_allowance_s=0.5,
    reconcile_safety=3.0,
    stable_s=0.3,
    single_quiet_s=0.2,
    poll_min_s=0.05,
    poll_max_s=0.3,
    outage_limit_s=3.0,
    progress_interval_s=0.05,
)


class SkippedTime:
    """The governor's clock and wait: a backoff is skipped over instead of sat out."""

    def __init__(self) -> None:
        self._skipped = 0.0
        self._lock = threading.Lock()

    def clock(self) -> float:
        with self._lock:
            return time.monotonic() + self._skipped

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        if cancel.wait(min(seconds, 0.01)):
            return False
        with self._lock:
            self._skipped += max(0.0, seconds)
        return True


@pytest.fixture(autouse=True)
def fast_tuning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "send_tuning", lambda: FAST)

    def governor(percent: float) -> RateGovernor:
        skipped = SkippedTime()
        return RateGovernor(headroom=percent / 100, clock=skipped.clock, wait=skipped.wait)

    monkeypatch.setattr(cli, "rate_governor", governor)


def assert_summary_shape(document: dict[str, Any]) -> None:
    assert set(document) >= SUMMARY_KEYS
    assert document["state"] in {"draft", "sending", "stopped", "finished"}
    customers = document["customers"]
    assert document["total"] == len(customers)
    counts = Counter(c["status"] for c in customers)
    assert set(counts) <= {"pending", "created", "failed", "skipped", "in_flight"}
    for status in ("created", "failed", "skipped", "pending", "in_flight"):
        assert document[status] == counts.get(status, 0)
    assert document["total"] == (
        document["created"]
        + document["failed"]
        + document["skipped"]
        + document["pending"]
        + document["in_flight"]
    )
    for customer in customers:
        assert set(customer) >= CUSTOMER_KEYS
        assert (customer["ticket_id"] is not None) == (customer["status"] == "created")
        if customer["status"] in ("failed", "skipped"):
            assert customer["reason"]
    ids = [c["user_id"] for c in customers if c["user_id"] is not None]
    assert len(ids) == len(set(ids)), "a customer appears twice"


def campaign_tickets(sandbox: SandboxServer, tag: str) -> list[dict[str, Any]]:
    return [t for t in sandbox.tickets() if tag in t.get("tags", ())]


def assert_exactly_once(sandbox: SandboxServer, document: dict[str, Any]) -> None:
    """≤ 1 ticket per requester with the tag, and exactly the journal's created customers."""
    tickets = campaign_tickets(sandbox, document["tag"])
    per_requester = Counter(t["requester_id"] for t in tickets)
    assert all(n == 1 for n in per_requester.values()), "duplicate tickets"
    created = {c["user_id"]: c["ticket_id"] for c in document["customers"] if c["ticket_id"]}
    assert {t["requester_id"]: t["id"] for t in tickets} == created


def send_json(run_cli: RunCli, path: Path, *extra: str) -> tuple[CliResult, dict[str, Any]]:
    result = run_cli("send", str(path), "--json", *extra)
    assert "Traceback" not in result.stderr
    return result, result.json()


def test_full_send_with_json(run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Renewal 更新 2026"))
    result, document = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    assert result.stdout.count("\n") == 1  # exactly one JSON object
    assert_summary_shape(document)
    assert document["campaign"] == "Renewal 更新 2026"
    assert document["tag"] == "renewal_更新_2026"
    assert document["state"] == "finished"
    assert document["pending"] == document["failed"] == 0
    assert document["created"] > 10
    assert document["view_id"] is not None
    assert document["view_url"].startswith(sandbox.url)
    assert_exactly_once(sandbox, document)
    # The JSON keeps non-ASCII text as it is (ensure_ascii=False).
    assert "更新" in result.stdout
    assert "Creating the tickets" in result.stderr


def test_human_summary(run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Human readable"))
    result = run_cli("send", str(path))
    assert result.code == 0, result.stderr
    assert 'Campaign "Human readable" (tag human_readable): finished' in result.stdout
    assert "created" in result.stdout


def test_dry_run_creates_nothing(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, cli_env: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Dry run"))
    result, document = send_json(run_cli, path, "--dry-run")
    assert result.code == 0, result.stderr
    assert_summary_shape(document)
    assert document["state"] == "draft"
    assert document["created"] == document["failed"] == 0
    # Not done yet: not reached, or being confirmed (a request that may have created it).
    assert document["pending"] + document.get("in_flight", 0) > 0
    assert all(c["status"] in ("pending", "skipped") for c in document["customers"])
    assert sandbox.tickets() == []
    assert sandbox.views() == []
    assert not journal_path(cli_env).exists()
    # The real send reaches exactly the customers the dry run showed as pending.
    result, sent = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    would = {c["user_id"] for c in document["customers"] if c["status"] == "pending"}
    assert {c["user_id"] for c in sent["customers"] if c["status"] == "created"} == would


def test_dry_run_of_a_started_campaign_writes_nothing(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, cli_env: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Dry after"))
    assert run_cli("send", str(path)).code == 0
    tickets = len(sandbox.tickets())
    before = journal_path(cli_env).read_bytes()
    result, document = send_json(run_cli, path, "--dry-run")
    assert result.code == 0, result.stderr
    assert document["state"] == "draft"
    assert len(sandbox.tickets()) == tickets
    assert journal_path(cli_env).read_bytes() == before


def test_status_and_export(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, cli_env: Path
) -> None:
    name = "日本語 キャンペーン"
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, name, recipients=JAPANESE_SEGMENT))
    sent = run_cli("send", str(path), "--json").json()

    # status reads the journal only: it works with the sandbox gone and no token.
    sandbox.stop()
    status = run_cli("status", name, "--json")
    assert status.code == 0, status.stderr
    assert status.json() == sent
    human = run_cli("status", name)
    assert human.code == 0
    assert f'Campaign "{name}"' in human.stdout

    out = tmp_path / "out.csv"
    out.write_text("an older export that must be replaced\n" * 100, encoding="utf-8")
    exported = run_cli("export", name, "--csv", str(out))
    assert exported.code == 0, exported.stderr
    assert exported.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [
        "user_id",
        "email",
        "name",
        "status",
        "ticket_id",
        "ticket_url",
        "reason",
        "language",
        "new_customer",
    ]
    assert len(rows) == 1 + sent["total"]
    by_id = {row[0]: row for row in rows[1:]}
    for customer in sent["customers"]:
        row = by_id[str(customer["user_id"])]
        assert row[3] == customer["status"]
        assert row[4] == ("" if customer["ticket_id"] is None else str(customer["ticket_id"]))
    names = [row[2] for row in rows[1:]]
    assert any("\u3040" <= ch <= "\u9fff" for name_ in names for ch in name_), names
    assert "older export" not in raw.decode("utf-8-sig")
    # No temporary file is left beside the export.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_export_into_a_missing_folder_is_refused(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Export target"))
    assert run_cli("send", str(path)).code == 0
    target = tmp_path / "no-such-folder" / "out.csv"
    assert_one_line_error(
        run_cli("export", "Export target", "--csv", str(target)), "no-such-folder"
    )
    assert_one_line_error(run_cli("export", "Export target", "--csv", str(tmp_path)), str(tmp_path))


def _fail_every_ticket_while_journaling(
    monkeypatch: pytest.MonkeyPatch, sandbox: SandboxServer, status_id: int
) -> Any:
    """An admin deactivates the custom status after the plan, before the first ticket."""
    original = cli._Watcher.__call__

    def watch(self: Any, event: Any) -> None:
        if isinstance(event, PhaseChanged) and event.phase is Phase.JOURNALING:
            sandbox.store.statuses_by_id[status_id]["active"] = False
        original(self, event)

    monkeypatch.setattr(cli._Watcher, "__call__", watch)
    return original


def test_failures_exit_1_and_retry_failed_sends_them(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status_id = next(
        int(s["id"])
        for s in sandbox.store.statuses_by_id.values()
        if s.get("status_category") == "open" and s.get("active")
    )
    ticket = {"subject": "Hello", "body": "Hi {{user.name}}", "custom_status_id": status_id}
    text = campaign_toml(sandbox.url, "Retry me", recipients={"query": "plan:enterprise"},
                         ticket=ticket)  # fmt: skip
    path = write_campaign(tmp_path, text)
    original = _fail_every_ticket_while_journaling(monkeypatch, sandbox, status_id)
    result, first = send_json(run_cli, path)
    assert result.code == 1, result.stderr
    assert_summary_shape(first)
    assert first["state"] == "finished"
    assert first["failed"] > 0
    assert first["created"] == 0
    assert sandbox.tickets() == []

    monkeypatch.setattr(cli._Watcher, "__call__", original)
    sandbox.store.statuses_by_id[status_id]["active"] = True
    retried = run_cli("retry-failed", "Retry me", "--json")
    assert retried.code == 0, retried.stderr
    again = retried.json()
    assert_summary_shape(again)
    assert again["failed"] == 0
    assert again["created"] == first["failed"]
    assert_exactly_once(sandbox, again)


@pytest.mark.slow
def test_resume_after_an_outage_that_outlasts_the_retries(
    run_cli: RunCli, sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01)
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, "Outage", recipients={"query": "role:end-user"})
    )
    # The network goes down once the first tickets exist, for longer than the outage limit.
    stop_watching = threading.Event()

    def pull_the_plug() -> None:
        while not stop_watching.wait(0.02):
            if sandbox.tickets():
                sandbox.faults.outage(60)
                return

    watcher = threading.Thread(target=pull_the_plug, daemon=True)
    watcher.start()
    try:
        result = run_cli("send", str(path), "--json")
    finally:
        stop_watching.set()
        watcher.join()
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "run the same command again to resume" in result.stderr
    status = run_cli("status", "Outage", "--json").json()
    assert status["state"] == "stopped"
    # Not reached, or sent into the outage: those may have tickets and are being confirmed.
    assert status["pending"] + status["in_flight"] > 0

    sandbox.faults.clear()
    result, document = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    assert "resuming" in result.stderr
    assert document["state"] == "finished"
    assert document["pending"] == 0
    assert_exactly_once(sandbox, document)


def test_unreachable_account_exits_3(run_cli: RunCli, tmp_path: Path, cli_env: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    path = write_campaign(tmp_path, campaign_toml(f"http://127.0.0.1:{closed_port}", "Nowhere"))
    result = run_cli("send", str(path))
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("error:") == 1


def test_changed_definition_is_refused(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Fixed content"))
    assert run_cli("send", str(path)).code == 0
    tickets = len(sandbox.tickets())
    changed = campaign_toml(
        sandbox.url,
        "Fixed content",
        ticket={"subject": "Another subject", "body": "Hi {{user.name}}"},
    )
    write_campaign(tmp_path, changed)
    assert_one_line_error(run_cli("send", str(path)), "ticket.subject")
    assert len(sandbox.tickets()) == tickets


def test_comments_and_key_order_do_not_change_the_definition(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    text = campaign_toml(sandbox.url, "Same content")
    path = write_campaign(tmp_path, text)
    assert run_cli("send", str(path)).code == 0
    sections = text.split("\n\n")
    write_campaign(tmp_path, "# reordered\n" + "\n\n".join(reversed(sections)) + "\n")
    result = run_cli("send", str(path))
    assert result.code == 0, result.stderr


def test_a_name_whose_tag_is_taken_is_refused(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    first = write_campaign(tmp_path, campaign_toml(sandbox.url, "Spring Sale"), "a.toml")
    assert run_cli("send", str(first)).code == 0
    tickets = len(sandbox.tickets())
    # Another name, same tag (spring_sale).
    second = write_campaign(tmp_path, campaign_toml(sandbox.url, "spring   sale!"), "b.toml")
    assert_one_line_error(run_cli("send", str(second)), "campaign.name")
    assert len(sandbox.tickets()) == tickets


def test_tag_taken_in_the_account_only(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, data_dir: Path
) -> None:
    """Another computer's campaign: not in this journal, but its tickets are in the account."""
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Elsewhere"))
    other = tmp_path / "other-computer"
    assert run_cli("send", str(path), "--data-dir", str(other)).code == 0
    assert_one_line_error(run_cli("send", str(path)), "campaign.name")
    with Journal(journal_path(data_dir)) as journal:
        assert journal.list_campaigns() == []


def test_json_is_valid_even_with_progress(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Quiet one"))
    result = run_cli("send", str(path), "--json", "--quiet")
    assert result.code == 0
    assert result.stderr == ""
    json.loads(result.stdout)
