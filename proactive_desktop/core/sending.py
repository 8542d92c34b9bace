"""The send loop: a journaled campaign's tickets, exactly once, as fast as the account allows.

How exactly-once holds (the journal is the single source of truth):

1. Before any request that may create tickets, its customers are marked in flight (a `sends` row,
   attempts + 1) and that is COMMITTED. A customer in flight is never picked for another request.
2. The job id is committed as soon as Zendesk answers; results are committed as they arrive,
   a job (or a single answer) per transaction. A created customer is never changed again.
3. Any outcome that is not certain — a timeout, a connection dropped after the request was written,
   a 5xx to a POST, a job that failed, was killed or was forgotten, or a crash anywhere between
   1 and 2 — leaves the customers in flight. They are *reconciled* before they may be sent again:
   the account is searched for their tickets by `external_id` (and by the campaign tag when many),
   and a customer is released to pending only when two look-ups `stable_s` apart found nothing.
4. A create_many whose answer was lost may be a job Zendesk accepted that waits in the account's
   queue (tens of seconds or minutes on a busy account) and creates its tickets later; a look-up
   before then proves nothing. So nothing is looked up while the account's job list shows a
   queued or working job, unknown to this run, that could hold them (same size). The wait is
   bounded (`lost_job_wait_limit_s`, then the run stops, resumable) and shown to the user.
5. A single POST carries the customer's Idempotency-Key: while Zendesk still remembers it, an
   uncertain POST is simply repeated (a repeat cannot make a second ticket); beyond the key's
   lifetime the account is searched first. A key refused as used with another body fails the
   customer after `idempotency_conflict_attempts`.
6. The account decides who sends a campaign: its first ticket goes alone, with the customer's key
   (the same in every journal) and this run's token beside the ticket. A second journal gets
   IdempotentRequestError, or finds that ticket by external id later, and stops before sending
   anything (CampaignClaimedError).

Speed: tickets go out in create_many jobs (one request for up to 100 tickets). Several jobs are kept
in flight side by side (Zendesk runs an account's jobs concurrently, a limited number queued), the
pending customers are spread over the parallel slots so all jobs finish about together (sized by how
far apart they really start: a round trip within the governor's burst), every open job is polled
with ONE show_many request per tick — when the next job should be done while customers wait for a
slot, when the last should be once all are sent, less and less often while jobs stay queued — and
every request is paced by the client's RateGovernor (so the campaign leaves the configured headroom
to agents and other integrations). When the macro adds a comment of the other visibility than the
campaign's, each ticket needs its own create (POST with Idempotency-Key) and then an update, paced
to Zendesk's 100 updates a minute; one of the same visibility is part of the first comment.

Cancel is checked between every step and every wait is `cancel.wait()` of at most a short slice;
a cancelled run leaves in-flight sends recorded, and the next run polls or reconciles them.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from proactive_desktop.core.errors import (
    AuthenticationError,
    CampaignClaimedError,
    CancelledError,
    IdempotencyConflictError,
    NetworkError,
    PermissionDeniedError,
    QueueTimeoutError,
    RateLimitedError,
    ServerError,
    ValidationError,
    ZendeskError,
)
from proactive_desktop.core.events import (
    CustomerOutcome,
    CustomerUpdated,
    JobsWaiting,
    OnEvent,
    Phase,
    PhaseChanged,
    ProgressCounts,
    SendProgress,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.journal import (
    CampaignRecord,
    CustomerRecord,
    CustomerResult,
    Journal,
    SendKind,
    SendRecord,
    SendState,
    split_run_token,
)
from proactive_desktop.core.models import CustomerStatus
from proactive_desktop.core.outage import OutageGuard
from proactive_desktop.core.rate import DEFAULT_BURST_SHARE
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import JobState, JobStatus, TicketRef

if TYPE_CHECKING:
    from proactive_desktop.core.schedule import SendGate

log = logging.getLogger(__name__)

CREATE_MANY_LIMIT: Final = 100
RATE_WINDOW_S: Final = 60.0
EXPECTED_START_DELAY_S: Final = 0.2
"""How long a job usually stays queued before it works (the first poll is timed with it)."""
EXPECTED_REQUEST_S: Final = 0.1
"""A request's round trip until measured (sizes the first jobs)."""
EXPECTED_SUBMIT_SPACING_S: Final = 0.12
"""How far apart jobs start within the governor's burst (a round trip and two journal commits),
for the plan's estimate."""
WAIT_SLICE_S: Final = 0.25
"""Longest single wait: Cancel is noticed within this (plus one request's time)."""


@dataclass(frozen=True, slots=True)
class SendTuning:
    """The send loop's knobs. The defaults fit a real account; tests shorten the waits."""

    max_jobs_in_flight: int = 30
    """Jobs kept side by side; Zendesk queues only about 30 per account (docs/ZENDESK.md)."""
    max_job_size: int = CREATE_MANY_LIMIT
    seconds_per_ticket: float = 0.15
    """A job's speed until measured (a recorded 100-ticket job took about 15 s)."""
    job_start_allowance_s: float = 5.0
    """How long a job may sit queued before it starts creating tickets."""
    reconcile_safety: float = 2.0
    """Factor on a job's expected run time before its tickets can no longer appear."""
    stable_s: float = 2.0
    """Two look-ups this far apart must both miss a ticket before it is declared missing."""
    single_quiet_s: float = 1.0
    """Wait after an uncertain single POST before looking its ticket up."""
    poll_min_s: float = 0.25
    poll_max_s: float = 3.0
    poll_ceiling_s: float = 30.0
    """Jobs that stay queued or working are polled less and less often, up to this interval."""
    job_wait_limit_s: float = 30 * 60.0
    """A job of this run still queued or working this long after it was sent stops the run
    (resumable, exit 3): the account's queue is stuck; the next run polls the job again."""
    lost_request_grace_s: float = 5.0
    """After a lost create_many answer, the request may still be landing in Zendesk's queue for
    this long; the account's job list is read only after it."""
    lost_job_poll_max_s: float = 15.0
    """Longest interval between two reads of the job list while a lost job may be queued."""
    lost_job_wait_limit_s: float = 30 * 60.0
    """How long the run waits for a job that may hold lost tickets before it stops (exit 3)."""
    idempotency_key_lifetime_s: float = 90 * 60.0
    """Zendesk remembers an Idempotency-Key about 2 hours: within this, an uncertain single POST
    is simply repeated with its key (a repeat cannot create a second ticket); beyond it, the
    account is searched for the ticket first."""
    idempotency_conflict_attempts: int = 3
    """A customer whose POST Zendesk refuses this many times as IdempotentRequestError fails."""
    outage_limit_s: float = 120.0
    """Without one successful answer for this long, the run stops (resumable)."""
    lookup_by_external_id_max: int = 20
    """Up to this many uncertain customers are looked up one by one; more sweep the tag first."""
    update_limit_per_minute: int = 100
    """Zendesk's own limit on ticket updates (macro comments), before headroom."""
    lease_renew_s: float = 10.0
    progress_interval_s: float = 0.5


@dataclass(slots=True)
class _OpenJob:
    send_id: int
    job_id: str
    customer_ids: tuple[int, ...]
    submitted_at: float
    sent_at_wall: float
    misses: int = 0
    last_seen: tuple[str, int | None] | None = None
    """(status, progress) at the last poll: an unchanged one means the job is stalled."""
    progress_at: tuple[float, int] | None = None
    """(when, tickets done) at the last poll that saw the job working."""


@dataclass(slots=True)
class _Uncertain:
    """In-flight customers whose outcome must be found in the account before any resend."""

    customer_ids: set[int]
    quiet_at: float
    """Wall-clock time after which no ticket of theirs can still appear."""
    misses: dict[int, int] = field(default_factory=dict)
    """How many consecutive look-ups found nothing, per customer."""
    next_lookup_at: float = 0.0
    lost_job_size: int | None = None
    """A lost create_many of this many tickets: the account's job list must show no queued or
    working job of that size before any look-up (None: nothing left queued to wait for)."""
    lost_since: float = 0.0
    """Wall-clock time the wait for the lost job began (its deadline counts from here)."""
    listing_interval_s: float = 0.0
    retry_with_key: bool = False
    """An uncertain single POST within its key's lifetime: repeat it, no look-up needed."""


class SendStopped(Exception):
    """Raised inside the loop when cancel was set; the journal is consistent."""


class CampaignSender:
    """Sends the pending customers of one journaled campaign until none is left or cancelled."""

    def __init__(
        self,
        client: ZendeskClient,
        journal: Journal,
        campaign: CampaignRecord,
        *,
        on_event: OnEvent,
        cancel: threading.Event,
        tuning: SendTuning,
        lease_owner: str | None = None,
        on_idle: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        gate: SendGate | None = None,
    ) -> None:
        self._client = client
        self._journal = journal
        self._campaign = campaign
        self._on_event = on_event
        self._cancel = cancel
        self._tuning = tuning
        self._lease_owner = lease_owner
        self._on_idle = on_idle
        """Called once when every customer is sent and the run only waits for Zendesk (the
        engine creates the campaign's view then, instead of after the last job)."""
        self._clock = clock
        self._wall = wall_clock
        self._gate = gate
        """A schedule's say on who is due now (None: every pending customer is)."""
        self._followup = dict(campaign.followup) if campaign.followup else None
        self._single = self._followup is not None
        self._open_jobs: dict[str, _OpenJob] = {}
        self._uncertain: list[_Uncertain] = []
        self._slots = max(1, tuning.max_jobs_in_flight)
        self._seconds_per_ticket = tuning.seconds_per_ticket
        self._measured_jobs = 0
        self._next_poll_at = 0.0
        self._outage = OutageGuard(
            client.governor, cancel, outage_limit_s=tuning.outage_limit_s, clock=clock
        )
        self._done_samples: deque[tuple[float, int]] = deque()
        self._new_requesters: dict[int, int] = {}
        """Customer row id → the user a ticket created for a new customer, when an answer or a
        look-up told it (a job's results give only ticket ids)."""
        self._last_progress_at = float("-inf")
        self._last_lease_at = clock()
        self._next_update_at = 0.0
        self._stalled_polls = 0
        self._request_s = EXPECTED_REQUEST_S
        self._next_listing_at = 0.0
        self._phase = Phase.SENDING
        self._waiting = JobsWaiting(0, 0)
        headroom = getattr(client.governor, "headroom", 0.2)
        updates_per_minute = max(1.0, tuning.update_limit_per_minute * (1.0 - headroom))
        self._update_interval_s = 60.0 / updates_per_minute

    # -- the loop -------------------------------------------------------------------------------

    def run(self) -> bool:
        """Send until every customer is recorded. False when cancelled first.

        Raises the ZendeskError that made it stop otherwise (authentication, permission, an
        outage longer than `outage_limit_s`); the journal is consistent in every case.
        """
        try:
            self._adopt_open_sends()
            self._report_progress(force=True)
            self._claim_campaign()
            while True:
                self._check_cancel()
                self._renew_lease()
                worked = self._step()
                if worked:
                    self._report_progress()
                    continue
                if self._is_finished():
                    self._enter_phase(Phase.SENDING)
                    self._report_progress(force=True)
                    return True
                if self._only_lost_jobs_left():
                    self._enter_phase(Phase.WAITING_FOR_LOST)
                self._use_idle_time()
                self._wait(self._next_wakeup() - self._clock())
        except SendStopped:
            self._report_progress(force=True)
            return False

    def _step(self) -> bool:
        """Do the most urgent piece of work; False when there is nothing to do right now."""
        now = self._clock()
        if self._open_jobs and now >= self._next_poll_at:
            self._poll_jobs()
            return True
        if self._listing_due():
            self._check_lost_jobs()
            return True
        due = [item for item in self._uncertain if self._is_due(item)]
        if due:
            self._reconcile(due)
            return True
        if self._single:
            if self._followup_due(now) and self._send_followups():
                return True
            return self._send_single()
        if len(self._open_jobs) < self._slots:
            return self._submit_job()
        return False

    def _use_idle_time(self) -> None:
        if self._on_idle is None or not self._open_jobs or self._has_sendable():
            return
        if self._journal.totals(self._campaign.id).created == 0:
            return
        idle, self._on_idle = self._on_idle, None
        idle()

    def _has_sendable(self) -> bool:
        return bool(self._sendable(1))

    def _is_finished(self) -> bool:
        if self._open_jobs or self._uncertain:
            return False
        if self._sendable(1):
            return False
        return not (self._single and self._journal.followups_due(self._campaign.id, 1))

    def _next_wakeup(self) -> float:
        now = self._clock()
        candidates = [now + self._tuning.poll_max_s]
        if self._open_jobs:
            candidates.append(self._next_poll_at)
        wall_now = self._wall()
        for item in self._uncertain:
            if item.lost_job_size is not None:
                at = max(item.quiet_at, self._next_listing_at)
            else:
                at = max(item.quiet_at, item.next_lookup_at)
            candidates.append(now + max(0.0, at - wall_now))
        if self._single and self._journal.followups_due(self._campaign.id, 1):
            candidates.append(self._next_update_at)
        return min(candidates)

    def _wait(self, seconds: float) -> None:
        remaining = max(0.0, seconds)
        while remaining > 0:
            if self._cancel.wait(min(remaining, WAIT_SLICE_S)):
                raise SendStopped
            remaining -= WAIT_SLICE_S

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise SendStopped

    def _renew_lease(self) -> None:
        if self._lease_owner is None:
            return
        now = self._clock()
        if now - self._last_lease_at >= self._tuning.lease_renew_s:
            self._journal.renew_lease(self._campaign.id, self._lease_owner)
            self._last_lease_at = now

    # -- resuming ------------------------------------------------------------------------------

    def _adopt_open_sends(self) -> None:
        """Sends left in flight by an earlier run (crash, kill, cancel): poll or reconcile."""
        for send in self._journal.open_sends(self._campaign.id):
            if send.kind == SendKind.BULK and send.job_id and send.state == SendState.ACCEPTED:
                age = max(0.0, self._wall() - send.sent_at)
                self._open_jobs[send.job_id] = _OpenJob(
                    send.id, send.job_id, send.customer_ids, self._clock() - age, send.sent_at
                )
            elif send.kind == SendKind.BULK:
                # Sent (perhaps) by a run that is gone: it can only have been sent before now.
                self._add_lost_job(send.customer_ids, send.size)
            else:
                self._add_uncertain_single(send)
        log.info(
            "Campaign %d: resuming with %d open job(s) and %d uncertain send(s)",
            self._campaign.id,
            len(self._open_jobs),
            len(self._uncertain),
        )

    # -- who is due ---------------------------------------------------------------------------

    def _sendable(self, limit: int) -> list[CustomerRecord]:
        """Up to `limit` pending customers that may get their ticket now."""
        if self._gate is None:
            return self._journal.sendable_customers(self._campaign.id, limit)
        due = self._gate.due_now()
        limit = min(limit, due.allowance)
        if limit <= 0 or not due.zones:
            return []
        return self._journal.sendable_customers(self._campaign.id, limit, zones=due.zones)

    def _sendable_count(self) -> int:
        if self._gate is None:
            return self._journal.sendable_count(self._campaign.id)
        due = self._gate.due_now()
        if due.allowance <= 0 or not due.zones:
            return 0
        return min(due.allowance, self._journal.sendable_count(self._campaign.id, zones=due.zones))

    def _today(self) -> str | None:
        """The day a ticket started now counts against (a schedule's `per_day`)."""
        return self._gate.due_now().day if self._gate is not None else None

    # -- bulk: create_many jobs ------------------------------------------------------------------

    def _job_size(self) -> int:
        """Size the next job so that the jobs filling the free slots all finish together.

        The free slots are filled one request apart (the governor's interval), so a later job
        should be smaller: job j of F, sent j intervals after the first, gets (T − j·interval) / t
        tickets, where t is the time per ticket and T the common finishing time that makes them
        add up to what is left. With 1,000 tickets and 30 slots that is 51 down to 15 tickets
        (about 8 s in all) instead of one 100-ticket job after another (150 s). Each slot that
        frees up later takes up to a full job.
        """
        sendable = self._sendable_count()
        free = min(self._slots - len(self._open_jobs), sendable)
        if sendable <= 0 or free <= 0:
            return 0
        return job_size_to_finish_together(
            sendable,
            free,
            seconds_per_ticket=self._seconds_per_ticket,
            spacing_s=self._submit_spacing_s(free),
            max_size=self._tuning.max_job_size,
        )

    def _submit_spacing_s(self, count: int) -> float:
        """How far apart the next `count` jobs will start: a request's round trip while the
        governor's burst lasts, its pacing interval after (one thread sends them in turn)."""
        governor = self._client.governor
        paced = 60.0 / max(governor.budget_per_minute, 1.0)
        waiting = governor.grant_spacing_s(count)
        # Within the burst a job starts one round trip after the last; paced ones wait their
        # slot, which the round trip overlaps.
        share_paced = min(1.0, waiting / paced) if paced > 0 else 0.0
        return share_paced * max(paced, self._request_s) + (1 - share_paced) * self._request_s

    def _timed_request(self, started: float) -> None:
        took = max(0.0, self._clock() - started)
        self._request_s = 0.7 * self._request_s + 0.3 * took

    def _submit_job(self) -> bool:
        size = self._job_size()
        if size == 0:
            return False
        batch = self._sendable(size)
        if not batch:
            return False
        send = self._journal.start_send(
            self._campaign.id, SendKind.BULK, [c.id for c in batch], day=self._today()
        )
        if not send.customer_ids:
            return False
        by_id = {c.id: c for c in batch}
        tickets = [_ticket(by_id[i]) for i in send.customer_ids]
        self._check_cancel_releasing(send)
        started = self._clock()
        try:
            job = self._client.create_many_tickets(tickets)
        except CancelledError:
            # The governor refused the request before it was sent.
            self._journal.release_send(send.id)
            raise SendStopped from None
        except (ServerError, NetworkError) as error:
            if isinstance(error, NetworkError) and not error.maybe_sent:
                self._journal.release_send(send.id)
                self._transient_failure(error)
                return True
            log.warning(
                "create_many of %d ticket(s) uncertain (%s); reconciling before any resend",
                send.size,
                type(error).__name__,
            )
            self._journal.mark_uncertain(send.id)
            self._add_lost_job(send.customer_ids, send.size, request_s=self._clock() - started)
            self._transient_failure(error)
            return True
        except RateLimitedError as error:
            # Not processed. Perhaps too many jobs queued on the account: use fewer slots.
            self._journal.release_send(send.id)
            self._slots = max(1, len(self._open_jobs))
            self._transient_failure(error)
            return True
        except ValidationError as error:
            # The whole request was refused: nothing was created.
            self._record(
                [
                    CustomerResult(i, CustomerStatus.FAILED, reason=error.details or str(error))
                    for i in send.customer_ids
                ]
            )
            return True
        except (AuthenticationError, PermissionDeniedError):
            self._journal.release_send(send.id)
            raise
        except ZendeskError:
            # Any other answer (404, 409, …) to a POST: do not guess, reconcile.
            self._journal.mark_uncertain(send.id)
            self._add_lost_job(send.customer_ids, send.size, request_s=self._clock() - started)
            raise
        self._timed_request(started)
        self._journal.record_job_id(send.id, job.id)
        self._succeeded()
        now = self._clock()
        self._open_jobs[job.id] = _OpenJob(send.id, job.id, send.customer_ids, now, send.sent_at)
        self._schedule_poll(now)
        log.debug("Job %s queued with %d ticket(s)", job.id, send.size)
        return True

    def _check_cancel_releasing(self, send: SendRecord) -> None:
        if self._cancel.is_set():
            self._journal.release_send(send.id)
            raise SendStopped

    def _expected_done_at(self, job: _OpenJob) -> float:
        """When the job should be done: from its progress at the last poll once it works,
        else from when it was sent (a queued job starts after EXPECTED_START_DELAY_S)."""
        if job.progress_at is not None:
            seen_at, done = job.progress_at
            return seen_at + (len(job.customer_ids) - done) * self._seconds_per_ticket
        return (
            job.submitted_at
            + len(job.customer_ids) * self._seconds_per_ticket
            + EXPECTED_START_DELAY_S
        )

    def _schedule_poll(self, now: float) -> None:
        if not self._open_jobs:
            return
        expected = [self._expected_done_at(job) for job in self._open_jobs.values()]
        submitting = self._has_sendable()
        # While customers wait for a slot, poll when the first job should be done (its slot
        # takes the next job); once all are sent, when the last should be: polls in between
        # would only cost budget, not finish sooner.
        soonest = min(expected) if submitting else max(expected)
        # Keep polls to a small share of the budget while jobs are being submitted.
        interval = 60.0 / max(self._client.governor.budget_per_minute, 1.0)
        floor = now + max(self._tuning.poll_min_s, 3 * interval if submitting else 0.0)
        # Jobs that stay queued or working past their time (a busy account's queue) are polled
        # less and less often, up to the ceiling: each poll that shows no change stretches it.
        stretch = self._tuning.poll_max_s * 1.5 ** max(0, self._stalled_polls - 1)
        latest = now + min(self._tuning.poll_ceiling_s, max(self._tuning.poll_max_s, stretch))
        if self._stalled_polls:
            backoff = self._tuning.poll_min_s * 2**self._stalled_polls
            floor = max(floor, now + min(self._tuning.poll_ceiling_s, backoff))
        self._next_poll_at = min(max(soonest, floor), latest)

    def _poll_jobs(self) -> None:
        ids = list(self._open_jobs)
        try:
            statuses = self._client.job_statuses(ids)
        except CancelledError:
            raise SendStopped from None
        except (ServerError, NetworkError, RateLimitedError) as error:
            self._transient_failure(error)
            self._next_poll_at = self._clock() + self._tuning.poll_min_s
            return
        self._succeeded()
        now = self._clock()
        seen = {status.id: status for status in statuses}
        changed = False
        for job_id in ids:
            job = self._open_jobs[job_id]
            status = seen.get(job_id)
            if status is None:
                job.misses += 1
                if job.misses >= 2:
                    # Zendesk forgot the job (results expire): find its tickets in the account.
                    log.warning("Job %s is no longer known; reconciling its customers", job_id)
                    del self._open_jobs[job_id]
                    self._journal.mark_uncertain(job.send_id)
                    self._add_uncertain(set(job.customer_ids), self._job_quiet_at(job))
                continue
            job.misses = 0
            if status.is_finished:
                changed = True
                del self._open_jobs[job_id]
                self._finish_job(job, status, now)
                continue
            seen_now = (status.status, status.progress)
            changed = changed or seen_now != job.last_seen
            job.last_seen = seen_now
            if status.status == JobState.WORKING and status.progress is not None:
                job.progress_at = (now, status.progress)
        self._stalled_polls = 0 if changed else self._stalled_polls + 1
        self._check_job_deadline(now)
        overdue = [j for j in self._open_jobs.values() if now > self._expected_done_at(j)]
        self._show_waiting(queued_jobs=len(overdue) if self._stalled_polls else 0)
        self._schedule_poll(now)

    def _check_job_deadline(self, now: float) -> None:
        late = [
            job
            for job in self._open_jobs.values()
            if now - job.submitted_at > self._tuning.job_wait_limit_s
        ]
        if late:
            raise QueueTimeoutError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Zendesk has not run {jobs} job(s) of this campaign ({tickets} ticket(s)) "
                    "within {minutes} minutes. The campaign is stopped; the jobs are recorded "
                    "and the next run picks them up where they are.",
                ),
                jobs=len(late),
                tickets=sum(len(job.customer_ids) for job in late),
                minutes=round(self._tuning.job_wait_limit_s / 60),
            )

    def _finish_job(self, job: _OpenJob, status: JobStatus, now: float) -> None:
        results: list[CustomerResult] = []
        answered: set[int] = set()
        for result in status.results:
            if not 0 <= result.index < len(job.customer_ids):
                continue
            customer_id = job.customer_ids[result.index]
            if customer_id in answered:
                continue
            if result.ticket_id is not None:
                results.append(
                    CustomerResult(customer_id, CustomerStatus.CREATED, ticket_id=result.ticket_id)
                )
            elif result.error or result.details:
                reason = result.details or result.error or ""
                results.append(CustomerResult(customer_id, CustomerStatus.FAILED, reason=reason))
            else:
                continue
            answered.add(customer_id)
        self._record(results)
        unanswered = [i for i in job.customer_ids if i not in answered]
        if status.status == JobState.COMPLETED and not unanswered:
            self._measure(job, now)
        if unanswered:
            log.warning(
                "Job %s ended %s without a result for %d ticket(s); reconciling them",
                job.job_id,
                status.status,
                len(unanswered),
            )
            self._journal.mark_uncertain(job.send_id)
            # A failed or killed job creates nothing more; still look twice, `stable_s` apart.
            self._add_uncertain(set(unanswered), self._wall())

    def _measure(self, job: _OpenJob, now: float) -> None:
        """Learn the time per ticket from a finished job (an upper bound: polls are coarse)."""
        size = len(job.customer_ids)
        if size < 5:
            return
        observed = max(0.0, now - job.submitted_at) / size
        self._measured_jobs += 1
        if self._measured_jobs == 1:
            self._seconds_per_ticket = observed
        else:
            self._seconds_per_ticket = 0.7 * self._seconds_per_ticket + 0.3 * observed

    # -- single POSTs (a macro that adds a comment) ----------------------------------------------

    def _send_single(self) -> bool:
        batch = self._sendable(1)
        if not batch:
            return False
        self._send_one(batch[0])
        return True

    def _send_one(self, customer: CustomerRecord) -> None:
        """One POST /tickets with the customer's Idempotency-Key (and run token, when it is the
        campaign's claim); the outcome is recorded, or the customer is left to reconcile."""
        send = self._journal.start_send(
            self._campaign.id, SendKind.SINGLE, [customer.id], day=self._today()
        )
        if not send.customer_ids:
            return
        self._check_cancel_releasing(send)
        key, run_token = split_run_token(customer.idempotency_key)
        started = self._clock()
        try:
            created = self._client.create_ticket(
                _ticket(customer), idempotency_key=key, run_token=run_token
            )
        except CancelledError:
            self._journal.release_send(send.id)
            raise SendStopped from None
        except (ServerError, NetworkError) as error:
            if isinstance(error, NetworkError) and not error.maybe_sent:
                self._journal.release_send(send.id)
            else:
                self._journal.mark_uncertain(send.id)
                self._add_uncertain_single(send)
            self._transient_failure(error)
            return
        except RateLimitedError as error:
            self._journal.release_send(send.id)
            self._transient_failure(error)
            return
        except IdempotencyConflictError as error:
            self._idempotency_conflict(customer, send, run_token, error)
            return
        except ValidationError as error:
            reason = error.details or str(error)
            self._record([CustomerResult(customer.id, CustomerStatus.FAILED, reason=reason)])
            return
        except (AuthenticationError, PermissionDeniedError):
            self._journal.release_send(send.id)
            raise
        except ZendeskError:
            self._journal.mark_uncertain(send.id)
            self._add_uncertain_single(send)
            raise
        self._timed_request(started)
        self._succeeded()
        if created.idempotency_hit:
            log.info("Customer row %d: Zendesk answered from its idempotency key", customer.id)
        if customer.new_customer and created.requester_id is not None:
            self._new_requesters[customer.id] = created.requester_id
        self._record([CustomerResult(customer.id, CustomerStatus.CREATED, ticket_id=created.id)])

    def _idempotency_conflict(
        self,
        customer: CustomerRecord,
        send: SendRecord,
        run_token: str | None,
        error: IdempotencyConflictError,
    ) -> None:
        """Zendesk refused the key: it was used with another body. Nothing was created by it."""
        if run_token is not None:
            # The campaign's claim: another journal sent this customer first, with its own run
            # token. It owns the campaign; this run sends nothing more.
            self._journal.release_send(send.id)
            raise CampaignClaimedError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" is being sent from another computer or data folder: '
                    "Zendesk refused its first ticket, for {customer}, because another run had "
                    "already sent it with the same idempotency key. Nothing more was sent from "
                    "here.",
                ),
                name=self._campaign.name,
                customer=_who(customer),
            )
        attempts = customer.attempts + 1
        log.warning(
            "Idempotency conflict for customer row %d (attempt %d): %s",
            customer.id,
            attempts,
            error,
        )
        if attempts >= self._tuning.idempotency_conflict_attempts:
            # Bounded: repeating cannot help until Zendesk forgets the key (hours). The
            # look-ups after the earlier refusals found no ticket, so none was created.
            reason = f"{_IDEMPOTENCY_REFUSED} {error.details or error}"
            self._record([CustomerResult(customer.id, CustomerStatus.FAILED, reason=reason)])
            return
        # Something else sent for this customer: find out what exists before anything else.
        self._journal.mark_uncertain(send.id)
        self._add_uncertain(set(send.customer_ids), self._wall())

    # -- the campaign's claim in the account -----------------------------------------------------

    def _claim_campaign(self) -> None:
        """Make sure no other journal sends this campaign, before any job goes out.

        The journal is one computer's memory; the account is the truth. The first ticket of a
        campaign goes alone, as a POST with the customer's Idempotency-Key (derived from the
        campaign tag and the customer, so every journal sends the same key) and a token of this
        run beside the ticket. Two runs starting together cannot both win: the second gets
        IdempotentRequestError (same key, another body). A run that comes later finds that
        customer's ticket by its external id (no search index involved), also long after
        Zendesk has forgotten the key. Either way this run stops before sending anything.
        """
        self._check_cancel()
        zones = None
        if self._gate is not None:
            # A scheduled campaign claims with a customer who is due now; none due: no ticket
            # goes out in this run, and the next run claims.
            now_due = self._gate.due_now()
            if now_due.allowance <= 0 or not now_due.zones:
                return
            zones = now_due.zones
        candidate = self._journal.claim_candidate(self._campaign.id, zones=zones)
        if candidate is None:
            return
        if not self._has_run_token(candidate):
            self._refuse_if_sent_elsewhere(candidate)
            self._journal.set_run_token(candidate.id, secrets.token_hex(12))
        log.info("Campaign %d: claiming it with customer row %d", self._campaign.id, candidate.id)
        while True:
            self._check_cancel()
            [customer] = self._journal.customers_by_id([candidate.id])
            if customer.status is not CustomerStatus.PENDING:
                if customer.status is CustomerStatus.CREATED:
                    return
                # Zendesk refused the ticket itself (422): claim with the next customer.
                self._claim_campaign()
                return
            if not customer.is_in_flight:
                self._send_one(customer)
                continue
            due = [item for item in self._uncertain if self._is_due(item)]
            if due:
                self._reconcile(due)
            else:
                self._wait(self._next_wakeup() - self._clock())

    @staticmethod
    def _has_run_token(customer: CustomerRecord) -> bool:
        return split_run_token(customer.idempotency_key)[1] is not None

    def _refuse_if_sent_elsewhere(self, customer: CustomerRecord) -> None:
        if customer.external_id is None:
            return
        try:
            tickets = [
                t
                for t in self._client.tickets_by_external_id(customer.external_id)
                if _is_ours(t, customer, self._campaign.tag)
            ]
        except CancelledError:
            raise SendStopped from None
        self._succeeded()
        if tickets:
            raise CampaignClaimedError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" has already been sent from another computer or data '
                    "folder: Zendesk has its ticket #{ticket_id} for {customer} (found by the "
                    "ticket's external id), which this computer did not create. Nothing was "
                    "sent from here.",
                ),
                name=self._campaign.name,
                ticket_id=min(t.id for t in tickets),
                customer=_who(customer),
            )

    def _followup_due(self, now: float) -> bool:
        return now >= self._next_update_at

    def _send_followups(self) -> bool:
        """Add the macro's comment to one created ticket (paced to the update limit)."""
        assert self._followup is not None
        due = self._journal.followups_due(self._campaign.id, 1)
        if not due:
            return False
        customer = due[0]
        assert customer.ticket_id is not None
        self._next_update_at = self._clock() + self._update_interval_s
        try:
            self._client.update_ticket(customer.ticket_id, {"comment": self._followup})
        except CancelledError:
            raise SendStopped from None
        except NetworkError as error:
            if not error.maybe_sent:
                self._transient_failure(error)
                return True
            # An update has no idempotency key: sending it again could email the customer
            # twice, which is worse than a missing macro comment. Record and move on.
            self._journal.record_followups_done([customer.id], reason=_FOLLOWUP_UNCERTAIN)
            self._transient_failure(error)
            return True
        except ServerError as error:
            self._journal.record_followups_done([customer.id], reason=_FOLLOWUP_UNCERTAIN)
            self._transient_failure(error)
            return True
        except RateLimitedError as error:
            self._transient_failure(error)
            return True
        except (AuthenticationError, PermissionDeniedError):
            raise
        except ZendeskError as error:
            self._journal.record_followups_done([customer.id], reason=f"{_FOLLOWUP_FAILED} {error}")
            return True
        self._succeeded()
        self._journal.record_followups_done([customer.id])
        return True

    # -- reconciling ---------------------------------------------------------------------------

    def _quiet_at(self, send: SendRecord) -> float:
        """When no ticket of this send can still appear (wall clock).

        Counted from NOW, not from when the send was marked: the client may have held the
        request back (a Retry-After) before it left, and after a crash the dead process can
        only have sent it before now. A lost create_many may still be queued or running:
        allow for its start and for its size at the measured speed, with a safety factor.
        """
        base = max(self._wall(), send.sent_at)
        if send.kind == SendKind.SINGLE:
            return base + self._tuning.single_quiet_s
        return base + self._bulk_run_allowance(send.size)

    def _job_quiet_at(self, job: _OpenJob) -> float:
        return max(self._wall(), job.sent_at_wall) + self._bulk_run_allowance(len(job.customer_ids))

    def _bulk_run_allowance(self, size: int) -> float:
        per_ticket = max(self._seconds_per_ticket, self._tuning.seconds_per_ticket)
        run_s = size * per_ticket * self._tuning.reconcile_safety
        return self._tuning.job_start_allowance_s + run_s

    def _add_uncertain(self, customer_ids: Iterable[int], quiet_at: float) -> None:
        ids = set(customer_ids)
        if ids:
            self._uncertain.append(_Uncertain(ids, quiet_at))

    def _add_uncertain_single(self, send: SendRecord) -> None:
        """An uncertain single POST: repeated with its key while Zendesk still remembers it
        (a repeat cannot make a second ticket), else looked up in the account first."""
        ids = set(send.customer_ids)
        if not ids:
            return
        now = self._wall()
        within_key_lifetime = now - send.sent_at < self._tuning.idempotency_key_lifetime_s
        self._uncertain.append(
            _Uncertain(ids, now + self._tuning.single_quiet_s, retry_with_key=within_key_lifetime)
        )

    def _add_lost_job(
        self, customer_ids: Iterable[int], size: int, *, request_s: float = 0.0
    ) -> None:
        """A create_many whose answer was lost: its job may be queued and run much later.

        Nothing is looked up (a look-up before the job ran finds nothing) until the account's
        job list shows no queued or working job that could hold these tickets. The list is read
        first after the grace, or after as long as the request itself took (a request Zendesk
        held until the read timed out may still be landing in its queue as late again).
        """
        ids = set(customer_ids)
        if not ids:
            return
        now = self._wall()
        self._uncertain.append(
            _Uncertain(
                ids,
                now + max(self._tuning.lost_request_grace_s, request_s),
                lost_job_size=max(size, len(ids)),
                lost_since=now,
                listing_interval_s=self._tuning.poll_min_s,
            )
        )

    def _is_due(self, item: _Uncertain) -> bool:
        if item.lost_job_size is not None:
            return False
        now = self._wall()
        return now >= item.quiet_at and now >= item.next_lookup_at

    # -- lost create_many answers: wait while the account may still run their job ---------------

    def _waiting_for_lost(self) -> list[_Uncertain]:
        return [item for item in self._uncertain if item.lost_job_size is not None]

    def _listing_due(self) -> bool:
        now = self._wall()
        return now >= self._next_listing_at and any(
            now >= item.quiet_at for item in self._waiting_for_lost()
        )

    def _only_lost_jobs_left(self) -> bool:
        if self._open_jobs or not self._waiting_for_lost():
            return False
        return not self._sendable(1)

    def _check_lost_jobs(self) -> None:
        """Read the account's job list; release to look-up the lost sends no job may hold."""
        try:
            jobs, complete = self._client.recent_job_statuses()
        except CancelledError:
            raise SendStopped from None
        except (ServerError, NetworkError, RateLimitedError) as error:
            self._transient_failure(error)
            self._next_listing_at = self._wall() + self._tuning.poll_min_s
            return
        self._succeeded()
        now = self._wall()
        # Jobs this run knows by id are polled as usual; any other queued or working job of
        # the right size may be a lost one (the list does not say what a job holds).
        unknown_sizes = [
            job.total for job in jobs if not job.is_finished and job.id not in self._open_jobs
        ]
        waiting_tickets = 0
        intervals: list[float] = []
        for item in self._waiting_for_lost():
            if now < item.quiet_at:
                continue
            may_hold = complete is False or any(
                total is None or total == item.lost_job_size for total in unknown_sizes
            )
            if not may_hold:
                log.info(
                    "No queued job may hold %d ticket(s) whose answer was lost; looking them up",
                    len(item.customer_ids),
                )
                item.lost_job_size = None
                item.next_lookup_at = now
                continue
            if now - item.lost_since > self._tuning.lost_job_wait_limit_s:
                raise QueueTimeoutError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Zendesk still has a queued job that may hold {tickets} ticket(s) whose "
                        "answer was lost, after {minutes} minutes. The campaign is stopped so "
                        "that no customer gets two tickets; run it again later to resume.",
                    ),
                    tickets=len(item.customer_ids),
                    minutes=round(self._tuning.lost_job_wait_limit_s / 60),
                )
            waiting_tickets += len(item.customer_ids)
            item.listing_interval_s = min(
                self._tuning.lost_job_poll_max_s, max(item.listing_interval_s, 0.1) * 1.5
            )
            intervals.append(item.listing_interval_s)
        self._next_listing_at = now + (min(intervals) if intervals else self._tuning.poll_min_s)
        self._show_waiting(lost_tickets=waiting_tickets)

    def _reconcile(self, due: Sequence[_Uncertain]) -> None:
        """Look the due customers' tickets up; record the found, release the surely missing."""
        repeat = [item for item in due if item.retry_with_key]
        if repeat:
            # Their key makes a repeat safe: Zendesk answers it from the first request if that
            # one created the ticket. No look-up needed.
            for item in repeat:
                self._uncertain.remove(item)
            self._journal.release_customers(sorted({i for it in repeat for i in it.customer_ids}))
            due = [item for item in due if not item.retry_with_key]
            if not due:
                return
        self._enter_phase(Phase.RECONCILING)
        try:
            self._look_up_and_settle(due)
        finally:
            self._enter_phase(Phase.SENDING)

    def _look_up_and_settle(self, due: Sequence[_Uncertain]) -> None:
        customers = self._journal.customers_by_id(
            sorted({i for item in due for i in item.customer_ids})
        )
        # Only customers still in flight need an answer (a job result may have come first).
        # A new customer has no user id yet: their ticket is found by its external id.
        in_flight = [
            c for c in customers if c.is_in_flight and (c.user_id is not None or c.new_customer)
        ]
        try:
            found = self._look_up(in_flight)
        except CancelledError:
            raise SendStopped from None
        except (ServerError, NetworkError, RateLimitedError) as error:
            self._transient_failure(error)
            for item in due:
                item.next_lookup_at = self._wall() + self._tuning.stable_s
            return
        self._succeeded()
        results = [
            CustomerResult(c.id, CustomerStatus.CREATED, ticket_id=found[c.id])
            for c in in_flight
            if c.id in found
        ]
        if results:
            log.info("Reconciled %d ticket(s) that were created", len(results))
        self._record(results)
        still_in_flight = {c.id for c in in_flight if c.id not in found}
        released: list[int] = []
        now = self._wall()
        for item in due:
            item.customer_ids &= still_in_flight
            for customer_id in list(item.customer_ids):
                misses = item.misses.get(customer_id, 0) + 1
                item.misses[customer_id] = misses
                if misses >= 2:
                    released.append(customer_id)
                    item.customer_ids.discard(customer_id)
            item.next_lookup_at = now + self._tuning.stable_s
            if not item.customer_ids:
                self._uncertain.remove(item)
        if released:
            log.info(
                "Reconciled %d customer(s) without a ticket; sending them again", len(released)
            )
            self._journal.release_customers(released)

    def _look_up(self, customers: Sequence[CustomerRecord]) -> dict[int, int]:
        """Journal row id → ticket id, for the customers whose ticket exists in the account."""
        found: dict[int, int] = {}
        if not customers:
            return found
        by_user = {c.user_id: c for c in customers if c.user_id is not None}
        by_external_id = {c.external_id: c for c in customers if c.new_customer and c.external_id}
        tag = self._campaign.tag
        if len(customers) > self._tuning.lookup_by_external_id_max:
            # Many at once: one sweep over the campaign's tickets finds most of them. Search is
            # indexed lazily, so a miss here proves nothing; misses are confirmed one by one.
            for page in self._client.tickets_with_tag(tag, cancel=self._cancel):
                for ticket in page:
                    customer = by_user.get(ticket.requester_id) if ticket.requester_id else None
                    if customer is None and ticket.external_id is not None:
                        customer = by_external_id.get(ticket.external_id)
                    if customer is not None and _is_ours(ticket, customer, tag):
                        found[customer.id] = min(found.get(customer.id, ticket.id), ticket.id)
                        self._note_new_requester(customer, ticket)
        for customer in customers:
            if customer.id in found:
                continue
            self._check_cancel()
            expected = customer.external_id
            if expected is None:
                continue
            tickets = [
                t
                for t in self._client.tickets_by_external_id(expected)
                if _is_ours(t, customer, tag)
            ]
            if len(tickets) > 1:
                log.error(
                    "Customer row %d has %d tickets for this campaign", customer.id, len(tickets)
                )
            if tickets:
                first = min(tickets, key=lambda t: t.id)
                found[customer.id] = first.id
                self._note_new_requester(customer, first)
        return found

    # -- phases and waits shown to the user ---------------------------------------------------

    def _enter_phase(self, phase: Phase) -> None:
        if phase is not self._phase:
            self._phase = phase
            self._on_event(PhaseChanged(phase))

    def _show_waiting(
        self, *, lost_tickets: int | None = None, queued_jobs: int | None = None
    ) -> None:
        waiting = JobsWaiting(
            self._waiting.lost_tickets if lost_tickets is None else lost_tickets,
            self._waiting.queued_jobs if queued_jobs is None else queued_jobs,
        )
        if waiting != self._waiting:
            self._waiting = waiting
            self._on_event(waiting)

    def _note_new_requester(self, customer: CustomerRecord, ticket: TicketRef) -> None:
        if customer.new_customer and ticket.requester_id is not None:
            self._new_requesters[customer.id] = ticket.requester_id

    def _learn_new_user_ids(self, records: Sequence[CustomerRecord]) -> list[CustomerRecord]:
        """Fill in the user ids Zendesk gave the new customers just created (CLI.md: null
        until the ticket has created them). Best effort: a failed look-up leaves them null."""
        created = [
            c
            for c in records
            if c.new_customer and c.user_id is None and c.status == CustomerStatus.CREATED
        ]
        if not created:
            return list(records)
        unknown = {c.ticket_id: c.id for c in created if c.id not in self._new_requesters}
        if unknown:
            try:
                for ticket in self._client.show_many_tickets([t for t in unknown if t]):
                    row = unknown.get(ticket.id)
                    if row is not None and ticket.requester_id is not None:
                        self._new_requesters[row] = ticket.requester_id
            except CancelledError:
                raise SendStopped from None
            except ZendeskError as error:
                log.warning("Could not read the new customers' user ids: %s", error)
        learned = {
            c.id: self._new_requesters[c.id] for c in created if c.id in self._new_requesters
        }
        if not learned:
            return list(records)
        self._journal.record_user_ids(learned)
        return self._journal.customers_by_id([c.id for c in records])

    # -- recording and progress -----------------------------------------------------------------

    def _record(self, results: Sequence[CustomerResult]) -> None:
        if not results:
            return
        self._journal.record_results(results, followup_for_created=self._single)
        records = self._learn_new_user_ids(
            self._journal.customers_by_id([r.customer_id for r in results])
        )
        self._on_event(CustomerUpdated(tuple(self._outcome(c) for c in records)))
        self._report_progress(force=True)

    def _outcome(self, customer: CustomerRecord) -> CustomerOutcome:
        return outcome_of(customer, self._client.ticket_url)

    def _report_progress(self, *, force: bool = False) -> None:
        now = self._clock()
        if not force and now - self._last_progress_at < self._tuning.progress_interval_s:
            return
        self._last_progress_at = now
        totals = self._journal.totals(self._campaign.id)
        in_flight = totals.in_flight
        done = totals.created + totals.failed
        self._done_samples.append((now, done))
        while len(self._done_samples) > 2 and self._done_samples[0][0] < now - RATE_WINDOW_S:
            self._done_samples.popleft()
        first_at, first_done = self._done_samples[0]
        span = now - first_at
        rate = (done - first_done) / span * 60.0 if span >= 1.0 else 0.0
        # In flight counts as left: its customers are not done until their outcome is known.
        eta = self._time_left(now) if totals.pending + totals.in_flight else 0.0
        counts = ProgressCounts(
            total=totals.total,
            created=totals.created,
            failed=totals.failed,
            skipped=totals.skipped,
            pending=totals.pending,
            in_flight=in_flight,
        )
        self._on_event(SendProgress(counts, rate, eta))

    def _time_left(self, now: float) -> float:
        """How long this run still needs, from the send model and the measured job speed.

        Not from the rate of finished tickets: parallel jobs finish together near the end, so
        that rate says "minutes left" seconds before the end. The open jobs are expected done
        by their size × the time per ticket (re-measured as jobs finish); the customers due but
        not sent yet follow in the slots that free up; uncertain ones wait for their look-up.
        """
        open_left = max(
            (self._expected_done_at(job) - now for job in self._open_jobs.values()),
            default=0.0,
        )
        if self._open_jobs:
            # A job late against the model is still working: say it needs a poll more.
            open_left = max(open_left, self._tuning.poll_min_s)
        waiting = self._sendable_count()
        rest = estimate_seconds(
            waiting,
            budget_per_minute=self._client.governor.budget_per_minute,
            seconds_per_ticket=self._seconds_per_ticket,
            parallel_jobs=self._slots,
            single_requests=self._single,
            updates_per_minute=60.0 / self._update_interval_s,
        )
        wall_now = self._wall()
        uncertain_left = max(
            (max(item.quiet_at, item.next_lookup_at) - wall_now for item in self._uncertain),
            default=0.0,
        )
        if waiting and len(self._open_jobs) >= self._slots:
            return open_left + rest
        return max(open_left, rest, uncertain_left)

    # -- failures ------------------------------------------------------------------------------

    def _succeeded(self) -> None:
        self._outage.succeeded()

    def _transient_failure(self, error: ZendeskError) -> None:
        """Back off after a failure that may pass; raise it after a long outage."""
        if not self._outage.failed(error):
            raise SendStopped



def job_size_to_finish_together(
    sendable: int, free: int, *, seconds_per_ticket: float, spacing_s: float, max_size: int
) -> int:
    """The next job's size when `free` slots (1 ≤ free ≤ sendable) are filled `spacing_s`
    apart: job j gets (T − j·spacing) / t tickets, t the time per ticket and T the common
    finishing time that makes the jobs add up to `sendable` (see `CampaignSender._job_size`).
    The send and the withdraw loop size their jobs with it."""
    per_ticket = max(seconds_per_ticket, 1e-3)
    while True:
        finish = (sendable * per_ticket + spacing_s * free * (free - 1) / 2) / free
        if free == 1 or finish - (free - 1) * spacing_s >= per_ticket:
            break
        free -= 1  # the last slots would get nothing: fewer, larger jobs
    return max(1, min(max_size, math.ceil(finish / per_ticket), sendable))

_FOLLOWUP_UNCERTAIN: Final = QT_TRANSLATE_NOOP(
    "Reasons", "the macro's comment may not have been added (Zendesk did not answer)"
)
_FOLLOWUP_FAILED: Final = QT_TRANSLATE_NOOP("Reasons", "the macro's comment could not be added:")
_IDEMPOTENCY_REFUSED: Final = QT_TRANSLATE_NOOP(
    "Reasons",
    "Zendesk refused the ticket several times because its idempotency key was already used"
    " with a different request (IdempotentRequestError):",
)


def _who(customer: CustomerRecord) -> str:
    """How a message names a customer: the email, else the name, else the Zendesk user id."""
    return customer.email or customer.name or f"user {customer.user_id}"


def _ticket(customer: CustomerRecord) -> Mapping[str, Any]:
    if customer.payload is None:
        raise ValueError(f"customer row {customer.id} has no ticket body")
    body: Mapping[str, Any] = json.loads(customer.payload)
    return body


def _is_ours(ticket: TicketRef, customer: CustomerRecord, tag: str) -> bool:
    """A ticket for this customer from this campaign (requester, and the tag or external id).

    A new customer has no user id until their ticket exists: the external id alone tells.
    """
    if customer.user_id is None:
        return customer.external_id is not None and ticket.external_id == customer.external_id
    if ticket.requester_id is not None and ticket.requester_id != customer.user_id:
        return False
    if customer.external_id is not None and ticket.external_id == customer.external_id:
        return True
    return tag in ticket.tags and ticket.requester_id == customer.user_id


def outcome_of(customer: CustomerRecord, ticket_url: Callable[[int], str]) -> CustomerOutcome:
    return CustomerOutcome(
        user_id=customer.user_id,
        email=customer.email,
        name=customer.name,
        status=customer.shown_status,
        ticket_id=customer.ticket_id,
        ticket_url=ticket_url(customer.ticket_id) if customer.ticket_id is not None else None,
        reason=customer.reason,
        organization=customer.organization,
        new_customer=customer.new_customer,
        language=customer.language,
    )


def estimate_seconds(
    tickets: int,
    *,
    budget_per_minute: float,
    seconds_per_ticket: float,
    parallel_jobs: int,
    single_requests: bool = False,
    updates_per_minute: float = 80.0,
) -> float:
    """An honest estimate of the sending time for `tickets` tickets (the send loop's model).

    Bulk: the first round of jobs fills the parallel slots one request apart, sized to finish
    together; beyond one round the slots stay full and the slower of the jobs' throughput and
    the request budget decides. Single requests (a macro comment): a create and an update per
    ticket, the updates limited separately.
    """
    if tickets <= 0:
        return 0.0
    interval = 60.0 / max(budget_per_minute, 1.0)
    if single_requests:
        return max(tickets * interval * 2, tickets * 60.0 / max(updates_per_minute, 1.0))
    per_ticket = max(seconds_per_ticket, 1e-3)
    slots = max(1, min(parallel_jobs, tickets))
    overhead = EXPECTED_START_DELAY_S + 3 * interval  # the first poll's slack and the claim
    if tickets <= slots * CREATE_MANY_LIMIT:
        # The first round goes out within the governor's burst: one round trip apart.
        burst = DEFAULT_BURST_SHARE * budget_per_minute
        spacing = min(interval, EXPECTED_SUBMIT_SPACING_S) if slots <= burst else interval
        while True:
            finish = (tickets * per_ticket + spacing * slots * (slots - 1) / 2) / slots
            if slots == 1 or finish - (slots - 1) * spacing >= per_ticket:
                break
            slots -= 1
        return finish + overhead
    jobs = math.ceil(tickets / CREATE_MANY_LIMIT)
    throughput_s = max(tickets * per_ticket / slots, jobs * interval * 1.5)
    return throughput_s + CREATE_MANY_LIMIT * per_ticket + overhead
