"""The campaign file (CLI.md "Campaign file"): TOML → CampaignSpec and back, and its definition.

`load_campaign_file` validates every key and names the offending one in its CampaignFileError
(`ticket.status`, `recipients`, `connection.url`, …); an unknown key is an error, never ignored,
because a typo must not silently change a campaign. `dump_campaign_file` writes the same schema
(the wizard saves campaigns with it) so that loading what it wrote gives the same spec.
`definition_dict` is the canonical parsed content the journal stores and compares: comments, key
order and the CSV file's contents do not count. This module reads only the file it is given.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, TypeVar

from proactive_desktop.core.errors import CampaignFileError, InputError, UrlError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.models import (
    WEEKDAYS,
    BodyFormat,
    CampaignSpec,
    ConnectionSpec,
    RecipientSpec,
    ScheduleSpec,
    TicketPriority,
    TicketSpec,
    TicketStatus,
    TicketTranslation,
    TicketType,
    ViewSpec,
    campaign_tag,
    language_key,
    normalise_name,
)
from proactive_desktop.core.schedule import parse_window, schedule_dict
from proactive_desktop.core.urls import normalise_base_url

SECTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "connection": ("url", "email"),
    "campaign": ("name",),
    "recipients": (
        "query",
        "user_ids",
        "csv",
        "exclude_campaigns",
        "include_staff",
        "create_missing",
        "skip_contacted_within_days",
    ),
    "ticket": (
        "subject",
        "body",
        "format",
        "public",
        "status",
        "custom_status_id",
        "priority",
        "type",
        "group_id",
        "assignee_id",
        "tags",
        "macro_id",
        "translations",
    ),
    "view": ("create",),
    "schedule": ("start", "per_day", "window", "days"),
}
"""Every section and key of the format, in the order `dump_campaign_file` writes them."""

REQUIRED_SECTIONS: Final = ("connection", "campaign", "recipients", "ticket")

MAX_CONTACT_DAYS: Final = 3650
"""`skip_contacted_within_days` beyond ten years is surely a typo."""

_E = TypeVar("_E", bound=StrEnum)


# -- loading ------------------------------------------------------------------------------------


def load_campaign_file(path: Path) -> CampaignSpec:
    """Read and validate a campaign file; a relative `recipients.csv` is relative to it.

    Raises InputError when the file cannot be read or is not TOML, CampaignFileError (naming the
    key) when its content is invalid.
    """
    try:
        raw = path.read_bytes()
    except OSError as problem:
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", "Cannot read the campaign file {path}: {reason}"),
            path=str(path),
            reason=problem.strerror or str(problem),
        ) from None
    try:
        # utf-8-sig: Windows editors may start the file with a byte order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", "The campaign file {path} is not UTF-8 text."),
            path=str(path),
        ) from None
    return loads_campaign(text, path.resolve().parent, source=str(path))


def loads_campaign(text: str, base_dir: Path | None, *, source: str = "") -> CampaignSpec:
    """Parse and validate campaign TOML; `base_dir` is where a relative CSV path is found."""
    try:
        document = tomllib.loads(text)
        return campaign_from_definition(document, base_dir)
    except tomllib.TOMLDecodeError as problem:
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", "The campaign file {path} is not valid TOML: {reason}"),
            path=source or "(text)",
            reason=str(problem),
        ) from None
    except RecursionError:
        # tomllib parses nested arrays and tables recursively: thousands of `[` exhaust the
        # stack. No campaign file nests more than a few levels.
        raise InputError(
            QT_TRANSLATE_NOOP(
                "Errors", "The campaign file {path} is nested too deeply to be a campaign file."
            ),
            path=source or "(text)",
        ) from None


def campaign_from_definition(
    document: Mapping[str, Any], base_dir: Path | None = None
) -> CampaignSpec:
    """Validate a parsed campaign (TOML, or a stored `definition_dict`) into a CampaignSpec.

    A None value counts as absent, so a stored definition (which spells out every optional key)
    reads back the same as the file it came from.
    """
    _check_keys(document)
    connection = _Section(document, "connection")
    campaign = _Section(document, "campaign")
    recipients = _Section(document, "recipients")
    ticket = _Section(document, "ticket")
    view = _Section(document, "view")

    url_text = connection.required_text("url")
    try:
        url = normalise_base_url(url_text)
    except UrlError as problem:
        raise CampaignFileError(
            "connection.url",
            QT_TRANSLATE_NOOP("Errors", "connection.url: {reason}"),
            reason=problem.message.english(),
        ) from None
    email = connection.required_text("email")
    if "@" not in email:
        raise CampaignFileError(
            "connection.email",
            QT_TRANSLATE_NOOP("Errors", 'connection.email: "{email}" is not an email address.'),
            email=email,
        )

    name = campaign.required_text("name")
    if not campaign_tag(name):
        raise CampaignFileError(
            "campaign.name",
            QT_TRANSLATE_NOOP(
                "Errors",
                'campaign.name: "{name}" has no letter or digit, so it cannot become a tag.',
            ),
            name=name,
        )

    recipient_spec = RecipientSpec(
        query=recipients.text("query"),
        user_ids=recipients.ids("user_ids"),
        csv=recipients.text("csv"),
        exclude_campaigns=recipients.texts("exclude_campaigns"),
        include_staff=recipients.boolean("include_staff", default=False),
        create_missing=recipients.boolean("create_missing", default=False),
        skip_contacted_within_days=recipients.bounded_count(
            "skip_contacted_within_days", MAX_CONTACT_DAYS
        ),
    )
    if recipient_spec.create_missing and not recipient_spec.csv:
        raise CampaignFileError(
            "recipients.create_missing",
            QT_TRANSLATE_NOOP(
                "Errors",
                "recipients.create_missing: customers can only be created from a CSV list; "
                "add recipients.csv.",
            ),
        )
    if not (recipient_spec.query or recipient_spec.user_ids or recipient_spec.csv):
        raise CampaignFileError(
            "recipients",
            QT_TRANSLATE_NOOP(
                "Errors",
                "recipients: give at least one source of customers: query, user_ids or csv.",
            ),
        )

    tags: list[str] = []
    for index, written in enumerate(ticket.texts("tags")):
        tag = campaign_tag(written)
        if not tag:
            raise CampaignFileError(
                "ticket.tags",
                QT_TRANSLATE_NOOP(
                    "Errors", 'ticket.tags: "{tag}" (item {number}) has no letter or digit.'
                ),
                tag=written,
                number=index + 1,
            )
        if tag not in tags:
            tags.append(tag)

    ticket_spec = TicketSpec(
        subject=ticket.required_text("subject", strip=False),
        body=ticket.required_text("body", strip=False),
        format=ticket.choice("format", BodyFormat, BodyFormat.MARKDOWN),
        public=ticket.boolean("public", default=True),
        status=ticket.choice("status", TicketStatus, TicketStatus.OPEN),
        custom_status_id=ticket.identifier("custom_status_id"),
        priority=ticket.optional_choice("priority", TicketPriority),
        type=ticket.optional_choice("type", TicketType),
        group_id=ticket.identifier("group_id"),
        assignee_id=ticket.identifier("assignee_id"),
        tags=tuple(tags),
        macro_id=ticket.identifier("macro_id"),
        translations=_translations(ticket.values.get("translations")),
    )
    return CampaignSpec(
        connection=ConnectionSpec(url=url, email=email),
        name=name,
        recipients=recipient_spec,
        ticket=ticket_spec,
        view=ViewSpec(create=view.boolean("create", default=True)),
        schedule=_schedule(document),
        csv_base_dir=base_dir,
    )


_TRANSLATION_KEYS: Final = ("subject", "body")


def _translations(raw: Any) -> tuple[TicketTranslation, ...]:
    """`[ticket.translations.LANG]` tables: a subject and a body per language."""
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise CampaignFileError(
            "ticket.translations",
            QT_TRANSLATE_NOOP(
                "Errors",
                "{key}: expected sections such as [ticket.translations.ja], not a single value.",
            ),
        )
    found: dict[str, TicketTranslation] = {}
    for written, content in raw.items():
        key = f"ticket.translations.{written}"
        language = language_key(str(written))
        if language is None:
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP(
                    "Errors",
                    '{key}: "{language}" is not a language such as ja, zh-cn or en-us.',
                ),
                language=written,
            )
        if language in found:
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP("Errors", "{key}: the language {language} is given twice."),
                language=language,
            )
        if not isinstance(content, Mapping):
            raise CampaignFileError(
                key,
                QT_TRANSLATE_NOOP(
                    "Errors", "{key}: expected a section [{key}], not a single value."
                ),
            )
        for name in content:
            if name not in _TRANSLATION_KEYS:
                raise _unknown_key(f"{key}.{name}", [f"{key}.{k}" for k in _TRANSLATION_KEYS])
        section = _Section({key: content}, key)
        found[language] = TicketTranslation(
            language=language,
            subject=section.required_text("subject", strip=False),
            body=section.required_text("body", strip=False),
        )
    return tuple(found[language] for language in sorted(found))


def _schedule(document: Mapping[str, Any]) -> ScheduleSpec | None:
    """`[schedule]`, or None when the file has none (or only empty values)."""
    section = _Section(document, "schedule")
    if not any(value is not None for value in section.values.values()):
        return None
    start = _start(section)
    per_day = section.values.get("per_day")
    if per_day is not None and (
        isinstance(per_day, bool) or not isinstance(per_day, int) or per_day <= 0
    ):
        raise CampaignFileError(
            "schedule.per_day",
            QT_TRANSLATE_NOOP(
                "Errors", "{key}: expected a whole number of tickets above 0, found {found}."
            ),
            found=_describe(per_day),
        )
    window_text = section.text("window")
    window = parse_window(window_text) if window_text is not None else None
    if window_text is not None and window is None:
        raise CampaignFileError(
            "schedule.window",
            QT_TRANSLATE_NOOP(
                "Errors",
                '{key}: "{found}" is not a window of hours such as "09:00-17:00" (the start'
                " before the end, within one day).",
            ),
            found=window_text,
        )
    days: list[str] = []
    if section.values.get("days") is not None:
        for written in section.texts("days"):
            day = written.lower()[:3]
            if written.lower() not in (day, _LONG_DAY_NAMES.get(day)) or day not in WEEKDAYS:
                raise CampaignFileError(
                    "schedule.days",
                    QT_TRANSLATE_NOOP("Errors", '{key}: "{found}" is not one of {allowed}.'),
                    found=written,
                    allowed=", ".join(WEEKDAYS),
                )
            if day not in days:
                days.append(day)
        if not days:
            raise CampaignFileError(
                "schedule.days",
                QT_TRANSLATE_NOOP("Errors", "{key}: name at least one day (or leave it out)."),
            )
    return ScheduleSpec(
        start=start,
        per_day=per_day,
        window_start_minute=window[0] if window else None,
        window_end_minute=window[1] if window else None,
        # In the week's order, so the definition does not depend on how the days were listed.
        days=tuple(day for day in WEEKDAYS if day in days),
    )


_LONG_DAY_NAMES: Final = {
    "mon": "monday",
    "tue": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}


def _start(section: _Section) -> datetime | None:
    """`schedule.start`: a TOML date-time or ISO 8601 text; without an offset, this computer's."""
    value = section.values.get("start")
    if value is None:
        return None
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0))
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise CampaignFileError(
            "schedule.start",
            QT_TRANSLATE_NOOP(
                "Errors",
                '{key}: expected a date and time such as "2026-12-07T09:00:00+09:00",'
                " found {found}.",
            ),
            found=_describe(value),
        )
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def _check_keys(document: Mapping[str, Any]) -> None:
    for section, content in document.items():
        if section not in SECTIONS:
            raise _unknown_key(section, list(SECTIONS))
        if content is None:
            continue
        if not isinstance(content, Mapping):
            raise CampaignFileError(
                section,
                QT_TRANSLATE_NOOP(
                    "Errors", "{key}: expected a section [{key}], not a single value."
                ),
            )
        for key in content:
            if key not in SECTIONS[section]:
                raise _unknown_key(
                    f"{section}.{key}", [f"{section}.{k}" for k in SECTIONS[section]]
                )
    for section in REQUIRED_SECTIONS:
        if document.get(section) is None:
            raise CampaignFileError(
                section, QT_TRANSLATE_NOOP("Errors", "The section [{key}] is missing.")
            )


def _unknown_key(key: str, known: Sequence[str]) -> CampaignFileError:
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return CampaignFileError(
            key,
            QT_TRANSLATE_NOOP("Errors", '{key}: unknown key; did you mean "{suggestion}"?'),
            suggestion=close[0],
        )
    return CampaignFileError(
        key,
        QT_TRANSLATE_NOOP("Errors", "{key}: unknown key; known keys: {known}."),
        known=", ".join(known),
    )


class _Section:
    """Typed access to one section's values; every error names `section.key`."""

    def __init__(self, document: Mapping[str, Any], name: str) -> None:
        # Required sections were checked by _check_keys; an absent optional one reads as empty.
        self.name = name
        self.values: Mapping[str, Any] = document.get(name) or {}

    def _get(self, key: str) -> Any:
        return self.values.get(key)

    def _wrong_type(self, key: str, expected: str) -> CampaignFileError:
        return CampaignFileError(
            f"{self.name}.{key}",
            QT_TRANSLATE_NOOP("Errors", "{key}: expected {expected}, found {found}."),
            expected=expected,
            found=_describe(self._get(key)),
        )

    def text(self, key: str, *, strip: bool = True) -> str | None:
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._wrong_type(key, "text")
        if not value.strip():
            raise CampaignFileError(
                f"{self.name}.{key}", QT_TRANSLATE_NOOP("Errors", "{key} is empty.")
            )
        return value.strip() if strip else value

    def required_text(self, key: str, *, strip: bool = True) -> str:
        value = self.text(key, strip=strip)
        if value is None:
            raise CampaignFileError(
                f"{self.name}.{key}", QT_TRANSLATE_NOOP("Errors", "{key} is missing.")
            )
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._wrong_type(key, "a list of texts")
        for item in value:
            if not item.strip():
                raise CampaignFileError(
                    f"{self.name}.{key}",
                    QT_TRANSLATE_NOOP("Errors", "{key}: the list contains an empty text."),
                )
        return tuple(item.strip() for item in value)

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._wrong_type(key, "true or false")
        return value

    def identifier(self, key: str) -> int | None:
        value = self._get(key)
        if value is None:
            return None
        return self._positive(key, value)

    def bounded_count(self, key: str, maximum: int) -> int | None:
        """A whole number from 1 to `maximum`, or None when absent."""
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
            raise CampaignFileError(
                f"{self.name}.{key}",
                QT_TRANSLATE_NOOP(
                    "Errors", "{key}: expected a whole number from 1 to {maximum}, found {found}."
                ),
                maximum=maximum,
                found=_describe(value),
            )
        return value

    def ids(self, key: str) -> tuple[int, ...]:
        value = self._get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._wrong_type(key, "a list of ids")
        return tuple(self._positive(key, item) for item in value)

    def _positive(self, key: str, value: Any) -> int:
        # bool is an int in Python; `true` is never an id.
        if isinstance(value, bool) or not isinstance(value, int):
            raise CampaignFileError(
                f"{self.name}.{key}",
                QT_TRANSLATE_NOOP("Errors", "{key}: expected a numeric id, found {found}."),
                found=_describe(value),
            )
        if value <= 0:
            raise CampaignFileError(
                f"{self.name}.{key}",
                QT_TRANSLATE_NOOP("Errors", "{key}: {value} is not a valid id (must be above 0)."),
                value=value,
            )
        return value

    def choice(self, key: str, kind: type[_E], default: _E) -> _E:
        found = self.optional_choice(key, kind)
        return default if found is None else found

    def optional_choice(self, key: str, kind: type[_E]) -> _E | None:
        value = self._get(key)
        if value is None:
            return None
        allowed = [member.value for member in kind]
        if not isinstance(value, str) or value not in allowed:
            raise CampaignFileError(
                f"{self.name}.{key}",
                QT_TRANSLATE_NOOP("Errors", "{key}: {found} is not one of {allowed}."),
                found=_describe(value),
                allowed=" | ".join(allowed),
            )
        return kind(value)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return str(value)


# -- the definition --------------------------------------------------------------------------


def definition_dict(spec: CampaignSpec) -> dict[str, Any]:
    """The campaign's canonical, JSON-able definition (CLI.md "Definition, names and tags").

    Every key of the format is present with defaults filled in (None for an absent optional
    value), names are NFC-normalised, and the CSV is its path as written: two files that differ
    only in comments, key order, spelled-out defaults or the CSV's contents have equal
    definitions.
    """
    recipients = spec.recipients
    ticket = spec.ticket
    return {
        "connection": {"url": spec.connection.url, "email": spec.connection.email},
        "campaign": {"name": normalise_name(spec.name)},
        "recipients": {
            "query": recipients.query,
            "user_ids": list(recipients.user_ids),
            "csv": recipients.csv,
            "exclude_campaigns": [normalise_name(name) for name in recipients.exclude_campaigns],
            "include_staff": recipients.include_staff,
            # Absent (None) unless set, so definitions journaled before these keys existed
            # still compare equal to the same file read today.
            "create_missing": True if recipients.create_missing else None,
            "skip_contacted_within_days": recipients.skip_contacted_within_days,
        },
        "ticket": {
            "subject": ticket.subject,
            "body": ticket.body,
            "format": ticket.format.value,
            "public": ticket.public,
            "status": ticket.status.value,
            "custom_status_id": ticket.custom_status_id,
            "priority": ticket.priority.value if ticket.priority else None,
            "type": ticket.type.value if ticket.type else None,
            "group_id": ticket.group_id,
            "assignee_id": ticket.assignee_id,
            "tags": list(ticket.tags),
            "macro_id": ticket.macro_id,
            "translations": {
                each.language: {"subject": each.subject, "body": each.body}
                for each in ticket.translations
            }
            or None,
        },
        "view": {"create": spec.view.create},
        "schedule": schedule_dict(spec.schedule),
    }


def definition_differences(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The dotted keys (`ticket.subject`) whose values differ between two definitions, sorted.

    A key present in only one of them differs, unless its value there is None (absent).
    """
    differences: list[str] = []

    def walk(left: Mapping[str, Any], right: Mapping[str, Any], prefix: str) -> None:
        for key in sorted(set(left) | set(right)):
            first, second = left.get(key), right.get(key)
            dotted = f"{prefix}{key}"
            if isinstance(first, Mapping) and isinstance(second, Mapping):
                walk(first, second, dotted + ".")
            elif first != second:
                differences.append(dotted)

    walk(a, b, "")
    return differences


definition_diff: Callable[[Mapping[str, Any], Mapping[str, Any]], list[str]] = (
    definition_differences
)


# -- writing ----------------------------------------------------------------------------------

_HEADER: Final = (
    "# proactive-desktop campaign: one ticket per customer.\n"
    "# Run it with:  proactive-desktop send THIS-FILE.toml  (add --dry-run to check first)\n"
)
_IDS_PER_LINE: Final = 8


def dump_campaign_file(spec: CampaignSpec) -> str:
    """The campaign as TOML in this format; `loads_campaign` of the result equals `spec`."""
    recipients = spec.recipients
    ticket = spec.ticket
    lines = [_HEADER]
    lines += ["[connection]", f"url = {_string(spec.connection.url)}"]
    lines += [f"email = {_string(spec.connection.email)}", ""]
    lines += ["[campaign]", f"name = {_string(spec.name)}", ""]
    lines.append("[recipients]")
    if recipients.query is not None:
        lines.append(f"query = {_string(recipients.query)}")
    if recipients.user_ids:
        lines.append(f"user_ids = {_id_list(recipients.user_ids)}")
    if recipients.csv is not None:
        lines.append(f"csv = {_string(recipients.csv)}")
    if recipients.exclude_campaigns:
        lines.append(f"exclude_campaigns = {_string_list(recipients.exclude_campaigns)}")
    lines.append(f"include_staff = {_bool(recipients.include_staff)}")
    if recipients.create_missing:
        lines.append("create_missing = true")
    if recipients.skip_contacted_within_days is not None:
        lines.append(f"skip_contacted_within_days = {recipients.skip_contacted_within_days}")
    lines.append("")
    lines.append("[ticket]")
    lines.append(f"subject = {_string(ticket.subject)}")
    lines.append(f"body = {_multiline(ticket.body)}")
    lines.append(f"format = {_string(ticket.format.value)}")
    lines.append(f"public = {_bool(ticket.public)}")
    lines.append(f"status = {_string(ticket.status.value)}")
    optional: list[tuple[str, str | None]] = [
        ("custom_status_id", _int(ticket.custom_status_id)),
        ("priority", _string(ticket.priority.value) if ticket.priority else None),
        ("type", _string(ticket.type.value) if ticket.type else None),
        ("group_id", _int(ticket.group_id)),
        ("assignee_id", _int(ticket.assignee_id)),
        ("tags", _string_list(ticket.tags) if ticket.tags else None),
        ("macro_id", _int(ticket.macro_id)),
    ]
    lines += [f"{key} = {value}" for key, value in optional if value is not None]
    for translation in ticket.translations:
        lines += ["", f"[ticket.translations.{translation.language}]"]
        lines.append(f"subject = {_string(translation.subject)}")
        lines.append(f"body = {_multiline(translation.body)}")
    lines += ["", "[view]", f"create = {_bool(spec.view.create)}", ""]
    schedule = spec.schedule
    if schedule is not None:
        lines.append("[schedule]")
        if schedule.start is not None:
            lines.append(f"start = {_string(schedule.start.isoformat())}")
        if schedule.per_day is not None:
            lines.append(f"per_day = {schedule.per_day}")
        if schedule.window_text is not None:
            lines.append(f"window = {_string(schedule.window_text)}")
        if schedule.days:
            lines.append(f"days = {_string_list(schedule.days)}")
        lines.append("")
    return "\n".join(lines)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _int(value: int | None) -> str | None:
    return None if value is None else str(value)


def _id_list(ids: Sequence[int]) -> str:
    if len(ids) <= _IDS_PER_LINE:
        return "[" + ", ".join(str(each) for each in ids) + "]"
    rows = [
        "    " + ", ".join(str(each) for each in ids[start : start + _IDS_PER_LINE]) + ","
        for start in range(0, len(ids), _IDS_PER_LINE)
    ]
    return "[\n" + "\n".join(rows) + "\n]"


def _string_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_string(value) for value in values) + "]"


_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                   "\f": "\\f", "\r": "\\r"}  # fmt: skip


def _escape_character(character: str) -> str:
    escaped = _ESCAPES.get(character)
    if escaped is not None:
        return escaped
    # TOML forbids raw control characters (other than tab) and DEL in basic strings.
    if ord(character) < 0x20 or ord(character) == 0x7F:
        return f"\\u{ord(character):04X}"
    return character


def _string(value: str) -> str:
    """A TOML string on one line: a literal string where that reads better, else escaped."""
    is_plain = all(_escape_character(character) == character for character in value)
    if (
        not is_plain
        and "'" not in value
        and all(c in '"\\' or c == _escape_character(c) for c in value)
    ):
        # A search query such as plan:premium "Tokyo" stays as it was typed.
        return "'" + value + "'"
    return '"' + "".join(_escape_character(character) for character in value) + '"'


def _multiline(value: str) -> str:
    """A TOML multi-line basic string, readable for a ticket body.

    Newlines stay as they are; a quote is escaped when another quote follows it or when it ends
    the text, so no run of three quotes (the delimiter) can appear inside.
    """
    parts: list[str] = []
    for index, character in enumerate(value):
        if character == "\n":
            parts.append("\n")
        elif character == '"':
            is_last = index == len(value) - 1
            parts.append('\\"' if is_last or value[index + 1] == '"' else '"')
        else:
            parts.append(_escape_character(character))
    # The newline right after the opening delimiter is not part of the value (TOML spec).
    return '"""\n' + "".join(parts) + '"""'
