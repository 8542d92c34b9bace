"""Customers created with their ticket (`create_missing`), exactly once under faults.

They have no user id until the ticket exists, so an uncertain request is reconciled by the
ticket's external id (derived from the email): one by one for a few, by a sweep over the
campaign's tag for many, and with single POSTs when a macro adds a comment. The sandbox's users
and tickets are the oracle: one user and one ticket per new address.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from engine_support import FAST, engine_for, journal_at, make_client, make_spec

from proactive_desktop.core.engine import CampaignEngine, CampaignSummary
from proactive_desktop.core.errors import ZendeskError
from proactive_desktop.core.models import CampaignSpec, CampaignState, RecipientSpec

MAX_RUNS = 8


def list_spec(folder: Path, url: str, name: str, count: int, **ticket: Any) -> CampaignSpec:
    emails = [f"Person.{n}@New.Example" for n in range(count)]
    lines = ["email,name,plan"] + [f"{e},New {n},gold" for n, e in enumerate(emails)]
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = make_spec(url, name, [], **ticket)
    return replace(
        spec,
        recipients=RecipientSpec(csv="people.csv", create_missing=True),
        csv_base_dir=folder,
    )


def send_until_finished(engine: CampaignEngine, spec: CampaignSpec) -> CampaignSummary:
    try:
        summary = engine.send(spec)
    except ZendeskError:
        summary = engine.summary(spec.name)
    for _ in range(MAX_RUNS):
        if summary.state is CampaignState.FINISHED:
            return summary
        try:
            summary = engine.resume(spec.name)
        except ZendeskError:
            summary = engine.summary(spec.name)
    raise AssertionError(f"not finished: {summary.to_json()}")


def assert_once_each(sandbox: Any, summary: CampaignSummary, count: int) -> None:
    users = [u for u in sandbox.users() if (u["email"] or "").endswith("@New.Example")]
    assert Counter(u["email"].casefold() for u in users) == {
        f"person.{n}@new.example": 1 for n in range(count)
    }
    tickets = [t for t in sandbox.tickets() if summary.tag in t["tags"]]
    assert Counter(t["requester_id"] for t in tickets) == {u["id"]: 1 for u in users}
    by_email = {u["email"]: u["id"] for u in users}
    assert summary.created == count
    for customer in summary.customers:
        assert customer.new_customer
        assert customer.user_id == by_email[customer.email]


@pytest.mark.parametrize("seed", [1, 2])
def test_many_new_customers_in_bulk_under_lost_answers(
    sandbox_factory: Any, tmp_path: Path, seed: int
) -> None:
    sandbox = sandbox_factory(seed=seed, job_seconds_per_ticket=0.003, job_start_delay_s=0.02)
    client = make_client(sandbox.url)
    faults = sandbox.faults
    create_many = "/api/v2/tickets/create_many"
    # Lost answers on jobs of more than 20 customers: the tag sweep finds their tickets.
    faults.inject("drop_after_create", method="POST", path=create_many, probability=0.5, seed=seed)
    faults.inject("reset", method="GET", path="/api/v2/tickets", probability=0.1)
    spec = list_spec(tmp_path, sandbox.url, f"New in bulk {seed}", 60)
    two_jobs = replace(FAST, max_jobs_in_flight=2)  # jobs of 30: a lost one is swept by tag
    with journal_at(tmp_path) as journal:
        summary = send_until_finished(engine_for(client, journal, two_jobs), spec)
    assert sum(f.fired for f in faults.armed()) > 0
    # Besides the name check, the campaign's tag was searched to reconcile a lost job.
    assert sandbox.stats()["requests"]["GET /api/v2/search/export"] >= 2
    assert_once_each(sandbox, summary, 60)


def test_new_customers_with_single_posts_under_lost_answers(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(seed=3, update_rate_limit_per_minute=None)
    client = make_client(sandbox.url)
    macro = next(m.id for m in client.macros() if m.title == "Escalate to Tier 2")
    sandbox.faults.inject(
        "drop_after_create", method="POST", path="/api/v2/tickets", probability=0.4, seed=3
    )
    spec = list_spec(tmp_path, sandbox.url, "New one by one", 8, macro_id=macro)
    with journal_at(tmp_path) as journal:
        summary = send_until_finished(engine_for(client, journal), spec)
    assert sum(f.fired for f in sandbox.faults.armed()) > 0
    assert_once_each(sandbox, summary, 8)
