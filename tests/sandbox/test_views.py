"""Views: the ALL-condition rule, the 10-column cap, and the shared-view permission."""

from __future__ import annotations

from typing import Any

from sandbox_support import Http

from proactive_desktop.sandbox import LEAD_EMAIL, LIMITED_EMAIL, SandboxServer


def _view(**changes: Any) -> dict[str, Any]:
    view: dict[str, Any] = {
        "title": "Campaign: Renewal November",
        "all": [
            {"field": "status", "operator": "less_than", "value": "closed"},
            {"field": "current_tags", "operator": "includes", "value": "renewal_november"},
        ],
        "output": {"columns": ["status", "subject", "requester", "created"]},
    }
    view.update(changes)
    return {"view": view}


def test_admin_creates_a_shared_view(http: Http, sandbox: SandboxServer) -> None:
    reply = http.post("/api/v2/views.json", _view())
    assert reply.status_code == 201
    view_id = reply.json()["view"]["id"]
    assert [v["id"] for v in sandbox.views()] == [view_id]
    assert http.get(f"/api/v2/views/{view_id}.json").json()["view"]["title"].startswith("Campaign")


def test_all_needs_a_ticket_property_condition(http: Http, sandbox: SandboxServer) -> None:
    only_tags = [{"field": "current_tags", "operator": "includes", "value": "x"}]
    reply = http.post(
        "/api/v2/views.json",
        _view(all=only_tags, any=[{"field": "status", "operator": "is", "value": "open"}]),
    )
    assert reply.status_code == 422
    assert reply.json()["error"] == "RecordInvalid"
    assert "ALL conditions" in reply.json()["details"]["base"][0]["description"]
    columns = [f"c{n}" for n in range(11)]
    assert http.post("/api/v2/views.json", _view(output={"columns": columns})).status_code == 422
    assert http.post("/api/v2/views.json", _view(title="")).status_code == 422
    assert sandbox.views() == []


def test_limited_agent_gets_403_but_a_team_lead_may(sandbox: SandboxServer) -> None:
    limited = Http(sandbox, LIMITED_EMAIL)
    lead = Http(sandbox, LEAD_EMAIL)
    try:
        refused = limited.post("/api/v2/views.json", _view())
        assert refused.status_code == 403
        assert refused.json()["error"]["title"] == "Forbidden"
        assert "You do not have access" in refused.json()["error"]["message"]
        me = limited.get("/api/v2/users/me.json").json()["user"]
        personal = _view(restriction={"type": "User", "id": me["id"]})
        assert limited.post("/api/v2/views.json", personal).status_code == 201
        assert lead.post("/api/v2/views.json", _view()).status_code == 201
    finally:
        limited.close()
        lead.close()
