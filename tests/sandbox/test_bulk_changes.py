"""update_many and destroy_many jobs, deleted tickets, and the control endpoints that plant and
delete tickets behind a client's back."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests
from sandbox_support import TIMEOUT, Http, end_users, ticket

from proactive_desktop.sandbox import SandboxServer


def _poll_done(http: Http, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status: dict[str, Any] = http.get(f"/api/v2/job_statuses/{job_id}.json").json()[
            "job_status"
        ]
        if status["status"] == "completed":
            return status
        time.sleep(0.005)
    raise AssertionError(f"job {job_id} did not complete")


def _tickets(sandbox: SandboxServer, count: int, **extra: Any) -> list[int]:
    return [
        sandbox.plant_ticket(**ticket(user["id"], **extra))["id"]
        for user in end_users(sandbox)[:count]
    ]


def test_update_many_with_ids_solves_with_a_note_and_reports_each_ticket(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01, job_start_delay_s=0.02)
    http = Http(sandbox)
    product = next(f["id"] for f in sandbox.data.ticket_fields if f["title"] == "Product")
    ids = _tickets(sandbox, 4, custom_fields=[{"id": product, "value": "product_services"}])
    unsolvable = sandbox.plant_ticket(**ticket(end_users(sandbox)[5]["id"]))["id"]
    change = {
        "status": "solved",
        "comment": {"body": "Sent by mistake", "public": False},
        "additional_tags": ["withdrawn"],
    }
    reply = http.session.put(
        f"{sandbox.url}/api/v2/tickets/update_many.json",
        params={"ids": ",".join(str(i) for i in [*ids, unsolvable, 999999])},
        json={"ticket": change},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200
    job = reply.json()["job_status"]
    assert job["status"] == "queued"
    assert job["total"] == 6
    done = _poll_done(http, job["id"])
    results = {r["id"]: r for r in done["results"]}
    assert all(results[i]["success"] and results[i]["status"] == "Updated" for i in ids)
    assert results[unsolvable]["success"] is False
    assert "Product" in results[unsolvable]["details"]
    assert results[999999]["error"] == "RecordNotFound"
    oracle = {t["id"]: t for t in sandbox.tickets()}
    for ticket_id in ids:
        assert oracle[ticket_id]["status"] == "solved"
        assert "withdrawn" in oracle[ticket_id]["tags"]
        note = oracle[ticket_id]["comments"][-1]
        assert (note["body"], note["public"]) == ("Sent by mistake", False)
    assert oracle[unsolvable]["status"] != "solved"
    assert len(oracle[unsolvable]["comments"]) == 1
    http.close()


def test_update_many_with_a_tickets_array_changes_each_its_own_way(
    sandbox: SandboxServer, http: Http
) -> None:
    first, second = _tickets(sandbox, 2)
    reply = http.session.put(
        f"{sandbox.url}/api/v2/tickets/update_many.json",
        json={"tickets": [{"id": first, "priority": "high"}, {"id": second, "priority": "low"}]},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200
    _poll_done(http, reply.json()["job_status"]["id"])
    oracle = {t["id"]: t for t in sandbox.tickets()}
    assert (oracle[first]["priority"], oracle[second]["priority"]) == ("high", "low")


def test_bulk_requests_are_checked_before_a_job_is_made(sandbox: SandboxServer, http: Http) -> None:
    url = f"{sandbox.url}/api/v2/tickets"
    too_many = ",".join(str(i) for i in range(1, 102))
    answers = [
        http.session.put(f"{url}/update_many.json", params={"ids": "1"}, json={}, timeout=TIMEOUT),
        http.session.put(f"{url}/update_many.json", json={"tickets": [{}]}, timeout=TIMEOUT),
        http.session.put(
            f"{url}/update_many.json",
            params={"ids": too_many},
            json={"ticket": {}},
            timeout=TIMEOUT,
        ),
        http.session.delete(f"{url}/destroy_many.json", timeout=TIMEOUT),
        http.session.delete(f"{url}/destroy_many.json", params={"ids": too_many}, timeout=TIMEOUT),
    ]
    assert [a.status_code for a in answers] == [400] * 5
    assert sandbox.stats()["jobs"]["by_kind"] == {}


def test_destroy_many_deletes_tickets_everywhere_and_counts_them(
    sandbox: SandboxServer, http: Http
) -> None:
    ids = _tickets(sandbox, 3, tags=["spring_sale"])
    kept = _tickets(sandbox, 1, tags=["spring_sale"])
    reply = http.session.delete(
        f"{sandbox.url}/api/v2/tickets/destroy_many.json",
        params={"ids": ",".join(str(i) for i in [*ids, 424242])},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200
    done = _poll_done(http, reply.json()["job_status"]["id"])
    results = {r["id"]: r for r in done["results"]}
    assert all(results[i]["status"] == "Deleted" for i in ids)
    assert results[424242]["success"] is False
    # Gone from show, show_many, the list and search; kept among the deleted tickets.
    assert http.get(f"/api/v2/tickets/{ids[0]}.json").status_code == 404
    many = http.get("/api/v2/tickets/show_many.json", ids=",".join(map(str, ids + kept)))
    assert [t["id"] for t in many.json()["tickets"]] == kept
    listed = {t["id"] for t in http.get("/api/v2/tickets.json").json()["tickets"]}
    assert listed == set(kept)
    found = http.get(
        "/api/v2/search/export.json", query="tags:spring_sale", **{"filter[type]": "ticket"}
    ).json()["results"]
    assert [t["id"] for t in found] == kept
    assert sorted(t["id"] for t in sandbox.deleted_tickets()) == sorted(ids)
    deleted = http.get("/api/v2/deleted_tickets.json").json()["deleted_tickets"]
    assert sorted(t["id"] for t in deleted) == sorted(ids)
    assert sandbox.stats()["deleted_tickets"] == 3
    assert sandbox.stats()["jobs"]["by_kind"] == {"destroy": 1}


def test_control_endpoints_plant_and_delete_tickets(sandbox: SandboxServer) -> None:
    customer = end_users(sandbox)[0]
    control = f"{sandbox.url}/__sandbox/tickets"
    planted = requests.post(
        control, json={"ticket": ticket(customer["id"], tags=["stray_tag"])}, timeout=TIMEOUT
    )
    assert planted.status_code == 201
    ticket_id = planted.json()["ticket"]["id"]
    assert planted.json()["ticket"]["requester_id"] == customer["id"]
    assert (
        requests.post(control, json={"ticket": {"requester_id": 1}}, timeout=TIMEOUT).status_code
        == 400
    )
    assert requests.delete(f"{control}/{ticket_id}", timeout=TIMEOUT).status_code == 200
    assert requests.delete(f"{control}/{ticket_id}", timeout=TIMEOUT).status_code == 404
    deleted = requests.get(f"{sandbox.url}/__sandbox/deleted_tickets", timeout=TIMEOUT).json()
    assert [t["id"] for t in deleted["deleted_tickets"]] == [ticket_id]
    assert sandbox.tickets() == []
