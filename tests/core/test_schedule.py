"""Scheduled campaigns: per_day over several days, windows in each customer's zone, start, pause.

The engine's clock is a ManualClock: a test walks a campaign through days without sleeping, while
the tickets themselves go over real loopback HTTP to the sandbox.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from engine_support import FAST, assert_exactly_once, end_users, journal_at, make_client, make_spec
from schedule_support import COMPUTER_ZONE, ManualClock, customers_in

from proactive_desktop.core.campaign_file import (
    campaign_from_definition,
    definition_dict,
    dump_campaign_file,
    loads_campaign,
)
from proactive_desktop.core.engine import CampaignEngine, SendProgress
from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.events import CampaignEvent
from proactive_desktop.core.models import CampaignState, ScheduleSpec
from proactive_desktop.core.schedule import forecast_finish, next_due, parse_window
from proactive_desktop.core.scheduled import due_campaigns, scheduled_campaigns, set_paused
from proactive_desktop.core.zones import customer_zone, iana_zone

UTC = ZoneInfo("UTC")
MONDAY_0030_UTC = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
"""Tokyo 09:30 Monday, Shanghai 08:30 Monday, New York 19:30 Sunday."""


def _schedule(**values: Any) -> ScheduleSpec:
    window = values.pop("window", None)
    parsed = parse_window(window) if window else None
    return ScheduleSpec(
        window_start_minute=parsed[0] if parsed else None,
        window_end_minute=parsed[1] if parsed else None,
        **values,
    )


def _engine(client: Any, journal: Any, clock: ManualClock) -> CampaignEngine:
    return CampaignEngine(client, journal, tuning=FAST, clock=clock)


def _created_ids(sandbox: Any, tag: str) -> list[int]:
    return sorted(t["requester_id"] for t in sandbox.tickets() if tag in t["tags"])


# -- the file and the arithmetic ----------------------------------------------------------------

MINIMAL = """
[connection]
url = "https://acme.zendesk.com"
email = "admin@acme.example"
[campaign]
name = "Renewal"
[recipients]
user_ids = [1]
[ticket]
subject = "Hi"
body = "Hello"
"""


def test_schedule_section_round_trips_and_is_part_of_the_definition() -> None:
    text = MINIMAL + (
        '[schedule]\nstart = "2026-12-07T09:00:00+09:00"\nper_day = 200\n'
        'window = "09:00-17:00"\ndays = ["fri", "Mon", "tuesday"]\n'
    )
    spec = loads_campaign(text, None)
    assert spec.schedule == ScheduleSpec(
        start=datetime(2026, 12, 7, 0, 0, tzinfo=UTC),
        per_day=200,
        window_start_minute=9 * 60,
        window_end_minute=17 * 60,
        days=("mon", "tue", "fri"),
    )
    assert loads_campaign(dump_campaign_file(spec), None) == spec
    definition = definition_dict(spec)
    assert definition["schedule"]["window"] == "09:00-17:00"
    assert campaign_from_definition(definition) == spec
    # A TOML date-time works as well as ISO text.
    native = loads_campaign(MINIMAL + "[schedule]\nstart = 2026-12-07T09:00:00+09:00\n", None)
    assert native.schedule is not None
    assert native.schedule.start == spec.schedule.start
    assert loads_campaign(MINIMAL, None).schedule is None


@pytest.mark.parametrize(
    ("lines", "key"),
    [
        ('window = "17:00-09:00"', "schedule.window"),
        ('window = "9-17"', "schedule.window"),
        ("per_day = 0", "schedule.per_day"),
        ('per_day = "many"', "schedule.per_day"),
        ('days = ["funday"]', "schedule.days"),
        ("days = []", "schedule.days"),
        ('start = "next monday"', "schedule.start"),
        ('every = "day"', "schedule.every"),
    ],
)
def test_a_bad_schedule_names_its_key(lines: str, key: str) -> None:
    with pytest.raises(CampaignFileError) as raised:
        loads_campaign(MINIMAL + "[schedule]\n" + lines + "\n", None)
    assert raised.value.key == key


def test_zendesk_zone_names_map_to_iana_and_fall_back_to_the_agent() -> None:
    assert iana_zone("Asia/Tokyo", "Osaka") == "Asia/Tokyo"
    assert iana_zone(None, "Eastern Time (US & Canada)") == "America/New_York"
    assert iana_zone(None, "Beijing") == "Asia/Shanghai"
    assert iana_zone("Not/AZone", "Nowhere") is None
    assert customer_zone(None, None, "Europe/Berlin") == "Europe/Berlin"
    assert customer_zone(None, None, None) is None


def test_finishing_date_counts_the_daily_capacity() -> None:
    # 973 tickets at 200 a day from a Monday noon: Monday to Friday, the last 173 on Friday.
    now = datetime(2026, 12, 7, 12, 0, tzinfo=COMPUTER_ZONE)
    schedule = _schedule(per_day=200)
    end = forecast_finish(schedule, {None: 973}, 0, now)
    assert end is not None
    assert end.date() == datetime(2026, 12, 11).date()
    # Capacity used up today: the next customer is due at midnight.
    assert next_due(schedule, {None: 10}, 200, now) == datetime(
        2026, 12, 8, 0, 0, tzinfo=COMPUTER_ZONE
    )


def test_finishing_date_follows_each_zones_window_and_days() -> None:
    schedule = _schedule(window="09:00-17:00", days=("mon", "tue", "wed", "thu", "fri"))
    friday_evening = datetime(2026, 12, 11, 18, 0, tzinfo=ZoneInfo("America/New_York"))
    due = next_due(schedule, {"America/New_York": 3}, 0, friday_evening)
    assert due == datetime(2026, 12, 14, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    end = forecast_finish(schedule, {"America/New_York": 3, "Asia/Tokyo": 2}, 0, friday_evening)
    assert end == due


# -- the engine against the sandbox ---------------------------------------------------------------


def test_per_day_spreads_a_campaign_over_several_days(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 12)
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Capacity", customers), schedule=_schedule(per_day=5)
    )
    monday = datetime(2026, 12, 7, 10, 0, tzinfo=COMPUTER_ZONE)
    clock = ManualClock(monday)
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, clock)
        plan = engine.plan(spec, customers=customers)
        assert plan.finishes_at is not None
        assert plan.finishes_at.date() == (monday + timedelta(days=2)).date()
        first = engine.send(spec, plan)
        assert (first.state, first.created, first.pending) == (CampaignState.SCHEDULED, 5, 7)
        assert first.next_due == datetime(2026, 12, 8, 0, 0, tzinfo=COMPUTER_ZONE)
        assert first.to_json()["next_due"] == "2026-12-08T00:00:00+01:00"
        # The same day again: today's capacity is used, nothing more goes out.
        clock.advance(hours=13)
        again = engine.resume(spec.name)
        assert again.created == 5
        assert len(_created_ids(sandbox, spec.tag)) == 5
        clock.advance(hours=1)  # 00:00 Tuesday
        second = engine.resume(spec.name)
        assert (second.state, second.created) == (CampaignState.SCHEDULED, 10)
        clock.advance(days=1)
        third = engine.resume(spec.name)
        assert (third.state, third.created, third.pending) == (CampaignState.FINISHED, 12, 0)
        assert third.to_json()["next_due"] is None
        assert_exactly_once(sandbox.tickets(), spec.tag, customers, third)
        record = journal.find_campaign(spec.name)
        assert record is not None
        assert [journal.sent_on_day(record.id, d) for d in ("2026-12-07", "2026-12-08")] == [5, 5]


def test_only_customers_inside_their_local_window_get_tickets(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    tokyo = customers_in(client, "Asia/Tokyo", 3)
    shanghai = customers_in(client, "Asia/Shanghai", 3)
    new_york = customers_in(client, "America/New_York", 3)
    everyone = tokyo + shanghai + new_york
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Local hours", everyone),
        schedule=_schedule(window="09:00-17:00", days=("mon", "tue", "wed", "thu", "fri")),
    )
    clock = ManualClock(MONDAY_0030_UTC)
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, clock)
        summary = engine.send(spec, engine.plan(spec, customers=everyone))
        # 09:30 in Tokyo; 08:30 in Shanghai; Sunday evening in New York.
        assert _created_ids(sandbox, spec.tag) == sorted(c.id for c in tokyo)
        assert summary.state is CampaignState.SCHEDULED
        assert summary.next_due == datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 09:00 Shanghai

        clock.set(datetime(2026, 12, 7, 1, 0, tzinfo=UTC))
        engine.resume(spec.name)
        assert _created_ids(sandbox, spec.tag) == sorted(c.id for c in tokyo + shanghai)

        # Late evening in Asia, early morning in New York: nobody is due.
        clock.set(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
        waiting = engine.resume(spec.name)
        assert waiting.pending == 3
        assert waiting.next_due == datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("America/New_York"))

        clock.set(datetime(2026, 12, 7, 14, 0, tzinfo=UTC))  # 09:00 in New York
        done = engine.resume(spec.name)
        assert done.state is CampaignState.FINISHED
        assert_exactly_once(sandbox.tickets(), spec.tag, everyone, done)


def test_a_customer_without_a_zone_follows_the_agents(sandbox: Any, tmp_path: Path) -> None:
    # A customer whose zone is unknown follows the signed-in agent's.
    client = make_client(sandbox.url)
    agent = client.me()
    agent_zone = iana_zone(agent.iana_time_zone, agent.time_zone)
    assert agent_zone == "Asia/Tokyo"  # the demo admin's
    customers = end_users(client, 2)
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Agent zone", customers), schedule=_schedule(per_day=10)
    )
    stripped = [dataclasses.replace(c, iana_time_zone=None, time_zone=None) for c in customers]
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, ManualClock(MONDAY_0030_UTC))
        plan = engine.plan(spec, customers=stripped)
        assert {each.time_zone for each in plan.recipients} == {agent_zone}


def test_nothing_goes_out_before_start(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 4)
    start = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Later", customers), schedule=_schedule(start=start)
    )
    clock = ManualClock(start - timedelta(hours=5))
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, clock)
        early = engine.send(spec, engine.plan(spec, customers=customers))
        assert (early.state, early.created, early.pending) == (CampaignState.SCHEDULED, 0, 4)
        assert early.next_due == start
        assert [each.record.name for each in due_campaigns(journal, clock=clock)] == []
        clock.set(start)
        assert [each.record.name for each in due_campaigns(journal, clock=clock)] == ["Later"]
        done = engine.resume(spec.name)
        assert done.state is CampaignState.FINISHED
        assert_exactly_once(sandbox.tickets(), spec.tag, customers, done)


def test_a_paused_campaign_sends_nothing_until_resumed(sandbox: Any, tmp_path: Path) -> None:
    client = make_client(sandbox.url)
    customers = end_users(client, 6)
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Pausable", customers), schedule=_schedule(per_day=3)
    )
    clock = ManualClock(datetime(2026, 12, 7, 10, 0, tzinfo=COMPUTER_ZONE))
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, clock)
        engine.send(spec, engine.plan(spec, customers=customers))
        set_paused(journal, "Pausable", True)
        clock.advance(days=1)
        listed = scheduled_campaigns(journal, clock=clock)
        assert [(each.record.name, each.paused) for each in listed] == [("Pausable", True)]
        assert due_campaigns(journal, clock=clock) == []
        held = engine.resume(spec.name)
        assert (held.created, held.paused) == (3, True)
        assert held.to_json()["paused"] is True
        set_paused(journal, "Pausable", False)
        assert [each.record.name for each in due_campaigns(journal, clock=clock)] == ["Pausable"]
        assert engine.resume(spec.name).created == 6


def test_time_left_is_given_from_the_first_progress(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # Jobs that take a while: many reports while tickets are left, whatever the machine's load.
    sandbox = sandbox_factory(job_seconds_per_ticket=0.01, job_start_delay_s=0.1)
    client = make_client(sandbox.url)
    customers = end_users(client, 150)
    spec = make_spec(sandbox.url, "Time left", customers)
    events: list[CampaignEvent] = []
    with journal_at(tmp_path) as journal:
        engine = CampaignEngine(client, journal, tuning=FAST)
        engine.send(spec, engine.plan(spec, customers=customers), on_event=events.append)
    progress = [e for e in events if isinstance(e, SendProgress)]
    # Something is left while customers are pending or in flight (their outcome unknown).
    left = [p for p in progress if p.counts.pending + p.counts.in_flight]
    assert len(left) >= 2, "too few reports while tickets were left"
    # Never "unknown" while something is left, and lower at the end than at the start.
    assert all(p.eta_s is not None and p.eta_s > 0 for p in left)
    assert left[-1].eta_s is not None
    assert left[0].eta_s is not None
    assert left[-1].eta_s < left[0].eta_s
    assert progress[-1].eta_s == 0.0


def test_two_threads_of_one_program_never_send_one_campaign_together(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # The wizard's Send page and its background scheduler live in one process: the journal's
    # lock tells processes apart, the engine tells its own threads apart.
    import threading

    from proactive_desktop.core.journal import CampaignBusyError

    sandbox = sandbox_factory(job_seconds_per_ticket=0.2, job_start_delay_s=1.0)
    client = make_client(sandbox.url)
    customers = end_users(client, 60)
    spec = make_spec(sandbox.url, "One sender", customers)
    with journal_at(tmp_path) as journal:
        engine = CampaignEngine(client, journal, tuning=FAST)
        plan = engine.plan(spec, customers=customers)
        first_started = threading.Event()
        results: list[Any] = []

        def first() -> None:
            def seen(event: CampaignEvent) -> None:
                if isinstance(event, SendProgress):
                    first_started.set()

            results.append(engine.send(spec, plan, on_event=seen))

        thread = threading.Thread(target=first)
        thread.start()
        assert first_started.wait(20)
        other = CampaignEngine(make_client(sandbox.url), journal, tuning=FAST)
        with pytest.raises(CampaignBusyError):
            other.resume(spec.name)
        thread.join(60)
        assert results[0].state is CampaignState.FINISHED
        assert_exactly_once(sandbox.tickets(), spec.tag, customers, results[0])


def test_a_computer_that_slept_through_a_window_continues_at_the_next(
    sandbox: Any, tmp_path: Path
) -> None:
    client = make_client(sandbox.url)
    customers = customers_in(client, "Europe/Berlin", 3)
    spec = dataclasses.replace(
        make_spec(sandbox.url, "Slept", customers), schedule=_schedule(window="09:00-10:00")
    )
    clock = ManualClock(datetime(2026, 12, 7, 8, 0, tzinfo=COMPUTER_ZONE))
    with journal_at(tmp_path) as journal:
        engine = _engine(client, journal, clock)
        early = engine.send(spec, engine.plan(spec, customers=customers))
        assert (early.created, early.next_due) == (
            0,
            datetime(2026, 12, 7, 9, 0, tzinfo=COMPUTER_ZONE),
        )
        # Asleep from 08:00 to 11:00: the window passed; the next is tomorrow's.
        clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=COMPUTER_ZONE))
        assert due_campaigns(journal, clock=clock) == []
        late = engine.resume(spec.name)
        assert (late.created, late.next_due) == (
            0,
            datetime(2026, 12, 8, 9, 0, tzinfo=COMPUTER_ZONE),
        )
        clock.set(datetime(2026, 12, 8, 9, 30, tzinfo=COMPUTER_ZONE))
        done = engine.resume(spec.name)
        assert done.state is CampaignState.FINISHED
        assert_exactly_once(sandbox.tickets(), spec.tag, customers, done)
