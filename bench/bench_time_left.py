"""Benchmark: how honest the time left is while sending, from the first second to the end.

The same realistically slow sandbox as bench_campaign.py (a separate process: 400 requests a
minute, 100 ms latency, jobs at 150 ms a ticket). Every progress report's "time left" is recorded
with when it came; afterwards each is compared with the time that really was left.

    .venv/bin/python bench/bench_time_left.py                  # 973 customers
    .venv/bin/python bench/bench_time_left.py --customers 3000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_campaign import end_users, start_sandbox

from proactive_desktop.core.engine import CampaignEngine
from proactive_desktop.core.events import CampaignEvent, SendProgress
from proactive_desktop.core.journal import Journal
from proactive_desktop.core.models import CampaignSpec, ConnectionSpec, RecipientSpec, TicketSpec
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN


def run(count: int) -> dict[str, Any]:
    process, url = start_sandbox(int(count * 1.3) + 100)
    try:
        client = ZendeskClient(
            url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), governor=RateGovernor(headroom=0.2)
        )
        customers = end_users(client, count)
        spec = CampaignSpec(
            connection=ConnectionSpec(url=url, email=DEMO_EMAIL),
            name=f"Time left {count}",
            recipients=RecipientSpec(user_ids=tuple(sorted(c.id for c in customers))),
            ticket=TicketSpec(subject="Hello {{user.first_name}}", body="Your plan renews soon."),
        )
        samples: list[tuple[float, float | None]] = []

        def on_event(event: CampaignEvent) -> None:
            if isinstance(event, SendProgress) and event.counts.pending + event.counts.in_flight:
                samples.append((time.monotonic(), event.eta_s))

        with (
            tempfile.TemporaryDirectory() as folder,
            Journal(Path(folder) / "journal.sqlite3") as journal,
        ):
            engine = CampaignEngine(client, journal)
            plan = engine.plan(spec, customers=customers)
            started = time.monotonic()
            engine.send(spec, plan, on_event=on_event)
            ended = time.monotonic()
    finally:
        process.terminate()
        process.wait(timeout=30)
    errors = [
        (at - started, eta, ended - at) for at, eta in samples if eta is not None
    ]  # (elapsed, said, really left)
    unknown = sum(1 for _, eta in samples if eta is None)
    near_end = [e for e in errors if e[2] <= 8.0]
    return {
        "customers": count,
        "send_s": round(ended - started, 1),
        "planned_s": round(plan.estimated_seconds, 1),
        "reports": len(samples),
        "reports_without_time_left": unknown,
        "first_said_s": round(errors[0][1], 1) if errors else None,
        "worst_over_s": round(max((said - left for _, said, left in errors), default=0.0), 1),
        "worst_under_s": round(max((left - said for _, said, left in errors), default=0.0), 1),
        "said_8s_before_end_s": round(near_end[0][1], 1) if near_end else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=973)
    args = parser.parse_args()
    print(json.dumps(run(args.customers), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
