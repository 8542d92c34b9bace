"""ZendeskClient: the typed subset of the Zendesk Support API this program uses.

What the client guarantees to its callers (the engine, the wizard's pages, the command line):

- The address is checked (`urls.normalise_base_url`) and the credentials are present before any
  connection is opened; pagination links are always re-based onto that address, so credentials
  never travel to another host.
- Every request goes through the account's `RateGovernor` (`acquire` before, `observe` after).
- Every error is one of `core.errors`, with a translatable message that never contains a secret.
- Reading calls (GET) retry by themselves — 429 after Retry-After, 5xx and network errors with
  backoff — at most MAX_ATTEMPTS times, and every wait is cancellable.
- Creating and changing calls (POST/PUT) are replayed only when Zendesk certainly did not process
  them: after a 429, a 401 followed by an OAuth refresh, or a connection that could not be opened.
  Otherwise they raise at once — `ServerError` (5xx) or `NetworkError(maybe_sent=True)` — and the
  engine reconciles with the journal and the account (docs/ZENDESK.md, "Creating tickets").
- Lists are followed to their end (offset `next_page` or cursor `links.next` / `meta.has_more`);
  the capped user search knows its 1,000-result limit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit

import requests

from proactive_desktop.core.errors import (
    AuthenticationError,
    CancelledError,
    CredentialsError,
    IdempotencyConflictError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SearchLimitError,
    ServerError,
    ValidationError,
    ZendeskError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.logs import basic_credential, register_secret
from proactive_desktop.core.models import (
    Agent,
    Customer,
    FieldOption,
    Organization,
    OrganizationId,
    Role,
    TicketId,
    UserField,
    UserId,
)
from proactive_desktop.core.rate import RateGovernor, parse_retry_after
from proactive_desktop.core.secrets import ApiTokenAuth, Auth, BearerAuth
from proactive_desktop.core.urls import account_host, normalise_base_url
from proactive_desktop.core.zendesk.transport import (
    RequestWatch,
    Tripped,
    authorization_header,
    make_session,
    network_error,
    watching,
)
from proactive_desktop.core.zendesk.types import (
    SEARCH_RESULT_CAP,
    CreatedTicket,
    CustomStatus,
    Group,
    JobResult,
    JobStatus,
    Macro,
    MacroChanges,
    Permissions,
    TicketField,
    TicketRef,
    Trigger,
    UserSearchPage,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
SEARCH_PAGE_SIZE = 100
EXPORT_PAGE_SIZE = 1000
SHOW_MANY_CHUNK = 100
CREATE_MANY_LIMIT = 100
BULK_LIMIT = 100
"""Tickets per update_many or destroy_many request."""
LIST_PAGE_SIZE = 100
RECENT_JOB_PAGES = 10
"""Pages of the account's job list read to prove no job is queued (only ~30 may be at once)."""
RUN_TOKEN_FIELD = "proactive_desktop_run"
"""Where a POST /tickets carries the sending run's token, beside (not in) the ticket."""
# Every pagination loop is bounded: 100,000 pages of 1,000 is far beyond any account.
MAX_PAGES = 100_000
MAX_DETAILS_CHARS = 300
DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_DEADLINE_S = 60.0
"""A whole request — connecting, sending, the whole answer — ends within this, however the
server trickles its answer (the read timeout alone counts per socket read)."""
MAX_ANSWER_BYTES = 32 * 1024 * 1024
"""No answer this program asks for comes near this (a page of 1,000 users is a few MB); a
larger one is refused while it is read, never held whole in memory."""
BODY_CHUNK_BYTES = 64 * 1024
CANCEL_GRACE_S = 2.0
"""After a cancel, a request that may create or change something gets this long to bring its
answer home (then it is ended, and its outcome reconciled); a reading request ends at once."""
# Custom role `view_access` values (Zendesk custom roles API); only "full" manages shared views.
_VIEW_ACCESS_SHARED = {"full"}
_VIEW_ACCESS_NOT_SHARED = {"readonly", "playonly", "manage-personal", "manage-group"}

Json = dict[str, Any]


# -- parsing (kept to plain dict look-ups: 10,000 users must parse in milliseconds) ------------


def _optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_customer(user: Mapping[str, Any]) -> Customer:
    """A Zendesk user object → Customer (any role)."""
    get = user.get
    organization_id = get("organization_id")
    user_fields = get("user_fields")
    tags = get("tags")
    return Customer(
        id=UserId(user["id"]),
        name=get("name") or "",
        email=get("email") or None,
        role=get("role") or Role.END_USER,
        organization_id=OrganizationId(organization_id)
        if isinstance(organization_id, int)
        else None,
        suspended=get("suspended") is True,
        active=get("active") is not False,
        tags=tuple(tags) if tags else (),
        user_fields=user_fields if isinstance(user_fields, dict) else {},
        locale=get("locale"),
        time_zone=get("time_zone"),
        iana_time_zone=get("iana_time_zone") or None,
    )


def parse_organization(organization: Mapping[str, Any]) -> Organization:
    fields = organization.get("organization_fields")
    return Organization(
        id=OrganizationId(organization["id"]),
        name=organization.get("name") or "",
        organization_fields=fields if isinstance(fields, dict) else {},
    )


def _parse_options(raw: Any) -> tuple[FieldOption, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        FieldOption(name=str(option.get("name") or ""), value=str(option.get("value") or ""))
        for option in raw
        if isinstance(option, dict)
    )


def _parse_field(raw: Mapping[str, Any]) -> UserField:
    return UserField(
        id=int(raw["id"]),
        key=str(raw.get("key") or ""),
        type=str(raw.get("type") or ""),
        title=str(raw.get("title") or raw.get("key") or ""),
        active=raw.get("active") is not False,
        options=_parse_options(raw.get("custom_field_options")),
    )


def parse_ticket_ref(ticket: Mapping[str, Any]) -> TicketRef:
    requester_id = _optional_int(ticket.get("requester_id"))
    organization_id = _optional_int(ticket.get("organization_id"))
    external_id = ticket.get("external_id")
    tags = ticket.get("tags")
    status = ticket.get("status")
    created_at = ticket.get("created_at")
    return TicketRef(
        id=TicketId(int(ticket["id"])),
        requester_id=UserId(requester_id) if requester_id is not None else None,
        external_id=str(external_id) if external_id is not None else None,
        tags=tuple(tags) if tags else (),
        organization_id=OrganizationId(organization_id) if organization_id is not None else None,
        created_at=created_at if isinstance(created_at, str) else None,
        status=str(status) if status else None,
    )


def parse_job_status(job: Mapping[str, Any]) -> JobStatus:
    """A job_status object; ids are strings ("V3-…"), `progress` may be null, results by index."""
    results: list[JobResult] = []
    raw_results = job.get("results")
    if isinstance(raw_results, list):
        for position, raw in enumerate(raw_results):
            if not isinstance(raw, dict):
                continue
            index = _optional_int(raw.get("index"))
            error = raw.get("error") or raw.get("errors")
            ticket_id = _optional_int(raw.get("id"))
            results.append(
                JobResult(
                    index=index if index is not None else position,
                    ticket_id=TicketId(ticket_id) if ticket_id is not None and not error else None,
                    error=str(error) if error else None,
                    details=summarise_details(raw.get("details")) or None,
                    record_id=_optional_int(raw.get("id")),
                )
            )
    message = job.get("message")
    return JobStatus(
        id=str(job["id"]),
        status=str(job.get("status") or ""),
        total=_optional_int(job.get("total")),
        progress=_optional_int(job.get("progress")),
        message=str(message) if message else None,
        results=tuple(results),
    )


def _truncate(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAILS_CHARS else text[: MAX_DETAILS_CHARS - 1] + "…"


def summarise_details(details: Any) -> str:
    """Zendesk's `details` (a dict of field → list of {description, error}) as one short line."""
    if details is None or details == "":
        return ""
    if isinstance(details, str):
        return _truncate(details)
    parts: list[str] = []
    if isinstance(details, dict):
        for key, items in details.items():
            for item in items if isinstance(items, list) else [items]:
                if isinstance(item, dict):
                    text = str(item.get("description") or item.get("error") or item)
                else:
                    text = str(item)
                if key != "base" and not text.lower().startswith(str(key).lower()):
                    text = f"{key}: {text}"
                parts.append(text)
    elif isinstance(details, list):
        parts.extend(summarise_details(item) for item in details)
    else:
        parts.append(str(details))
    return _truncate("; ".join(part for part in parts if part))


def _error_text(data: Any) -> str:
    """Zendesk's own explanation from an error body, in whichever shape it came."""
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    if isinstance(error, dict):
        for key in ("message", "description", "title"):
            if error.get(key):
                return _truncate(str(error[key]))
    description = data.get("description")
    if description:
        return _truncate(str(description))
    if isinstance(error, str):
        return _truncate(error)
    return ""


def _user_search_query(query: str) -> str:
    query = query.strip()
    return query if "type:user" in query.lower() else f"type:user {query}".strip()


# -- the client --------------------------------------------------------------------------------


MAX_REFRESH_ROUNDS = 3
"""401 → renew the OAuth token → retry, at most this often for one request (and only while each
renewal gives a token other than the one just refused)."""


class ZendeskClient:
    """One account, one set of credentials, one HTTP session (not shared between threads)."""

    def __init__(
        self,
        base_url: str,
        auth: Auth,
        *,
        session: requests.Session | None = None,
        governor: RateGovernor | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        cancel: threading.Event | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        deadline_s: float = DEFAULT_DEADLINE_S,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        if isinstance(auth, ApiTokenAuth):
            register_secret(auth.token)
            register_secret(basic_credential(auth.email.strip(), auth.token.reveal()))
        elif isinstance(auth, BearerAuth):
            token = auth.token_source.access_token()
            if token.is_empty:
                raise CredentialsError(
                    QT_TRANSLATE_NOOP("Errors", "Sign in to Zendesk first: no OAuth token is set.")
                )
            register_secret(token)
        else:
            raise TypeError(f"unknown credentials type {type(auth).__name__}")
        self._auth = auth
        self._host = account_host(self.base_url)
        self._session = session if session is not None else make_session()
        self.governor = governor if governor is not None else RateGovernor()
        self._timeout = timeout
        self._deadline_s = deadline_s
        self._max_answer_bytes = max_answer_bytes
        self._cancel = cancel if cancel is not None else threading.Event()
        # An interactive check (the Connect page) wants a quick answer, a campaign persistence.
        self._max_attempts = max(1, max_attempts)

    def __repr__(self) -> str:
        return f"ZendeskClient({self.base_url!r}, {type(self._auth).__name__})"

    @property
    def host(self) -> str:
        return self._host

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> ZendeskClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # `with services.client(cancel=task.cancel) as client:` is how a background call uses a
        # client of its own: its HTTP session closes when the call ends, however it ends.
        self.close()

    # -- links ----------------------------------------------------------------------------

    def ticket_url(self, ticket_id: int) -> str:
        return f"{self.base_url}/agent/tickets/{ticket_id}"

    def view_url(self, view_id: int) -> str:
        return f"{self.base_url}/agent/filters/{view_id}"

    # -- who is signed in -----------------------------------------------------------------

    def me(self) -> Agent:
        """The signed-in agent. Raises AuthenticationError for the anonymous answer."""
        user = self._me_user()
        return Agent(
            id=UserId(user["id"]),
            name=str(user.get("name") or ""),
            email=str(user.get("email") or ""),
            role=str(user["role"]),
            role_type=_optional_int(user.get("role_type")),
            time_zone=user.get("time_zone") or None,
            locale=user.get("locale") or None,
            iana_time_zone=user.get("iana_time_zone") or None,
        )

    def permissions(self) -> Permissions:
        """What the agent may do; `can_manage_shared_views` None when it cannot be told."""
        user = self._me_user()
        role = str(user["role"])
        custom_role_id = _optional_int(user.get("custom_role_id"))
        if role == Role.ADMIN:
            return Permissions(role=role, can_manage_shared_views=True)
        if custom_role_id is None:
            return Permissions(role=role, can_manage_shared_views=None)
        try:
            data = self._get_json(f"/api/v2/custom_roles/{custom_role_id}")
        except (PermissionDeniedError, NotFoundError):
            # Some accounts let only admins read role definitions: then it is not knowable.
            return Permissions(
                role=role, can_manage_shared_views=None, custom_role_id=custom_role_id
            )
        custom_role = data.get("custom_role") or {}
        configuration = custom_role.get("configuration") or {}
        view_access = configuration.get("view_access")
        can_manage: bool | None = None
        if view_access in _VIEW_ACCESS_SHARED:
            can_manage = True
        elif view_access in _VIEW_ACCESS_NOT_SHARED:
            can_manage = False
        name = custom_role.get("name")
        return Permissions(
            role=role,
            can_manage_shared_views=can_manage,
            custom_role_id=custom_role_id,
            custom_role_name=str(name) if name else None,
        )

    def _me_user(self) -> Json:
        data = self._get_json("/api/v2/users/me")
        user = data.get("user")
        # users/me answers 200 for bad credentials with an anonymous user (id null, end-user):
        # docs/ZENDESK.md, "Signing in". An expired OAuth token looks the same, so a
        # refreshable token gets one refresh before the answer counts as a refusal.
        if (not isinstance(user, dict) or user.get("id") is None) and self._can_refresh():
            self._refresh()
            user = self._get_json("/api/v2/users/me").get("user")
        if not isinstance(user, dict) or user.get("id") is None:
            raise self._authentication_error()
        if user.get("role") not in (Role.AGENT, Role.ADMIN):
            raise AuthenticationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{email} is not an agent or administrator on {host}: sign in with an "
                    "account that may create tickets.",
                ),
                email=str(user.get("email") or ""),
                host=self._host,
            )
        return user

    # -- finding customers ------------------------------------------------------------------

    def search_users(
        self, query: str, *, page: int = 1, per_page: int = SEARCH_PAGE_SIZE
    ) -> UserSearchPage:
        """One page of the user search (what the Search page shows first).

        Zendesk's search returns at most 1,000 results: a page that reaches past them
        (`page × per_page > 1000`) raises SearchLimitError before any request is sent (and
        Zendesk's own 422 for it is mapped to the same error). The last reachable page has
        `next_page` None even when `count` is larger (check `capped`). Load whole segments with
        `export_users`.
        """
        if page < 1 or not 1 <= per_page <= SEARCH_PAGE_SIZE:
            raise ValueError("page must be >= 1 and per_page between 1 and 100")
        if page * per_page > SEARCH_RESULT_CAP:
            raise self._search_limit_error()
        params = {"query": _user_search_query(query), "page": page, "per_page": per_page}
        try:
            data = self._get_json("/api/v2/search", params)
        except ValidationError as exc:
            if "response size" in exc.details.lower() or "search response limits" in (
                exc.details.lower()
            ):
                raise self._search_limit_error() from None
            raise
        results = data.get("results") or []
        customers = tuple(
            parse_customer(item)
            for item in results
            if isinstance(item, dict) and item.get("result_type", "user") == "user"
        )
        count = _optional_int(data.get("count"))
        has_next = bool(data.get("next_page")) and (page + 1) * per_page <= SEARCH_RESULT_CAP
        return UserSearchPage(
            customers=customers,
            count=count if count is not None else len(customers),
            page=page,
            next_page=page + 1 if has_next else None,
        )

    def count_users(self, query: str) -> int:
        """How many users match `query`, as Zendesk counts them (`/api/v2/search/count`)."""
        data = self._get_json("/api/v2/search/count", {"query": _user_search_query(query)})
        count = _optional_int(data.get("count"))
        if count is None:
            raise ServerError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk sent an answer that could not be read ({status_code})."
                ),
                status_code=200,
            )
        return count

    def export_users(
        self,
        query: str,
        *,
        cancel: threading.Event | None = None,
        page_size: int = EXPORT_PAGE_SIZE,
    ) -> Iterator[list[Customer]]:
        """Every user matching `query`, a page at a time, through the uncapped export search.

        Raises CancelledError between pages when `cancel` is set.
        """
        query = query.strip() or "type:user"
        params = {"query": query, "filter[type]": "user", "page[size]": page_size}
        for page in self._pages("/api/v2/search/export", params, key="results", cancel=cancel):
            yield [
                parse_customer(item)
                for item in page
                if isinstance(item, dict) and item.get("result_type", "user") == "user"
            ]

    def show_many_users(
        self, ids: Iterable[int], *, cancel: threading.Event | None = None
    ) -> list[Customer]:
        """The users with these ids (unknown ids are left out), in chunks of 100."""
        customers: list[Customer] = []
        for chunk in _chunks(_unique(ids), SHOW_MANY_CHUNK):
            data = self._get_json(
                "/api/v2/users/show_many",
                {"ids": ",".join(str(each) for each in chunk)},
                cancel=cancel,
            )
            customers.extend(parse_customer(user) for user in data.get("users") or ())
        return customers

    def show_many_organizations(
        self, ids: Iterable[int], *, cancel: threading.Event | None = None
    ) -> list[Organization]:
        """The organizations with these ids (unknown ids are left out), in chunks of 100."""
        organizations: list[Organization] = []
        for chunk in _chunks(_unique(ids), SHOW_MANY_CHUNK):
            data = self._get_json(
                "/api/v2/organizations/show_many",
                {"ids": ",".join(str(each) for each in chunk)},
                cancel=cancel,
            )
            organizations.extend(
                parse_organization(item) for item in data.get("organizations") or ()
            )
        return organizations

    def find_users_by_email(self, email: str) -> list[Customer]:
        """Users whose email is exactly `email` (case-insensitive), for CSV lists."""
        wanted = email.strip().casefold()
        if not wanted:
            return []
        found: list[Customer] = []
        for page in self._pages("/api/v2/users/search", {"query": email.strip()}, key="users"):
            found.extend(
                parse_customer(user)
                for user in page
                if str(user.get("email") or "").casefold() == wanted
            )
        return found

    # -- definitions for the Compose page -----------------------------------------------------

    def user_fields(self) -> list[UserField]:
        return [_parse_field(item) for item in self._all("/api/v2/user_fields", "user_fields")]

    def organization_fields(self) -> list[UserField]:
        return [
            _parse_field(item)
            for item in self._all("/api/v2/organization_fields", "organization_fields")
        ]

    def groups(self) -> list[Group]:
        return [
            Group(id=int(item["id"]), name=str(item.get("name") or ""))
            for item in self._all("/api/v2/groups", "groups")
            if not item.get("deleted")
        ]

    def group_members(self, group_id: int) -> list[Agent]:
        """The agents of a group (possible assignees), by name."""
        memberships = self._all(f"/api/v2/groups/{group_id}/memberships", "group_memberships")
        user_ids = [int(item["user_id"]) for item in memberships if "user_id" in item]
        return [
            Agent(
                id=user.id,
                name=user.name,
                email=user.email or "",
                role=user.role,
                time_zone=user.time_zone,
                locale=user.locale,
            )
            for user in self.show_many_users(user_ids)
            if user.is_staff and user.active and not user.suspended
        ]

    def custom_statuses(self) -> list[CustomStatus]:
        return [
            CustomStatus(
                id=int(item["id"]),
                status_category=str(item.get("status_category") or ""),
                agent_label=str(item.get("agent_label") or ""),
                active=item.get("active") is not False,
                default=item.get("default") is True,
            )
            for item in self._all("/api/v2/custom_statuses", "custom_statuses")
        ]

    def ticket_fields(self) -> list[TicketField]:
        return [
            TicketField(
                id=int(item["id"]),
                type=str(item.get("type") or ""),
                title=str(item.get("title") or ""),
                active=item.get("active") is not False,
                required=item.get("required") is True,
                options=_parse_options(item.get("custom_field_options")),
            )
            for item in self._all("/api/v2/ticket_fields", "ticket_fields")
        ]

    def macros(self) -> list[Macro]:
        """The account's active macros."""
        return [
            Macro(
                id=int(item["id"]),
                title=str(item.get("title") or ""),
                active=item.get("active") is not False,
                actions=tuple(
                    action for action in item.get("actions") or () if isinstance(action, dict)
                ),
            )
            for item in self._all("/api/v2/macros", "macros", {"active": "true"})
        ]

    def triggers(self) -> list[Trigger]:
        """The account's active triggers with their conditions and actions."""
        triggers: list[Trigger] = []
        for item in self._all("/api/v2/triggers/active", "triggers"):
            conditions = item.get("conditions")
            conditions = conditions if isinstance(conditions, dict) else {}
            triggers.append(
                Trigger(
                    id=int(item["id"]),
                    title=str(item.get("title") or ""),
                    all_conditions=_mappings(conditions.get("all")),
                    any_conditions=_mappings(conditions.get("any")),
                    actions=_mappings(item.get("actions")),
                )
            )
        return triggers

    def apply_macro(self, macro_id: int) -> MacroChanges:
        """What the macro would change (nothing is changed: docs/ZENDESK.md, "Macros")."""
        data = self._get_json(f"/api/v2/macros/{macro_id}/apply")
        result = data.get("result") or {}
        ticket = result.get("ticket")
        comment = result.get("comment")
        return MacroChanges(
            ticket=ticket if isinstance(ticket, dict) else {},
            comment=comment if isinstance(comment, dict) else None,
        )

    # -- tickets ----------------------------------------------------------------------------

    def create_ticket(
        self,
        ticket: Mapping[str, Any],
        *,
        idempotency_key: str,
        run_token: str | None = None,
    ) -> CreatedTicket:
        """Create one ticket with an `Idempotency-Key` (stable per campaign and customer).

        `run_token` goes into the request beside the ticket (not into the ticket): the same key
        with another run's token is a different body, so Zendesk answers the other run with
        IdempotencyConflictError, while this run's own repeat is a `hit`.

        Certainly not created: ValidationError, IdempotencyConflictError, PermissionDeniedError,
        AuthenticationError, RateLimitedError (after MAX_ATTEMPTS 429s), NetworkError with
        `maybe_sent=False`, CancelledError. Uncertain — reconcile before sending again:
        ServerError, NetworkError with `maybe_sent=True`.
        """
        body: dict[str, Any] = {"ticket": dict(ticket)}
        if run_token is not None:
            body[RUN_TOKEN_FIELD] = run_token
        response = self._request(
            "POST",
            "/api/v2/tickets",
            json_body=body,
            headers={"Idempotency-Key": idempotency_key},
        )
        data = self._json(response)
        created = data.get("ticket") or {}
        if not isinstance(created, dict) or _optional_int(created.get("id")) is None:
            raise self._unreadable(response)
        requester_id = _optional_int(created.get("requester_id"))
        external_id = created.get("external_id")
        return CreatedTicket(
            id=TicketId(int(created["id"])),
            idempotency_hit=response.headers.get("x-idempotency-lookup", "").lower() == "hit",
            requester_id=UserId(requester_id) if requester_id is not None else None,
            external_id=str(external_id) if external_id is not None else None,
        )

    def create_many_tickets(self, tickets: Sequence[Mapping[str, Any]]) -> JobStatus:
        """Queue up to 100 tickets as one job (no idempotency key: the engine reconciles).

        Same exceptions as `create_ticket`; a ServerError or NetworkError(maybe_sent=True) means
        the job may exist and create its tickets later.
        """
        if not 1 <= len(tickets) <= CREATE_MANY_LIMIT:
            raise ValueError("create_many takes 1 to 100 tickets")
        response = self._request(
            "POST",
            "/api/v2/tickets/create_many",
            json_body={"tickets": [dict(ticket) for ticket in tickets]},
        )
        job = self._json(response).get("job_status")
        if not isinstance(job, dict) or job.get("id") is None:
            raise self._unreadable(response)
        return parse_job_status(job)

    def job_status(self, job_id: str) -> JobStatus:
        """A job's state; NotFoundError once Zendesk has forgotten it (after about an hour)."""
        data = self._get_json(f"/api/v2/job_statuses/{job_id}")
        job = data.get("job_status")
        if not isinstance(job, dict):
            raise NotFoundError(
                QT_TRANSLATE_NOOP("Errors", "Zendesk no longer knows the job {job_id}."),
                job_id=job_id,
            )
        return parse_job_status(job)

    def job_statuses(self, job_ids: Iterable[str]) -> list[JobStatus]:
        """Several jobs in one request per 100 ids; forgotten jobs are left out."""
        statuses: list[JobStatus] = []
        for chunk in _chunks(_unique(job_ids), SHOW_MANY_CHUNK):
            data = self._get_json("/api/v2/job_statuses/show_many", {"ids": ",".join(chunk)})
            statuses.extend(
                parse_job_status(job)
                for job in data.get("job_statuses") or ()
                if isinstance(job, dict) and job.get("id") is not None
            )
        return statuses

    def recent_job_statuses(
        self, *, max_pages: int = RECENT_JOB_PAGES
    ) -> tuple[list[JobStatus], bool]:
        """The account's recent jobs, queued and working ones included (GET /job_statuses).

        Returns the jobs and whether the list is complete (False when more pages were left
        than `max_pages`: a caller proving that no job is queued must then assume one is).
        """
        statuses: list[JobStatus] = []
        pages = self._pages(
            "/api/v2/job_statuses", {"per_page": LIST_PAGE_SIZE}, key="job_statuses"
        )
        for number, page in enumerate(pages, start=1):
            statuses.extend(
                parse_job_status(job)
                for job in page
                if isinstance(job, dict) and job.get("id") is not None
            )
            if number >= max_pages:
                # One more page would tell whether the list went on; the generator knows.
                return statuses, next(pages, None) is None
        return statuses, True

    def tickets_by_external_id(self, external_id: str) -> list[TicketRef]:
        """Tickets with this external_id (not unique on Zendesk's side)."""
        return [
            parse_ticket_ref(item)
            for item in self._all("/api/v2/tickets", "tickets", {"external_id": external_id})
        ]

    def tickets_with_tag(
        self, tag: str, *, cancel: threading.Event | None = None
    ) -> Iterator[list[TicketRef]]:
        """Every ticket carrying `tag`, a page at a time (export search: no 1,000 cap)."""
        return self._search_tickets(f"tags:{tag}", cancel)

    def tickets_with_tag_since(
        self, tag: str, since: date, *, cancel: threading.Event | None = None
    ) -> Iterator[list[TicketRef]]:
        """Tickets carrying `tag` created on or after the day `since` (UTC), a page at a time.

        Zendesk's search takes dates, not moments: callers compare `created_at` themselves.
        """
        return self._search_tickets(f"tags:{tag} created>={since.isoformat()}", cancel)

    def _search_tickets(
        self, query: str, cancel: threading.Event | None
    ) -> Iterator[list[TicketRef]]:
        params = {"query": query, "filter[type]": "ticket", "page[size]": EXPORT_PAGE_SIZE}
        for page in self._pages("/api/v2/search/export", params, key="results", cancel=cancel):
            yield [
                parse_ticket_ref(item)
                for item in page
                if isinstance(item, dict) and item.get("result_type", "ticket") == "ticket"
            ]

    def show_many_tickets(
        self, ids: Iterable[int], *, cancel: threading.Event | None = None
    ) -> list[TicketRef]:
        """The tickets with these ids, 100 a request; deleted and unknown ones are left out.

        Reads the tickets themselves, so unlike search it sees a ticket the moment it exists.
        """
        tickets: list[TicketRef] = []
        for chunk in _chunks(_unique(ids), SHOW_MANY_CHUNK):
            data = self._get_json(
                "/api/v2/tickets/show_many",
                {"ids": ",".join(str(each) for each in chunk)},
                cancel=cancel,
            )
            tickets.extend(
                parse_ticket_ref(item)
                for item in data.get("tickets") or ()
                if isinstance(item, dict) and _optional_int(item.get("id")) is not None
            )
        return tickets

    def update_many_tickets(
        self, ticket_ids: Sequence[int], changes: Mapping[str, Any]
    ) -> JobStatus:
        """Queue the same change for up to 100 tickets as one job (`update_many?ids=`).

        Not replayed on an uncertain outcome (ServerError, NetworkError with `maybe_sent`): the
        job may exist and change the tickets later, so the caller reconciles first.
        """
        if not 1 <= len(ticket_ids) <= BULK_LIMIT:
            raise ValueError("update_many takes 1 to 100 tickets")
        response = self._request(
            "PUT",
            "/api/v2/tickets/update_many",
            params={"ids": ",".join(str(each) for each in ticket_ids)},
            json_body={"ticket": dict(changes)},
        )
        return self._job_from(response)

    def destroy_many_tickets(self, ticket_ids: Sequence[int]) -> JobStatus:
        """Queue the deletion of up to 100 tickets as one job (`destroy_many?ids=`); Zendesk
        keeps deleted tickets recoverable for 30 days. Same uncertainty rules as update_many."""
        if not 1 <= len(ticket_ids) <= BULK_LIMIT:
            raise ValueError("destroy_many takes 1 to 100 tickets")
        response = self._request(
            "DELETE",
            "/api/v2/tickets/destroy_many",
            params={"ids": ",".join(str(each) for each in ticket_ids)},
        )
        return self._job_from(response)

    def _job_from(self, response: requests.Response) -> JobStatus:
        job = self._json(response).get("job_status")
        if not isinstance(job, dict) or job.get("id") is None:
            raise self._unreadable(response)
        return parse_job_status(job)

    def update_ticket(self, ticket_id: int, changes: Mapping[str, Any]) -> None:
        """Change a ticket (macro actions). Not replayed on an uncertain outcome."""
        self._request("PUT", f"/api/v2/tickets/{ticket_id}", json_body={"ticket": dict(changes)})

    def create_view(self, title: str, tag: str) -> int:
        """A shared view of the unclosed tickets carrying `tag`; PermissionDeniedError if not
        allowed (Zendesk's message is kept in `zendesk_message`)."""
        body = {
            "view": {
                "title": title,
                "all": [
                    # `all` needs a condition on status, type, group, assignee or requester.
                    {"field": "status", "operator": "less_than", "value": "closed"},
                    {"field": "current_tags", "operator": "includes", "value": tag},
                ],
                "output": {"columns": ["status", "subject", "requester", "created", "updated"]},
            }
        }
        response = self._request("POST", "/api/v2/views", json_body=body)
        view = self._json(response).get("view") or {}
        view_id = _optional_int(view.get("id")) if isinstance(view, dict) else None
        if view_id is None:
            raise self._unreadable(response)
        return view_id

    # -- pagination -------------------------------------------------------------------------

    def _all(self, path: str, key: str, params: Mapping[str, Any] | None = None) -> list[Json]:
        items: list[Json] = []
        merged = {"per_page": LIST_PAGE_SIZE, **(params or {})}
        for page in self._pages(path, merged, key=key):
            items.extend(item for item in page if isinstance(item, dict))
        return items

    def _pages(
        self,
        path: str,
        params: Mapping[str, Any] | None,
        *,
        key: str,
        cancel: threading.Event | None = None,
    ) -> Iterator[list[Json]]:
        """Each page's `key` list, following offset (`next_page`) or cursor links to the end."""
        cancel = cancel if cancel is not None else self._cancel
        target: str = path
        query: Mapping[str, Any] | None = params
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            if cancel.is_set():
                raise CancelledError()
            data = self._get_json(target, query, cancel=cancel)
            items = data.get(key)
            yield items if isinstance(items, list) else []
            following = self._next_link(data, path, params)
            if following is None:
                return
            if following in seen:
                raise self._unreadable_text(path)
            seen.add(following)
            target, query = following, None
        raise self._unreadable_text(path)

    @staticmethod
    def _next_link(data: Json, path: str, params: Mapping[str, Any] | None) -> str | None:
        meta = data.get("meta")
        if isinstance(meta, dict) and "has_more" in meta:
            if not meta.get("has_more"):
                return None
            links = data.get("links")
            link = links.get("next") if isinstance(links, dict) else None
            if isinstance(link, str) and link:
                return link
            cursor = meta.get("after_cursor")
            if isinstance(cursor, str) and cursor:
                following = {**(params or {}), "page[after]": cursor}
                return f"{path}?{urlencode(following)}"
            return None
        link = data.get("next_page")
        return link if isinstance(link, str) and link else None

    # -- one request, with the retry rules ----------------------------------------------------

    def _get_json(
        self,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> Json:
        return self._json(self._request("GET", path, params=params, cancel=cancel))

    def _url(self, path_or_link: str) -> str:
        """An absolute URL on this account. Links from answers keep only their path and query,
        so credentials are never sent to another host whatever an answer says."""
        parts = urlsplit(path_or_link)
        path = parts.path or "/"
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.base_url}{path}{query}"

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        cancel: threading.Event | None = None,
    ) -> requests.Response:
        cancel = cancel if cancel is not None else self._cancel
        reading = method == "GET"
        url = self._url(path)
        shown = f"{method} {urlsplit(url).path}"
        refresh_rounds = 0
        attempt = 0
        while True:
            attempt += 1
            if not self.governor.acquire(cancel):
                raise CancelledError()
            request_headers = {"Authorization": authorization_header(self._auth)}
            if headers:
                request_headers.update(headers)
            started = time.perf_counter()
            watch = RequestWatch(
                deadline_s=self._deadline_s,
                cancel=cancel,
                cancel_grace_s=0.0 if reading else CANCEL_GRACE_S,
            )
            try:
                with watching(watch):
                    response = self._session.request(
                        method,
                        url,
                        params=params,
                        json=json_body,
                        headers=request_headers,
                        timeout=self._timeout,
                        allow_redirects=False,
                        stream=True,
                    )
                    self._read_answer(response, watch, shown)
                    watch.finish()
            except (requests.RequestException, OSError, ValueError) as exc:
                # A read the watchdog ended can surface as a plain OSError or ValueError.
                expected = isinstance(exc, requests.RequestException | AnswerTooLargeError)
                if not expected and watch.tripped is None:
                    raise
                error = self._failed_request(exc, watch, shown, maybe_sent=not reading)
                log.info(
                    "%s failed (attempt %d): %s, maybe sent: %s",
                    shown,
                    attempt,
                    watch.tripped or type(exc).__name__,
                    error.maybe_sent if isinstance(error, NetworkError) else False,
                )
                if isinstance(error, CancelledError) or isinstance(exc, AnswerTooLargeError):
                    # Cancelled; or too large, which asking again would not change.
                    raise error from None
                if (reading or not error.maybe_sent) and attempt < self._max_attempts:
                    if not self.governor.backoff(attempt, cancel):
                        raise CancelledError() from None
                    continue
                raise error from None
            elapsed_ms = (time.perf_counter() - started) * 1000
            status = response.status_code
            log.debug("%s → %d in %.0f ms", shown, status, elapsed_ms)
            self.governor.observe(status, response.headers)
            if 200 <= status < 300:
                return response
            if status == 401 and refresh_rounds < MAX_REFRESH_ROUNDS and self._can_refresh():
                # Usually one round. More only when another program renewed the shared sign-in
                # again between our renewal and the retry: rotation deleted the pair we adopted.
                refused = request_headers["Authorization"]
                refresh_rounds += 1
                self._refresh()
                if authorization_header(self._auth) != refused:
                    continue
                # The renewal gave back the very token just refused: asking again would loop.
            if status == 429 and attempt < self._max_attempts:
                # Not processed: safe to send again, POST included.
                retry_after = parse_retry_after(
                    response.headers, cap_s=self.governor.max_retry_after_s
                )
                log.info("%s rate-limited; retrying after %.1f s", shown, retry_after)
                if not self.governor.wait_retry_after(retry_after, cancel):
                    raise CancelledError()
                continue
            if (status >= 500 or status == 409) and reading and attempt < self._max_attempts:
                if not self.governor.backoff(attempt, cancel):
                    raise CancelledError()
                continue
            self._raise_for(response, shown)

    def _read_answer(self, response: requests.Response, watch: RequestWatch, shown: str) -> None:
        """Read the whole body in chunks, within the size cap, the deadline and the cancel.

        What is read becomes the response's content, so `.json()` and `.text` work as usual.
        """
        declared = response.headers.get("content-length", "")
        limit = self._max_answer_bytes
        if declared.isdigit() and int(declared) > limit:
            response.close()
            raise AnswerTooLargeError(shown, limit)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(BODY_CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise AnswerTooLargeError(shown, limit)
                chunks.append(chunk)
                if watch.check() is not None:
                    # The socket is shut; stop here rather than wait for the next read to fail.
                    raise requests.ConnectionError(f"request {watch.tripped}")
        except BaseException:
            response.close()
            raise
        response._content = b"".join(chunks)
        response._content_consumed = True  # type: ignore[attr-defined]

    def _failed_request(
        self, exc: BaseException, watch: RequestWatch, shown: str, *, maybe_sent: bool
    ) -> NetworkError | CancelledError:
        """The error for a request that got no usable answer (the watch may have ended it)."""
        if isinstance(exc, AnswerTooLargeError):
            return NetworkError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{host} sent an answer larger than {megabytes} MB to {request}; it was not "
                    "read.",
                ),
                maybe_sent=maybe_sent,
                host=self._host,
                megabytes=exc.limit // (1024 * 1024),
                request=shown,
            )
        if watch.tripped == Tripped.CANCELLED:
            if not maybe_sent:
                return CancelledError()
            # The request was written: Zendesk may act on it although its answer is not read.
            return NetworkError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Stopped while waiting for the answer of {host} to {request}."
                ),
                maybe_sent=True,
                host=self._host,
                request=shown,
            )
        if watch.tripped == Tripped.DEADLINE:
            return NetworkError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{host} did not send its whole answer within {seconds} seconds."
                ),
                maybe_sent=True,
                host=self._host,
                seconds=round(watch.deadline_s),
            )
        assert isinstance(exc, requests.RequestException)
        return network_error(exc, host=self._host, read_timeout_s=self._timeout[1])

    def _can_refresh(self) -> bool:
        return isinstance(self._auth, BearerAuth) and self._auth.token_source.can_refresh

    def _refresh(self) -> None:
        assert isinstance(self._auth, BearerAuth)
        token = self._auth.token_source.refresh()  # raises OAuthRefreshError
        register_secret(token)

    # -- errors -----------------------------------------------------------------------------

    @staticmethod
    def _json(response: requests.Response) -> Json:
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ServerError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk sent an answer that could not be read ({status_code})."
                ),
                status_code=response.status_code,
            )
        return data

    def _unreadable(self, response: requests.Response) -> ServerError:
        return ServerError(
            QT_TRANSLATE_NOOP(
                "Errors", "Zendesk sent an answer that could not be read ({status_code})."
            ),
            status_code=response.status_code,
        )

    def _unreadable_text(self, path: str) -> ZendeskError:
        return ZendeskError(
            QT_TRANSLATE_NOOP("Errors", "Zendesk's list at {path} does not end: its pages repeat."),
            path=path,
        )

    def _authentication_error(self) -> AuthenticationError:
        if isinstance(self._auth, BearerAuth):
            return AuthenticationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk did not accept the sign-in for {host}: sign in again."
                ),
                host=self._host,
            )
        return AuthenticationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Zendesk did not accept the email address and API token for {host}. Check both, "
                "and that token access is turned on in Admin Center. A token that worked before "
                "was probably switched off by Zendesk (it does so after 30 days unused): sign in "
                "with Zendesk instead.",
            ),
            host=self._host,
        )

    def _search_limit_error(self) -> SearchLimitError:
        return SearchLimitError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Zendesk's search shows at most {cap} results. Load the whole segment with the "
                "export search instead.",
            ),
            cap=SEARCH_RESULT_CAP,
        )

    def _raise_for(self, response: requests.Response, shown: str) -> NoReturn:
        status = response.status_code
        try:
            data: Any = response.json()
        except ValueError:
            data = None
        zendesk_text = _error_text(data) or _truncate(response.text or "")
        if status == 401:
            raise self._authentication_error()
        if status == 403:
            raise PermissionDeniedError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk did not allow this ({request}): {zendesk_message}"
                ),
                zendesk_message=zendesk_text,
                request=shown,
            )
        if status == 404:
            raise NotFoundError(
                QT_TRANSLATE_NOOP("Errors", "Zendesk found nothing at {request}."), request=shown
            )
        if status == 400 and "IdempotentRequestError" in str(
            data.get("error") if isinstance(data, dict) else response.text
        ):
            raise IdempotencyConflictError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Zendesk refused a repeated request because its content changed since the "
                    "first attempt (same idempotency key, different body).",
                ),
                details=zendesk_text,
            )
        if status in (400, 422):
            details = summarise_details(data.get("details")) if isinstance(data, dict) else ""
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "Zendesk refused the request ({request}): {details}"),
                details=details or zendesk_text,
                request=shown,
            )
        if status == 429:
            raise RateLimitedError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Zendesk's rate limit is still exhausted; it asked to wait {retry_after_s} "
                    "seconds.",
                ),
                retry_after_s=parse_retry_after(
                    response.headers, cap_s=self.governor.max_retry_after_s
                ),
            )
        if status >= 500:
            raise ServerError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Zendesk had a problem ({status_code}) answering {request}."
                ),
                status_code=status,
                request=shown,
            )
        error = ZendeskError(
            QT_TRANSLATE_NOOP(
                "Errors", "Zendesk answered {status_code} to {request}: {zendesk_message}"
            ),
            status_code=status,
            request=shown,
            zendesk_message=zendesk_text,
        )
        error.status_code = status
        raise error


class AnswerTooLargeError(ValueError):
    """An answer over the size cap (internal: becomes a NetworkError naming the request)."""

    def __init__(self, shown: str, limit: int) -> None:
        super().__init__(f"the answer to {shown} is larger than {limit} bytes")
        self.limit = limit


def _mappings(value: Any) -> tuple[Mapping[str, Any], ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, dict))


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _chunks(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
