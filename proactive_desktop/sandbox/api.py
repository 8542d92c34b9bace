"""The sandbox's Zendesk API surface: routing, authentication, rate limits, faults, pagination.

`Api.handle(request)` turns one parsed HTTP request into a `Response`; the HTTP layer
(`server.py`) only reads and writes bytes and carries out connection resets. Control endpoints
under `/__sandbox/` (no authentication, loopback only) let tests that run the sandbox in another
process read its tickets and stats and arm faults.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from proactive_desktop.sandbox import agent_pages
from proactive_desktop.sandbox.auth import Identity, authenticate
from proactive_desktop.sandbox.config import SandboxConfig
from proactive_desktop.sandbox.faults import Fault, FaultInjector, FaultKind, Outage, OutageMode
from proactive_desktop.sandbox.ratelimit import Decision, SlidingWindow
from proactive_desktop.sandbox.store import FORBIDDEN, NOT_FOUND, Store, fingerprint

if TYPE_CHECKING:
    from proactive_desktop.sandbox.oauth import OAuthProvider

JsonDict = dict[str, Any]
logger = logging.getLogger(__name__)

SEARCH_RESULT_LIMIT = 1000
EXPORT_MAX_PAGE = 1000
UNAUTHORIZED: JsonDict = {"error": "Couldn't authenticate you"}
SEARCH_LIMIT_ERROR: JsonDict = {
    "error": "invalid",
    "description": "Invalid search: Requested response size was greater than Search Response "
    "Limits",
}


class BadRequest(Exception):
    """A 400 with a Zendesk-style body."""

    def __init__(self, description: str, error: str = "InvalidPaginationParameter") -> None:
        super().__init__(description)
        self.body: JsonDict = {"error": error, "description": description}


@dataclass(slots=True)
class Request:
    method: str
    path: str  # without query string and without a trailing ".json"
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    client_host: str
    identity: Identity | None = None

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def int_arg(self, name: str, default: int, *, low: int = 1, high: int | None = None) -> int:
        raw = self.arg(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise BadRequest(f"{name} must be a number") from None
        if value < low or (high is not None and value > high):
            raise BadRequest(f"{name} must be between {low} and {high}")
        return value

    def json(self) -> Any:
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise BadRequest("The request body is not valid JSON", "InvalidJSON") from None

    @property
    def user(self) -> JsonDict:
        assert self.identity is not None
        assert self.identity.user is not None
        return self.identity.user


@dataclass(slots=True)
class Response:
    status: int
    body: JsonDict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    #: Close the connection without answering (connection reset), after processing.
    reset: bool = False
    #: A page for a browser (the agent pages) instead of a JSON body.
    html: str | None = None


Handler = Callable[..., Response]


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    name: str  # "GET /api/v2/tickets/{id}" — the key of the request statistics
    handler: Handler
    family: str  # rate-limit header naming: "ratelimit" or "rate-limit"
    public: bool = False  # answers without credentials (users/me)


class Stats:
    """Request counts per endpoint and the notable answers, for `/__sandbox/stats`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[str, int] = {}
        self.statuses: dict[int, int] = {}
        self.rate_limited = 0
        self.total = 0

    def count(self, name: str) -> None:
        with self._lock:
            self.requests[name] = self.requests.get(name, 0) + 1
            self.total += 1

    def answered(self, status: int) -> None:
        with self._lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def limited(self) -> None:
        with self._lock:
            self.rate_limited += 1

    def snapshot(self) -> JsonDict:
        with self._lock:
            return {
                "total": self.total,
                "requests": dict(sorted(self.requests.items())),
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
                "rate_limited": self.rate_limited,
            }


class Api:
    """Everything the sandbox answers, over a `Store`."""

    def __init__(
        self,
        store: Store,
        faults: FaultInjector,
        *,
        get_config: Callable[[], SandboxConfig],
        set_config: Callable[[Mapping[str, Any]], SandboxConfig],
        clock: Callable[[], float],
        wait: Callable[[float], bool],
        on_job_submitted: Callable[[], None],
        oauth: OAuthProvider | None = None,
    ) -> None:
        self.store = store
        self.oauth = oauth
        self.faults = faults
        self.stats = Stats()
        self._get_config = get_config
        self._set_config = set_config
        self._clock = clock
        self._wait = wait
        self._on_job_submitted = on_job_submitted
        self._account_window = SlidingWindow()
        self._update_window = SlidingWindow()
        self._export_window = SlidingWindow()
        self.routes = self._routes()

    # -- dispatch ------------------------------------------------------------------------------

    def _routes(self) -> list[Route]:
        table: list[tuple[str, str, Handler, bool]] = [
            ("GET", "/api/v2/users/me", self.users_me, True),
            ("GET", "/api/v2/users/show_many", self.users_show_many, False),
            ("GET", "/api/v2/users/search", self.users_search, False),
            ("GET", "/api/v2/users", self.users_list, False),
            ("GET", "/api/v2/users/{id}", self.users_show, False),
            ("GET", "/api/v2/user_fields", self.user_fields, False),
            ("GET", "/api/v2/organization_fields", self.organization_fields, False),
            ("GET", "/api/v2/organizations/show_many", self.organizations_show_many, False),
            ("GET", "/api/v2/organizations", self.organizations_list, False),
            ("GET", "/api/v2/organizations/{id}", self.organizations_show, False),
            ("GET", "/api/v2/groups", self.groups_list, False),
            ("GET", "/api/v2/groups/{id}", self.groups_show, False),
            ("GET", "/api/v2/groups/{id}/memberships", self.group_memberships, False),
            ("GET", "/api/v2/groups/{id}/users", self.group_users, False),
            ("GET", "/api/v2/custom_roles", self.custom_roles_list, False),
            ("GET", "/api/v2/custom_roles/{id}", self.custom_roles_show, False),
            ("GET", "/api/v2/custom_statuses", self.custom_statuses, False),
            ("GET", "/api/v2/ticket_fields", self.ticket_fields, False),
            ("GET", "/api/v2/ticket_fields/{id}", self.ticket_fields_show, False),
            ("GET", "/api/v2/ticket_forms", self.ticket_forms, False),
            ("GET", "/api/v2/ticket_forms/{id}", self.ticket_forms_show, False),
            ("GET", "/api/v2/macros", self.macros_list, False),
            ("GET", "/api/v2/macros/active", self.macros_active, False),
            ("GET", "/api/v2/macros/{id}", self.macros_show, False),
            ("GET", "/api/v2/macros/{id}/apply", self.macros_apply, False),
            ("GET", "/api/v2/tickets/{tid}/macros/{id}/apply", self.ticket_macro_apply, False),
            ("GET", "/api/v2/triggers", self.triggers_list, False),
            ("GET", "/api/v2/triggers/active", self.triggers_active, False),
            ("GET", "/api/v2/search", self.search, False),
            ("GET", "/api/v2/search/count", self.search_count, False),
            ("GET", "/api/v2/search/export", self.search_export, False),
            ("POST", "/api/v2/tickets", self.tickets_create, False),
            ("GET", "/api/v2/tickets", self.tickets_list, False),
            ("GET", "/api/v2/tickets/show_many", self.tickets_show_many, False),
            ("POST", "/api/v2/tickets/create_many", self.tickets_create_many, False),
            ("PUT", "/api/v2/tickets/update_many", self.tickets_update_many, False),
            ("DELETE", "/api/v2/tickets/destroy_many", self.tickets_destroy_many, False),
            ("GET", "/api/v2/deleted_tickets", self.deleted_tickets_list, False),
            ("GET", "/api/v2/tickets/{id}", self.tickets_show, False),
            ("PUT", "/api/v2/tickets/{id}", self.tickets_update, False),
            ("GET", "/api/v2/job_statuses", self.job_statuses_list, False),
            ("GET", "/api/v2/job_statuses/show_many", self.job_statuses_show_many, False),
            ("GET", "/api/v2/job_statuses/{job}", self.job_statuses_show, False),
            ("POST", "/api/v2/views", self.views_create, False),
            ("GET", "/api/v2/views", self.views_list, False),
            ("GET", "/api/v2/views/{id}", self.views_show, False),
        ]
        routes = []
        for method, template, handler, public in table:
            regex = (
                re.escape(template)
                .replace(r"\{id\}", r"(?P<id>\d+)")
                .replace(r"\{tid\}", r"(?P<tid>\d+)")
                .replace(r"\{job\}", r"(?P<job>[A-Za-z0-9_-]+)")
            )
            family = "rate-limit" if template.startswith("/api/v2/tickets") else "ratelimit"
            routes.append(
                Route(
                    method,
                    re.compile(regex + r"\Z"),
                    f"{method} {template}",
                    handler,
                    family,
                    public,
                )
            )
        return routes

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            match = route.pattern.match(path)
            if match:
                return route, match.groupdict()
        return None

    def handle(self, request: Request) -> Response:
        """Answer one request (control endpoints included); never raises."""
        try:
            if request.path.startswith("/__sandbox/"):
                return self._control(request)
            if request.path.startswith("/agent/") and request.method == "GET":
                return self._agent_page(request.path)
            if request.path.startswith("/oauth/") and self.oauth is not None:
                answer = self.oauth.handle(request)
                if answer is not None:
                    self.stats.count(f"{request.method} {request.path}")
                    self.stats.answered(answer.status)
                    return answer
            return self._api(request)
        except BadRequest as error:
            return Response(400, error.body)
        except Exception:
            # A sandbox bug must show up as a 500 (and in the log), not as a silently dropped
            # connection that a client would take for a network fault.
            logger.exception("sandbox error answering %s %s", request.method, request.path)
            self.stats.answered(500)
            return Response(
                500,
                {
                    "error": "InternalServerError",
                    "description": "The sandbox failed to answer; see its log",
                },
            )

    def _api(self, request: Request) -> Response:
        resolved = self.resolve(request.method, request.path)
        self.stats.count(resolved[0].name if resolved else f"{request.method} (unknown)")
        config = self._get_config()
        if config.latency_s > 0 and self._wait(config.latency_s):
            return Response(503, {"error": "ServiceUnavailable"}, reset=True)

        struck = self.faults.take(request.method, request.path)
        drop_after = False
        drop_if_accepted = False
        if isinstance(struck, Outage):
            if struck.mode is OutageMode.RESET:
                return Response(0, reset=True)
            return Response(
                503,
                {
                    "error": "ServiceUnavailable",
                    "description": "Zendesk is temporarily unavailable",
                },
            )
        if isinstance(struck, Fault):
            response = self._fault_response(struck)
            if response is not None:
                return response
            drop_after = struck.kind is FaultKind.DROP_AFTER_CREATE
            drop_if_accepted = struck.kind is FaultKind.LOST_AFTER_ACCEPT

        response = self._authorised(request, resolved, config)
        accepted = 200 <= response.status < 300
        response.reset = response.reset or drop_after or (drop_if_accepted and accepted)
        self.stats.answered(response.status)
        return response

    def _fault_response(self, fault: Fault) -> Response | None:
        if fault.kind is FaultKind.RESET:
            return Response(0, reset=True)
        if fault.kind is FaultKind.RATE_LIMIT:
            self.stats.limited()
            seconds = fault.retry_after if fault.retry_after is not None else 1
            return Response(
                429,
                {
                    "error": "APIRateLimitExceeded",
                    "description": "Number of allowed API requests per minute exceeded",
                },
                {"Retry-After": str(seconds)},
            )
        if fault.kind is FaultKind.SERVER_ERROR:
            headers = (
                {}
                if fault.retry_after is None or fault.status != 503
                else {"Retry-After": str(fault.retry_after)}
            )
            titles = {
                500: "InternalServerError",
                502: "BadGateway",
                503: "ServiceUnavailable",
                504: "GatewayTimeout",
            }
            return Response(fault.status, {"error": titles[fault.status]}, headers)
        return None  # drop_after_create, lost_after_accept: process first

    def _authorised(
        self, request: Request, resolved: tuple[Route, dict[str, str]] | None, config: SandboxConfig
    ) -> Response:
        limit = self._rate_limit(config.rate_limit_per_minute, self._account_window)
        family = resolved[0].family if resolved else "ratelimit"
        if limit is not None and not limit.allowed:
            self.stats.limited()
            return self._with_rate_headers(
                Response(
                    429,
                    {
                        "error": "APIRateLimitExceeded",
                        "description": "Number of allowed API requests per minute exceeded",
                    },
                    {"Retry-After": str(limit.retry_after_s)},
                ),
                limit,
                family,
            )
        if resolved is None:
            return self._with_rate_headers(
                Response(404, {"error": "InvalidEndpoint", "description": "Not found"}),
                limit,
                family,
            )
        route, params = resolved
        request.identity = authenticate(
            request.headers.get("authorization"),
            self.store,
            config,
            self.oauth.email_for if self.oauth is not None else None,
        )
        user = request.identity.user
        if user is None and not route.public:
            response = Response(401, dict(UNAUTHORIZED))
        elif user is not None and not route.public and not self.store.is_staff(user):
            response = Response(403, dict(FORBIDDEN))
        else:
            refused = self._extra_limits(request, route, config)
            response = refused if refused is not None else route.handler(request, **params)
        return self._with_rate_headers(response, limit, family)

    def _extra_limits(
        self, request: Request, route: Route, config: SandboxConfig
    ) -> Response | None:
        checks = []
        if route.name == "PUT /api/v2/tickets/{id}":
            checks.append(
                (
                    config.update_rate_limit_per_minute,
                    self._update_window,
                    "TicketUpdateRateLimitExceeded",
                )
            )
        if route.name == "GET /api/v2/search/export":
            checks.append(
                (config.export_rate_limit_per_minute, self._export_window, "APIRateLimitExceeded")
            )
        for limit, window, error in checks:
            decision = self._rate_limit(limit, window)
            if decision is not None and not decision.allowed:
                self.stats.limited()
                return Response(
                    429,
                    {"error": error, "description": "Rate limit exceeded"},
                    {"Retry-After": str(decision.retry_after_s)},
                )
        return None

    def _rate_limit(self, limit: int | None, window: SlidingWindow) -> Decision | None:
        if limit is None:
            return None
        return window.acquire(limit, self._clock())

    @staticmethod
    def _with_rate_headers(response: Response, decision: Decision | None, family: str) -> Response:
        if decision is not None:
            response.headers.setdefault("X-Rate-Limit", str(decision.limit))
            response.headers.setdefault("X-Rate-Limit-Remaining", str(decision.remaining))
            # Recorded responses name them "ratelimit-limit" (users, search, macros) but
            # "rate-limit" (tickets).
            limit_name = "rate-limit" if family == "rate-limit" else "ratelimit-limit"
            response.headers[limit_name] = str(decision.limit)
            response.headers[f"{family}-remaining"] = str(decision.remaining)
            response.headers[f"{family}-reset"] = str(decision.reset_s)
        return response

    # -- pagination ----------------------------------------------------------------------------

    def _paginate(
        self,
        request: Request,
        items: Sequence[JsonDict],
        key: str,
        serialize: Callable[[JsonDict], JsonDict],
    ) -> JsonDict:
        """Offset (`page`, `per_page`) or cursor (`page[size]`, `page[after]`) pagination,
        whichever the caller asked for, over `items` sorted by id."""
        if any(name.startswith("page[") for name in request.query):
            size = request.int_arg("page[size]", 100, high=100)
            after = request.arg("page[after]")
            start = 0
            if after:
                last_id = _decode_cursor(after)
                start = bisect.bisect_right([int(i["id"]) for i in items], last_id)
            chunk = items[start : start + size]
            has_more = start + size < len(items)
            after_cursor = _encode_cursor(int(chunk[-1]["id"])) if chunk else None
            before_cursor = _encode_cursor(int(chunk[0]["id"]) - 1) if chunk else None
            params = {k: v[0] for k, v in request.query.items() if v}
            params["page[after]"] = after_cursor or ""
            next_url = (
                f"{self.store.base_url}{request.path}.json?{urlencode(params)}"
                if has_more
                else None
            )
            return {
                key: [serialize(i) for i in chunk],
                "meta": {
                    "has_more": has_more,
                    "after_cursor": after_cursor,
                    "before_cursor": before_cursor,
                },
                "links": {"next": next_url, "prev": None},
            }
        page = request.int_arg("page", 1)
        per_page = request.int_arg("per_page", 100, high=100)
        start = (page - 1) * per_page
        chunk = items[start : start + per_page]
        return {
            key: [serialize(i) for i in chunk],
            "next_page": self._offset_url(request, page + 1)
            if start + per_page < len(items)
            else None,
            "previous_page": self._offset_url(request, page - 1) if page > 1 else None,
            "count": len(items),
        }

    def _offset_url(self, request: Request, page: int) -> str:
        params = {k: v[0] for k, v in request.query.items() if v}
        params["page"] = str(page)
        return f"{self.store.base_url}{request.path}.json?{urlencode(params)}"

    @staticmethod
    def _ids(request: Request, limit: int = 100) -> list[int]:
        raw = request.arg("ids", "") or ""
        try:
            ids = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise BadRequest(
                "ids must be numbers separated by commas", "InvalidParameter"
            ) from None
        if len(ids) > limit:
            raise BadRequest(f"At most {limit} ids are allowed", "TooManyValues")
        return ids

    # -- users ---------------------------------------------------------------------------------

    def users_me(self, request: Request) -> Response:
        assert request.identity is not None
        user = request.identity.user
        if user is None:
            # Zendesk answers 200 with an anonymous user for missing or wrong credentials.
            return Response(
                200,
                {
                    "user": {
                        "id": None,
                        "url": None,
                        "name": "Anonymous user",
                        "email": "invalid@example.com",
                        "created_at": None,
                        "updated_at": None,
                        "time_zone": "Pacific Time (US & Canada)",
                        "iana_time_zone": "America/Los_Angeles",
                        "phone": None,
                        "photo": None,
                        "locale_id": 1,
                        "locale": "en-US",
                        "organization_id": None,
                        "role": "end-user",
                        "verified": False,
                        "authenticity_token": "sandbox-anonymous",
                        "tags": [],
                        "active": True,
                        "suspended": False,
                        "user_fields": {},
                    }
                },
            )
        return Response(200, {"user": self.store.user_json(user)})

    def users_show_many(self, request: Request) -> Response:
        ids = self._ids(request)
        with self.store.lock:
            users = [
                self.store.user_json(self.store.users_by_id[i])
                for i in ids
                if i in self.store.users_by_id
            ]
        return Response(
            200, {"users": users, "next_page": None, "previous_page": None, "count": len(users)}
        )

    def users_search(self, request: Request) -> Response:
        query = (request.arg("query") or "").strip()
        external_id = request.arg("external_id")
        with self.store.lock:
            if external_id is not None:
                users = [u for u in self.store.users if u["external_id"] == external_id]
            elif "@" in query and " " not in query:
                users = list(self.store.users_by_email.get(query.casefold(), []))
            elif query:
                users = [self.store.users_by_id[i] for _, i in self.store.search(query, ["user"])]
            else:
                raise BadRequest("query or external_id is required", "InvalidParameter")
        return Response(200, self._paginate(request, users, "users", self.store.user_json))

    def users_list(self, request: Request) -> Response:
        roles = request.query.get("role", []) + request.query.get("role[]", [])
        users = self.store.users
        if roles:
            users = [u for u in users if u["role"] in roles]
        return Response(200, self._paginate(request, users, "users", self.store.user_json))

    def users_show(self, request: Request, id: str) -> Response:
        user = self.store.users_by_id.get(int(id))
        if user is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"user": self.store.user_json(user)})

    def user_fields(self, request: Request) -> Response:
        return self._list(request, self.store.data.user_fields, "user_fields", "user_fields")

    def organization_fields(self, request: Request) -> Response:
        return self._list(
            request,
            self.store.data.organization_fields,
            "organization_fields",
            "organization_fields",
        )

    def _list(
        self, request: Request, items: Sequence[JsonDict], key: str, resource: str
    ) -> Response:
        return Response(
            200, self._paginate(request, items, key, lambda r: self.store.with_url(resource, r))
        )

    # -- organizations -------------------------------------------------------------------------

    def organizations_show_many(self, request: Request) -> Response:
        ids = self._ids(request)
        orgs = [
            self.store.org_json(self.store.orgs_by_id[i]) for i in ids if i in self.store.orgs_by_id
        ]
        return Response(
            200,
            {"organizations": orgs, "next_page": None, "previous_page": None, "count": len(orgs)},
        )

    def organizations_list(self, request: Request) -> Response:
        return Response(
            200,
            self._paginate(
                request, self.store.data.organizations, "organizations", self.store.org_json
            ),
        )

    def organizations_show(self, request: Request, id: str) -> Response:
        org = self.store.orgs_by_id.get(int(id))
        if org is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"organization": self.store.org_json(org)})

    # -- groups, roles, statuses, fields, forms ------------------------------------------------

    def groups_list(self, request: Request) -> Response:
        return self._list(request, self.store.data.groups, "groups", "groups")

    def groups_show(self, request: Request, id: str) -> Response:
        group = self.store.groups_by_id.get(int(id))
        if group is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"group": self.store.with_url("groups", group)})

    def group_memberships(self, request: Request, id: str) -> Response:
        if int(id) not in self.store.groups_by_id:
            return Response(404, dict(NOT_FOUND))
        rows = [m for m in self.store.data.group_memberships if m["group_id"] == int(id)]
        body = self._paginate(
            request,
            rows,
            "group_memberships",
            lambda r: self.store.with_url("group_memberships", r),
        )
        if "users" in (request.arg("include") or "").split(","):
            body["users"] = [
                self.store.user_json(self.store.users_by_id[m["user_id"]])
                for m in body["group_memberships"]
            ]
        return Response(200, body)

    def group_users(self, request: Request, id: str) -> Response:
        if int(id) not in self.store.groups_by_id:
            return Response(404, dict(NOT_FOUND))
        members = self.store.members_by_group.get(int(id), set())
        users = [
            u for u in self.store.users[: len(self.store.data.staff_ids)] if u["id"] in members
        ]
        return Response(200, self._paginate(request, users, "users", self.store.user_json))

    def custom_roles_list(self, request: Request) -> Response:
        if request.user["role"] != "admin":
            return Response(403, dict(FORBIDDEN))
        return Response(200, {"custom_roles": self.store.data.custom_roles})

    def custom_roles_show(self, request: Request, id: str) -> Response:
        role = self.store.roles_by_id.get(int(id))
        # Admins see every role; an agent may read their own (what the Connect page needs).
        if request.user["role"] != "admin" and request.user.get("custom_role_id") != int(id):
            return Response(403, dict(FORBIDDEN))
        if role is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"custom_role": role})

    def custom_statuses(self, request: Request) -> Response:
        statuses = self.store.data.custom_statuses
        active = request.arg("active")
        if active is not None:
            statuses = [s for s in statuses if s["active"] == (active == "true")]
        return Response(
            200, {"custom_statuses": [self.store.with_url("custom_statuses", s) for s in statuses]}
        )

    def ticket_fields(self, request: Request) -> Response:
        return self._list(request, self.store.data.ticket_fields, "ticket_fields", "ticket_fields")

    def ticket_fields_show(self, request: Request, id: str) -> Response:
        record = self.store.fields_by_id.get(int(id))
        if record is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"ticket_field": self.store.with_url("ticket_fields", record)})

    def ticket_forms(self, request: Request) -> Response:
        forms = self.store.data.ticket_forms
        active = request.arg("active")
        if active is not None:
            forms = [f for f in forms if f["active"] == (active == "true")]
        return self._list(request, forms, "ticket_forms", "ticket_forms")

    def ticket_forms_show(self, request: Request, id: str) -> Response:
        record = self.store.forms_by_id.get(int(id))
        if record is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"ticket_form": self.store.with_url("ticket_forms", record)})

    # -- macros --------------------------------------------------------------------------------

    def macros_list(self, request: Request) -> Response:
        macros = self.store.data.macros
        active = request.arg("active")
        if active is not None:
            macros = [m for m in macros if m["active"] == (active == "true")]
        return self._list(request, macros, "macros", "macros")

    def macros_active(self, request: Request) -> Response:
        return self._list(
            request, [m for m in self.store.data.macros if m["active"]], "macros", "macros"
        )

    def triggers_list(self, request: Request) -> Response:
        triggers = self.store.data.triggers
        active = request.arg("active")
        if active is not None:
            triggers = [t for t in triggers if t["active"] == (active == "true")]
        return self._list(request, triggers, "triggers", "triggers")

    def triggers_active(self, request: Request) -> Response:
        return self._list(
            request, [t for t in self.store.data.triggers if t["active"]], "triggers", "triggers"
        )

    def macros_show(self, request: Request, id: str) -> Response:
        macro = self.store.macros_by_id.get(int(id))
        if macro is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"macro": self.store.with_url("macros", macro)})

    def macros_apply(self, request: Request, id: str) -> Response:
        macro = self.store.macros_by_id.get(int(id))
        if macro is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"result": self.store.macro_changes(macro, request.user)})

    def ticket_macro_apply(self, request: Request, tid: str, id: str) -> Response:
        macro = self.store.macros_by_id.get(int(id))
        with self.store.lock:
            ticket = self.store.tickets.get(int(tid))
            if macro is None or ticket is None:
                return Response(404, dict(NOT_FOUND))
            changes = self.store.macro_changes(macro, request.user)
            after = json.loads(json.dumps(ticket))
        change = dict(changes["ticket"])
        tags = list(after["tags"])
        if "tags" in change:
            tags = change.pop("tags")
        tags += [t for t in change.pop("additional_tags", []) if t not in tags]
        tags = [t for t in tags if t not in change.pop("remove_tags", [])]
        values = {f["id"]: f["value"] for f in after["custom_fields"]}
        for item in change.pop("custom_fields", []):
            values[item["id"]] = item["value"]
        after.update(change)
        after["tags"] = tags
        after["custom_fields"] = [{"id": k, "value": v} for k, v in values.items()]
        after["fields"] = after["custom_fields"]
        result: JsonDict = {"ticket": after}
        if "comment" in changes:
            result["comment"] = changes["comment"]
        return Response(200, {"result": result})

    # -- search --------------------------------------------------------------------------------

    def search(self, request: Request) -> Response:
        text = request.arg("query") or ""
        if not text.strip():
            raise BadRequest("query is required", "InvalidParameter")
        per_page = request.int_arg("per_page", 100, high=100)
        page = request.int_arg("page", 1)
        if page * per_page > SEARCH_RESULT_LIMIT:
            return Response(422, dict(SEARCH_LIMIT_ERROR))
        hits = self.store.search(text)
        start = (page - 1) * per_page
        results = [
            r
            for kind, i in hits[start : start + per_page]
            if (r := self.store.result_json(kind, i)) is not None
        ]
        return Response(
            200,
            {
                "results": results,
                "facets": None,
                "next_page": self._offset_url(request, page + 1)
                if start + per_page < len(hits)
                else None,
                "previous_page": self._offset_url(request, page - 1) if page > 1 else None,
                "count": len(hits),
            },
        )

    def search_count(self, request: Request) -> Response:
        text = request.arg("query") or ""
        if not text.strip():
            raise BadRequest("query is required", "InvalidParameter")
        return Response(200, {"count": len(self.store.search(text))})

    def search_export(self, request: Request) -> Response:
        config = self._get_config()
        if config.export_latency_s > 0 and self._wait(config.export_latency_s):
            return Response(503, {"error": "ServiceUnavailable"}, reset=True)
        size = request.int_arg("page[size]", 100, high=EXPORT_MAX_PAGE)
        after = request.arg("page[after]")
        if after:
            cursor = self.store.take_cursor(after)
            if cursor is None:
                raise BadRequest("The cursor is invalid or has expired")
            kind, ids, start = cursor.kind, cursor.ids, cursor.offset
        else:
            kind = request.arg("filter[type]") or ""
            if kind not in ("user", "ticket", "organization"):
                raise BadRequest(
                    "filter[type] is required: user, ticket, organization or group",
                    "InvalidParameter",
                )
            text = request.arg("query") or ""
            if not text.strip():
                raise BadRequest("query is required", "InvalidParameter")
            ids = [i for _, i in self.store.search(text, [kind])]
            start = 0
        chunk = ids[start : start + size]
        results = [r for i in chunk if (r := self.store.result_json(kind, i)) is not None]
        has_more = start + size < len(ids)
        after_cursor = self.store.open_cursor(kind, ids, start + size) if has_more else None
        next_url = None
        if after_cursor is not None:
            params = {k: v[0] for k, v in request.query.items() if v}
            params["page[after]"] = after_cursor
            next_url = f"{self.store.base_url}{request.path}.json?{urlencode(params)}"
        return Response(
            200,
            {
                "results": results,
                "facets": None,
                "meta": {"has_more": has_more, "after_cursor": after_cursor, "before_cursor": None},
                "links": {"prev": None, "next": next_url},
            },
        )

    # -- tickets -------------------------------------------------------------------------------

    def tickets_create(self, request: Request) -> Response:
        key = request.headers.get("idempotency-key")
        payload = request.json()
        if not key:
            status, body = self.store.create_ticket(payload, request.user)
            return Response(status, body)
        print_ = fingerprint(request.body)
        with self.store.lock:  # one key, one creation, even for concurrent repeats
            entry = self.store.idempotent_lookup(key, print_)
            if entry is False:
                return Response(
                    400,
                    {
                        "error": "IdempotentRequestError",
                        "description": "The idempotency key was already used with different "
                        "request parameters",
                    },
                )
            if entry is not None:
                return Response(
                    entry.status,
                    json.loads(json.dumps(entry.body)),
                    {"x-idempotency-lookup": "hit"},
                )
            status, body = self.store.create_ticket(payload, request.user)
            if status == 201:
                self.store.idempotent_store(key, print_, status, body)
        return Response(status, body, {"x-idempotency-lookup": "miss"})

    def tickets_list(self, request: Request) -> Response:
        external_id = request.arg("external_id")
        with self.store.lock:
            tickets = list(self.store.tickets.values())
        if external_id is not None:
            tickets = [t for t in tickets if t["external_id"] == external_id]
        response = Response(
            200, self._paginate(request, tickets, "tickets", lambda t: json.loads(json.dumps(t)))
        )
        response.headers["zendesk-rate-limit-tickets-index"] = "total=100; remaining=99; resets=30"
        return response

    def tickets_show_many(self, request: Request) -> Response:
        ids = self._ids(request)
        with self.store.lock:
            tickets = [
                json.loads(json.dumps(self.store.tickets[i]))
                for i in ids
                if i in self.store.tickets
            ]
        return Response(
            200,
            {"tickets": tickets, "next_page": None, "previous_page": None, "count": len(tickets)},
        )

    def tickets_show(self, request: Request, id: str) -> Response:
        with self.store.lock:
            ticket = self.store.tickets.get(int(id))
            if ticket is None:
                return Response(404, dict(NOT_FOUND))
            return Response(200, {"ticket": json.loads(json.dumps(ticket))})

    def tickets_update(self, request: Request, id: str) -> Response:
        status, body = self.store.update_ticket(int(id), request.json(), request.user)
        return Response(status, body)

    def tickets_create_many(self, request: Request) -> Response:
        status, body, retry_after = self.store.submit_job(request.json(), request.user)
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        if status == 200:
            self._on_job_submitted()
        return Response(status, body, headers)

    def tickets_update_many(self, request: Request) -> Response:
        ids = self._ids(request) if request.arg("ids") else None
        status, body, retry_after = self.store.submit_update_job(ids, request.json(), request.user)
        return self._job_answer(status, body, retry_after)

    def tickets_destroy_many(self, request: Request) -> Response:
        status, body, retry_after = self.store.submit_destroy_job(self._ids(request), request.user)
        return self._job_answer(status, body, retry_after)

    def _job_answer(self, status: int, body: JsonDict, retry_after: int) -> Response:
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        if status == 200:
            self._on_job_submitted()
        return Response(status, body, headers)

    def deleted_tickets_list(self, request: Request) -> Response:
        with self.store.lock:
            deleted = sorted(self.store.deleted_tickets.values(), key=lambda t: int(t["id"]))
        return Response(
            200,
            self._paginate(
                request, deleted, "deleted_tickets", lambda t: json.loads(json.dumps(t))
            ),
        )

    # -- jobs ----------------------------------------------------------------------------------

    def job_statuses_show(self, request: Request, job: str) -> Response:
        record = self.store.job_status(job)
        if record is None:
            return Response(404, dict(NOT_FOUND))
        return Response(200, {"job_status": record})

    def job_statuses_show_many(self, request: Request) -> Response:
        raw = request.arg("ids", "") or ""
        ids = [part.strip() for part in raw.split(",") if part.strip()]
        if len(ids) > 100:
            raise BadRequest("At most 100 ids are allowed", "TooManyValues")
        records = [r for i in ids if (r := self.store.job_status(i)) is not None]
        return Response(200, {"job_statuses": records})

    def job_statuses_list(self, request: Request) -> Response:
        """The account's recent jobs, queued and working ones included (newest first, paged)."""
        jobs = self.store.recent_jobs()
        page = request.int_arg("page", 1)
        per_page = request.int_arg("per_page", 100, high=100)
        start = (page - 1) * per_page
        chunk = jobs[start : start + per_page]
        has_more = start + per_page < len(jobs)
        next_page = (
            f"{self.store.base_url}/api/v2/job_statuses.json?"
            + urlencode({"page": page + 1, "per_page": per_page})
            if has_more
            else None
        )
        return Response(
            200,
            {
                "job_statuses": chunk,
                "next_page": next_page,
                "previous_page": None,
                "count": len(jobs),
            },
        )

    # -- views ---------------------------------------------------------------------------------

    def views_create(self, request: Request) -> Response:
        status, body = self.store.create_view(request.json(), request.user)
        return Response(status, body)

    def views_list(self, request: Request) -> Response:
        with self.store.lock:
            views = sorted(self.store.views.values(), key=lambda v: int(v["id"]))
        return Response(
            200, self._paginate(request, views, "views", lambda v: json.loads(json.dumps(v)))
        )

    def views_show(self, request: Request, id: str) -> Response:
        with self.store.lock:
            view = self.store.views.get(int(id))
            if view is None:
                return Response(404, dict(NOT_FOUND))
            return Response(200, {"view": json.loads(json.dumps(view))})

    # -- agent pages (for a browser: agent_pages.py) -------------------------------------------

    def _agent_page(self, path: str) -> Response:
        self.stats.count("GET /agent/…")
        ticket_match = agent_pages.TICKET_PAGE.match(path)
        view_match = agent_pages.VIEW_PAGE.match(path)
        with self.store.lock:
            if ticket_match is not None:
                ticket_id = int(ticket_match["id"])
                ticket = self.store.tickets.get(ticket_id)
                if ticket is not None:
                    comments = self.store.ticket_meta[ticket_id].comments
                    requester = self.store.users_by_id.get(int(ticket["requester_id"]))
                    return Response(200, html=agent_pages.ticket_page(ticket, comments, requester))
                deleted = self.store.deleted_tickets.get(ticket_id)
                if deleted is not None:
                    return Response(404, html=agent_pages.deleted_ticket_page(deleted))
                return Response(404, html=agent_pages.not_found_page(f"ticket #{ticket_id}"))
            if view_match is not None:
                view = self.store.views.get(int(view_match["id"]))
                if view is not None:
                    tickets = [
                        t
                        for _, t in sorted(self.store.tickets.items())
                        if agent_pages.view_matches(view, t)
                    ]
                    return Response(
                        200,
                        html=agent_pages.view_page(view, tickets, self.store.users_by_id.get),
                    )
                return Response(404, html=agent_pages.not_found_page(f"view {view_match['id']}"))
        return Response(404, html=agent_pages.not_found_page("such page"))

    # -- control endpoints ---------------------------------------------------------------------

    def _control(self, request: Request) -> Response:
        if not _is_loopback(request.client_host):
            return Response(403, dict(FORBIDDEN))
        name = request.path.removeprefix("/__sandbox/")
        try:
            if request.method == "GET" and name == "tickets":
                return Response(200, {"tickets": self.store.ticket_snapshot()})
            if request.method == "POST" and name == "tickets":
                # Plant a ticket past every limit: a duplicate, or a stray one with a tag.
                spec = request.json()
                if not isinstance(spec, dict) or not isinstance(spec.get("ticket"), dict):
                    raise BadRequest("a JSON object with a ticket is expected", "InvalidParameter")
                return Response(201, {"ticket": self.store.plant_ticket(spec["ticket"])})
            if request.method == "DELETE" and name.startswith("tickets/"):
                # Delete a ticket behind the client's back (as an agent would in Zendesk).
                ticket_id = name.removeprefix("tickets/")
                if not ticket_id.isdigit() or not self.store.delete_ticket(int(ticket_id)):
                    return Response(404, dict(NOT_FOUND))
                return Response(200, {"deleted": int(ticket_id)})
            if request.method == "GET" and name == "deleted_tickets":
                with self.store.lock:
                    deleted = json.loads(json.dumps(list(self.store.deleted_tickets.values())))
                return Response(200, {"deleted_tickets": deleted})
            if request.method == "GET" and name == "views":
                with self.store.lock:
                    views = json.loads(json.dumps(list(self.store.views.values())))
                return Response(200, {"views": views})
            if request.method == "GET" and name == "stats":
                return Response(200, self.stats_json())
            if request.method == "GET" and name == "faults":
                return Response(
                    200,
                    {
                        "faults": [f.to_json() for f in self.faults.armed()],
                        "fired": self.faults.fired(),
                    },
                )
            if request.method == "POST" and name == "faults":
                spec = request.json()
                if not isinstance(spec, dict):
                    raise BadRequest("a JSON object is expected", "InvalidParameter")
                return Response(200, {"fault": self.faults.apply_json(spec)})
            if request.method == "DELETE" and name == "faults":
                self.faults.clear()
                return Response(200, {"cleared": True})
            if request.method == "GET" and name == "config":
                return Response(200, {"config": self._get_config().public_dict()})
            if request.method == "POST" and name == "config":
                changes = request.json()
                if not isinstance(changes, dict):
                    raise BadRequest("a JSON object is expected", "InvalidParameter")
                return Response(200, {"config": self._set_config(changes).public_dict()})
        except ValueError as error:
            return Response(400, {"error": "InvalidParameter", "description": str(error)})
        return Response(404, {"error": "InvalidEndpoint", "description": "Not found"})

    def stats_json(self) -> JsonDict:
        stats = self.stats.snapshot()
        with self.store.lock:
            stats["tickets"] = len(self.store.tickets)
            stats["deleted_tickets"] = len(self.store.deleted_tickets)
            stats["views"] = len(self.store.views)
            stats["jobs"] = {
                **self.store.job_counts(),
                "max_in_flight": self.store.max_jobs_in_flight,
                "refused": self.store.jobs_refused,
                "by_kind": dict(self.store.jobs_by_kind),
            }
        stats["faults"] = self.faults.fired()
        return stats


def _is_loopback(host: str) -> bool:
    return host.startswith("127.") or host in ("::1", "::ffff:127.0.0.1")


def _encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": last_id}).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded))["o"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise BadRequest("The cursor is invalid") from None
    if not isinstance(value, int):
        raise BadRequest("The cursor is invalid")
    return value
