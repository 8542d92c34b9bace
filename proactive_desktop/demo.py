"""The built-in demo workspace that "Try the demo" opens: the sandbox, started on first use.

It lives beside the entry point, not in `ui/`: the wizard knows only the `DemoProvider` shape,
and only the entry points (`cli.py`, the self-test, the tools) know that the sandbox exists.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from proactive_desktop.core.secrets import Secret
from proactive_desktop.ui.services import DemoAccount

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 5000
DEMO_SEED = 1
PORT_FILE = "demo-port"
"""In the demo's folder: the port the demo workspace had last time, tried first, so that the
demo's campaigns keep their address across restarts (a scheduled one continues)."""


def start_demo_server(config: Any, port_file: Path | None) -> Any:
    """A started SandboxServer: on the port of `port_file` if it is free, else on any free one
    (then remembered there). Same seed, same address: the demo's journal still fits it."""
    from proactive_desktop.sandbox import SandboxServer

    preferred = 0
    if port_file is not None:
        try:
            preferred = int(port_file.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            preferred = 0
    try:
        server = SandboxServer(config, port=preferred)
        server.__enter__()
    except OSError:
        server = SandboxServer(config, port=0)
        server.__enter__()
    if port_file is not None:
        try:
            port_file.write_text(str(server.port), encoding="ascii")
        except OSError as error:  # the demo works without it, on a new address each time
            log.info("the demo's port could not be remembered: %s", error.strerror)
    return server


class SandboxDemo:
    """The built-in demo workspace: a local sandbox started on first use, on a free port.

    Pages ask `Services.start_demo()`; only the entry points know the sandbox exists.
    """

    def __init__(
        self,
        *,
        customers: int = DEMO_CUSTOMERS,
        seed: int = DEMO_SEED,
        port_file: Path | None = None,
    ) -> None:
        self._customers = customers
        self._seed = seed
        self._port_file = port_file
        self._lock = threading.Lock()
        self._server: object | None = None
        self._account: DemoAccount | None = None

    def start(self) -> DemoAccount:
        from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxConfig

        with self._lock:
            if self._account is None:
                server = start_demo_server(
                    SandboxConfig(customers=self._customers, seed=self._seed), self._port_file
                )
                self._server = server
                self._account = DemoAccount(server.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
                log.info("Demo workspace started on %s", server.url)
            return self._account

    def stop(self) -> None:
        with self._lock:
            server, self._server, self._account = self._server, None, None
        if server is not None:
            server.__exit__(None, None, None)  # type: ignore[attr-defined]
