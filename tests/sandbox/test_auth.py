"""Authentication traps: users/me answers 200 for anyone; elsewhere bad credentials are 401."""

from __future__ import annotations

import requests
from sandbox_support import TIMEOUT, Http, end_users

from proactive_desktop.sandbox import (
    DEMO_EMAIL,
    DEMO_OAUTH_TOKEN,
    DEMO_TOKEN,
    LIMITED_EMAIL,
    SandboxServer,
)


def test_users_me_answers_anonymous_200_for_wrong_or_missing_credentials(
    sandbox: SandboxServer,
) -> None:
    wrong = Http(sandbox, DEMO_EMAIL, "not-the-token")
    try:
        reply = wrong.get("/api/v2/users/me.json")
        assert reply.status_code == 200
        assert reply.json()["user"]["id"] is None
        assert reply.json()["user"]["role"] == "end-user"
        bare = requests.get(f"{sandbox.url}/api/v2/users/me.json", timeout=TIMEOUT)
        assert bare.status_code == 200
        assert bare.json()["user"]["id"] is None
    finally:
        wrong.close()


def test_wrong_credentials_elsewhere_are_401(sandbox: SandboxServer) -> None:
    wrong = Http(sandbox, DEMO_EMAIL, "not-the-token")
    try:
        reply = wrong.get("/api/v2/groups.json")
        assert reply.status_code == 401
        assert reply.json() == {"error": "Couldn't authenticate you"}
        bare = requests.get(f"{sandbox.url}/api/v2/user_fields.json", timeout=TIMEOUT)
        assert bare.status_code == 401
    finally:
        wrong.close()


def test_users_me_for_the_admin_and_the_limited_agent(http: Http, sandbox: SandboxServer) -> None:
    me = http.get("/api/v2/users/me.json").json()["user"]
    assert (me["email"], me["role"], me["role_type"]) == (DEMO_EMAIL, "admin", 4)
    assert isinstance(me["id"], int)
    limited = Http(sandbox, LIMITED_EMAIL)
    try:
        agent = limited.get("/api/v2/users/me.json").json()["user"]
        assert agent["role"] == "agent"
        assert agent["time_zone"] is None  # the case that broke the original app
        role = limited.get(f"/api/v2/custom_roles/{agent['custom_role_id']}.json").json()[
            "custom_role"
        ]
        assert role["configuration"]["view_access"] == "manage-personal"
        # Another role is not the agent's business.
        assert (
            limited.get(f"/api/v2/custom_roles/{agent['custom_role_id'] + 1}.json").status_code
            == 403
        )
    finally:
        limited.close()


def test_bearer_tokens_and_their_revocation(sandbox: SandboxServer) -> None:
    headers = {"Authorization": f"Bearer {DEMO_OAUTH_TOKEN}"}
    with requests.Session() as session:
        reply = session.get(f"{sandbox.url}/api/v2/groups.json", headers=headers, timeout=TIMEOUT)
        assert reply.status_code == 200
        sandbox.add_bearer_token("fresh-token", LIMITED_EMAIL)
        me = session.get(
            f"{sandbox.url}/api/v2/users/me.json",
            headers={"Authorization": "Bearer fresh-token"},
            timeout=TIMEOUT,
        )
        assert me.json()["user"]["email"] == LIMITED_EMAIL
        sandbox.revoke_bearer_token(DEMO_OAUTH_TOKEN)
        reply = session.get(f"{sandbox.url}/api/v2/groups.json", headers=headers, timeout=TIMEOUT)
        assert reply.status_code == 401


def test_end_users_and_suspended_agents_cannot_use_the_agent_api(sandbox: SandboxServer) -> None:
    customer = Http(sandbox, end_users(sandbox)[0]["email"], DEMO_TOKEN)
    suspended_agent = next(u for u in sandbox.users() if u["role"] == "agent" and u["suspended"])
    suspended = Http(sandbox, suspended_agent["email"], DEMO_TOKEN)
    try:
        forbidden = customer.get("/api/v2/groups.json")
        assert forbidden.status_code == 403
        assert forbidden.json()["error"]["title"] == "Forbidden"
        assert suspended.get("/api/v2/groups.json").status_code == 401
        assert suspended.get("/api/v2/users/me.json").json()["user"]["id"] is None
    finally:
        customer.close()
        suspended.close()
