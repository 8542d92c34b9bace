"""`python -m proactive_desktop.sandbox [--port N] [--customers N] [--seed S] ...`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from proactive_desktop.sandbox.server import serve_forever


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m proactive_desktop.sandbox",
        description="Run a local Zendesk-compatible sandbox with sample data.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (0 = any free port)")
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rate-limit", type=int, default=700, help="requests per minute (0 = unlimited)"
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    parser.add_argument("--job-seconds-per-ticket", type=float, default=0.15)
    parser.add_argument(
        "--job-start-delay",
        type=float,
        default=0.2,
        help="seconds a new job stays queued (a busy account: tens of seconds)",
    )
    parser.add_argument(
        "--search-index-delay",
        type=float,
        default=0.0,
        help="seconds before a new ticket appears in search (real Zendesk: minutes)",
    )
    parser.add_argument(
        "--time-scale", type=float, default=1.0, help="the account's clock speed (10 = 10x)"
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535 or args.customers < 0:
        parser.error("port must be 0..65535 and customers >= 0")
    serve_forever(
        args.port,
        args.customers,
        args.seed,
        rate_limit_per_minute=args.rate_limit or None,
        latency_s=args.latency,
        job_seconds_per_ticket=args.job_seconds_per_ticket,
        job_start_delay_s=args.job_start_delay,
        search_index_delay_s=args.search_index_delay,
        time_scale=args.time_scale,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
