"""Customer lists from CSV files: read as Excel writes them, never silently wrong.

`read_csv` reads a list in any encoding and separator Excel uses in our languages (UTF-8 with or
without BOM, UTF-16 "Unicode text", CP932, GB18030; comma, semicolon or tab), keeps every column
of every row (for `{{row.COLUMN}}` placeholders and the `name` of customers created with their
ticket) and says what it found (`CsvList.report`).

A list is refused, naming the rows, rather than read wrong: a quote that is never closed or
that swallows the rows after it, a row with more cells than the header, an id that is not a
number on a row without an email, a cell over 128 KB. Only regular files are read, and at most
100 MB of them (a device or a pipe named by mistake would otherwise be read forever).
This module reads the one file it is given and nothing else.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.models import UserId

MAX_CSV_BYTES: Final = 100 * 1024 * 1024
"""A customer list larger than this is refused (200,000 rows of ten columns are about 30 MB)."""
MAX_CELL_CHARS: Final = 128 * 1024
"""A cell longer than this is no customer's data: the row is refused."""
MAX_NAMED_ROWS: Final = 10
"""How many row numbers a message names before it says "…"."""
READ_CHUNK_BYTES: Final = 1024 * 1024

EMAIL_COLUMNS: Final = ("email", "e-mail", "email address")
ID_COLUMNS: Final = ("id", "user_id")
NAME_COLUMNS: Final = ("name", "full name", "氏名", "名前", "お名前", "姓名", "名称")
"""Where a new customer's name is found (what Japanese and Chinese Excel lists call it too)."""
DELIMITERS: Final = (",", ";", "\t")
DELIMITER_NAMES: Final = {",": "comma", ";": "semicolon", "\t": "tab"}

_POSITIVE_ID: Final = re.compile(r"^\+?0*([1-9][0-9]{0,18})(?:\.0+)?$")
"""A positive integer; Excel may show an id column as 3101.0, which is still that id."""

_BOMS: Final = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# The field size limit is process-wide; cells are measured against MAX_CELL_CHARS below, with
# a message naming the row, instead of csv's own "field larger than field limit".
csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_BYTES))


@dataclass(frozen=True, slots=True)
class CsvEntry:
    """One distinct customer named by the file, by id or by email, with the row's cells."""

    line: int
    """The file's line number where the row starts (1 is the header), for messages."""
    user_id: UserId | None = None
    email: str | None = None
    """Trimmed as written; compared case-insensitively."""
    cells: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    """The row's cells by column name (trimmed, case-folded), each trimmed."""

    @property
    def label(self) -> str:
        """The row as a person would name it: its id or email."""
        if self.user_id is not None:
            return str(self.user_id)
        return self.email or ""

    @property
    def name(self) -> str:
        """The row's `name` cell ("" when the file has none)."""
        return next((self.cells[key] for key in NAME_COLUMNS if self.cells.get(key)), "")


@dataclass(frozen=True, slots=True)
class CsvList:
    """A customer list read from a CSV file: distinct entries in file order, and what was found."""

    path: Path
    entries: tuple[CsvEntry, ...]
    encoding: str
    delimiter: str
    columns: tuple[str, ...] = ()
    """The header's column names as written (trimmed), in file order."""
    rows: int = 0
    """Rows with an email or id (blank rows and rows with neither are not counted)."""
    repeats: int = 0
    """Rows naming a customer an earlier row already named."""
    ignored_rows: tuple[int, ...] = ()
    """Line numbers of rows with neither an email nor an id."""
    id_fallback_rows: tuple[int, ...] = ()
    """Line numbers whose id cell is not a number: matched by their email instead."""

    @property
    def ids(self) -> tuple[UserId, ...]:
        return tuple(entry.user_id for entry in self.entries if entry.user_id is not None)

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(entry.email for entry in self.entries if entry.email is not None)

    @property
    def column_keys(self) -> tuple[str, ...]:
        """The column names as `{{row.COLUMN}}` compares them (trimmed, case-folded)."""
        return tuple(dict.fromkeys(column_key(name) for name in self.columns if name))

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, self.delimiter)


def column_key(name: str) -> str:
    """How a column name is compared: trimmed (a BOM too) and case-folded."""
    return name.strip().strip("\ufeff").strip().casefold()


# -- errors -------------------------------------------------------------------------------------


def _error(source: str, path: Path, **params: object) -> CampaignFileError:
    return CampaignFileError("recipients.csv", source, path=str(path), **params)


def _rows_text(lines: Sequence[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:MAX_NAMED_ROWS])
    return shown + (", …" if len(lines) > MAX_NAMED_ROWS else "")


def _rows_error(
    source: str, path: Path, lines: Sequence[int], **params: object
) -> CampaignFileError:
    return _error(source, path, rows=_rows_text(lines), count=len(lines), **params)


UNCLOSED_QUOTE: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: the quote that opens on row {rows} is never closed, so every row "
    "after it would be lost. Fix that row (or save the file again from Excel) and try again.",
)
SWALLOWED_ROWS: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: a quote on row {rows} runs over the next lines, which would be read "
    "as part of that row and lost. Fix the quotes on that row and try again.",
)
BAD_QUOTES: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: row {rows} has a quote in the wrong place ({problem}). Fix that row "
    "and try again.",
)
TOO_MANY_CELLS: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: some rows have more cells than the header has columns (rows: "
    "{rows}). A separator inside a value that is not in quotes? Their columns would be wrong.",
)
BAD_IDS: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: some rows have an id that is not a number and no email to fall "
    "back on (rows: {rows}). Correct the ids or add the emails.",
)
CELL_TOO_LONG: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path}: some rows have a cell longer than {limit} characters (rows: "
    "{rows}); that is not a customer list. Check that this is the right file.",
)
TOO_LARGE: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path} is larger than {limit_mb} MB, more than a customer list can be. "
    "Check that this is the right file, or split the list.",
)
NOT_A_FILE: Final = QT_TRANSLATE_NOOP(
    "Errors", "recipients.csv: {path} is not a regular file (a folder or a device?)."
)
CANNOT_READ: Final = QT_TRANSLATE_NOOP("Errors", "recipients.csv: cannot read {path}: {reason}")
NOT_TEXT: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "recipients.csv: {path} is not readable text. Save it from Excel as "
    '"CSV UTF-8" (or as CSV in a Japanese or Chinese encoding) and try again.',
)
EMPTY: Final = QT_TRANSLATE_NOOP("Errors", "recipients.csv: {path} is empty.")
NO_COLUMN: Final = QT_TRANSLATE_NOOP(
    "Errors", "recipients.csv: {path} has no column named email or id in its first line."
)


# -- reading ------------------------------------------------------------------------------------


def read_csv(path: Path) -> CsvList:
    """Read a customer list: a column named `email` and/or `id` (or `user_id`), any others.

    Header names are matched case-insensitively after trimming; where a row has both, the id
    wins (an id that is not a number falls back to the row's email). Rows with neither, blank
    lines and repeated customers are left out (and counted). Raises CampaignFileError (key
    `recipients.csv`) naming the rows for a file that cannot be read right.
    """
    raw = read_bounded(path)
    text, encoding = decode_csv_bytes(raw, path)
    del raw
    return parse_csv_text(text, path, encoding)


def read_bounded(path: Path, limit: int = MAX_CSV_BYTES) -> bytes:
    """The bytes of a regular file, refusing anything larger than `limit` without reading it all."""
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _error(NOT_A_FILE, path)
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = handle.read(READ_CHUNK_BYTES)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise _error(TOO_LARGE, path, limit_mb=limit // (1024 * 1024))
                chunks.append(chunk)
    except IsADirectoryError:
        raise _error(NOT_A_FILE, path) from None
    except OSError as problem:
        raise _error(CANNOT_READ, path, reason=problem.strerror or str(problem)) from None
    return b"".join(chunks)


def decode_csv_bytes(raw: bytes, path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with (see `read_csv`)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                raise _error(NOT_TEXT, path) from None
    if b"\x00" in raw:
        # UTF-16 without a byte order mark shows as a zero in every other byte of its Latin
        # text (header, emails); anything else with NUL bytes is not text (and would pass as
        # UTF-8).
        bare = _bare_utf16(raw)
        if bare is None:
            raise _error(NOT_TEXT, path)
        return bare
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: a legacy Excel export. CP932 and GB18030 both accept many of the same byte
    # pairs, so decode with each and keep the reading that looks like real text.
    candidates: list[tuple[int, int, str, str]] = []
    for order, encoding in enumerate(("cp932", "gb18030")):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_implausible_characters(text, encoding), order, text, encoding))
    if not candidates:
        raise _error(NOT_TEXT, path)
    _, _, text, encoding = min(candidates)
    return text, encoding


def _bare_utf16(raw: bytes) -> tuple[str, str] | None:
    if len(raw) % 2:
        return None
    sample = raw[: 64 * 1024]
    pairs = len(sample) // 2
    even_zero = sum(1 for index in range(0, len(sample), 2) if sample[index] == 0)
    odd_zero = sum(1 for index in range(1, len(sample), 2) if sample[index] == 0)
    for zeros, encoding in ((odd_zero, "utf-16-le"), (even_zero, "utf-16-be")):
        if pairs and zeros >= 0.6 * pairs:
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if "\x00" in text else (text, encoding)
    return None


def _implausible_characters(text: str, encoding: str) -> int:
    """How many characters of a decoding are unlikely in a real customer list.

    Chinese text read as CP932 turns into half-width katakana and private-use characters;
    Japanese text read as GB18030 turns into characters outside GB2312, the set every
    simplified-Chinese name and word of everyday use comes from (and Excel's GBK exports
    mostly use), or into kana-free rare ideographs.
    """
    count = 0
    for character in text:
        code = ord(character)
        if code < 0x80:
            continue
        if 0xE000 <= code <= 0xF8FF:  # private use: never in a real name
            count += 2
        elif encoding == "cp932":
            if 0xFF61 <= code <= 0xFF9F:  # half-width katakana
                count += 1
        elif not _is_gb2312(character):
            count += 1
    return count


def _is_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Record:
    first_line: int
    last_line: int
    cells: list[str]


def _records(text: str, delimiter: str, path: Path) -> Iterator[_Record]:
    """The file's records with the lines they span; raises naming the row of a broken quote."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            row = previous + 1
            if "unexpected end of data" in str(problem):
                raise _rows_error(UNCLOSED_QUOTE, path, [row]) from None
            raise _rows_error(BAD_QUOTES, path, [row], problem=str(problem)) from None
        first, previous = previous + 1, reader.line_num
        yield _Record(first, reader.line_num, cells)


def _find_header(line: str) -> tuple[str, list[str]] | None:
    wanted = set(EMAIL_COLUMNS) | set(ID_COLUMNS)
    best: tuple[str, list[str]] | None = None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        keys = {column_key(cell) for cell in cells}
        if wanted & keys and (best is None or len(cells) > len(best[1])):
            best = (delimiter, cells)
    return best


def parse_csv_text(text: str, path: Path, encoding: str) -> CsvList:
    """Parse decoded CSV text (see `read_csv`)."""
    first_line = next((line for line in text.splitlines() if line.strip()), None)
    if first_line is None:
        raise _error(EMPTY, path)
    found = _find_header(first_line)
    if found is None:
        raise _error(NO_COLUMN, path)
    delimiter, _ = found

    records = _records(text, delimiter, path)
    header: _Record | None = None
    for record in records:
        if any(cell.strip() for cell in record.cells):
            header = record
            break
    if header is None:  # pragma: no cover - first_line is not blank
        raise _error(EMPTY, path)
    columns = [cell.strip().strip("\ufeff").strip() for cell in header.cells]
    keys = [column_key(name) for name in columns]
    index: dict[str, int] = {}
    for position, key in enumerate(keys):
        index.setdefault(key, position)
    id_column = next((index[name] for name in ID_COLUMNS if name in index), None)
    email_column = next((index[name] for name in EMAIL_COLUMNS if name in index), None)

    entries: list[CsvEntry] = []
    seen: set[tuple[str, str]] = set()
    rows = repeats = 0
    ignored: list[int] = []
    fallbacks: list[int] = []
    bad_ids: list[int] = []
    too_many: list[int] = []
    too_long: list[int] = []
    swallowed: list[int] = []
    width = len(columns)
    for record in records:
        cells = record.cells
        if not any(cell.strip() for cell in cells):
            continue
        line = record.first_line
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            too_many.append(line)
            continue
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            too_long.append(line)
            continue
        if record.last_line > record.first_line and _swallows_rows(cells, delimiter, width):
            swallowed.append(line)
            continue
        values = {
            key: cells[position].strip()
            for key, position in index.items()
            if key and position < len(cells)
        }

        def cell(column: int | None, cells: list[str] = cells) -> str:
            if column is None or column >= len(cells):
                return ""
            return cells[column].strip()

        id_text, email = cell(id_column), cell(email_column)
        entry: CsvEntry | None = None
        if id_text:
            match = _POSITIVE_ID.match(id_text)
            if match is not None:
                entry = CsvEntry(line, user_id=UserId(int(match.group(1))), cells=values)
            elif email:
                fallbacks.append(line)
            else:
                bad_ids.append(line)
                continue
        if entry is None and email:
            entry = CsvEntry(line, email=email, cells=values)
        if entry is None:
            ignored.append(line)
            continue
        rows += 1
        identity = (
            ("id", str(entry.user_id))
            if entry.user_id is not None
            else ("email", (entry.email or "").casefold())
        )
        if identity in seen:
            repeats += 1
            continue
        seen.add(identity)
        entries.append(entry)

    # Every problem is a reason to refuse: a list read with rows missing or shifted is wrong.
    if swallowed:
        raise _rows_error(SWALLOWED_ROWS, path, swallowed)
    if too_many:
        raise _rows_error(TOO_MANY_CELLS, path, too_many)
    if too_long:
        raise _rows_error(CELL_TOO_LONG, path, too_long, limit=MAX_CELL_CHARS)
    if bad_ids:
        raise _rows_error(BAD_IDS, path, bad_ids)
    return CsvList(
        path=path,
        entries=tuple(entries),
        encoding=encoding,
        delimiter=delimiter,
        columns=tuple(columns),
        rows=rows,
        repeats=repeats,
        ignored_rows=tuple(ignored),
        id_fallback_rows=tuple(fallbacks),
    )


def _swallows_rows(cells: Sequence[str], delimiter: str, width: int) -> bool:
    """Whether a cell spanning lines holds what looks like further rows of the file.

    A quoted cell may hold line breaks (an address); one whose later lines have the file's
    separators, or an email on a line of its own in a one-column list, is a quote left open.
    """
    for cell in cells:
        if "\n" not in cell and "\r" not in cell:
            continue
        for part in cell.splitlines()[1:]:
            if width > 1 and part.count(delimiter) >= width - 1:
                return True
            if width == 1 and "@" in part and " " not in part.strip():
                return True
    return False


# -- what the import found ----------------------------------------------------------------------

REPORT: Final = "CsvReport"
"""Translation context of the import report."""

ENCODING_NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32",
    "cp932": "Shift_JIS (CP932)",
    "gb18030": "GB18030",
}

_SEPARATOR_SENTENCES: Final = {
    ",": QT_TRANSLATE_NOOP("CsvReport", "{file}: {encoding} text, values separated by commas."),
    ";": QT_TRANSLATE_NOOP("CsvReport", "{file}: {encoding} text, values separated by semicolons."),
    "\t": QT_TRANSLATE_NOOP("CsvReport", "{file}: {encoding} text, values separated by tabs."),
}


def import_report(csv_list: CsvList, unknown_emails: int | None = None) -> list[Message]:
    """What the import found, sentence by sentence: encoding and separator, columns, rows,
    repeats, rows left out, and (once matched) the emails that match no customer."""
    report = [
        Message(
            REPORT,
            _SEPARATOR_SENTENCES.get(csv_list.delimiter, _SEPARATOR_SENTENCES[","]),
            {
                "file": csv_list.path.name,
                "encoding": ENCODING_NAMES.get(csv_list.encoding, csv_list.encoding),
            },
        ),
        Message(
            REPORT,
            QT_TRANSLATE_NOOP("CsvReport", "Columns: {columns}."),
            {"columns": ", ".join(name for name in csv_list.columns if name) or "-"},
        ),
        Message(
            REPORT,
            QT_TRANSLATE_NOOP(
                "CsvReport",
                "Rows with an email or id: {rows}; distinct customers: {distinct}; repeated "
                "rows left out: {repeats}.",
            ),
            {"rows": csv_list.rows, "distinct": len(csv_list.entries), "repeats": csv_list.repeats},
        ),
    ]
    if csv_list.ignored_rows:
        report.append(
            Message(
                REPORT,
                QT_TRANSLATE_NOOP("CsvReport", "Rows without an email or id, left out: {rows}."),
                {"rows": _rows_text(csv_list.ignored_rows)},
            )
        )
    if csv_list.id_fallback_rows:
        report.append(
            Message(
                REPORT,
                QT_TRANSLATE_NOOP(
                    "CsvReport",
                    "Rows whose id is not a number, matched by their email instead: {rows}.",
                ),
                {"rows": _rows_text(csv_list.id_fallback_rows)},
            )
        )
    if unknown_emails is not None:
        report.append(
            Message(
                REPORT,
                QT_TRANSLATE_NOOP("CsvReport", "Emails that match no customer: {count}."),
                {"count": unknown_emails},
            )
        )
    return report
