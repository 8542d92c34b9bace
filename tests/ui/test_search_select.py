"""Search and Select pages on the sandbox: whole segments past 1,000, cancel, CSV, ticking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from wizard_support import click_next, connect, demo_account, make_wizard

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.models.customer_table import Column
from proactive_desktop.ui.pages.search import SearchPage, compose_query
from proactive_desktop.ui.pages.select import (
    FIT_SAMPLE_ROWS,
    LARGE_CAMPAIGN,
    MAX_COLUMN_CHARACTERS,
    SelectPage,
)
from proactive_desktop.ui.services import FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard, PageId

EVERY_CUSTOMER = "role:end-user"


def wizard_on_search(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> tuple[CampaignWizard, SearchPage]:
    """A wizard already signed in to `sandbox`, showing the Search page."""
    connect(services, sandbox)
    draft = CampaignDraft(base_url=sandbox.url)
    wizard = make_wizard(qtbot, services, draft)
    wizard.setStartId(PageId.SEARCH)
    wizard.restart()
    page = wizard.page_by_id(PageId.SEARCH)
    assert isinstance(page, SearchPage)
    # The account's custom fields become filters once they are loaded.
    qtbot.waitUntil(lambda: page._fields_loaded)
    return wizard, page


@pytest.fixture
def big_sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory(customers=1500, seed=3)


@pytest.fixture
def big_services(data_dir: Path, secret_store: SecretStore, big_sandbox: SandboxServer):
    services = build_services(
        data_dir, secrets=secret_store, demo=FixedDemo(demo_account(big_sandbox))
    )
    yield services
    services.close()


def search(qtbot: QtBot, page: SearchPage, text: str) -> None:
    page.text_edit.clear()
    qtbot.keyClicks(page.text_edit, text)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)


def test_compose_query_quotes_phrases_and_joins_filters() -> None:
    query = compose_query(
        "renewal",
        organization="Acme Inc",
        tags="vip, 重要",
        fields={"plan": "premium", "city": "New York", "seats": ""},
    )
    assert (
        query == 'renewal organization:"Acme Inc" tags:vip tags:重要 plan:premium city:"New York"'
    )
    assert compose_query("") == ""


def test_filters_come_from_the_accounts_fields(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    _wizard, page = wizard_on_search(qtbot, services, sandbox)
    plan = page._field_inputs["plan"]
    assert plan.__class__.__name__ == "QComboBox"
    plan.setCurrentIndex(plan.findData("premium"))
    qtbot.keyClicks(page.organization_edit, "Acme Inc")
    assert page.query() == 'organization:"Acme Inc" plan:premium'
    assert 'organization:"Acme Inc" plan:premium' in page.query_label.text()


def test_search_loads_the_whole_segment_past_1000(
    qtbot: QtBot, big_services: Services, big_sandbox: SandboxServer
) -> None:
    wizard, page = wizard_on_search(qtbot, big_services, big_sandbox)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    search(qtbot, page, EVERY_CUSTOMER)
    qtbot.waitUntil(lambda: bool(wizard.draft.customers), timeout=20_000)
    customers = wizard.draft.customers
    assert len(customers) > 1000
    assert all(not customer.is_staff and not customer.suspended for customer in customers)
    assert len({customer.id for customer in customers}) == len(customers)
    assert f"{len(customers):,}".replace(",", "") in page.result_label.text().replace(",", "")
    assert wizard.draft.selected_ids == {customer.id for customer in customers}
    assert wizard.draft.query == EVERY_CUSTOMER
    assert next_button.isEnabled()
    # A changed search must be run before going on.
    qtbot.keyClicks(page.text_edit, " tokyo")
    assert not next_button.isEnabled()


def test_cancel_stops_loading_and_keeps_the_previous_results(
    qtbot: QtBot, big_services: Services, big_sandbox: SandboxServer
) -> None:
    wizard, page = wizard_on_search(qtbot, big_services, big_sandbox)
    # Each export page of 1,000 users now takes 2 s, as on a real account.
    big_sandbox.configure(export_latency_s=2.0)
    search(qtbot, page, EVERY_CUSTOMER)
    qtbot.waitUntil(page.cancel_button.isVisible)
    assert page.progress_bar.isVisible()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.cancel_button.isVisible()
    assert "cancelled" in page.status_label.text()
    assert wizard.draft.customers == []
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.search_button.isEnabled()


def test_csv_import_lists_the_rows_that_match_nobody(
    qtbot: QtBot, services: Services, sandbox: SandboxServer, tmp_path: Path
) -> None:
    wizard, page = wizard_on_search(qtbot, services, sandbox)
    known = [user for user in sandbox.users() if user["role"] == "end-user" and user["email"]][:3]
    csv_file = tmp_path / "customers.csv"
    rows = ["email", *(user["email"] for user in known), "nobody@nowhere.example"]
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page.import_csv(csv_file)
    qtbot.waitUntil(lambda: bool(wizard.draft.customers), timeout=10_000)
    assert {customer.id for customer in wizard.draft.customers} == {user["id"] for user in known}
    assert page.unmatched_list.isVisible()
    assert page.unmatched_list.count() == 1
    assert "nobody@nowhere.example" in page.unmatched_list.item(0).text()
    assert wizard.draft.csv_skipped[0][0] == "nobody@nowhere.example"
    # A search adds to the CSV list: the results are united.
    search(qtbot, page, EVERY_CUSTOMER)
    qtbot.waitUntil(lambda: len(wizard.draft.customers) > 3, timeout=10_000)


def select_page_with(qtbot: QtBot, wizard: CampaignWizard) -> SelectPage:
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.SELECT)
    page = wizard.page_by_id(PageId.SELECT)
    assert isinstance(page, SelectPage)
    return page


def select_page_with_everyone(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> tuple[CampaignWizard, SelectPage]:
    """Search the sandbox's whole segment, then go on to the Select page."""
    wizard, search_page = wizard_on_search(qtbot, services, sandbox)
    search(qtbot, search_page, EVERY_CUSTOMER)
    qtbot.waitUntil(lambda: bool(wizard.draft.customers), timeout=20_000)
    return wizard, select_page_with(qtbot, wizard)


def test_select_all_none_invert_within_the_filter(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    wizard, page = select_page_with_everyone(qtbot, services, sandbox)
    total = len(wizard.draft.customers)
    assert page.table.model().rowCount() == total
    assert page.count_label.text().startswith(f"{total} of")

    qtbot.mouseClick(page.select_none_button, Qt.MouseButton.LeftButton)
    assert wizard.draft.selected_ids == set()
    assert page.count_label.text().startswith("0 of")
    assert not page.isComplete()  # nobody ticked: Next is disabled

    # Filter on the first customer's email: Select all ticks only what is shown.
    first = wizard.draft.customers[0]
    qtbot.keyClicks(page.filter_edit, first.email or first.name)
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total)
    shown = page.proxy.rowCount()
    assert shown >= 1
    qtbot.mouseClick(page.select_all_button, Qt.MouseButton.LeftButton)
    assert first.id in wizard.draft.selected_ids
    assert len(wizard.draft.selected_ids) == shown
    assert "shown by the filter" in page.count_label.text()
    assert page.isComplete()

    page.filter_edit.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == total)
    qtbot.mouseClick(page.invert_button, Qt.MouseButton.LeftButton)
    assert len(wizard.draft.selected_ids) == total - shown
    assert first.id not in wizard.draft.selected_ids
    assert page.count_label.text().startswith(f"{total - shown} of")


def answer_next_message_box(qtbot: QtBot, button_text: str) -> list[str]:
    """Click the button called `button_text` in the next modal message box that opens."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text().startswith(button_text):
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {box.text()!r}")

    QTimer.singleShot(0, click)
    return seen


def test_more_than_1000_selected_must_be_confirmed(
    qtbot: QtBot, big_services: Services, big_sandbox: SandboxServer
) -> None:
    wizard, page = select_page_with_everyone(qtbot, big_services, big_sandbox)
    count = page.model.selected_count()
    assert count > LARGE_CAMPAIGN
    assert page.warning_label.isVisible()

    seen = answer_next_message_box(qtbot, "Go back")
    assert not page.validatePage()
    assert seen
    assert str(count) in seen[0].replace(",", "")
    assert wizard.current_page_id() == PageId.SELECT

    seen = answer_next_message_box(qtbot, "Continue")
    assert page.validatePage()
    assert seen

    # At or under the limit there is nothing to confirm.
    page.model.set_rows_selected(range(page.model.rowCount()), False)
    page.model.set_rows_selected(range(LARGE_CAMPAIGN), True)
    assert not page.warning_label.isVisible()
    assert page.validatePage()


def test_select_columns_fit_what_the_rows_show(
    qtbot: QtBot, services: Services, sandbox: SandboxServer
) -> None:
    _wizard, page = select_page_with_everyone(qtbot, services, sandbox)
    view = page.table
    view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    widest = view.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARACTERS
    # Names, emails and organizations (Japanese and Chinese among them) are not cut, nor the
    # account's fields; only a value wider than the cap would be.
    for column in range(Column.NAME, page.model.columnCount()):
        needed = view.sizeHintForColumn(column)
        assert view.columnWidth(column) >= min(needed, widest), page.model.headerData(
            column, Qt.Orientation.Horizontal
        )
        assert view.columnWidth(column) <= max(
            widest, view.horizontalHeader().sectionSizeHint(column)
        )
