"""The sandbox's OAuth server: authorization code with PKCE, short-lived access tokens, rotation.

What it answers, as Zendesk does for a *public* OAuth client (docs/ZENDESK.md,
"Signing in"):

- `GET /oauth/authorizations/new`: checks `client_id` (one of `SandboxConfig.oauth_clients`),
  a loopback `http://` `redirect_uri`, `response_type=code` and a PKCE S256 challenge. There is no
  person to click Allow, so it decides at once and redirects (302) to `redirect_uri`: with `code`
  and `state` (approved, as the user `oauth_user_email`), or with `error=access_denied` when
  `oauth_deny` is set (or the test asks with `sandbox_deny=1` in the URL). An unknown client or a
  redirect that is not loopback gets a 400 page and no redirect, so a code never goes elsewhere.
- `POST /oauth/tokens` (form or JSON body): `authorization_code` (the code works once, within
  ten minutes, only with the verifier whose SHA-256 is the challenge and the same client and
  redirect) and `refresh_token` (the refresh token works once and is replaced: rotation).
- Access tokens expire after `oauth_access_token_ttl_s`; until then the API takes them as
  `Authorization: Bearer` (through `email_for`, the hook `auth.authenticate` consults), after
  that they are 401 like any unknown token.

Stdlib only, and nothing from the rest of the program: this is the oracle the client's sign-in
is tested against.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from proactive_desktop.sandbox.api import Request, Response
from proactive_desktop.sandbox.config import SandboxConfig

CODE_TTL_S = 600.0
AUTHORIZE_PATH = "/oauth/authorizations/new"
TOKEN_PATH = "/oauth/tokens"
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class _Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    email: str
    scope: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class _Refresh:
    client_id: str
    email: str
    scope: str


@dataclass(frozen=True, slots=True)
class _Access:
    email: str
    expires_at: float | None


def _challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _is_loopback_redirect(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    return parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK_HOSTS


def _with_query(uri: str, params: Mapping[str, str]) -> str:
    parts = urlsplit(uri)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _oauth_error(status: int, error: str, description: str) -> Response:
    return Response(status, {"error": error, "error_description": description})


class OAuthProvider:
    """Issues and checks OAuth codes and tokens for one sandbox (thread-safe)."""

    def __init__(
        self,
        get_config: Callable[[], SandboxConfig],
        *,
        clock: Callable[[], float],
        is_active_staff: Callable[[str], bool],
    ) -> None:
        self._get_config = get_config
        self._clock = clock
        self._is_active_staff = is_active_staff
        self._lock = threading.Lock()
        self._grants: dict[str, _Grant] = {}
        self._access: dict[str, _Access] = {}
        self._refresh: dict[str, _Refresh] = {}
        self._counts: dict[str, int] = {}

    # -- what the API asks ---------------------------------------------------------------------

    def email_for(self, token: str) -> str | None:
        """The user an unexpired access token acts for, or None (unknown or expired)."""
        with self._lock:
            access = self._access.get(token)
        if access is None:
            return None
        if access.expires_at is not None and self._clock() >= access.expires_at:
            return None
        return access.email

    # -- what tests ask --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How often each thing happened: authorized, denied, exchanged, refreshed, refused."""
        with self._lock:
            return dict(self._counts)

    def revoke_refresh_tokens(self) -> None:
        """Make every refresh token invalid (the admin revoked the app's access)."""
        with self._lock:
            self._refresh.clear()

    def expire_access_tokens(self) -> None:
        """Make every access token expired now."""
        with self._lock:
            now = self._clock()
            self._access = {t: _Access(a.email, now) for t, a in self._access.items()}

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + 1

    # -- HTTP -------------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response | None:
        """The answer for an /oauth/ request, or None when the path is not an OAuth endpoint."""
        if request.path == AUTHORIZE_PATH and request.method == "GET":
            return self._authorize(request)
        if request.path == TOKEN_PATH and request.method == "POST":
            return self._token(request)
        return None

    def _authorize(self, request: Request) -> Response:
        config = self._get_config()
        client_id = request.arg("client_id") or ""
        redirect_uri = request.arg("redirect_uri") or ""
        if client_id not in config.oauth_clients:
            self._count("refused")
            return _oauth_error(400, "invalid_client", "The OAuth client is not known")
        if not _is_loopback_redirect(redirect_uri):
            # Never redirect a code to an address the client did not register.
            self._count("refused")
            return _oauth_error(
                400, "invalid_request", "redirect_uri must be http://127.0.0.1 (loopback)"
            )
        state = request.arg("state") or ""
        base = {"state": state} if state else {}
        if request.arg("response_type") != "code":
            return self._redirect(
                redirect_uri,
                {"error": "unsupported_response_type", **base},
            )
        challenge = request.arg("code_challenge") or ""
        if request.arg("code_challenge_method") != "S256" or len(challenge) < 43:
            self._count("refused")
            return self._redirect(
                redirect_uri,
                {
                    "error": "invalid_request",
                    "error_description": "PKCE with code_challenge_method=S256 is required",
                    **base,
                },
            )
        if config.oauth_deny or request.arg("sandbox_deny") == "1":
            self._count("denied")
            return self._redirect(
                redirect_uri,
                {
                    "error": "access_denied",
                    "error_description": "The end-user or authorization server denied the request",
                    **base,
                },
            )
        code = secrets.token_urlsafe(24)
        grant = _Grant(
            client_id=client_id,
            redirect_uri=redirect_uri,
            challenge=challenge,
            email=config.oauth_user_email,
            scope=request.arg("scope") or "read",
            expires_at=self._clock() + CODE_TTL_S,
        )
        with self._lock:
            self._grants[code] = grant
        self._count("authorized")
        return self._redirect(redirect_uri, {"code": code, **base})

    @staticmethod
    def _redirect(redirect_uri: str, params: Mapping[str, str]) -> Response:
        return Response(302, None, {"Location": _with_query(redirect_uri, params)})

    @staticmethod
    def _form(request: Request) -> dict[str, str]:
        content_type = request.headers.get("content-type", "")
        if "json" in content_type:
            try:
                data: Any = json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                return {}
            if not isinstance(data, dict):
                return {}
            return {str(k): str(v) for k, v in data.items() if v is not None}
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return {}
        return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}

    def _token(self, request: Request) -> Response:
        form = self._form(request)
        config = self._get_config()
        client_id = form.get("client_id", "")
        if client_id not in config.oauth_clients:
            self._count("refused")
            return _oauth_error(401, "invalid_client", "Client authentication failed")
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            return self._exchange(form, client_id)
        if grant_type == "refresh_token":
            return self._refresh_grant(form, client_id)
        self._count("refused")
        return _oauth_error(400, "unsupported_grant_type", "grant_type is not supported")

    def _exchange(self, form: Mapping[str, str], client_id: str) -> Response:
        with self._lock:
            # A code is spent by the first attempt, right or wrong (no guessing the verifier).
            grant = self._grants.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "")
        if (
            grant is None
            or self._clock() >= grant.expires_at
            or grant.client_id != client_id
            or grant.redirect_uri != form.get("redirect_uri")
            or not 43 <= len(verifier) <= 128
            or not hmac.compare_digest(_challenge_of(verifier), grant.challenge)
        ):
            self._count("refused")
            return _oauth_error(
                400,
                "invalid_grant",
                "The authorization code is invalid, expired, used, or the verifier is wrong",
            )
        if not self._is_active_staff(grant.email):
            self._count("refused")
            return _oauth_error(400, "invalid_grant", "The user cannot use the API")
        self._count("exchanged")
        return self._issue(client_id, grant.email, form.get("scope") or grant.scope)

    def _refresh_grant(self, form: Mapping[str, str], client_id: str) -> Response:
        with self._lock:
            refresh = self._refresh.pop(form.get("refresh_token", ""), None)
        if refresh is None or refresh.client_id != client_id:
            self._count("refused")
            return _oauth_error(
                400, "invalid_grant", "The refresh token is invalid, expired or already used"
            )
        self._count("refreshed")
        return self._issue(client_id, refresh.email, refresh.scope)

    def _issue(self, client_id: str, email: str, scope: str) -> Response:
        ttl = self._get_config().oauth_access_token_ttl_s
        access = "sbx-access-" + secrets.token_urlsafe(24)
        refresh = "sbx-refresh-" + secrets.token_urlsafe(24)
        with self._lock:
            self._access[access] = _Access(email, None if ttl is None else self._clock() + ttl)
            self._refresh[refresh] = _Refresh(client_id, email, scope)
        body: dict[str, Any] = {
            "access_token": access,
            "token_type": "bearer",
            "refresh_token": refresh,
            "scope": scope,
        }
        if ttl is not None:
            body["expires_in"] = int(ttl) if float(ttl).is_integer() else ttl
        return Response(200, body, {"Cache-Control": "no-store"})
