"""The wire: loopback requests never go through a proxy (the token would travel to it in
cleartext); https requests do go through the proxy the environment names; ~/.netrc never replaces
the credentials we send.

The "proxy" is a loopback socket that records what it is asked and refuses it, so nothing ever
leaves this computer.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from zendesk_helpers import client_for

from proactive_desktop.core.zendesk.transport import make_session
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer


class RefusingProxy:
    """Accepts connections on 127.0.0.1, records each request line, answers 403."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self.request_lines: list[str] = []
        # accept() is not woken by close() on every system: poll, and stop on the event.
        self._socket.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.settimeout(10)
            with connection:
                received = b""
                while b"\r\n\r\n" not in received:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    received += chunk
                self.request_lines.append(received.split(b"\r\n", 1)[0].decode("latin-1"))
                connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[RefusingProxy]:
    """HTTP_PROXY and HTTPS_PROXY name the refusing proxy; no NO_PROXY (a common company set-up)."""
    server = RefusingProxy()
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.setenv("HTTPS_PROXY", server.url)
    yield server
    server.close()


def test_a_loopback_request_ignores_http_proxy(
    proxy: RefusingProxy, sandbox: SandboxServer
) -> None:
    # The trap is real: a plain requests session hands the request to the proxy.
    with requests.Session() as plain:
        assert plain.get(f"{sandbox.url}/api/v2/users/me.json", timeout=10).status_code == 403
    assert proxy.request_lines == [f"GET {sandbox.url}/api/v2/users/me.json HTTP/1.1"]
    proxy.request_lines.clear()

    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    try:
        assert client.me().email == DEMO_EMAIL
    finally:
        client.close()
    assert proxy.request_lines == []


def test_https_goes_through_the_proxy_the_environment_names(proxy: RefusingProxy) -> None:
    with make_session() as session, pytest.raises(requests.exceptions.ProxyError):
        session.get("https://acme.zendesk.com/api/v2/users/me.json", timeout=10)
    assert [line.rsplit(" ", 1)[0] for line in proxy.request_lines] == [
        "CONNECT acme.zendesk.com:443"
    ]


def test_netrc_never_replaces_the_token(
    sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login intruder@example.com password wrong\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    try:
        assert client.me().email == DEMO_EMAIL
    finally:
        client.close()
