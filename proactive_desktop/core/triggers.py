"""Which of the account's triggers will act on the campaign's new tickets — the pre-flight check.

Tickets created through the API run the account's triggers like any other new ticket (see
docs/ZENDESK.md, "Business rules"): a standard "Notify requester of new proactive ticket"
trigger emails every customer the public comment, others send surveys or auto-replies, route or
re-prioritise.
The admin should know before sending. `check_triggers` evaluates each active trigger's conditions
against the tickets exactly as they will be created:

- what the program decides itself — created (not changed), status, priority, type, group,
  assignee, tags, public reply or internal note, created through the API, by which role, the
  requester not being the agent — is evaluated for certain;
- the subject and comment words are evaluated on every customer's rendered ticket (a condition
  true for some customers and not for others makes the trigger "may act");
- anything else (the requester's or organization's fields, SLAs, schedules, …) cannot be known
  before the ticket exists: such a condition makes the trigger "may act", naming the field.

A trigger whose conditions are certainly false for every ticket is left out. Nothing here talks
to Zendesk: the engine passes the triggers the client read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from proactive_desktop.core.zendesk.types import Trigger

VIA_API: Final = 5
"""Zendesk's via id for "Web service (API)": how every campaign ticket arrives."""

_STATUS_ORDER: Final = {
    "new": 0,
    "open": 1,
    "pending": 2,
    "hold": 3,
    "solved": 4,
    "closed": 5,
}
_PRIORITY_ORDER: Final = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
_REQUESTER_MAILS: Final = frozenset({"requester_id", "requester_and_ccs"})
"""`notification_user` recipients that are the ticket's requester (the customer)."""
_PER_TICKET_FIELDS: Final = frozenset(
    {"subject_includes_word", "comment_includes_word", "requester_id"}
)
"""Conditions whose answer depends on the customer: evaluated on every ticket."""
_TAGS_IN_HTML: Final = re.compile(r"<[^>]+>")

Answer = bool | None
"""True or False when certain, None when it cannot be known before the ticket exists."""


class TriggerEffect(StrEnum):
    WILL = "will"
    MAY = "may"


@dataclass(frozen=True, slots=True)
class TriggerFinding:
    """A trigger that will or may act on the campaign's tickets."""

    id: int
    title: str
    acts: TriggerEffect
    emails_requester: bool
    """One of its actions emails the ticket's requester: the customer gets that email."""
    undecided: tuple[str, ...] = ()
    """The condition fields that could not be decided (why it only "may" act)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "acts": self.acts.value,
            "emails_requester": self.emails_requester,
            "undecided": list(self.undecided),
        }


@dataclass(frozen=True, slots=True)
class Creator:
    """Who creates the tickets: the signed-in agent."""

    user_id: int | None
    role: str
    """`admin` or `agent` (Zendesk's `role`)."""


def check_triggers(
    triggers: Sequence[Trigger],
    tickets: Sequence[Mapping[str, Any]],
    creator: Creator,
) -> tuple[TriggerFinding, ...]:
    """The triggers that will or may act on `tickets` (the exact bodies to be created), in
    the account's order. No tickets: nothing acts."""
    if not tickets:
        return ()
    findings: list[TriggerFinding] = []
    for trigger in triggers:
        undecided: list[str] = []

        def answer(condition: Mapping[str, Any], undecided: list[str] = undecided) -> Answer:
            result = _answer_for_all(condition, tickets, creator)
            if result is None:
                name = str(condition.get("field") or "?")
                if name not in undecided:
                    undecided.append(name)
            return result

        every = _all_of([answer(each) for each in trigger.all_conditions])
        some = _any_of([answer(each) for each in trigger.any_conditions])
        outcome = _all_of([every, some])
        if outcome is False:
            continue
        findings.append(
            TriggerFinding(
                id=trigger.id,
                title=trigger.title,
                acts=TriggerEffect.WILL if outcome else TriggerEffect.MAY,
                emails_requester=emails_requester(trigger),
                undecided=() if outcome else tuple(undecided),
            )
        )
    return tuple(findings)


def emails_requester(trigger: Trigger) -> bool:
    for action in trigger.actions:
        if action.get("field") != "notification_user":
            continue
        value = action.get("value")
        recipient = value[0] if isinstance(value, list) and value else value
        if isinstance(recipient, str) and recipient in _REQUESTER_MAILS:
            return True
    return False


# -- three-valued logic -------------------------------------------------------------------------


def _all_of(answers: Sequence[Answer]) -> Answer:
    if any(each is False for each in answers):
        return False
    return True if all(each is True for each in answers) else None


def _any_of(answers: Sequence[Answer]) -> Answer:
    if not answers:
        return True  # Zendesk: an empty "any" list does not restrict
    if any(each is True for each in answers):
        return True
    return False if all(each is False for each in answers) else None


def _answer_for_all(
    condition: Mapping[str, Any], tickets: Sequence[Mapping[str, Any]], creator: Creator
) -> Answer:
    """The condition's answer for every ticket: certain only when it is the same for all."""
    evaluate = _EVALUATORS.get(str(condition.get("field") or ""))
    if evaluate is None:
        return None
    operator = str(condition.get("operator") or "is")
    value = condition.get("value")
    field_name = str(condition.get("field"))
    sample = tickets if field_name in _PER_TICKET_FIELDS else tickets[:1]
    answers = {evaluate(ticket, operator, value, creator) for ticket in sample}
    if len(answers) != 1:
        return None
    return answers.pop()


# -- the conditions the program can decide ------------------------------------------------------

Evaluator = Callable[[Mapping[str, Any], str, Any, Creator], Answer]


def _equality(actual: object, operator: str, expected: object) -> Answer:
    if operator == "is":
        return actual == expected
    if operator == "is_not":
        return actual != expected
    return None


def _ordered(order: Mapping[str, int]) -> Callable[[object, str, object], Answer]:
    def compare(actual: object, operator: str, expected: object) -> Answer:
        if operator in ("is", "is_not"):
            return _equality(actual, operator, expected)
        left, right = order.get(str(actual)), order.get(str(expected))
        if left is None or right is None:
            return None
        if operator == "less_than":
            return left < right
        if operator == "greater_than":
            return left > right
        return None  # changed, changed to/from: what a new ticket counts as is not certain

    return compare


_compare_status = _ordered(_STATUS_ORDER)
_compare_priority = _ordered(_PRIORITY_ORDER)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _update_type(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    return _equality("Create", operator, _text(value).capitalize())


def _status(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    status = ticket.get("status")
    if status is None:
        return None  # a custom status alone: its category is the account's
    return _compare_status(status, operator, _text(value))


def _priority(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    return _compare_priority(_text(ticket.get("priority")), operator, _text(value))


def _ticket_type(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    return _equality(_text(ticket.get("type")), operator, _text(value))


def _identifier(key: str) -> Evaluator:
    def evaluate(ticket: Mapping[str, Any], operator: str, value: Any, creator: Creator) -> Answer:
        expected = _text(value)
        if expected == "current_user":
            if creator.user_id is None:
                return None
            expected = str(creator.user_id)
        return _equality(_text(ticket.get(key)), operator, expected)

    return evaluate


def _tags(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    tags = {str(each) for each in ticket.get("tags") or ()}
    wanted = set(_text(value).split())
    if operator == "includes":
        return bool(tags & wanted)
    if operator == "not_includes":
        return not tags & wanted
    return None


def _comment(ticket: Mapping[str, Any]) -> Mapping[str, Any]:
    comment = ticket.get("comment")
    return comment if isinstance(comment, Mapping) else {}


def _comment_is_public(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    wanted = _text(value)
    if wanted == "not_relevant":
        return True
    public = _comment(ticket).get("public") is not False
    if wanted == "requester_can_see_comment":
        actual = public
    elif wanted in ("true", "false"):
        actual = public == (wanted == "true")
    else:
        return None
    return actual if operator == "is" else (not actual if operator == "is_not" else None)


def _ticket_is_public(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    public = _comment(ticket).get("public") is not False
    return _equality("public" if public else "private", operator, _text(value))


def _via(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
    try:
        expected = int(_text(value))
    except ValueError:
        return None
    return _equality(VIA_API, operator, expected)


def _role(ticket: Mapping[str, Any], operator: str, value: Any, creator: Creator) -> Answer:
    return _equality(creator.role, operator, _text(value))


def _requester(ticket: Mapping[str, Any], operator: str, value: Any, creator: Creator) -> Answer:
    requester = ticket.get("requester_id")
    expected = _text(value)
    if expected == "current_user":
        if creator.user_id is None or requester is None:
            return None
        return _equality(str(requester), operator, str(creator.user_id))
    if requester is None:
        return None  # named inline (a new customer): Zendesk assigns the id
    return _equality(str(requester), operator, expected)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"\w+", text)}


def _includes_words(key: Callable[[Mapping[str, Any]], str]) -> Evaluator:
    def evaluate(ticket: Mapping[str, Any], operator: str, value: Any, _c: Creator) -> Answer:
        wanted = _words(_text(value))
        if not wanted:
            return None
        present = _words(key(ticket))
        if operator == "includes":
            return bool(present & wanted)
        if operator == "not_includes":
            return not present & wanted
        if operator == "is":
            return wanted <= present
        if operator == "is_not":
            return not wanted <= present
        return None

    return evaluate


def _comment_text(ticket: Mapping[str, Any]) -> str:
    comment = _comment(ticket)
    html = comment.get("html_body")
    if isinstance(html, str):
        return _TAGS_IN_HTML.sub(" ", html)
    return _text(comment.get("body"))


_EVALUATORS: Final[Mapping[str, Evaluator]] = {
    "update_type": _update_type,
    "status": _status,
    "priority": _priority,
    "type": _ticket_type,
    "ticket_type_id": _ticket_type,
    "group_id": _identifier("group_id"),
    "assignee_id": _identifier("assignee_id"),
    "current_tags": _tags,
    "comment_is_public": _comment_is_public,
    "ticket_is_public": _ticket_is_public,
    "via_id": _via,
    "current_via_id": _via,
    "role": _role,
    "requester_id": _requester,
    "subject_includes_word": _includes_words(lambda ticket: _text(ticket.get("subject"))),
    "comment_includes_word": _includes_words(_comment_text),
}
