"""Bad input is refused with a clear message before any connection is opened."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter

from proactive_desktop.core.errors import (
    CredentialsError,
    InputError,
    NetworkError,
    SearchLimitError,
    UrlError,
)
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth, Secret, StaticTokenSource
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.transport import USER_AGENT, TrustStoreAdapter, make_session

TOKEN = "tok-input-5b2e9d"


class ForbiddingAdapter(BaseAdapter):
    """An adapter that records every attempt to send and refuses it."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.sent.append(str(request.url))
        raise AssertionError(f"a connection was attempted: {request.method} {request.url}")

    def close(self) -> None:
        """Nothing to release."""


@pytest.fixture
def guarded() -> Iterator[tuple[requests.Session, ForbiddingAdapter]]:
    session = requests.Session()
    adapter = ForbiddingAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    yield session, adapter
    session.close()


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """A socket-level guard: any connect() in this test fails the test."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise AssertionError(f"socket connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


AUTH = ApiTokenAuth("admin@example.com", Secret(TOKEN))


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("acme_support", "letters, digits and hyphens"),
        ("ac/me", "letters, digits and hyphens"),
        ("http://acme.zendesk.com", "unencrypted"),
        ("http://192.168.1.10:8080", "unencrypted"),
        ("https://acme.zendesk.com/api/v2", "without a path"),
        ("", "subdomain"),
    ],
)
def test_bad_address_opens_no_connection(
    address: str,
    words: str,
    guarded: tuple[requests.Session, ForbiddingAdapter],
    no_sockets: list[Any],
) -> None:
    session, adapter = guarded
    with pytest.raises(UrlError) as caught:
        ZendeskClient(address, AUTH, session=session)
    assert words in str(caught.value)
    assert adapter.sent == []
    assert no_sockets == []


@pytest.mark.parametrize(
    ("email", "token"), [("", TOKEN), ("  ", TOKEN), ("a@b.c", ""), ("a@b.c", "  ")]
)
def test_empty_email_or_token_opens_no_connection(
    email: str, token: str, no_sockets: list[Any]
) -> None:
    with pytest.raises(CredentialsError) as caught:
        ZendeskClient("acme", ApiTokenAuth(email, Secret(token)))
    assert isinstance(caught.value, InputError)
    assert "Enter" in str(caught.value)
    assert no_sockets == []


def test_empty_oauth_token_opens_no_connection(no_sockets: list[Any]) -> None:
    with pytest.raises(CredentialsError):
        ZendeskClient("acme", BearerAuth(StaticTokenSource(Secret(""))))
    assert no_sockets == []


def test_search_past_the_cap_is_refused_before_sending(
    guarded: tuple[requests.Session, ForbiddingAdapter],
) -> None:
    session, adapter = guarded
    client = ZendeskClient("acme", AUTH, session=session)
    with pytest.raises(SearchLimitError) as caught:
        client.search_users("plan:premium", page=11)
    assert "export" in str(caught.value)
    assert adapter.sent == []


def instant_governor() -> RateGovernor:
    """A governor on a fake clock whose waits pass at once (backoffs take no real time)."""
    now = [0.0]

    def wait(cancel: threading.Event, seconds: float) -> bool:
        now[0] += seconds
        return not cancel.is_set()

    return RateGovernor(clock=lambda: now[0], wait=wait)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_connection_is_certainly_not_sent() -> None:
    """A POST to a port nobody listens on: maybe_sent=False, retried, then reported."""
    governor = instant_governor()
    client = ZendeskClient(f"http://127.0.0.1:{_closed_port()}", AUTH, governor=governor)
    with pytest.raises(NetworkError) as caught:
        client.create_ticket({"subject": "x"}, idempotency_key="k1")
    assert caught.value.maybe_sent is False
    assert "Could not connect to 127.0.0.1" in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_cancel_before_sending_sends_nothing(
    guarded: tuple[requests.Session, ForbiddingAdapter],
) -> None:
    from proactive_desktop.core.errors import CancelledError

    session, adapter = guarded
    cancel = threading.Event()
    cancel.set()
    client = ZendeskClient("acme", AUTH, session=session, cancel=cancel)
    with pytest.raises(CancelledError):
        client.me()
    assert adapter.sent == []


def test_make_session_uses_the_os_trust_store_and_no_retries() -> None:
    session = make_session()
    try:
        adapter = session.get_adapter("https://acme.zendesk.com")
        assert isinstance(adapter, TrustStoreAdapter)
        assert adapter.max_retries.total == 0
        assert adapter._pool_maxsize >= 32
        assert session.headers["User-Agent"] == USER_AGENT
        assert USER_AGENT.startswith("proactive-desktop/")
        pool = adapter.poolmanager.connection_from_url("https://acme.zendesk.com")
        context = pool.conn_kw.get("ssl_context") or adapter.poolmanager.connection_pool_kw.get(
            "ssl_context"
        )
        import truststore

        assert isinstance(context, truststore.SSLContext)
        assert session.get_adapter("http://127.0.0.1:1").max_retries.total == 0
    finally:
        session.close()
