"""Smoke tests of a built bundle, from outside, as a user's double-click or script would run it.

Skipped unless PROACTIVE_DESKTOP_FROZEN names the built app: the onedir folder
(`dist/proactive-desktop`), the macOS `Proactive Desktop.app`, or its console executable. CI sets
it after `python -m proactive_desktop.tools.build`. Every run must exit 0 with a clean stderr:
a warning from Qt, a missing plugin or a traceback in the packaged app is a failure here.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import requests

from proactive_desktop.sandbox import DEMO_TOKEN, SandboxConfig, SandboxServer

FROZEN_ENV = "PROACTIVE_DESKTOP_FROZEN"
RUN_TIMEOUT_S = 120
SANDBOX_START_TIMEOUT_S = 60
SAMPLE_CAMPAIGN = "sample-campaign.toml"

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get(FROZEN_ENV), reason=f"{FROZEN_ENV} is not set"),
]


def _executable_name(windowed: bool) -> str:
    name = "ProactiveDesktop" if windowed else "proactive-desktop"
    return name + ".exe" if sys.platform == "win32" else name


def bundle_executable(*, windowed: bool = False) -> Path:
    given = Path(os.environ[FROZEN_ENV]).resolve()
    if given.is_file():
        given = given.parent
    if given.suffix == ".app":
        given = given / "Contents" / "MacOS"
    executable = given / _executable_name(windowed)
    assert executable.is_file(), f"{executable} is not in the bundle"
    return executable


def bundle_root() -> Path:
    """The folder holding everything the bundle ships (the .app, or the onedir folder)."""
    executable = bundle_executable()
    return executable.parents[2] if executable.parent.name == "MacOS" else executable.parent


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user's session: no Python variables, a data folder of our own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "PYTEST", "VIRTUAL_ENV", "ZENDESK_", "QT_"))
    }
    env["PROACTIVE_DESKTOP_DATA"] = str(tmp_path / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform.startswith("linux"):
        # A desktop session has a UTF-8 locale; without one Qt warns on stderr. C.UTF-8 is the
        # one every glibc system has; the UI language comes from LANGUAGE/LANG.
        env["LC_ALL"] = "C.UTF-8"
    return env


def run(
    args: Sequence[str], env: dict[str, str], *, windowed: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle_executable(windowed=windowed)), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def test_self_test_passes(clean_env: dict[str, str]) -> None:
    result = run(["--self-test"], clean_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("self-test: ok")
    assert result.stderr == ""
    # Collation and zone names for ja and zh_CN: on Linux, proof that the trimmed ICU data
    # library (build.spec) still holds what Qt reads.
    assert re.search(r"^locale data: ok ", result.stdout, re.MULTILINE), result.stdout


def test_version(clean_env: dict[str, str]) -> None:
    from proactive_desktop import __version__

    result = run(["--version"], clean_env)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (
        0,
        f"proactive-desktop {__version__}",
        "",
    )


@pytest.fixture
def frozen_sandbox(clean_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`proactive-desktop sandbox --port 0` from the bundle, and the address it printed."""
    popen_options: dict[str, int] = {}
    if sys.platform == "win32":
        popen_options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    process = subprocess.Popen(
        [str(bundle_executable()), "sandbox", "--port", "0", "--customers", "50"],
        env=clean_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        **popen_options,
    )
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(SANDBOX_START_TIMEOUT_S)
    try:
        assert first_line, "the sandbox printed nothing"
        address = re.search(r"http://127\.0\.0\.1:\d+", first_line[0])
        assert address, f"no address in the sandbox's first line {first_line[0]!r}"
        yield process, address.group()
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=RUN_TIMEOUT_S)


def test_sandbox_on_port_zero_answers_and_stops(
    frozen_sandbox: tuple[subprocess.Popen[str], str],
) -> None:
    process, url = frozen_sandbox
    assert not url.endswith(":0")
    answer = requests.get(f"{url}/api/v2/users/me.json", timeout=10)
    assert answer.status_code == 200
    if sys.platform == "win32":
        process.send_signal(signal.CTRL_BREAK_EVENT)
        process.wait(timeout=RUN_TIMEOUT_S)
        return  # Ctrl-Break ends a Windows console program without its own clean-up
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
    assert process.returncode == 0
    # Its stderr holds at most its own notes ("proactive-desktop: sandbox stopped").
    assert all(line.startswith("proactive-desktop: ") for line in stderr.splitlines()), stderr
    assert not re.search(r"Traceback|Warning|Error", stderr), stderr


def test_send_dry_run_of_the_bundled_sample(clean_env: dict[str, str], tmp_path: Path) -> None:
    bundled = sorted(bundle_root().rglob(SAMPLE_CAMPAIGN))
    assert bundled, f"the bundle has no {SAMPLE_CAMPAIGN}"
    config = SandboxConfig(customers=300, seed=3, rate_limit_per_minute=None)
    with SandboxServer(config, port=0) as sandbox:
        text = bundled[0].read_text(encoding="utf-8")
        campaign = tmp_path / SAMPLE_CAMPAIGN
        campaign.write_text(
            re.sub(r'(?m)^url = ".*"$', f'url = "{sandbox.url}"', text), encoding="utf-8"
        )
        env = {**clean_env, "ZENDESK_API_TOKEN": DEMO_TOKEN}
        result = run(["send", str(campaign), "--dry-run", "--json", "--quiet"], env)
        assert not sandbox.tickets(), "a dry run created tickets"
    assert result.returncode == 0, result.stderr
    # Only the pre-flight's warnings (the sandbox's triggers email every customer), no error.
    assert all(
        line.startswith("proactive-desktop: warning: ") for line in result.stderr.splitlines()
    ), result.stderr
    summary = json.loads(result.stdout)
    assert summary["state"] == "draft"
    assert any(each["emails_requester"] for each in summary["triggers"])
    assert summary["pending"] > 0
    assert summary["created"] == 0
    counted = summary["created"] + summary["failed"] + summary["skipped"] + summary["pending"]
    assert summary["total"] == len(summary["customers"]) == counted


@pytest.mark.parametrize("language", ["ja", "zh_CN"])
def test_wizard_opens_and_quits_after_start(clean_env: dict[str, str], language: str) -> None:
    env = {**clean_env, "LANG": f"{language}.UTF-8", "LANGUAGE": language}
    result = run(["--quit-after-start", "--no-error-dialog"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert re.search(r"^first window: \d+ ms after ", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^keychain: (available|locked|unavailable)$", result.stdout, re.MULTILINE)
    if sys.platform.startswith("linux"):
        # Linux takes the UI language from LANG; Windows and macOS from their own settings.
        assert f"qtbase_{language}.qm" in result.stdout


def test_windowed_app_opens_and_quits_after_start(clean_env: dict[str, str]) -> None:
    result = run(["--quit-after-start", "--no-error-dialog"], clean_env, windowed=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
