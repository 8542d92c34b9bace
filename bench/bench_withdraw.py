"""Benchmark: withdraw a 3,000-ticket campaign on a 400-a-minute account, exactly once.

Two campaigns of N tickets are sent first, at full speed (the sandbox unlimited). Then the sandbox
becomes a Professional account — 400 requests a minute, 100 ms of latency on every request, bulk
jobs at 150 ms per ticket, at most 30 queued — and each campaign is withdrawn with the real core
(`plan_withdrawal`, `run_withdrawal`), default tuning, 20 % headroom: one by solving with an
internal note, one by deleting. The sandbox's tickets are then checked: every ticket solved with
exactly one note, or deleted; none twice.

    .venv/bin/python bench/bench_withdraw.py                  # 3,000 tickets
    .venv/bin/python bench/bench_withdraw.py --tickets 1000

For scale: one request per ticket cannot go below N × 60 / 320 s here (400 a minute, less the
headroom), and ticket updates one by one are held to Zendesk's own 100 a minute (N × 0.6 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from proactive_desktop.core.engine import CampaignEngine  # noqa: E402
from proactive_desktop.core.journal import Journal  # noqa: E402
from proactive_desktop.core.models import (  # noqa: E402
    CampaignSpec,
    ConnectionSpec,
    Customer,
    RecipientSpec,
    TicketSpec,
    ViewSpec,
)
from proactive_desktop.core.rate import RateGovernor  # noqa: E402
from proactive_desktop.core.secrets import ApiTokenAuth, Secret  # noqa: E402
from proactive_desktop.core.withdraw import (  # noqa: E402
    WITHDRAWN_TAG,
    WithdrawAction,
    plan_withdrawal,
    run_withdrawal,
)
from proactive_desktop.core.zendesk.client import ZendeskClient  # noqa: E402
from proactive_desktop.sandbox import (  # noqa: E402
    DEMO_EMAIL,
    DEMO_TOKEN,
    SandboxConfig,
    SandboxServer,
)

RATE_LIMIT_PER_MINUTE = 400
HEADROOM = 0.2
LATENCY_S = 0.1
JOB_SECONDS_PER_TICKET = 0.15
NOTE = "Sent by mistake: please ignore this ticket."


def client_for(url: str) -> ZendeskClient:
    return ZendeskClient(
        url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), governor=RateGovernor(headroom=HEADROOM)
    )


def end_users(client: ZendeskClient, count: int) -> list[Customer]:
    found: list[Customer] = []
    for page in client.export_users("type:user role:end-user"):
        found.extend(c for c in page if c.role == "end-user" and not c.suspended and c.active)
        if len(found) >= count:
            break
    if len(found) < count:
        raise RuntimeError(f"the sandbox has only {len(found)} active end-users")
    return found[:count]


def send(url: str, journal: Journal, name: str, customers: Sequence[Customer]) -> None:
    client = client_for(url)
    spec = CampaignSpec(
        connection=ConnectionSpec(url=url, email=DEMO_EMAIL),
        name=name,
        recipients=RecipientSpec(user_ids=tuple(sorted(c.id for c in customers))),
        ticket=TicketSpec(subject="Your plan renews soon", body="Hello {{user.first_name}}."),
        view=ViewSpec(create=False),
    )
    engine = CampaignEngine(client, journal)
    summary = engine.send(spec, engine.plan(spec, customers=customers))
    client.close()
    if summary.created != len(customers):
        raise RuntimeError(f"{name}: only {summary.created} tickets were created")


def fill_required_fields(sandbox: SandboxServer) -> None:
    """Zendesk solves a ticket only with its required fields; the sample account has one."""
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    with sandbox.store.lock:
        for ticket in sandbox.store.tickets.values():
            ticket["custom_fields"] = [
                {"id": product, "value": "product_services"} if f["id"] == product else f
                for f in ticket["custom_fields"]
            ]


def withdraw(
    sandbox: SandboxServer, journal: Journal, name: str, action: WithdrawAction
) -> dict[str, Any]:
    record = journal.find_campaign(name)
    assert record is not None
    client = client_for(sandbox.url)
    before = sandbox.stats()
    started = time.monotonic()
    plan = plan_withdrawal(
        client, journal, record, action, note=NOTE if action is WithdrawAction.SOLVE else None
    )
    planned = time.monotonic()
    summary = run_withdrawal(client, journal, record, plan)
    done = time.monotonic()
    client.close()
    after = sandbox.stats()
    requests = {
        key: after["requests"][key] - before["requests"].get(key, 0)
        for key in after["requests"]
        if after["requests"][key] != before["requests"].get(key, 0)
    }
    tag = record.tag
    if action is WithdrawAction.SOLVE:
        ours = [t for t in sandbox.tickets() if tag in t["tags"]]
        notes = [sum(1 for c in t["comments"] if c["body"] == NOTE) for t in ours]
        exactly_once = (
            len(ours) == plan.ticket_count
            and all(n == 1 for n in notes)
            and all(t["status"] == "solved" and WITHDRAWN_TAG in t["tags"] for t in ours)
        )
    else:
        remaining = [t for t in sandbox.tickets() if tag in t["tags"]]
        deleted = [t for t in sandbox.deleted_tickets() if tag in t["tags"]]
        exactly_once = not remaining and len(deleted) == plan.ticket_count
    bulk = (
        "PUT /api/v2/tickets/update_many"
        if action is WithdrawAction.SOLVE
        else ("DELETE /api/v2/tickets/destroy_many")
    )
    return {
        "action": action.value,
        "tickets": plan.ticket_count,
        "plan_s": round(planned - started, 2),
        "withdraw_s": round(done - planned, 2),
        "total_s": round(done - started, 2),
        "done": summary.done,
        "failed": summary.failed,
        "requests": sum(requests.values()),
        "bulk_requests": requests.get(bulk, 0),
        "job_polls": requests.get("GET /api/v2/job_statuses/show_many", 0),
        "show_many": requests.get("GET /api/v2/tickets/show_many", 0),
        "export_pages": requests.get("GET /api/v2/search/export", 0),
        "rate_limited": after["rate_limited"] - before["rate_limited"],
        "jobs_refused": after["jobs"]["refused"] - before["jobs"]["refused"],
        "exactly_once": exactly_once,
        "one_request_per_ticket_floor_s": round(
            plan.ticket_count * 60 / (RATE_LIMIT_PER_MINUTE * (1 - HEADROOM)), 1
        ),
    }


def run(count: int) -> list[dict[str, Any]]:
    config = SandboxConfig(
        customers=int(count * 1.3) + 100,
        seed=3,
        rate_limit_per_minute=None,
        update_rate_limit_per_minute=None,
        job_seconds_per_ticket=0.0,
        job_start_delay_s=0.0,
    )
    with (
        SandboxServer(config, port=0) as sandbox,
        tempfile.TemporaryDirectory() as folder,
        Journal(Path(folder) / "journal.sqlite3") as journal,
    ):
        seed_client = client_for(sandbox.url)
        customers = end_users(seed_client, count)
        seed_client.close()
        send(sandbox.url, journal, "Withdraw by solving", customers)
        send(sandbox.url, journal, "Withdraw by deleting", customers)
        fill_required_fields(sandbox)
        sandbox.configure(
            rate_limit_per_minute=RATE_LIMIT_PER_MINUTE,
            latency_s=LATENCY_S,
            job_seconds_per_ticket=JOB_SECONDS_PER_TICKET,
            job_start_delay_s=0.2,
            max_queued_jobs=30,
        )
        return [
            withdraw(sandbox, journal, "Withdraw by solving", WithdrawAction.SOLVE),
            withdraw(sandbox, journal, "Withdraw by deleting", WithdrawAction.DELETE),
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=3000)
    args = parser.parse_args()
    results = run(args.tickets)
    print(json.dumps(results, indent=2))
    if not all(result["exactly_once"] for result in results):
        print("FAILED: not exactly once", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
