"""As a new user would: import a list exported from Excel in Japanese, insert one of its columns,
write a Japanese variant, preview a customer, send — and the account has exactly those tickets."""

from __future__ import annotations

from pathlib import Path

from campaign_helpers import click, tickets_by_requester
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from test_search_select import wizard_on_search

from proactive_desktop.core.models import CustomerStatus, campaign_tag
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.models.customer_table import FIRST_FIELD_COLUMN
from proactive_desktop.ui.pages.compose import ComposePage
from proactive_desktop.ui.pages.preview import PreviewPage
from proactive_desktop.ui.pages.select import SelectPage
from proactive_desktop.ui.pages.send import SendPage, SendState
from proactive_desktop.ui.services import Services
from proactive_desktop.ui.wizard import PageId

NEW_EMAIL = "shinki.kokyaku@example.jp"


def test_a_japanese_excel_list_personalises_previews_and_sends(
    qtbot: QtBot, services: Services, sandbox: SandboxServer, tmp_path: Path
) -> None:
    people = [u for u in sandbox.users() if u["role"] == "end-user" and u["email"]]
    japanese = next(u for u in people if u["locale"] == "ja" and not u["suspended"])
    other = next(u for u in people if u["locale"] == "de" and not u["suspended"])
    # What Excel in Japan writes for "CSV (comma separated)": CP932, CRLF.
    lines = [
        "email,氏名,注文番号",
        f"{japanese['email']},{japanese['name']},J-0001",
        f"{other['email']},{other['name']},<D&2>",
        f"{NEW_EMAIL},新規 花子,N-0003",
    ]
    path = tmp_path / "注文リスト.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))

    wizard, search = wizard_on_search(qtbot, services, sandbox)
    search.import_csv(path)
    qtbot.waitUntil(lambda: len(wizard.draft.customers) == 2, timeout=15_000)
    report = search.csv_report_label.text()
    assert "Shift_JIS (CP932)" in report
    assert "注文番号" in report
    assert "Emails that match no customer: 1." in report
    assert search.create_missing_check.isVisible()
    qtbot.mouseClick(search.create_missing_check, Qt.MouseButton.LeftButton)
    assert wizard.draft.create_missing

    # Select: the list's own columns are shown beside each customer.
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.SELECT)
    select = wizard.currentPage()
    assert isinstance(select, SelectPage)
    model = select.model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    order_column = headings.index("注文番号")
    assert order_column >= FIRST_FIELD_COLUMN
    shown = {model.data(model.index(row, order_column)) for row in range(model.rowCount())}
    assert shown == {"J-0001", "<D&2>"}

    # Compose: the column is offered by "Insert placeholder"; a Japanese tab is added.
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.COMPOSE)
    compose = wizard.currentPage()
    assert isinstance(compose, ComposePage)
    assert "{{row.注文番号}}" in compose.placeholder_button.placeholders()
    compose.name_edit.setFocus()
    qtbot.keyClicks(compose.name_edit, "Delayed orders")
    compose.subject_edit.setFocus()
    qtbot.keyClicks(compose.subject_edit, "Your order ")
    compose.placeholder_button.trigger("{{row.注文番号}}")
    compose.body_edit.setFocus()
    qtbot.keyClicks(compose.body_edit, "Hello {{user.name}}, order ")
    compose.placeholder_button.trigger("{{row.注文番号}}")
    japanese_action = next(
        a for a in compose.language_button.menu().actions() if a.text().endswith("(ja)")
    )
    japanese_action.trigger()
    assert compose.text_tabs.count() == 2
    tab = compose._language_tabs["ja"]
    tab.subject_edit.clear()
    tab.subject_edit.setFocus()
    tab.subject_edit.insert("ご注文 ")  # as an input method commits it (no key events for kana)
    compose.placeholder_button.trigger("{{row.注文番号}}")
    assert tab.subject_edit.text() == "ご注文 {{row.注文番号}}"

    # Preview: each customer's own order number, the Japanese text for the Japanese customer.
    click(qtbot, wizard, QWizard.WizardButton.NextButton, timeout=15_000)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.PREVIEW)
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=15_000)
    plan = preview.plan
    assert plan is not None
    rendered = {each.email: each for each in plan.recipients}
    assert rendered[japanese["email"]].language == "ja"
    assert rendered[japanese["email"]].rendered.subject == "ご注文 J-0001"  # type: ignore[union-attr]
    assert "&lt;D&amp;2&gt;" in rendered[other["email"]].rendered.html_body  # type: ignore[union-attr]
    assert rendered[NEW_EMAIL].new_customer
    assert NEW_EMAIL in preview.summary_label.text()
    row = next(i for i, each in enumerate(plan.recipients) if each.email == japanese["email"])
    preview.customer_spin.setValue(row + 1)
    assert "ご注文 J-0001" in preview.ticket_preview._subject.text()

    # Send: one ticket each, the new customer created once.
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SEND)
    send = wizard.currentPage()
    assert isinstance(send, SendPage)
    qtbot.waitUntil(
        lambda: send.state is SendState.FINISHED and not send.is_running, timeout=30_000
    )
    # The new customer's row became created in place (no second row once they had an id).
    assert send.model.rowCount() == 3
    counts = send.model.counts()
    assert (counts[CustomerStatus.CREATED], counts[CustomerStatus.PENDING]) == (3, 0)
    created = [u for u in sandbox.users() if u["email"] == NEW_EMAIL]
    assert len(created) == 1
    assert created[0]["name"] == "新規 花子"
    assert tickets_by_requester(sandbox, campaign_tag("Delayed orders")) == {
        japanese["id"]: 1,
        other["id"]: 1,
        created[0]["id"]: 1,
    }


def test_a_list_that_cannot_be_read_right_is_refused_naming_the_row(
    qtbot: QtBot, services: Services, sandbox: SandboxServer, tmp_path: Path
) -> None:
    people = [u for u in sandbox.users() if u["role"] == "end-user" and u["email"]][:3]
    path = tmp_path / "broken.csv"
    rows = [f'"{people[0]["email"]},First'] + [f"{u['email']},Other" for u in people[1:]]
    path.write_text("email,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard, search = wizard_on_search(qtbot, services, sandbox)
    search.import_csv(path)
    qtbot.waitUntil(search.error_label.isVisible, timeout=10_000)
    assert "row 2 is never closed" in search.error_label.text()
    assert wizard.draft.customers == []
    assert not search.csv_report_label.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
