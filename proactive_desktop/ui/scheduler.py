"""The wizard's background scheduler: while the window is open, scheduled campaigns go out when due.

A QTimer on the GUI thread looks every minute (and at once when asked) and starts one
BackgroundCall that runs the core's `campaigns.run_due` — the very use case `run-due` runs from
Task Scheduler, launchd or cron — so the GUI thread never waits for the journal or the network.
A campaign the user is sending on the Send page at that moment is left alone (the engine refuses a
second sender of a campaign in this process, and the journal's lock another program), a paused
one too. Credentials are the wizard's: this session's connection for its own account, else what
the keychain keeps for the campaign's account; a campaign without either waits, and the Start page
says why.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from proactive_desktop.core import campaigns
from proactive_desktop.core.campaigns import DueRun
from proactive_desktop.core.schedule import SYSTEM_CLOCK, Clock
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.workers import BackgroundCall, Task, emit

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS: Final = 60_000
"""How often the scheduler looks for due campaigns (a window opens on a whole minute)."""


class DueScheduler(QObject):
    """Runs the due scheduled campaigns in the background, one pass at a time."""

    ran = Signal(object)
    """A pass ended: the list of DueRun (empty: nothing was due)."""
    running_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_INTERVAL_MS,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._clock = clock
        self.last_runs: list[DueRun] = []
        """The campaigns of the last pass (the Start page shows why one could not run)."""
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._call = BackgroundCall(
            self._run_due, self._ran, self._failed, parent=self, name="run-due"
        )
        self._call.running_changed.connect(self.running_changed)

    @property
    def is_running(self) -> bool:
        return self._call.is_running

    def start(self) -> None:
        """Look now, then every interval until `shutdown()`."""
        self._timer.start()
        self.check_now()

    @Slot()
    def check_now(self) -> None:
        """Start a pass unless one is under way (never blocks)."""
        if not self._call.is_running:
            self._call.start()

    def shutdown(self) -> None:
        """Stop looking; a campaign being sent stops safely and resumes at the next pass."""
        self._timer.stop()
        self._call.cancel()

    def _run_due(self, task: Task) -> list[DueRun]:
        workspace = dataclasses.replace(self._services.workspace(), clock=self._clock)
        return campaigns.run_due(workspace, cancel=task.cancel)

    def _ran(self, runs: list[DueRun]) -> None:
        self.last_runs = runs
        for each in runs:
            if each.error is not None:
                log.info("scheduled campaign waits: %s", type(each.error).__name__)
        emit(self.ran, runs)

    def _failed(self, error: BaseException) -> None:
        # The journal could not be read (another program holds it, a disk problem): the next
        # pass tries again; the Start page reads the journal itself and says what it finds.
        log.warning("the scheduled campaigns could not be run: %s", type(error).__name__)
        emit(self.ran, [])
