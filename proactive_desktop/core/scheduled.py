"""Use cases of scheduled campaigns: which are due, run them, pause and resume them.

The journal-only part (no network): the scheduled campaigns with their next time, which are due,
pausing. Running the due ones is `campaigns.run_due`, the use case the command line's `run-due`
(for Task Scheduler, launchd, cron) and the wizard's background scheduler both call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from proactive_desktop.core.journal import CampaignRecord, Counts, Journal
from proactive_desktop.core.models import CampaignState, normalise_name
from proactive_desktop.core.schedule import SYSTEM_CLOCK, Clock, SendGate, schedule_of
from proactive_desktop.core.sending import SendTuning

log = logging.getLogger(__name__)


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
    listed = scheduled_campaigns(journal, clock=clock)
    # Now after the list: a campaign due at once has its next time set to the moment it was read.
    now = clock.now()
    return [each for each in listed if each.is_due(now)]


def set_paused(journal: Journal, name: str, paused: bool) -> CampaignRecord:
    """Pause or resume the named scheduled campaign; returns it as it is now."""
    record = journal.find_campaign(name)
    if record is None or schedule_of(record.definition) is None:
        from proactive_desktop.core.engine import UnknownCampaignError

        raise UnknownCampaignError(normalise_name(name))
    journal.set_paused(record.id, paused)
    return journal.campaign(record.id)
