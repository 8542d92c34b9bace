"""The sandbox's OAuth server: authorization code with PKCE, short-lived access tokens, rotation.

What it answers, as Zendesk does for a *public* OAuth client (docs/ZENDESK.md,
"Signing in"):

- `GET /oauth/authorizations/new`: checks `client_id` (one of `SandboxConfig.oauth_clients`),
  that `redirect_uri` is exactly one of that client's registered URLs
  (`SandboxConfig.oauth_redirect_urls`: the strict reading of Zendesk's rule — no other port, no
  other path), `response_type=code` and a PKCE S256 challenge. There is no person to click Allow,
  so it decides at once and redirects (302) to `redirect_uri`: with `code` and `state`
  (approved, as the user `oauth_user_email`), or with `error=access_denied` when `oauth_deny` is
  set (or the test asks with `sandbox_deny=1` in the URL). An unknown client or a redirect that
  is not registered gets a 400 page and no redirect, so a code never goes elsewhere.
- `POST /oauth/tokens` (form or JSON body): `authorization_code` (the code works once, within
  ten minutes, only with the verifier whose SHA-256 is the challenge and the same client and
  redirect) and `refresh_token`. Refresh tokens rotate: a refresh returns a new pair and
  deletes the previous access *and* refresh token, so whoever still holds the old pair gets
  401 / `invalid_grant`.
- Lifetimes: `expires_in` (300 s – 2 days) and `refresh_token_expires_in` (7 – 90 days) may be
  asked for in the token request; otherwise `oauth_access_token_ttl_s` and
  `oauth_refresh_token_ttl_s` apply (which tests set far shorter). Until it expires the API
  takes an access token as `Authorization: Bearer` (through `email_for`, the hook
  `auth.authenticate` consults); after that it is 401 like any unknown token. An expired refresh
  token is `invalid_grant`.

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
#: What a token request may ask for (docs/ZENDESK.md): access 300 s – 2 days, refresh 7 – 90 days.
ACCESS_TTL_RANGE_S = (300.0, 2 * 86400.0)
REFRESH_TTL_RANGE_S = (7 * 86400.0, 90 * 86400.0)


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
    access_token: str
    """The access token issued with this refresh token: deleted with it by the rotation."""
    expires_at: float | None
    access_ttl_s: float | None
    refresh_ttl_s: float | None
    """The lifetimes this sign-in asked for (or the defaults): each new pair gets them again."""


@dataclass(frozen=True, slots=True)
class _Access:
    email: str
    expires_at: float | None


def _challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


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
        """How often each thing happened: authorized, denied, exchanged, refreshed, refused,
        refused_redirect (an authorization request whose redirect URL is not registered)."""
        with self._lock:
            return dict(self._counts)

    def revoke_refresh_tokens(self) -> None:
        """Make every refresh token invalid (the admin revoked the app's access)."""
        with self._lock:
            self._refresh.clear()

    def live_refresh_tokens(self) -> int:
        """How many refresh tokens still work (one per sign-in when rotation deletes the old)."""
        with self._lock:
            now = self._clock()
            return sum(
                1 for r in self._refresh.values() if r.expires_at is None or now < r.expires_at
            )

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
        if redirect_uri not in config.oauth_redirect_urls.get(client_id, frozenset()):
            # Never redirect a code to an address the client did not register: compared as
            # written, so another port or path of a registered host is refused too.
            self._count("refused_redirect")
            return _oauth_error(
                400,
                "invalid_request",
                "redirect_uri is not one of the redirect URLs registered for this OAuth client",
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
        lifetimes = self._lifetimes(form)
        if isinstance(lifetimes, Response):
            return lifetimes
        self._count("exchanged")
        return self._issue(client_id, grant.email, form.get("scope") or grant.scope, *lifetimes)

    def _refresh_grant(self, form: Mapping[str, str], client_id: str) -> Response:
        now = self._clock()
        with self._lock:
            refresh = self._refresh.get(form.get("refresh_token", ""))
            usable = (
                refresh is not None
                and refresh.client_id == client_id
                and (refresh.expires_at is None or now < refresh.expires_at)
            )
            if usable and refresh is not None:
                # Rotation: the old pair is gone the moment the new one is issued.
                del self._refresh[form.get("refresh_token", "")]
                self._access.pop(refresh.access_token, None)
        if not usable or refresh is None:
            self._count("refused")
            return _oauth_error(
                400, "invalid_grant", "The refresh token is invalid, expired or already used"
            )
        self._count("refreshed")
        return self._issue(
            client_id, refresh.email, refresh.scope, refresh.access_ttl_s, refresh.refresh_ttl_s
        )

    def _lifetimes(self, form: Mapping[str, str]) -> tuple[float | None, float | None] | Response:
        """The lifetimes a code exchange asks for (within Zendesk's ranges), else the defaults."""
        config = self._get_config()
        chosen: list[float | None] = []
        for name, default, (low, high) in (
            ("expires_in", config.oauth_access_token_ttl_s, ACCESS_TTL_RANGE_S),
            ("refresh_token_expires_in", config.oauth_refresh_token_ttl_s, REFRESH_TTL_RANGE_S),
        ):
            text = form.get(name)
            if not text:
                chosen.append(default)
                continue
            try:
                value = float(text)
            except ValueError:
                value = -1.0
            if not low <= value <= high:
                self._count("refused")
                return _oauth_error(
                    400, "invalid_request", f"{name} must be between {low:.0f} and {high:.0f}"
                )
            chosen.append(value)
        return chosen[0], chosen[1]

    def _issue(
        self,
        client_id: str,
        email: str,
        scope: str,
        access_ttl_s: float | None,
        refresh_ttl_s: float | None,
    ) -> Response:
        now = self._clock()
        access = "sbx-access-" + secrets.token_urlsafe(24)
        refresh = "sbx-refresh-" + secrets.token_urlsafe(24)
        with self._lock:
            self._access[access] = _Access(
                email, None if access_ttl_s is None else now + access_ttl_s
            )
            self._refresh[refresh] = _Refresh(
                client_id,
                email,
                scope,
                access,
                None if refresh_ttl_s is None else now + refresh_ttl_s,
                access_ttl_s,
                refresh_ttl_s,
            )
        body: dict[str, Any] = {
            "access_token": access,
            "token_type": "bearer",
            "refresh_token": refresh,
            "scope": scope,
        }
        if access_ttl_s is not None:
            body["expires_in"] = _seconds(access_ttl_s)
        if refresh_ttl_s is not None:
            body["refresh_token_expires_in"] = _seconds(refresh_ttl_s)
        return Response(200, body, {"Cache-Control": "no-store"})


def _seconds(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
