"""SendTableModel: Qt's model contract, coalesced updates, typed sort values."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.ui.models.send_table import Column, Role, SendTableModel

# The model reads the application palette and asserts it is used on the GUI thread.
pytestmark = pytest.mark.usefixtures("qapp")


@dataclass(frozen=True)
class FakeOutcome:
    """Shaped like the engine's CustomerOutcome; the model reads only these attributes."""

    user_id: int | None
    email: str | None
    name: str
    status: CustomerStatus
    ticket_id: int | None = None
    ticket_url: str | None = None
    reason: str | None = None


def waiting(count: int) -> list[FakeOutcome]:
    return [
        FakeOutcome(
            user_id=1000 + i,
            email=f"c{i}@example.com",
            name=f"Customer {i}",
            status=CustomerStatus.PENDING,
        )
        for i in range(count)
    ]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = SendTableModel()
    model.reset_rows(waiting(20))
    qtmodeltester.check(model, force_py=True)
    model.apply(
        [
            replace(
                waiting(20)[3],
                status=CustomerStatus.CREATED,
                ticket_id=7,
                ticket_url="http://127.0.0.1/agent/tickets/7",
            )
        ]
    )
    model.apply(
        [
            FakeOutcome(
                user_id=None,
                email="nobody@example.com",
                name="",
                status=CustomerStatus.SKIPPED,
                reason="no user with email …",
            )
        ]
    )
    qtmodeltester.check(model, force_py=True)


def test_display_per_column_and_link_role() -> None:
    model = SendTableModel()
    rows = waiting(3)
    model.reset_rows(rows)
    created = replace(
        rows[1],
        status=CustomerStatus.CREATED,
        ticket_id=51234,
        ticket_url="http://127.0.0.1:1/agent/tickets/51234",
    )
    model.apply([created])
    index = model.index(1, Column.TICKET)
    assert model.data(index) == "#51234"
    assert model.data(index, Role.TICKET_URL) == created.ticket_url
    assert model.data(model.index(1, Column.STATUS)) == "Created"
    assert model.data(model.index(0, Column.STATUS)) == "Waiting"
    assert model.data(model.index(0, Column.TICKET, QModelIndex()), Role.TICKET_URL) is None
    assert model.headerData(Column.REASON, Qt.Orientation.Horizontal) == "Reason"
    assert model.counts()[CustomerStatus.CREATED] == 1
    assert model.counts()[CustomerStatus.PENDING] == 2


def test_a_batch_of_updates_is_one_data_changed() -> None:
    model = SendTableModel()
    rows = waiting(500)
    model.reset_rows(rows)
    emitted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: emitted.append((top.row(), bottom.row())))

    model.apply(
        [replace(rows[row], status=CustomerStatus.FAILED, reason="boom") for row in (10, 480, 200)]
    )
    assert emitted == [(10, 480)]
    assert model.data(model.index(480, Column.REASON)) == "boom"
    assert model.data(model.index(200, Column.STATUS), Role.STATUS) == "failed"


def test_sort_role_is_typed() -> None:
    model = SendTableModel()
    rows = waiting(2)
    model.reset_rows(rows)
    model.apply(
        [
            replace(
                rows[0],
                status=CustomerStatus.CREATED,
                ticket_id=9,
                ticket_url="http://127.0.0.1/agent/tickets/9",
            )
        ]
    )
    assert model.data(model.index(0, Column.TICKET), Role.SORT) == 9
    assert model.data(model.index(1, Column.TICKET), Role.SORT) == -1


def test_reason_formatter_translates_at_display() -> None:
    model = SendTableModel()
    model.reset_rows(
        [
            FakeOutcome(
                user_id=1, email=None, name="A", status=CustomerStatus.SKIPPED, reason="suspended"
            )
        ]
    )
    model.reason_formatter = lambda reason: f"<{reason}>"
    assert model.data(model.index(0, Column.REASON)) == "<suspended>"
