"""Campaigns from a CSV list: its columns as placeholders, customers not yet in Zendesk, one text
per language, fast matching of long lists, and lists that cannot be read right being refused."""

from __future__ import annotations

import html
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import (
    RunCli,
    assert_one_line_error,
    campaign_toml,
    subprocess_env,
    write_campaign,
)
from test_send_command import campaign_tickets, fast_tuning, send_json

from proactive_desktop.core.journal import Journal
from proactive_desktop.core.paths import journal_path
from proactive_desktop.sandbox import SandboxServer

__all__ = ["fast_tuning"]  # the autouse fixture: fast job waits, a governor that skips waits


def end_users(sandbox: SandboxServer) -> list[dict[str, Any]]:
    return [
        u for u in sandbox.users() if u["role"] == "end-user" and not u["suspended"] and u["email"]
    ]


def write_csv(
    folder: Path, lines: list[str], name: str = "list.csv", encoding: str = "utf-8"
) -> str:
    (folder / name).write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return name


def assert_nothing_journaled(data_dir: Path) -> None:
    path = journal_path(data_dir)
    if path.exists():
        with Journal(path) as journal:
            assert journal.list_campaigns() == []


def ticket_of(sandbox: SandboxServer, tag: str, requester_id: int) -> dict[str, Any]:
    (ticket,) = [t for t in campaign_tickets(sandbox, tag) if t["requester_id"] == requester_id]
    return ticket


def body_of(sandbox: SandboxServer, ticket: dict[str, Any]) -> str:
    with sandbox.store.lock:
        return str(sandbox.store.ticket_meta[ticket["id"]].comments[0]["html_body"])


ROW_TICKET = {
    "subject": "Order {{row.Order_No}} is delayed",
    "body": "Hello {{user.name}}, your order **{{ row.order_no }}** ships on "
    '{{row.ship date | default: "soon"}}.',
}


def test_row_placeholders_are_rendered_per_customer_and_escaped(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    people = end_users(sandbox)[:3]
    csv_name = write_csv(
        tmp_path,
        [
            "email;Order_No ; Ship Date",
            f"{people[0]['email']};A-1001;2026-12-24",
            f"{people[1]['email']};<b>B&2</b>;",  # markup is text; an empty cell takes the default
            f"{people[2]['email']};;2026-12-25",  # no order number: skipped, with the reason
        ],
    )
    path = write_campaign(
        tmp_path,
        campaign_toml(
            sandbox.url, "Delayed orders", recipients={"csv": csv_name}, ticket=ROW_TICKET
        ),
    )
    result, document = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    by_id = {c["user_id"]: c for c in document["customers"]}
    assert by_id[people[2]["id"]]["status"] == "skipped"
    # Named as first written (the subject's spelling; columns compare case-insensitively).
    assert by_id[people[2]["id"]]["reason"] == "missing value for {{row.Order_No}}"
    first = ticket_of(sandbox, document["tag"], people[0]["id"])
    assert first["subject"] == "Order A-1001 is delayed"
    assert "<strong>A-1001</strong> ships on 2026-12-24." in body_of(sandbox, first)
    second = ticket_of(sandbox, document["tag"], people[1]["id"])
    assert second["subject"] == "Order <b>B&2</b> is delayed"  # the subject is plain text
    assert html.escape("<b>B&2</b>", quote=False) in body_of(sandbox, second)
    assert "<b>" not in body_of(sandbox, second)
    assert "ships on soon." in body_of(sandbox, second)
    # The import said what it found.
    assert "list.csv: UTF-8 text, values separated by semicolons." in result.stderr
    assert "Columns: email, Order_No, Ship Date." in result.stderr


def test_a_column_the_file_does_not_have_is_bad_input(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, data_dir: Path
) -> None:
    person = end_users(sandbox)[0]
    csv_name = write_csv(tmp_path, ["email,order_no", f"{person['email']},A-1"])
    ticket = {"subject": "Order {{row.order_number}}", "body": "Hello"}
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, "Typo", recipients={"csv": csv_name}, ticket=ticket)
    )
    result = run_cli("send", str(path), "--json")
    assert_one_line_error(result, "{{row.order_number}}", '"order_number"', "email, order_no")
    assert_nothing_journaled(data_dir)
    assert campaign_tickets(sandbox, "typo") == []


MALFORMED = {
    "unterminated quote": (['"{0},First', "{1},Second"], "row 2 is never closed"),
    "swallowed rows": (['{0},"First', "{1},Second", '{2},Third"'], "a quote on row 2 runs over"),
    "too many cells": (["{0},First", "{1},Lee, Bob"], "(rows: 3)"),
    "unreadable ids": (["{0},First", "x7,"], "(rows: 3)"),
    "cell over 128 KB": (["{0},First", "{1}," + "x" * 140_000], "(rows: 3)"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_list_is_exit_2_naming_rows_and_nothing_is_journaled(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, data_dir: Path, case: str
) -> None:
    lines, needle = MALFORMED[case]
    emails = [u["email"] for u in end_users(sandbox)[:3]]
    header = "id,name" if case == "unreadable ids" else "email,name"
    body = [line.format(*emails) for line in lines]
    if case == "unreadable ids":
        body = [f"{end_users(sandbox)[0]['id']},First", "x7,"]
    csv_name = write_csv(tmp_path, [header, *body])
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, f"Broken {case}", recipients={"csv": csv_name})
    )
    for extra in ((), ("--dry-run",)):
        result = run_cli("send", str(path), "--json", *extra)
        assert_one_line_error(result, "recipients.csv", needle)
    assert_nothing_journaled(data_dir)
    assert sandbox.stats()["tickets"] == 0


# -- customers not yet in Zendesk --------------------------------------------------------------


def new_customer_list(sandbox: SandboxServer, folder: Path, count: int) -> tuple[str, list[str]]:
    known = end_users(sandbox)[:2]
    new = [f"new.customer{n}@example.net" for n in range(count)]
    lines = ["Email,Name,order_no"]
    lines += [f"{u['email']},{u['name']},K-{u['id']}" for u in known]
    lines += [f"{email},新規 {n},N-{n}" for n, email in enumerate(new)]
    return write_csv(folder, lines), new


def create_missing_campaign(sandbox: SandboxServer, folder: Path, name: str, count: int) -> Path:
    csv_name, _ = new_customer_list(sandbox, folder, count)
    return write_campaign(
        folder,
        campaign_toml(
            sandbox.url,
            name,
            recipients={"csv": csv_name, "create_missing": True},
            ticket={"subject": "Order {{row.order_no}}", "body": "Hello {{user.name}}"},
        ),
    )


def assert_each_new_customer_once(sandbox: SandboxServer, tag: str, new: list[str]) -> None:
    users = {u["email"]: u for u in sandbox.users() if u["email"] in new}
    assert sorted(users) == sorted(new)
    assert Counter(u["email"] for u in sandbox.users() if u["email"] in new) == dict.fromkeys(
        new, 1
    )
    per_requester = Counter(t["requester_id"] for t in campaign_tickets(sandbox, tag))
    assert all(count == 1 for count in per_requester.values()), per_requester
    for email in new:
        assert per_requester[users[email]["id"]] == 1


def test_create_missing_dry_run_counts_and_lists_the_new_customers(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = create_missing_campaign(sandbox, tmp_path, "New people dry", 3)
    result, document = send_json(run_cli, path, "--dry-run")
    assert result.code == 0, result.stderr
    new = [c for c in document["customers"] if c.get("new_customer")]
    assert [(c["user_id"], c["status"], c["name"]) for c in new] == [
        (None, "pending", f"新規 {n}") for n in range(3)
    ]
    assert "3 customer(s) not yet in Zendesk will be created with their ticket" in result.stderr
    human = run_cli("send", str(path), "--dry-run")
    assert "3 of them would be created with their ticket" in human.stdout
    assert "new.customer0@example.net" in result.stderr
    assert sandbox.stats()["tickets"] == 0
    assert not any(u["email"] == "new.customer0@example.net" for u in sandbox.users())


def test_create_missing_creates_each_new_customer_once_across_a_lost_answer(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = create_missing_campaign(sandbox, tmp_path, "New people lost", 4)
    _, new = new_customer_list(sandbox, tmp_path, 4)
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets/create_many")
    result, document = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    assert sandbox.stats()["faults"], "the answer was lost"
    assert document["created"] == 6
    assert_each_new_customer_once(sandbox, document["tag"], new)
    by_email = {u["email"]: u["id"] for u in sandbox.users() if u["email"] in new}
    for customer in document["customers"]:
        if customer.get("new_customer"):
            # The user id Zendesk gave them is known once the ticket has created them.
            assert customer["user_id"] == by_email[customer["email"]]
    # Running it again changes nothing.
    again, document = send_json(run_cli, path)
    assert again.code == 0
    assert_each_new_customer_once(sandbox, document["tag"], new)


@pytest.mark.slow
def test_create_missing_creates_each_new_customer_once_across_a_kill_and_resume(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # Jobs wait in the queue long enough for the kill to land while they are in flight.
    sandbox = sandbox_factory(job_start_delay_s=1.5, job_seconds_per_ticket=0.02)
    path = create_missing_campaign(sandbox, tmp_path, "New people killed", 5)
    _, new = new_customer_list(sandbox, tmp_path, 5)
    env = subprocess_env(tmp_path / "data")
    command = [sys.executable, "-m", "proactive_desktop", "send", str(path), "--json"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not sandbox.stats()["jobs"]["queued"] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sandbox.stats()["jobs"]["queued"], "the job was posted"
    finally:
        process.kill()  # TerminateProcess on Windows, SIGKILL elsewhere
        process.communicate(timeout=30)
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stderr
    assert_each_new_customer_once(sandbox, "new_people_killed", new)


# -- one text per language ---------------------------------------------------------------------


TRANSLATED = """
[ticket.translations.ja]
subject = "{{user.name}} 様: ご契約更新のご案内"
body = "いつもありがとうございます。"

[ticket.translations.zh-CN]
subject = "{{user.name}}：续约通知"
body = "感谢您的支持。"
"""


def test_japanese_and_chinese_customers_get_their_variant_others_the_main_text(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    people = end_users(sandbox)
    chosen = [
        next(u for u in people if u["locale"] == "ja"),
        next(u for u in people if u["locale"] == "zh-cn"),
        next(u for u in people if u["locale"] == "de"),
    ]
    ticket = {"subject": "Your renewal, {{user.name}}", "body": "Thank you."}
    text = campaign_toml(
        sandbox.url,
        "Multilingual",
        recipients={"user_ids": [u["id"] for u in chosen]},
        ticket=ticket,
    )
    # The translations are sections of [ticket]: put them right after it.
    text = text.replace("[view]", TRANSLATED.strip() + "\n\n[view]")
    path = write_campaign(tmp_path, text)
    result, document = send_json(run_cli, path)
    assert result.code == 0, result.stderr
    languages = {c["user_id"]: c.get("language") for c in document["customers"]}
    assert languages == {chosen[0]["id"]: "ja", chosen[1]["id"]: "zh-cn", chosen[2]["id"]: None}
    ja, zh, de = (ticket_of(sandbox, document["tag"], u["id"]) for u in chosen)
    assert ja["subject"] == f"{chosen[0]['name']} 様: ご契約更新のご案内"
    assert "いつもありがとうございます" in body_of(sandbox, ja)
    assert zh["subject"] == f"{chosen[1]['name']}：续约通知"
    assert de["subject"] == f"Your renewal, {chosen[2]['name']}"
    status = run_cli("status", "Multilingual")
    assert "Texts by language: main text: 1, ja: 1, zh-cn: 1" in status.stdout
    # Export names the variant too.
    out = tmp_path / "out.csv"
    assert run_cli("export", "Multilingual", "--csv", str(out)).code == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert ",ja," in exported
    assert ",zh-cn," in exported


# -- matching long lists -----------------------------------------------------------------------


def test_a_long_list_is_matched_in_one_pass_a_short_one_email_by_email(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    people = end_users(sandbox)
    long_list = write_csv(
        tmp_path, ["email"] + [u["email"].upper() for u in people[:60]], "long.csv"
    )
    path = write_campaign(
        tmp_path, campaign_toml(sandbox.url, "Long list", recipients={"csv": long_list})
    )
    before = dict(sandbox.stats()["requests"])
    result, document = send_json(run_cli, path, "--dry-run")
    assert result.code == 0, result.stderr
    requests = Counter(sandbox.stats()["requests"]) - Counter(before)
    assert requests["GET /api/v2/users/search"] == 0
    # 300 users: one page, besides the tag search that checks the name is free.
    assert requests["GET /api/v2/search/export"] == 2
    assert "matching 60 CSV email(s): one pass over the account's" in result.stderr
    assert {c["user_id"] for c in document["customers"]} == {u["id"] for u in people[:60]}

    short_list = write_csv(tmp_path, ["email"] + [u["email"] for u in people[:5]], "short.csv")
    path = write_campaign(
        tmp_path,
        campaign_toml(sandbox.url, "Short list", recipients={"csv": short_list}),
        "short.toml",
    )
    before = dict(sandbox.stats()["requests"])
    result, _ = send_json(run_cli, path, "--dry-run")
    requests = Counter(sandbox.stats()["requests"]) - Counter(before)
    assert requests["GET /api/v2/users/search"] == 5
    assert requests["GET /api/v2/search/count"] == 0  # not even counted: as quick as before
    assert requests["GET /api/v2/search/export"] == 1  # the name check only
    assert "one look-up per email" in result.stderr
