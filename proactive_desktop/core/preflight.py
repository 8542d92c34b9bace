"""Everything the campaign's tickets will be, in one place, for the last look before sending.

Preview (and the dry run's text) shows it next to the rendered ticket: a user who changed a combo
box by accident, or forgot that a macro moves every ticket to another group, sees it here. The
values are read off the exact ticket bodies the plan will send — after the macro — so they cannot
disagree with what is sent; names come from the account (the group, the assignee, the macro).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from proactive_desktop.core.engine import CampaignPlan
from proactive_desktop.core.recipients import SKIP_CONTACTED
from proactive_desktop.core.zendesk.client import ZendeskClient

_MACRO_FIELDS: Final = ("status", "custom_status_id", "priority", "type", "group_id", "assignee_id")
"""Fields a macro may change that the campaign also sets: listed when the macro changed them."""


@dataclass(frozen=True, slots=True)
class TicketProperties:
    """What every ticket of the campaign will be (besides its rendered subject and comment)."""

    status: str | None
    """new, open, pending, hold or solved; None when a custom status alone decides."""
    custom_status: str | None
    priority: str | None
    ticket_type: str | None
    group: str | None
    assignee: str | None
    public: bool
    """A public reply (the customer is emailed) or an internal note."""
    tags: tuple[str, ...]
    macro: str | None
    """The macro's title (None: no macro)."""
    macro_changes: tuple[str, ...]
    """The fields the macro changes (`group_id`, `tags`, `comment`, …)."""
    creates_view: bool
    skip_contacted_within_days: int | None
    contacted_skips: int
    """Customers the frequency rule skips."""


def describe_tickets(plan: CampaignPlan, client: ZendeskClient) -> TicketProperties | None:
    """The campaign's ticket properties (names looked up in the account); None when no
    customer would get a ticket."""
    ticket = next((each.ticket for each in plan.recipients if each.ticket is not None), None)
    if ticket is None:
        return None
    spec = plan.spec.ticket
    group_id = _int(ticket.get("group_id"))
    assignee_id = _int(ticket.get("assignee_id"))
    custom_status_id = _int(ticket.get("custom_status_id"))
    macro_title: str | None = None
    if spec.macro_id is not None:
        macro_title = next(
            (macro.title for macro in client.macros() if macro.id == spec.macro_id),
            f"#{spec.macro_id}",
        )
    comment = ticket.get("comment")
    public = not (isinstance(comment, Mapping) and comment.get("public") is False)
    return TicketProperties(
        status=_text(ticket.get("status")),
        custom_status=_custom_status_label(client, custom_status_id),
        priority=_text(ticket.get("priority")),
        ticket_type=_text(ticket.get("type")),
        group=_group_name(client, group_id),
        assignee=_assignee_name(client, assignee_id),
        public=public,
        tags=tuple(str(each) for each in ticket.get("tags") or ()),
        macro=macro_title,
        macro_changes=_macro_changes(plan, ticket) if spec.macro_id is not None else (),
        creates_view=plan.spec.view.create,
        skip_contacted_within_days=plan.spec.recipients.skip_contacted_within_days,
        contacted_skips=sum(
            1
            for each in plan.recipients
            if each.skip_message is not None and each.skip_message.source == SKIP_CONTACTED
        ),
    )


def _macro_changes(plan: CampaignPlan, ticket: Mapping[str, Any]) -> tuple[str, ...]:
    spec = plan.spec.ticket
    own: Mapping[str, Any] = {
        "status": spec.status.value,
        "custom_status_id": spec.custom_status_id,
        "priority": spec.priority.value if spec.priority else None,
        "type": spec.type.value if spec.type else None,
        "group_id": spec.group_id,
        "assignee_id": spec.assignee_id,
    }
    changed = [key for key in _MACRO_FIELDS if ticket.get(key) != own[key]]
    base_tag_count = 2 + len(spec.tags)  # the campaign tag, the shared tag, the extra tags
    if len(ticket.get("tags") or ()) != base_tag_count:
        changed.append("tags")
    if any(key not in own and key not in _BASE_KEYS for key in ticket):
        changed.append("custom_fields")
    if plan.followup is not None:
        changed.append("comment")
    return tuple(changed)


_BASE_KEYS: Final = frozenset(
    {"subject", "comment", "requester_id", "requester", "tags", "external_id"}
)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _group_name(client: ZendeskClient, group_id: int | None) -> str | None:
    if group_id is None:
        return None
    return next((group.name for group in client.groups() if group.id == group_id), f"#{group_id}")


def _assignee_name(client: ZendeskClient, assignee_id: int | None) -> str | None:
    if assignee_id is None:
        return None
    users = client.show_many_users([assignee_id])
    return users[0].name if users else f"#{assignee_id}"


def _custom_status_label(client: ZendeskClient, status_id: int | None) -> str | None:
    if status_id is None:
        return None
    return next(
        (status.agent_label for status in client.custom_statuses() if status.id == status_id),
        f"#{status_id}",
    )
