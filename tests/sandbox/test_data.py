"""Sample data: deterministic, realistic, fast to make."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from proactive_desktop.sandbox import DEMO_EMAIL, LEAD_EMAIL, LIMITED_EMAIL
from proactive_desktop.sandbox.data import STAFF_COUNT, generate


def test_same_seed_same_data_other_seed_other_data() -> None:
    assert json.dumps(generate(400, 3).users) == json.dumps(generate(400, 3).users)
    assert json.dumps(generate(400, 3).organizations) == json.dumps(generate(400, 3).organizations)
    assert generate(400, 3).users != generate(400, 4).users


def test_five_thousand_customers_and_the_staff() -> None:
    data = generate(5000, 1)  # how fast: bench/bench_sandbox.py
    assert len(data.users) == 5000 + STAFF_COUNT


def test_the_account_looks_real() -> None:
    data = generate(5000, 1)
    customers = [u for u in data.users if u["role"] == "end-user"]
    staff = [u for u in data.users if u["role"] != "end-user"]
    assert len(customers) == 5000
    assert {u["email"] for u in staff} >= {DEMO_EMAIL, LIMITED_EMAIL, LEAD_EMAIL}
    assert Counter(u["role"] for u in staff) == {"agent": 10, "admin": 2}
    ids = [u["id"] for u in data.users]
    assert ids == sorted(ids)
    assert min(ids) > 2**32  # real ids do not fit 32 bits
    no_email = sum(u["email"] is None for u in customers)
    suspended = sum(u["suspended"] for u in customers)
    assert 50 < no_email < 300
    assert 40 < suspended < 200
    emails = [u["email"].casefold() for u in data.users if u["email"]]
    assert len(emails) == len(set(emails))
    names = [u["name"] for u in customers]
    assert any(re.fullmatch(r"[\u4e00-\u9fff]+ [\u3040-\u9fff]+", n) for n in names)  # 佐藤 花子
    assert any(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", n) for n in names)  # 王伟
    assert any(n.isascii() for n in names)
    assert any("é" in n or "ü" in n for n in names)  # Latin names keep their accents
    plans = Counter(u["user_fields"]["plan"] for u in customers)
    assert set(plans) == {"basic", "standard", "premium", "enterprise", None}
    assert any(u["user_fields"]["renewal_date"] is None for u in customers)
    assert all(
        re.fullmatch(r"\d{4}-\d{2}-\d{2}", u["user_fields"]["renewal_date"])
        for u in customers
        if u["user_fields"]["renewal_date"]
    )
    assert any(u["user_fields"]["city"] == "東京" for u in customers)
    assert any(u["time_zone"] is None for u in customers)
    assert any(u["organization_id"] is None for u in customers)
    org_ids = {o["id"] for o in data.organizations}
    assert {u["organization_id"] for u in customers if u["organization_id"]} <= org_ids
    assert all({"region", "tier"} <= o["organization_fields"].keys() for o in data.organizations)
    assert any(not m["active"] for m in data.macros)
    assert any(f["required"] and f["active"] for f in data.ticket_fields if f["id"] > 0)


@pytest.mark.slow
def test_a_hundred_thousand_customers_are_feasible() -> None:
    data = generate(100_000, 2)  # how fast: bench/bench_sandbox.py
    assert len(data.users) == 100_000 + STAFF_COUNT
    assert len({u["id"] for u in data.users}) == len(data.users)
