"""The command line's pre-flight: `send --dry-run` lists the triggers and the frequency rule's
skips; `test-send` creates one test ticket outside the campaign."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop.sandbox import SandboxServer


def test_dry_run_json_lists_the_triggers(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Trigger dry run"))
    result = run_cli("send", str(path), "--dry-run", "--json")
    assert result.code == 0, result.stderr
    document = result.json()
    triggers = {each["title"]: each for each in document["triggers"]}
    notify = triggers["Notify requester of new proactive ticket"]
    assert notify["acts"] == "will"
    assert notify["emails_requester"] is True
    assert set(notify) >= {"id", "title", "acts", "emails_requester"}
    assert triggers["Premium customers: high priority"]["acts"] == "may"
    assert "Route billing questions" not in triggers
    assert "Notify requester of new proactive ticket" in result.stderr  # the warning
    assert sandbox.tickets() == []


def test_dry_run_text_names_the_triggers(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path, campaign_toml(sandbox.url, "Trigger text"))
    result = run_cli("send", str(path), "--dry-run")
    assert result.code == 0, result.stderr
    assert "will act, emails the customer: Notify requester of new proactive ticket" in (
        result.stdout
    )
    assert (
        "may act: Premium customers: high priority (depends on requester.custom_fields.plan)"
        in (result.stdout)
    )
