"""Who is calling: HTTP Basic with `{email}/token:{api_token}`, or `Authorization: Bearer`.

An API token belongs to the account, so it works with the email of any active agent or admin
(as in Zendesk); an end-user's email authenticates but is then refused (403) by agent endpoints.
Bearer tokens map to a user's email in `SandboxConfig.bearer_tokens` (fixed tokens, for example
the demo's), or through `bearer_lookup` — the OAuth server's tokens, which expire (`oauth.py`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from proactive_desktop.sandbox.config import SandboxConfig
from proactive_desktop.sandbox.store import Store

JsonDict = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Identity:
    """The authenticated user (None: anonymous) and whether credentials were presented."""

    user: JsonDict | None
    presented: bool
    kind: str | None = None  # "api_token" | "bearer"


ANONYMOUS = Identity(None, False)


def authenticate(
    header: str | None,
    store: Store,
    config: SandboxConfig,
    bearer_lookup: Callable[[str], str | None] | None = None,
) -> Identity:
    if not header:
        return ANONYMOUS
    scheme, _, credentials = header.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer":
        email = config.bearer_tokens.get(credentials)
        if email is None and bearer_lookup is not None:
            email = bearer_lookup(credentials)
        user = store.user_by_email(email) if email else None
        return Identity(_usable(user), True, "bearer")
    if scheme.lower() != "basic":
        return Identity(None, True)
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return Identity(None, True)
    login, _, secret = decoded.partition(":")
    email, slash, kind = login.rpartition("/")
    if not slash or kind != "token" or secret not in config.api_tokens:
        # Password sign-in is switched off on the sandbox account, as on most real ones.
        return Identity(None, True)
    return Identity(_usable(store.user_by_email(email)), True, "api_token")


def _usable(user: JsonDict | None) -> JsonDict | None:
    if user is None or user["suspended"] or not user["active"]:
        return None
    return user
