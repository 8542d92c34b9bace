"""Fixtures for the sandbox's own tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sandbox_support import Http

from proactive_desktop.sandbox import SandboxServer


@pytest.fixture
def http(sandbox: SandboxServer) -> Iterator[Http]:
    client = Http(sandbox)
    yield client
    client.close()
