"""The client's retry rules under the sandbox's injected faults, over real loopback HTTP.

GETs retry 429 / 5xx / network errors (bounded, via the governor); POST and PUT are sent again
only when Zendesk certainly did not process them (429, a refused connection). The governor here
runs on a fake clock, so Retry-After and backoff cost no real time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from zendesk_helpers import InstantTime, client_for, instant_governor

from proactive_desktop.core.errors import (
    AuthenticationError,
    CancelledError,
    NetworkError,
    OAuthRefreshError,
    RateLimitedError,
    ServerError,
)
from proactive_desktop.core.models import UserId
from proactive_desktop.core.rate import MAX_RETRY_AFTER_S, RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth, Secret, StaticTokenSource
from proactive_desktop.core.zendesk.client import MAX_ATTEMPTS, ZendeskClient
from proactive_desktop.sandbox import (
    DEMO_EMAIL,
    DEMO_OAUTH_TOKEN,
    DEMO_TOKEN,
    SandboxServer,
)

SandboxFactory = Callable[..., SandboxServer]


def requests_to(sandbox: SandboxServer, name: str) -> int:
    return int(sandbox.stats()["requests"].get(name, 0))


def customer_id(sandbox: SandboxServer) -> UserId:
    user = next(u for u in sandbox.users() if u["role"] == "end-user" and not u["suspended"])
    return UserId(user["id"])


def ticket(sandbox: SandboxServer) -> dict[str, Any]:
    return {
        "subject": "Hello",
        "comment": {"body": "Hello"},
        "requester_id": customer_id(sandbox),
        "tags": ["faults"],
    }


# -- 429 ----------------------------------------------------------------------------------------


def test_get_waits_out_retry_after_then_succeeds(sandbox: SandboxServer) -> None:
    clock = InstantTime()
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN, time=clock)
    sandbox.faults.inject("rate_limit", path="/api/v2/user_fields", retry_after=7)
    assert client.user_fields()
    assert requests_to(sandbox, "GET /api/v2/user_fields") == 2
    assert clock.waited_s >= 7


def test_post_is_resent_after_429_and_creates_one_ticket(sandbox: SandboxServer) -> None:
    clock = InstantTime()
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN, time=clock)
    sandbox.faults.inject("rate_limit", method="POST", path="/api/v2/tickets", retry_after=3)
    created = client.create_ticket(ticket(sandbox), idempotency_key="k-429")
    assert requests_to(sandbox, "POST /api/v2/tickets") == 2
    assert [t["id"] for t in sandbox.tickets()] == [created.id]
    assert clock.waited_s >= 3


def test_persistent_429_gives_up_with_a_capped_retry_after(sandbox: SandboxServer) -> None:
    clock = InstantTime()
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN, time=clock)
    sandbox.faults.inject("rate_limit", path="/api/v2/groups", retry_after=86_400, count=50)
    with pytest.raises(RateLimitedError) as caught:
        client.groups()
    assert caught.value.retry_after_s == MAX_RETRY_AFTER_S
    assert requests_to(sandbox, "GET /api/v2/groups") == MAX_ATTEMPTS
    # Each wait was capped (a six-hour Retry-After is never honoured).
    assert max(clock.waits) <= MAX_RETRY_AFTER_S
    assert clock.waited_s <= MAX_ATTEMPTS * MAX_RETRY_AFTER_S


def test_cancel_interrupts_a_retry_after_wait(sandbox: SandboxServer) -> None:
    cancel = threading.Event()
    client = ZendeskClient(sandbox.url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), cancel=cancel)
    # Retry-After as long as the client honours (its cap): only a cancelled wait ends soon, and
    # an uncancellable one would outlast the test's own time limit.
    limited = sandbox.faults.inject(
        "rate_limit", path="/api/v2/groups", retry_after=int(MAX_RETRY_AFTER_S)
    )
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    try:
        with pytest.raises(CancelledError):
            client.groups()
    finally:
        timer.cancel()
    assert limited.fired == 1
    assert sandbox.stats()["requests"]["GET /api/v2/groups"] == 1  # no retry after the wait


# -- 5xx ----------------------------------------------------------------------------------------


def test_get_retries_server_errors_with_backoff(sandbox: SandboxServer) -> None:
    clock = InstantTime()
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN, time=clock)
    sandbox.faults.inject("server_error", path="/api/v2/macros", status=502, count=2)
    assert client.macros()
    assert requests_to(sandbox, "GET /api/v2/macros") == 3
    assert clock.waited_s > 0  # backed off between attempts


def test_get_gives_up_after_bounded_attempts(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("server_error", path="/api/v2/macros", status=500, count=100)
    with pytest.raises(ServerError) as caught:
        client.macros()
    assert caught.value.status_code == 500
    assert requests_to(sandbox, "GET /api/v2/macros") == MAX_ATTEMPTS


def test_a_quick_check_gives_up_after_its_own_attempts(sandbox: SandboxServer) -> None:
    # The Connect page's check asks for fewer attempts so an unreachable address is
    # reported in seconds; a campaign keeps the patient default.
    client = ZendeskClient(
        sandbox.url,
        ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)),
        governor=instant_governor(InstantTime()),
        max_attempts=2,
    )
    sandbox.faults.inject("server_error", path="/api/v2/macros", status=503, count=100)
    with pytest.raises(ServerError):
        client.macros()
    assert requests_to(sandbox, "GET /api/v2/macros") == 2


def test_post_is_not_replayed_after_a_server_error(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("server_error", method="POST", path="/api/v2/tickets", status=503)
    with pytest.raises(ServerError) as caught:
        client.create_ticket(ticket(sandbox), idempotency_key="k-5xx")
    assert caught.value.status_code == 503
    assert requests_to(sandbox, "POST /api/v2/tickets") == 1


def test_put_is_not_replayed_after_a_server_error(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    created = client.create_ticket(ticket(sandbox), idempotency_key="k-put")
    sandbox.faults.inject("server_error", method="PUT", status=500)
    with pytest.raises(ServerError):
        client.update_ticket(created.id, {"status": "pending"})
    assert requests_to(sandbox, "PUT /api/v2/tickets/{id}") == 1


# -- broken connections -------------------------------------------------------------------------


def test_reset_after_sending_a_post_may_have_been_sent(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("reset", method="POST", path="/api/v2/tickets")
    with pytest.raises(NetworkError) as caught:
        client.create_ticket(ticket(sandbox), idempotency_key="k-reset")
    assert caught.value.maybe_sent is True
    assert "lost before Zendesk answered" in str(caught.value)
    assert requests_to(sandbox, "POST /api/v2/tickets") == 1  # not replayed


def test_connection_dropped_after_creating_is_uncertain(sandbox: SandboxServer) -> None:
    """The ticket exists but the answer never came: the caller must reconcile, not resend."""
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets")
    with pytest.raises(NetworkError) as caught:
        client.create_ticket(ticket(sandbox), idempotency_key="k-drop")
    assert caught.value.maybe_sent is True
    assert len(sandbox.tickets()) == 1
    # Resending with the same key is answered from the first request: still one ticket.
    again = client.create_ticket(ticket(sandbox), idempotency_key="k-drop")
    assert again.idempotency_hit
    assert len(sandbox.tickets()) == 1


def test_create_many_dropped_after_submit_is_uncertain(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("drop_after_create", method="POST", path="/api/v2/tickets/create_many")
    with pytest.raises(NetworkError) as caught:
        client.create_many_tickets([ticket(sandbox)] * 3)
    assert caught.value.maybe_sent is True
    assert requests_to(sandbox, "POST /api/v2/tickets/create_many") == 1
    assert sandbox.wait_for_jobs(10)
    assert len(sandbox.tickets()) == 3


def test_get_retries_a_reset_connection(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    sandbox.faults.inject("reset", path="/api/v2/users/me", count=2)
    assert client.me().email == DEMO_EMAIL
    assert requests_to(sandbox, "GET /api/v2/users/me") == 3


def test_read_timeout_on_post_may_have_been_sent(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(latency_s=0.6)
    client = ZendeskClient(
        sandbox.url,
        ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)),
        timeout=(2.0, 0.2),
        governor=client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN).governor,
    )
    with pytest.raises(NetworkError) as caught:
        client.create_ticket(ticket(sandbox), idempotency_key="k-timeout")
    assert caught.value.maybe_sent is True
    assert "did not answer within" in str(caught.value)
    assert requests_to(sandbox, "POST /api/v2/tickets") == 1


def test_outage_then_recovery_for_reads(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    outage = sandbox.faults.inject("server_error", status=503, count=3)
    assert client.groups()
    # The three 503s were answered, and retried, before the list came back.
    assert outage.fired == 3


# -- OAuth refresh ------------------------------------------------------------------------------


class RefreshingSource:
    """Starts with an expired access token; refresh() hands out the valid one."""

    def __init__(self, valid: str) -> None:
        self._current = Secret("expired-access-token")
        self._valid = valid
        self.refreshes = 0
        self._lock = threading.Lock()

    @property
    def can_refresh(self) -> bool:
        return True

    def access_token(self) -> Secret:
        return self._current

    def refresh(self) -> Secret:
        with self._lock:
            self.refreshes += 1
            self._current = Secret(self._valid)
            return self._current


def test_bearer_401_refreshes_once_and_retries(sandbox: SandboxServer) -> None:
    source = RefreshingSource(DEMO_OAUTH_TOKEN)
    client = client_for(sandbox.url, "", "", auth=BearerAuth(source))
    assert client.user_fields()
    assert source.refreshes == 1
    assert sandbox.stats()["statuses"]["401"] == 1


def test_bearer_anonymous_me_refreshes_too(sandbox: SandboxServer) -> None:
    source = RefreshingSource(DEMO_OAUTH_TOKEN)
    client = client_for(sandbox.url, "", "", auth=BearerAuth(source))
    assert client.me().email == DEMO_EMAIL
    assert source.refreshes == 1


def test_post_after_refresh_creates_one_ticket(sandbox: SandboxServer) -> None:
    source = RefreshingSource(DEMO_OAUTH_TOKEN)
    client = client_for(sandbox.url, "", "", auth=BearerAuth(source))
    client.create_ticket(ticket(sandbox), idempotency_key="k-oauth")
    assert source.refreshes == 1
    assert len(sandbox.tickets()) == 1


def test_refresh_that_fails_still_fails(sandbox: SandboxServer) -> None:
    source = RefreshingSource("still-not-valid")
    client = client_for(sandbox.url, "", "", auth=BearerAuth(source))
    with pytest.raises(AuthenticationError, match="sign in again"):
        client.user_fields()
    # Not in a loop: a second renewal (another program may have rotated the pair again), then
    # stop, since it gave back the very token Zendesk had just refused.
    assert source.refreshes == 2


def test_unrefreshable_bearer_token(sandbox: SandboxServer) -> None:
    client = client_for(
        sandbox.url, "", "", auth=BearerAuth(StaticTokenSource(Secret("expired-token")))
    )
    with pytest.raises(AuthenticationError):
        client.user_fields()
    with pytest.raises(OAuthRefreshError):
        StaticTokenSource(Secret("x")).refresh()


# -- the governor sees every request ------------------------------------------------------------


class CountingGovernor(RateGovernor):
    def __init__(self, clock: InstantTime) -> None:
        super().__init__(clock=clock.clock, wait=clock.wait)
        self.acquired = 0
        self.observed: list[int] = []

    def acquire(self, cancel: threading.Event) -> bool:
        self.acquired += 1
        return super().acquire(cancel)

    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        self.observed.append(status_code)
        super().observe(status_code, headers)


def test_every_request_passes_through_the_governor(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(rate_limit_per_minute=700)
    governor = CountingGovernor(InstantTime())
    client = ZendeskClient(
        sandbox.url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN)), governor=governor
    )
    assert governor.limit_per_minute is None
    sandbox.faults.inject("rate_limit", path="/api/v2/groups", retry_after=1)
    client.me()
    client.groups()
    client.user_fields()
    total = sandbox.stats()["total"]
    assert governor.acquired == total == 4
    assert governor.observed == [200, 429, 200, 200]
    assert governor.limit_per_minute == 700  # learned from the sandbox's headers
    assert governor.budget_per_minute == pytest.approx(560)
