"""The command line in a child process, with the two seams the tests need.

`python tests/cli/cli_child.py ARGS…` runs `proactive_desktop.cli.main(ARGS)` like
`python -m proactive_desktop`, except that the program's fixed sign-in ports are replaced by the
free ones in `PROACTIVE_TEST_REDIRECT_PORTS` (other test runs share this machine), and that the
send loop's waits are the short ones of the in-process tests (`FAST`), so campaigns take seconds
(`PROACTIVE_TEST_JOBS_IN_FLIGHT` caps its parallel jobs, to make a campaign last longer).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from proactive_desktop import cli  # noqa: E402 - after the path set-up above
from proactive_desktop.core import oauth  # noqa: E402
from proactive_desktop.core.sending import SendTuning  # noqa: E402

REDIRECT_PORTS_ENV = "PROACTIVE_TEST_REDIRECT_PORTS"
JOBS_IN_FLIGHT_ENV = "PROACTIVE_TEST_JOBS_IN_FLIGHT"

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


def main() -> int:
    ports = os.environ.get(REDIRECT_PORTS_ENV, "")
    if ports:
        oauth.REDIRECT_PORTS = tuple(int(port) for port in ports.split(","))
    tuning = FAST
    if os.environ.get(JOBS_IN_FLIGHT_ENV):
        tuning = dataclasses.replace(FAST, max_jobs_in_flight=int(os.environ[JOBS_IN_FLIGHT_ENV]))
    cli.send_tuning = lambda: tuning
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
