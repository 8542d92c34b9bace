"""The command line, one campaign from two data folders: the second `send` stops with exit 2.

The account's ticket search lags a minute, so the campaign-name check of the second folder sees
nothing; the second send still finds the first ticket by its external id, sends nothing, and
says what it found in one line.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop.sandbox import SandboxServer


def test_a_second_data_folder_is_refused_with_what_it_found(
    run_cli: RunCli,
    sandbox_factory: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox: SandboxServer = sandbox_factory(search_index_delay_s=60.0)
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Shared file"))
    first = run_cli("send", str(path), "--json")
    assert first.code == 0, first.stderr
    created = json.loads(first.stdout)["created"]
    posts = sandbox.stats()["requests"]["POST /api/v2/tickets/create_many"]

    other = tmp_path / "other-computer"
    other.mkdir()
    monkeypatch.setenv("PROACTIVE_DESKTOP_DATA", str(other))
    second = run_cli("send", str(path), "--json")
    assert second.code == 2, second.stderr
    assert "Traceback" not in second.stderr
    [line] = [each for each in second.stderr.splitlines() if "error:" in each]
    assert "another computer or data folder" in line
    assert "external id" in line
    assert sandbox.stats()["requests"]["POST /api/v2/tickets/create_many"] == posts
    tickets = [t for t in sandbox.tickets() if "shared_file" in t["tags"]]
    assert len(tickets) == created
    assert max(Counter(t["requester_id"] for t in tickets).values()) == 1
