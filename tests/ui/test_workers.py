"""The worker pattern: results on the GUI thread, stale generations dropped, coalesced events."""

from __future__ import annotations

import gc
import sys
import threading
import weakref

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from proactive_desktop.core.errors import NetworkError
from proactive_desktop.ui import workers
from proactive_desktop.ui.workers import BackgroundCall, CampaignRunner, Task


def test_background_call_delivers_on_the_gui_thread(qtbot: QtBot) -> None:
    got: list[object] = []
    threads: list[bool] = []

    def work(task: Task) -> int:
        threads.append(workers.is_gui_thread())
        task.report(1)
        return 42

    def succeeded(value: object) -> None:
        threads.append(workers.is_gui_thread())
        got.append(value)

    call = BackgroundCall(work, succeeded, got.append)
    with qtbot.waitSignal(call.running_changed, check_params_cb=lambda running: not running):
        call.start()
    assert got == [42]
    assert threads == [False, True]
    qtbot.waitUntil(lambda: workers.running_thread_count() == 0)


def test_a_newer_start_drops_the_older_result(qtbot: QtBot) -> None:
    got: list[object] = []
    release = threading.Event()

    def slow(task: Task) -> str:
        release.wait(5)
        return "stale"

    def fail(task: Task) -> str:
        raise NetworkError("No connection.", maybe_sent=False)

    call = BackgroundCall(slow, got.append, got.append)
    first = call.start()
    with qtbot.waitSignal(call.running_changed, check_params_cb=lambda running: not running):
        second = call.start(fail)
    release.set()
    assert second == first + 1
    assert workers.stop_all_threads()
    qtbot.wait(50)  # let any late queued result arrive: it must be dropped
    assert len(got) == 1
    assert isinstance(got[0], NetworkError)


def test_cancel_sets_the_event_and_drops_the_result(qtbot: QtBot) -> None:
    got: list[object] = []
    saw_cancel = threading.Event()

    def waits(task: Task) -> str:
        if task.cancel.wait(5):
            saw_cancel.set()
        return "late"

    call = BackgroundCall(waits, got.append, got.append)
    call.start()
    assert call.is_running
    call.cancel()
    assert not call.is_running
    assert workers.stop_all_threads()
    assert saw_cancel.is_set()
    qtbot.wait(50)
    assert got == []


def test_campaign_runner_coalesces_events_and_stops_on_cancel(qtbot: QtBot) -> None:
    def engine_call(on_event, cancel: threading.Event) -> str:
        for number in range(2000):
            on_event(number)
        cancel.wait(10)
        return "summary"

    runner = CampaignRunner(engine_call)
    batches: list[tuple[object, ...]] = []
    finished: list[object] = []
    runner.progressed.connect(batches.append)
    runner.finished.connect(finished.append)
    runner.start()
    qtbot.waitUntil(lambda: sum(len(batch) for batch in batches) == 2000)
    assert [event for batch in batches for event in batch] == list(range(2000))
    assert len(batches) < 20  # ~100 ms ticks, not one signal per event
    with qtbot.waitSignal(runner.stopped):
        runner.cancel()
    assert finished == ["summary"]
    assert not runner.is_running
    assert workers.running_thread_count() == 0


def test_emit_keeps_true_alive(qtbot: QtBot) -> None:
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        ping = Signal(object)

    source = Source()
    before = sys.getrefcount(True)
    for number in range(5000):
        workers.emit(source.ping, number)
    assert sys.getrefcount(True) >= before


class _Node:
    partner: object = None


def test_long_lived_objects_are_spared_full_collections_yet_freed_when_dropped() -> None:
    plain = _Node()
    freed: list[str] = []
    plain_ref = weakref.ref(plain, lambda _ref: freed.append("plain"))
    cycle = _Node()
    cycle.partner = cycle
    cycle_ref = weakref.ref(cycle)
    before = gc.get_freeze_count()

    workers.keep_out_of_full_collections()
    try:
        assert gc.get_freeze_count() > before
        del plain  # reference counting still frees it at once
        assert freed == ["plain"]
        assert plain_ref() is None
        # A full pass no longer visits what was alive: a dropped cycle stays (the price).
        del cycle
        gc.collect()
        assert cycle_ref() is not None
    finally:
        gc.unfreeze()
    gc.collect()
    assert cycle_ref() is None


def _workers_alive() -> list[QObject]:
    return list(workers._LIVE.values())  # type: ignore[arg-type]


def test_workers_are_destroyed_on_the_gui_thread_after_their_thread_ends(qtbot: QtBot) -> None:
    """Never in their own, finishing thread: QObject's destructor there would wait for the GIL
    while holding Qt's connection lock, and freeze a GUI thread that makes a connection."""
    destroyed_on: list[bool] = []

    def record_destruction() -> None:
        destroyed_on.append(workers.is_gui_thread())

    release = threading.Event()
    call = BackgroundCall(lambda task: release.wait(5), lambda _result: None, lambda _error: None)
    call.start()
    (short_worker,) = _workers_alive()
    short_worker.destroyed.connect(record_destruction, Qt.ConnectionType.DirectConnection)
    del short_worker

    runner = CampaignRunner(lambda on_event, cancel: release.wait(5))
    runner.start()
    campaign_worker = next(w for w in _workers_alive() if isinstance(w, workers.CampaignWorker))
    campaign_worker.destroyed.connect(record_destruction, Qt.ConnectionType.DirectConnection)
    del campaign_worker

    release.set()
    qtbot.waitUntil(lambda: len(destroyed_on) == 2, timeout=5_000)
    assert destroyed_on == [True, True]


@pytest.mark.parametrize(
    ("pyside", "python", "affected"),
    [
        ((6, 12, 0, "", ""), (3, 11, 9), True),
        ((6, 12, 0, "", ""), (3, 12, 0), False),
        ((6, 11, 2, "", ""), (3, 11, 9), False),
        ((6, 12, 1, "", ""), (3, 11, 9), False),
    ],
)
def test_the_emit_workaround_is_only_for_the_excluded_release(
    monkeypatch: pytest.MonkeyPatch,
    pyside: tuple[object, ...],
    python: tuple[int, ...],
    affected: bool,
) -> None:
    import PySide6

    monkeypatch.setattr(PySide6, "__version_info__", pyside)
    monkeypatch.setattr(sys, "version_info", python)
    assert workers._is_affected_release() is affected
