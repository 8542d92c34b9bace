"""The sandbox's search query language: a good subset of what people type into Zendesk search.

Supported, case-insensitive:

* free text (`tokyo`, `maria.garcia@acme.example`) — matches a whole word of, or the whole of, any
  searchable value (name, email, phone, tags, organization name, every custom field value);
  text with CJK characters matches as a substring (`佐藤`, `王伟`);
* quoted phrases (`"Maria Garcia"`) — the words in that order; `key:"value"` is an exact match of
  the whole value;
* `key:value` on custom fields and on `name`, `email`, `role`, `tags`/`tag`, `organization`,
  `phone`, `external_id`, `notes`, `is_suspended`, `created`, `updated` (tickets: `status`,
  `priority`, `ticket_type`/`type` inside a ticket search, `requester`/`requester_id`,
  `assignee_id`, `group_id`, `external_id`, `subject`, `description`, `custom_status_id`);
* `*` wildcards (`email:*@acme.example`), `key:none` for an empty field;
* `-term` / `-key:value` to exclude; ranges `created>2026-01-01`, `<`, `>=`, `<=` (dates, numbers,
  and ticket status in its natural order: `status<solved`);
* `type:user` / `type:ticket` / `type:organization` choose what is searched;
  `order_by:created_at|updated_at|name` with `sort:asc|desc`.

Unknown keys match nothing, as a misspelt field does in Zendesk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

_TERM = re.compile(r'(-?)(?:([^\s:<>="]+)(:|>=|<=|>|<))?("([^"]*)"?|\S+)')
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
STATUS_ORDER = {"new": 0, "open": 1, "pending": 2, "hold": 3, "solved": 4, "closed": 5}

HAYSTACK_SEPARATOR = "\x00"
ORDER_KEYS = frozenset({"created_at", "updated_at", "name", "id"})


class Document:
    """One searchable record: `fields` maps a search key to its values, already case-folded;
    `text` is what free text searches. Both may be computed lazily (`fields` as a mapping
    that works on demand, the text from `make_haystack`), which keeps a search over 100,000 users
    from building 100,000 indexes first."""

    __slots__ = ("_haystack", "_make_haystack", "_text", "fields")

    def __init__(
        self,
        fields: Mapping[str, tuple[str, ...]],
        text: tuple[str, ...] | None = None,
        make_haystack: Callable[[], str] | None = None,
    ) -> None:
        self.fields = fields
        self._text = text
        self._haystack: str | None = None
        self._make_haystack = make_haystack

    @property
    def text(self) -> tuple[str, ...]:
        if self._text is None:
            self._text = tuple(self.haystack.split(HAYSTACK_SEPARATOR)) if self.haystack else ()
        return self._text

    @property
    def haystack(self) -> str:
        """All of `text` in one string (values cannot contain the separator)."""
        if self._haystack is None:
            if self._make_haystack is not None:
                self._haystack = self._make_haystack()
            else:
                self._haystack = HAYSTACK_SEPARATOR.join(self._text or ())
        return self._haystack


@dataclass(frozen=True, slots=True)
class Term:
    key: str | None
    op: str  # ":", ">", "<", ">=", "<="
    value: str
    quoted: bool
    negated: bool


@dataclass(slots=True)
class Query:
    """A parsed query: which record types it asks for, its terms and the requested order."""

    types: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)
    order_by: str = "id"
    descending: bool = False
    _predicate: Callable[[Document], bool] | None = None

    def matches(self, doc: Document) -> bool:
        if self._predicate is None:
            self._predicate = _compile(self.terms)
        return self._predicate(doc)


def parse(text: str) -> Query:
    """Parse a query string (never fails: odd input simply matches less)."""
    query = Query()
    for match in _TERM.finditer(text.strip()):
        negated, key, op, raw, quoted_value = match.groups()
        quoted = raw.startswith('"')
        value = (quoted_value if quoted_value is not None else raw).casefold().strip()
        if quoted and value == "":
            continue
        lowered_key = key.casefold() if key else None
        if lowered_key == "type" and op == ":" and not negated:
            query.types.add(value)
            continue
        if lowered_key == "order_by" and op == ":":
            query.order_by = value if value in ORDER_KEYS else "id"
            continue
        if lowered_key == "sort" and op == ":":
            query.descending = value == "desc"
            continue
        if key is None and value == "-":
            continue
        query.terms.append(Term(lowered_key, op or ":", value, quoted, bool(negated)))
    return query


def casefolded(values: Iterable[object]) -> tuple[str, ...]:
    """Search values: str() of each non-empty value, case-folded; booleans as true/false."""
    result = []
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            result.append("true" if value else "false")
        else:
            result.append(str(value).casefold().replace(HAYSTACK_SEPARATOR, " "))
    return tuple(result)


def _words(value: str) -> list[str]:
    return _WORD.findall(value)


def _word_match(value: str, term: str) -> bool:
    """`term` equals `value`, is one of its words, or (CJK) occurs in it."""
    if value == term:
        return True
    if term not in value:
        return False
    if _CJK.search(term):
        return True
    term_words = _words(term)
    if len(term_words) == 1 and term_words[0] == term:
        return term in _words(value)
    return _phrase_match(value, term)


def _phrase_match(value: str, phrase: str) -> bool:
    """The words of `phrase` occur in `value` consecutively (CJK: as a substring)."""
    if phrase in value and _CJK.search(phrase):
        return True
    wanted = _words(phrase)
    if not wanted:
        return phrase == value
    if not all(word in value for word in wanted):
        return False  # cheap test first: tokenising every value is what makes search slow
    words = _words(value)
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _wildcard(term: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in term.split("*")), re.DOTALL)


def _compare(value: str, term: str, op: str, key: str) -> bool:
    # Both sides become (number, text) pairs so that one comparison serves every kind.
    left: tuple[float, str]
    right: tuple[float, str]
    if key == "status" and value in STATUS_ORDER and term in STATUS_ORDER:
        left, right = (STATUS_ORDER[value], ""), (STATUS_ORDER[term], "")
    elif _DATE.match(term) and _DATE.match(value):
        left, right = (0, value[:10]), (0, term[:10])
    else:
        try:
            left, right = (float(value), ""), (float(term), "")
        except ValueError:
            left, right = (0, value), (0, term)
    if op == ">":
        return left > right
    if op == "<":
        return left < right
    if op == ">=":
        return left >= right
    return left <= right


def _term_predicate(term: Term) -> Callable[[Document], bool]:
    value = term.value
    pattern = _wildcard(value) if "*" in value and not term.quoted else None

    def value_matches(candidate: str) -> bool:
        if pattern is not None:
            return bool(pattern.fullmatch(candidate)) or any(
                pattern.fullmatch(word) for word in _words(candidate)
            )
        if term.key is None:
            return _phrase_match(candidate, value) if term.quoted else _word_match(candidate, value)
        if term.quoted:
            return candidate == value
        if _DATE.fullmatch(value) and _DATE.match(candidate):
            return candidate[:10] == value
        return _word_match(candidate, value)

    key = term.key
    if key is None:
        # Every match needs these substrings somewhere in the record: one test on the joined
        # text rules out most records before any value is looked at word by word.
        needles = (
            [part for part in value.split("*") if part]
            if pattern is not None
            else (_words(value) or [value])
            if term.quoted and not _CJK.search(value)
            else [value]
        )

        def free(doc: Document) -> bool:
            haystack = doc.haystack
            if not all(needle in haystack for needle in needles):
                return False
            return any(value_matches(candidate) for candidate in doc.text)

        return free
    if term.op != ":":
        op = term.op

        def ranged(doc: Document) -> bool:
            values = doc.fields.get(key)
            return bool(values) and any(_compare(v, value, op, key) for v in values or ())

        return ranged
    if value == "none" and not term.quoted:

        def empty(doc: Document) -> bool:
            return key in doc.fields and not doc.fields[key]

        return empty

    def fielded(doc: Document) -> bool:
        values = doc.fields.get(key)
        return bool(values) and any(value_matches(v) for v in values or ())

    return fielded


def _compile(terms: Sequence[Term]) -> Callable[[Document], bool]:
    positive = [_term_predicate(t) for t in terms if not t.negated]
    negative = [_term_predicate(t) for t in terms if t.negated]

    def predicate(doc: Document) -> bool:
        return all(p(doc) for p in positive) and not any(n(doc) for n in negative)

    return predicate
