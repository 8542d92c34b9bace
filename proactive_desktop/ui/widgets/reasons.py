"""Core reason texts (skip and failure reasons, view errors) in the user's language.

The journal and the CLI's JSON keep reasons as English sentences, filled in. To show one
translated, `reason_text()` recognises the template it came from (each `{field}` matched back
out of the English), translates the template in its context and fills the fields again. A text
that matches no known template is shown as it is: a Zendesk message, for example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QCoreApplication

from proactive_desktop.core import render

_FIELD = re.compile(r"\\\{(\w+)\\\}")


def _templates() -> Iterable[tuple[str, str]]:
    """(context, English template) of every reason the core writes with fields."""
    yield render.REASONS, render.MISSING_VALUE


@cache
def _patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    compiled = []
    for context, template in _templates():
        pattern = _FIELD.sub(lambda match: f"(?P<{match.group(1)}>.+?)", re.escape(template))
        compiled.append((context, template, re.compile(f"^{pattern}$", re.DOTALL)))
    return tuple(compiled)


def reason_text(english: str, context: str = "Reasons") -> str:
    """`english` in the user's language when it is one of the core's sentences."""
    translated = QCoreApplication.translate(context, english)
    if translated != english:
        return translated
    for template_context, template, pattern in _patterns():
        match = pattern.match(english)
        if match is None:
            continue
        localised = QCoreApplication.translate(template_context, template)
        try:
            return localised.format(**match.groupdict())
        except (KeyError, IndexError, ValueError):
            return english
    return english
