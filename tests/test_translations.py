"""The Japanese and Simplified Chinese catalogues: current, complete, and faithful to their fields.

A translation that drops `{name}` breaks `.format()` at run time (the UI then falls back to
English, see ui/i18n.message_text), one that drops `%n` hides the number, and one that changes a
`{{user.first_name}}` placeholder teaches the user a placeholder that does not exist.
"""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from proactive_desktop.tools import i18n

LIQUID_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
COUNT = re.compile(r"%L?n")
"""The count in a plural message: %n, or %Ln with the locale's digit grouping."""


@dataclass(frozen=True, slots=True)
class Entry:
    language: str
    context: str
    source: str
    is_numerus: bool
    forms: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.language} [{self.context}] {self.source!r}"


def _entries(language: str) -> list[Entry]:
    entries = []
    root = ET.parse(i18n.ts_path(language)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = translation.findall("numerusform")
            forms = [form.text or "" for form in numerus] if numerus else [translation.text or ""]
            entries.append(
                Entry(
                    language,
                    name,
                    message.findtext("source") or "",
                    message.get("numerus") == "yes",
                    tuple(forms),
                )
            )
    return entries


ENTRIES = [entry for language in i18n.LANGUAGES for entry in _entries(language)]


def _format_fields(text: str) -> set[str]:
    """The `{named}` fields `str.format` would fill (`{{` … `}}` are literal braces)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_catalogues_are_current_and_finished() -> None:
    # Runs lupdate over the source: a message added, changed or removed without `update`, or
    # left untranslated, is listed here.
    assert i18n.problems() == []


def test_every_language_has_every_message() -> None:
    by_language = {
        language: {(e.context, e.source) for e in ENTRIES if e.language == language}
        for language in i18n.LANGUAGES
    }
    first, *others = by_language.values()
    assert first, "no messages extracted"
    for other in others:
        assert other == first


def _field_problems(entry: Entry) -> list[str]:
    found = []
    if not all(form.strip() for form in entry.forms):
        found.append(f"{entry}: empty translation")
    for form in entry.forms:
        if _format_fields(form) != _format_fields(entry.source):
            found.append(f"{entry}: fields {_format_fields(form)} in {form!r}")
        if sorted(LIQUID_PLACEHOLDER.findall(form)) != sorted(
            LIQUID_PLACEHOLDER.findall(entry.source)
        ):
            found.append(f"{entry}: placeholders changed in {form!r}")
        if "%n" in entry.source and not COUNT.search(form):
            found.append(f"{entry}: %n dropped in {form!r}")
    return found


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_their_fields(language: str) -> None:
    problems = [
        problem
        for entry in ENTRIES
        if entry.language == language
        for problem in _field_problems(entry)
    ]
    assert problems == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_numerus_messages_have_one_form_with_the_number(language: str) -> None:
    # Japanese and Chinese have a single plural form; lrelease would pick the wrong one if more
    # forms were written.
    numerus = [e for e in ENTRIES if e.language == language and e.is_numerus]
    assert numerus
    for entry in numerus:
        assert len(entry.forms) == 1, str(entry)
        assert COUNT.search(entry.forms[0]), str(entry)


def test_english_spells_out_its_plurals() -> None:
    # English is the source: its catalogue holds the plural forms only, singular then plural,
    # so "%n customer(s)" never reaches the screen.
    english = _entries("en")
    numerus_sources = {(e.context, e.source) for e in ENTRIES if e.is_numerus}
    assert {(e.context, e.source) for e in english} == numerus_sources
    for entry in english:
        singular, plural = entry.forms
        assert "(s)" not in singular + plural, str(entry)
        assert COUNT.search(plural), str(entry)
        assert _format_fields(plural) == _format_fields(entry.source), str(entry)


def test_field_check_catches_a_faulty_translation() -> None:
    def entry(source: str, translation: str, *, is_numerus: bool = False) -> Entry:
        return Entry("ja", "Test", source, is_numerus, (translation,))

    assert _field_problems(entry("{count} of {total}", "{count}件")) != []
    assert _field_problems(entry("Hi {{user.name}}", "{{user.名前}} 様")) != []
    assert _field_problems(entry("%n ticket(s)", "チケット", is_numerus=True)) != []
    assert _field_problems(entry("{count} of {total}", "{total}件中{count}件")) == []
    assert _format_fields("use {{{{user.name}}}} here {fragment}") == {"fragment"}


# Where a translation call takes a text that is not written out, on purpose: texts marked with
# QT_TRANSLATE_NOOP in the core (messages, reasons), translated when they are shown.
DYNAMIC_TRANSLATION = {
    ("proactive_desktop/ui/i18n.py", "message_text"),
    ("proactive_desktop/ui/widgets/reasons.py", "reason_text"),
}
TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP"}


def _non_literal_translations(source: str, path: str) -> list[str]:
    """`tr`/`translate` calls whose context or text is not a string literal, outside the
    functions allowed to translate marked texts. The extraction tool (lupdate) reads only
    literals: a text passed through a wrapper never reaches the catalogues."""
    tree = ast.parse(source)
    allowed = [
        range(node.lineno, (node.end_lineno or node.lineno) + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and (path, node.name) in DYNAMIC_TRANSLATION
    ]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or any(node.lineno in lines for lines in allowed):
            continue
        called = node.func
        if isinstance(called, ast.Attribute):
            called_name = called.attr
        elif isinstance(called, ast.Name):
            called_name = called.id
        else:
            continue
        if called_name not in TRANSLATING_CALLS:
            continue
        texts = node.args[:1] if called_name == "tr" else node.args[:2]
        if not texts or not all(
            isinstance(text, ast.Constant) and isinstance(text.value, str) for text in texts
        ):
            found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_translated_text_is_written_out_where_it_is_translated() -> None:
    offenders: set[str] = set()
    for path in sorted(i18n.PACKAGE.rglob("*.py")):
        if i18n.EXCLUDED_PARTS.intersection(path.relative_to(i18n.PACKAGE).parts):
            continue
        relative = path.relative_to(i18n.ROOT).as_posix()
        offenders.update(_non_literal_translations(path.read_text(encoding="utf-8"), relative))
    assert sorted(offenders) == []


def test_literal_check_catches_a_wrapper() -> None:
    wrapper = (
        "def _translate(text):\n"
        "    return QCoreApplication.translate('Model', text)\n"
        "def header():\n"
        "    return _translate('Name')\n"
    )
    assert len(_non_literal_translations(wrapper, "some/module.py")) == 1
