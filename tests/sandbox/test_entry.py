"""Entry points: `serve_forever` and `python -m proactive_desktop.sandbox`."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
from sandbox_support import TIMEOUT

from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, serve_forever

_LISTENING = re.compile(r"Sandbox listening on (http://127\.0\.0\.1:(\d+))")


def test_serve_forever_prints_url_and_credentials_and_stops() -> None:
    out = io.StringIO()
    stop = threading.Event()
    runner = threading.Thread(
        target=serve_forever, args=(0, 40, 5), kwargs={"out": out, "stop": stop}
    )
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while not _LISTENING.search(out.getvalue()) and time.monotonic() < deadline:
            time.sleep(0.01)
        match = _LISTENING.search(out.getvalue())
        assert match is not None
        assert DEMO_EMAIL in out.getvalue()
        assert DEMO_TOKEN in out.getvalue()
        reply = requests.get(
            f"{match.group(1)}/api/v2/users/me.json",
            auth=(f"{DEMO_EMAIL}/token", DEMO_TOKEN),
            timeout=TIMEOUT,
        )
        assert reply.json()["user"]["email"] == DEMO_EMAIL
    finally:
        stop.set()
        runner.join(10)
    assert not runner.is_alive()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C cannot be sent to a child there")
def test_python_dash_m_runs_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "proactive_desktop.sandbox", "--port", "0", "--customers", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = _LISTENING.search(line)
        assert match is not None, line
        reply = requests.get(
            f"{match.group(1)}/api/v2/groups.json",
            auth=(f"{DEMO_EMAIL}/token", DEMO_TOKEN),
            timeout=TIMEOUT,
        )
        assert reply.status_code == 200
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
        assert process.returncode == 0
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
