"""Qt-free marker for translatable strings defined in the core.

`pyside6-lupdate` extracts every `QT_TRANSLATE_NOOP("Context", "text")` call by name; at run time
the marker returns the English source unchanged. The wizard translates it where it is shown
(`QCoreApplication.translate(context, source)`); the command line prints the English source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark `source` for extraction under `context`; returns it unchanged."""
    del context
    return source


@dataclass(frozen=True, slots=True)
class Message:
    """A user-facing sentence that can be shown in any language.

    `source` is the English template with `{named}` fields; `params` fill them. The UI passes
    `context` and `source` to Qt's translator, then formats the result with `params`.
    """

    context: str
    source: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return self.source.format(**self.params) if self.params else self.source

    def __str__(self) -> str:
        return self.english()
