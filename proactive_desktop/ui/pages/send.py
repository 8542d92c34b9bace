"""SendPage: runs the campaign and shows, live, where every customer stands.

The engine runs on the campaign worker (its own QThread); its events reach this page through the
runner's ~100 ms batches, and one batch becomes one table update. The page never touches the
network or the journal itself. Cancel is safe at any moment: it only sets the worker's Event, the
engine finishes what is in flight, records everything, and leaves the campaign "stopped" so that
Resume here, or the Start page on the next launch, continues it without a duplicate.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from proactive_desktop.core import campaigns
from proactive_desktop.core.campaigns import CampaignSession, ViewErrorKind
from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.engine import CampaignSummary
from proactive_desktop.core.errors import CampaignClaimedError, OAuthRefreshError, ProactiveError
from proactive_desktop.core.events import (
    CustomerUpdated,
    JobsWaiting,
    Phase,
    PhaseChanged,
    SendProgress,
    Waiting,
)
from proactive_desktop.core.models import CampaignState, CustomerStatus
from proactive_desktop.core.oauth import KeychainTokenSource, global_client_id
from proactive_desktop.core.secrets import BearerAuth
from proactive_desktop.core.signin import SignedIn, SignInAttempt
from proactive_desktop.ui.i18n import error_text, message_text
from proactive_desktop.ui.models.role_span import RoleSpanProxy
from proactive_desktop.ui.models.send_table import (
    Column,
    Role,
    SendTableModel,
    fit_columns,
    open_ticket_link,
    status_label,
)
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Connection, Services
from proactive_desktop.ui.widgets.duration import format_duration
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.widgets.moments import local_date_time
from proactive_desktop.ui.widgets.reasons import reason_text
from proactive_desktop.ui.workers import BackgroundCall, CampaignRunner, OnEvent, Task, emit

UseCase = Callable[[OnEvent, threading.Event], CampaignSummary]
"""One use case of core/campaigns.py (send, resume, retry) given the event callback and the
cancel; it opens its own session on the worker."""


class SendState(Enum):
    PREPARING = auto()
    SENDING = auto()
    STOPPING = auto()
    STOPPED = auto()
    FINISHED = auto()


class SendPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Sending"))
        self.setSubTitle(
            self.tr(
                "One ticket is created for each customer; each row shows where that customer "
                "stands. Stopping is safe at any moment: the campaign resumes later without "
                "creating any ticket twice."
            )
        )
        self._state = SendState.PREPARING
        self._needs_sign_in = False
        """Zendesk refused to renew the sign-in: "Sign in with Zendesk again" is offered."""
        self._runner: CampaignRunner | None = None
        self._summary: CampaignSummary | None = None
        self._close_when_stopped = False
        self._started = False
        self._start_pending = False
        self._live_in_flight: int | None = None
        """In flight as the engine last reported (rows change only once recorded)."""

        self._build_status()
        self._build_table()
        filter_row = self._build_actions()
        self._build_result()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.wait_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.view_label)

        self._build_calls()
        self._apply_state()

    def _build_status(self) -> None:
        """The headline, the progress bar, the speed, the counts and why nothing moves."""
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.rate_label = QLabel(self)
        self.rate_label.setWordWrap(True)
        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        # Why nothing moves for a while (a Retry-After, an empty rate budget), and how long.
        self.wait_label = QLabel(self)
        self.wait_label.setWordWrap(True)
        self.wait_label.hide()
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self._wait_over)

    def _build_table(self) -> None:
        """One row per customer, sortable, filtered by status; a ticket link opens it."""
        self.model = SendTableModel(self)
        self.model.reason_formatter = reason_text
        self.proxy = RoleSpanProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Role.SORT)
        self.proxy.setFilterRole(Role.STATUS)
        self.proxy.setFilterKeyColumn(Column.STATUS)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.clicked.connect(open_ticket_link)
        self.table.activated.connect(open_ticket_link)

    def _build_actions(self) -> QHBoxLayout:
        """Which customers to show, and Retry failed, Sign in again, Resume and Stop."""
        self.show_combo = QComboBox(self)
        self.show_combo.addItem(self.tr("All customers"), "")
        for status in (
            CustomerStatus.FAILED,
            CustomerStatus.PENDING,
            CustomerStatus.IN_FLIGHT,
            CustomerStatus.CREATED,
            CustomerStatus.SKIPPED,
        ):
            self.show_combo.addItem(status_label(status), status.value)
        self.show_combo.currentIndexChanged.connect(self._filter_changed)

        self.cancel_button = QPushButton(self.tr("Stop sending…"), self)
        self.cancel_button.clicked.connect(self.request_stop)
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.clicked.connect(self.resume)
        self.retry_button = QPushButton(self.tr("Retry failed"), self)
        self.retry_button.clicked.connect(self.retry_failed)
        # Shown when Zendesk refused to renew the sign-in: sign in again here, then Resume.
        self.sign_in_again_button = QPushButton(self.tr("Sign in with Zendesk again"), self)
        self.sign_in_again_button.setVisible(False)
        self.sign_in_again_button.clicked.connect(self.sign_in_again)

        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show:"), self))
        filter_row.addWidget(self.show_combo)
        filter_row.addStretch(1)
        filter_row.addWidget(self.retry_button)
        filter_row.addWidget(self.sign_in_again_button)
        filter_row.addWidget(self.resume_button)
        filter_row.addWidget(self.cancel_button)
        return filter_row

    def _build_result(self) -> None:
        """The result once the campaign ends, and the link to its view (or why there is none)."""
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.view_label = QLabel(self)
        self.view_label.setWordWrap(True)
        self.view_label.setTextFormat(Qt.TextFormat.RichText)
        self.view_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.view_label.linkActivated.connect(self._open_link)

    def _build_calls(self) -> None:
        """The background calls (the journal's summary, signing in again) and the start timer."""
        self._summary_call = BackgroundCall(
            None,
            self._summary_loaded,
            self._summary_failed,
            parent=self,
            name="campaign-summary",
        )
        self._sign_in_call = BackgroundCall(
            None, self._signed_in_again, self._sign_in_failed, parent=self, name="sign-in-again"
        )
        self._sign_in_call.running_changed.connect(lambda _running: self._apply_state())
        # A timer, not a queued call: queued calls run in the same pass as the page's first
        # paint, a timer only after it (and after any other timer that is due).
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._start_sending)

    # -- wizard hooks --------------------------------------------------------------------

    def initializePage(self) -> None:
        # A campaign starts once per wizard run: going through this page again must not send.
        if self._started:
            return
        self._started = True
        wizard = self.wizard()
        if wizard is not None:
            wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Stop and close…"))
        if self.draft.resume_campaign:
            # Rows first (from the journal, on a worker), then the engine.
            self._set_state(SendState.PREPARING)
            journal_path, name = self.services.journal_path, self.draft.resume_campaign
            self._summary_call.start(lambda task: campaigns.summary(journal_path, name))
            return
        if self.draft.plan is None:
            raise RuntimeError("the Preview page plans the campaign before sending")
        self._set_state(SendState.SENDING)
        self._start_pending = True
        # Let the page appear first; filling the table and starting the engine come on a later
        # turn of the event loop, so the click that commits never freezes the window for both.
        self._start_timer.start()

    def _start_sending(self) -> None:
        plan = self.draft.plan
        if not self._start_pending or plan is None:
            return
        self._start_pending = False
        self.model.reset_rows(plan.outcomes())
        fit_columns(self.table)
        self._update_counts()
        spec = self.draft.to_spec()
        connection = self.services.connection
        if connection is None:
            raise RuntimeError("the Connect page verifies the account before sending")
        workspace, account = self.services.workspace(), (connection.base_url, connection.email)

        def send(on_event: OnEvent, cancel: threading.Event) -> CampaignSummary:
            # On the session's verified connection: the account the Preview page planned on.
            with campaigns.open_account(workspace, *account, cancel=cancel) as session:
                return campaigns.send(session, spec, plan, on_event=on_event, cancel=cancel)

        self._start_run(send)

    def isComplete(self) -> bool:
        return self._state in (SendState.STOPPED, SendState.FINISHED)

    def validatePage(self) -> bool:
        return self.isComplete()

    def confirm_close(self) -> bool:
        if self._start_pending:
            # Closed before the engine started: nothing was sent, nothing to stop.
            self._start_pending = False
            return True
        if self._runner is None or not self._runner.is_running:
            return True
        if self._state != SendState.STOPPING and not self._ask_to_stop(closing=True):
            return False
        # Close once the engine has recorded everything and the thread has ended.
        self._close_when_stopped = True
        self._stop()
        return False

    def shutdown(self) -> None:
        self._start_pending = False
        self._summary_call.cancel()
        self._sign_in_call.cancel()
        if self._runner is not None:
            self._runner.cancel()

    # -- running -------------------------------------------------------------------------

    @property
    def campaign_name(self) -> str:
        return self.draft.resume_campaign or self.draft.name

    @property
    def is_running(self) -> bool:
        """The engine's thread has not ended yet (a finished or stopped run is still closing)."""
        return self._start_pending or (self._runner is not None and self._runner.is_running)

    @property
    def state(self) -> SendState:
        return self._state

    @property
    def summary(self) -> CampaignSummary | None:
        return self._summary

    def _summary_loaded(self, summary: CampaignSummary) -> None:
        self.model.reset_rows(summary.customers)
        fit_columns(self.table)
        self._summary = summary
        self._update_counts()
        self.resume()

    def _summary_failed(self, error: BaseException) -> None:
        self._set_state(SendState.STOPPED)
        self.headline.setText(
            self.tr("The campaign could not be opened: {reason}").format(reason=error_text(error))
        )

    def resume(self) -> None:
        """Continue a stopped campaign: created customers are never sent again."""
        self._start_run(self._on_campaign(campaigns.resume))

    def retry_failed(self) -> None:
        """Send again to the customers whose ticket failed, and only to them."""
        self._start_run(self._on_campaign(campaigns.retry_failed))

    def _on_campaign(self, use_case: Callable[..., CampaignSummary]) -> UseCase:
        """`use_case` (resume, retry) on this page's journaled campaign, with its own account's
        credentials (core/campaigns.py), in a session opened on the worker."""
        workspace, name = self.services.workspace(), self.campaign_name

        def call(on_event: OnEvent, cancel: threading.Event) -> CampaignSummary:
            session: CampaignSession
            with campaigns.open_campaign(workspace, name, cancel=cancel) as session:
                return use_case(session, on_event=on_event, cancel=cancel)

        return call

    def _start_run(self, call: UseCase) -> None:
        runner = CampaignRunner(call, parent=self)
        runner.progressed.connect(self._events_arrived)
        runner.finished.connect(self._run_finished)
        runner.failed.connect(self._run_failed)
        runner.stopped.connect(self._run_stopped)
        self._runner = runner
        self._close_when_stopped = False
        show_message(self.result_label, "", None)
        self.view_label.clear()
        set_role(self.view_label, None)
        self._set_state(SendState.SENDING)
        runner.start()

    def request_stop(self) -> None:
        """The page's Stop button: confirm, then stop safely."""
        if self._state == SendState.SENDING and self._ask_to_stop(closing=False):
            self._stop()

    def _ask_to_stop(self, *, closing: bool) -> bool:
        question = (
            self.tr(
                "Stop the campaign and close the window? Tickets already created stay; the "
                "campaign is saved and you can resume it the next time you open the program."
            )
            if closing
            else self.tr(
                "Stop the campaign? Tickets already created stay, and you can resume the "
                "campaign later without creating any ticket twice."
            )
        )
        answer = QMessageBox.question(
            self,
            self.tr("Stop sending"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _stop(self) -> None:
        if self._runner is not None and self._runner.is_running:
            self._runner.cancel()
            self._set_state(SendState.STOPPING)

    # -- events from the worker ----------------------------------------------------------

    def _events_arrived(self, events: tuple[object, ...]) -> None:
        outcomes: list[Any] = []
        progress: SendProgress | None = None
        for event in events:
            if isinstance(event, CustomerUpdated):
                outcomes.extend(event.outcomes)
            elif isinstance(event, SendProgress):
                progress = event
            elif isinstance(event, Waiting):
                self._show_wait(event)
            elif isinstance(event, PhaseChanged) and self._state == SendState.SENDING:
                phase = campaigns.phase_message(event.phase)
                if phase is not None:
                    self.headline.setText(message_text(phase))
            elif isinstance(event, JobsWaiting) and self._state == SendState.SENDING:
                waiting = campaigns.waiting_message(event) or campaigns.phase_message(Phase.SENDING)
                if waiting is not None:
                    self.headline.setText(message_text(waiting))
        if outcomes:
            self.model.apply(outcomes)
        if progress is not None:
            self._show_progress(progress)
        self._update_counts()

    def _show_wait(self, event: Waiting) -> None:
        seconds = round(event.seconds)
        duration = (
            self.tr("%n second(s)", "", seconds) if seconds < 120 else format_duration(seconds)
        )
        self.wait_label.setText(message_text(campaigns.rate_wait_message(event, duration)))
        self.wait_label.show()
        self._wait_timer.start(max(1, seconds) * 1000)

    def _wait_over(self) -> None:
        self.wait_label.clear()
        self.wait_label.hide()

    def _show_progress(self, progress: SendProgress) -> None:
        self._live_in_flight = progress.counts.in_flight
        parts: list[str] = []
        if progress.rate_per_minute:
            parts.append(self.tr("%n ticket(s) a minute", "", round(progress.rate_per_minute)))
        if progress.eta_s is not None and self._state == SendState.SENDING:
            parts.append(
                self.tr("time left: {duration}").format(duration=format_duration(progress.eta_s))
            )
        self.rate_label.setText(self.tr(" · ").join(parts))

    def _update_counts(self) -> None:
        counts = self.model.counts()
        total = sum(counts.values())
        not_done = counts[CustomerStatus.PENDING] + counts[CustomerStatus.IN_FLIGHT]
        done = total - not_done
        in_flight = counts[CustomerStatus.IN_FLIGHT]
        running = self._state in (SendState.SENDING, SendState.STOPPING)
        if running and self._live_in_flight is not None:
            # A row changes when its outcome is recorded, not when its request leaves: while
            # the engine runs, its own count of customers in flight is the true one.
            in_flight = min(self._live_in_flight, not_done)
        if self._state in (SendState.SENDING, SendState.STOPPING) or total:
            # QProgressBar repaints synchronously in setValue(); with updates off it only
            # schedules a paint, which the event loop merges with the table's (one paint pass
            # per tick instead of a blocking one inside this handler).
            self.progress.setUpdatesEnabled(False)
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress.setUpdatesEnabled(True)
        text = self.tr(
            "Created: {created} · Failed: {failed} · Skipped: {skipped} · Waiting: {pending}"
        ).format(
            created=counts[CustomerStatus.CREATED],
            failed=counts[CustomerStatus.FAILED],
            skipped=counts[CustomerStatus.SKIPPED],
            pending=not_done - in_flight,
        )
        if in_flight:
            text += self.tr(" · Being confirmed: {in_flight}").format(in_flight=in_flight)
        self.counts_label.setText(text)

    def _run_finished(self, summary: CampaignSummary) -> None:
        self._summary = summary
        counts = self.model.counts()
        live = (
            counts[CustomerStatus.CREATED],
            counts[CustomerStatus.FAILED],
            counts[CustomerStatus.SKIPPED],
            counts[CustomerStatus.PENDING],
            counts[CustomerStatus.IN_FLIGHT],
        )
        final = (
            summary.created,
            summary.failed,
            summary.skipped,
            summary.pending,
            summary.in_flight,
        )
        if live != final:
            # The journal's final word replaces the live updates when they differ; when they
            # agree, rebuilding every row would only freeze the window on a large campaign.
            self.model.reset_rows(summary.customers)
        self._live_in_flight = None
        self._wait_over()
        self._update_counts()
        self.rate_label.clear()
        if summary.state == CampaignState.FINISHED:
            self._set_state(SendState.FINISHED)
            self._show_result(summary)
        elif summary.state == CampaignState.SCHEDULED:
            self._set_state(SendState.FINISHED)
            self.headline.setText(self.tr("Scheduled: what was due is sent."))
            self._show_result(summary)
        else:
            self._set_state(SendState.STOPPED)
            if summary.in_flight:
                show_message(
                    self.result_label,
                    self.tr(
                        "%n customer(s) await confirmation: Zendesk may have created their "
                        "tickets. Resume checks the account for them before sending anything "
                        "again.",
                        "",
                        summary.in_flight,
                    ),
                    MessageRole.INFO,
                )

    def _run_failed(self, error: BaseException) -> None:
        self._set_state(SendState.STOPPED)
        # The sign-in ended (a refused renewal): nobody was marked failed for it; offer to sign
        # in again on this page, after which Resume carries on.
        self._needs_sign_in = isinstance(error, OAuthRefreshError) and self._sign_in_client() != ""
        self._apply_state()
        if isinstance(error, CampaignClaimedError):
            # Another computer or data folder sends it: resuming here would stop again.
            text = self.tr("The campaign stopped: {reason}").format(reason=error_text(error))
        else:
            text = self.tr(
                "The campaign stopped: {reason} Nothing is lost: Resume continues where it "
                "stopped, without creating any ticket twice."
            ).format(reason=error_text(error))
        show_message(self.result_label, text, MessageRole.ERROR)

    def _sign_in_client(self) -> str | None:
        """The OAuth client of the session's sign-in (None: the build's global one); "" when
        the session is not a sign-in with Zendesk."""
        connection = self.services.connection
        if connection is None or not isinstance(connection.auth, BearerAuth):
            return ""
        source = connection.auth.token_source
        if not isinstance(source, KeychainTokenSource):
            return ""
        client = source.tokens.client_id
        return None if client is None or client == global_client_id() else client

    def sign_in_again(self) -> None:
        """Sign in with Zendesk in the browser (as on the Connect page), for the same user."""
        connection = self.services.connection
        client = self._sign_in_client()
        if connection is None or client == "" or self._sign_in_call.is_running:
            return
        try:
            attempt = SignInAttempt.start(connection.base_url, client, language=QLocale().name())
        except ProactiveError as error:
            show_message(self.result_label, error_text(error), MessageRole.ERROR)
            return
        services = self.services
        store = services.secrets

        def run(task: Task) -> SignedIn:
            with attempt:
                return attempt.complete(
                    cancel=task.cancel,
                    store=store,
                    make_client=lambda url, auth, cancel: services.make_client(
                        url, auth, cancel=cancel, max_attempts=2
                    ),
                )

        self._sign_in_call.start(run)
        show_message(
            self.result_label,
            self.tr(
                "Your browser is opening Zendesk's sign-in page. Sign in there as {email} and "
                "choose Allow; then press Resume."
            ).format(email=connection.email),
            MessageRole.INFO,
        )
        QDesktopServices.openUrl(QUrl(attempt.url))

    def _signed_in_again(self, result: SignedIn) -> None:
        connection = self.services.connection
        if connection is None:
            return
        if result.agent.email.strip().lower() != connection.email.strip().lower():
            show_message(
                self.result_label,
                self.tr(
                    "You signed in as {signed_in}, but this campaign belongs to {email}. Sign in "
                    "again as {email}."
                ).format(signed_in=result.agent.email, email=connection.email),
                MessageRole.ERROR,
            )
            return
        self.services.connection = Connection(
            base_url=connection.base_url,
            email=connection.email,
            auth=BearerAuth(result.source),
            agent=result.agent,
            permissions=result.permissions,
            is_demo=connection.is_demo,
        )
        self._needs_sign_in = False
        self._apply_state()
        show_message(
            self.result_label,
            self.tr(
                "Signed in again as {email}. Press Resume to carry on with the campaign."
            ).format(email=result.agent.email),
            MessageRole.SUCCESS,
        )

    def _sign_in_failed(self, error: BaseException) -> None:
        show_message(self.result_label, error_text(error), MessageRole.ERROR)

    def _run_stopped(self) -> None:
        if self._state in (SendState.SENDING, SendState.STOPPING):
            # The thread ended without a summary (the call failed): it is stopped either way.
            self._set_state(SendState.STOPPED)
        self._apply_state()
        if self._close_when_stopped:
            self._close_when_stopped = False
            wizard = self.wizard()
            if wizard is not None:
                wizard.close()

    # -- display -------------------------------------------------------------------------

    def _set_state(self, state: SendState) -> None:
        self._state = state
        texts = {
            SendState.PREPARING: self.tr("Opening the campaign…"),
            SendState.SENDING: self.tr("Creating the tickets…"),
            SendState.STOPPING: self.tr(
                "Stopping… The tickets already on their way are being checked, so that none is "
                "created twice."
            ),
            SendState.STOPPED: self.tr("Stopped — you can resume."),
            SendState.FINISHED: self.tr("Done."),
        }
        self.headline.setText(texts[state])
        self._apply_state()
        emit(self.completeChanged)

    def _apply_state(self) -> None:
        running = self._runner is not None and self._runner.is_running
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            # "Stop and close" means something only while the campaign runs; then Close is all.
            busy = running or self._state in (SendState.SENDING, SendState.STOPPING)
            wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, not busy)
        self.cancel_button.setVisible(self._state in (SendState.SENDING, SendState.STOPPING))
        self.cancel_button.setEnabled(self._state == SendState.SENDING)
        counts = self.model.counts()
        stopped = self._state == SendState.STOPPED and not running
        signing_in = self._sign_in_call.is_running
        self.resume_button.setVisible(stopped)
        self.resume_button.setEnabled(not signing_in)
        self.sign_in_again_button.setVisible(stopped and self._needs_sign_in)
        self.sign_in_again_button.setEnabled(not signing_in)
        self.retry_button.setVisible(
            self._state in (SendState.FINISHED, SendState.STOPPED)
            and not running
            and counts[CustomerStatus.FAILED] > 0
        )
        if self._state in (SendState.STOPPED, SendState.FINISHED):
            self.progress.setRange(0, max(sum(counts.values()), 1))

    def _show_result(self, summary: CampaignSummary) -> None:
        lines = [
            self.tr("%n ticket(s) created.", "", summary.created),
        ]
        if summary.failed:
            lines.append(
                self.tr(
                    "%n customer(s) failed: see the reason in the table, then use Retry failed.",
                    "",
                    summary.failed,
                )
            )
        if summary.skipped:
            lines.append(
                self.tr("%n customer(s) skipped, each with the reason.", "", summary.skipped)
            )
        lines.append(self.tr("Every ticket carries the tag {tag}.").format(tag=summary.tag))
        if summary.state == CampaignState.SCHEDULED:
            lines.append(
                self.tr(
                    "%n customer(s) wait for their time: the next from {when}. They get their "
                    "tickets while this program is open (or with run-due); closing it is safe.",
                    "",
                    summary.pending,
                ).format(
                    when=local_date_time(summary.next_due) if summary.next_due else self.tr("—")
                )
            )
        role = MessageRole.WARNING if summary.failed else MessageRole.SUCCESS
        show_message(self.result_label, "\n".join(lines), role)
        if summary.view_url:
            self.view_label.setText(
                '<a href="{url}">{text}</a>'.format(
                    url=html.escape(summary.view_url),
                    text=html.escape(self.tr("Open the campaign's view in Zendesk")),
                )
            )
            set_role(self.view_label, None)
        elif summary.view_error:
            self.view_label.setText(html.escape(self._view_error_text(summary)))
            # The tickets count; the missing view is worth knowing, not a failure.
            set_role(self.view_label, MessageRole.WARNING)

    def _view_error_text(self, summary: CampaignSummary) -> str:
        if summary.view_error_kind is ViewErrorKind.NOT_PERMITTED:
            # The most common reason by far (docs/ZENDESK.md, "Views"), in plain words.
            return self.tr(
                "The tickets were created, but no view was made for them: your Zendesk role "
                "may not create shared views. You can still find the tickets by their tag, "
                "{tag}; an administrator can create the view or give you that permission."
            ).format(tag=summary.tag)
        reason = (
            message_text(summary.view_error_message)
            if summary.view_error_message is not None
            else reason_text(summary.view_error or "", "Engine")  # a journal of an older version
        )
        return self.tr("The tickets were created, but no view was made for them: {reason}").format(
            reason=reason
        )

    def _filter_changed(self) -> None:
        status = self.show_combo.currentData()
        self.proxy.setFilterRegularExpression(f"^{status}$" if status else "")

    def _open_link(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))
