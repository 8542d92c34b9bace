"""Text from outside (CSV cells, Zendesk names, campaign names) made safe for a terminal or a log.

A terminal obeys escape sequences: a customer named `\\x1b]0;…\\x07` would retitle the window, one
with `\\x1b[2J` would clear it, and a newline or a carriage return in a reason could forge lines of
the log or of the summary. `escape_controls()` shows every such character as a visible escape
(`\\x1b`, `\\n`, `\\u202e`) instead: C0 and C1 control characters, DEL, and the Unicode
direction overrides and isolates that can make a line read differently from what it holds.
Printable text of every script is left as it is.
"""

from __future__ import annotations

import re
from typing import Final

_CONTROLS: Final = "\x00-\x1f\x7f-\x9f"
# Bidirectional embeddings, overrides and isolates ("Trojan Source"), and the line separators
# that some terminals and editors break lines at.
_INVISIBLE_LAYOUT: Final = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"

_UNSAFE: Final = re.compile(f"[{_CONTROLS}{_INVISIBLE_LAYOUT}]")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` on one line with every control or layout character shown as an escape."""
    return _UNSAFE.sub(_shown, text)


def _shown_keeping_lines(match: re.Match[str]) -> str:
    return match.group() if match.group() == "\n" else _shown(match)


def escape_controls_keeping_lines(text: str) -> str:
    """Like `escape_controls`, but newlines stay (a traceback is several lines on purpose)."""
    return _UNSAFE.sub(_shown_keeping_lines, text)


def has_controls(text: str) -> bool:
    return _UNSAFE.search(text) is not None
