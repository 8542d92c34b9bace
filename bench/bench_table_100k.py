"""Benchmark: load and show 100,000 customers on the Select page (time and memory).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_table_100k.py [--rows N]

Builds a segment like a large account's (three custom user fields, 500 organizations), hands it
to the real Select page, shows it, and times what a user does there: the first paint, filtering,
select all / invert, sorting by name and by a number field, scrolling to the end. Memory is the
process's resident size (Linux /proc) before and after, and its peak.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.models import (
    Customer,
    FieldOption,
    Organization,
    OrganizationId,
    UserField,
    UserId,
)
from proactive_desktop.ui.models.customer_table import FIRST_FIELD_COLUMN, Column
from proactive_desktop.ui.pages.select import SelectPage
from proactive_desktop.ui.services import Services

PLANS = ("basic", "premium", "enterprise")
FIELDS = [
    UserField(
        1, "plan", "dropdown", "Plan", options=tuple(FieldOption(p.title(), p) for p in PLANS)
    ),
    UserField(2, "seats", "integer", "Seats"),
    UserField(3, "renewal_date", "date", "Renewal date"),
]


def rss_mib() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def make_segment(rows: int) -> tuple[list[Customer], dict[OrganizationId, Organization]]:
    organizations = {
        OrganizationId(i): Organization(OrganizationId(i), f"Organization {i} 株式会社")
        for i in range(1, 501)
    }
    customers = [
        Customer(
            id=UserId(10_000 + i),
            name=f"Customer {i} 顧客",
            email=f"customer{i}@example.com",
            organization_id=OrganizationId(1 + i % 500),
            tags=("vip",) if i % 7 == 0 else (),
            user_fields={
                "plan": PLANS[i % 3],
                "seats": (i * 37) % 1000,
                "renewal_date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            },
        )
        for i in range(rows)
    ]
    return customers, organizations


def timed(label: str, results: list[tuple[str, float]], step: Callable[[], Any]) -> None:
    app = QApplication.instance()
    assert app is not None
    started = time.perf_counter()
    step()
    app.processEvents()
    results.append((label, (time.perf_counter() - started) * 1000))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    app = QApplication([sys.argv[0]])
    results: list[tuple[str, float]] = []

    gc.collect()
    rss_start = rss_mib()
    started = time.perf_counter()
    customers, organizations = make_segment(args.rows)
    build_ms = (time.perf_counter() - started) * 1000
    rss_data = rss_mib()

    with tempfile.TemporaryDirectory() as folder:
        draft = CampaignDraft(
            customers=customers,
            organizations=organizations,
            user_fields=FIELDS,
            selected_ids={customer.id for customer in customers},
        )
        services = Services(
            data_dir=Path(folder),
            secrets=None,  # type: ignore[arg-type]  # the Select page uses neither
            settings=None,  # type: ignore[arg-type]
            save_settings=lambda _settings: None,
        )
        page = SelectPage(draft, services)
        page.resize(1000, 700)
        timed("hand the segment to the page (model reset)", results, page.initializePage)
        timed("show the page (first paint)", results, page.show)
        timed("select none", results, page.select_none)
        timed("select all", results, page.select_all)
        page.filter_edit.setText("customer 12")
        timed(
            "filter 'customer 12' (first filter builds the search text)", results, page.apply_filter
        )
        shown = page.proxy.rowCount()
        timed("invert selection within the filter", results, page.invert_selection)
        page.filter_edit.setText("premium 株式会社")
        timed("filter 'premium 株式会社' (search text cached)", results, page.apply_filter)
        page.filter_edit.setText("")
        timed("clear the filter", results, page.apply_filter)
        timed(
            "sort by name",
            results,
            lambda: page.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder),
        )
        timed(
            "sort by seats (integer field)",
            results,
            lambda: page.table.sortByColumn(FIRST_FIELD_COLUMN + 1, Qt.SortOrder.DescendingOrder),
        )
        timed("scroll to the last row", results, page.table.scrollToBottom)
        rss_end = rss_mib()
        selected = page.model.selected_count()
        page.close()

    print(f"Customer table benchmark — {args.rows:,} customers, {len(FIELDS)} user fields")
    print(f"Python {sys.version.split()[0]}, {sys.platform}")
    print(f"{'building the Customer values (not the UI)':58} {build_ms:9.1f} ms")
    for label, elapsed_ms in results:
        print(f"{label:58} {elapsed_ms:9.1f} ms")
    print(f"rows shown by 'customer 12': {shown:,}; selected at the end: {selected:,}")
    print(
        f"resident memory: {rss_start:.0f} MiB at start, {rss_data:.0f} MiB with the data, "
        f"{rss_end:.0f} MiB with the page shown (UI cost {rss_end - rss_data:.0f} MiB); "
        f"peak {peak_rss_mib():.0f} MiB"
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
