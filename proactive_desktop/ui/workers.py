"""All threading of the wizard: short background calls and the campaign worker.

This is the only module that creates threads. Work runs in a QObject moved to its own QThread
(the "worker object" recipe of Qt's QThread reference); results come back to the GUI thread only
through queued signals, so no widget is ever touched off the GUI thread.

- `BackgroundCall` runs one short operation (the credential check, loading fields, a segment, a
  CSV) and hands its result to `on_success` or `on_failure` on the GUI thread. Every start gets a
  generation number; a result from an older generation (the user pressed the button again, or
  cancelled) is dropped.
- `CampaignWorker` runs one engine call (send, resume) and reports its events; `CampaignRunner`
  owns the thread on the GUI side and coalesces the events every ~100 ms so 100,000 customer
  updates do not flood the event loop.

Threads are never terminated: `cancel()` sets a `threading.Event` that the core checks in every
wait, and the thread ends when the call returns. Python references to each thread and its worker
are kept until the thread has ended (a parent-less QObject collected mid-flight crashes Qt).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Final, Protocol

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, SignalInstance, Slot

from proactive_desktop.core.errors import ProactiveError

log = logging.getLogger(__name__)

THROTTLE_INTERVAL_MS = 100
"""How often coalesced progress reaches the GUI: fast enough to feel live, cheap at 100k rows."""


AFFECTED_PYSIDE: Final = (6, 12, 0)
"""The PySide6 release whose `SignalInstance.emit()` returns `True` without owning a reference to
it, on CPython 3.11 (3.12 made `True` immortal): after a few hundred emits the interpreter aborts
("bool_dealloc: deallocating True"). pyproject.toml excludes it; `emit()` still guards an
installation that has it anyway (a pip that ignored the exclusion)."""


def _is_affected_release() -> bool:
    return tuple(PySide6.__version_info__[:3]) == AFFECTED_PYSIDE and sys.version_info < (3, 12)


class _EmitProbe(QObject):
    ping = Signal()


def _emit_drops_a_reference_to_true() -> bool:
    """Does `SignalInstance.emit()` lower the reference count of `True` (the affected release)?
    Gives back what the probe's own emits took."""
    probe = _EmitProbe()
    emits = 16
    before = sys.getrefcount(True)
    for _ in range(emits):
        probe.ping.emit()
    drops = before - sys.getrefcount(True) == emits
    if drops:
        for _ in range(emits):
            _give_back_true()
    return drops


def _give_back_true() -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


_EMIT_DROPS_TRUE: Final = _is_affected_release() and _emit_drops_a_reference_to_true()


def emit(signal: SignalInstance, *args: object) -> None:
    """Emit `signal` from Python. Every Python-side emit in the wizard goes through here.

    On every supported release this is `signal.emit(*args)`. Only on the excluded one
    (`AFFECTED_PYSIDE` on Python 3.11) does it give back the reference to `True` each emit takes.
    """
    signal.emit(*args)
    if _EMIT_DROPS_TRUE:
        _give_back_true()


class _Cancellable(Protocol):
    def cancel(self) -> None: ...


# Every running thread with its worker, until the thread has ended. Owners drop their own
# references when they are notified; this set also covers an owner deleted before its thread
# ended (a page closed mid-call), and lets the application stop everything on the way out.
_LIVE: dict[QThread, _Cancellable] = {}


def running_thread_count() -> int:
    """How many worker threads have not ended yet (tests check this after each test)."""
    return sum(1 for thread in _LIVE if not thread.isFinished())


def stop_all_threads(timeout_ms: int = 10_000) -> bool:
    """Cancel every worker and wait for its thread to end; True if all ended in time.

    Called once on the way out of the application (and by the tests' teardown). Every core wait is
    `cancel.wait(...)` and every request has a timeout, so this returns within seconds.
    """
    for worker in list(_LIVE.values()):
        worker.cancel()
    all_ended = True
    for thread in list(_LIVE):
        if thread.wait(timeout_ms):
            _LIVE.pop(thread, None)
        else:
            all_ended = False
            log.warning("A background thread did not stop within %d ms", timeout_ms)
    return all_ended


def keep_out_of_full_collections() -> None:
    """Spare every object alive now from the cyclic garbage collector's full passes.

    A full pass visits every tracked object while holding the GIL, whichever thread triggers it:
    with the program's modules and a loaded segment that is 30-60 ms in which the window cannot
    paint, at a random moment (docs/PERFORMANCE.md, GUI responsiveness). Called when long-lived
    objects have just been made (the window built, a segment loaded, a campaign planned). They are
    still freed by reference counting when dropped; only cycles among them would stay, and the
    program's data (customers, plans) holds none.
    """
    gc.freeze()


def is_gui_thread() -> bool:
    """True on the thread that runs the Qt event loop (model mutators assert it)."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _start_thread(worker: QObject, canceller: _Cancellable, name: str) -> QThread:
    """Move `worker` to a new thread and start it; `_forget_thread` ends both lifetimes.

    The worker is not given to `deleteLater`: that would destroy it in its own thread as the
    thread finishes, and QObject's destructor then tells each sender (the QThread, a Python
    object) while holding Qt's connection lock, which needs the GIL. If the GUI thread holds the
    GIL at that moment and makes a connection (any new widget does), each waits for the other:
    the window freezes for good. Python owns the worker instead, and the last reference goes on
    the GUI thread once the thread has ended (`_forget_thread`, `stop_all_threads`).
    """
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)  # type: ignore[attr-defined]
    _LIVE[thread] = canceller
    thread.start()
    return thread


def _forget_thread(thread: QThread) -> None:
    # `finished` reaches the GUI thread queued, possibly a moment before the thread has fully
    # returned; wait() makes destroying the QThread object and its worker safe (it returns at
    # once). Dropping the reference here destroys the worker on the GUI thread.
    thread.wait()
    _LIVE.pop(thread, None)


def _report_unexpected(error: BaseException) -> None:
    """A failure that is not a ProactiveError is a bug: hand it to the crash handler."""
    if not isinstance(error, ProactiveError):
        sys.excepthook(type(error), error, error.__traceback__)


class Task:
    """What a background function receives: the cancel flag and a progress reporter."""

    __slots__ = ("_report", "cancel")

    def __init__(self, cancel: threading.Event, report: Callable[[object], None]) -> None:
        self.cancel = cancel
        self._report = report

    @property
    def is_cancelled(self) -> bool:
        return self.cancel.is_set()

    def report(self, progress: object) -> None:
        """Send progress to the GUI (thread-safe; only the latest value is shown)."""
        self._report(progress)


class EventThrottle(QObject):
    """Collects values on the GUI thread and hands them over at most every `interval_ms`.

    `flushed` carries a tuple of everything collected since the last flush (in order).
    """

    flushed = Signal(object)

    def __init__(self, interval_ms: int = THROTTLE_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: list[object] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)

    @Slot(object)
    def add(self, value: object) -> None:
        self._pending.append(value)
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def flush(self) -> None:
        self._timer.stop()
        if self._pending:
            batch, self._pending = tuple(self._pending), []
            emit(self.flushed, batch)

    def discard(self) -> None:
        self._timer.stop()
        self._pending = []


# -- short operations -------------------------------------------------------------------------


class _CallWorker(QObject):
    succeeded = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, object)

    def __init__(self, fn: Callable[[Task], Any], generation: int) -> None:
        super().__init__()
        self._fn = fn
        self._generation = generation
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        task = Task(self._cancel, lambda value: emit(self.progressed, self._generation, value))
        try:
            result = self._fn(task)
        except Exception as error:  # noqa: BLE001 - the thread's boundary: the GUI decides
            emit(self.failed, self._generation, error)
        else:
            emit(self.succeeded, self._generation, result)
        finally:
            # Quit directly (thread-safe) rather than through a queued slot, so the thread ends
            # even while the GUI thread is waiting for it on the way out.
            self.thread().quit()


class BackgroundCall(QObject):
    """Runs `fn(task)` off the GUI thread; `on_success(result)` or `on_failure(error)` on it.

    Shaped like a query operation: `fn` gets a `Task` (its `cancel` Event and `report(progress)`),
    returns a value or raises. `start()` may be called again (optionally with another function,
    for example one that captured new field values; `fn` may then be None in the constructor):
    the previous run is cancelled and its result dropped. `cancel()` drops the current run;
    neither callback is called for it.

    Errors: a `ProactiveError` goes to `on_failure` (show `error_text(error)` inline). Anything
    else is a bug: it goes to the crash handler (`sys.excepthook`) and then to `on_failure`, so
    the page can leave its busy state.
    """

    running_changed = Signal(bool)

    def __init__(
        self,
        fn: Callable[[Task], Any] | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        on_progress: Callable[[Any], None] | None = None,
        parent: QObject | None = None,
        name: str = "background-call",
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._name = name
        self._generation = 0
        self._current: _CallWorker | None = None
        self._latest_progress: object = None
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(THROTTLE_INTERVAL_MS)
        self._progress_timer.timeout.connect(self._deliver_progress)

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_running(self) -> bool:
        return self._current is not None

    def start(self, fn: Callable[[Task], Any] | None = None) -> int:
        """Run `fn` (or the constructor's function); returns this run's generation."""
        if fn is not None:
            self._fn = fn
        if self._fn is None:
            raise ValueError("BackgroundCall.start() needs a function to run")
        was_running = self._abandon_current()
        self._generation += 1
        worker = _CallWorker(self._fn, self._generation)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.progressed.connect(self._progressed)
        thread = _start_thread(worker, worker, self._name)
        thread.finished.connect(self._thread_finished)
        self._current = worker
        if not was_running:
            emit(self.running_changed, True)
        return self._generation

    def cancel(self) -> None:
        """Stop the current run (it sees `task.cancel` set) and drop its result."""
        if self._abandon_current():
            self._generation += 1
            emit(self.running_changed, False)

    def _abandon_current(self) -> bool:
        self._progress_timer.stop()
        self._latest_progress = None
        if self._current is None:
            return False
        self._current.cancel()
        self._current = None
        return True

    def _is_current(self, generation: int) -> bool:
        return self._current is not None and generation == self._generation

    @Slot(int, object)
    def _progressed(self, generation: int, value: object) -> None:
        if self._on_progress is None or not self._is_current(generation):
            return
        self._latest_progress = value
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    @Slot()
    def _deliver_progress(self) -> None:
        if self._on_progress is not None and self._current is not None:
            self._on_progress(self._latest_progress)

    @Slot(int, object)
    def _succeeded(self, generation: int, result: object) -> None:
        if not self._is_current(generation):
            return
        self._finish()
        self._on_success(result)

    @Slot(int, object)
    def _failed(self, generation: int, error: BaseException) -> None:
        if not self._is_current(generation):
            return
        self._finish()
        _report_unexpected(error)
        self._on_failure(error)

    def _finish(self) -> None:
        self._progress_timer.stop()
        self._latest_progress = None
        self._current = None
        emit(self.running_changed, False)

    @Slot()
    def _thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            _forget_thread(thread)


# -- the campaign ----------------------------------------------------------------------------

OnEvent = Callable[[Any], None]
CampaignCall = Callable[[OnEvent, threading.Event], Any]
"""`call(on_event, cancel) -> CampaignSummary`, e.g.
`lambda on_event, cancel: engine.send(spec, plan, on_event=on_event, cancel=cancel)`."""


class CampaignWorker(QObject):
    """Runs one engine call in its own thread and turns its callbacks into signals.

    `progressed` carries each engine event (frozen dataclasses, safe across threads), `finished`
    the call's return value (a CampaignSummary), `failed` the exception. `cancel()` only sets the
    Event: call it directly from the GUI thread (a queued slot would never run while `run()`
    keeps this thread busy).
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, call: CampaignCall) -> None:
        super().__init__()
        self._call = call
        self._cancel = threading.Event()

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, event: object) -> None:
        emit(self.progressed, event)

    @Slot()
    def run(self) -> None:
        try:
            summary = self._call(self._report, self._cancel)
        except Exception as error:  # noqa: BLE001 - the thread's boundary: the GUI decides
            emit(self.failed, error)
        else:
            emit(self.finished, summary)
        finally:
            self.thread().quit()


class CampaignRunner(QObject):
    """The GUI-side owner of a `CampaignWorker` and its thread.

    Signals (all on the GUI thread): `progressed(tuple_of_events)` at most every ~100 ms,
    `finished(summary)` or `failed(error)` once, after the last `progressed`; then `stopped()`
    when the thread has ended — only then may the window close.
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    stopped = Signal()

    def __init__(
        self,
        call: CampaignCall,
        *,
        interval_ms: int = THROTTLE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._call = call
        self._worker: CampaignWorker | None = None
        self._thread: QThread | None = None
        self._is_cancelling = False
        self._throttle = EventThrottle(interval_ms, self)
        self._throttle.flushed.connect(self.progressed)

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def is_cancelling(self) -> bool:
        return self._is_cancelling

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("this campaign is already running")
        self._is_cancelling = False
        worker = CampaignWorker(self._call)
        worker.progressed.connect(self._throttle.add)
        worker.finished.connect(self._worker_finished)
        worker.failed.connect(self._worker_failed)
        self._worker = worker
        self._thread = _start_thread(worker, worker, "campaign")
        self._thread.finished.connect(self._thread_finished)

    def cancel(self) -> None:
        """Ask the engine to stop at its next check; `stopped` follows when it has."""
        if self._worker is not None:
            self._is_cancelling = True
            self._worker.cancel()

    @Slot(object)
    def _worker_finished(self, summary: object) -> None:
        self._throttle.flush()
        emit(self.finished, summary)

    @Slot(object)
    def _worker_failed(self, error: BaseException) -> None:
        self._throttle.flush()
        _report_unexpected(error)
        emit(self.failed, error)

    @Slot()
    def _thread_finished(self) -> None:
        thread = self._thread
        self._thread = None
        self._worker = None
        if thread is not None:
            _forget_thread(thread)
        emit(self.stopped)
