"""Signing in with Zendesk: OAuth 2.0 authorization code with PKCE, for a desktop program.

Owns the whole sign-in (docs/ZENDESK.md, "Signing in"): which OAuth client signs in
(the build's global client, else the account's own local one), the authorization URL with its
PKCE challenge and random state, the loopback listener that receives the browser's redirect on
one of the program's fixed addresses (`REDIRECT_PORTS`: Zendesk wants the redirect to be one of
the client's registered URLs, so they never change), the code exchange and the refresh at
`/oauth/tokens`, and `KeychainTokenSource`, the `TokenSource` behind `BearerAuth` that renews the
access token before it expires (or after a 401) and keeps the tokens in the OS keychain only.

Refresh tokens rotate: a refresh returns a new pair and Zendesk deletes the old one at once. So a
renewal holds a lock shared by every process of this user (`core/oslock.py`, one lock file per
account) and re-reads the keychain inside it — the wizard or a scheduled command may have renewed
the sign-in a moment ago, and then its new pair is used instead of spending the dead one — and it
stores the new pair in the keychain before anything uses it.

It opens no browser and knows no window: the caller shows the URL (the wizard with
`QDesktopServices`), then waits here on a worker thread; every wait is bounded and ends when the
caller's `threading.Event` is set. Each way the sign-in can end — declined, timed out, a redirect
that is not ours (wrong state), cancelled — is its own error with its own translatable message,
and nothing is kept from a failed attempt.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import html
import logging
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Final
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import platformdirs
import requests

from proactive_desktop.core import logs
from proactive_desktop.core.errors import (
    AuthenticationError,
    InputError,
    KeychainError,
    NetworkError,
    OAuthRefreshError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.oslock import OsFileLock
from proactive_desktop.core.paths import APP_NAME, resource_path
from proactive_desktop.core.secrets import OAuthTokens, Secret, SecretStore
from proactive_desktop.core.urls import account_host, normalise_base_url

log = logging.getLogger(__name__)

SCOPE: Final = "read write"
AUTHORIZE_PATH: Final = "/oauth/authorizations/new"
TOKEN_PATH: Final = "/oauth/tokens"
CALLBACK_PATH: Final = "/callback"
LOOPBACK: Final = "127.0.0.1"
REDIRECT_PORTS: tuple[int, ...] = (29170, 29171, 29172)
"""The program's fixed sign-in addresses, http://127.0.0.1:PORT/callback, in the order tried.

Zendesk requires the redirect to be one of the client's registered URLs and does not say that
any loopback port matches a registration, so the admin registers each of these once (the
Connect page lists them) and the program binds the first that is free. Below every system's
ephemeral range (Linux 32768+, Windows and macOS 49152+), so an outgoing connection rarely holds
one. Changing them breaks every local client already registered: never do it lightly."""
GLOBAL_CLIENT_FILE: Final = ("resources", "oauth-client-id.txt")
"""The build's global OAuth client identifier, written by the release workflow from a repository
variable (docs/RELEASING.md); a source checkout has no such file and so no global client."""
LOCK_TIMEOUT_S: Final = 60.0
"""How long a renewal waits for another program's renewal of the same sign-in to finish."""
SIGN_IN_TIMEOUT_S: Final = 300.0
"""How long the browser has to come back: enough to sign in with two-factor authentication."""
POLL_INTERVAL_S: Final = 0.2
"""How often the listener looks at the cancel flag while no browser is calling."""
BROWSER_READ_TIMEOUT_S: Final = 2.0
"""A connection that sends no request line within this (a browser's pre-connect) is dropped."""
REFRESH_MARGIN_S: Final = 60.0
"""Renew the access token this long before it expires (less for very short lifetimes)."""
TOKEN_TIMEOUT: Final = (5.0, 30.0)
_VERIFIER_BYTES: Final = 64  # 86 characters of base64url: inside RFC 7636's 43..128


# -- errors --------------------------------------------------------------------------------------


class OAuthSignInError(InputError):
    """The sign-in in the browser did not give the program a token. Nothing was changed."""


class OAuthDeniedError(OAuthSignInError):
    """The user (or the account's policy) declined the access request: `error=access_denied`."""


class OAuthTimeoutError(OAuthSignInError):
    """The browser did not come back in time (closed, or the page was left alone)."""


class OAuthStateMismatchError(OAuthSignInError):
    """A redirect arrived whose `state` is not the one this sign-in sent: refused."""


class OAuthCancelledError(OAuthSignInError):
    """The user cancelled the sign-in in the program."""


class OAuthPortsBusyError(OAuthSignInError):
    """Every one of the program's fixed sign-in addresses is taken by another program."""


class OAuthClientMissingError(OAuthSignInError):
    """This build has no global OAuth client and none of the account's own was named."""


class OAuthExchangeError(AuthenticationError):
    """Zendesk refused to turn the authorization code into tokens (wrong client, old code)."""


def _denied() -> OAuthDeniedError:
    return OAuthDeniedError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The sign-in was declined in the browser, so the program has no access to Zendesk. "
            "Sign in again and choose Allow.",
        )
    )


def _timed_out(seconds: float) -> OAuthTimeoutError:
    return OAuthTimeoutError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The browser did not come back within {minutes} minutes, so the sign-in was stopped. "
            "If you closed the browser window, press Sign in with Zendesk again.",
        ),
        minutes=max(1, round(seconds / 60)),
    )


def _state_mismatch(seconds: float) -> OAuthStateMismatchError:
    return OAuthStateMismatchError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Within {minutes} minutes only answers from a different sign-in than the one started "
            "here arrived, and they were ignored for your safety. Close other sign-in pages in "
            "your browser and sign in again.",
        ),
        minutes=max(1, round(seconds / 60)),
    )


def _ports_busy(ports: Sequence[int]) -> OAuthPortsBusyError:
    return OAuthPortsBusyError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The sign-in needs one of the addresses {addresses} on this computer, and other "
            "programs are using all of them. Close the other program (perhaps another sign-in "
            "of Proactive Desktop) and try again.",
        ),
        addresses=", ".join(redirect_url(port) for port in ports),
    )


def redirect_url(port: int) -> str:
    """The redirect URL of one sign-in port, exactly as the admin registers it."""
    return f"http://{LOOPBACK}:{port}{CALLBACK_PATH}"


def redirect_urls() -> list[str]:
    """Every redirect URL the program may use, in the order it tries them."""
    return [redirect_url(port) for port in REDIRECT_PORTS]


def global_client_id() -> str | None:
    """The build's global OAuth client identifier, or None (a source build has none)."""
    try:
        text = resource_path(*GLOBAL_CLIENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def choose_client_id(named: str | None) -> str:
    """The client to sign in with: the one named (the account's local client), else the
    build's global one; OAuthClientMissingError when there is neither."""
    if named is not None:
        # Named (the Connect page's field, --client-id): it must be a usable identifier.
        return _check_client_id(named)
    built_in = global_client_id()
    if built_in is not None:
        return built_in
    raise OAuthClientMissingError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "This copy of the program has no OAuth client of its own: name your account's OAuth "
            "client (on the command line with --client-id).",
        )
    )


def _cancelled() -> OAuthCancelledError:
    return OAuthCancelledError(QT_TRANSLATE_NOOP("Errors", "The sign-in was cancelled."))


# -- the authorization request -------------------------------------------------------------------


def new_code_verifier() -> str:
    """A fresh PKCE code verifier (RFC 7636: 43 to 128 unreserved characters)."""
    return secrets.token_urlsafe(_VERIFIER_BYTES)


def code_challenge(verifier: str) -> str:
    """BASE64URL(SHA256(verifier)) without padding: the S256 challenge."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _check_client_id(client_id: str) -> str:
    cleaned = client_id.strip()
    if not cleaned:
        raise OAuthSignInError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Enter the identifier of your account's OAuth client (Admin Center → Apps and "
                "integrations → APIs → Zendesk API → OAuth Clients).",
            )
        )
    if any(ch.isspace() for ch in cleaned) or len(cleaned) > 200:
        raise OAuthSignInError(
            QT_TRANSLATE_NOOP(
                "Errors",
                '"{text}" is not an OAuth client identifier: copy the Identifier field of the '
                "OAuth client.",
            ),
            text=cleaned[:60],
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """One sign-in attempt: what goes to the browser, and what must come back with the code."""

    base_url: str
    client_id: str
    redirect_uri: str
    state: str = field(repr=False)
    code_verifier: Secret
    scope: str = SCOPE

    @classmethod
    def new(cls, base_url: str, client_id: str, redirect_uri: str) -> AuthorizationRequest:
        """A request with a fresh verifier and state; raises UrlError / OAuthSignInError."""
        return cls(
            base_url=normalise_base_url(base_url),
            client_id=_check_client_id(client_id),
            redirect_uri=redirect_uri,
            state=secrets.token_urlsafe(24),
            code_verifier=Secret(new_code_verifier()),
        )

    @property
    def url(self) -> str:
        """The authorization URL to open in the system browser."""
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "scope": self.scope,
                "state": self.state,
                "code_challenge": code_challenge(self.code_verifier.reveal()),
                "code_challenge_method": "S256",
            },
            quote_via=quote,  # a space is %20 (docs/ZENDESK.md, "Signing in")
        )
        return f"{self.base_url}{AUTHORIZE_PATH}?{query}"


# -- the loopback redirect listener ----------------------------------------------------------------

_PAGES: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    # The browser's tab is outside Qt's translators; these few sentences are picked by the
    # browser's Accept-Language (the user's language) and exist in every language we ship.
    "en": {
        "ok": (
            "Signed in",
            "You are signed in to Zendesk. You can close this tab and go back to "
            "Proactive Desktop.",
        ),
        "denied": (
            "Sign-in declined",
            "The sign-in was declined. You can close this tab and go back to Proactive Desktop.",
        ),
        "failed": (
            "Sign-in not completed",
            "The sign-in did not complete. Go back to Proactive Desktop to see why.",
        ),
        "foreign": (
            "Not this sign-in",
            "This answer belongs to a different sign-in than the one Proactive Desktop is "
            "waiting for, so it was ignored. If you are signing in, use the page Proactive "
            "Desktop opened most recently.",
        ),
    },
    "ja": {
        "ok": (
            "サインインしました",
            "Zendesk にサインインしました。このタブを閉じて Proactive Desktop に戻ってください。",
        ),
        "denied": (
            "サインインが拒否されました",
            "サインインは拒否されました。このタブを閉じて Proactive Desktop に戻ってください。",
        ),
        "failed": (
            "サインインが完了しませんでした",
            "サインインを完了できませんでした。理由は Proactive Desktop でご確認ください。",
        ),
        "foreign": (
            "このサインインではありません",
            "この応答は Proactive Desktop が待っているサインインとは別のものなので、無視されま"
            "した。サインイン中の場合は、Proactive Desktop が最後に開いたページを使ってください。",
        ),
    },
    "zh_CN": {
        "ok": (
            "已登录",
            "您已登录 Zendesk。可以关闭此标签页并返回 Proactive Desktop。",
        ),
        "denied": (
            "登录被拒绝",
            "登录已被拒绝。可以关闭此标签页并返回 Proactive Desktop。",
        ),
        "failed": (
            "登录未完成",
            "登录未能完成。请返回 Proactive Desktop 查看原因。",
        ),
        "foreign": (
            "不是这次登录",
            "此应答属于另一次登录，而不是 Proactive Desktop 正在等待的登录，因此已被忽略。"
            "如果您正在登录，请使用 Proactive Desktop 最近打开的页面。",
        ),
    },
}


def page_language(accept_language: str | None, fallback: str | None = None) -> str:
    """The first of the browser's languages we have a page for; else `fallback`; else English."""
    for candidate in [*(accept_language or "").split(","), fallback or ""]:
        tag = candidate.split(";")[0].strip().lower().replace("-", "_")
        if tag.startswith("ja"):
            return "ja"
        if tag.startswith("zh"):
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return "en"


def redirect_page(outcome: str, language: str) -> bytes:
    """The small HTML page the browser shows after the redirect ("ok", "denied", "failed",
    "foreign": a redirect of another sign-in, ignored)."""
    title, text = _PAGES.get(language, _PAGES["en"])[outcome]
    lang = language.replace("_", "-")
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<style>body{font-family:system-ui,sans-serif;margin:4em auto;max-width:32em;"
        "padding:0 1em;color:#222}h1{font-size:1.4em}</style></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
    ).encode()


@dataclass(frozen=True, slots=True)
class _Redirect:
    query: Mapping[str, list[str]]


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CallbackServer
    timeout = BROWSER_READ_TIMEOUT_S

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH:
            # favicon.ico and the like: not the redirect; keep waiting for it.
            self._answer(404, b"Not found", "text/plain; charset=utf-8")
            return
        query = parse_qs(parts.query, keep_blank_values=True)
        outcome = self.server.judge(query)
        language = page_language(self.headers.get("Accept-Language"), self.server.language)
        self._answer(200, redirect_page(outcome, language), "text/html; charset=utf-8")
        if outcome == "foreign":
            # Answered, and otherwise ignored: another sign-in's answer (or anyone's request to
            # this port) must not end ours. The wait goes on until the right one or the deadline.
            self.server.foreign_redirects += 1
            return
        self.server.redirect = _Redirect(query)

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the query carries the authorization code, which must not reach a log."""


class _CallbackServer(HTTPServer):
    allow_reuse_address = False

    def __init__(
        self,
        port: int,
        judge: Callable[[Mapping[str, list[str]]], str],
        language: str | None,
    ) -> None:
        self.judge = judge
        self.language = language
        self.redirect: _Redirect | None = None
        self.foreign_redirects = 0
        super().__init__((LOOPBACK, port), _CallbackHandler)
        self.timeout = POLL_INTERVAL_S

    def server_bind(self) -> None:
        if sys.platform == "win32":
            # Without it Windows lets a second socket that asks for SO_REUSEADDR take the same
            # port: "busy" must mean busy, and nobody may listen in on our redirect.
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        super().server_bind()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that hung up mid-answer changes nothing: keep waiting for the redirect."""


def _first(query: Mapping[str, list[str]], name: str) -> str:
    values = query.get(name)
    return values[0] if values else ""


_PORT_TAKEN_ERRNOS: Final = frozenset(
    {errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1), 10013}
)
"""bind() errors that mean "this port is someone else's" (10013 is Windows' WSAEACCES, which it
gives for a port another program holds exclusively or that lies in a reserved range)."""


class LoopbackListener:
    """Listens on the first free one of the program's fixed sign-in addresses for the redirect.

    The socket is bound in the constructor, so `redirect_uri` can go into the authorization URL
    before the browser is opened; when every port is taken it raises OAuthPortsBusyError.
    `wait_for_code()` serves requests one by one until the redirect with this sign-in's `state`
    arrives, the time is up, or `cancel` is set; it answers the browser with a small page in its
    language. Close it (or use `with`) when done.
    """

    def __init__(self, *, language: str | None = None, ports: Sequence[int] | None = None) -> None:
        self._expected_state: str | None = None
        candidates = tuple(REDIRECT_PORTS if ports is None else ports)
        server: _CallbackServer | None = None
        for port in candidates:
            try:
                server = _CallbackServer(port, self._judge, language)
            except OSError as error:
                if error.errno not in _PORT_TAKEN_ERRNOS and getattr(error, "winerror", 0) not in (
                    10013,
                    10048,
                ):
                    raise
                log.info("sign-in port %d is taken; trying the next one", port)
                continue
            break
        if server is None:
            raise _ports_busy(candidates)
        self._server = server
        self.port: int = server.server_address[1]
        self.redirect_uri = redirect_url(self.port)

    def _judge(self, query: Mapping[str, list[str]]) -> str:
        expected = self._expected_state
        given = _first(query, "state").encode("utf-8", "replace")
        # Bytes: compare_digest refuses str with non-ASCII characters, which anyone can send.
        if expected is None or not secrets.compare_digest(given, expected.encode("utf-8")):
            return "foreign"
        error = _first(query, "error")
        if error:
            return "denied" if error == "access_denied" else "failed"
        return "ok" if _first(query, "code") else "failed"

    @property
    def foreign_redirects(self) -> int:
        """How many redirects of another sign-in were answered and ignored."""
        return self._server.foreign_redirects

    def wait_for_code(
        self,
        expected_state: str,
        *,
        cancel: threading.Event,
        timeout_s: float = SIGN_IN_TIMEOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> Secret:
        """The authorization code, or one of the OAuthSignInError family."""
        self._expected_state = expected_state
        deadline = clock() + timeout_s
        while self._server.redirect is None:
            if cancel.is_set():
                raise _cancelled()
            if clock() >= deadline:
                if self._server.foreign_redirects:
                    raise _state_mismatch(timeout_s)
                raise _timed_out(timeout_s)
            # Returns after one request, or after POLL_INTERVAL_S with none.
            self._server.handle_request()
        query = self._server.redirect.query
        error = _first(query, "error")
        if error == "access_denied":
            raise _denied()
        if error:
            raise OAuthSignInError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk did not complete the sign-in: {zendesk_message}"
                ),
                zendesk_message=(f"{error} {_first(query, 'error_description')}".strip()[:300]),
            )
        code = _first(query, "code")
        if not code:
            raise OAuthSignInError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The browser came back without an authorization code. Press Sign in with "
                    "Zendesk again.",
                )
            )
        logs.register_secret(code)
        return Secret(code)

    def close(self) -> None:
        self._server.server_close()

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# -- the token endpoint ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """What `/oauth/tokens` gave: the tokens (as stored) and the access token's lifetime."""

    tokens: OAuthTokens
    lifetime_s: float | None


def _post_token(
    session: requests.Session,
    base_url: str,
    form: Mapping[str, str],
    *,
    refusal: Callable[[str], AuthenticationError],
    timeout: tuple[float, float],
) -> dict[str, Any]:
    host = account_host(base_url)
    try:
        response = session.post(
            f"{base_url}{TOKEN_PATH}",
            data=dict(form),
            headers={"Accept": "application/json"},
            timeout=timeout,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        # Imported here: the transport module imports the secrets module, as this one does.
        from proactive_desktop.core.zendesk.transport import network_error

        error = network_error(exc, host=host, read_timeout_s=timeout[1])
        # Nothing a retry could duplicate: a token request creates no ticket.
        raise NetworkError(error.message.source, maybe_sent=False, **error.message.params) from None
    try:
        data: Any = response.json()
    except ValueError:
        data = None
    if response.status_code == 200 and isinstance(data, dict):
        return data
    reason = ""
    if isinstance(data, dict):
        reason = str(data.get("error") or "")
    if response.status_code >= 500:
        raise NetworkError(
            QT_TRANSLATE_NOOP(
                "Errors", "Zendesk could not sign you in right now ({status_code}). Try again."
            ),
            maybe_sent=False,
            status_code=response.status_code,
        )
    raise refusal(reason or f"HTTP {response.status_code}")


def _issued(data: Mapping[str, Any], client_id: str, now: float) -> IssuedTokens:
    access = data.get("access_token")
    if not isinstance(access, str) or not access:
        raise OAuthExchangeError(
            QT_TRANSLATE_NOOP("Errors", "Zendesk's answer to the sign-in had no access token.")
        )
    refresh = data.get("refresh_token")
    lifetime = _positive_seconds(data.get("expires_in"))
    refresh_lifetime = _positive_seconds(data.get("refresh_token_expires_in"))
    logs.register_secret(access)
    if isinstance(refresh, str):
        logs.register_secret(refresh)
    tokens = OAuthTokens(
        access_token=Secret(access),
        refresh_token=Secret(refresh) if isinstance(refresh, str) and refresh else None,
        expires_at=now + lifetime if lifetime is not None else None,
        client_id=client_id,
        refresh_expires_at=now + refresh_lifetime if refresh_lifetime is not None else None,
        lifetime_s=lifetime,
    )
    return IssuedTokens(tokens, lifetime)


def _positive_seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


def _exchange_refused(reason: str) -> AuthenticationError:
    if reason in ("invalid_client", "unauthorized_client"):
        return OAuthExchangeError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Zendesk does not know this OAuth client ({reason}). Check the identifier, and "
                "that the client's kind is Public and its redirect URLs are the three the "
                "Connect page lists.",
            ),
            reason=reason,
        )
    return OAuthExchangeError(
        QT_TRANSLATE_NOOP(
            "Errors", "Zendesk refused the sign-in ({reason}). Press Sign in with Zendesk again."
        ),
        reason=reason,
    )


def refresh_failed(reason: str, base_url: str = "") -> OAuthRefreshError:
    """The error for a refresh that did not work: the user must sign in again."""
    return OAuthRefreshError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Your Zendesk sign-in has ended and could not be renewed ({reason}). Sign in with "
            "Zendesk again (on the Connect page, or with: proactive-desktop login {url}), then "
            "resume the campaign: nothing is sent twice.",
        ),
        reason=reason,
        url=base_url or "URL",
    )


def exchange_code(
    session: requests.Session,
    request: AuthorizationRequest,
    code: Secret,
    *,
    clock: Callable[[], float] = time.time,
    timeout: tuple[float, float] = TOKEN_TIMEOUT,
) -> IssuedTokens:
    """Step 3: the authorization code (with the PKCE verifier) for access and refresh tokens."""
    data = _post_token(
        session,
        request.base_url,
        {
            "grant_type": "authorization_code",
            "code": code.reveal(),
            "client_id": request.client_id,
            "redirect_uri": request.redirect_uri,
            "code_verifier": request.code_verifier.reveal(),
            "scope": request.scope,
        },
        refusal=_exchange_refused,
        timeout=timeout,
    )
    return _issued(data, request.client_id, clock())


def refresh_tokens(
    session: requests.Session,
    base_url: str,
    tokens: OAuthTokens,
    *,
    clock: Callable[[], float] = time.time,
    timeout: tuple[float, float] = TOKEN_TIMEOUT,
) -> IssuedTokens:
    """New tokens for `tokens.refresh_token` (which Zendesk then retires); OAuthRefreshError."""
    account = normalise_base_url(base_url)
    if tokens.refresh_token is None or not tokens.client_id:
        raise refresh_failed("no refresh token", account)
    data = _post_token(
        session,
        account,
        {
            "grant_type": "refresh_token",
            "refresh_token": tokens.refresh_token.reveal(),
            "client_id": tokens.client_id,
            "scope": SCOPE,
        },
        refusal=lambda reason: refresh_failed(reason, account),
        timeout=timeout,
    )
    issued = _issued(data, tokens.client_id, clock())
    kept = replace(issued.tokens, email=tokens.email)
    if kept.refresh_token is None:
        # No rotation: the old refresh token stays valid and is kept, with its own end.
        kept = replace(
            kept, refresh_token=tokens.refresh_token, refresh_expires_at=tokens.refresh_expires_at
        )
    return IssuedTokens(kept, issued.lifetime_s)


# -- the token source ------------------------------------------------------------------------------


def _default_session() -> requests.Session:
    from proactive_desktop.core.zendesk.transport import make_session

    return make_session(pool_maxsize=2)


def sign_in_lock_path(base_url: str) -> Path:
    """The lock file every process of this user takes to renew the account's sign-in.

    In the user's cache folder, not the data folder: the wizard and a scheduled command may use
    different data folders (`--data-dir`) but always the same keychain entry."""
    host = account_host(normalise_base_url(base_url))
    digest = hashlib.sha256(host.encode("utf-8")).hexdigest()[:24]
    folder = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return folder / "locks" / f"sign-in-{digest}.lock"


class KeychainTokenSource:
    """The OAuth `TokenSource`: renews the access token and keeps the tokens in the keychain only.

    - `access_token()` renews the token first when it expires within the margin.
    - `refresh()` (the client calls it after a 401) renews it — once: threads that used the same
      old token while another thread was renewing it get the new one without a second refresh
      (the refresh token works only once, so a second refresh would fail and end the session).
    - With a keychain entry attached, a renewal runs under the account's cross-process lock and
      first re-reads the entry: when another program renewed meanwhile, its pair is adopted (the
      old one is already deleted by Zendesk). A new pair is saved to the entry before it is used;
      when the keychain cannot take it, it lives on in memory for this session.
    - A refresh Zendesk refuses raises `OAuthRefreshError` ("sign in again"), now and on every
      later call; a network failure raises `NetworkError` and may be tried again.
    """

    def __init__(
        self,
        base_url: str,
        tokens: OAuthTokens,
        *,
        lifetime_s: float | None = None,
        store: SecretStore | None = None,
        email: str | None = None,
        session_factory: Callable[[], requests.Session] = _default_session,
        clock: Callable[[], float] = time.time,
        refresh_margin_s: float = REFRESH_MARGIN_S,
        lock_path: Path | None = None,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        self._tokens = tokens
        self._lifetime_s = lifetime_s
        self._store = store if email else None
        self._email = email
        self._session_factory = session_factory
        self._clock = clock
        self._margin_s = refresh_margin_s
        self._lock_path = lock_path
        self._lock = threading.Lock()
        self._seen = threading.local()
        self._failure: OAuthRefreshError | None = None
        self.refresh_count = 0
        """Renewals this source did itself (each one a request to /oauth/tokens)."""
        self.adopted_count = 0
        """Renewals another program did that this source took over from the keychain."""
        logs.register_secret(tokens.access_token)
        logs.register_secret(tokens.refresh_token)

    def __repr__(self) -> str:
        return f"KeychainTokenSource({self.base_url!r}, remembered={self.is_remembered})"

    @classmethod
    def from_keychain(
        cls,
        store: SecretStore,
        base_url: str,
        email: str | None = None,
        **kwargs: Any,
    ) -> KeychainTokenSource | None:
        """The source for the account's kept sign-in, or None when there is none.

        `email` also finds an entry an earlier release kept per email."""
        tokens = store.load_oauth(base_url, email)
        if tokens is None or tokens.access_token.is_empty:
            return None
        owner = tokens.email or email
        if owner is None:
            return None
        return cls(base_url, tokens, store=store, email=owner, **kwargs)

    # -- TokenSource --------------------------------------------------------------------------

    @property
    def can_refresh(self) -> bool:
        tokens = self._tokens
        return tokens.refresh_token is not None and bool(tokens.client_id)

    def access_token(self) -> Secret:
        with self._lock:
            if self._is_due() and self.can_refresh and self._failure is None:
                try:
                    self._renew_locked()
                except NetworkError as error:
                    # Not expired yet: use the current token; a 401 will ask again.
                    if self._is_expired():
                        raise
                    log.info("OAuth renewal before expiry failed (%s); trying later", error)
                except OAuthRefreshError:
                    if self._is_expired():
                        raise
            token = self._tokens.access_token
        self._seen.token = token.reveal()
        return token

    def refresh(self) -> Secret:
        with self._lock:
            current = self._tokens.access_token
            if getattr(self._seen, "token", None) not in (None, current.reveal()):
                # Another thread renewed it since this thread's request went out.
                token = current
            else:
                if self._failure is not None:
                    raise self._failure
                if not self.can_refresh:
                    raise refresh_failed("no refresh token", self.base_url)
                self._renew_locked(after_refusal=True)
                token = self._tokens.access_token
        self._seen.token = token.reveal()
        return token

    # -- the wizard's needs ---------------------------------------------------------------------

    @property
    def tokens(self) -> OAuthTokens:
        with self._lock:
            return self._tokens

    @property
    def email(self) -> str | None:
        return self._email

    @property
    def is_remembered(self) -> bool:
        return self._store is not None

    def remember(self, store: SecretStore, email: str) -> None:
        """Save the tokens as the account's sign-in (for `email`) and keep it current;
        KeychainError if refused."""
        with self._lock:
            self._tokens = replace(self._tokens, email=email.strip().lower())
            store.save_oauth(self.base_url, email, self._tokens)
            self._store = store
            self._email = email

    # -- internals -------------------------------------------------------------------------------

    def _is_due(self) -> bool:
        expires_at = self._tokens.expires_at
        if expires_at is None:
            return False
        margin = self._margin_s
        lifetime = self._tokens.lifetime_s or self._lifetime_s
        if lifetime is not None:
            margin = min(margin, lifetime / 4)
        return self._clock() >= expires_at - margin

    def _is_expired(self) -> bool:
        expires_at = self._tokens.expires_at
        return expires_at is not None and self._clock() >= expires_at

    @contextlib.contextmanager
    def _renewal_lock(self) -> Iterator[None]:
        """The account's cross-process renewal lock (only for a sign-in kept in the keychain:
        one in memory belongs to this process alone, and `self._lock` covers its threads)."""
        if self._store is None:
            yield
            return
        path = self._lock_path or sign_in_lock_path(self.base_url)
        lock = OsFileLock(path, role="sign-in renewal")
        try:
            acquired = lock.acquire(timeout_s=LOCK_TIMEOUT_S)
        except OSError as error:
            # No lock folder (a read-only profile): renew without it rather than not at all.
            log.warning("sign-in lock %s cannot be used (%s); renewing without it", path, error)
            yield
            return
        if not acquired:
            raise NetworkError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Another program on this computer has been renewing the Zendesk sign-in for "
                    "{seconds} seconds without finishing. Try again in a moment.",
                ),
                maybe_sent=False,
                seconds=round(LOCK_TIMEOUT_S),
            )
        try:
            yield
        finally:
            lock.release()

    def _adopt_newer_saved(self) -> bool:
        """Another run (the wizard, another command) renewed the entry: take its tokens."""
        if self._store is None or self._email is None:
            return False
        try:
            saved = self._store.load_oauth(self.base_url, self._email)
        except KeychainError as error:
            log.info("keychain not readable before the renewal (%s)", error)
            return False
        if saved is None or saved.access_token.is_empty or saved.same_pair(self._tokens):
            return False
        if saved.email is not None and saved.email != self._email.strip().lower():
            # Someone else signed in to this account meanwhile: not this session's tokens.
            return False
        logs.register_secret(saved.access_token)
        logs.register_secret(saved.refresh_token)
        self._tokens = saved
        self._lifetime_s = saved.lifetime_s
        self.adopted_count += 1
        log.info("OAuth tokens renewed by another program adopted from the keychain")
        return True

    def _renew_locked(self, *, after_refusal: bool = False) -> None:
        """Renew (holding `self._lock`). `after_refusal`: Zendesk just refused the current access
        token, so a pair adopted from the keychain is enough, due or not."""
        with self._renewal_lock():
            if self._adopt_newer_saved() and (after_refusal or not self._is_due()):
                return
            session = self._session_factory()
            try:
                issued = refresh_tokens(session, self.base_url, self._tokens, clock=self._clock)
            except OAuthRefreshError as error:
                self._failure = error
                log.warning("OAuth refresh refused: %s", error)
                raise
            finally:
                session.close()
            self.refresh_count += 1
            log.info("OAuth access token renewed (lifetime %s s)", issued.lifetime_s)
            if self._store is not None and self._email is not None:
                # Saved before anything uses it: the previous pair is already deleted, so this
                # pair is the only way on, for this program and every other one.
                try:
                    self._store.save_oauth(self.base_url, self._email, issued.tokens)
                except KeychainError as error:
                    log.warning("renewed OAuth tokens not saved to the keychain: %s", error)
            self._tokens = issued.tokens
            self._lifetime_s = issued.lifetime_s


# -- the whole sign-in, for callers that have opened the browser -----------------------------------


def complete_sign_in(
    listener: LoopbackListener,
    request: AuthorizationRequest,
    *,
    cancel: threading.Event,
    session: requests.Session,
    timeout_s: float = SIGN_IN_TIMEOUT_S,
    clock: Callable[[], float] = time.time,
) -> KeychainTokenSource:
    """Wait for the browser's redirect, check it, exchange the code: a memory-only token source.

    The caller attaches the keychain (`remember`) once it knows who signed in (`users/me`).
    """
    code = listener.wait_for_code(request.state, cancel=cancel, timeout_s=timeout_s)
    if cancel.is_set():
        raise _cancelled()
    issued = exchange_code(session, request, code, clock=clock)
    return KeychainTokenSource(
        request.base_url, issued.tokens, lifetime_s=issued.lifetime_s, clock=clock
    )


# -- how long a kept sign-in holds ----------------------------------------------------------------

EXPIRY_WARNING_S: Final = 5 * 86400.0
"""Warn this long before the refresh token runs out (a few days: time to sign in again)."""


def sign_in_ends_at(tokens: OAuthTokens) -> float | None:
    """When the kept sign-in stops working unless it is used (seconds since the epoch)."""
    return tokens.refresh_expires_at


def sign_in_ends_soon(tokens: OAuthTokens, *, now: float | None = None) -> bool:
    """True within EXPIRY_WARNING_S of the refresh token's end: time to sign in again."""
    ends = tokens.refresh_expires_at
    return ends is not None and (time.time() if now is None else now) >= ends - EXPIRY_WARNING_S
