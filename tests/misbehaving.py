"""A misbehaving HTTP server for tests: a loopback proxy in front of the sandbox.

Every request is passed to the sandbox and its answer relayed, unless a rule for the request's
method and path prefix says otherwise:

* `Trickle(interval_s)` — relay the real answer one byte every `interval_s` (headers included),
  which never trips a per-read timeout;
* `Stall()` — read the request and never answer;
* `Huge(total_bytes)` — answer 200 with an endless (or `total_bytes` long) JSON-looking body;
* `Headers({...})` — relay the real answer with these headers set (`inf`, garbage, …);
* `JobNeverEnds()` — relay the answer, but every job status in it stays `queued`.

The sandbox stays the one Zendesk model (it shares no code with the client); this only breaks
the transport the ways a real network, proxy or a broken server do. Ports are the OS's (0).
"""

from __future__ import annotations

import http.client
import json
import socket
import socketserver
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Trickle:
    interval_s: float = 0.2


@dataclass(frozen=True)
class Stall:
    pass


@dataclass(frozen=True)
class Huge:
    total_bytes: int | None = None
    """None: endless."""
    declare_length: bool = False


@dataclass(frozen=True)
class Headers:
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JobNeverEnds:
    pass


Behaviour = Trickle | Stall | Huge | Headers | JobNeverEnds


@dataclass
class Rule:
    behaviour: Behaviour
    method: str | None
    path: str
    remaining: int | None
    fired: int = 0


_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class MisbehavingProxy:
    """`with MisbehavingProxy(sandbox.url) as proxy:` then point the client at `proxy.url`."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._rules: list[Rule] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                del format, args  # quiet: pytest would show it as noise

            def do_GET(self) -> None:
                proxy._handle(self)

            do_POST = do_PUT = do_DELETE = do_GET

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> MisbehavingProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def misbehave(
        self,
        behaviour: Behaviour,
        *,
        path: str = "/",
        method: str | None = None,
        count: int | None = None,
    ) -> Rule:
        """Arm a rule for requests whose path starts with `path` (`count` None: every one)."""
        rule = Rule(behaviour, method.upper() if method else None, path, count)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def _take(self, method: str, path: str) -> Behaviour | None:
        with self._lock:
            for rule in self._rules:
                if rule.method not in (None, method) or not path.startswith(rule.path):
                    continue
                rule.fired += 1
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self._rules.remove(rule)
                return rule.behaviour
        return None

    # -- one request --------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = urlsplit(handler.path).path
        behaviour = self._take(handler.command, path)
        if isinstance(behaviour, Stall):
            handler.close_connection = True
            while not self._stopping.wait(0.05):
                if _peer_closed(handler.connection):
                    return
            return
        if isinstance(behaviour, Huge):
            self._send_huge(handler, behaviour)
            return
        status, headers, answer = self._forward(handler, body)
        if isinstance(behaviour, Headers):
            headers = [(k, v) for k, v in headers if k.lower() not in _lowered(behaviour.values)]
            headers.extend(behaviour.values.items())
        if isinstance(behaviour, JobNeverEnds):
            answer = _jobs_stay_queued(answer)
        raw = _response_bytes(status, headers, answer)
        if isinstance(behaviour, Trickle):
            handler.close_connection = True
            for index in range(len(raw)):
                try:
                    handler.wfile.write(raw[index : index + 1])
                    handler.wfile.flush()
                except OSError:
                    return
                if self._stopping.wait(behaviour.interval_s):
                    return
            return
        try:
            handler.wfile.write(raw)
            handler.wfile.flush()
        except OSError:
            handler.close_connection = True

    def _forward(
        self, handler: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(*self._upstream, timeout=30)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_BY_HOP}
            headers["Content-Length"] = str(len(body))
            connection.request(handler.command, handler.path, body=body or None, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP]
            return response.status, kept, answer
        finally:
            connection.close()

    def _send_huge(self, handler: BaseHTTPRequestHandler, huge: Huge) -> None:
        handler.close_connection = True
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
        if huge.declare_length and huge.total_bytes is not None:
            head += f"Content-Length: {huge.total_bytes}\r\n"
        chunk = b" " * 65536
        sent = 0
        try:
            handler.wfile.write((head + "\r\n").encode("ascii") + b"{")
            while huge.total_bytes is None or sent < huge.total_bytes:
                if self._stopping.is_set():
                    return
                handler.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            return


def _lowered(values: Mapping[str, str]) -> set[str]:
    return {key.lower() for key in values}


def _response_bytes(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
    reason = http.client.responses.get(status, "")
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines.extend(f"{key}: {value}" for key, value in headers)
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _jobs_stay_queued(answer: bytes) -> bytes:
    try:
        data = json.loads(answer)
    except ValueError:
        return answer
    jobs = []
    if isinstance(data, dict):
        if isinstance(data.get("job_status"), dict):
            jobs.append(data["job_status"])
        if isinstance(data.get("job_statuses"), list):
            jobs.extend(job for job in data["job_statuses"] if isinstance(job, dict))
    for job in jobs:
        job["status"] = "queued"
        job["progress"] = 0
        job["results"] = []
    return json.dumps(data).encode("utf-8")


def _peer_closed(sock: socket.socket) -> bool:
    """True when the client hung up (a readable socket with nothing to read)."""
    try:
        sock.setblocking(False)
        try:
            return sock.recv(1, socket.MSG_PEEK) == b""
        finally:
            sock.setblocking(True)
    except BlockingIOError:
        return False
    except OSError:
        return True


def wait_until(predicate: object, timeout_s: float = 30.0) -> bool:
    """Poll `predicate()` until true (tests of other processes; never a limit on the code)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.05)
    return False
