"""Small read-only pages in the place of Zendesk's agent interface, so that the links the program
shows for the sandbox (`/agent/tickets/{id}`, `/agent/filters/{id}`) open something real in a
browser: a ticket (subject, requester, the comment as sent, tags, status) and a view (its tickets).

They need no sign-in — a browser opening a link has none, and the sandbox listens on 127.0.0.1
only — and they change nothing. Everything shown is escaped: names and ticket text come from the
sandbox's data and from campaigns, and must never become markup here. The comment's HTML body is
shown as the text it is (escaped), beside the plain body, so the page shows exactly what was sent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

JsonDict = dict[str, Any]

TICKET_PAGE: Final = re.compile(r"/agent/tickets/(?P<id>\d+)\Z")
VIEW_PAGE: Final = re.compile(r"/agent/filters/(?P<id>\d+)\Z")

# Zendesk's status order, for a view's "less_than" condition.
_STATUS_ORDER: Final = ("new", "open", "pending", "hold", "solved", "closed")

_STYLE: Final = (
    "body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:52em;padding:0 1em;"
    "color:#1f2933}h1{font-size:1.4em}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #d9e2ec;vertical-align:top}"
    "pre{white-space:pre-wrap;background:#f5f7fa;padding:.8em;border-radius:4px}"
    ".tag{display:inline-block;background:#e4e7eb;border-radius:3px;padding:0 .4em;margin:0 .2em}"
    ".note{color:#52606d;font-size:.9em}"
)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · sandbox</title><style>{_STYLE}</style></head><body>"
        f'{body}<p class="note">Sandbox: a practice Zendesk on this computer. This page is '
        "read-only.</p></body></html>"
    )


def _person(user: Mapping[str, Any] | None) -> str:
    if user is None:
        return "(unknown user)"
    name = html.escape(str(user.get("name") or ""))
    email = html.escape(str(user.get("email") or ""))
    return f"{name} &lt;{email}&gt;"


def _tags(tags: list[str]) -> str:
    return " ".join(f'<span class="tag">{html.escape(tag)}</span>' for tag in tags) or "—"


def ticket_page(
    ticket: Mapping[str, Any], comments: list[JsonDict], requester: JsonDict | None
) -> str:
    first = comments[0] if comments else {}
    rows = [
        ("Status", html.escape(str(ticket.get("status") or ""))),
        ("Requester", _person(requester)),
        ("Tags", _tags(list(ticket.get("tags") or []))),
        ("Created", html.escape(str(ticket.get("created_at") or ""))),
    ]
    table = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    kind = "public reply" if first.get("public", True) else "internal note"
    comment_parts = [
        f"<h2>The comment as sent ({kind})</h2>",
        f"<pre>{html.escape(str(first.get('body') or ''))}</pre>",
    ]
    if first.get("html_body"):
        comment_parts.append(f"<h3>Its HTML</h3><pre>{html.escape(str(first['html_body']))}</pre>")
    later = len(comments) - 1
    if later > 0:
        comment_parts.append(f'<p class="note">{later} later comment(s) on this ticket.</p>')
        for comment in comments[1:]:
            visibility = "public reply" if comment.get("public", True) else "internal note"
            text = html.escape(str(comment.get("body") or ""))
            comment_parts.append(f"<h3>Later: {visibility}</h3><pre>{text}</pre>")
    subject = str(ticket.get("subject") or "")
    body = f"<h1>#{int(ticket['id'])} {html.escape(subject)}</h1><table>{table}</table>" + "".join(
        comment_parts
    )
    return _page(f"#{int(ticket['id'])} {subject}", body)


def _condition_holds(ticket: Mapping[str, Any], condition: Mapping[str, Any]) -> bool:
    field = condition.get("field")
    operator = condition.get("operator")
    value = condition.get("value")
    if field == "current_tags":
        wanted = set(str(value or "").split())
        present = set(ticket.get("tags") or [])
        return bool(wanted & present) if operator == "includes" else not (wanted & present)
    if field == "status":
        status = str(ticket.get("status"))
        if operator == "less_than" and value in _STATUS_ORDER and status in _STATUS_ORDER:
            return _STATUS_ORDER.index(status) < _STATUS_ORDER.index(str(value))
        if operator == "greater_than" and value in _STATUS_ORDER and status in _STATUS_ORDER:
            return _STATUS_ORDER.index(status) > _STATUS_ORDER.index(str(value))
        return (status == value) == (operator != "is_not")
    current = ticket.get(str(field))
    if operator == "is_not":
        return str(current) != str(value)
    return str(current) == str(value)


def view_matches(view: Mapping[str, Any], ticket: Mapping[str, Any]) -> bool:
    """Whether `ticket` is in the view: every `all` condition holds, and one `any` if there are."""
    conditions = view.get("conditions") or {}
    every = list(conditions.get("all") or [])
    some = list(conditions.get("any") or [])
    return all(_condition_holds(ticket, c) for c in every) and (
        not some or any(_condition_holds(ticket, c) for c in some)
    )


def view_page(
    view: Mapping[str, Any],
    tickets: list[JsonDict],
    requester_of: Callable[[int], JsonDict | None],
) -> str:
    title = str(view.get("title") or "")
    rows = "".join(
        f'<tr><td><a href="/agent/tickets/{int(t["id"])}">#{int(t["id"])}</a></td>'
        f"<td>{html.escape(str(t.get('subject') or ''))}</td>"
        f"<td>{_person(requester_of(int(t['requester_id'])))}</td>"
        f"<td>{html.escape(str(t.get('status') or ''))}</td></tr>"
        for t in tickets
    )
    body = (
        f"<h1>{html.escape(title)}</h1><p>{len(tickets)} ticket(s)</p>"
        "<table><tr><th>Ticket</th><th>Subject</th><th>Requester</th><th>Status</th></tr>"
        f"{rows}</table>"
    )
    return _page(title, body)


def deleted_ticket_page(deleted: Mapping[str, Any]) -> str:
    """A deleted ticket: what it was, and that Zendesk keeps it recoverable for 30 days."""
    ticket_id = int(deleted["id"])
    subject = html.escape(str(deleted.get("subject") or ""))
    when = html.escape(str(deleted.get("deleted_at") or ""))
    body = (
        f"<h1>#{ticket_id} {subject}</h1><p>This ticket was deleted ({when}). Zendesk keeps "
        "deleted tickets recoverable for 30 days (Admin Center → Deleted tickets).</p>"
        f"<table><tr><th>Tags</th><td>{_tags(list(deleted.get('tags') or []))}</td></tr></table>"
    )
    return _page(f"#{ticket_id} (deleted)", body)


def not_found_page(what: str) -> str:
    return _page("Not found", f"<h1>Not found</h1><p>There is no {html.escape(what)} here.</p>")
