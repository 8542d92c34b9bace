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
- `RequestWatch` / `watching()`: an overall deadline and the caller's cancel for ONE request,
  enforced while its answer is awaited and read. requests' read timeout counts per socket read,
  so a server that trickles a byte every few seconds would never trip it, and a blocked read
  cannot see a cancel. One watchdog thread shuts the socket of a request whose deadline passed or
  whose caller cancelled, which ends the blocked read at once on every platform.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import requests
import truststore
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

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

log = logging.getLogger(__name__)

WATCHDOG_TICK_S: Final = 0.1
"""How often the watchdog looks at the requests in progress (a cancel is seen within this)."""


# -- one request's deadline and cancel ------------------------------------------------------


class Tripped:
    """Why the watchdog ended a request (`RequestWatch.tripped`)."""

    DEADLINE = "deadline"
    CANCELLED = "cancelled"


class RequestWatch:
    """The overall deadline and the cancel of one request, while its socket is in use.

    `deadline_s` counts from creation: connecting, sending, waiting for and reading the whole
    answer. After `cancel` is set the request still gets `cancel_grace_s` to finish — a ticket
    POST whose answer is on its way is better recorded than left uncertain — then it is ended.
    """

    def __init__(
        self,
        *,
        deadline_s: float,
        cancel: threading.Event,
        cancel_grace_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.deadline_s = deadline_s
        self._clock = clock
        self.deadline = clock() + deadline_s
        self.cancel = cancel
        self.cancel_grace_s = cancel_grace_s
        self._cancel_seen_at: float | None = None
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._finished = False
        self.tripped: str | None = None

    def attach(self, sock: socket.socket) -> None:
        """The socket this request's answer arrives on (shut when the watch trips)."""
        with self._lock:
            if self.tripped is not None:
                _shut(sock)
            self._sockets.append(sock)

    def finish(self) -> None:
        """The whole answer is in: the socket goes back to the pool and must not be shut."""
        with self._lock:
            self._finished = True
            self._sockets.clear()

    def check(self) -> str | None:
        """Trip if the deadline passed or the cancel's grace ran out; returns `tripped`."""
        now = self._clock()
        with self._lock:
            if self.tripped is not None or self._finished:
                return self.tripped
            reason: str | None = None
            if now >= self.deadline:
                reason = Tripped.DEADLINE
            elif self.cancel.is_set():
                if self._cancel_seen_at is None:
                    self._cancel_seen_at = now
                if now - self._cancel_seen_at >= self.cancel_grace_s:
                    reason = Tripped.CANCELLED
            if reason is None:
                return None
            self.tripped = reason
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)
        return reason

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.deadline - self._clock())


def _shut(sock: socket.socket) -> None:
    """End every blocked read on `sock` now (from another thread; the owner closes it later).

    The plain socket's shutdown, also for a TLS socket: `SSLSocket.shutdown` would drop its TLS
    state under the reading thread's feet.
    """
    # OSError: already closed or never connected, so nothing is blocked on it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread that checks every request in progress, a tick at a time."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._watches: set[RequestWatch] = set()
        self._thread: threading.Thread | None = None

    def add(self, watch: RequestWatch) -> None:
        with self._condition:
            self._watches.add(watch)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="request-watchdog", daemon=True
                )
                self._thread.start()
            self._condition.notify()

    def remove(self, watch: RequestWatch) -> None:
        with self._condition:
            self._watches.discard(watch)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._watches:
                    self._condition.wait()
                watches = list(self._watches)
            for watch in watches:
                watch.check()
            with self._condition:
                self._condition.wait(WATCHDOG_TICK_S)


_watchdog = _Watchdog()
_current = threading.local()


@contextmanager
def watching(watch: RequestWatch) -> Iterator[RequestWatch]:
    """Enforce `watch` on the requests this thread makes inside the block."""
    previous: RequestWatch | None = getattr(_current, "watch", None)
    _current.watch = watch
    _watchdog.add(watch)
    try:
        yield watch
    finally:
        _watchdog.remove(watch)
        _current.watch = previous


class _WatchedConnectionMixin:
    """Hands the socket of each request to the thread's current `RequestWatch`."""

    sock: socket.socket | None

    def getresponse(self) -> Any:
        watch: RequestWatch | None = getattr(_current, "watch", None)
        if watch is not None and self.sock is not None:
            watch.attach(self.sock)
        return super().getresponse()  # type: ignore[misc]


class _WatchedHTTPConnection(_WatchedConnectionMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnectionMixin, HTTPSConnection):
    pass


class _WatchedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS: Final = {"http": _WatchedHTTPConnectionPool, "https": _WatchedHTTPSConnectionPool}


def _watch_pools(manager: Any) -> Any:
    manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
    return manager


class WatchedAdapter(HTTPAdapter):
    """A plain HTTPAdapter whose connections report to the thread's `RequestWatch`."""

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)
        _watch_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        return _watch_pools(super().proxy_manager_for(proxy, **proxy_kwargs))


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
        _watch_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._ssl_context
        return _watch_pools(super().proxy_manager_for(proxy, **proxy_kwargs))

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
    session.mount("http://", WatchedAdapter(pool_maxsize=pool_maxsize, max_retries=0))
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
