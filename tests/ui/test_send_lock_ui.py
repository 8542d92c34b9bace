"""The wizard as the second sender: resuming a campaign that a `send` command is sending right now
is refused on the Send page, naming the command and its PID; the command goes on untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from campaign_helpers import wizard_at
from pytestqt.qtbot import QtBot
from wizard_support import connect

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.journal import campaign_lock_path
from proactive_desktop.core.oslock import read_holder
from proactive_desktop.core.paths import journal_path
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.pages.send import SendPage, SendState
from proactive_desktop.ui.wizard import PageId

REPO = Path(__file__).resolve().parents[2]
SAFETY_NET_S = 60.0  # not a speed check: only how long a broken test may hang

CAMPAIGN = """
[connection]
url = "{url}"
email = "{email}"

[campaign]
name = "Sent elsewhere"

[recipients]
query = "plan:premium"

[ticket]
subject = "A note for {{{{user.name}}}}"
body = "Hello {{{{user.first_name}}}}"
"""


def test_the_wizard_is_refused_a_campaign_a_command_is_sending(
    qtbot: QtBot,
    sandbox_factory: Callable[..., SandboxServer],
    data_dir: Path,
    secret_store: SecretStore,
    tmp_path: Path,
) -> None:
    sandbox = sandbox_factory(customers=60, job_start_delay_s=3600.0)  # jobs held until released
    campaign = tmp_path / "campaign.toml"
    campaign.write_text(CAMPAIGN.format(url=sandbox.url, email=DEMO_EMAIL), encoding="utf-8")
    env = {
        **os.environ,
        "PROACTIVE_DESKTOP_DATA": str(data_dir),
        "ZENDESK_API_TOKEN": DEMO_TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "PYTHONIOENCODING": "utf-8",
    }
    services = build_services(data_dir, secrets=secret_store)
    with subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop", "send", str(campaign), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as command:
        try:
            deadline = time.monotonic() + SAFETY_NET_S
            while sandbox.stats()["jobs"].get("queued", 0) == 0:
                assert command.poll() is None, command.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.02)
            holder = read_holder(campaign_lock_path(journal_path(data_dir), 1))
            assert holder is not None

            connection = connect(services, sandbox)
            draft = CampaignDraft(
                resume_campaign="Sent elsewhere",
                base_url=connection.base_url,
                email=connection.email,
            )
            wizard = wizard_at(qtbot, services, draft, PageId.SEND)
            page = wizard.currentPage()
            assert isinstance(page, SendPage)
            qtbot.waitUntil(
                lambda: page.state == SendState.STOPPED and not page.is_running, timeout=30_000
            )
            shown = page.result_label.text()
            assert 'Campaign "Sent elsewhere" is being sent by a command' in shown
            assert f"(PID {holder.pid})" in shown
            assert command.poll() is None  # untouched: still sending

            sandbox.configure(job_start_delay_s=0.0)
            stdout, stderr = command.communicate(timeout=SAFETY_NET_S)
        finally:
            if command.poll() is None:
                command.kill()
            services.close()
    assert command.returncode == 0, stderr
    assert json.loads(stdout)["state"] == "finished"
