"""Every request ends: an overall deadline, a cancel seen while waiting and reading, a size cap.

Over real loopback HTTP through a misbehaving proxy in front of the sandbox (tests/misbehaving.py):
a trickled answer that never trips a per-read timeout, a server that never answers, a huge answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from misbehaving import Huge, MisbehavingProxy, Stall, Trickle
from zendesk_helpers import instant_governor

from proactive_desktop.core.errors import CancelledError, NetworkError
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer


@pytest.fixture
def proxy(sandbox: SandboxServer) -> Iterator[MisbehavingProxy]:
    with MisbehavingProxy(sandbox.url) as running:
        yield running


def client(
    url: str,
    *,
    deadline_s: float = 30.0,
    cancel: threading.Event | None = None,
    max_answer_bytes: int | None = None,
    max_attempts: int = 1,
) -> ZendeskClient:
    extra = {} if max_answer_bytes is None else {"max_answer_bytes": max_answer_bytes}
    return ZendeskClient(
        url,
        ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)),
        governor=instant_governor(),
        cancel=cancel,
        deadline_s=deadline_s,
        max_attempts=max_attempts,
        **extra,  # type: ignore[arg-type]
    )


def test_the_proxy_relays_a_well_behaved_answer(proxy: MisbehavingProxy) -> None:
    assert client(proxy.url).me().email == DEMO_EMAIL


def test_a_trickled_answer_ends_at_the_deadline(proxy: MisbehavingProxy) -> None:
    # One byte every 0.1 s: each socket read succeeds, so only an overall deadline ends it.
    proxy.misbehave(Trickle(0.1), path="/api/v2/users/me")
    with pytest.raises(NetworkError) as raised:
        client(proxy.url, deadline_s=1.0).me()
    assert "did not send its whole answer within 1 seconds" in str(raised.value)
    assert raised.value.maybe_sent


def test_a_trickled_post_ends_at_the_deadline_as_maybe_sent(
    proxy: MisbehavingProxy, sandbox: SandboxServer
) -> None:
    proxy.misbehave(Trickle(0.1), method="POST", path="/api/v2/tickets")
    requester = next(u for u in sandbox.users() if u["role"] == "end-user")
    ticket = {"subject": "s", "comment": {"body": "b"}, "requester_id": requester["id"]}
    with pytest.raises(NetworkError) as raised:
        client(proxy.url, deadline_s=1.0).create_ticket(ticket, idempotency_key="k-trickle")
    # The ticket exists: the engine must reconcile it, never send it blindly again.
    assert raised.value.maybe_sent
    assert len(sandbox.tickets()) == 1


def test_a_get_is_retried_after_its_deadline_then_succeeds(proxy: MisbehavingProxy) -> None:
    proxy.misbehave(Stall(), path="/api/v2/user_fields", count=1)
    fields = client(proxy.url, deadline_s=0.5, max_attempts=3).user_fields()
    assert isinstance(fields, list)


def test_cancel_ends_a_stalled_get_at_once(proxy: MisbehavingProxy) -> None:
    proxy.misbehave(Stall(), path="/api/v2/users/me")
    cancel = threading.Event()
    account = client(proxy.url, deadline_s=600.0, cancel=cancel)
    failure: list[BaseException] = []

    def call() -> None:
        try:
            account.me()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            failure.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    # The request is waiting for an answer that never comes (its deadline is 10 minutes).
    worker.join(0.5)
    assert worker.is_alive()
    cancel.set()
    worker.join(30)
    assert not worker.is_alive()
    assert len(failure) == 1
    assert isinstance(failure[0], CancelledError)


def test_cancel_gives_a_post_a_grace_then_leaves_it_uncertain(
    proxy: MisbehavingProxy, sandbox: SandboxServer
) -> None:
    proxy.misbehave(Stall(), method="POST", path="/api/v2/tickets/create_many")
    cancel = threading.Event()
    account = client(proxy.url, deadline_s=600.0, cancel=cancel)
    requester = next(u for u in sandbox.users() if u["role"] == "end-user")
    failure: list[BaseException] = []

    def call() -> None:
        try:
            account.create_many_tickets(
                [{"subject": "s", "comment": {"body": "b"}, "requester_id": requester["id"]}]
            )
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            failure.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    worker.join(0.3)
    cancel.set()
    worker.join(30)
    assert not worker.is_alive()
    assert len(failure) == 1
    error = failure[0]
    # Written but unanswered: may have been created, so never "cancelled before sending".
    assert isinstance(error, NetworkError)
    assert error.maybe_sent
    assert "Stopped while waiting for the answer" in str(error)


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_a_huge_answer_is_refused_while_read(proxy: MisbehavingProxy, declared: bool) -> None:
    proxy.misbehave(
        Huge(total_bytes=64 * 1024 * 1024, declare_length=declared), path="/api/v2/user_fields"
    )
    with pytest.raises(NetworkError) as raised:
        client(proxy.url, max_answer_bytes=1024 * 1024, max_attempts=3).user_fields()
    assert "larger than 1 MB" in str(raised.value)
    # Asking again would bring the same answer: refused at the first one.
    assert proxy._rules[0].fired == 1


def test_an_endless_answer_ends_at_the_size_cap(proxy: MisbehavingProxy) -> None:
    proxy.misbehave(Huge(), path="/api/v2/users/me")
    with pytest.raises(NetworkError, match="larger than 2 MB"):
        client(proxy.url, max_answer_bytes=2 * 1024 * 1024).me()
