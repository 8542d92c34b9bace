"""The base of every wizard page: the shared draft, the services and the hooks the wizard calls.

Pages are constructed as `Page(draft, services)`. Strings are translated in the leaf classes
(`self.tr` takes its context from the runtime class), so this base shows no text of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget, QWizardPage

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.ui.services import Services

if TYPE_CHECKING:
    from proactive_desktop.ui.wizard import CampaignWizard


class WizardPage(QWizardPage):
    """`initializePage` loads state, `isComplete` gates Next, `validatePage` confirms."""

    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.services = services

    def campaign_wizard(self) -> CampaignWizard:
        from proactive_desktop.ui.wizard import CampaignWizard

        wizard = self.wizard()
        if not isinstance(wizard, CampaignWizard):
            raise RuntimeError("this page belongs to a CampaignWizard")
        return wizard

    def save_settings(self) -> None:
        """Store this page's preferences in `services.settings` (called once, on finish)."""

    def confirm_close(self) -> bool:
        """May the window close now? A page with work in flight asks, stops it, and says no
        until it has stopped (then closes the window itself)."""
        return True

    def shutdown(self) -> None:
        """The window is closing: cancel any background call this page still runs."""
