"""Benchmark: the speeds the tests no longer time — rendering, parsing, sample data, keep-alive,
and how soon Cancel ends a campaign.

    .venv/bin/python bench/bench_speeds.py [--runs N]

Each figure is the median of N runs in this one process, next to what it is compared with, so
the ratios hold on any machine (docs/PERFORMANCE.md, "Speeds the tests used to time"):

- rendering 10,000 customers' tickets (Markdown, a table, escaping), per customer;
- parsing 10,000 users of a Zendesk answer into `Customer` values, per user;
- the sandbox's sample data: 5,000 and 100,000 customers;
- 200 requests on one kept-alive connection, against 200 that each open a connection;
- Cancel during a campaign whose jobs are queued in Zendesk: from `cancel.set()` to the engine's
  return, against the one-second promise of the Send page.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

from proactive_desktop.core.engine import CampaignEngine
from proactive_desktop.core.events import CampaignEvent, SendProgress
from proactive_desktop.core.journal import Journal
from proactive_desktop.core.models import (
    CampaignSpec,
    ConnectionSpec,
    Customer,
    FieldOption,
    Organization,
    OrganizationId,
    RecipientSpec,
    TicketSpec,
    UserField,
    UserId,
)
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.render import Rendered, compile_ticket
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.core.zendesk.client import ZendeskClient, parse_customer
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig, SandboxServer
from proactive_desktop.sandbox.data import generate

TICKET = TicketSpec(
    subject="Your {{user.user_fields.plan}} plan, {{user.first_name | default: 'there'}}",
    body="# Hello {{user.name}}\n\nYour plan at **{{organization.name}}** renews soon.\n\n"
    "| a | b |\n|---|---|\n| {{user.email}} | x |\n",
)


def median_s(runs: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def rendering(runs: int) -> float:
    plan = UserField(1, "plan", "dropdown", "Plan", options=(FieldOption("Premium", "premium"),))
    template = compile_ticket(TICKET, [plan], [])
    organization = Organization(id=OrganizationId(1), name="Acme")
    people = [
        Customer(
            id=UserId(i),
            name=f"Customer {i} <{i}>",
            email=f"c{i}@example.com",
            user_fields={"plan": "premium"},
        )
        for i in range(10_000)
    ]
    rendered = [template.render(each, organization) for each in people]
    assert all(isinstance(each, Rendered) for each in rendered), "a customer was skipped"
    return median_s(runs, lambda: [template.render(each, organization) for each in people])


def parsing(runs: int) -> float:
    raw = [
        {
            "id": i,
            "name": f"Customer {i}",
            "email": f"c{i}@example.com",
            "role": "end-user",
            "organization_id": 77,
            "suspended": False,
            "active": True,
            "tags": ["a", "b"],
            "user_fields": {"plan": "premium"},
            "time_zone": "Tokyo",
        }
        for i in range(10_000)
    ]
    return median_s(runs, lambda: [parse_customer(user) for user in raw])


def keep_alive(sandbox: SandboxServer, runs: int) -> tuple[float, float]:
    url = f"{sandbox.url}/api/v2/users/me.json"
    auth = (f"{DEMO_EMAIL}/token", DEMO_TOKEN)

    def kept() -> None:
        with requests.Session() as session:
            for _ in range(200):
                session.get(url, auth=auth, timeout=10)

    def fresh() -> None:
        for _ in range(200):
            with requests.Session() as session:
                session.get(url, auth=auth, timeout=10)

    return median_s(runs, kept), median_s(runs, fresh)


def cancel_latency(runs: int) -> float:
    """Seconds from cancel.set() to the engine's return, its jobs still queued in the account."""
    return statistics.median(cancel_once(run) for run in range(runs))


def cancel_once(seed: int) -> float:
    config = SandboxConfig(customers=200, seed=seed, job_start_delay_s=3600.0)
    with SandboxServer(config) as sandbox, tempfile.TemporaryDirectory() as folder:
        cancel = threading.Event()
        auth = ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN))
        with ZendeskClient(sandbox.url, auth, governor=RateGovernor(), cancel=cancel) as client:
            customers = [
                c
                for page in client.export_users("role:end-user")
                for c in page
                if not c.suspended and c.role == "end-user"
            ][:100]
            spec = CampaignSpec(
                connection=ConnectionSpec(sandbox.url, DEMO_EMAIL),
                name=f"Cancel {seed}",
                recipients=RecipientSpec(user_ids=tuple(int(c.id) for c in customers)),
                ticket=TicketSpec(subject="Hi", body="Hello"),
            )
            set_at: list[float] = []

            def on_event(event: CampaignEvent) -> None:
                if isinstance(event, SendProgress) and event.counts.in_flight and not set_at:
                    set_at.append(time.perf_counter())
                    cancel.set()

            tuning = SendTuning(progress_interval_s=0.05)
            with Journal(Path(folder) / "journal.sqlite3") as journal:
                engine = CampaignEngine(client, journal, tuning=tuning)
                plan = engine.plan(spec, customers=customers)
                engine.send(spec, plan, on_event=on_event, cancel=cancel)
                return time.perf_counter() - set_at[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs

    render_s = rendering(runs)
    print(f"render 10,000 tickets:      {render_s:6.3f} s  ({render_s / 10_000 * 1e6:.0f} µs each)")
    parse_s = parsing(runs)
    print(f"parse 10,000 users:         {parse_s:6.3f} s  ({parse_s / 10_000 * 1e6:.1f} µs each)")
    small_s = median_s(runs, lambda: generate(5_000, 1))
    large_s = median_s(max(1, runs // 2), lambda: generate(100_000, 2))
    print(
        f"sample data 5,000 / 100,000: {small_s:6.3f} s / {large_s:.3f} s "
        f"(×{large_s / small_s:.1f} for ×20 the customers)"
    )
    with SandboxServer(SandboxConfig(customers=50, seed=1)) as sandbox:
        kept_s, fresh_s = keep_alive(sandbox, runs)
    print(
        f"200 requests kept alive:    {kept_s:6.3f} s  ({kept_s / 200 * 1000:.2f} ms each; "
        f"a new connection each: {fresh_s / 200 * 1000:.2f} ms, ×{fresh_s / kept_s:.1f})"
    )
    cancel_s = cancel_latency(runs)
    print(f"cancel to return:           {cancel_s:6.3f} s  (the Send page promises ≤ 1 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
