"""PlaceholderButton: an "Insert placeholder" menu listing the account's real fields.

It only offers placeholders the renderer accepts (CLI.md "Placeholders"): the customer's built-in
fields, each active custom user field by its title, the organization's name, each active
organization field and each column of the imported CSV list. Choosing one emits
`placeholder_chosen` with the text to insert.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from proactive_desktop.core.models import UserField
from proactive_desktop.ui.workers import emit


def placeholder(path: str) -> str:
    return "{{" + path + "}}"


class PlaceholderButton(QToolButton):
    placeholder_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Insert placeholder"))
        self.setToolTip(
            self.tr("Personalise the text: each customer sees their own value in its place.")
        )
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._actions: dict[str, QAction] = {}
        self.set_fields((), ())

    def set_fields(
        self,
        user_fields: Sequence[UserField],
        organization_fields: Sequence[UserField],
        csv_columns: Sequence[str] = (),
    ) -> None:
        """Rebuild the menu for the account's current custom fields and the imported CSV
        list's columns (`{{row.COLUMN}}`)."""
        menu = self._menu
        menu.clear()
        self._actions.clear()
        menu.addSection(self.tr("Customer"))
        built_in = (
            (self.tr("Full name"), "user.name"),
            (self.tr("First name"), "user.first_name"),
            (self.tr("Last name"), "user.last_name"),
            (self.tr("Email address"), "user.email"),
            (self.tr("Zendesk user ID"), "user.id"),
        )
        for title, path in built_in:
            self._add(menu, title, path)
        active_user_fields = [field for field in user_fields if field.active]
        if active_user_fields:
            fields_menu = menu.addMenu(self.tr("Customer fields"))
            for field in active_user_fields:
                self._add(fields_menu, field.title or field.key, f"user.user_fields.{field.key}")
        menu.addSection(self.tr("Organization"))
        self._add(menu, self.tr("Organization name"), "organization.name")
        active_org_fields = [field for field in organization_fields if field.active]
        if active_org_fields:
            org_menu = menu.addMenu(self.tr("Organization fields"))
            for field in active_org_fields:
                self._add(
                    org_menu,
                    field.title or field.key,
                    f"organization.organization_fields.{field.key}",
                )

        columns = [name for name in csv_columns if name.strip()]
        if columns:
            menu.addSection(self.tr("CSV list"))
            for name in columns:
                self._add(menu, name, f"row.{name.strip()}")

    def placeholders(self) -> list[str]:
        """Every placeholder the menu offers, in menu order."""
        return list(self._actions)

    def trigger(self, text: str) -> None:
        """Choose the placeholder `text` as if clicked in the menu (KeyError if not offered)."""
        self._actions[text].trigger()

    def _add(self, menu: QMenu, title: str, path: str) -> None:
        text = placeholder(path)
        # The title in the user's words first, then the exact text that will be inserted.
        action = menu.addAction(
            self.tr("{title}  —  {placeholder}").format(title=title, placeholder=text)
        )
        action.setData(text)
        self._actions[text] = action
        action.triggered.connect(lambda _checked=False, t=text: emit(self.placeholder_chosen, t))
