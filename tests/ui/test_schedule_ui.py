"""Scheduled campaigns in the wizard: the Start page lists them with their next time, pauses and
resumes them, and the wizard sends a due one in the background while it is open; the Compose
page's schedule fields and the Preview's schedule line."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from wizard_support import make_wizard

from proactive_desktop.core.engine import CampaignEngine
from proactive_desktop.core.models import (
    CampaignSpec,
    CampaignState,
    ConnectionSpec,
    RecipientSpec,
    ScheduleSpec,
    TicketSpec,
    ViewSpec,
)
from proactive_desktop.core.secrets import ApiTokenAuth, Secret
from proactive_desktop.core.sending import SendTuning
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer
from proactive_desktop.ui.i18n import use_language
from proactive_desktop.ui.pages.start import StartPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.moments import local_date_time
from proactive_desktop.ui.widgets.schedule_box import ScheduleBox
from proactive_desktop.ui.widgets.schedule_text import schedule_text

FAST = SendTuning(seconds_per_ticket=0.01, poll_min_s=0.05, poll_max_s=0.3, stable_s=0.3)


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def _scheduled_campaign(
    services: Services, sandbox: SandboxServer, name: str, start: datetime, count: int = 4
) -> CampaignSpec:
    """A campaign journaled an hour before `start`: nothing of it has gone out yet."""
    with ZendeskClient(sandbox.url, ApiTokenAuth(DEMO_EMAIL, Secret(DEMO_TOKEN))) as client:
        ids = sorted(
            int(u["id"])
            for u in sandbox.users()
            if u["role"] == "end-user" and not u.get("suspended") and u.get("active", True)
        )[:count]
        spec = CampaignSpec(
            connection=ConnectionSpec(url=client.base_url, email=DEMO_EMAIL),
            name=name,
            recipients=RecipientSpec(user_ids=tuple(ids)),
            ticket=TicketSpec(subject="Hello {{user.first_name}}", body="Your plan."),
            view=ViewSpec(create=False),
            schedule=ScheduleSpec(start=start),
        )
        with services.open_journal() as journal:
            engine = CampaignEngine(
                client, journal, tuning=FAST, clock=FixedClock(start - timedelta(hours=1))
            )
            summary = engine.send(spec)
        assert (summary.state, summary.created) == (CampaignState.SCHEDULED, 0)
    return spec


def _tickets(sandbox: SandboxServer, tag: str) -> list[dict[str, Any]]:
    return [t for t in sandbox.tickets() if tag in t["tags"]]


def test_start_page_lists_scheduled_campaigns_and_pauses_and_resumes_them(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    # Due only tomorrow: the background scheduler leaves it alone during the test.
    start = datetime.now().astimezone() + timedelta(days=1)
    _scheduled_campaign(services, sandbox, "Tomorrow's", start)
    wizard = make_wizard(qtbot, services)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    qtbot.waitUntil(lambda: page.scheduled_list.count() == 1)
    assert page.scheduled_list.isVisible()
    text = page.scheduled_list.item(0).text()
    assert text.startswith("Tomorrow's — next ")
    assert "0 of 4 customers done" in text
    # A scheduled campaign is not offered as "unfinished": the scheduler resumes it.
    assert not page.resume_button.isEnabled()

    assert page.pause_button.text() == "Pause"
    qtbot.mouseClick(page.pause_button, qtbot_left())
    qtbot.waitUntil(lambda: "paused" in page.scheduled_list.item(0).text())
    assert page.pause_button.text() == "Resume"
    with services.open_journal() as journal:
        record = journal.find_campaign("Tomorrow's")
        assert record is not None
        assert record.paused

    qtbot.waitUntil(page.pause_button.isEnabled)
    qtbot.mouseClick(page.pause_button, qtbot_left())
    qtbot.waitUntil(lambda: "paused" not in page.scheduled_list.item(0).text())
    assert page.pause_button.text() == "Pause"
    with services.open_journal() as journal:
        record = journal.find_campaign("Tomorrow's")
        assert record is not None
        assert not record.paused
    assert _tickets(sandbox, "tomorrow_s") == []


def test_the_open_wizard_sends_a_due_campaign_in_the_background(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    # Its start has passed; the token is in the keychain, as the Connect page saves it.
    start = datetime.now().astimezone() - timedelta(minutes=5)
    spec = _scheduled_campaign(services, sandbox, "Due now", start)
    services.secrets.save_api_token(spec.connection.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
    wizard = make_wizard(qtbot, services)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    qtbot.waitUntil(lambda: len(_tickets(sandbox, "due_now")) == 4, timeout=20_000)
    # Finished: it leaves the list of scheduled campaigns.
    qtbot.waitUntil(lambda: page.scheduled_list.count() == 0, timeout=10_000)
    assert not page.scheduled_list.isVisible()
    # The tickets exist before the pass ends (the view, the closing write): wait for its end.
    qtbot.waitUntil(lambda: not wizard.scheduler.is_running, timeout=20_000)
    with services.open_journal() as journal:
        record = journal.find_campaign("Due now")
        assert record is not None
        assert record.state is CampaignState.FINISHED
    assert len({t["requester_id"] for t in _tickets(sandbox, "due_now")}) == 4


def test_a_paused_campaign_is_not_sent_by_the_open_wizard(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    start = datetime.now().astimezone() - timedelta(minutes=5)
    spec = _scheduled_campaign(services, sandbox, "Held", start)
    services.secrets.save_api_token(spec.connection.url, DEMO_EMAIL, Secret(DEMO_TOKEN))
    with services.open_journal() as journal:
        record = journal.find_campaign("Held")
        assert record is not None
        journal.set_paused(record.id, True)
    wizard = make_wizard(qtbot, services)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    qtbot.waitUntil(lambda: page.scheduled_list.count() == 1)
    # One pass of the scheduler has ended (it starts as the window shows).
    qtbot.waitUntil(lambda: not wizard.scheduler.is_running)
    wizard.scheduler.check_now()
    qtbot.waitUntil(lambda: not wizard.scheduler.is_running)
    assert _tickets(sandbox, "held") == []
    assert "paused" in page.scheduled_list.item(0).text()


def test_a_due_campaign_without_credentials_waits_and_says_why(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    start = datetime.now().astimezone() - timedelta(minutes=5)
    _scheduled_campaign(services, sandbox, "No token", start)
    wizard = make_wizard(qtbot, services)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    qtbot.waitUntil(lambda: "Waiting:" in _first_text(page), timeout=10_000)
    assert f"sign in to {sandbox.url} (Next)" in _first_text(page)
    assert "due now" in _first_text(page)
    assert _tickets(sandbox, "no_token") == []


def _first_text(page: StartPage) -> str:
    item = page.scheduled_list.item(0)
    return item.text() if item is not None else ""


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_schedule_fields_make_the_schedule(qtbot: QtBot) -> None:
    box = ScheduleBox()
    qtbot.addWidget(box)
    assert box.schedule() is None
    box.enabled_check.setChecked(True)
    box.per_day_check.setChecked(True)
    box.per_day_spin.setValue(150)
    box.window_check.setChecked(True)
    schedule = box.schedule()
    assert schedule == ScheduleSpec(
        per_day=150,
        window_start_minute=9 * 60,
        window_end_minute=17 * 60,
        days=("mon", "tue", "wed", "thu", "fri"),
    )
    for check in box.day_checks.values():
        check.setChecked(False)
    assert box.problem() == "Choose at least one day."
    box.day_checks["sat"].setChecked(True)
    box.window_to.setTime(box.window_from.time())
    assert box.problem() == "The hours must start before they end."
    box.window_check.setChecked(False)
    assert box.problem() is None
    box.set_schedule(dataclasses.replace(schedule, days=()))
    assert all(check.isChecked() for check in box.day_checks.values()) is False  # working days
    assert box.schedule() == dataclasses.replace(schedule, days=("mon", "tue", "wed", "thu", "fri"))


@pytest.mark.parametrize(
    ("language", "per_day"),
    [
        ("en", "at most 200 tickets a day"),
        ("ja", "1 日あたり最大 200 件"),
        ("zh_CN", "每天最多 200 张工单"),
    ],
)
def test_schedule_text_names_the_limits_and_the_finishing_date(
    qapp: QApplication, language: str, per_day: str
) -> None:
    use_language(qapp, language)
    start = datetime(2026, 12, 7, 9, 0).astimezone()
    text = schedule_text(
        ScheduleSpec(per_day=200, window_start_minute=540, window_end_minute=1020, days=("mon",)),
        start,
        start + timedelta(days=4),
    )
    assert per_day in text
    assert "09:00–17:00" in text
    assert local_date_time(start + timedelta(days=4)) in text
    use_language(qapp, "en")
    assert schedule_text(None) == "All at once, as soon as you send"


def test_the_wheel_over_unfocused_schedule_fields_changes_nothing(
    qtbot: QtBot, connected_services: Services
) -> None:
    from campaign_helpers import draft_for, wizard_at
    from test_wheel_guard import roll_wheel

    from proactive_desktop.ui.pages.compose import ComposePage
    from proactive_desktop.ui.wizard import PageId

    wizard = wizard_at(qtbot, connected_services, draft_for(connected_services), PageId.COMPOSE)
    page = wizard.currentPage()
    assert isinstance(page, ComposePage)
    box = page.schedule_box
    box.enabled_check.setChecked(True)
    box.start_check.setChecked(True)
    box.per_day_check.setChecked(True)
    box.window_check.setChecked(True)
    page.name_edit.setFocus()
    qtbot.waitUntil(page.name_edit.hasFocus)
    before = (
        box.per_day_spin.value(),
        box.start_edit.dateTime(),
        box.window_from.time(),
        box.window_to.time(),
    )
    for field in (box.per_day_spin, box.start_edit, box.window_from, box.window_to):
        roll_wheel(field)
        assert not field.hasFocus()
    after = (
        box.per_day_spin.value(),
        box.start_edit.dateTime(),
        box.window_from.time(),
        box.window_to.time(),
    )
    assert after == before
    # Focused, the spin box takes the wheel as usual.
    box.per_day_spin.setFocus()
    qtbot.waitUntil(box.per_day_spin.hasFocus)
    roll_wheel(box.per_day_spin)
    assert box.per_day_spin.value() != before[0]
