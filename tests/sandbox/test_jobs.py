"""create_many jobs: queued → working → completed, per-index errors, the queued-jobs cap."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sandbox_support import Http, end_users, ticket

from proactive_desktop.sandbox import ACCOUNT_ID, SandboxServer


def _poll(http: Http, job_id: str, until: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status: dict[str, Any] = http.get(f"/api/v2/job_statuses/{job_id}.json").json()[
            "job_status"
        ]
        if until(status):
            return status
        time.sleep(0.005)
    raise AssertionError(f"job {job_id} never got there")


def test_job_lifecycle_with_per_index_errors(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.02, job_start_delay_s=0.05)
    http = Http(sandbox)
    try:
        customers = end_users(sandbox)[:10]
        batch = [ticket(c["id"], external_id=f"c-{c['id']}") for c in customers]
        batch[3] = ticket(12345)  # unknown requester
        batch[7] = ticket(customers[7]["id"], status="solved")  # Product missing
        reply = http.post("/api/v2/tickets/create_many.json", {"tickets": batch})
        assert reply.status_code == 200
        job = reply.json()["job_status"]
        assert job["status"] == "queued"
        assert job["progress"] is None
        assert job["id"].startswith("V3-")
        assert job["total"] == 10
        working = _poll(http, job["id"], lambda s: s["status"] == "working" and s["progress"])
        assert working["message"].startswith("Creating ticket #")
        assert 0 < working["progress"] < 10
        done = _poll(http, job["id"], lambda s: s["status"] == "completed")
        assert done["progress"] == 10
        results = done["results"]
        assert [r["index"] for r in results] == list(range(10))
        assert results[3]["error"] == "RecordInvalid"
        assert "Requester" in results[3]["details"]
        assert "Product" in results[7]["details"]
        made = {r["index"]: r["id"] for r in results if "id" in r}
        assert len(made) == 8
        assert all(r["account_id"] == ACCOUNT_ID for r in results if "id" in r)
        oracle = {t["id"]: t for t in sandbox.tickets()}
        assert set(oracle) == set(made.values())
        for index, ticket_id in made.items():
            assert oracle[ticket_id]["requester_id"] == customers[index]["id"]
        many = http.get("/api/v2/job_statuses/show_many.json", ids=f"{job['id']},V3-unknown")
        assert [j["id"] for j in many.json()["job_statuses"]] == [job["id"]]
        assert http.get("/api/v2/job_statuses/V3-unknown.json").status_code == 404
    finally:
        http.close()


def test_too_many_jobs_is_429_and_jobs_run_side_by_side(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(max_queued_jobs=3, job_seconds_per_ticket=0.05, job_start_delay_s=0)
    http = Http(sandbox)
    try:
        customers = end_users(sandbox)
        jobs = []
        for n in range(3):
            batch = [ticket(c["id"]) for c in customers[n * 4 : n * 4 + 4]]
            reply = http.post("/api/v2/tickets/create_many.json", {"tickets": batch})
            assert reply.status_code == 200
            jobs.append(reply.json()["job_status"]["id"])
        refused = http.post(
            "/api/v2/tickets/create_many.json", {"tickets": [ticket(customers[20]["id"])]}
        )
        assert refused.status_code == 429
        assert refused.json()["error"] == "TooManyJobs"
        assert int(refused.headers["Retry-After"]) >= 1
        _poll(http, jobs[0], lambda s: s["status"] == "completed")
        # Side by side: when the first job is done the last one is no longer waiting its turn
        # (one by one, it would still be queued behind the second).
        last = http.get(f"/api/v2/job_statuses/{jobs[-1]}.json").json()["job_status"]
        assert last["status"] in ("working", "completed")
        for job_id in jobs:
            _poll(http, job_id, lambda s: s["status"] == "completed")
        assert sandbox.stats()["jobs"]["max_in_flight"] == 3
        assert len(sandbox.tickets()) == 12
        accepted = http.post(
            "/api/v2/tickets/create_many.json", {"tickets": [ticket(customers[20]["id"])]}
        )
        assert accepted.status_code == 200
    finally:
        http.close()


def test_create_many_input_limits(http: Http, sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]["id"]
    too_many = http.post("/api/v2/tickets/create_many.json", {"tickets": [ticket(customer)] * 101})
    assert too_many.status_code == 400
    assert http.post("/api/v2/tickets/create_many.json", {"tickets": []}).status_code == 400
    assert sandbox.wait_for_jobs()
    assert sandbox.tickets() == []


def test_an_answer_lost_after_accept_leaves_a_queued_job_that_runs_later(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    # A busy account: the job waits 20 s in the queue (10x clock: 2 s here).
    sandbox = sandbox_factory(job_start_delay_s=20.0, time_scale=10.0)
    http = Http(sandbox)
    try:
        customer = end_users(sandbox)[0]["id"]
        sandbox.faults.inject("lost_after_accept", path="/api/v2/tickets/create_many")
        with pytest.raises(requests.ConnectionError):
            http.post("/api/v2/tickets/create_many.json", {"tickets": [ticket(customer)]})
        # Accepted: the account lists it, queued, while no ticket exists yet.
        listed = http.get("/api/v2/job_statuses.json").json()
        assert [j["status"] for j in listed["job_statuses"]] == ["queued"]
        assert listed["job_statuses"][0]["total"] == 1
        assert sandbox.tickets() == []
        assert sandbox.wait_for_jobs(timeout=10)
        assert len(sandbox.tickets()) == 1
        done = http.get("/api/v2/job_statuses.json").json()["job_statuses"]
        assert [j["status"] for j in done] == ["completed"]
    finally:
        http.close()


def test_lost_after_accept_delivers_a_refusal(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory()
    http = Http(sandbox)
    try:
        sandbox.faults.inject("lost_after_accept", path="/api/v2/tickets/create_many")
        refused = http.post("/api/v2/tickets/create_many.json", {"tickets": []})
        assert refused.status_code == 400  # not accepted: the answer arrives
    finally:
        http.close()


def test_the_job_list_is_newest_first_and_paged(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(job_start_delay_s=3600.0)
    http = Http(sandbox)
    try:
        customer = end_users(sandbox)[0]["id"]
        ids = [
            http.post(
                "/api/v2/tickets/create_many.json", {"tickets": [ticket(customer)] * n}
            ).json()["job_status"]["id"]
            for n in (1, 2, 3)
        ]
        first = http.get("/api/v2/job_statuses.json?per_page=2").json()
        assert [j["id"] for j in first["job_statuses"]] == [ids[2], ids[1]]
        assert first["count"] == 3
        assert first["next_page"] is not None
        rest = http.get(first["next_page"].removeprefix(sandbox.url)).json()
        assert [j["id"] for j in rest["job_statuses"]] == [ids[0]]
        assert rest["next_page"] is None
    finally:
        http.close()


def test_the_time_scale_speeds_up_the_accounts_clock(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(job_start_delay_s=60.0, time_scale=50.0)
    http = Http(sandbox)
    try:
        customer = end_users(sandbox)[0]["id"]
        job = http.post("/api/v2/tickets/create_many.json", {"tickets": [ticket(customer)]})
        assert job.json()["job_status"]["status"] == "queued"
        # 60 s of the account's time are a little over a second here.
        assert sandbox.wait_for_jobs(timeout=5)
        assert len(sandbox.tickets()) == 1
    finally:
        http.close()
