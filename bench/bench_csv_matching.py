"""Benchmark: match a CSV list to an account's users, as `send` and the wizard's import do.

The sandbox runs as a separate process with 20,000 customers, an account limit of 400 requests a
minute and 50 ms of latency on every request (the export search also keeps to its own 100 a
minute). The real engine plans a campaign whose recipients are a CSV file (as a dry run does):

- 5,000 rows (4,800 known addresses in mixed case, 200 unknown): target ≤ 60 s to match. One
  user search per row — what the program did before — would be 5,000 requests, over a quarter of
  an hour at 400 a minute less the 20 % headroom.
- 20 rows: still one look-up per email, no count request, as quick as before.
- optionally (`--big-rows 200000`) a 200,000-row dry run through the command line, timing when it
  says how long matching will take (before matching starts) against when it ends.

    .venv/bin/python bench/bench_csv_matching.py
    .venv/bin/python bench/bench_csv_matching.py --export-latency 2.5   # a recorded page's time
    .venv/bin/python bench/bench_csv_matching.py --big-rows 200000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from proactive_desktop.core.engine import CampaignEngine  # noqa: E402
from proactive_desktop.core.events import (  # noqa: E402
    CampaignEvent,
    MatchingPlanned,
    Phase,
    PhaseChanged,
)
from proactive_desktop.core.journal import Journal  # noqa: E402
from proactive_desktop.core.models import (  # noqa: E402
    CampaignSpec,
    ConnectionSpec,
    RecipientSpec,
    TicketSpec,
    ViewSpec,
)
from proactive_desktop.core.rate import RateGovernor  # noqa: E402
from proactive_desktop.core.secrets import ApiTokenAuth, Secret  # noqa: E402
from proactive_desktop.core.zendesk.client import ZendeskClient  # noqa: E402
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN  # noqa: E402

ACCOUNT_USERS = 20_000
RATE_LIMIT_PER_MINUTE = 400
LATENCY_S = 0.05
EXPORT_LIMIT_PER_MINUTE = 100
TARGET_5000_S = 60.0


def start_sandbox(customers: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "proactive_desktop.sandbox",
            "--port",
            "0",
            "--customers",
            str(customers),
            "--rate-limit",
            str(RATE_LIMIT_PER_MINUTE),
            "--latency",
            str(LATENCY_S),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found:
            return process, found.group(0)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("the sandbox did not start")


def control(url: str, name: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        f"{url}/__sandbox/{name}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=300) as answer:
        return json.load(answer)


def write_list(path: Path, emails: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("email,name,order_no\r\n")
        for number, email in enumerate(emails, 1):
            stream.write(f"{email},Customer {number},A-{number:06d}\r\n")


def spec_for(url: str, name: str, csv_path: Path) -> CampaignSpec:
    return CampaignSpec(
        connection=ConnectionSpec(url=url, email=DEMO_EMAIL),
        name=name,
        recipients=RecipientSpec(csv=str(csv_path)),
        ticket=TicketSpec(subject="Order {{row.order_no}}", body="Hello {{user.name}}"),
        view=ViewSpec(create=False),
    )


def plan_once(url: str, name: str, csv_path: Path, known: set[str]) -> dict[str, Any]:
    client = ZendeskClient(
        url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), governor=RateGovernor(headroom=0.2)
    )
    events: list[tuple[float, MatchingPlanned]] = []
    rendering_at: list[float] = []

    def on_event(event: CampaignEvent) -> None:
        if isinstance(event, MatchingPlanned):
            events.append((time.monotonic(), event))
        elif isinstance(event, PhaseChanged) and event.phase is Phase.RENDERING:
            rendering_at.append(time.monotonic())

    before = Counter(control(url, "stats")["requests"])
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder) / "j.sqlite3") as journal:
        started = time.monotonic()
        plan = CampaignEngine(client, journal).plan(
            spec_for(url, name, csv_path), on_event=on_event
        )
        elapsed = time.monotonic() - started
    requests = Counter(control(url, "stats")["requests"]) - before
    matched = {r.email.casefold() for r in plan.recipients if r.user_id is not None and r.email}
    client.close()
    announced = events[0][1] if events else None
    return {
        "plan_s": round(elapsed, 2),
        # From the announcement to the end of resolving (matching, then the organizations).
        "matching_s": round(rendering_at[0] - events[0][0], 2) if events and rendering_at else None,
        "strategy": announced.strategy if announced else None,
        "estimated_matching_s": round(announced.estimated_seconds, 1) if announced else None,
        "requests": sum(requests.values()),
        "user_searches": requests.get("GET /api/v2/users/search", 0),
        "export_pages": requests.get("GET /api/v2/search/export", 0) - 1,  # less the name check
        "counts": requests.get("GET /api/v2/search/count", 0),
        "matched": len(matched),
        "all_known_matched": matched == known,
        "skipped_unknown": sum(1 for r in plan.recipients if r.user_id is None),
    }


def big_dry_run(url: str, folder: Path, emails: list[str], rows: int) -> dict[str, Any]:
    """A `send --dry-run` of a `rows`-row list: when matching is announced, and when it ends."""
    rng = random.Random(5)
    listed = emails + [f"unknown{n}@nowhere.example" for n in range(rows - len(emails))]
    rng.shuffle(listed)
    csv_path = folder / "big.csv"
    write_list(csv_path, listed)
    campaign = folder / "big.toml"
    campaign.write_text(
        f'[connection]\nurl = "{url}"\nemail = "{DEMO_EMAIL}"\n[campaign]\nname = "Big list"\n'
        f'[recipients]\ncsv = "big.csv"\n[ticket]\nsubject = "Order {{{{row.order_no}}}}"\n'
        'body = "Hello"\n[view]\ncreate = false\n',
        encoding="utf-8",
    )
    env = {**os.environ, "ZENDESK_API_TOKEN": DEMO_TOKEN, "PROACTIVE_DESKTOP_DATA": str(folder)}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(campaign), "--dry-run", "--json"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    announced_at: float | None = None
    announcement = ""
    for line in process.stderr:
        if "matching" in line and announced_at is None:
            announced_at = time.monotonic() - started
            announcement = line.strip()
    code = process.wait()
    total = time.monotonic() - started
    return {
        "rows": rows,
        "exit_code": code,
        "announced_after_s": round(announced_at or -1, 1),
        "announcement": announcement,
        "dry_run_s": round(total, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--export-latency", type=float, default=0.0)
    parser.add_argument("--big-rows", type=int, default=0)
    args = parser.parse_args()
    process, url = start_sandbox(ACCOUNT_USERS)
    try:
        control(
            url,
            "config",
            {
                "export_rate_limit_per_minute": EXPORT_LIMIT_PER_MINUTE,
                "export_latency_s": args.export_latency,
            },
        )
        client = ZendeskClient(url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)))
        emails = [c.email for page in client.export_users("type:user") for c in page if c.email]
        client.close()
        # Let the sliding rate window forget the set-up's requests.
        time.sleep(61)
        rng = random.Random(20261203)
        known = rng.sample(emails, args.rows - args.rows // 25)
        listed = [email.upper() if n % 3 == 0 else email for n, email in enumerate(known)] + [
            f"not.a.customer{n}@nowhere.example" for n in range(args.rows // 25)
        ]
        rng.shuffle(listed)
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            long_list = folder / "long.csv"
            write_list(long_list, listed)
            short_list = folder / "short.csv"
            write_list(short_list, known[:20])
            result: dict[str, Any] = {
                "account_users": len(emails),
                "rate_limit_per_minute": RATE_LIMIT_PER_MINUTE,
                "latency_s": LATENCY_S,
                "export_latency_s": args.export_latency,
                "long": {"rows": len(listed)}
                | plan_once(url, "Long list", long_list, {e.casefold() for e in known}),
                "short": {"rows": 20}
                | plan_once(url, "Short list", short_list, {e.casefold() for e in known[:20]}),
                "per_email_before_s": round(len(listed) * 60 / (RATE_LIMIT_PER_MINUTE * 0.8), 1),
            }
            if args.big_rows:
                time.sleep(61)
                result["big"] = big_dry_run(url, folder, emails, args.big_rows)
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if not result["long"]["all_known_matched"]:
        print("FAILED: not every known address was matched", file=sys.stderr)
        return 1
    if args.rows == 5000 and (result["long"]["matching_s"] or 0) > TARGET_5000_S:
        print(f"FAILED: over the {TARGET_5000_S} s target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
