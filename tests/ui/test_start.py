"""The Start page: what a campaign is, the three choices, an unfinished campaign with its
progress, and the note about the demo workspace."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from wizard_support import make_wizard

from proactive_desktop.core.journal import NewCustomer
from proactive_desktop.core.models import CampaignState, CustomerStatus
from proactive_desktop.ui.pages.start import StartPage
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.widgets.messages import MessageRole
from proactive_desktop.ui.wizard import CampaignWizard


def _stopped_campaign(services: Services, name: str, *, created: int, pending: int) -> None:
    rows = [
        NewCustomer(
            user_id=1000 + i,
            email=f"c{i}@example.com",
            name=f"Customer {i}",
            organization=None,
            status=CustomerStatus.CREATED if i < created else CustomerStatus.PENDING,
            payload=f'{{"ticket":{{"requester_id":{1000 + i}}}}}',
            external_id=f"ext-{i}",
            idempotency_key=f"key-{i}",
        )
        for i in range(created + pending)
    ]
    with services.open_journal() as journal:
        journal.create_campaign(
            name=name,
            tag=name.lower().replace(" ", "_"),
            definition={"campaign": {"name": name}, "ticket": {"subject": "Hi"}},
            url="https://acme.zendesk.com",
            email="admin@acme.example",
            customers=rows,
            state=CampaignState.STOPPED,
        )


def start_page(qtbot: QtBot, services: Services) -> tuple[CampaignWizard, StartPage]:
    # The wizard is returned too: the page lives only as long as its parentless window.
    wizard = make_wizard(qtbot, services)
    page = wizard.currentPage()
    assert isinstance(page, StartPage)
    return wizard, page


def test_without_an_unfinished_campaign_a_new_one_is_chosen(
    qtbot: QtBot, services: Services
) -> None:
    _wizard, page = start_page(qtbot, services)
    qtbot.waitUntil(lambda: page._has_loaded)
    assert page.new_button.isChecked()
    assert not page.resume_button.isEnabled()
    assert page.unfinished_label.text() == "No unfinished campaign on this computer."
    assert not page.unfinished_list.isVisible()
    assert page.history_button.isVisible()


def test_an_unfinished_campaign_is_offered_first_with_its_progress(
    qtbot: QtBot, services: Services
) -> None:
    _stopped_campaign(services, "Renewal March", created=3, pending=7)
    _wizard, page = start_page(qtbot, services)
    qtbot.waitUntil(page.resume_button.isChecked, timeout=5_000)
    assert page.unfinished_list.count() == 1
    described = page.unfinished_list.item(0).text()
    assert "Renewal March" in described
    assert "3 of 10" in described
    assert "7 waiting" in described
    # As tall as its one row, not a large empty box.
    row = page.unfinished_list.sizeHintForRow(0)
    assert page.unfinished_list.height() <= row + 2 * page.unfinished_list.frameWidth()


def test_the_demo_workspace_is_announced(qtbot: QtBot, services: Services) -> None:
    services.open_demo_at_start = True
    _wizard, page = start_page(qtbot, services)
    assert page.demo_label.isVisible()
    assert page.demo_label.property("role") == MessageRole.INFO.value
    assert "demo workspace" in page.demo_label.text()


def test_without_the_demo_flag_the_demo_is_only_suggested(qtbot: QtBot, services: Services) -> None:
    _wizard, page = start_page(qtbot, services)
    assert page.demo_label.isVisible()
    assert page.demo_label.property("role") == MessageRole.HINT.value
    assert "Try the demo" in page.demo_label.text()
