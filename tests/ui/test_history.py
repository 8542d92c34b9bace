"""History dialog: past campaigns from the journal, one campaign's table, retry, CSV export."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from proactive_desktop.core.export import EXPORT_COLUMNS, write_export_csv
from proactive_desktop.core.models import CustomerStatus


@dataclass(frozen=True)
class Row:
    user_id: int | None
    email: str | None
    name: str
    status: CustomerStatus
    ticket_id: int | None
    ticket_url: str | None
    reason: str | None


def test_export_is_utf8_with_bom_and_the_cli_columns(tmp_path: Path) -> None:
    target = tmp_path / "campaign.csv"
    target.write_text("an older export", encoding="utf-8")
    rows = [
        Row(
            1,
            "a@example.com",
            "山田 太郎",
            CustomerStatus.CREATED,
            7,
            "http://h/agent/tickets/7",
            None,
        ),
        Row(
            None,
            "x@example.com",
            "",
            CustomerStatus.SKIPPED,
            None,
            None,
            "no user with email x@example.com",
        ),
    ]
    assert write_export_csv(target, rows) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert tuple(table[0]) == EXPORT_COLUMNS
    assert table[1] == [
        "1",
        "a@example.com",
        "山田 太郎",
        "created",
        "7",
        "http://h/agent/tickets/7",
        "",
    ]
    assert table[2][0] == ""
    assert table[2][3] == "skipped"
    assert list(tmp_path.iterdir()) == [target]
