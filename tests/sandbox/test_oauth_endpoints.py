"""The sandbox's OAuth server over loopback HTTP: PKCE authorization, code exchange, rotation.

The browser is played by requests with redirects off; PKCE is computed here with hashlib, not
with the program's own code, so the sandbox stays an independent oracle.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from sandbox_support import TIMEOUT

from proactive_desktop.sandbox import (
    DEMO_EMAIL,
    DEMO_OAUTH_CLIENT_ID,
    DEMO_OAUTH_REDIRECT_URLS,
    SandboxServer,
)

REDIRECT = DEMO_OAUTH_REDIRECT_URLS[0]


def challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize(
    sandbox: SandboxServer, verifier: str, *, state: str = "st4te", **overrides: str
) -> requests.Response:
    params = {
        "response_type": "code",
        "client_id": DEMO_OAUTH_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "scope": "read write",
        "state": state,
        "code_challenge": challenge(verifier),
        "code_challenge_method": "S256",
        **overrides,
    }
    return requests.get(
        f"{sandbox.url}/oauth/authorizations/new?{urlencode(params)}",
        allow_redirects=False,
        timeout=TIMEOUT,
    )


def redirected_query(reply: requests.Response) -> dict[str, str]:
    assert reply.status_code == 302, reply.text
    location = reply.headers["Location"]
    assert location.startswith(REDIRECT)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def token(sandbox: SandboxServer, **form: str) -> requests.Response:
    return requests.post(f"{sandbox.url}/oauth/tokens", data=form, timeout=TIMEOUT)


def sign_in(sandbox: SandboxServer) -> dict[str, Any]:
    verifier = secrets.token_urlsafe(64)
    code = redirected_query(authorize(sandbox, verifier))["code"]
    reply = token(
        sandbox,
        grant_type="authorization_code",
        code=code,
        client_id=DEMO_OAUTH_CLIENT_ID,
        redirect_uri=REDIRECT,
        code_verifier=verifier,
        scope="read write",
    )
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


def me(sandbox: SandboxServer, access_token: str) -> requests.Response:
    return requests.get(
        f"{sandbox.url}/api/v2/groups.json",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=TIMEOUT,
    )


def test_approval_redirects_with_code_and_state_and_the_code_buys_tokens(
    sandbox: SandboxServer,
) -> None:
    verifier = secrets.token_urlsafe(64)
    query = redirected_query(authorize(sandbox, verifier, state="abc123"))
    assert query["state"] == "abc123"
    reply = token(
        sandbox,
        grant_type="authorization_code",
        code=query["code"],
        client_id=DEMO_OAUTH_CLIENT_ID,
        redirect_uri=REDIRECT,
        code_verifier=verifier,
        scope="read write",
    )
    assert reply.status_code == 200
    body = reply.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 1800  # Zendesk's default: 30 minutes
    assert body["refresh_token_expires_in"] == 30 * 86400  # and 30 days
    assert body["access_token"] != body["refresh_token"]
    who = requests.get(
        f"{sandbox.url}/api/v2/users/me.json",
        headers={"Authorization": f"Bearer {body['access_token']}"},
        timeout=TIMEOUT,
    ).json()["user"]
    assert who["email"] == DEMO_EMAIL
    assert me(sandbox, body["access_token"]).status_code == 200
    assert sandbox.oauth.counts() == {"authorized": 1, "exchanged": 1}


def test_a_json_body_is_accepted_too(sandbox: SandboxServer) -> None:
    verifier = secrets.token_urlsafe(64)
    code = redirected_query(authorize(sandbox, verifier))["code"]
    reply = requests.post(
        f"{sandbox.url}/oauth/tokens",
        json={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": DEMO_OAUTH_CLIENT_ID,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"code_verifier": "x" * 64},  # not the verifier of the challenge
        {"redirect_uri": DEMO_OAUTH_REDIRECT_URLS[1]},  # registered, but not the code's
        {"client_id": DEMO_OAUTH_CLIENT_ID, "code": "not-a-code"},
    ],
)
def test_a_wrong_verifier_redirect_or_code_is_invalid_grant(
    sandbox: SandboxServer, change: dict[str, str]
) -> None:
    verifier = secrets.token_urlsafe(64)
    code = redirected_query(authorize(sandbox, verifier))["code"]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": DEMO_OAUTH_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
        **change,
    }
    reply = token(sandbox, **form)
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_grant"


def test_a_code_works_once(sandbox: SandboxServer) -> None:
    verifier = secrets.token_urlsafe(64)
    code = redirected_query(authorize(sandbox, verifier))["code"]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": DEMO_OAUTH_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
    }
    assert token(sandbox, **form).status_code == 200
    assert token(sandbox, **form).json()["error"] == "invalid_grant"


def test_unknown_client_and_foreign_redirect_get_no_redirect(sandbox: SandboxServer) -> None:
    verifier = secrets.token_urlsafe(64)
    unknown = authorize(sandbox, verifier, client_id="someone-else")
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "invalid_client"
    assert "Location" not in unknown.headers
    foreign = authorize(sandbox, verifier, redirect_uri="https://attacker.example/callback")
    assert foreign.status_code == 400
    assert "Location" not in foreign.headers


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:29173/callback",  # a loopback port nobody registered
        "http://127.0.0.1:29170/callback/",  # the registered port, another path
        "http://127.0.0.1:29170/other",
        "http://localhost:29170/callback",  # the same place by another name
        "http://127.0.0.1/callback",  # no port
        "https://127.0.0.1:29170/callback",
    ],
)
def test_only_a_registered_redirect_url_exactly_is_accepted(
    sandbox: SandboxServer, redirect_uri: str
) -> None:
    reply = authorize(sandbox, secrets.token_urlsafe(64), redirect_uri=redirect_uri)
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_request"
    assert "Location" not in reply.headers
    assert sandbox.oauth.counts() == {"refused_redirect": 1}


def test_every_registered_redirect_url_is_accepted(sandbox: SandboxServer) -> None:
    for url in DEMO_OAUTH_REDIRECT_URLS:
        reply = authorize(sandbox, secrets.token_urlsafe(64), redirect_uri=url)
        assert reply.status_code == 302
        assert reply.headers["Location"].startswith(url + "?")


def test_a_client_without_registered_urls_gets_no_redirect(sandbox: SandboxServer) -> None:
    sandbox.configure(oauth_clients=[DEMO_OAUTH_CLIENT_ID, "bare"])
    reply = authorize(sandbox, secrets.token_urlsafe(64), client_id="bare")
    assert reply.status_code == 400
    assert "Location" not in reply.headers


@pytest.mark.parametrize(
    "change",
    [{"code_challenge_method": "plain"}, {"code_challenge": ""}],
)
def test_pkce_s256_is_required(sandbox: SandboxServer, change: dict[str, str]) -> None:
    query = redirected_query(authorize(sandbox, secrets.token_urlsafe(64), **change))
    assert query["error"] == "invalid_request"
    assert "code" not in query


def test_denial_by_config_and_by_flag(sandbox_factory: Callable[..., SandboxServer]) -> None:
    denying = sandbox_factory(customers=5, oauth_deny=True)
    query = redirected_query(authorize(denying, secrets.token_urlsafe(64), state="s1"))
    assert query == {
        "error": "access_denied",
        "error_description": "The end-user or authorization server denied the request",
        "state": "s1",
    }
    approving = sandbox_factory(customers=5)
    flagged = redirected_query(authorize(approving, secrets.token_urlsafe(64), sandbox_deny="1"))
    assert flagged["error"] == "access_denied"
    assert approving.oauth.counts() == {"denied": 1}


def test_access_tokens_expire_and_refresh_tokens_rotate(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(customers=5, oauth_access_token_ttl_s=0.5)
    first = sign_in(sandbox)
    assert first["expires_in"] == 0.5
    assert me(sandbox, first["access_token"]).status_code == 200
    time.sleep(0.6)  # the sandbox's clock is real time: let the token age
    expired = me(sandbox, first["access_token"])
    assert expired.status_code == 401
    assert expired.json() == {"error": "Couldn't authenticate you"}
    renewed = token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
        client_id=DEMO_OAUTH_CLIENT_ID,
    )
    assert renewed.status_code == 200
    second = renewed.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert me(sandbox, second["access_token"]).status_code == 200
    # The old refresh token was spent by the rotation.
    again = token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
        client_id=DEMO_OAUTH_CLIENT_ID,
    )
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_a_refresh_deletes_the_old_access_token_at_once(sandbox: SandboxServer) -> None:
    first = sign_in(sandbox)
    assert me(sandbox, first["access_token"]).status_code == 200
    second = token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
        client_id=DEMO_OAUTH_CLIENT_ID,
    ).json()
    # Not expired, yet gone: the rotation deleted the previous pair.
    assert me(sandbox, first["access_token"]).status_code == 401
    assert me(sandbox, second["access_token"]).status_code == 200
    assert second["expires_in"] == first["expires_in"]
    assert second["refresh_token_expires_in"] == first["refresh_token_expires_in"]
    assert sandbox.oauth.live_refresh_tokens() == 1


def test_an_expired_refresh_token_is_invalid_grant(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(customers=5, oauth_refresh_token_ttl_s=0.3)
    issued = sign_in(sandbox)
    assert issued["refresh_token_expires_in"] == 0.3
    time.sleep(0.4)  # the sandbox's clock is real time: let the refresh token age
    reply = token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=issued["refresh_token"],
        client_id=DEMO_OAUTH_CLIENT_ID,
    )
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_grant"


def sign_in_asking(sandbox: SandboxServer, **lifetimes: str) -> requests.Response:
    verifier = secrets.token_urlsafe(64)
    code = redirected_query(authorize(sandbox, verifier))["code"]
    return token(
        sandbox,
        grant_type="authorization_code",
        code=code,
        client_id=DEMO_OAUTH_CLIENT_ID,
        redirect_uri=REDIRECT,
        code_verifier=verifier,
        **lifetimes,
    )


def test_lifetimes_can_be_asked_for_within_zendesks_ranges(sandbox: SandboxServer) -> None:
    body = sign_in_asking(
        sandbox, expires_in="300", refresh_token_expires_in=str(90 * 86400)
    ).json()
    assert body["expires_in"] == 300
    assert body["refresh_token_expires_in"] == 90 * 86400
    for asked in ({"expires_in": "299"}, {"refresh_token_expires_in": str(6 * 86400)}):
        reply = sign_in_asking(sandbox, **asked)
        assert reply.status_code == 400
        assert reply.json()["error"] == "invalid_request"


def test_revoked_refresh_tokens_and_unknown_grants(sandbox: SandboxServer) -> None:
    issued = sign_in(sandbox)
    sandbox.oauth.revoke_refresh_tokens()
    reply = token(
        sandbox,
        grant_type="refresh_token",
        refresh_token=issued["refresh_token"],
        client_id=DEMO_OAUTH_CLIENT_ID,
    )
    assert reply.json()["error"] == "invalid_grant"
    assert token(sandbox, grant_type="password", client_id=DEMO_OAUTH_CLIENT_ID).json() == {
        "error": "unsupported_grant_type",
        "error_description": "grant_type is not supported",
    }
    assert token(sandbox, grant_type="refresh_token", client_id="nobody").status_code == 401


def test_oauth_settings_can_change_on_a_running_sandbox(sandbox: SandboxServer) -> None:
    reply = requests.post(
        f"{sandbox.url}/__sandbox/config",
        json={"oauth_deny": True, "oauth_clients": ["a", "b"]},
        timeout=TIMEOUT,
    )
    assert reply.status_code == 200
    assert reply.json()["config"]["oauth_clients"] == ["a", "b"]
    assert sandbox.config.oauth_clients == frozenset({"a", "b"})
    with pytest.raises(ValueError, match="oauth_access_token_ttl_s"):
        sandbox.configure(oauth_access_token_ttl_s=0)
