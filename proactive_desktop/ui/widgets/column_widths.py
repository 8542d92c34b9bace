"""Column widths that follow the text of a table's rows, measured cheaply.

`QTableView.resizeColumnToContents` asks the style for a size hint of every sampled cell: about
60 ms for 200 rows under a style sheet, long enough to freeze the window as a page appears, and
far too slow at 100,000 rows. Here only the few texts likely to be drawn widest are measured with
the view's font metrics, and the style's padding is taken once, from one real cell.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

SAMPLE_ROWS = 2000
"""Widths follow the content of this many rows, so fitting stays cheap at 100,000."""
MEASURED_TEXTS = 6
"""How many of the longest texts are measured, by characters and again by UTF-8 bytes (which
count a Japanese or Chinese character, drawn about twice as wide, as three)."""


def widest_texts(texts: Iterable[str]) -> set[str]:
    """The few `texts` likely to be drawn widest."""
    distinct = set(texts)
    return set(heapq.nlargest(MEASURED_TEXTS, distinct, key=len)) | set(
        heapq.nlargest(MEASURED_TEXTS, distinct, key=lambda text: len(text.encode()))
    )


def fit_column(
    view: QTableView, column: int, texts: Iterable[str], *, maximum: int | None = None
) -> None:
    """Size `column` to the widest of `texts` (at most `maximum` px), never below its heading."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    content = max((metrics.horizontalAdvance(text) for text in widest_texts(texts)), default=0)
    if content:
        # One pixel for the grid line, one because advances are fractional and round either way.
        content += _cell_padding(view, column) + (1 if view.showGrid() else 0) + 1
    if maximum is not None:
        content = min(content, maximum)
    header.resizeSection(column, max(content, header.sectionSizeHint(column)))


def _cell_padding(view: QTableView, column: int) -> int:
    """The margins the style adds around a cell's text in `column` (0 without rows)."""
    model = view.model()
    if model is None or model.rowCount() == 0:
        return 0
    index = model.index(0, column)
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    return max(view.sizeHintForIndex(index).width() - view.fontMetrics().horizontalAdvance(text), 0)
