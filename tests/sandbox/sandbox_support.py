"""Helpers for the sandbox's own tests: an authenticated session and small request builders."""

from __future__ import annotations

from typing import Any

import requests

from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer

TIMEOUT = (5.0, 30.0)


class Http:
    """A requests session bound to one sandbox, signed in as `email` (the demo admin)."""

    def __init__(self, sandbox: SandboxServer, email: str = DEMO_EMAIL, token: str = DEMO_TOKEN):
        self.sandbox = sandbox
        self.session = requests.Session()
        self.session.auth = (f"{email}/token", token)

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.sandbox.url}{path}"

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(self.url(path), params=params or None, timeout=TIMEOUT)

    def post(
        self, path: str, body: Any, headers: dict[str, str] | None = None
    ) -> requests.Response:
        return self.session.post(self.url(path), json=body, headers=headers, timeout=TIMEOUT)

    def put(self, path: str, body: Any) -> requests.Response:
        return self.session.put(self.url(path), json=body, timeout=TIMEOUT)

    def close(self) -> None:
        self.session.close()


def end_users(sandbox: SandboxServer) -> list[dict[str, Any]]:
    """Active, unsuspended end-users with an email, in id order."""
    return [
        u for u in sandbox.users() if u["role"] == "end-user" and not u["suspended"] and u["email"]
    ]


def ticket(requester_id: int, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "subject": "Your plan renews soon",
        "comment": {"html_body": "<p>Hello</p>", "public": True},
        "requester_id": requester_id,
        "tags": ["renewal_november"],
    }
    body.update(extra)
    return body
