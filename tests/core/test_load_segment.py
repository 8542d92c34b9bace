"""load_segment: the whole segment through the export search, with progress and organizations."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from zendesk_helpers import client_for

from proactive_desktop.core.errors import CancelledError
from proactive_desktop.core.search import load_segment
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer

SandboxFactory = Callable[..., SandboxServer]


def test_loads_past_the_search_cap_with_progress(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(customers=2500)
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    progress: list[tuple[int, int | None]] = []
    segment = load_segment(
        client, "role:end-user", on_progress=lambda n, total: progress.append((n, total))
    )
    expected = [u for u in sandbox.users() if u["role"] == "end-user"]
    assert len(segment.customers) == len(expected) > 1000
    assert {c.id for c in segment.customers} == {u["id"] for u in expected}
    assert segment.total_reported == len(expected)
    # (0, total) first, then once per page of 1,000, ending at loaded == total.
    assert progress[0] == (0, len(expected))
    assert [n for n, _ in progress] == sorted(n for n, _ in progress)
    assert progress[-1] == (len(expected), len(expected))
    assert len(progress) == 1 + -(-len(expected) // 1000)
    stats = sandbox.stats()["requests"]
    assert stats["GET /api/v2/search/export"] == -(-len(expected) // 1000)
    assert "GET /api/v2/search" not in stats  # never the capped search


def test_organizations_are_fetched_once_each_in_chunks(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(customers=2500)
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    segment = load_segment(client, "role:end-user")
    wanted = {c.organization_id for c in segment.customers if c.organization_id is not None}
    assert set(segment.organizations) == wanted
    assert len(wanted) > 100
    calls = sandbox.stats()["requests"]["GET /api/v2/organizations/show_many"]
    assert calls == -(-len(wanted) // 100)
    with_org = next(c for c in segment.customers if c.organization_id is not None)
    organization = segment.organization_of(with_org)
    assert organization is not None
    assert organization.name


def test_a_narrow_query_and_an_empty_result(sandbox: SandboxServer) -> None:
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    premium = load_segment(client, "plan:premium")
    assert premium.customers
    assert all(c.user_fields.get("plan") == "premium" for c in premium.customers)
    nobody = load_segment(client, "plan:does_not_exist")
    assert nobody.customers == ()
    assert nobody.organizations == {}


def test_cancel_between_pages(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(customers=3000)
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    cancel = threading.Event()

    def on_progress(loaded: int, total: int | None) -> None:
        if loaded >= 1000:
            cancel.set()

    with pytest.raises(CancelledError):
        load_segment(client, "role:end-user", on_progress=on_progress, cancel=cancel)
    stats = sandbox.stats()["requests"]
    assert stats["GET /api/v2/search/export"] == 1
    assert "GET /api/v2/organizations/show_many" not in stats
