"""Sandbox settings and the demo credentials.

`SandboxConfig` is immutable; a running sandbox swaps it whole (`SandboxServer.configure`), so a
request always sees one consistent set of values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: An admin who may do everything, including creating shared views.
DEMO_EMAIL = "admin@sandbox.example"
#: The account's API token; it works with the email of any active agent or admin.
DEMO_TOKEN = "sandbox-demo-token"
#: An agent whose custom role may only manage personal views: creating a shared view is a 403.
#: This agent also has no time zone set (`time_zone` null in users/me).
LIMITED_EMAIL = "agent@sandbox.example"
#: An agent whose custom role may manage shared views.
LEAD_EMAIL = "lead@sandbox.example"
#: An OAuth access token (Authorization: Bearer) for the demo admin.
DEMO_OAUTH_TOKEN = "sandbox-oauth-access-token"
#: The public OAuth client the sandbox knows (Admin Center → OAuth Clients, kind public).
DEMO_OAUTH_CLIENT_ID = "proactive_desktop_sandbox"
#: The redirect URLs an admin registers for that client: the program's fixed loopback addresses,
#: as its Connect page lists them. Written out here, not imported: the sandbox shares no code.
DEMO_OAUTH_REDIRECT_URLS = (
    "http://127.0.0.1:29170/callback",
    "http://127.0.0.1:29171/callback",
    "http://127.0.0.1:29172/callback",
)
#: The account id that job results and tickets carry.
ACCOUNT_ID = 1_000_001


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    """Everything a sandbox can be tuned with. Times are in seconds.

    `None` disables a limit. The defaults model a real Enterprise account (700 requests a minute,
    jobs at about 150 ms a ticket); tests pass faster values.
    """

    customers: int = 5000
    seed: int = 1
    #: Account-wide requests per minute (sliding 60 s window); None = unlimited and no headers.
    rate_limit_per_minute: int | None = 700
    #: Ticket updates (PUT /tickets/{id}) per minute, on top of the account limit.
    update_rate_limit_per_minute: int | None = 100
    #: Requests per minute to /api/v2/search/export, on top of the account limit.
    export_rate_limit_per_minute: int | None = None
    #: Added to every API request before it is answered.
    latency_s: float = 0.0
    #: Added to every page of /api/v2/search/export (a real 1,000-user page takes ~2.5 s).
    export_latency_s: float = 0.0
    #: How long a create_many job takes per ticket once it runs.
    job_seconds_per_ticket: float = 0.15
    #: How long a new job stays `queued` before it starts working. A busy real account keeps
    #: jobs queued for tens of seconds or minutes; set 20 or 60 to model one.
    job_start_delay_s: float = 0.2
    #: Queued + working jobs allowed at once; one more is a 429 TooManyJobs.
    max_queued_jobs: int = 30
    #: Finished job statuses are forgotten (404) after this long.
    job_ttl_s: float = 3600.0
    #: Export search cursors stop working after this long.
    cursor_ttl_s: float = 3600.0
    #: Idempotency keys are remembered this long.
    idempotency_ttl_s: float = 2 * 3600.0
    #: New or changed tickets appear in search only after this long (Zendesk indexes lazily).
    search_index_delay_s: float = 0.0
    #: API tokens the account accepts (with any active staff email).
    api_tokens: frozenset[str] = frozenset({DEMO_TOKEN})
    #: OAuth access tokens → the email of the user they act for.
    bearer_tokens: Mapping[str, str] = field(default_factory=lambda: {DEMO_OAUTH_TOKEN: DEMO_EMAIL})
    #: Keep-alive connections idle longer than this are closed by the server.
    idle_timeout_s: float = 30.0
    #: How fast the account's clock runs against real time: 10 makes a 60 s queue delay, a
    #: rate-limit window or a key's lifetime pass in a tenth of the time (request latency stays
    #: real). Fixed when the sandbox starts.
    time_scale: float = 1.0
    #: Identifiers of the public OAuth clients (PKCE) that may sign in.
    oauth_clients: frozenset[str] = frozenset({DEMO_OAUTH_CLIENT_ID})
    #: Per OAuth client, its registered redirect URLs: `redirect_uri` must be one of them exactly
    #: (the strict reading of Zendesk's rule; a client without an entry has none).
    oauth_redirect_urls: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: {DEMO_OAUTH_CLIENT_ID: frozenset(DEMO_OAUTH_REDIRECT_URLS)}
    )
    #: Lifetime of an OAuth access token issued by /oauth/tokens when the request names none
    #: (Zendesk: 30 minutes); None = never expires. Shorter than Zendesk allows, for tests.
    oauth_access_token_ttl_s: float | None = 1800.0
    #: Lifetime of a refresh token when the request names none (Zendesk: 30 days); None = never.
    oauth_refresh_token_ttl_s: float | None = 30 * 86400.0
    #: The sign-in page declines every request (`error=access_denied`).
    oauth_deny: bool = False
    #: Who "approves" the sign-in in the browser (the sandbox has no login form).
    oauth_user_email: str = DEMO_EMAIL

    def __post_init__(self) -> None:
        if self.customers < 0:
            raise ValueError("customers must be >= 0")
        for name in (
            "rate_limit_per_minute",
            "update_rate_limit_per_minute",
            "export_rate_limit_per_minute",
        ):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be >= 1 or None")
        for name in (
            "latency_s",
            "export_latency_s",
            "job_seconds_per_ticket",
            "job_start_delay_s",
            "job_ttl_s",
            "cursor_ttl_s",
            "idempotency_ttl_s",
            "search_index_delay_s",
            "idle_timeout_s",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        for name in ("oauth_access_token_ttl_s", "oauth_refresh_token_ttl_s"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be > 0 or None")
        if self.time_scale <= 0:
            raise ValueError("time_scale must be > 0")
        if self.max_queued_jobs < 1:
            raise ValueError("max_queued_jobs must be >= 1")

    def replace(self, changes: Mapping[str, Any]) -> SandboxConfig:
        """A copy with `changes` applied; unknown keys and the data-shaping keys are refused."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        frozen = sorted({"customers", "seed", "time_scale"} & set(changes))
        if frozen:
            raise ValueError(f"cannot change {', '.join(frozen)} on a running sandbox")
        values = dict(changes)
        if "api_tokens" in values:
            values["api_tokens"] = frozenset(values["api_tokens"])
        if "oauth_clients" in values:
            values["oauth_clients"] = frozenset(values["oauth_clients"])
        if "bearer_tokens" in values:
            values["bearer_tokens"] = dict(values["bearer_tokens"])
        if "oauth_redirect_urls" in values:
            values["oauth_redirect_urls"] = {
                str(client): frozenset(urls)
                for client, urls in values["oauth_redirect_urls"].items()
            }
        return dataclasses.replace(self, **values)

    def public_dict(self) -> dict[str, Any]:
        """The settings as JSON-able values (for /__sandbox/config)."""
        result: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, Mapping):
                value = {
                    key: sorted(item) if isinstance(item, frozenset) else item
                    for key, item in value.items()
                }
            result[f.name] = value
        return result
