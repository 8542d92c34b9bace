"""The ticket body sent for one customer, the macro merge, and the per-customer identities.

Everything here is a pure function of the campaign definition, the macro's changes and the
customer, so the engine can compute a body once, freeze it in the journal and send the very same
bytes on any resume (an Idempotency-Key repeated with a different body is refused by Zendesk).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any, Final

from proactive_desktop.core.models import TicketSpec, campaign_tag

EXTERNAL_ID_PREFIX: Final = "proactive-desktop"

PROACTIVE_TAG: Final = "proactive_campaign"
"""On every ticket of every campaign: one tag for the admin's triggers, views and reports on all
proactive tickets, and what `skip_contacted_within_days` looks for in the account."""

TEST_TICKET_TAG: Final = "proactive_campaign_test"
"""On a test ticket instead of the campaign's tags: it is in no view, report or count of the
campaign, and the frequency rule does not see it."""

# Ticket fields a macro may set that the campaign also sets: the macro wins, as when an agent
# applies it (CLI.md "Macro"). Anything else the macro sets is passed through unchanged.
_MERGED_BY_ID: Final = ("custom_fields", "fields")
_NEVER_FROM_MACRO: Final = frozenset(
    {"id", "requester_id", "requester", "submitter_id", "external_id", "comment", "via"}
)


def campaign_key(tag: str) -> str:
    """A short stable token for the campaign, derived from its tag alone.

    Deterministic, so another computer (or a journal restored from backup) derives the same
    external ids and can reconcile against the account.
    """
    return hashlib.sha256(tag.encode("utf-8")).hexdigest()[:16]


def external_id(tag: str, user_id: int) -> str:
    """The ticket's `external_id` for (campaign, customer): how reconciliation finds it."""
    return f"{EXTERNAL_ID_PREFIX}:{campaign_key(tag)}:{user_id}"


def campaign_tag_of(external: str | None, tags: Sequence[str]) -> str | None:
    """Which of a ticket's tags is its campaign's, read from its external id; None for a
    ticket this program did not create (or whose campaign tag was removed)."""
    if not external:
        return None
    parts = external.split(":")
    if len(parts) != 3 or parts[0] != EXTERNAL_ID_PREFIX:
        return None
    key = parts[1]
    return next((each for each in tags if campaign_key(each) == key), None)


def idempotency_key(tag: str, user_id: int) -> str:
    """The `Idempotency-Key` of the customer's single POST (stable per campaign and customer)."""
    return f"{EXTERNAL_ID_PREFIX}-{campaign_key(tag)}-{user_id}"


def new_customer_key(email: str) -> str:
    """A stable token for a customer known only by email (created with the ticket)."""
    return hashlib.sha256(email.strip().casefold().encode("utf-8")).hexdigest()[:16]


def new_customer_external_id(tag: str, email: str) -> str:
    """The `external_id` of a new customer's ticket: found again by it when the answer was
    lost, since there is no user id to look for until the ticket has created the user."""
    return f"{EXTERNAL_ID_PREFIX}:{campaign_key(tag)}:new-{new_customer_key(email)}"


def new_customer_idempotency_key(tag: str, email: str) -> str:
    return f"{EXTERNAL_ID_PREFIX}-{campaign_key(tag)}-new-{new_customer_key(email)}"


RESERVED_TAGS: Final = frozenset({PROACTIVE_TAG, TEST_TICKET_TAG})
"""Tags no campaign name may make: they mark every campaign's tickets, or a test ticket."""


def ticket_tags(ticket: TicketSpec, tag: str) -> list[str]:
    """The campaign tag first, the shared proactive tag, then the extra tags normalised like
    them, without duplicates."""
    tags = [tag, PROACTIVE_TAG] if tag != PROACTIVE_TAG else [tag]
    for extra in ticket.tags:
        normalised = campaign_tag(extra)
        if normalised and normalised not in tags:
            tags.append(normalised)
    return tags


def base_ticket(
    ticket: TicketSpec,
    *,
    tag: str,
    user_id: int | None,
    subject: str,
    html_body: str,
    new_requester: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The campaign's own fields for one customer (before the macro).

    A customer not yet in Zendesk (`user_id` None) is named inline by `new_requester`
    ({"email", "name"}): Zendesk finds the user with that email or creates them.
    """
    if user_id is not None:
        requester: dict[str, Any] = {"requester_id": user_id}
        ticket_external_id = external_id(tag, user_id)
    elif new_requester is not None and new_requester.get("email"):
        requester = {"requester": dict(new_requester)}
        ticket_external_id = new_customer_external_id(tag, new_requester["email"])
    else:
        raise ValueError("a ticket needs a requester id or a new requester's email")
    body: dict[str, Any] = {
        "subject": subject,
        "comment": {"html_body": html_body, "public": ticket.public},
        **requester,
        "status": ticket.status.value,
        "tags": ticket_tags(ticket, tag),
        "external_id": ticket_external_id,
    }
    if ticket.custom_status_id is not None:
        body["custom_status_id"] = ticket.custom_status_id
    if ticket.priority is not None:
        body["priority"] = ticket.priority.value
    if ticket.type is not None:
        body["type"] = ticket.type.value
    if ticket.group_id is not None:
        body["group_id"] = ticket.group_id
    if ticket.assignee_id is not None:
        body["assignee_id"] = ticket.assignee_id
    return body


def merge_macro(body: Mapping[str, Any], macro_ticket: Mapping[str, Any]) -> dict[str, Any]:
    """The ticket after the macro's field changes: the macro wins, tags are only ever added.

    `/macros/{id}/apply` reports tag actions as `tags` (set), `additional_tags` (add) and
    `remove_tags`; all of them add to the campaign's tags except removals, which may drop an
    extra tag but never the campaign tag or the shared proactive tag.
    """
    merged = dict(body)
    tags = list(merged.get("tags") or [])
    # Neither the campaign tag (how the campaign finds its tickets) nor the shared tag (how
    # the frequency rule finds them from any computer) may be removed.
    kept = {tags[0], PROACTIVE_TAG} if tags else set()
    for key, value in macro_ticket.items():
        if key in _NEVER_FROM_MACRO or value is None:
            continue
        if key in ("tags", "additional_tags"):
            for each in _as_list(value):
                if isinstance(each, str) and each and each not in tags:
                    tags.append(each)
        elif key == "remove_tags":
            removed = {each for each in _as_list(value) if each not in kept}
            tags = [each for each in tags if each not in removed]
        elif key in _MERGED_BY_ID:
            merged[key] = _merge_by_id(merged.get(key), value)
        else:
            merged[key] = value
    if tags:
        merged["tags"] = tags
    if "custom_status_id" in macro_ticket and "status" not in macro_ticket:
        # A custom status implies its own category; a campaign status would contradict it.
        merged.pop("status", None)
    elif "status" in macro_ticket and "custom_status_id" not in macro_ticket:
        merged.pop("custom_status_id", None)
    return merged


def macro_comment(comment: Mapping[str, Any] | None, *, public: bool) -> dict[str, Any] | None:
    """The comment a macro adds, for an update after creation; None when it adds none.

    It keeps the macro's own visibility, else the campaign's `public` (CLI.md "Macro").
    """
    if not comment:
        return None
    text_keys = [key for key in ("html_body", "body") if comment.get(key)]
    if not text_keys:
        return None
    result: dict[str, Any] = {text_keys[0]: comment[text_keys[0]]}
    visibility = comment.get("public")
    result["public"] = visibility if isinstance(visibility, bool) else public
    return result


def comment_fits_first(comment: Mapping[str, Any] | None, *, public: bool) -> bool:
    """Whether the macro's comment can go into the ticket's first comment at creation.

    It can when it has the campaign comment's visibility (both public replies, or both
    internal notes): applying a macro while composing does the same in Zendesk, and it spares
    one update per ticket (Zendesk allows 100 a minute). Only an internal note on a public
    ticket, or a public reply on an internal one, needs its own comment after creation.
    """
    return comment is not None and comment.get("public") is public


def merge_first_comment(body: Mapping[str, Any], comment: Mapping[str, Any]) -> dict[str, Any]:
    """The ticket with the macro's comment text added after the campaign's, in one comment."""
    merged = dict(body)
    first = dict(merged.get("comment") or {})
    merged["comment"] = first
    first["html_body"] = str(first.get("html_body") or "") + comment_html(comment)
    return merged


def comment_html(comment: Mapping[str, Any]) -> str:
    """A macro comment as HTML: its own HTML, or its plain text escaped, line breaks kept."""
    if comment.get("html_body"):
        return str(comment["html_body"])
    text = html.escape(str(comment.get("body") or ""))
    return "<p>" + text.replace("\n", "<br>") + "</p>"


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, Sequence):
        return list(value)
    return [value]


def _merge_by_id(ours: Any, theirs: Any) -> list[Any]:
    merged: dict[Any, Any] = {}
    for item in (ours if isinstance(ours, list) else []) + (
        theirs if isinstance(theirs, list) else []
    ):
        if isinstance(item, Mapping) and "id" in item:
            merged[item["id"]] = dict(item)
    return list(merged.values())
