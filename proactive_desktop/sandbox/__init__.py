"""A local Zendesk-compatible HTTP server with sample data and fault injection (stdlib only).

It is what `--demo` opens and what every test talks to over real loopback HTTP. It imports
nothing from the rest of proactive_desktop: it is an independent oracle for the client.
"""

from proactive_desktop.sandbox.config import (
    ACCOUNT_ID,
    DEMO_EMAIL,
    DEMO_OAUTH_CLIENT_ID,
    DEMO_OAUTH_REDIRECT_URLS,
    DEMO_OAUTH_TOKEN,
    DEMO_TOKEN,
    LEAD_EMAIL,
    LIMITED_EMAIL,
    SandboxConfig,
)
from proactive_desktop.sandbox.faults import Fault, FaultInjector, FaultKind, OutageMode
from proactive_desktop.sandbox.server import SandboxServer, serve_forever

__all__ = [
    "ACCOUNT_ID",
    "DEMO_EMAIL",
    "DEMO_OAUTH_CLIENT_ID",
    "DEMO_OAUTH_REDIRECT_URLS",
    "DEMO_OAUTH_TOKEN",
    "DEMO_TOKEN",
    "LEAD_EMAIL",
    "LIMITED_EMAIL",
    "Fault",
    "FaultInjector",
    "FaultKind",
    "OutageMode",
    "SandboxConfig",
    "SandboxServer",
    "serve_forever",
]
