"""The command line's pre-flight: `send --dry-run` lists the triggers and the frequency rule's
skips; `test-send` creates one test ticket outside the campaign."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import RunCli, campaign_toml, write_campaign

from proactive_desktop.sandbox import DEMO_EMAIL, SandboxServer


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


def _campaign_file(sandbox: SandboxServer, tmp_path: Path, name: str) -> Path:
    return write_campaign(
        tmp_path,
        campaign_toml(
            sandbox.url,
            name,
            recipients={"query": "plan:premium"},
            ticket={
                "subject": "Hello {{user.first_name}}",
                "body": "Your plan renews soon.",
                "tags": ["renewal"],
            },
        ),
    )


def test_test_send_gives_the_agent_one_ticket_outside_the_campaign(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path, cli_env: Path
) -> None:
    path = _campaign_file(sandbox, tmp_path, "Test me")
    result = run_cli("test-send", str(path), "--json")
    assert result.code == 0, result.stderr
    document = result.json()
    assert set(document) >= {"ticket_id", "ticket_url", "rendered_for"}
    tickets = sandbox.tickets()
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket["id"] == document["ticket_id"]
    assert document["ticket_url"].endswith(f"/agent/tickets/{ticket['id']}")
    agent = next(u for u in sandbox.users() if u["email"] == DEMO_EMAIL)
    assert ticket["requester_id"] == agent["id"]
    assert "test_me" not in ticket["tags"]
    assert "proactive_campaign" not in ticket["tags"]
    assert ticket["tags"] == ["proactive_campaign_test", "renewal"]
    assert ticket["external_id"] is None
    rendered_for = sandbox.user(document["rendered_for"])
    assert ticket["subject"] == f"Hello {rendered_for['name'].split()[0]}"
    # Nothing journaled: the campaign is unknown to `status`.
    assert run_cli("status", "Test me").code == 2


def test_test_send_to_an_address_for_a_chosen_customer(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = _campaign_file(sandbox, tmp_path, "Test to")
    dry = run_cli("send", str(path), "--dry-run", "--json").json()
    pending = [c for c in dry["customers"] if c["status"] == "pending"]
    chosen = pending[-1]
    existing = next(u for u in sandbox.users() if u["role"] == "end-user" and u["email"])
    result = run_cli(
        "test-send", str(path), "--customer", str(chosen["user_id"]), "--to", existing["email"]
    )
    assert result.code == 0, result.stderr
    (ticket,) = sandbox.tickets()
    assert result.stdout.strip().endswith(f"/agent/tickets/{ticket['id']}")
    assert ticket["requester_id"] == existing["id"]
    chosen_user = sandbox.user(chosen["user_id"])
    assert ticket["subject"] == f"Hello {chosen_user['name'].split()[0]}"


def test_test_send_refuses_a_bad_address_and_a_customer_outside_the_campaign(
    run_cli: RunCli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = _campaign_file(sandbox, tmp_path, "Test refused")
    bad_address = run_cli("test-send", str(path), "--to", "not-an-address")
    assert bad_address.code == 2
    assert '"not-an-address" is not an email address' in bad_address.stderr
    stranger = run_cli("test-send", str(path), "--customer", "999999999")
    assert stranger.code == 2
    assert "is not among this campaign's customers" in stranger.stderr
    assert sandbox.tickets() == []
