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

from proactive_desktop.core import recipients, render

_FIELD = re.compile(r"\\\{(\w+)\\\}")


def _templates() -> Iterable[tuple[str, str]]:
    """(context, English template) of every reason the core writes with fields."""
    yield render.REASONS, render.MISSING_VALUE
    for template in (
        recipients.SKIP_EXCLUDED,
        recipients.SKIP_NO_EMAIL,
        recipients.SKIP_NO_ID,
        recipients.SKIP_BAD_ID,
    ):
        yield "Reasons", template
    # The engine writes these inline (engine.py, _create_view); tests/ui/test_languages.py keeps
    # the copies honest.
    yield (
        "Engine",
        "The view was not created: this agent may not manage shared views ({zendesk_message}).",
    )
    yield "Engine", "The view was not created: {error}"


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
    # "<a sentence of ours>: <details from Zendesk>", such as a failed macro comment.
    head, separator, details = english.partition(": ")
    if separator:
        localised_head = QCoreApplication.translate(context, head + ":")
        if localised_head != head + ":":
            return f"{localised_head} {details}"
    return english
