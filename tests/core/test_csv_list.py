"""Reading customer lists: separators, UTF-16, every column, and refusing what would read wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from proactive_desktop.core.csv_list import (
    MAX_CELL_CHARS,
    import_report,
    read_bounded,
    read_csv,
)
from proactive_desktop.core.errors import CampaignFileError

ROWS = [
    ("ann@example.com", "佐藤 花子", "A-1001"),
    ("bob@example.com", "Bob; Jr.", "A-1002"),
    ("chen@example.com", "陈 伟", "A-1003"),
]


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("separator", "encoding", "prefix", "detected"),
    [
        (";", "utf-8", b"", "utf-8"),  # European Excel writes semicolons
        ("\t", "utf-16-le", b"\xff\xfe", "utf-16"),  # Excel's "Unicode text"
        ("\t", "utf-8", b"", "utf-8"),
        (",", "utf-16-be", b"\xfe\xff", "utf-16"),
        (";", "cp932", b"", "cp932"),
    ],
)
def test_separators_and_utf16_read_every_column(
    tmp_path: Path, separator: str, encoding: str, prefix: bytes, detected: str
) -> None:
    def quoted(cell: str) -> str:
        return f'"{cell}"' if separator in cell else cell

    lines = [separator.join(["Email", " Name ", "order_no"])]
    lines += [separator.join(quoted(cell) for cell in row) for row in ROWS]
    rows = ROWS if encoding != "cp932" else [r for r in ROWS if r[0] != "chen@example.com"]
    if encoding == "cp932":
        lines = [line for line in lines if "陈" not in line]
    path = tmp_path / "list.csv"
    path.write_bytes(prefix + ("\r\n".join(lines) + "\r\n").encode(encoding))
    result = read_csv(path)
    assert result.encoding == detected
    assert result.delimiter == separator
    assert result.columns == ("Email", "Name", "order_no")
    assert result.column_keys == ("email", "name", "order_no")
    assert [(e.email, e.name, e.cells["order_no"]) for e in result.entries] == rows
    assert result.rows == len(rows)


def test_the_report_says_what_was_found(tmp_path: Path) -> None:
    text = (
        "id;email;order_no\n"
        "x1;ann@example.com;1\n"  # unreadable id: matched by email
        ";ANN@example.com;2\n"  # a repeat
        ";;3\n"  # neither email nor id
        "7;;4\n"
    )
    listed = read_csv(write(tmp_path, text))
    assert (listed.rows, listed.repeats, listed.ignored_rows, listed.id_fallback_rows) == (
        3,
        1,
        (4,),
        (2,),
    )
    report = [message.english() for message in import_report(listed, unknown_emails=1)]
    assert report == [
        "list.csv: UTF-8 text, values separated by semicolons.",
        "Columns: id, email, order_no.",
        "Rows with an email or id: 3; distinct customers: 2; repeated rows left out: 1.",
        "Rows without an email or id, left out: 4.",
        "Rows whose id is not a number, matched by their email instead: 2.",
        "Emails that match no customer: 1.",
    ]


def twenty_rows() -> list[str]:
    return [f"user{n}@example.com,User {n}" for n in range(1, 21)]


def test_an_unterminated_quote_on_the_first_row_is_refused_naming_it(tmp_path: Path) -> None:
    rows = twenty_rows()
    rows[0] = '"user1@example.com,User 1'
    path = write(tmp_path, "email,name\n" + "\n".join(rows) + "\n")
    with pytest.raises(CampaignFileError) as caught:
        read_csv(path)
    assert "the quote that opens on row 2 is never closed" in str(caught.value)
    assert caught.value.key == "recipients.csv"


def test_a_quote_that_swallows_the_next_rows_is_refused(tmp_path: Path) -> None:
    rows = twenty_rows()
    rows[2] = 'user3@example.com,"User 3'
    rows[5] = 'user6@example.com,User 6"'
    path = write(tmp_path, "email,name\n" + "\n".join(rows) + "\n")
    with pytest.raises(CampaignFileError, match="a quote on row 4 runs over the next lines"):
        read_csv(path)
    # A quoted cell with line breaks of its own (an address) is fine.
    path = write(tmp_path, 'email,address\na@example.com,"1 Main St\nTokyo"\n')
    assert read_csv(path).entries[0].cells["address"] == "1 Main St\nTokyo"


def test_rows_with_more_cells_than_the_header_are_refused_by_number(tmp_path: Path) -> None:
    text = "email,name\na@example.com,Ann\nb@example.com,Lee, Bob\nc@example.com,C,,\n"
    with pytest.raises(CampaignFileError, match=r"\(rows: 3\)"):
        read_csv(write(tmp_path, text))


def test_unreadable_ids_without_an_email_are_refused_naming_the_rows(tmp_path: Path) -> None:
    text = "id,email\n" + "".join(f"#{n},\n" for n in range(1, 21))
    with pytest.raises(CampaignFileError) as caught:
        read_csv(write(tmp_path, text))
    assert "(rows: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)" in str(caught.value)
    # With valid emails beside them, the 20 rows are matched by email: none vanishes.
    text = "id,email\n" + "".join(f"#{n},u{n}@example.com\n" for n in range(1, 21))
    listed = read_csv(write(tmp_path, text))
    assert len(listed.entries) == 20
    assert listed.id_fallback_rows == tuple(range(2, 22))


def test_a_cell_over_128_kb_is_refused_naming_the_row(tmp_path: Path) -> None:
    text = "email,notes\na@example.com,short\nb@example.com," + "x" * (MAX_CELL_CHARS + 1) + "\n"
    with pytest.raises(CampaignFileError, match=r"longer than 131072 characters \(rows: 3\)"):
        read_csv(write(tmp_path, text))


def test_only_regular_files_and_at_most_the_size_cap_are_read(tmp_path: Path) -> None:
    with pytest.raises(CampaignFileError, match="not a regular file"):
        read_csv(tmp_path)
    if os.name == "posix" and Path("/dev/zero").exists():
        with pytest.raises(CampaignFileError, match="not a regular file"):
            read_csv(Path("/dev/zero"))
    big = write(tmp_path, "email\n" + "a@example.com\n" * 100)
    with pytest.raises(CampaignFileError, match="larger than 0 MB"):
        read_bounded(big, limit=1000)
    assert read_bounded(big, limit=10_000).startswith(b"email")
