"""The HTTP transport: the only place that builds a `requests.Session` and reveals a token.

- `make_session()`: the OS trust store (`truststore`, injected per adapter rather than patched into
  `ssl` for the whole process), our user agent, and **no transport retries** (`max_retries=0`):
  urllib3's `Retry` sleeps without any way to cancel and would replay a ticket POST. Retries,
  backoff and Retry-After belong to the client and the `RateGovernor`.
- Proxies: https requests go through the proxy the system or the environment names
  (`HTTPS_PROXY`, the Windows Internet Options, the macOS network settings — what `requests` reads
  with `trust_env`), as users in companies expect. A loopback address (the demo sandbox, on
  plain http) never does: with `HTTP_PROXY` set and no `NO_PROXY`, `requests` would otherwise
  hand the request, `Authorization` header and all, to the proxy in cleartext.
- `~/.netrc` is never consulted: `requests` would replace our `Authorization` header with a
  netrc password for the same host.
- `authorization_header()`: the `Authorization` value for API token (Basic) or OAuth (Bearer).
- `network_error()`: turns a `requests` exception into `NetworkError`, deciding `maybe_sent` —
  whether the request may have reached Zendesk — which decides if a creating call may be resent.
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
import truststore
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from proactive_desktop import __version__
from proactive_desktop.core.errors import NetworkError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.secrets import ApiTokenAuth, Auth, BearerAuth, Secret
from proactive_desktop.core.urls import is_loopback_host

if TYPE_CHECKING:  # names from the requests stubs only
    from requests.sessions import _Cert, _Settings, _TextMapping, _Verify

USER_AGENT = f"proactive-desktop/{__version__}"
# The engine keeps up to ~32 requests in flight (workers plus job polling); a smaller pool would
# open and discard connections ("Connection pool is full") under load.
POOL_MAXSIZE = 32
POOL_CONNECTIONS = 4


class TrustStoreAdapter(HTTPAdapter):
    """An HTTPAdapter that verifies TLS with the operating system's trust store.

    Company proxies that inspect TLS install their root certificate in the OS store; certifi's
    bundle would not know it. The context is given to this adapter's pools only, so nothing else
    in the process changes.
    """

    def __init__(self, *, pool_maxsize: int = POOL_MAXSIZE) -> None:
        self._ssl_context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().__init__(
            pool_connections=POOL_CONNECTIONS,
            pool_maxsize=pool_maxsize,
            max_retries=0,
            pool_block=False,
        )

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        pool_kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._ssl_context
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        if verify is True and url.lower().startswith("https"):
            # requests would load certifi's bundle into the context; the OS store decides instead.
            conn.cert_reqs = "CERT_REQUIRED"
            conn.ca_certs = None
            conn.ca_cert_dir = None
            if isinstance(cert, tuple):
                conn.cert_file, conn.key_file = cert
            elif cert:
                conn.cert_file = cert
            return
        # The stubs leave HTTPAdapter.cert_verify untyped.
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]


def is_loopback_url(url: str | bytes) -> bool:
    text = url.decode("ascii", "replace") if isinstance(url, bytes) else url
    try:
        return is_loopback_host(urlsplit(text).hostname or "")
    except ValueError:
        return False


class _KeepOurHeaders(requests.auth.AuthBase):
    """Set as `session.auth` so that `requests` never looks a password up in ~/.netrc (which it
    does only when a session has no auth) and overwrites the Authorization header we send."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


class ZendeskSession(requests.Session):
    """A `requests.Session` that never sends a loopback request through a proxy."""

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: _TextMapping | None,
        stream: bool | None,
        verify: _Verify | None,
        cert: _Cert | None,
    ) -> _Settings:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if url is not None and is_loopback_url(url):
            settings["proxies"] = {}
        return settings

    def rebuild_proxies(
        self, prepared_request: requests.PreparedRequest, proxies: Mapping[str, str] | None
    ) -> dict[str, str]:
        # Called for redirects: the same rule for the new address.
        if prepared_request.url is not None and is_loopback_url(prepared_request.url):
            return {}
        # The stubs leave SessionRedirectMixin.rebuild_proxies untyped.
        rebuilt: dict[str, str] = super().rebuild_proxies(prepared_request, proxies)  # type: ignore[no-untyped-call]
        return rebuilt


def make_session(*, pool_maxsize: int = POOL_MAXSIZE) -> requests.Session:
    """A session for one account: OS trust store, our user agent, no hidden retries, the
    system's proxy for https and none for loopback."""
    session = ZendeskSession()
    session.auth = _KeepOurHeaders()
    adapter = TrustStoreAdapter(pool_maxsize=pool_maxsize)
    session.mount("https://", adapter)
    # http:// is only ever used for loopback (urls.normalise_base_url refuses anything else).
    session.mount("http://", HTTPAdapter(pool_maxsize=pool_maxsize, max_retries=0))
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    return session


def authorization_header(auth: Auth) -> str:
    """The `Authorization` header value. The only place a token is revealed for HTTP."""
    if isinstance(auth, ApiTokenAuth):
        raw = f"{auth.email.strip()}/token:{auth.token.reveal()}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")
    if isinstance(auth, BearerAuth):
        return bearer_header(auth.token_source.access_token())
    raise TypeError(f"unknown credentials type {type(auth).__name__}")


def bearer_header(token: Secret) -> str:
    return "Bearer " + token.reveal()


# -- network errors ----------------------------------------------------------------------------


def _root_causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (args, reason, __cause__, __context__)."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(seen) < 20:
        current = pending.pop()
        if any(current is each for each in seen):
            continue
        seen.append(current)
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)
    return seen


def network_error(
    exc: requests.RequestException, *, host: str, read_timeout_s: float
) -> NetworkError:
    """A `NetworkError` describing `exc`, with `maybe_sent` decided conservatively.

    Certainly not sent: the connection could not be opened (refused, DNS, connect timeout, TLS
    handshake). Maybe sent: everything after the request was written — read timeout, reset,
    RemoteDisconnected, a broken chunked body — and anything not recognised.
    """
    causes = _root_causes(exc)
    if isinstance(exc, requests.ConnectTimeout) or any(
        isinstance(each, urllib3.exceptions.ConnectTimeoutError) for each in causes
    ):
        # urllib3's NewConnectionError (refused, unreachable) and NameResolutionError are
        # ConnectTimeoutError subclasses: all of them fail before a byte of the request is sent.
        refused = any(
            isinstance(each, urllib3.exceptions.NewConnectionError | ConnectionRefusedError)
            for each in causes
        )
        if refused or any(isinstance(each, socket.gaierror) for each in causes):
            return NetworkError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Could not connect to {host}. Check the address and your network connection.",
                ),
                maybe_sent=False,
                host=host,
            )
        return NetworkError(
            QT_TRANSLATE_NOOP(
                "Errors", "Connecting to {host} timed out. Check your network connection."
            ),
            maybe_sent=False,
            host=host,
        )
    if isinstance(exc, requests.exceptions.SSLError) or any(
        isinstance(each, ssl.SSLError) for each in causes
    ):
        return NetworkError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The secure connection to {host} failed: its certificate is not trusted by this "
                "computer, or something on the network interfered.",
            ),
            maybe_sent=False,
            host=host,
        )
    if isinstance(exc, requests.exceptions.ProxyError):
        return NetworkError(
            QT_TRANSLATE_NOOP("Errors", "The proxy server refused the connection to {host}."),
            maybe_sent=False,
            host=host,
        )
    if isinstance(exc, requests.ReadTimeout):
        return NetworkError(
            QT_TRANSLATE_NOOP("Errors", "{host} did not answer within {seconds} seconds."),
            maybe_sent=True,
            host=host,
            seconds=round(read_timeout_s),
        )
    if any(
        isinstance(each, http.client.RemoteDisconnected | ConnectionError) for each in causes
    ) or isinstance(exc, requests.exceptions.ChunkedEncodingError | requests.ConnectionError):
        return NetworkError(
            QT_TRANSLATE_NOOP(
                "Errors", "The connection to {host} was lost before Zendesk answered."
            ),
            maybe_sent=True,
            host=host,
        )
    return NetworkError(
        QT_TRANSLATE_NOOP("Errors", "The request to {host} failed before Zendesk answered."),
        maybe_sent=True,
        host=host,
    )
