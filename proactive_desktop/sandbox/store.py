"""The sandbox account's state and its business rules.

`Store` holds users, organizations, tickets, jobs, views, idempotency keys and search cursors
behind one lock (`Store.lock`; every public method takes it). It validates tickets the way
Zendesk does (422 RecordInvalid with per-field details), runs create_many jobs when the job
runner calls `advance_jobs`, answers searches and applies macros. It knows nothing about HTTP
beyond the (status, body) pairs it returns.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import math
import random
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from proactive_desktop.sandbox.config import ACCOUNT_ID, SandboxConfig
from proactive_desktop.sandbox.data import FIRST_TICKET_ID, VIEW_ID_BASE, SampleData
from proactive_desktop.sandbox.query import (
    HAYSTACK_SEPARATOR,
    Document,
    Query,
    casefolded,
    parse,
)

JsonDict = dict[str, Any]
Reply = tuple[int, JsonDict]

TICKET_STATUSES = ("new", "open", "pending", "hold", "solved")
PRIORITIES = ("low", "normal", "high", "urgent")
TICKET_TYPES = ("problem", "incident", "question", "task")
VIEW_REQUIRED_FIELDS = frozenset({"status", "type", "group_id", "assignee_id", "requester_id"})
MAX_VIEW_COLUMNS = 10
STAFF_ROLES = ("agent", "admin")
_TAG_SPLIT = re.compile(r"\s+")
_HTML_TAG = re.compile(r"<[^>]+>")
_HTML_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\s*/?>", re.IGNORECASE)

FORBIDDEN: JsonDict = {
    "error": {
        "title": "Forbidden",
        "message": "You do not have access to this page. Please contact the account owner of this "
        "help desk for further help.",
    }
}
NOT_FOUND: JsonDict = {"error": "RecordNotFound", "description": "Not found"}


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _detail(description: str, error: str = "InvalidValue") -> list[JsonDict]:
    return [{"description": description, "error": error}]


def record_invalid(details: Mapping[str, list[JsonDict]]) -> Reply:
    return 422, {
        "error": "RecordInvalid",
        "description": "Record validation errors",
        "details": dict(details),
    }


def _plain_text(html_body: str) -> str:
    text = _HTML_BREAK.sub("\n", html_body)
    text = _HTML_TAG.sub("", text)
    for entity, char in (
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    return text.strip()


def _tags(value: object) -> list[str] | None:
    """Zendesk's tag rules: a list or a space-separated string, lower-cased, de-duplicated."""
    if value is None:
        return []
    items: Iterable[object]
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list):
        items = value
    else:
        return None
    result: list[str] = []
    for item in items:
        if not isinstance(item, str):
            return None
        for tag in _TAG_SPLIT.split(item.strip().lower()):
            if tag and tag not in result:
                result.append(tag)
    return result


def fingerprint(body: bytes) -> str:
    """What an idempotency key is bound to: the request's JSON content (key order ignored)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return hashlib.sha256(body).hexdigest()
    return hashlib.sha256(canonical.encode()).hexdigest()


class JobKind:
    """What a job does with each of its items (create_many, update_many, destroy_many)."""

    CREATE = "create"
    """Items are ticket bodies."""
    UPDATE = "update"
    """Items are (ticket id, changes) pairs."""
    DESTROY = "destroy"
    """Items are ticket ids."""


@dataclass(slots=True)
class Job:
    id: str
    payloads: list[Any]
    submitter_id: int
    created: float
    kind: str = JobKind.CREATE
    status: str = "queued"
    progress: int | None = None
    started: float | None = None
    finished: float | None = None
    message: str | None = None
    results: list[JsonDict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.payloads)

    @property
    def in_flight(self) -> bool:
        return self.status in ("queued", "working")


@dataclass(slots=True)
class ExportCursor:
    kind: str
    ids: list[int]
    offset: int
    issued: float


@dataclass(slots=True)
class IdempotencyEntry:
    fingerprint: str
    status: int
    body: JsonDict
    stored: float


@dataclass(slots=True)
class TicketMeta:
    """What the API does not show directly: comments and when search can see the ticket."""

    comments: list[JsonDict]
    indexed_at: float


class Store:
    """All state of one sandbox account. Thread-safe: each public method holds `lock`."""

    def __init__(
        self,
        data: SampleData,
        base_url: str,
        config: Callable[[], SandboxConfig],
        clock: Callable[[], float],
        seed: int,
    ) -> None:
        self.lock = threading.RLock()
        self.base_url = base_url
        self._config = config
        self._clock = clock
        self._rng = random.Random(seed * 7919 + 17)
        self.data = data
        self.users: list[JsonDict] = data.users
        self.users_by_id = {int(u["id"]): u for u in data.users}
        self.users_by_email: dict[str, list[JsonDict]] = {}
        for user in data.users:
            if user["email"]:
                self.users_by_email.setdefault(user["email"].casefold(), []).append(user)
        self.orgs_by_id = {int(o["id"]): o for o in data.organizations}
        self.groups_by_id = {int(g["id"]): g for g in data.groups}
        self.members_by_group: dict[int, set[int]] = {}
        for membership in data.group_memberships:
            self.members_by_group.setdefault(int(membership["group_id"]), set()).add(
                int(membership["user_id"])
            )
        self.statuses_by_id = {int(s["id"]): s for s in data.custom_statuses}
        self.fields_by_id = {int(f["id"]): f for f in data.ticket_fields}
        self.custom_ticket_fields = [
            f
            for f in data.ticket_fields
            if "custom_field_options" in f
            or f["type"] in ("text", "date", "checkbox", "integer", "decimal", "textarea", "regexp")
        ]
        self.forms_by_id = {int(f["id"]): f for f in data.ticket_forms}
        self.macros_by_id = {int(m["id"]): m for m in data.macros}
        self.roles_by_id = {int(r["id"]): r for r in data.custom_roles}
        self.tickets: dict[int, JsonDict] = {}
        self.ticket_meta: dict[int, TicketMeta] = {}
        #: Deleted tickets (gone from show, search and lists; Zendesk keeps them 30 days).
        self.deleted_tickets: dict[int, JsonDict] = {}
        self.views: dict[int, JsonDict] = {}
        self.jobs: dict[str, Job] = {}
        self.idempotency: dict[str, IdempotencyEntry] = {}
        self.cursors: dict[str, ExportCursor] = {}
        self._next_ticket_id = FIRST_TICKET_ID
        self._next_comment_id = 50_000_000_001
        self._next_view_id = VIEW_ID_BASE + 1
        self._haystacks: dict[int, str] = {}
        self._user_search_cache: OrderedDict[str, list[int]] = OrderedDict()
        self.max_jobs_in_flight = 0
        self.jobs_refused = 0
        self.jobs_by_kind: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------------

    def url(self, resource: str, record_id: object) -> str:
        return f"{self.base_url}/api/v2/{resource}/{record_id}.json"

    def user_json(self, user: JsonDict) -> JsonDict:
        return {"url": self.url("users", user["id"]), **user}

    def org_json(self, org: JsonDict) -> JsonDict:
        return {"url": self.url("organizations", org["id"]), **org}

    def with_url(self, resource: str, record: JsonDict) -> JsonDict:
        return {"url": self.url(resource, record["id"]), **record}

    def user_by_email(self, email: str) -> JsonDict | None:
        with self.lock:
            matches = self.users_by_email.get(email.casefold())
            return matches[0] if matches else None

    def add_end_user(self, email: str, name: str) -> JsonDict:
        """A new end-user, as Zendesk creates one for a ticket's inline requester."""
        with self.lock:
            user_id = max(self.users_by_id, default=0) + 1
            now = _now_iso()
            user: JsonDict = {
                "id": user_id,
                "name": name,
                "email": email,
                "created_at": now,
                "updated_at": now,
                "time_zone": None,
                "iana_time_zone": None,
                "phone": None,
                "shared_phone_number": None,
                "photo": None,
                "locale_id": 1,
                "locale": "en-US",
                "organization_id": None,
                "role": "end-user",
                "verified": False,
                "external_id": None,
                "tags": [],
                "alias": None,
                "active": True,
                "shared": False,
                "shared_agent": False,
                "last_login_at": None,
                "two_factor_auth_enabled": None,
                "signature": None,
                "details": "",
                "notes": "",
                "role_type": None,
                "custom_role_id": None,
                "moderator": False,
                "ticket_restriction": "requested",
                "only_private_comments": False,
                "restricted_agent": True,
                "suspended": False,
                "default_group_id": None,
                "report_csv": False,
                "user_fields": {key: None for key in self._user_field_keys()},
            }
            self.users.append(user)
            self.users_by_id[user_id] = user
            self.users_by_email.setdefault(email.casefold(), []).append(user)
            self._user_search_cache.clear()
            return user

    def _user_field_keys(self) -> list[str]:
        return [str(field["key"]) for field in self.data.user_fields]

    @staticmethod
    def is_staff(user: JsonDict) -> bool:
        return user["role"] in STAFF_ROLES

    def group_member(self, group_id: int, user_id: int) -> bool:
        return user_id in self.members_by_group.get(group_id, set())

    def new_token(self, prefix: str = "") -> str:
        return prefix + f"{self._rng.getrandbits(128):032x}"

    # -- tickets -------------------------------------------------------------------------------

    def _custom_field_value(self, ticket_field: JsonDict, value: object) -> tuple[bool, object]:
        """(valid, normalised value) for a custom ticket field."""
        if value is None or value == "":
            return True, None
        kind = ticket_field["type"]
        if "custom_field_options" in ticket_field:
            allowed = {o["value"] for o in ticket_field["custom_field_options"]}
            return (isinstance(value, str) and value in allowed), value
        if kind == "checkbox":
            return isinstance(value, bool), value
        if kind == "date":
            if not isinstance(value, str):
                return False, value
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return False, value
            return True, value
        if kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool), value
        return isinstance(value, str | int | float), str(value)

    def _build_ticket(
        self, raw: object, submitter: JsonDict, existing: JsonDict | None = None
    ) -> tuple[JsonDict | None, JsonDict | None, dict[str, list[JsonDict]]]:
        """Validate a create (existing None) or update payload.

        Returns (ticket fields to store, new comment or None, errors by field)."""
        errors: dict[str, list[JsonDict]] = {}
        if not isinstance(raw, dict):
            return None, None, {"base": _detail("Ticket must be a JSON object", "InvalidFormat")}
        ticket: JsonDict = dict(existing) if existing else {}
        creating = existing is None

        comment = self._ticket_comment(raw, submitter, creating, errors)
        self._ticket_subject(raw, ticket, comment, creating, errors)
        if creating:
            self._ticket_requester(raw, ticket, submitter, errors)
        self._ticket_priority_and_type(raw, ticket, creating, errors)
        self._ticket_group_and_assignee(raw, ticket, creating, errors)
        self._ticket_status(raw, ticket, creating, errors)
        values = self._ticket_tags_and_fields(raw, ticket, creating, errors)
        self._ticket_form_and_external_id(raw, ticket, creating, errors)
        if ticket.get("status") in ("solved", "closed") and not errors:
            self._ticket_solving(ticket, values, submitter, errors)
        return (None if errors else ticket), comment, errors

    def _ticket_comment(
        self, raw: JsonDict, submitter: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> JsonDict | None:
        """The new comment (`comment.body` or `html_body`); a new ticket needs one."""
        comment: JsonDict | None = None
        raw_comment = raw.get("comment")
        if isinstance(raw_comment, str):
            raw_comment = {"body": raw_comment}
        if raw_comment is not None:
            if not isinstance(raw_comment, dict):
                errors["comment"] = _detail("Comment: must be an object")
            else:
                html_body = raw_comment.get("html_body")
                body = raw_comment.get("body")
                if html_body is not None and not isinstance(html_body, str):
                    errors["comment"] = _detail("Comment: html_body must be text")
                elif body is not None and not isinstance(body, str):
                    errors["comment"] = _detail("Comment: body must be text")
                elif (html_body or "").strip() or (body or "").strip():
                    public = raw_comment.get("public", True)
                    if not isinstance(public, bool):
                        errors["comment"] = _detail("Comment: public must be true or false")
                    plain = _plain_text(html_body) if html_body else str(body).strip()
                    comment = {
                        "type": "Comment",
                        "author_id": submitter["id"],
                        "body": plain,
                        "html_body": html_body
                        if html_body
                        else '<div class="zd-comment"><p>' + _escape(str(body)) + "</p></div>",
                        "plain_body": plain,
                        "public": bool(public),
                    }
        if creating and comment is None and "comment" not in errors:
            errors["description"] = _detail("Description: cannot be blank", "BlankValue")

        return comment

    def _ticket_subject(
        self,
        raw: JsonDict,
        ticket: JsonDict,
        comment: JsonDict | None,
        creating: bool,
        errors: dict[str, list[JsonDict]],
    ) -> None:
        """The subject; a new ticket without one takes the comment's first line, as Zendesk."""
        if creating or "subject" in raw:
            subject = raw.get("subject")
            if subject is not None and not isinstance(subject, str):
                errors["subject"] = _detail("Subject: must be text")
            elif not subject and creating and comment is not None:
                subject = comment["body"].splitlines()[0][:80] if comment["body"] else ""
            ticket["subject"] = subject
            ticket["raw_subject"] = subject

    def _ticket_requester(
        self,
        raw: JsonDict,
        ticket: JsonDict,
        submitter: JsonDict,
        errors: dict[str, list[JsonDict]],
    ) -> None:
        """Who the new ticket is for: by id, inline by email (created if new), else the agent."""
        requester_id = raw.get("requester_id")
        requester_obj = raw.get("requester")
        requester: JsonDict | None = None
        if requester_id is not None:
            requester = (
                self.users_by_id.get(requester_id) if isinstance(requester_id, int) else None
            )
            if requester is None:
                errors["requester"] = _detail(f"Requester: {requester_id} is not a valid user")
        elif isinstance(requester_obj, dict) and requester_obj.get("email"):
            email = str(requester_obj["email"]).strip()
            requester = self.user_by_email(email)
            if requester is None:
                # Zendesk creates an end-user for an inline requester it does not know
                # (docs/ZENDESK.md, "Finding customers"); only once the ticket is made.
                if "@" not in email or " " in email:
                    errors["requester"] = _detail("Requester: email is not valid")
                else:
                    name = str(requester_obj.get("name") or "").strip()
                    ticket["_new_requester"] = {
                        "email": email,
                        "name": name or email.split("@", 1)[0],
                        "locale_id": requester_obj.get("locale_id"),
                    }
        else:
            # Zendesk makes the submitting agent the requester when none is given.
            requester = submitter
        if requester is not None:
            ticket["requester_id"] = requester["id"]
            ticket["organization_id"] = requester.get("organization_id")
        ticket["submitter_id"] = submitter["id"]

    def _ticket_priority_and_type(
        self, raw: JsonDict, ticket: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> None:
        """Priority and type, each one of Zendesk's words or null."""
        for key, allowed in (("priority", PRIORITIES), ("type", TICKET_TYPES)):
            if key in raw or creating:
                value = raw.get(key)
                if value is not None and value not in allowed:
                    errors[key] = _detail(f"{key.title()}: {value!r} is not valid")
                ticket[key] = value

    def _ticket_group_and_assignee(
        self, raw: JsonDict, ticket: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> None:
        """The group and the assignee, who must be an active agent of that group."""
        if "group_id" in raw or creating:
            group_id = raw.get("group_id")
            if group_id is not None and (
                not isinstance(group_id, int) or group_id not in self.groups_by_id
            ):
                errors["group"] = _detail(f"Group: {group_id} is invalid")
            ticket["group_id"] = group_id
        if "assignee_id" in raw or creating:
            assignee_id = raw.get("assignee_id")
            if assignee_id is not None:
                assignee = (
                    self.users_by_id.get(assignee_id) if isinstance(assignee_id, int) else None
                )
                if assignee is None or not self.is_staff(assignee) or assignee["suspended"]:
                    errors["assignee"] = _detail(f"Assignee: {assignee_id} is invalid")
                elif ticket.get("group_id") is None:
                    ticket["group_id"] = assignee.get("default_group_id")
            ticket["assignee_id"] = assignee_id
        group_id, assignee_id = ticket.get("group_id"), ticket.get("assignee_id")
        if (
            "assignee" not in errors
            and "group" not in errors
            and isinstance(group_id, int)
            and isinstance(assignee_id, int)
            and not self.group_member(group_id, assignee_id)
        ):
            errors["assignee"] = _detail("Assignee is not a member of the group")

    def _ticket_status(
        self, raw: JsonDict, ticket: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> None:
        """The status and the custom status, which must agree; a new ticket gets the default."""
        status = raw.get("status")
        status_given = status is not None
        if (
            status_given
            and status not in TICKET_STATUSES
            and not (status == "closed" and not creating)
        ):
            errors["status"] = _detail(f"Status: {status!r} is not valid")
        custom_status_id = raw.get("custom_status_id")
        if custom_status_id is not None:
            custom = (
                self.statuses_by_id.get(custom_status_id)
                if isinstance(custom_status_id, int)
                else None
            )
            if custom is None or not custom["active"]:
                errors["custom_status_id"] = _detail(
                    f"Custom status: {custom_status_id} is invalid"
                )
            elif status_given and custom["status_category"] != status:
                errors["custom_status_id"] = _detail(
                    f"Custom status: {custom['agent_label']!r} is not in status {status!r}"
                )
            else:
                status = custom["status_category"]
        if "status" not in errors and "custom_status_id" not in errors:
            if status is None:
                status = ticket.get("status") or ("open" if ticket.get("assignee_id") else "new")
            if custom_status_id is None and (creating or status_given):
                custom_status_id = next(
                    s["id"]
                    for s in self.data.custom_statuses
                    if s["default"] and s["status_category"] == status
                )
            if custom_status_id is not None:
                ticket["custom_status_id"] = custom_status_id
            ticket["status"] = status

    def _ticket_tags_and_fields(
        self, raw: JsonDict, ticket: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> dict[int, object]:
        """Tags (set, added, removed) and custom field values; a drop-down's option tag follows
        its value. Returns the field values by field id."""
        tags_before = list(ticket.get("tags") or [])
        if "tags" in raw or creating:
            tags = _tags(raw.get("tags"))
            if tags is None:
                errors["tags"] = _detail("Tags: must be a list of strings or a string")
                tags = []
            tags_before = tags
        for key in ("additional_tags", "remove_tags"):
            if key in raw and not creating:
                extra = _tags(raw.get(key))
                if extra is None:
                    errors[key] = _detail("Tags: must be a list of strings or a string")
                elif key == "additional_tags":
                    tags_before += [t for t in extra if t not in tags_before]
                else:
                    tags_before = [t for t in tags_before if t not in extra]

        values: dict[int, object] = {
            int(f["id"]): f["value"] for f in ticket.get("custom_fields") or []
        }
        raw_fields = raw.get("custom_fields", raw.get("fields"))
        if raw_fields is not None:
            if not isinstance(raw_fields, list):
                errors["custom_fields"] = _detail("Custom fields: must be a list")
            else:
                for item in raw_fields:
                    if not isinstance(item, dict) or "id" not in item:
                        errors["custom_fields"] = _detail("Custom fields: each needs an id")
                        continue
                    field_def = (
                        self.fields_by_id.get(item["id"]) if isinstance(item["id"], int) else None
                    )
                    if field_def is None or field_def not in self.custom_ticket_fields:
                        continue  # Zendesk ignores unknown field ids
                    valid, value = self._custom_field_value(field_def, item.get("value"))
                    if not valid:
                        errors[f"ticket_field_{field_def['id']}"] = _detail(
                            f"{field_def['title']}: {item.get('value')!r} is not valid"
                        )
                        continue
                    old = values.get(int(field_def["id"]))
                    # A drop-down's option tag comes and goes with its value, as in Zendesk.
                    if isinstance(old, str) and "custom_field_options" in field_def:
                        tags_before = [t for t in tags_before if t != old]
                    values[int(field_def["id"])] = value
        for field_def in self.custom_ticket_fields:
            value = values.get(int(field_def["id"]))
            if (
                "custom_field_options" in field_def
                and isinstance(value, str)
                and value not in tags_before
            ):
                tags_before.append(value)
        ticket["tags"] = tags_before
        ticket["custom_fields"] = [
            {"id": f["id"], "value": values.get(int(f["id"]))} for f in self.custom_ticket_fields
        ]
        ticket["fields"] = ticket["custom_fields"]

        return values

    def _ticket_form_and_external_id(
        self, raw: JsonDict, ticket: JsonDict, creating: bool, errors: dict[str, list[JsonDict]]
    ) -> None:
        """The ticket form (one of the account's) and the external id (kept as text)."""
        if "ticket_form_id" in raw:
            form_id = raw.get("ticket_form_id")
            if form_id is not None and (
                not isinstance(form_id, int) or form_id not in self.forms_by_id
            ):
                errors["ticket_form_id"] = _detail(f"Ticket form: {form_id} is invalid")
            ticket["ticket_form_id"] = form_id
        if "external_id" in raw or creating:
            external_id = raw.get("external_id")
            if external_id is not None and not isinstance(external_id, str | int):
                errors["external_id"] = _detail("External id: must be text")
            ticket["external_id"] = None if external_id is None else str(external_id)

    def _ticket_solving(
        self,
        ticket: JsonDict,
        values: dict[int, object],
        submitter: JsonDict,
        errors: dict[str, list[JsonDict]],
    ) -> None:
        """Solving needs every required field, and assigns the ticket to the agent who solves."""
        missing = [
            f["title"]
            for f in self.custom_ticket_fields
            if f["active"] and f["required"] and values.get(int(f["id"])) in (None, "", False)
        ]
        if missing:
            errors["base"] = [
                {
                    "description": f"{title}: is required when solving a ticket",
                    "error": "RequiredFieldMissing",
                }
                for title in missing
            ]
        elif ticket.get("assignee_id") is None and self.is_staff(submitter):
            # Solving assigns the ticket to the agent who solves it.
            ticket["assignee_id"] = submitter["id"]
            if ticket.get("group_id") is None:
                ticket["group_id"] = submitter.get("default_group_id")

    def _insert_ticket(self, fields: JsonDict, comment: JsonDict) -> JsonDict:
        new_requester = fields.pop("_new_requester", None)
        if new_requester is not None:
            # Another ticket of the same request may have created them a moment ago.
            existing = self.user_by_email(new_requester["email"])
            user = existing or self.add_end_user(new_requester["email"], new_requester["name"])
            fields["requester_id"] = user["id"]
            fields["organization_id"] = None
        ticket_id = self._next_ticket_id
        self._next_ticket_id += 1
        now = _now_iso()
        comment = {"id": self._next_comment_id, **comment, "created_at": now}
        self._next_comment_id += 1
        ticket: JsonDict = {
            "id": ticket_id,
            "url": self.url("tickets", ticket_id),
            "external_id": fields.get("external_id"),
            "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": None}},
            "created_at": now,
            "updated_at": now,
            "generated_timestamp": int(dt.datetime.now(dt.UTC).timestamp()),
            "type": fields.get("type"),
            "subject": fields.get("subject"),
            "raw_subject": fields.get("raw_subject"),
            "description": comment["body"],
            "priority": fields.get("priority"),
            "status": fields["status"],
            "custom_status_id": fields.get("custom_status_id"),
            "recipient": None,
            "requester_id": fields["requester_id"],
            "submitter_id": fields["submitter_id"],
            "assignee_id": fields.get("assignee_id"),
            "organization_id": fields.get("organization_id"),
            "group_id": fields.get("group_id"),
            "collaborator_ids": [],
            "follower_ids": [],
            "email_cc_ids": [],
            "forum_topic_id": None,
            "problem_id": None,
            "has_incidents": False,
            "is_public": comment["public"],
            "due_at": None,
            "tags": fields["tags"],
            "custom_fields": fields["custom_fields"],
            "satisfaction_rating": None,
            "sharing_agreement_ids": [],
            "fields": fields["custom_fields"],
            "followup_ids": [],
            "ticket_form_id": fields.get("ticket_form_id")
            or next(f["id"] for f in self.data.ticket_forms if f["default"]),
            "brand_id": 1,
            "allow_channelback": False,
            "allow_attachments": True,
            "from_messaging_channel": False,
        }
        self.tickets[ticket_id] = ticket
        self.ticket_meta[ticket_id] = TicketMeta([comment], self._clock())
        return ticket

    def create_ticket(self, payload: object, submitter: JsonDict) -> Reply:
        """POST /api/v2/tickets with a parsed body: 201 with the ticket, or 422/400."""
        with self.lock:
            if not isinstance(payload, dict) or "ticket" not in payload:
                return 400, {
                    "error": "InvalidParameter",
                    "description": "The request body needs a ticket object",
                }
            return self._create_one(payload["ticket"], submitter)

    def _create_one(self, raw: object, submitter: JsonDict) -> Reply:
        fields, comment, errors = self._build_ticket(raw, submitter)
        if fields is None or comment is None:
            return record_invalid(errors)
        ticket = self._insert_ticket(fields, comment)
        audit = {
            "id": self._next_comment_id,
            "ticket_id": ticket["id"],
            "created_at": ticket["created_at"],
            "author_id": submitter["id"],
            "via": ticket["via"],
            "events": [
                {"id": self._next_comment_id + 1, "type": "Create"},
                {**self.ticket_meta[ticket["id"]].comments[0]},
            ],
        }
        self._next_comment_id += 2
        return 201, {"ticket": copy.deepcopy(ticket), "audit": audit}

    def update_ticket(self, ticket_id: int, payload: object, user: JsonDict) -> Reply:
        with self.lock:
            ticket = self.tickets.get(ticket_id)
            if ticket is None:
                return 404, dict(NOT_FOUND)
            if not isinstance(payload, dict) or not isinstance(payload.get("ticket"), dict):
                return 400, {
                    "error": "InvalidParameter",
                    "description": "The request body needs a ticket object",
                }
            if ticket["status"] == "closed":
                return 422, {
                    "error": "RecordInvalid",
                    "description": "Record validation errors",
                    "details": {
                        "status": _detail("Status: closed prevents ticket update", "StatusClosed")
                    },
                }
            fields, comment, errors = self._build_ticket(payload["ticket"], user, ticket)
            if fields is None:
                return record_invalid(errors)
            ticket.update(fields)
            ticket["updated_at"] = _now_iso()
            meta = self.ticket_meta[ticket_id]
            meta.indexed_at = self._clock()
            if comment is not None:
                meta.comments.append(
                    {"id": self._next_comment_id, **comment, "created_at": ticket["updated_at"]}
                )
                self._next_comment_id += 1
            return 200, {"ticket": copy.deepcopy(ticket)}

    def ticket_snapshot(self) -> list[JsonDict]:
        """Every ticket with its comments (`comments` key): the oracle tests check against."""
        with self.lock:
            return [
                {**copy.deepcopy(t), "comments": copy.deepcopy(self.ticket_meta[i].comments)}
                for i, t in self.tickets.items()
            ]

    def tickets_by_external_id(self, external_id: str) -> list[JsonDict]:
        with self.lock:
            return [
                copy.deepcopy(t) for t in self.tickets.values() if t["external_id"] == external_id
            ]

    def delete_ticket(self, ticket_id: int) -> bool:
        """Delete a ticket (soft, as Zendesk does: gone from show, search and lists)."""
        with self.lock:
            ticket = self.tickets.pop(ticket_id, None)
            if ticket is None:
                return False
            self.ticket_meta.pop(ticket_id, None)
            self.deleted_tickets[ticket_id] = {
                "id": ticket_id,
                "subject": ticket["subject"],
                "description": ticket["description"],
                "requester_id": ticket["requester_id"],
                "tags": list(ticket["tags"]),
                "deleted_at": _now_iso(),
                "previous_state": ticket["status"],
            }
            return True

    def plant_ticket(self, fields: Mapping[str, Any]) -> JsonDict:
        """Create a ticket as the account's first admin, past every limit (tests and demos:
        a duplicate, or a stray ticket carrying a campaign's tag). Raises ValueError if invalid."""
        with self.lock:
            admin = next(u for u in self.users if u["role"] == "admin")
            raw = dict(fields)
            raw.setdefault("subject", "Planted ticket")
            raw.setdefault("comment", {"body": "Planted by a test", "public": False})
            status, body = self._create_one(raw, admin)
            if status != 201:
                raise ValueError(_details_text(body) or "invalid ticket")
            ticket: JsonDict = body["ticket"]
            return ticket

    # -- jobs ----------------------------------------------------------------------------------

    def submit_job(self, payload: object, submitter: JsonDict) -> tuple[int, JsonDict, int]:
        """POST /api/v2/tickets/create_many: (status, body, retry-after seconds for a 429)."""
        with self.lock:
            tickets = payload.get("tickets") if isinstance(payload, dict) else None
            if not isinstance(tickets, list) or not tickets:
                return (
                    400,
                    {
                        "error": "InvalidParameter",
                        "description": "The request body needs a tickets array",
                    },
                    0,
                )
            if len(tickets) > BULK_LIMIT:
                return (
                    400,
                    {
                        "error": "TooManyTickets",
                        "description": "Up to 100 tickets may be created at once",
                    },
                    0,
                )
            return self._enqueue(JobKind.CREATE, list(tickets), submitter)

    def submit_update_job(
        self, ids: Sequence[int] | None, payload: object, submitter: JsonDict
    ) -> tuple[int, JsonDict, int]:
        """PUT /api/v2/tickets/update_many: the same change for `?ids=` (body `{"ticket": …}`),
        or one change per ticket (body `{"tickets": [{"id": …, …}]}`)."""
        with self.lock:
            items: list[tuple[int, JsonDict]] = []
            body = payload if isinstance(payload, dict) else {}
            if ids:
                change = body.get("ticket")
                if not isinstance(change, dict):
                    return _bad_request("The request body needs a ticket object")
                items = [(ticket_id, change) for ticket_id in ids]
            else:
                tickets = body.get("tickets")
                if not isinstance(tickets, list) or not tickets:
                    return _bad_request("Give ids= with a ticket object, or a tickets array")
                for each in tickets:
                    if not isinstance(each, dict) or not isinstance(each.get("id"), int):
                        return _bad_request("Each ticket of the tickets array needs an id")
                    items.append((int(each["id"]), {k: v for k, v in each.items() if k != "id"}))
            if len(items) > BULK_LIMIT:
                return _bad_request("Up to 100 tickets may be updated at once", "TooManyTickets")
            return self._enqueue(JobKind.UPDATE, items, submitter)

    def submit_destroy_job(
        self, ids: Sequence[int], submitter: JsonDict
    ) -> tuple[int, JsonDict, int]:
        """DELETE /api/v2/tickets/destroy_many?ids=: a job that deletes the tickets."""
        with self.lock:
            if not ids:
                return _bad_request("ids is required")
            if len(ids) > BULK_LIMIT:
                return _bad_request("Up to 100 tickets may be deleted at once", "TooManyTickets")
            return self._enqueue(JobKind.DESTROY, list(ids), submitter)

    def _enqueue(
        self, kind: str, items: list[Any], submitter: JsonDict
    ) -> tuple[int, JsonDict, int]:
        config = self._config()
        now = self._clock()
        in_flight = [job for job in self.jobs.values() if job.in_flight]
        if len(in_flight) >= config.max_queued_jobs:
            self.jobs_refused += 1
            soonest = min(self._job_eta(job, now, config) for job in in_flight)
            return (
                429,
                {
                    "error": "TooManyJobs",
                    "description": "Number of allowed queued or working jobs "
                    f"({config.max_queued_jobs}) exceeded",
                },
                max(1, math.ceil(soonest)),
            )
        job = Job(self.new_token("V3-"), items, int(submitter["id"]), now, kind)
        self.jobs[job.id] = job
        self.jobs_by_kind[kind] = self.jobs_by_kind.get(kind, 0) + 1
        self.max_jobs_in_flight = max(self.max_jobs_in_flight, len(in_flight) + 1)
        return 200, {"job_status": self.job_json(job)}, 0

    def _job_eta(self, job: Job, now: float, config: SandboxConfig) -> float:
        start = job.started if job.started is not None else job.created + config.job_start_delay_s
        return max(0.0, start + job.total * config.job_seconds_per_ticket - now)

    def job_json(self, job: Job) -> JsonDict:
        return {
            "id": job.id,
            "url": f"{self.base_url}/api/v2/job_statuses/{job.id}.json",
            "total": job.total,
            "progress": job.progress,
            "status": job.status,
            "message": job.message,
            "results": copy.deepcopy(job.results) if job.status == "completed" else None,
        }

    def job_status(self, job_id: str) -> JsonDict | None:
        with self.lock:
            self._expire_jobs()
            job = self.jobs.get(job_id)
            return None if job is None else self.job_json(job)

    def recent_jobs(self) -> list[JsonDict]:
        """GET /api/v2/job_statuses: every job Zendesk still knows, newest first."""
        with self.lock:
            self._expire_jobs()
            ordered = sorted(self.jobs.values(), key=lambda j: j.created, reverse=True)
            return [self.job_json(j) for j in ordered]

    def _expire_jobs(self) -> None:
        ttl = self._config().job_ttl_s
        now = self._clock()
        for job_id in [
            j.id for j in self.jobs.values() if j.finished is not None and now - j.finished > ttl
        ]:
            del self.jobs[job_id]

    def advance_jobs(self) -> float | None:
        """Move every job forward to the present; seconds until the next step (None: idle)."""
        with self.lock:
            config = self._config()
            now = self._clock()
            per_ticket = config.job_seconds_per_ticket
            next_due: float | None = None
            for job in self.jobs.values():
                if not job.in_flight:
                    continue
                if job.status == "queued":
                    start = job.created + config.job_start_delay_s
                    if now < start:
                        due = start - now
                        next_due = due if next_due is None else min(next_due, due)
                        continue
                    job.status, job.started, job.progress = "working", start, 0
                    job.message = "Processing"
                assert job.started is not None
                assert job.progress is not None
                target = (
                    job.total
                    if per_ticket <= 0
                    else min(job.total, int((now - job.started) / per_ticket))
                )
                submitter = self.users_by_id[job.submitter_id]
                while job.progress < target:
                    job.results.append(self._run_job_item(job, job.progress, submitter))
                    job.progress += 1
                    verb = _JOB_VERBS.get(job.kind, "Creating")
                    job.message = f"{verb} ticket #{job.progress}"
                if job.progress >= job.total:
                    job.status = "completed"
                    job.finished = now
                    job.message = "Completed at " + dt.datetime.now(dt.UTC).strftime(
                        "%a %b %d %H:%M:%S +0000 %Y"
                    )
                else:
                    due = job.started + (job.progress + 1) * per_ticket - now
                    next_due = due if next_due is None else min(next_due, due)
            return None if next_due is None else max(0.0, next_due)

    def _run_job_item(self, job: Job, index: int, submitter: JsonDict) -> JsonDict:
        """Carry out item `index` of a job; its entry of the job's `results`."""
        if job.kind == JobKind.UPDATE:
            ticket_id, change = job.payloads[index]
            status, body = self.update_ticket(ticket_id, {"ticket": change}, submitter)
            if status == 200:
                return {"id": ticket_id, "action": "update", "success": True, "status": "Updated"}
            return {
                "id": ticket_id,
                "action": "update",
                "success": False,
                "status": "Failed",
                "error": body.get("error", "RecordInvalid"),
                "details": _details_text(body),
            }
        if job.kind == JobKind.DESTROY:
            ticket_id = job.payloads[index]
            if self.delete_ticket(ticket_id):
                return {"id": ticket_id, "action": "destroy", "success": True, "status": "Deleted"}
            return {
                "id": ticket_id,
                "action": "destroy",
                "success": False,
                "status": "Failed",
                "error": "TicketNotFound",
                "details": f"Ticket {ticket_id} not found",
            }
        status, body = self._create_one(job.payloads[index], submitter)
        if status == 201:
            return {"index": index, "id": body["ticket"]["id"], "account_id": ACCOUNT_ID}
        return {
            "index": index,
            "error": body.get("error", "RecordInvalid"),
            "details": _details_text(body),
        }

    def job_counts(self) -> dict[str, int]:
        with self.lock:
            counts = {"queued": 0, "working": 0, "completed": 0}
            for job in self.jobs.values():
                counts[job.status] = counts.get(job.status, 0) + 1
            return counts

    # -- search --------------------------------------------------------------------------------

    def _user_doc(self, user: JsonDict) -> Document:
        org = self.orgs_by_id.get(user["organization_id"] or 0)
        fields = _UserFields(user, org["name"] if org else None)

        def haystack() -> str:
            # Users never change in the sandbox, so each one's free text is joined only once.
            user_id = int(user["id"])
            text = self._haystacks.get(user_id)
            if text is None:
                values = [user["name"], user["email"], user["phone"], user["external_id"]]
                values += [user["notes"], *user["tags"], fields.org_name]
                values += [v for v in user["user_fields"].values() if not isinstance(v, bool)]
                text = self._haystacks[user_id] = HAYSTACK_SEPARATOR.join(casefolded(values))
            return text

        return Document(fields, make_haystack=haystack)

    def _ticket_doc(self, ticket: JsonDict) -> Document:
        fields: dict[str, tuple[str, ...]] = {
            "status": casefolded([ticket["status"]]),
            "priority": casefolded([ticket["priority"]]),
            "ticket_type": casefolded([ticket["type"]]),
            "tags": casefolded(ticket["tags"]),
            "requester": casefolded([ticket["requester_id"]]),
            "requester_id": casefolded([ticket["requester_id"]]),
            "assignee": casefolded([ticket["assignee_id"]]),
            "assignee_id": casefolded([ticket["assignee_id"]]),
            "group": casefolded([ticket["group_id"]]),
            "group_id": casefolded([ticket["group_id"]]),
            "organization": casefolded([ticket["organization_id"]]),
            "external_id": casefolded([ticket["external_id"]]),
            "subject": casefolded([ticket["subject"]]),
            "description": casefolded([ticket["description"]]),
            "custom_status_id": casefolded([ticket["custom_status_id"]]),
            "created": casefolded([ticket["created_at"]]),
            "updated": casefolded([ticket["updated_at"]]),
        }
        fields["tag"] = fields["tags"]
        return Document(fields, fields["subject"] + fields["description"] + fields["tags"])

    def _org_doc(self, org: JsonDict) -> Document:
        fields: dict[str, tuple[str, ...]] = {
            "name": casefolded([org["name"]]),
            "tags": casefolded(org["tags"]),
            "created": casefolded([org["created_at"]]),
            "details": casefolded([org["details"]]),
            "notes": casefolded([org["notes"]]),
        }
        fields["tag"] = fields["tags"]
        for key, value in org["organization_fields"].items():
            fields[key.casefold()] = casefolded([value])
        return Document(
            fields,
            fields["name"] + fields["tags"] + casefolded(org["organization_fields"].values()),
        )

    def _ordered(self, records: list[JsonDict], query: Query) -> list[JsonDict]:
        key = query.order_by
        if key == "id":
            return sorted(records, key=lambda r: r["id"], reverse=query.descending)
        return sorted(
            records, key=lambda r: (str(r.get(key) or ""), r["id"]), reverse=query.descending
        )

    def search_user_ids(self, text: str, query: Query) -> list[int]:
        with self.lock:
            cached = self._user_search_cache.get(text)
            if cached is not None:
                self._user_search_cache.move_to_end(text)
                return cached
            matched = [u for u in self.users if query.matches(self._user_doc(u))]
            ids = [int(u["id"]) for u in self._ordered(matched, query)]
            self._user_search_cache[text] = ids
            if len(self._user_search_cache) > 64:
                self._user_search_cache.popitem(last=False)
            return ids

    def search_ticket_ids(self, query: Query) -> list[int]:
        with self.lock:
            visible_before = self._clock() - self._config().search_index_delay_s
            matched = [
                t
                for i, t in self.tickets.items()
                if self.ticket_meta[i].indexed_at <= visible_before
                and query.matches(self._ticket_doc(t))
            ]
            return [int(t["id"]) for t in self._ordered(matched, query)]

    def search_org_ids(self, query: Query) -> list[int]:
        with self.lock:
            matched = [o for o in self.data.organizations if query.matches(self._org_doc(o))]
            return [int(o["id"]) for o in self._ordered(matched, query)]

    def search(self, text: str, kinds: Sequence[str] | None = None) -> list[tuple[str, int]]:
        """(result_type, id) pairs for a query, users then tickets then organizations."""
        query = parse(text)
        wanted = set(kinds) if kinds else (query.types or {"user", "ticket", "organization"})
        results: list[tuple[str, int]] = []
        if "user" in wanted:
            results += [("user", i) for i in self.search_user_ids(text, query)]
        if "ticket" in wanted:
            results += [("ticket", i) for i in self.search_ticket_ids(query)]
        if "organization" in wanted:
            results += [("organization", i) for i in self.search_org_ids(query)]
        return results

    def result_json(self, kind: str, record_id: int) -> JsonDict | None:
        with self.lock:
            if kind == "user":
                user = self.users_by_id.get(record_id)
                return None if user is None else {**self.user_json(user), "result_type": "user"}
            if kind == "ticket":
                ticket = self.tickets.get(record_id)
                return (
                    None if ticket is None else {**copy.deepcopy(ticket), "result_type": "ticket"}
                )
            org = self.orgs_by_id.get(record_id)
            return None if org is None else {**self.org_json(org), "result_type": "organization"}

    def open_cursor(self, kind: str, ids: list[int], offset: int) -> str:
        with self.lock:
            now = self._clock()
            ttl = self._config().cursor_ttl_s
            for token in [t for t, c in self.cursors.items() if now - c.issued > ttl]:
                del self.cursors[token]
            token = self.new_token()
            self.cursors[token] = ExportCursor(kind, ids, offset, now)
            return token

    def take_cursor(self, token: str) -> ExportCursor | None:
        """The cursor for `token`, or None when unknown or expired."""
        with self.lock:
            cursor = self.cursors.get(token)
            if cursor is None:
                return None
            if self._clock() - cursor.issued > self._config().cursor_ttl_s:
                del self.cursors[token]
                return None
            return cursor

    # -- idempotency ---------------------------------------------------------------------------

    def idempotent_lookup(self, key: str, print_: str) -> IdempotencyEntry | Literal[False] | None:
        """The stored entry (same body), False (same key, other body), or None (new key)."""
        with self.lock:
            entry = self.idempotency.get(key)
            if entry is None:
                return None
            if self._clock() - entry.stored > self._config().idempotency_ttl_s:
                del self.idempotency[key]
                return None
            return entry if entry.fingerprint == print_ else False

    def idempotent_store(self, key: str, print_: str, status: int, body: JsonDict) -> None:
        with self.lock:
            self.idempotency[key] = IdempotencyEntry(
                print_, status, copy.deepcopy(body), self._clock()
            )

    # -- macros --------------------------------------------------------------------------------

    def macro_changes(self, macro: JsonDict, user: JsonDict) -> JsonDict:
        """`result` of GET /macros/{id}/apply: ticket changes and the comment, if any.

        Tags: `current_tags` → `additional_tags`, `set_tags` → `tags` (replaces),
        `remove_tags` → `remove_tags`, so the result can be sent back as a ticket update."""
        ticket: JsonDict = {}
        comment: JsonDict = {}
        custom_fields: list[JsonDict] = []
        for action in macro["actions"]:
            name, value = action["field"], action["value"]
            if name in ("status", "priority", "type"):
                ticket[name] = value
            elif name in ("group_id", "assignee_id", "custom_status_id"):
                if value == "current_user":
                    ticket[name] = user["id"]
                elif value == "current_groups":
                    ticket[name] = user.get("default_group_id")
                else:
                    ticket[name] = int(value) if str(value).isdigit() else value
            elif name == "current_tags":
                ticket["additional_tags"] = value.split()
            elif name == "set_tags":
                ticket["tags"] = value.split()
            elif name == "remove_tags":
                ticket["remove_tags"] = value.split()
            elif name.startswith("custom_fields_"):
                custom_fields.append(
                    {"id": int(name.removeprefix("custom_fields_")), "value": value}
                )
            elif name == "comment_value":
                comment["body"] = value
                comment["html_body"] = f"<p>{_escape(value)}</p>"
            elif name == "comment_value_html":
                comment["html_body"] = value
                comment["body"] = _plain_text(value)
            elif name == "comment_mode_is_public":
                comment["public"] = str(value).lower() == "true"
        if custom_fields:
            ticket["custom_fields"] = custom_fields
        result: JsonDict = {"ticket": ticket}
        if "body" in comment:
            comment.setdefault("public", True)
            comment["scoped_body"] = [["channel:all", comment["body"]]]
            result["comment"] = comment
        return result

    # -- views ---------------------------------------------------------------------------------

    def may_manage_shared_views(self, user: JsonDict) -> bool:
        if user["role"] == "admin":
            return True
        role = self.roles_by_id.get(user.get("custom_role_id") or 0)
        return role is not None and role["configuration"]["view_access"] == "full"

    def create_view(self, payload: object, user: JsonDict) -> Reply:
        with self.lock:
            view = payload.get("view") if isinstance(payload, dict) else None
            if not isinstance(view, dict):
                return 400, {
                    "error": "InvalidParameter",
                    "description": "The request body needs a view object",
                }
            restriction = view.get("restriction")
            personal = (
                isinstance(restriction, dict)
                and restriction.get("type") == "User"
                and restriction.get("id") == user["id"]
            )
            role = self.roles_by_id.get(user.get("custom_role_id") or 0)
            if not self.may_manage_shared_views(user) and not (
                personal
                and role is not None
                and role["configuration"]["view_access"] == "manage-personal"
            ):
                return 403, copy.deepcopy(FORBIDDEN)
            errors: dict[str, list[JsonDict]] = {}
            title = view.get("title")
            if not isinstance(title, str) or not title.strip():
                errors["title"] = _detail("Title: cannot be blank", "BlankValue")
            conditions_all = view.get("all") or []
            conditions_any = view.get("any") or []
            conditions = view.get("conditions")
            if isinstance(conditions, dict):
                conditions_all = conditions.get("all") or conditions_all
                conditions_any = conditions.get("any") or conditions_any
            if (
                not isinstance(conditions_all, list)
                or not isinstance(conditions_any, list)
                or any(
                    not isinstance(c, dict) or "field" not in c
                    for c in [*conditions_all, *conditions_any]
                )
            ):
                errors["conditions"] = _detail("Conditions: each needs field, operator, value")
            elif not any(c["field"] in VIEW_REQUIRED_FIELDS for c in conditions_all):
                errors["base"] = _detail(
                    "View must test for at least one of the following ticket properties in the "
                    "ALL conditions section: Status, Type, Group, Assignee, Requester",
                    "InvalidConditions",
                )
            output = view.get("output") or {}
            columns = output.get("columns") if isinstance(output, dict) else None
            if columns is not None and (
                not isinstance(columns, list) or len(columns) > MAX_VIEW_COLUMNS
            ):
                errors["columns"] = _detail(
                    f"Views can have a maximum of {MAX_VIEW_COLUMNS} columns", "TooManyColumns"
                )
            if errors:
                return record_invalid(errors)
            view_id = self._next_view_id
            self._next_view_id += 1
            now = _now_iso()
            record = {
                "id": view_id,
                "url": self.url("views", view_id),
                "title": title,
                "raw_title": title,
                "active": view.get("active", True),
                "position": view_id,
                "description": view.get("description"),
                "default": False,
                "restriction": restriction,
                "conditions": {"all": conditions_all, "any": conditions_any},
                "execution": {
                    "group_by": (output or {}).get("group_by"),
                    "sort_by": (output or {}).get("sort_by"),
                    "columns": [
                        {"id": c, "title": str(c)}
                        for c in columns or ["status", "subject", "requester", "created"]
                    ],
                },
                "created_at": now,
                "updated_at": now,
                "author_id": user["id"],
            }
            self.views[view_id] = record
            return 201, {"view": copy.deepcopy(record)}


def _key(name: str) -> Callable[[JsonDict, str | None], list[object]]:
    return lambda user, _org: [user[name]]


# The built-in user search keys; custom field keys come from `user_fields`.
_USER_KEYS: dict[str, Callable[[JsonDict, str | None], list[object]]] = {
    "name": _key("name"),
    "email": _key("email"),
    "role": _key("role"),
    "tags": lambda user, _org: list(user["tags"]),
    "tag": lambda user, _org: list(user["tags"]),
    "organization": lambda _user, org: [org],
    "created": _key("created_at"),
    "updated": _key("updated_at"),
    "phone": _key("phone"),
    "external_id": _key("external_id"),
    "notes": _key("notes"),
    "details": _key("details"),
    "is_suspended": _key("suspended"),
    "locale": _key("locale"),
}


class _UserFields(Mapping[str, tuple[str, ...]]):
    """A user's search keys, each computed when a query asks for it."""

    __slots__ = ("org_name", "user")

    def __init__(self, user: JsonDict, org_name: str | None) -> None:
        self.user = user
        self.org_name = org_name

    def __getitem__(self, key: str) -> tuple[str, ...]:
        builtin = _USER_KEYS.get(key)
        if builtin is not None:
            return casefolded(builtin(self.user, self.org_name))
        custom = self.user["user_fields"]
        if key in custom:
            return casefolded([custom[key]])
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield from _USER_KEYS
        yield from self.user["user_fields"]

    def __len__(self) -> int:
        return len(_USER_KEYS) + len(self.user["user_fields"])


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


BULK_LIMIT = 100
"""Tickets per create_many, update_many or destroy_many request."""
_JOB_VERBS = {JobKind.CREATE: "Creating", JobKind.UPDATE: "Updating", JobKind.DESTROY: "Deleting"}


def _bad_request(description: str, error: str = "InvalidParameter") -> tuple[int, JsonDict, int]:
    return 400, {"error": error, "description": description}, 0


def _details_text(body: JsonDict) -> str:
    details = body.get("details") or {}
    text = "; ".join(d["description"] for items in details.values() for d in items)
    return text or str(body.get("description", ""))
