"""The campaign export: one CSV row per customer, as CLI.md's `export` command defines it.

UTF-8 with a BOM (so Excel in Japan and China opens it right), the columns `user_id`, `email`,
`name`, `status`, `ticket_id`, `ticket_url`, `reason`, then `language` (the translation the ticket
was written in) and `new_customer` ("yes" for customers created with their ticket). The wizard's
History dialog and the command line write the same file through `write_export_csv`.

Names and emails are as customers typed them, so a cell may look like a formula (`=HYPERLINK(…)`)
that Excel or LibreOffice would run when the admin opens the file. Every cell starting with one of
`FORMULA_TRIGGERS` gets a leading apostrophe (OWASP, "CSV Injection"): spreadsheets show the text
and run nothing. docs/CLI.md tells readers of the file.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, Protocol

EXPORT_COLUMNS: Final = (
    "user_id",
    "email",
    "name",
    "status",
    "ticket_id",
    "ticket_url",
    "reason",
    # Added after the first seven; readers that know only those keep working.
    "language",
    "new_customer",
)
EXPORT_ENCODING: Final = "utf-8-sig"
"""UTF-8 with a byte-order mark: without it, Excel reads the file in a legacy code page."""
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula."""


_WINDOWS_RESERVED_STEMS: Final = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)
_NOT_IN_FILE_NAMES: Final = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def export_file_stem(tag: str) -> str:
    """A file name stem for a campaign's export that every system accepts: no character Windows
    refuses, not a Windows device name (CON, NUL, COM1 … even with an extension), no trailing
    dot or space."""
    stem = _NOT_IN_FILE_NAMES.sub("_", tag).rstrip(". ") or "campaign"
    if stem.lower() in _WINDOWS_RESERVED_STEMS:
        stem = f"campaign-{stem}"
    return stem


def neutralise_formula(cell: str) -> str:
    """`cell` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


class ExportedOutcome(Protocol):
    """One customer's outcome (core.engine.CustomerOutcome has these attributes)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def ticket_id(self) -> int | None: ...
    @property
    def ticket_url(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...


# `language` and `new_customer` are read when an outcome has them (CustomerOutcome does).


def export_rows(customers: Iterable[ExportedOutcome]) -> Iterator[list[str]]:
    """The CSV cells of each customer, in `EXPORT_COLUMNS` order (empty text for none), with
    formula-like cells neutralised."""
    for outcome in customers:
        cells = [
            "" if outcome.user_id is None else str(outcome.user_id),
            outcome.email or "",
            outcome.name or "",
            str(outcome.status),
            "" if outcome.ticket_id is None else str(outcome.ticket_id),
            outcome.ticket_url or "",
            outcome.reason or "",
            getattr(outcome, "language", None) or "",
            "yes" if getattr(outcome, "new_customer", False) else "",
        ]
        yield [neutralise_formula(cell) for cell in cells]


def write_export_csv(path: Path, customers: Iterable[ExportedOutcome]) -> int:
    """Write the customers to `path`, replacing it whole or not at all; returns the row count.

    The file is written beside the target and moved into place, so a reader never sees half an
    export and a failure leaves an earlier export untouched.
    """
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    rows = 0
    try:
        with os.fdopen(handle, "w", encoding=EXPORT_ENCODING, newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(EXPORT_COLUMNS)
            for row in export_rows(customers):
                writer.writerow(row)
                rows += 1
        os.replace(temporary, target)
    except BaseException:
        # Also on KeyboardInterrupt: never leave the temporary file behind.
        Path(temporary).unlink(missing_ok=True)
        raise
    return rows
