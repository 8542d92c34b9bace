"""Helpers for the command-line tests: campaign files, in-process and subprocess runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN

REPO = Path(__file__).resolve().parents[2]
SUBPROCESS_TIMEOUT_S = 60


def toml_value(value: Any) -> str:
    """TOML for the values campaign files use (JSON's strings, numbers and arrays are TOML)."""
    return json.dumps(value, ensure_ascii=False)


def campaign_toml(
    url: str,
    name: str,
    *,
    email: str = DEMO_EMAIL,
    recipients: Mapping[str, Any] | None = None,
    ticket: Mapping[str, Any] | None = None,
    view: Mapping[str, Any] | None = None,
    extra: str = "",
) -> str:
    sections: dict[str, Mapping[str, Any]] = {
        "connection": {"url": url, "email": email},
        "campaign": {"name": name},
        "recipients": recipients if recipients is not None else {"query": "plan:premium"},
        "ticket": ticket
        if ticket is not None
        else {
            "subject": "Your {{user.user_fields.plan}} plan renews soon",
            "body": 'Hello {{user.first_name | default: "there"}},\nyour plan renews on '
            "{{user.user_fields.renewal_date}}.",
        },
        "view": view if view is not None else {"create": True},
    }
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines) + extra


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        document = json.loads(self.stdout)
        assert isinstance(document, dict)
        return document


def subprocess_env(data_dir: Path, **overrides: str | None) -> dict[str, str]:
    """The environment of a `python -m proactive_desktop` child: no keychain, the demo token."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ZENDESK_API_TOKEN", "ZENDESK_OAUTH_TOKEN")
    }
    env.update(
        PROACTIVE_DESKTOP_DATA=str(data_dir),
        ZENDESK_API_TOKEN=DEMO_TOKEN,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        PYTHONIOENCODING="utf-8",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_subprocess(
    args: Sequence[str], env: Mapping[str, str], *, timeout_s: float = SUBPROCESS_TIMEOUT_S
) -> CliResult:
    completed = subprocess.run(
        [sys.executable, "-m", "proactive_desktop", *args],
        env=dict(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout_s,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def write_campaign(folder: Path, text: str, filename: str = "campaign.toml") -> Path:
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_line_error(result: CliResult, *needles: str) -> None:
    """A bad input: exit 2, one `proactive-desktop: error:` line naming the cause, no traceback."""
    assert result.code == 2, (result.code, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("proactive-desktop: error: "), errors[0]
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])
    if result.stdout:
        # --json: the one JSON object is the error itself.
        assert result.stdout.count("\n") == 1, result.stdout
        error = result.json()["error"]
        assert error["kind"] in ("bad_input", "journal", "sign_in"), error
        for needle in needles:
            assert needle in error["message"], (needle, error)


RunCli = Callable[..., CliResult]
"""The `run_cli` fixture: `run_cli("send", "c.toml", "--json")` runs main() in this process."""
