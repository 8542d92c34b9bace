"""Rate limits: the headers on every answer, 429 with Retry-After, latency."""

from __future__ import annotations

import time
from collections.abc import Callable

from sandbox_support import Http, end_users, ticket

from proactive_desktop.sandbox import SandboxServer


def test_headers_count_down_and_429_carries_retry_after(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(rate_limit_per_minute=5)
    http = Http(sandbox)
    try:
        users = http.get("/api/v2/users/me.json")
        assert users.headers["X-Rate-Limit"] == "5"
        assert users.headers["X-Rate-Limit-Remaining"] == "4"
        assert users.headers["ratelimit-limit"] == "5"
        assert users.headers["ratelimit-remaining"] == "4"
        assert 1 <= int(users.headers["ratelimit-reset"]) <= 60
        created = http.post("/api/v2/tickets.json", {"ticket": ticket(end_users(sandbox)[0]["id"])})
        assert created.status_code == 201
        assert created.headers["rate-limit"] == "5"
        assert created.headers["rate-limit-remaining"] == "3"
        assert "ratelimit-limit" not in created.headers
        for _ in range(3):
            assert http.get("/api/v2/groups.json").status_code == 200
        refused = http.get("/api/v2/groups.json")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert refused.headers["X-Rate-Limit-Remaining"] == "0"
        assert sandbox.stats()["rate_limited"] == 1
        # Raising the limit at run time takes effect at once.
        sandbox.configure(rate_limit_per_minute=100)
        assert http.get("/api/v2/groups.json").status_code == 200
    finally:
        http.close()


def test_ticket_updates_have_their_own_limit(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(update_rate_limit_per_minute=2)
    http = Http(sandbox)
    try:
        created = http.post(
            "/api/v2/tickets.json", {"ticket": ticket(end_users(sandbox)[0]["id"])}
        ).json()["ticket"]
        path = f"/api/v2/tickets/{created['id']}.json"
        assert http.put(path, {"ticket": {"priority": "low"}}).status_code == 200
        assert http.put(path, {"ticket": {"priority": "high"}}).status_code == 200
        refused = http.put(path, {"ticket": {"priority": "urgent"}})
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
    finally:
        http.close()


def test_latency_is_added_to_each_request(sandbox_factory: Callable[..., SandboxServer]) -> None:
    sandbox = sandbox_factory(latency_s=0.05)
    http = Http(sandbox)
    try:
        started = time.monotonic()
        for _ in range(3):
            http.get("/api/v2/users/me.json")
        assert time.monotonic() - started >= 0.15
    finally:
        http.close()


def test_keep_alive_serves_many_requests_on_one_connection(http: Http) -> None:
    for _ in range(200):
        assert http.get("/api/v2/users/me.json").status_code == 200
    # One connection, reused (how fast: bench/bench_sandbox.py).
    pools = http.session.get_adapter(http.sandbox.url).poolmanager.pools
    opened = [pools[key] for key in pools.keys()]  # noqa: SIM118 - urllib3's container has no iterator
    assert sum(pool.num_connections for pool in opened) == 1
    assert sum(pool.num_requests for pool in opened) == 200
