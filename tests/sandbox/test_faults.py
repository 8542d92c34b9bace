"""Fault injection: 429, 5xx, resets before and after processing, outages, control endpoint."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sandbox_support import TIMEOUT, Http, end_users, ticket

from proactive_desktop.sandbox import SandboxServer


def _control(sandbox: SandboxServer, name: str, body: Any | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{sandbox.url}/__sandbox/{name}",
        data=data,
        method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as reply:
        return json.loads(reply.read())


def test_rate_limit_fault_sends_429_with_retry_after(http: Http, sandbox: SandboxServer) -> None:
    fault = sandbox.faults.inject("rate_limit", path="/api/v2/search", retry_after=7)
    assert http.get("/api/v2/groups.json").status_code == 200  # not targeted
    reply = http.get("/api/v2/search.json", query="plan:basic")
    assert reply.status_code == 429
    assert reply.headers["Retry-After"] == "7"
    assert fault.fired == 1
    assert http.get("/api/v2/search.json", query="plan:basic").status_code == 200  # count was 1


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors(http: Http, sandbox: SandboxServer, status: int) -> None:
    sandbox.faults.inject("server_error", status=status, method="GET", count=2)
    assert http.get("/api/v2/groups.json").status_code == status
    assert http.get("/api/v2/groups.json").status_code == status
    assert http.get("/api/v2/groups.json").status_code == 200


def test_reset_before_processing_creates_nothing(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    sandbox.faults.inject("reset", method="POST", path="/api/v2/tickets")
    with pytest.raises(requests.ConnectionError):
        http.post("/api/v2/tickets.json", {"ticket": ticket(customer)})
    assert sandbox.tickets() == []
    # The next request (a new connection) works.
    assert http.post("/api/v2/tickets.json", {"ticket": ticket(customer)}).status_code == 201


def test_drop_after_create_creates_then_hangs_up(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets")
    with pytest.raises(requests.ConnectionError):
        http.post("/api/v2/tickets.json", {"ticket": ticket(customer)}, {"Idempotency-Key": "k-1"})
    assert len(sandbox.tickets()) == 1
    # The client's way out: the same key again is a hit and creates nothing more.
    again = http.post(
        "/api/v2/tickets.json", {"ticket": ticket(customer)}, {"Idempotency-Key": "k-1"}
    )
    assert again.headers["x-idempotency-lookup"] == "hit"
    assert len(sandbox.tickets()) == 1
    # create_many too: the job exists although the answer never came.
    sandbox.faults.inject("drop_after_create", path="/api/v2/tickets/create_many")
    with pytest.raises(requests.ConnectionError):
        http.post("/api/v2/tickets/create_many.json", {"tickets": [ticket(customer)]})
    assert sandbox.wait_for_jobs()
    assert len(sandbox.tickets()) == 2


@pytest.mark.parametrize("mode", ["reset", "503"])
def test_outage_window(http: Http, sandbox: SandboxServer, mode: str) -> None:
    sandbox.faults.outage(0.3, mode=mode)
    if mode == "reset":
        with pytest.raises(requests.ConnectionError):
            http.get("/api/v2/groups.json")
    else:
        assert http.get("/api/v2/groups.json").status_code == 503
    assert _control(sandbox, "stats")["total"] >= 1  # control endpoints keep working
    sandbox._stopping.wait(0.35)
    assert http.get("/api/v2/groups.json").status_code == 200


def test_probability_faults_are_reproducible(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    def pattern() -> list[int]:
        sandbox = sandbox_factory()
        sandbox.faults.inject("server_error", probability=0.5, seed=11)
        http = Http(sandbox)
        try:
            return [http.get("/api/v2/groups.json").status_code for _ in range(20)]
        finally:
            http.close()

    first = pattern()
    assert set(first) == {200, 503}
    assert pattern() == first


def test_control_endpoints(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    armed = _control(sandbox, "faults", {"kind": "server_error", "status": 502, "count": 1})
    assert armed["fault"]["status"] == 502
    assert http.get("/api/v2/groups.json").status_code == 502
    _control(sandbox, "faults", {"kind": "reset", "path": "/api/v2/groups"})
    _control(sandbox, "faults", {"clear": True})
    assert http.get("/api/v2/groups.json").status_code == 200
    config = _control(sandbox, "config", {"rate_limit_per_minute": 50, "latency_s": 0})
    assert config["config"]["rate_limit_per_minute"] == 50
    assert http.get("/api/v2/groups.json").headers["X-Rate-Limit"] == "50"
    http.post("/api/v2/tickets.json", {"ticket": ticket(customer)})
    tickets = _control(sandbox, "tickets")["tickets"]
    assert [t["requester_id"] for t in tickets] == [customer]
    stats = _control(sandbox, "stats")
    assert stats["requests"]["POST /api/v2/tickets"] == 1
    assert stats["faults"] == {"server_error": 1}
    assert stats["tickets"] == 1
    with pytest.raises(urllib.error.HTTPError) as bad:
        _control(sandbox, "config", {"customers": 5})
    assert bad.value.code == 400
    bad.value.close()
    # No credentials needed, but nothing of the API without them.
    assert requests.get(f"{sandbox.url}/api/v2/groups.json", timeout=TIMEOUT).status_code == 401
