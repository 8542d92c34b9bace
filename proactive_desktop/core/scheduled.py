"""Use cases of scheduled campaigns: which are due, run them, pause and resume them.

The command line's `run-due` (for Task Scheduler, launchd, cron) and the wizard's background
scheduler call the same functions here, so both send the same customers at the same moments.
How a front end gets credentials for a campaign's account differs (environment or keychain, the
wizard's session), so `run_due` takes a `connect` callable that opens a client for a campaign.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from proactive_desktop.core.engine import CampaignEngine, CampaignSummary, journal_summary
from proactive_desktop.core.errors import ProactiveError
from proactive_desktop.core.events import OnEvent, ignore_events
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.journal import CampaignRecord, Counts, Journal
from proactive_desktop.core.models import CampaignState, normalise_name
from proactive_desktop.core.schedule import SYSTEM_CLOCK, Clock, SendGate, schedule_of
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.core.zendesk.client import ZendeskClient

log = logging.getLogger(__name__)

Connect = Callable[[CampaignRecord], AbstractContextManager[ZendeskClient]]
"""Opens a client for a campaign's account (its URL and agent email), or raises."""


@dataclass(frozen=True, slots=True)
class ScheduledCampaign:
    """A campaign with a schedule that has not finished: what the Start page lists."""

    record: CampaignRecord
    counts: Counts
    next_due: datetime | None
    """When its next customer comes due (None: none will, e.g. only in-flight ones are left)."""
    finishes_at: datetime | None
    in_flight: int

    @property
    def paused(self) -> bool:
        return self.record.paused

    def is_due(self, now: datetime) -> bool:
        """Whether running it now would do something: a customer due, or a send to settle."""
        if self.paused:
            return False
        if self.in_flight and self.record.state is not CampaignState.SCHEDULED:
            return True
        return self.next_due is not None and self.next_due <= now


@dataclass(frozen=True, slots=True)
class DueRun:
    """One campaign `run_due` ran: its summary afterwards, and the error that stopped it."""

    record: CampaignRecord
    summary: CampaignSummary
    error: ProactiveError | None = None


def scheduled_campaigns(
    journal: Journal, *, clock: Clock = SYSTEM_CLOCK
) -> list[ScheduledCampaign]:
    """Every unfinished campaign with a schedule, oldest first, with its next time."""
    found: list[ScheduledCampaign] = []
    for record in journal.scheduled_campaigns():
        schedule = schedule_of(record.definition)
        if schedule is None:
            continue
        gate = SendGate(schedule, journal, record.id, clock)
        found.append(
            ScheduledCampaign(
                record=record,
                counts=journal.totals(record.id),
                next_due=gate.next_due(),
                finishes_at=gate.finishes_at(SendTuning().seconds_per_ticket),
                in_flight=journal.in_flight_count(record.id),
            )
        )
    return found


def due_campaigns(journal: Journal, *, clock: Clock = SYSTEM_CLOCK) -> list[ScheduledCampaign]:
    """The scheduled campaigns to run now (not paused; a customer due or a send to settle)."""
    now = clock.now()
    return [each for each in scheduled_campaigns(journal, clock=clock) if each.is_due(now)]


def set_paused(journal: Journal, name: str, paused: bool) -> CampaignRecord:
    """Pause or resume the named scheduled campaign; returns it as it is now."""
    record = journal.find_campaign(name)
    if record is None or schedule_of(record.definition) is None:
        from proactive_desktop.core.engine import UnknownCampaignError

        raise UnknownCampaignError(
            QT_TRANSLATE_NOOP("Errors", 'There is no scheduled campaign named "{name}".'),
            name=normalise_name(name),
        )
    journal.set_paused(record.id, paused)
    return journal.campaign(record.id)


def run_due(
    journal: Journal,
    connect: Connect,
    *,
    clock: Clock = SYSTEM_CLOCK,
    tuning: SendTuning | None = None,
    on_event: Callable[[CampaignRecord], OnEvent] | None = None,
    on_start: Callable[[CampaignRecord], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[DueRun]:
    """Resume every due campaign, one after the other; a failing one does not stop the rest.

    `on_event(record)` gives the progress callback for that campaign. Cancel stops between
    campaigns and inside the running one (its state is then `stopped`, resumable).
    """
    cancel = cancel or threading.Event()
    runs: list[DueRun] = []
    for due in due_campaigns(journal, clock=clock):
        if cancel.is_set():
            break
        record = due.record
        if on_start is not None:
            on_start(record)
        events = on_event(record) if on_event is not None else ignore_events
        try:
            with connect(record) as client:
                engine = CampaignEngine(client, journal, tuning=tuning, clock=clock)
                summary = engine.resume(record.name, on_event=events, cancel=cancel)
        except ProactiveError as error:
            log.info("scheduled campaign %s stopped: %s", record.id, type(error).__name__)
            current = journal.campaign(record.id)
            runs.append(DueRun(current, journal_summary(journal, current, clock=clock), error))
            continue
        runs.append(DueRun(journal.campaign(record.id), summary))
    return runs
