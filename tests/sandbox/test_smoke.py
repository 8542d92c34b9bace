"""The sandbox starts, answers the demo credentials and stops without leaking threads."""

from __future__ import annotations

import threading

import requests

from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig, SandboxServer


def test_start_answer_stop_leaves_no_threads() -> None:
    before = {t.ident for t in threading.enumerate()}
    server = SandboxServer(SandboxConfig(customers=50, seed=1)).start()
    with requests.Session() as session:
        reply = session.get(
            f"{server.url}/api/v2/users/me.json",
            auth=(f"{DEMO_EMAIL}/token", DEMO_TOKEN),
            timeout=5,
        )
        assert reply.status_code == 200
        assert reply.json()["user"]["email"] == DEMO_EMAIL
        server.stop()
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert leftover == []
