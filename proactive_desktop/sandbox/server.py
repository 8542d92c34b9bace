"""The sandbox's HTTP layer and life cycle: `SandboxServer`, the job runner, `serve_forever`.

HTTP/1.1 with keep-alive on a threading server bound to 127.0.0.1 only. `stop()` ends the
accept loop, closes every open connection (so handler threads blocked on idle keep-alive
sockets wake up), joins all threads and closes the listening socket: a test can start and stop
hundreds of sandboxes without leaking a thread or a socket.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import struct
import sys
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

from proactive_desktop.sandbox.api import Api, Request, Response
from proactive_desktop.sandbox.config import (
    DEMO_EMAIL,
    DEMO_OAUTH_CLIENT_ID,
    DEMO_OAUTH_TOKEN,
    DEMO_TOKEN,
    LEAD_EMAIL,
    LIMITED_EMAIL,
    SandboxConfig,
)
from proactive_desktop.sandbox.data import SampleData, generate
from proactive_desktop.sandbox.faults import FaultInjector
from proactive_desktop.sandbox.oauth import OAuthProvider
from proactive_desktop.sandbox.store import Store

JsonDict = dict[str, Any]
LOOPBACK = "127.0.0.1"
_MAX_BODY = 32 * 1024 * 1024
_REASONS = {422: "Unprocessable Entity", 429: "Too Many Requests"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ZendeskSandbox/1.0"
    disable_nagle_algorithm = True  # headers and body leave in one go; no 40 ms stalls
    server: _HttpServer

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        # An idle keep-alive connection is closed after this long (socket timeout).
        self.request.settimeout(self.server.sandbox.config.idle_timeout_s or None)
        super().setup()

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise ValueError("request body too large")
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        sandbox = self.server.sandbox
        try:
            body = self._read_body()
        except ValueError:
            self._send(Response(413, {"error": "RequestTooLarge"}))
            self.close_connection = True
            return
        parts = urlsplit(self.path)
        path = parts.path.removesuffix(".json").rstrip("/") or "/"
        request = Request(
            method=self.command,
            path=path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            client_host=self.client_address[0],
        )
        response = sandbox.api.handle(request)
        if response.reset or sandbox.stopping:
            self._reset()
            return
        self._send(response)

    def _send(self, response: Response) -> None:
        if response.html is not None:
            payload = response.html.encode("utf-8")
            content_type = "text/html; charset=utf-8"
        else:
            payload = (
                b""
                if response.body is None
                else json.dumps(response.body, ensure_ascii=False, separators=(",", ":")).encode()
            )
            content_type = "application/json; charset=utf-8"
        self.send_response(response.status, _REASONS.get(response.status))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _reset(self) -> None:
        """Close the connection without an answer; SO_LINGER 0 makes it a TCP reset."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the sandbox reports through /__sandbox/stats, not stderr."""


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 128

    def __init__(self, sandbox: SandboxServer, port: int) -> None:
        self.sandbox = sandbox
        self._open: dict[socket.socket, threading.Thread] = {}
        self._open_lock = threading.Lock()
        super().__init__((LOOPBACK, port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="sandbox-connection",
            daemon=True,
        )
        with self._open_lock:
            self._open[request] = thread
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.pop(request, None)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that vanished mid-answer is normal here (fault tests); stay quiet."""

    def close_connections(self, timeout: float) -> None:
        """Wake every handler thread (blocked reads end) and wait for them to finish."""
        with self._open_lock:
            open_now = list(self._open.items())
        for sock, _thread in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for _sock, thread in open_now:
            thread.join(max(0.0, deadline - time.monotonic()))


class _JobRunner(threading.Thread):
    """Moves create_many jobs forward: wakes when a job arrives or its next step is due."""

    def __init__(self, store: Store, time_scale: float = 1.0) -> None:
        super().__init__(name="sandbox-jobs", daemon=True)
        self._store = store
        self._time_scale = time_scale
        self._wake = threading.Event()
        self._halt = threading.Event()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._halt.set()
        self._wake.set()

    def run(self) -> None:
        while not self._halt.is_set():
            delay = self._store.advance_jobs()
            self._wake.wait(None if delay is None else delay / self._time_scale)
            self._wake.clear()


class ScaledClock:
    """The account's clock: monotonic time running `scale` times as fast as real time.

    Every time the sandbox keeps (queue delays, job speed, rate windows, key and token
    lifetimes, outages) is read from it, so a test can model a 60 s queue in 6 s with scale 10
    while the client under test waits in real time, unaware.
    """

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._origin = time.monotonic()

    def __call__(self) -> float:
        return self._origin + (time.monotonic() - self._origin) * self.scale


class SandboxServer:
    """A running local Zendesk account.

        with SandboxServer(SandboxConfig(customers=300, seed=7), port=0) as sandbox:
            sandbox.url                      # "http://127.0.0.1:PORT"
            sandbox.tickets()                # every ticket created, with comments
            sandbox.faults.inject("reset", method="POST", path="/api/v2/tickets")
            sandbox.stats()

    The socket is bound and the data generated in the constructor (so `url` is known at
    once); `start()` begins serving. Only 127.0.0.1 is ever bound.
    """

    def __init__(self, config: SandboxConfig | None = None, *, port: int = 0) -> None:
        self._config = config or SandboxConfig()
        self._config_lock = threading.Lock()
        self._stopping = threading.Event()
        self.clock = ScaledClock(self._config.time_scale)
        self.faults = FaultInjector(self._config.seed, clock=self.clock)
        self.data: SampleData = generate(self._config.customers, self._config.seed)
        self._http = _HttpServer(self, port)
        self.port: int = self._http.server_address[1]
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.store = Store(self.data, self.url, lambda: self._config, self.clock, self._config.seed)
        self._jobs = _JobRunner(self.store, self._config.time_scale)
        self.oauth = OAuthProvider(
            lambda: self._config, clock=self.clock, is_active_staff=self._is_active_staff
        )
        self.api = Api(
            self.store,
            self.faults,
            get_config=lambda: self._config,
            set_config=self.configure,
            clock=self.clock,
            wait=self._stopping.wait,
            on_job_submitted=self._jobs.poke,
            oauth=self.oauth,
        )
        self._serve_thread: threading.Thread | None = None
        self._started = False
        self._stopped = False

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        if self._started:
            return self
        self._started = True
        self._jobs.start()
        self._serve_thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sandbox-accept",
            daemon=True,
        )
        self._serve_thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close every connection and join every thread (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        self._stopping.set()
        if self._serve_thread is not None:
            self._http.shutdown()
            self._serve_thread.join(timeout)
        self._http.close_connections(timeout)
        self._http.server_close()
        self._jobs.stop()
        if self._jobs.is_alive():
            self._jobs.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- configuration -------------------------------------------------------------------------

    @property
    def config(self) -> SandboxConfig:
        return self._config

    def configure(
        self, changes: Mapping[str, Any] | None = None, /, **kwargs: Any
    ) -> SandboxConfig:
        """Change settings while running: `configure(rate_limit_per_minute=100, latency_s=0.05)`.

        `customers` and `seed` cannot change (the data is already made)."""
        with self._config_lock:
            self._config = self._config.replace({**(changes or {}), **kwargs})
            config = self._config
        self._jobs.poke()
        return config

    def add_bearer_token(self, token: str, email: str) -> None:
        """Accept `Authorization: Bearer token` as the user with `email` (OAuth seam)."""
        with self._config_lock:
            tokens = dict(self._config.bearer_tokens)
            tokens[token] = email
            self._config = self._config.replace({"bearer_tokens": tokens})

    def revoke_bearer_token(self, token: str) -> None:
        """Make a bearer token invalid (an expired OAuth access token)."""
        with self._config_lock:
            tokens = {k: v for k, v in self._config.bearer_tokens.items() if k != token}
            self._config = self._config.replace({"bearer_tokens": tokens})

    def _is_active_staff(self, email: str) -> bool:
        user = self.store.user_by_email(email)
        return (
            user is not None
            and not user["suspended"]
            and bool(user["active"])
            and self.store.is_staff(user)
        )

    # -- oracle --------------------------------------------------------------------------------

    def tickets(self) -> list[JsonDict]:
        """Every ticket in the account (with a `comments` list), oldest first."""
        return self.store.ticket_snapshot()

    def deleted_tickets(self) -> list[JsonDict]:
        """Every ticket deleted so far (by destroy_many or `delete_ticket`), oldest id first."""
        with self.store.lock:
            return [dict(t) for _, t in sorted(self.store.deleted_tickets.items())]

    def plant_ticket(self, **fields: Any) -> JsonDict:
        """Create a ticket past every limit, as the demo admin: `plant_ticket(requester_id=…,
        tags=[campaign_tag])` plants a duplicate or a stray ticket. Returns the ticket."""
        return self.store.plant_ticket(fields)

    def delete_ticket(self, ticket_id: int) -> bool:
        """Delete a ticket behind the client's back; False when there is no such ticket."""
        return self.store.delete_ticket(ticket_id)

    def backdate_ticket(self, ticket_id: int, days: float) -> None:
        """Make a ticket look created `days` ago (for rules that count from a ticket's date)."""
        moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        with self.store.lock:
            ticket = self.store.tickets[ticket_id]
            ticket["created_at"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def views(self) -> list[JsonDict]:
        with self.store.lock:
            views: list[JsonDict] = json.loads(json.dumps(list(self.store.views.values())))
            return views

    def users(self) -> list[JsonDict]:
        """Every user (staff first), as the API shows them."""
        with self.store.lock:
            return [self.store.user_json(u) for u in self.store.users]

    def user(self, user_id: int) -> JsonDict:
        return self.store.user_json(self.store.users_by_id[user_id])

    def stats(self) -> JsonDict:
        """Request counts per endpoint, answers by status, 429s sent, jobs, tickets."""
        return self.api.stats_json()

    def wait_for_jobs(self, timeout: float = 10.0) -> bool:
        """Block until no job is queued or working (True), or until `timeout` (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            counts = self.store.job_counts()
            if counts.get("queued", 0) == 0 and counts.get("working", 0) == 0:
                return True
            self._stopping.wait(0.01)
        return False


def credentials_text(url: str) -> str:
    return (
        f"Sandbox listening on {url}\n"
        f"  URL:         {url}\n"
        f"  Admin:       {DEMO_EMAIL}\n"
        f"  API token:   {DEMO_TOKEN}\n"
        f"  OAuth token: {DEMO_OAUTH_TOKEN}\n"
        f"  OAuth client (Sign in with Zendesk): {DEMO_OAUTH_CLIENT_ID}\n"
        f"  Limited agent (no shared views): {LIMITED_EMAIL}\n"
        f"  Team lead (shared views):        {LEAD_EMAIL}\n"
        "Press Ctrl-C to stop.\n"
    )


def serve_forever(
    port: int = 0,
    customers: int = 5000,
    seed: int = 1,
    *,
    out: IO[str] | None = None,
    stop: threading.Event | None = None,
    **settings: Any,
) -> None:
    """Run a sandbox in the foreground until Ctrl-C (or until `stop` is set).

    Prints `Sandbox listening on http://127.0.0.1:PORT` (flushed at once, so a parent process
    can read the port) and the demo credentials. `settings` are further `SandboxConfig` fields.
    """
    stream = out if out is not None else sys.stdout
    stop_event = stop if stop is not None else threading.Event()
    config = SandboxConfig(customers=customers, seed=seed, **settings)
    with SandboxServer(config, port=port) as sandbox:
        stream.write(credentials_text(sandbox.url))
        stream.flush()
        try:
            while not stop_event.wait(0.25):
                pass
        except KeyboardInterrupt:
            pass
