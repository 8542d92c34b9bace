"""A client used as a context manager closes its own HTTP session, however the block ends."""

from __future__ import annotations

import pytest
import requests

from proactive_desktop.core.errors import AuthenticationError
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer


class CountingSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.closed = 0

    def close(self) -> None:
        self.closed += 1
        super().close()


def client(sandbox: SandboxServer, session: requests.Session, token: str) -> ZendeskClient:
    return ZendeskClient(
        sandbox.url,
        ApiTokenAuth(DEMO_EMAIL, Secret(token)),
        session=session,
        governor=RateGovernor(),
    )


def test_the_session_closes_after_the_block(sandbox: SandboxServer) -> None:
    session = CountingSession()
    with client(sandbox, session, DEMO_TOKEN) as used:
        assert used.me().email == DEMO_EMAIL
        assert session.closed == 0
    assert session.closed == 1


def test_the_session_closes_when_the_block_raises(sandbox: SandboxServer) -> None:
    session = CountingSession()
    with pytest.raises(AuthenticationError), client(sandbox, session, "wrong") as used:
        used.me()
    assert session.closed == 1
