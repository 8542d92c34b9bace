"""Ticket rendering: placeholders, Markdown → HTML, sanitising and escaping of customer values.

`compile_ticket` checks a ticket's subject and body once against the account's field definitions
(an unknown placeholder is bad input) and prepares everything that does not depend on the
customer; `TicketTemplate.render` then fills in one customer's values. Values are always inserted
as text, never as markup (CLI.md "Placeholders"); the body is reduced to what a Zendesk comment
can show. This module does no I/O.

How the body is prepared, and why one sanitising pass is enough
----------------------------------------------------------------
Each placeholder in the body is replaced by an inert token (ASCII letters and digits only, with a
random part that does not occur in the source) *before* Markdown rendering and sanitising. Letters
and digits mean nothing to Markdown nor to HTML, so the token passes both unchanged and stands
wherever the customer's value would have stood as text. The sanitised HTML is kept; per customer
only the tokens are replaced by the escaped value (`escape_text`). An escaped value contains no
`<`, `>` or `&`, so in text content it cannot open or close a tag nor start an entity: the
structure of the already-sanitised HTML cannot change, and it stays sanitised (the tests check
that sanitising a rendered body again changes nothing). The one place where an escaped value is
still meaningful is *inside* an attribute (a link's address written as
`[x]({{user.user_fields.site}})`): there the value decides the URL's scheme. Templates with a
token inside an attribute therefore substitute (escaping quotes too) and then sanitise per
customer (`TicketTemplate.sanitises_per_customer`); every other template sanitises once.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Final, Literal

import nh3
from markdown_it import MarkdownIt

from proactive_desktop.core.csv_list import column_key
from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.models import (
    BodyFormat,
    Customer,
    Organization,
    TicketSpec,
    UserField,
)

# -- placeholder syntax -------------------------------------------------------------------------

_OPEN: Final = "{{"
_PLACEHOLDER: Final = re.compile(
    r"""\{\{\s*
        (?P<path>row\.[^|{}]*?[^\s|{}]|[^\s|{}]+)
        \s*
        (?:\|\s*default\s*:\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')\s*)?
        \}\}""",
    re.VERBOSE,
)
_FIELD_KEY: Final = re.compile(r"^[A-Za-z0-9_\-]+$")

USER_PROPERTIES: Final = ("name", "first_name", "last_name", "email", "id")
"""The built-in `user.*` placeholders (besides `user.user_fields.KEY`)."""
ORGANIZATION_PROPERTIES: Final = ("name",)

_LINE_BREAKS: Final = re.compile(r"\s*[\r\n\v\f\u0085\u2028\u2029]+\s*")

# -- what a Zendesk comment can show --------------------------------------------------------------

ALLOWED_TAGS: Final = frozenset(
    {
        "p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li",
        "blockquote", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final[dict[str, set[str]]] = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "ol": {"start"},
    # Markdown tables align columns with style="text-align: …"; only that property is kept.
    "th": {"style"},
    "td": {"style"},
}
LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES: Final = ("http://", "https://")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3's url_schemes apply to href and src alike; an image may only come from the web.
    if tag == "img" and attribute == "src" and not value.lower().startswith(IMAGE_SCHEMES):
        return None
    return value


def _cleaner(url_relative: Literal["pass_through", "deny"]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=set(LINK_SCHEMES),
        url_relative=url_relative,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A relative link means nothing in an email or in the agent's view of a ticket.
_CLEANER: Final = _cleaner("deny")
# Only for finding tokens in attributes: a lone token in href="…" looks like a relative URL.
_TOKEN_FINDING_CLEANER: Final = _cleaner("pass_through")


def sanitise_html(fragment: str) -> str:
    """Reduce HTML to what a Zendesk comment can show: no script, no handlers, no js: links."""
    return str(_CLEANER.clean(fragment))


def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off: `<b>` typed in a Markdown body is shown as text, as the
    # Compose page's preview promises. Tables and strikethrough are built into markdown-it.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


_MARKDOWN: Final = _markdown()


def markdown_to_html(text: str) -> str:
    return str(_MARKDOWN.render(text))


_NEWLINES: Final = re.compile(r"\r\n?")


def escape_text(value: str) -> str:
    """A value as HTML text content, spelled as the sanitiser spells text.

    `&`, `<`, `>` (and a no-break space) become entities, carriage returns become newlines and NUL
    is dropped, just as the HTML parser would do; so sanitising the result again is a no-op.
    """
    # Membership tests first: most values need none of these, and `in` is far cheaper.
    if "\r" in value:
        value = _NEWLINES.sub("\n", value)
    if "\x00" in value:
        value = value.replace("\x00", "")
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\xa0" in value:
        value = value.replace("\xa0", "&nbsp;")
    return value


def _escape_attribute(value: str) -> str:
    return html.escape(_NEWLINES.sub("\n", value).replace("\x00", ""), quote=True)


# -- results --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rendered:
    """One customer's ticket: a plain-text subject and the sanitised HTML comment body."""

    subject: str
    html_body: str


@dataclass(frozen=True, slots=True)
class Skip:
    """This customer gets no ticket. `reason` is the English text of the CLI's JSON and the
    journal; `message` is the same sentence for translation where it is shown."""

    reason: str
    message: Message = field(compare=False)


REASONS: Final = "Reasons"
"""Translation context of skip reasons (the same as core.recipients' reasons)."""
MISSING_VALUE: Final = QT_TRANSLATE_NOOP("Reasons", "missing value for {placeholder}")


def missing_value(placeholder: str) -> Skip:
    message = Message(REASONS, MISSING_VALUE, {"placeholder": placeholder})
    return Skip(message.english(), message)


# -- placeholders ---------------------------------------------------------------------------------


Row = Mapping[str, str]
"""A customer's CSV cells by column name (trimmed, case-folded)."""

_Getter = Callable[[Customer, Organization | None, Row | None], Any]


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder as written: `path` is `user.user_fields.plan`, `default` the fallback."""

    path: str
    default: str | None
    options: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    """A drop-down field's option values → the names customers read."""
    getter: _Getter = field(default=lambda customer, organization, row: None, compare=False,
                            hash=False, repr=False)  # fmt: skip
    """Reads the raw value; chosen once at compile time, so rendering does no parsing."""

    @property
    def text(self) -> str:
        """The canonical spelling (without default), as used in skip reasons."""
        return "{{" + self.path + "}}"

    def value(
        self, customer: Customer, organization: Organization | None, row: Row | None = None
    ) -> str | None:
        """The text this placeholder stands for, or None when the customer has no value."""
        raw = self.getter(customer, organization, row)
        if raw.__class__ is str:
            text: str | None = self.options.get(raw, raw) if self.options else raw
        else:
            text = _as_text(raw, self.options)
        if not text or text.isspace():
            return self.default
        return text


def _getter_for(path: str) -> _Getter:
    scope, _, rest = path.partition(".")
    if scope == "row":
        column = column_key(rest)
        return lambda customer, organization, row: row.get(column) if row else None
    if scope == "user":
        simple: dict[str, _Getter] = {
            "name": lambda customer, organization, row: customer.name,
            "first_name": lambda customer, organization, row: first_name(customer.name),
            "last_name": lambda customer, organization, row: last_name(customer.name),
            "email": lambda customer, organization, row: customer.email,
            # A customer created with the ticket has no id yet (NEW_CUSTOMER_ID).
            "id": lambda customer, organization, row: customer.id or None,
        }
        if rest in simple:
            return simple[rest]
        key = rest.removeprefix("user_fields.")
        return lambda customer, organization, row: customer.user_fields.get(key)
    if rest == "name":
        return lambda customer, organization, row: organization.name if organization else None
    key = rest.removeprefix("organization_fields.")
    return lambda customer, organization, row: (
        organization.organization_fields.get(key) if organization else None
    )


def first_name(name: str) -> str:
    """The name's first word (Zendesk's own rule; "佐藤 花子" → "佐藤")."""
    words = name.split(maxsplit=1)
    return words[0] if words else ""


def last_name(name: str) -> str:
    """Everything after the first word; empty for a one-word name ("Madonna")."""
    words = name.split(maxsplit=1)
    return words[1].strip() if len(words) > 1 else ""


def _as_text(raw: Any, options: Mapping[str, str]) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        # Checkbox fields; Zendesk's own placeholders print them the same way.
        return "true" if raw else "false"
    if isinstance(raw, list | tuple):
        parts = [_as_text(item, options) for item in raw]
        return ", ".join(part for part in parts if part)
    text = str(raw)
    return options.get(text, text)


@dataclass(frozen=True, slots=True)
class _Literal:
    text: str


_Segment = _Literal | Placeholder


def _parse(text: str, key: str, known: _KnownFields) -> list[_Segment]:
    """Split a template into literal text and placeholders; raise naming the first bad one."""
    segments: list[_Segment] = []
    position = 0
    while True:
        start = text.find(_OPEN, position)
        if start < 0:
            break
        match = _PLACEHOLDER.match(text, start)
        if match is None:
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'The placeholder starting with "{fragment}" is not written correctly: use '
                    '{{{{user.name}}}} or {{{{user.name | default: "text"}}}}.',
                ),
                fragment=_excerpt(text, start),
            )
        if start > position:
            segments.append(_Literal(text[position:start]))
        default = match.group("double")
        if default is None:
            default = match.group("single")
        path = match.group("path")
        options = known.check(path, key, match.group(0))
        segments.append(Placeholder(path, default, options, _getter_for(path)))
        position = match.end()
    if position < len(text):
        segments.append(_Literal(text[position:]))
    return segments


def _excerpt(text: str, start: int) -> str:
    line = text[start:].splitlines()[0] if text[start:] else ""
    return line if len(line) <= 40 else line[:40] + "…"


class _KnownFields:
    def __init__(
        self,
        user_fields: Sequence[UserField],
        organization_fields: Sequence[UserField],
        row_columns: Collection[str] | None = None,
    ) -> None:
        self.user = {each.key: each for each in user_fields}
        self.organization = {each.key: each for each in organization_fields}
        self.row_columns = (
            None if row_columns is None else {column_key(each) for each in row_columns}
        )

    def check(self, path: str, key: str, written: str) -> Mapping[str, str]:
        """Validate `path`; return the field's option names (empty for free-form fields)."""
        scope, _, rest = path.partition(".")
        if scope == "row":
            self._check_column(rest, key, written)
            return {}
        if scope == "user" and rest in USER_PROPERTIES:
            return {}
        if scope == "organization" and rest in ORGANIZATION_PROPERTIES:
            return {}
        prefix = {"user": "user_fields.", "organization": "organization_fields."}.get(scope)
        if prefix is not None and rest.startswith(prefix):
            field_key = rest.removeprefix(prefix)
            fields = self.user if scope == "user" else self.organization
            definition = fields.get(field_key)
            if definition is not None:
                return {option.value: option.name for option in definition.options}
            if _FIELD_KEY.match(field_key):
                source = (
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        'The placeholder {placeholder} names a user field "{field}" that the '
                        "account does not have.",
                    )
                    if scope == "user"
                    else QT_TRANSLATE_NOOP(
                        "Errors",
                        'The placeholder {placeholder} names an organization field "{field}" '
                        "that the account does not have.",
                    )
                )
                raise CampaignFileError(key, source, placeholder=written, field=field_key)
        raise CampaignFileError(
            key,
            QT_TRANSLATE_NOOP("Errors", "Unknown placeholder {placeholder}."),
            placeholder=written,
        )

    def _check_column(self, column: str, key: str, written: str) -> None:
        if self.row_columns is None:
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "The placeholder {placeholder} names a column of a CSV list, but the "
                    "campaign has no CSV list.",
                ),
                placeholder=written,
            )
        if column_key(column) not in self.row_columns:
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'The placeholder {placeholder} names a column "{column}" that the CSV file '
                    "does not have (its columns: {columns}).",
                ),
                placeholder=written,
                column=column.strip(),
                columns=", ".join(sorted(self.row_columns)) or "-",
            )


# -- the compiled template --------------------------------------------------------------------


class _AttributeTokenFinder(HTMLParser):
    """Finds whether any token ended up inside a tag's attribute (see the module docstring)."""

    def __init__(self, token_pattern: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self._pattern = token_pattern
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del tag
        if any(self._pattern.search(f"{name}={value or ''}") for name, value in attrs):
            self.found = True

    handle_startendtag = handle_starttag


class TicketTemplate:
    """A ticket's subject and body, checked and prepared once; `render` fills in one customer."""

    def __init__(
        self,
        subject: Sequence[_Segment],
        body_html: str,
        body_placeholders: Sequence[Placeholder],
        token_pattern: re.Pattern[str],
        *,
        sanitises_per_customer: bool,
    ) -> None:
        self._body_html = body_html
        self.sanitises_per_customer = sanitises_per_customer
        """True when a placeholder stands inside an HTML attribute (a link's address)."""
        # Each distinct (placeholder, default) is read once per customer; subject and body
        # refer to it by index.
        used = [part for part in subject if isinstance(part, Placeholder)]
        self._distinct: tuple[Placeholder, ...] = tuple(dict.fromkeys([*used, *body_placeholders]))
        index = {each: number for number, each in enumerate(self._distinct)}
        self._subject_parts: tuple[str | int, ...] = tuple(
            part.text if isinstance(part, _Literal) else index[part] for part in subject
        )
        # re.split with one group alternates literal HTML and the token's number.
        pieces = token_pattern.split(body_html)
        self._body_parts: tuple[str | int, ...] = tuple(
            index[body_placeholders[int(piece)]] if odd else piece
            for odd, piece in ((number % 2 == 1, piece) for number, piece in enumerate(pieces))
            if odd or piece
        )
        self.placeholders: tuple[str, ...] = tuple(
            dict.fromkeys(each.text for each in self._distinct)
        )
        """Each distinct placeholder as `{{path}}`, in order of first use (subject first)."""

    def render(
        self, customer: Customer, organization: Organization | None, row: Row | None = None
    ) -> Rendered | Skip:
        """One customer's ticket (`row`: their CSV cells), or why they get none."""
        values: list[str] = []
        for each in self._distinct:
            value = each.value(customer, organization, row)
            if value is None:
                return missing_value(each.text)
            values.append(value)
        subject = "".join(
            [part if isinstance(part, str) else values[part] for part in self._subject_parts]
        )
        escape = _escape_attribute if self.sanitises_per_customer else escape_text
        escaped = [escape(value) for value in values]
        body = "".join(
            [part if isinstance(part, str) else escaped[part] for part in self._body_parts]
        )
        if self.sanitises_per_customer:
            body = sanitise_html(body)
        return Rendered(_LINE_BREAKS.sub(" ", subject).strip(), body)


def compile_ticket(
    ticket: TicketSpec,
    user_fields: Sequence[UserField],
    organization_fields: Sequence[UserField],
    *,
    row_columns: Collection[str] | None = None,
) -> TicketTemplate:
    """Check the placeholders against the account's fields and prepare the body once.

    `row_columns` are the CSV list's column names (None: the campaign has no CSV list, so
    `{{row.…}}` is refused). Raises CampaignFileError (key `ticket.subject` or `ticket.body`)
    naming an unknown placeholder, a field the account does not have, a column the CSV file
    does not have, or a malformed `{{`.
    """
    return compile_text(
        ticket.subject,
        ticket.body,
        ticket.format,
        _KnownFields(user_fields, organization_fields, row_columns),
    )


def compile_translations(
    ticket: TicketSpec,
    user_fields: Sequence[UserField],
    organization_fields: Sequence[UserField],
    *,
    row_columns: Collection[str] | None = None,
) -> dict[str, TicketTemplate]:
    """Each `[ticket.translations.LANG]` compiled like the main text (keys name the section)."""
    known = _KnownFields(user_fields, organization_fields, row_columns)
    templates: dict[str, TicketTemplate] = {}
    for translation in ticket.translations:
        prefix = f"ticket.translations.{translation.language}"
        templates[translation.language] = compile_text(
            translation.subject,
            translation.body,
            ticket.format,
            known,
            subject_key=f"{prefix}.subject",
            body_key=f"{prefix}.body",
        )
    return templates


def compile_text(
    subject_text: str,
    body_text: str,
    body_format: BodyFormat,
    known: _KnownFields,
    *,
    subject_key: str = "ticket.subject",
    body_key: str = "ticket.body",
) -> TicketTemplate:
    subject = _parse(subject_text, subject_key, known)
    body = _parse(body_text, body_key, known)

    nonce = _fresh_nonce(body_text)
    token_pattern = re.compile(f"PDT{nonce}N([0-9]+)E")
    placeholders: list[Placeholder] = []
    pieces: list[str] = []
    for part in body:
        if isinstance(part, _Literal):
            pieces.append(part.text)
        else:
            pieces.append(f"PDT{nonce}N{len(placeholders)}E")
            placeholders.append(part)
    source = "".join(pieces)
    rendered = markdown_to_html(source) if body_format == BodyFormat.MARKDOWN else source

    lenient = str(_TOKEN_FINDING_CLEANER.clean(rendered))
    finder = _AttributeTokenFinder(token_pattern)
    finder.feed(lenient)
    finder.close()
    # Where a value decides an attribute (a link's address), sanitising waits for the value.
    base_html = lenient if finder.found else sanitise_html(rendered)
    return TicketTemplate(
        subject, base_html, placeholders, token_pattern, sanitises_per_customer=finder.found
    )


def _fresh_nonce(text: str) -> str:
    # Random letters and digits that do not occur in the body, so a token can never be confused
    # with something the author typed.
    while True:
        nonce = secrets.token_hex(6)
        if nonce not in text:
            return nonce
