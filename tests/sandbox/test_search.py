"""Search: the 1,000-result cap, export cursors, and the query language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandbox_support import Http, ticket

from proactive_desktop.sandbox import SandboxServer


def _search_ids(http: Http, query: str) -> list[int]:
    ids: list[int] = []
    url: str | None = None
    reply = http.get("/api/v2/search.json", query=query)
    while True:
        assert reply.status_code == 200, reply.text
        body = reply.json()
        ids += [r["id"] for r in body["results"]]
        url = body["next_page"]
        if url is None:
            return ids
        reply = http.get(url)


def _export_ids(http: Http, query: str, kind: str = "user", size: int = 1000) -> list[int]:
    ids: list[int] = []
    reply = http.get(
        "/api/v2/search/export.json", query=query, **{"filter[type]": kind, "page[size]": size}
    )
    for _ in range(1000):
        assert reply.status_code == 200, reply.text
        body = reply.json()
        ids += [r["id"] for r in body["results"]]
        if not body["meta"]["has_more"]:
            assert body["links"]["next"] is None
            return ids
        assert body["meta"]["after_cursor"]
        reply = http.get(body["links"]["next"])
    raise AssertionError("export never ended")


def test_search_pages_by_100_and_refuses_past_1000(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(customers=1150)
    http = Http(sandbox)
    try:
        first = http.get("/api/v2/search.json", query="type:user").json()
        total = len(sandbox.users())
        assert first["count"] == total > 1000
        assert len(first["results"]) == 100
        assert all(r["result_type"] == "user" for r in first["results"])
        tenth = http.get("/api/v2/search.json", query="type:user", page=10)
        assert tenth.status_code == 200
        assert tenth.json()["next_page"] is not None  # Zendesk still offers the page it refuses
        eleventh = http.get(tenth.json()["next_page"])
        assert eleventh.status_code == 422
        assert "Search Response Limits" in eleventh.json()["description"]
        # The export has no cap: every user, in order, across cursor pages.
        exported = _export_ids(http, "type:user", size=400)
        assert exported == sorted(u["id"] for u in sandbox.users())
    finally:
        http.close()


def test_export_requires_a_type_and_a_valid_cursor(
    http: Http, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    missing = http.get("/api/v2/search/export.json", query="plan:premium")
    assert missing.status_code == 400
    too_big = http.get(
        "/api/v2/search/export.json", query="x", **{"filter[type]": "user", "page[size]": 1001}
    )
    assert too_big.status_code == 400
    bogus = http.get(
        "/api/v2/search/export.json", **{"filter[type]": "user", "page[after]": "nonsense"}
    )
    assert bogus.status_code == 400
    # The sandbox's cursors expire like Zendesk's (an hour there, a moment here).
    quick = sandbox_factory(cursor_ttl_s=0.05)
    other = Http(quick)
    try:
        page = other.get(
            "/api/v2/search/export.json",
            query="type:user",
            **{"filter[type]": "user", "page[size]": 10},
        ).json()
        assert page["meta"]["has_more"]
        quick._stopping.wait(0.1)
        assert other.get(page["links"]["next"]).status_code == 400
    finally:
        other.close()


def _users(sandbox: SandboxServer) -> dict[int, dict[str, Any]]:
    return {u["id"]: u for u in sandbox.users()}


def test_query_language(http: Http, sandbox: SandboxServer) -> None:
    users = _users(sandbox)
    orgs = {o["id"]: o for o in sandbox.data.organizations}

    def ids(query: str) -> set[int]:
        found = _export_ids(http, query)
        assert len(found) == len(set(found))
        return set(found)

    def where(predicate: Callable[[dict[str, Any]], bool]) -> set[int]:
        return {i for i, u in users.items() if predicate(u)}

    premium = where(lambda u: u["user_fields"]["plan"] == "premium")
    assert premium
    assert ids("plan:premium") == premium
    assert ids("PLAN:Premium type:user") == premium
    tokyo = where(lambda u: u["user_fields"]["city"] == "Tokyo")
    assert ids('plan:premium city:"Tokyo"') == premium & tokyo
    assert ids("plan:premium -city:Tokyo") == premium - tokyo
    assert ids("tags:vip") == where(lambda u: "vip" in u["tags"])
    assert ids("role:admin") == where(lambda u: u["role"] == "admin")
    assert ids("role:agent") == where(lambda u: u["role"] == "agent")
    assert ids("is_suspended:true") == where(lambda u: u["suspended"])
    assert ids("renewal_date<2026-03-01") == where(
        lambda u: (u["user_fields"]["renewal_date"] or "9999") < "2026-03-01"
    )
    assert ids("created>2024-01-01") == where(lambda u: u["created_at"][:10] > "2024-01-01")
    assert ids("renewal_date:none") == where(lambda u: u["user_fields"]["renewal_date"] is None)
    assert ids("newsletter:true") == where(lambda u: u["user_fields"]["newsletter"])
    # Free text finds any field value, staff included (the campaign drops them later).
    assert ids("tokyo") >= tokyo
    assert any(users[i]["role"] != "end-user" for i in ids("tokyo"))
    # Organizations, quoted exactly.
    org = next(iter(orgs.values()))
    assert ids(f'organization:"{org["name"]}"') == where(
        lambda u: u["organization_id"] == org["id"]
    )
    # Email: exact, case-insensitive, and with wildcards.
    someone = next(u for u in users.values() if u["email"] and u["role"] == "end-user")
    assert ids(f"email:{someone['email'].upper()}") == {someone["id"]}
    domain = someone["email"].split("@")[1]
    assert ids(f"email:*@{domain}") == where(
        lambda u: (u["email"] or "").casefold().endswith("@" + domain)
    )
    # Names: a word, a quoted phrase, CJK without spaces.
    latin = next(u for u in users.values() if u["name"].isascii() and " " in u["name"])
    first, _, _rest = latin["name"].partition(" ")
    assert latin["id"] in ids(f"name:{first.lower()}")
    assert ids(f'"{latin["name"]}"') == where(lambda u: latin["name"].lower() in u["name"].lower())
    cjk = next(u for u in users.values() if not u["name"].isascii() and " " not in u["name"])
    assert cjk["id"] in ids(cjk["name"][:1])
    # Nothing, rather than an error, for unknown fields.
    assert ids("no_such_field:x") == set()


def test_search_is_deterministic_and_offset_search_agrees_with_export(http: Http) -> None:
    query = "plan:standard"
    assert _search_ids(http, query) == _export_ids(http, query) == _export_ids(http, query, size=7)


def test_tickets_are_found_by_tag(http: Http, sandbox: SandboxServer) -> None:
    requester = next(u for u in sandbox.users() if u["role"] == "end-user")
    created = [
        http.post("/api/v2/tickets.json", {"ticket": ticket(requester["id"])}).json()["ticket"][
            "id"
        ]
        for _ in range(3)
    ]
    http.post(
        "/api/v2/tickets.json", {"ticket": ticket(requester["id"], tags=["another_campaign"])}
    )
    assert _search_ids(http, "type:ticket tags:renewal_november") == created
    assert _export_ids(http, "tags:renewal_november", kind="ticket", size=2) == created
    assert _search_ids(http, "type:ticket tags:renewal_november status<solved") == created
    by_external = http.get("/api/v2/tickets.json", external_id="nope").json()
    assert by_external["tickets"] == []


def test_ticket_search_can_lag_like_zendesk_indexing(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(search_index_delay_s=0.2)
    http = Http(sandbox)
    try:
        requester = next(u for u in sandbox.users() if u["role"] == "end-user")
        http.post("/api/v2/tickets.json", {"ticket": ticket(requester["id"])})
        assert _search_ids(http, "type:ticket tags:renewal_november") == []
        sandbox._stopping.wait(0.25)
        assert len(_search_ids(http, "type:ticket tags:renewal_november")) == 1
    finally:
        http.close()


def test_users_lookups(http: Http, sandbox: SandboxServer) -> None:
    users = sandbox.users()
    someone = next(u for u in users if u["email"] and u["role"] == "end-user")
    found = http.get("/api/v2/users/search.json", query=someone["email"].upper()).json()["users"]
    assert [u["id"] for u in found] == [someone["id"]]
    ids = [u["id"] for u in users[:99]]
    shown = http.get("/api/v2/users/show_many.json", ids=",".join(map(str, [*ids, 1])))
    assert [u["id"] for u in shown.json()["users"]] == ids  # unknown ids are left out
    too_many = http.get("/api/v2/users/show_many.json", ids=",".join(map(str, range(1, 102))))
    assert too_many.status_code == 400
    # Cursor pagination over everyone.
    seen: list[int] = []
    reply = http.get("/api/v2/users.json", **{"page[size]": 100})
    while True:
        body = reply.json()
        seen += [u["id"] for u in body["users"]]
        if not body["meta"]["has_more"]:
            break
        reply = http.get(body["links"]["next"])
    assert seen == [u["id"] for u in users]
    # Offset pagination too.
    offset = http.get("/api/v2/users.json", per_page=100, page=2).json()
    assert [u["id"] for u in offset["users"]] == [u["id"] for u in users[100:200]]
    assert offset["count"] == len(users)
    org_ids = sorted({u["organization_id"] for u in users if u["organization_id"]})[:5]
    orgs = http.get("/api/v2/organizations/show_many.json", ids=",".join(map(str, org_ids)))
    assert [o["id"] for o in orgs.json()["organizations"]] == org_ids
    assert "region" in orgs.json()["organizations"][0]["organization_fields"]
