"""The built-in demo workspace that "Try the demo" opens: the sandbox, started on first use.

It lives beside the entry point, not in `ui/`: the wizard knows only the `DemoProvider` shape,
and only the entry points (`cli.py`, the self-test, the tools) know that the sandbox exists.
"""

from __future__ import annotations

import logging
import threading

from proactive_desktop.core.secrets import Secret
from proactive_desktop.ui.services import DemoAccount

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 5000
DEMO_SEED = 1


class SandboxDemo:
    """The built-in demo workspace: a local sandbox started on first use, on a free port.

    Pages ask `Services.start_demo()`; only the entry points know the sandbox exists.
    """

    def __init__(self, *, customers: int = DEMO_CUSTOMERS, seed: int = DEMO_SEED) -> None:
        self._customers = customers
        self._seed = seed
        self._lock = threading.Lock()
        self._server: object | None = None
        self._account: DemoAccount | None = None

    def start(self) -> DemoAccount:
        from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig, SandboxServer

        with self._lock:
            if self._account is None:
                server = SandboxServer(
                    SandboxConfig(customers=self._customers, seed=self._seed), port=0
                )
                server.__enter__()
                self._server = server
                self._account = DemoAccount(server.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
                log.info("Demo workspace started on %s", server.url)
            return self._account

    def stop(self) -> None:
        with self._lock:
            server, self._server, self._account = self._server, None, None
        if server is not None:
            server.__exit__(None, None, None)  # type: ignore[attr-defined]
