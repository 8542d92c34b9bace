"""Benchmark: campaigns that outlive many access tokens of one kept sign-in, exactly once.

A sandbox whose OAuth access tokens live `--token-s` seconds (default 2) and rotate as Zendesk's
do (a refresh deletes the old pair). A sign-in is kept in a file keychain shared by child
processes; then `--processes` children (default 2) each send their own campaign of the whole
segment at the same time, with two jobs in flight each so that the campaigns last. At the end:
every customer of every campaign exactly one ticket, how many refreshes the sandbox answered,
how many it refused (a refused one would have signed that process out), how many refresh tokens
are still alive (1 = one unbroken chain), and how long the sends took compared with the same
campaigns sent with a token that never expires.

    .venv/bin/python bench/bench_sign_in_renewal.py
    .venv/bin/python bench/bench_sign_in_renewal.py --customers 1000 --processes 1
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "cli")]

from cli_helpers import campaign_toml, write_campaign  # noqa: E402
from keychain_backends import SharedFileKeyring  # noqa: E402
from oauth_support import child_env, start_child  # noqa: E402

from proactive_desktop.core.oauth import (  # noqa: E402
    AuthorizationRequest,
    LoopbackListener,
    complete_sign_in,
)
from proactive_desktop.core.secrets import SecretStore  # noqa: E402
from proactive_desktop.core.zendesk.transport import make_session  # noqa: E402
from proactive_desktop.sandbox import (  # noqa: E402
    DEMO_EMAIL,
    DEMO_OAUTH_CLIENT_ID,
    SandboxConfig,
    SandboxServer,
)

TIMEOUT = (5.0, 10.0)


def free_ports(count: int) -> tuple[int, ...]:
    import socket

    held = []
    for _ in range(count):
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        held.append(probe)
    ports = tuple(p.getsockname()[1] for p in held)
    for probe in held:
        probe.close()
    return ports


def keep_sign_in(sandbox: SandboxServer, store: SecretStore, port: int) -> None:
    def browse(url: str) -> None:
        with requests.Session() as browser:
            reply = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
            browser.get(reply.headers["Location"], allow_redirects=False, timeout=TIMEOUT)

    session = make_session()
    with LoopbackListener(ports=[port]) as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        browser = threading.Thread(target=browse, args=(request.url,))
        browser.start()
        source = complete_sign_in(
            listener, request, cancel=threading.Event(), session=session, timeout_s=10
        )
        browser.join(10)
    session.close()
    source.remember(store, DEMO_EMAIL)


def run(customers: int, processes: int, token_s: float | None) -> dict[str, object]:
    ports = free_ports(3)
    with tempfile.TemporaryDirectory(prefix="bench-sign-in-") as scratch:
        folder = Path(scratch)
        registered = {DEMO_OAUTH_CLIENT_ID: [f"http://127.0.0.1:{port}/callback" for port in ports]}
        config = SandboxConfig(
            customers=customers,
            seed=7,
            rate_limit_per_minute=100_000,
            update_rate_limit_per_minute=None,
            job_seconds_per_ticket=0.02,
            job_start_delay_s=0.0,
            oauth_access_token_ttl_s=token_s,
            oauth_redirect_urls={k: frozenset(v) for k, v in registered.items()},
        )
        with SandboxServer(config, port=0) as sandbox:
            keychain_file = folder / "keychain.json"
            store = SecretStore(SharedFileKeyring(keychain_file))
            keep_sign_in(sandbox, store, ports[0])
            children = []
            started = time.perf_counter()
            for index in range(processes):
                name = f"Renewal bench {index + 1}"
                own = folder / f"run{index}"
                own.mkdir()
                env = child_env(
                    own / "data",
                    keychain_file,
                    ports,
                    folder / "cache",
                    PROACTIVE_TEST_JOBS_IN_FLIGHT="2",
                )
                path = write_campaign(
                    own, campaign_toml(sandbox.url, name, recipients={"query": "role:end-user"})
                )
                children.append(start_child(["send", str(path), "--json", "--quiet"], env))
            outputs = [child.communicate(timeout=600) for child in children]
            elapsed = time.perf_counter() - started
            duplicates = missing = 0
            for child, (out, err) in zip(children, outputs, strict=True):
                if child.returncode != 0:
                    raise SystemExit(f"a campaign stopped ({child.returncode}): {err}")
                summary = json.loads(out)
                per_customer = Counter(
                    t["requester_id"]
                    for t in sandbox.tickets()
                    if summary["tag"] in (t.get("tags") or [])
                )
                created = {c["user_id"] for c in summary["customers"] if c["status"] == "created"}
                duplicates += sum(1 for n in per_customer.values() if n > 1)
                missing += len(created - set(per_customer))
            counts = sandbox.oauth.counts()
            return {
                "seconds": round(elapsed, 2),
                "refreshed": counts.get("refreshed", 0),
                "refused": counts.get("refused", 0),
                "live_refresh_tokens": sandbox.oauth.live_refresh_tokens(),
                "duplicates": duplicates,
                "missing": missing,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--token-s", type=float, default=2.0)
    args = parser.parse_args()
    renewed = run(args.customers, args.processes, args.token_s)
    lasting = run(args.customers, args.processes, None)
    print(f"{args.processes} process(es), {args.customers} customers each campaign")
    print(f"access token of {args.token_s:g} s: {renewed}")
    print(f"token that never expires:   {lasting}")
    ratio = float(str(renewed["seconds"])) / float(str(lasting["seconds"]))
    print(f"time with renewals / time without: {ratio:.2f}")


if __name__ == "__main__":
    main()
