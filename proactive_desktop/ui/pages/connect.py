"""Connect page: the Zendesk address and "Sign in with Zendesk" (or an existing API token),
checked before Next.

The credential kind is an explicit choice (docs/ZENDESK.md, "Signing in"): no account can create
an API token any more, a token unused for 30 days is switched off, and every token stops on
2027-04-30 — so the page opens on the sign-in, and the API token is "I already have one".

- Sign in with Zendesk (core/signin.py, the same use case as `login`): with a build's global OAuth
  client only the address is needed; otherwise the account's own client's identifier, with a
  guide to creating one that lists the program's fixed redirect URLs (and copies them). The page
  opens the system browser and waits for the redirect on a BackgroundCall, with a Cancel. The
  sign-in goes to the keychain — or stays in memory for the session, and the page says so — and
  the page says until when it holds, warning a few days before it runs out. A returning user
  whose sign-in is kept is checked without the browser; the client identifier is remembered per
  account in the settings.
- An existing API token: the agent's email and token; the check (`users/me` + permissions) runs
  on a BackgroundCall. The token lives in memory as a `Secret`, in the OS keychain only if the
  user ticks "Remember". A saved token that Zendesk refuses was most likely switched off: the
  page says so and offers the sign-in.

Next stays disabled until the values in the fields are the ones that were verified. The last
address and email (never a token) go to the settings file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from proactive_desktop.core.draft import CampaignDraft
from proactive_desktop.core.errors import (
    AuthenticationError,
    KeychainError,
    ProactiveError,
    UrlError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.logs import basic_credential, register_secret
from proactive_desktop.core.models import Agent, Role
from proactive_desktop.core.oauth import (
    SIGN_IN_TIMEOUT_S,
    global_client_id,
    redirect_urls,
    sign_in_ends_soon,
)
from proactive_desktop.core.secrets import (
    ApiTokenAuth,
    Auth,
    BearerAuth,
    KeychainState,
    OAuthTokens,
    Secret,
)
from proactive_desktop.core.signin import SignedIn, SignInAttempt, resume_kept_sign_in
from proactive_desktop.core.urls import account_host, normalise_base_url
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import Permissions
from proactive_desktop.ui.i18n import error_text
from proactive_desktop.ui.pages.base import WizardPage
from proactive_desktop.ui.services import Connection, DemoAccount, Services
from proactive_desktop.ui.widgets.messages import MessageRole, set_role, show_message
from proactive_desktop.ui.workers import BackgroundCall, Task, emit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Credentials:
    base_url: str
    email: str
    token: Secret

    def key(self) -> tuple[str, str, str]:
        return (self.base_url, self.email, self.token.reveal())


@dataclass(frozen=True, slots=True)
class _CheckResult:
    credentials: _Credentials
    agent: Agent
    permissions: Permissions
    keychain_error: KeychainError | None


@dataclass(frozen=True, slots=True)
class _KeychainLookup:
    state: KeychainState
    base_url: str
    email: str
    token: Secret | None
    sign_in: OAuthTokens | None = None
    """The account's kept "Sign in with Zendesk", if any."""


CHECK_ATTEMPTS = 2
"""Tries of each request of the connection check: someone is waiting for the answer, so an
unreachable address is reported after one retry, not after a campaign's patient retries."""

#: What the administrator enters for the OAuth client (shown verbatim, never translated).
OAUTH_CLIENT_KIND = "Public"


class ConnectPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Connect to Zendesk"))
        self._api_token_subtitle = self.tr(
            "Enter your Zendesk address, your agent email and your existing API token, then "
            "check the connection. Nothing is changed in your account on this page."
        )
        self._global_client_id = global_client_id()
        self._verified: tuple[str, str, str] | None = None
        # The fields' values when the token came from the keychain: a 401 for exactly these
        # means a saved token Zendesk switched off, not a typing mistake.
        self._keychain_token_key: tuple[str, str, str] | None = None
        self._is_demo = False
        self._keychain_state: KeychainState | None = None
        self._has_initialised = False
        self._auto_check_pending = False
        # The address and email whose sign-in is saved in the keychain (found there at start,
        # or saved by a sign-in of this session): what "Forget this sign-in" removes.
        self._saved_sign_in: tuple[str, str] | None = None

        token_group = self._token_group = self._build_token_group()
        self.oauth_group = self._build_oauth_group()

        kind_row = self._build_kind_row()
        address_form = QFormLayout()
        address_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        address_form.addRow(self.tr("Zendesk address:"), self.url_edit)

        buttons = self._build_buttons()
        self._build_messages()
        layout = QVBoxLayout(self)
        layout.addLayout(address_form)
        layout.addLayout(kind_row)
        layout.addWidget(self.oauth_group)
        layout.addWidget(token_group)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

        self._build_calls()
        self.oauth_radio.toggled.connect(self._kind_changed)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_sign_in_button.clicked.connect(self.cancel_sign_in)
        self.forget_sign_in_button.clicked.connect(self.forget_sign_in)
        self.client_id_edit.textChanged.connect(self._fields_changed)
        self.client_id_edit.returnPressed.connect(self.sign_in)
        self._kind_changed(False)

        self.check_button.clicked.connect(self.check)
        self.demo_button.clicked.connect(self.try_demo)
        self.use_sign_in_button.clicked.connect(self._switch_to_sign_in)
        self.copy_redirects_button.clicked.connect(self.copy_redirect_urls)
        for edit in (self.url_edit, self.email_edit, self.token_edit):
            edit.textChanged.connect(self._fields_changed)
            edit.returnPressed.connect(self.check)
        self.url_edit.editingFinished.connect(self._look_up_keychain)
        self.url_edit.editingFinished.connect(self._fill_remembered_client)
        self.email_edit.editingFinished.connect(self._look_up_keychain)

    def _build_token_group(self) -> QGroupBox:
        """The address field, and the API token group: email, token, keep it in the keychain."""
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("acme or https://acme.zendesk.com"))
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(self.tr("you@example.com"))
        self.token_edit = QLineEdit()
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Paste your API token"))
        token_help = QLabel(
            self.tr(
                "Zendesk no longer creates new API tokens. An existing token works until "
                "30 April 2027 — unless nobody uses it for 30 days: then Zendesk switches it off. "
                "Sign in with Zendesk instead where you can."
            )
        )
        token_help.setWordWrap(True)
        token_help.setProperty("role", "hint")

        self.remember_box = QCheckBox(self.tr("Remember the token in this computer's keychain"))
        self.remember_box.setVisible(False)
        self.keychain_label = QLabel()
        self.keychain_label.setWordWrap(True)
        self.keychain_label.setProperty("role", "hint")
        self.keychain_label.setVisible(False)

        # The credential kind is an explicit choice (docs/ZENDESK.md, "Signing in"): the API
        # token has its own group so that another way of signing in can sit beside it.
        token_group = QGroupBox(self.tr("An existing API token"))
        form = QFormLayout(token_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Agent email:"), self.email_edit)
        form.addRow(self.tr("API token:"), self.token_edit)
        form.addRow(token_help)
        form.addRow(self.remember_box)
        form.addRow(self.keychain_label)
        return token_group

    def _build_kind_row(self) -> QHBoxLayout:
        """Which credential: an explicit choice, never guessed from what was typed.

        The sign-in comes first and is chosen at the start (API tokens are on their way out)."""
        self.oauth_radio = QRadioButton(self.tr("Sign in with Zendesk"))
        self.api_token_radio = QRadioButton(self.tr("I already have an API token"))
        self.oauth_radio.setChecked(True)
        self._kind_group = QButtonGroup(self)
        self._kind_group.addButton(self.oauth_radio)
        self._kind_group.addButton(self.api_token_radio)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("Connect with:")))
        kind_row.addWidget(self.oauth_radio)
        kind_row.addWidget(self.api_token_radio)
        kind_row.addStretch(1)
        return kind_row

    def _build_buttons(self) -> QHBoxLayout:
        """Check the connection, or try the demo."""
        self.check_button = QPushButton(self.tr("Check connection"))
        self.check_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.setToolTip(
            self.tr("Start a practice account on this computer, with sample customers.")
        )
        self.demo_button.setVisible(self.services.has_demo)
        self.use_sign_in_button = QPushButton(self.tr("Sign in with Zendesk instead"))
        self.use_sign_in_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.use_sign_in_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        return buttons

    def _build_messages(self) -> None:
        """Who is signed in (and what they may do), or what went wrong."""
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setVisible(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.error_label, MessageRole.ERROR)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)

    def _build_calls(self) -> None:
        """The background calls: the check, the keychain, the demo, the sign-in, forgetting it."""
        self._check_call = BackgroundCall(
            None, self._check_succeeded, self._check_failed, parent=self, name="check"
        )
        self._check_call.running_changed.connect(self._update_busy)
        self._keychain_call = BackgroundCall(
            None,
            self._keychain_looked_up,
            self._keychain_failed,
            parent=self,
            name="keychain",
        )
        self._demo_call = BackgroundCall(
            self._run_start_demo, self._demo_started, self._demo_failed, parent=self, name="demo"
        )
        self._demo_call.running_changed.connect(self._update_busy)
        self._sign_in_call = BackgroundCall(
            None, self._sign_in_succeeded, self._sign_in_failed, parent=self, name="oauth-sign-in"
        )
        self._sign_in_call.running_changed.connect(self._update_busy)
        self._forget_call = BackgroundCall(
            None, self._sign_in_forgotten, self._forget_failed, parent=self, name="oauth-forget"
        )
        self._forget_call.running_changed.connect(self._update_busy)

    # -- QWizardPage ------------------------------------------------------------------------

    def initializePage(self) -> None:
        if self._has_initialised:
            return
        self._has_initialised = True
        settings = self.services.settings
        # A campaign being resumed brings its own address and email from the journal.
        self.url_edit.setText(self.draft.base_url or settings.last_url or "")
        self.email_edit.setText(self.draft.email or settings.last_email or "")
        self._fill_remembered_client()
        if self.services.open_demo_at_start and self.services.has_demo:
            self._look_up_keychain()
            self.try_demo()
        else:
            self._look_up_keychain(auto_check=True)

    def isComplete(self) -> bool:
        return (
            self._verified is not None
            and self.services.connection is not None
            and self._current_key() == self._verified
            and not self._check_call.is_running
            and not self._sign_in_call.is_running
        )

    def nextId(self) -> int:
        from proactive_desktop.ui.wizard import PageId

        wizard = self.wizard()
        if self.draft.resume_campaign and wizard is not None and PageId.SEND in wizard.pageIds():
            return int(PageId.SEND)
        return int(PageId.SEARCH)

    def shutdown(self) -> None:
        calls = (
            self._check_call,
            self._keychain_call,
            self._demo_call,
            self._sign_in_call,
            self._forget_call,
        )
        for call in calls:
            call.cancel()

    def save_settings(self) -> None:
        connection = self.services.connection
        if connection is not None and not connection.is_demo:
            self.services.settings.last_url = connection.base_url
            self.services.settings.last_email = connection.email

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def check(self) -> None:
        """Verify the fields' credentials on a worker; Next is enabled when they are valid."""
        if self.is_oauth:
            self.sign_in()
            return
        self._show_error(None)
        try:
            credentials = self._credentials()
        except UrlError as error:
            self._show_error(error_text(error))
            return
        if not credentials.email:
            self._show_error(self.tr("Enter the email address you sign in to Zendesk with."))
            return
        if not credentials.token.reveal():
            self._show_error(self.tr("Enter your API token."))
            return
        self._show_status(self.tr("Checking the connection…"))
        self._verified = None
        self.services.connection = None
        emit(self.completeChanged)
        remember = self.remember_box.isVisible() and self.remember_box.isChecked()
        keychain_usable = self._keychain_state is not None and (
            self._keychain_state is not KeychainState.UNAVAILABLE
        )
        services = self.services

        def run(task: Task) -> _CheckResult:
            return self._check_in_background(task, services, credentials, remember, keychain_usable)

        self._check_call.start(run)

    @Slot()
    def try_demo(self) -> None:
        self._show_error(None)
        self._show_status(self.tr("Starting the demo account…"))
        self._demo_call.start()

    # -- background work (runs on a worker thread: no widgets here) ----------------------------

    @staticmethod
    def _check_in_background(
        task: Task,
        services: Services,
        credentials: _Credentials,
        remember: bool,
        keychain_usable: bool,
    ) -> _CheckResult:
        with services.make_client(
            credentials.base_url,
            ApiTokenAuth(credentials.email, credentials.token),
            cancel=task.cancel,
            max_attempts=CHECK_ATTEMPTS,
        ) as client:
            agent = client.me()
            permissions = client.permissions()
        keychain_error: KeychainError | None = None
        if keychain_usable:
            try:
                if remember:
                    services.secrets.save_api_token(
                        credentials.base_url, credentials.email, credentials.token
                    )
                else:
                    services.secrets.delete_api_token(credentials.base_url, credentials.email)
            except KeychainError as error:
                keychain_error = error
        return _CheckResult(credentials, agent, permissions, keychain_error)

    def _run_start_demo(self, task: Task) -> DemoAccount:
        return self.services.start_demo()

    # -- results (GUI thread) -------------------------------------------------------------------

    def _check_succeeded(self, result: _CheckResult) -> None:
        credentials = result.credentials
        self._verified = credentials.key()
        self.services.connection = Connection(
            base_url=credentials.base_url,
            email=credentials.email,
            auth=ApiTokenAuth(credentials.email, credentials.token),
            agent=result.agent,
            permissions=result.permissions,
            is_demo=self._is_demo,
        )
        self.draft.base_url = credentials.base_url
        self.draft.email = credentials.email
        self.draft.agent = result.agent
        self.draft.can_manage_shared_views = result.permissions.can_manage_shared_views
        self.draft.is_demo = self._is_demo
        if not self._is_demo:
            self.save_settings()
            self.services.save_settings()
        log.info("Signed in as user %s (%s)", result.agent.id, result.agent.role)
        lines = [
            self.tr("Signed in as {name} ({email}), {role}.").format(
                name=result.agent.name,
                email=result.agent.email,
                role=self._role_text(result.agent.role),
            ),
            self.tr("You may create tickets for your customers."),
            self._views_text(result.permissions.can_manage_shared_views),
        ]
        self._show_status("\n".join(lines), MessageRole.SUCCESS)
        if result.keychain_error is not None:
            self._show_error(
                self.tr("The token could not be stored in the keychain: {reason}").format(
                    reason=error_text(result.keychain_error)
                )
            )
        emit(self.completeChanged)

    def _check_failed(self, error: BaseException) -> None:
        self._show_status("")
        saved_token_refused = (
            isinstance(error, AuthenticationError)
            and self._keychain_token_key is not None
            and self._current_key() == self._keychain_token_key
        )
        if saved_token_refused:
            self._show_error(
                self.tr(
                    "Zendesk did not accept the API token saved on this computer. Zendesk has "
                    "probably switched it off: it does so for a token nobody used for 30 days, "
                    "and for every token on 30 April 2027. Sign in with Zendesk instead."
                )
            )
            self.use_sign_in_button.setVisible(True)
        else:
            self._show_error(error_text(error))
        emit(self.completeChanged)

    @Slot()
    def _switch_to_sign_in(self) -> None:
        self.use_sign_in_button.setVisible(False)
        self.oauth_radio.setChecked(True)
        if self.client_id_edit.isVisible() and not self.client_id_edit.text().strip():
            self.client_id_edit.setFocus()
        else:
            self.sign_in_button.setFocus()

    def _keychain_looked_up(self, lookup: _KeychainLookup) -> None:
        self._apply_keychain_state(lookup.state)
        current = self._credentials_or_none()
        still_same = current is not None and (current.base_url, current.email) == (
            lookup.base_url,
            lookup.email,
        )
        same_account = current is not None and current.base_url == lookup.base_url
        sign_in = lookup.sign_in
        if lookup.token is not None and still_same and not self.token_edit.text():
            # An existing token: it keeps working (until Zendesk switches it off).
            self.api_token_radio.setChecked(True)
            self.token_edit.setText(lookup.token.reveal())
            self.remember_box.setChecked(True)
            current_now = self._credentials_or_none()
            self._keychain_token_key = current_now.key() if current_now else None
            self._show_status(self.tr("A remembered token was found in the keychain."))
            if self._auto_check_pending:
                self.check()
        elif sign_in is not None and same_account and not self.token_edit.text():
            # The account's kept "Sign in with Zendesk": used without the browser.
            email = sign_in.email or lookup.email
            self._saved_sign_in = (lookup.base_url, email)
            self.oauth_radio.setChecked(True)
            if sign_in.client_id and sign_in.client_id != self._global_client_id:
                self.client_id_edit.setText(sign_in.client_id)
            if email:
                self.email_edit.blockSignals(True)
                self.email_edit.setText(email)
                self.email_edit.blockSignals(False)
            self._update_forget_button()
            if self._auto_check_pending:
                self._resume_sign_in(lookup.base_url, email)
        self._auto_check_pending = False

    def _keychain_failed(self, error: BaseException) -> None:
        self._apply_keychain_state(KeychainState.UNAVAILABLE)

    def _demo_started(self, account: DemoAccount) -> None:
        # The practice account signs in with its own (public) API token: no browser needed.
        self.api_token_radio.setChecked(True)
        self.url_edit.setText(account.base_url)
        self.email_edit.setText(account.email)
        self.token_edit.setText(account.token.reveal())
        # The demo's token is public; remembering it would only clutter the keychain.
        self.remember_box.setChecked(False)
        self._is_demo = True
        self.check()

    def _demo_failed(self, error: BaseException) -> None:
        self._show_status("")
        self._show_error(
            self.tr("The demo account could not be started: {reason}").format(
                reason=error_text(error)
            )
        )

    # -- Sign in with Zendesk (OAuth) -----------------------------------------------------------

    def _build_oauth_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sign in with Zendesk"))
        self.client_id_edit = QLineEdit()
        self.client_id_edit.setPlaceholderText(self.tr("The OAuth client's unique identifier"))
        self.global_client_label = QLabel(
            self.tr(
                "Enter your Zendesk address above and press Sign in with Zendesk: your browser "
                "opens Zendesk, you sign in there and choose Allow. No set-up in Admin Center is "
                "needed."
            )
        )
        self.global_client_label.setWordWrap(True)
        self.global_client_label.setProperty("role", "hint")
        guide = QLabel(
            self.tr(
                "Your administrator creates an OAuth client once for the account: in Admin "
                "Center, go to Apps and integrations → APIs → Zendesk API → OAuth Clients, "
                "choose Add OAuth client, and enter these values:"
            )
        )
        guide.setWordWrap(True)
        guide.setProperty("role", "hint")
        values = QFormLayout()
        self.oauth_kind_value = QLineEdit(OAUTH_CLIENT_KIND)
        self.oauth_kind_value.setReadOnly(True)
        # Each of the program's fixed addresses, one per line, as Zendesk's form takes them.
        self.redirect_urls_label = QLabel("\n".join(redirect_urls()))
        self.redirect_urls_label.setTextFormat(Qt.TextFormat.PlainText)
        self.redirect_urls_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.copy_redirects_button = QPushButton(self.tr("Copy"))
        self.copy_redirects_button.setToolTip(
            self.tr("Copy the redirect URLs, one per line, to paste them into Admin Center.")
        )
        redirect_row = QHBoxLayout()
        redirect_row.addWidget(self.redirect_urls_label, 1)
        redirect_row.addWidget(self.copy_redirects_button, 0, Qt.AlignmentFlag.AlignTop)
        values.addRow(self.tr("Client kind:"), self.oauth_kind_value)
        values.addRow(self.tr("Redirect URLs:"), redirect_row)
        after = QLabel(
            self.tr(
                "Give it any name (for example Proactive Desktop) and a unique identifier, "
                "save it, and enter that identifier above. No secret is needed: a public client "
                "proves itself with PKCE. Then press Sign in with Zendesk: your browser opens, "
                "you sign in there and choose Allow."
            )
        )
        after.setWordWrap(True)
        after.setProperty("role", "hint")
        self._local_client_guide = QWidget()
        guide_layout = QVBoxLayout(self._local_client_guide)
        guide_layout.setContentsMargins(0, 0, 0, 0)
        guide_layout.addWidget(guide)
        guide_layout.addLayout(values)
        guide_layout.addWidget(after)

        self.sign_in_button = QPushButton(self.tr("Sign in with Zendesk"))
        self.cancel_sign_in_button = QPushButton(self.tr("Cancel sign-in"))
        self.cancel_sign_in_button.setVisible(False)
        self.forget_sign_in_button = QPushButton(self.tr("Forget this sign-in…"))
        self.forget_sign_in_button.setToolTip(
            self.tr("Remove the saved sign-in from this computer's keychain.")
        )
        self.forget_sign_in_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.cancel_sign_in_button)
        buttons.addStretch(1)
        buttons.addWidget(self.forget_sign_in_button)
        self.authorization_url_label = QLabel()
        self.authorization_url_label.setWordWrap(True)
        self.authorization_url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.authorization_url_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.authorization_url_label.setVisible(False)

        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._client_id_label = QLabel(self.tr("OAuth client identifier:"))
        form.addRow(self._client_id_label, self.client_id_edit)
        form.addRow(self.global_client_label)
        form.addRow(self._local_client_guide)
        form.addRow(buttons)
        form.addRow(self.authorization_url_label)
        # A build with its own global client needs only the address: no client, no guide.
        has_global = self._global_client_id is not None
        self._client_id_label.setVisible(not has_global)
        self.client_id_edit.setVisible(not has_global)
        self._local_client_guide.setVisible(not has_global)
        self.global_client_label.setVisible(has_global)
        return group

    @Slot()
    def copy_redirect_urls(self) -> None:
        """The redirect URLs to the clipboard, one per line (Zendesk's form takes that)."""
        QGuiApplication.clipboard().setText("\n".join(redirect_urls()))
        self._show_status(
            self.tr("The redirect URLs were copied. Paste them into the OAuth client's form."),
            MessageRole.INFO,
        )

    @Slot()
    def _fill_remembered_client(self) -> None:
        """The account's own OAuth client, as remembered from its last sign-in."""
        if self._global_client_id is not None or self.client_id_edit.text().strip():
            return
        try:
            host = account_host(normalise_base_url(self.url_edit.text()))
        except UrlError:
            return
        remembered = self.services.settings.sign_in_clients.get(host)
        if remembered:
            self.client_id_edit.setText(remembered)

    def _chosen_client_id(self) -> str | None:
        """The client the sign-in uses: None for the build's global one."""
        return None if self._global_client_id is not None else self.client_id_edit.text()

    @property
    def is_oauth(self) -> bool:
        """True when "Sign in with Zendesk" is the chosen credential kind."""
        return self.oauth_radio.isChecked()

    @Slot(bool)
    def _kind_changed(self, _checked: bool) -> None:
        oauth = self.is_oauth
        if oauth and self._global_client_id is not None:
            self.setSubTitle(
                self.tr(
                    "Enter your Zendesk address, then sign in with Zendesk in your browser. "
                    "Nothing is changed in your account on this page."
                )
            )
        elif oauth:
            self.setSubTitle(
                self.tr(
                    "Enter your Zendesk address and your account's OAuth client, then sign in "
                    "with Zendesk in your browser. Nothing is changed in your account on this "
                    "page."
                )
            )
        else:
            self.setSubTitle(self._api_token_subtitle)
        self._token_group.setVisible(not oauth)
        self.oauth_group.setVisible(oauth)
        self.check_button.setVisible(not oauth)
        self._fields_changed()
        self._update_forget_button()

    @Slot()
    def sign_in(self) -> None:
        """Open the browser at Zendesk's sign-in and wait (off the GUI thread) for its answer."""
        self._show_error(None)
        self.use_sign_in_button.setVisible(False)
        self.authorization_url_label.setVisible(False)
        try:
            attempt = SignInAttempt.start(
                self.url_edit.text(), self._chosen_client_id(), language=QLocale().name()
            )
        except ProactiveError as error:
            self._show_error(error_text(error))
            return
        self._verified = None
        self.services.connection = None
        emit(self.completeChanged)
        services = self.services
        store = services.secrets if self._keychain_state is not KeychainState.UNAVAILABLE else None
        timeout_s = self.sign_in_timeout_s

        def run(task: Task) -> SignedIn:
            with attempt:
                return attempt.complete(
                    cancel=task.cancel,
                    store=store,
                    timeout_s=timeout_s,
                    make_client=ConnectPage._client_maker(services),
                )

        self._sign_in_call.start(run)
        self._show_status(
            self.tr(
                "Your browser is opening Zendesk's sign-in page. Sign in there and choose Allow; "
                "this page continues by itself. Press Cancel sign-in to stop."
            )
        )
        if not QDesktopServices.openUrl(QUrl(attempt.url)):
            self.authorization_url_label.setText(
                self.tr("No browser opened. Open this address in your browser: {url}").format(
                    url=attempt.url
                )
            )
            self.authorization_url_label.setVisible(True)

    sign_in_timeout_s: float = SIGN_IN_TIMEOUT_S
    """How long the page waits for the browser (shorter in tests)."""

    @staticmethod
    def _client_maker(services: Services) -> Callable[[str, Auth, threading.Event], ZendeskClient]:
        def make(base_url: str, auth: Auth, cancel: threading.Event) -> ZendeskClient:
            # Few tries: an interactive check answers in seconds.
            return services.make_client(base_url, auth, cancel=cancel, max_attempts=CHECK_ATTEMPTS)

        return make

    @Slot()
    def cancel_sign_in(self) -> None:
        """Stop waiting for the browser; the page stays usable for another try."""
        if not self._sign_in_call.is_running:
            return
        self._sign_in_call.cancel()
        self.authorization_url_label.setVisible(False)
        self._show_status("")
        self._show_error(self.tr("The sign-in was cancelled."))
        emit(self.completeChanged)

    def _resume_sign_in(self, base_url: str, email: str | None) -> None:
        """Check the account's kept sign-in (renewing it if needed), without the browser."""
        services = self.services
        self._verified = None
        self.services.connection = None
        self._show_status(self.tr("Checking your saved sign-in…"))

        def run(task: Task) -> SignedIn:
            result = resume_kept_sign_in(
                services.secrets,
                base_url,
                email=email or None,
                cancel=task.cancel,
                make_client=ConnectPage._client_maker(services),
            )
            if result is None:
                raise KeychainError(
                    QT_TRANSLATE_NOOP("Errors", "The saved sign-in is no longer in the keychain.")
                )
            return result

        self._sign_in_call.start(run)

    def _sign_in_succeeded(self, result: SignedIn) -> None:
        self.authorization_url_label.setVisible(False)
        agent = result.agent
        self.email_edit.blockSignals(True)
        self.email_edit.setText(agent.email)
        self.email_edit.blockSignals(False)
        if self._global_client_id is None and result.client_id:
            self.client_id_edit.blockSignals(True)
            self.client_id_edit.setText(result.client_id)
            self.client_id_edit.blockSignals(False)
            # Remembered per account: the next sign-in to it asks for nothing but the address.
            clients = self.services.settings.sign_in_clients
            clients[account_host(result.base_url)] = result.client_id
        current = self._current_key()
        self._verified = current if current is not None else ("oauth", result.base_url, "")
        self.services.connection = Connection(
            base_url=result.base_url,
            email=agent.email,
            auth=BearerAuth(result.source),
            agent=agent,
            permissions=result.permissions,
        )
        self._is_demo = False
        self.draft.base_url = result.base_url
        self.draft.email = agent.email
        self.draft.agent = agent
        self.draft.can_manage_shared_views = result.permissions.can_manage_shared_views
        self.draft.is_demo = False
        self.save_settings()
        self.services.save_settings()
        log.info("Signed in with OAuth as user %s (%s)", agent.id, agent.role)
        tokens = result.source.tokens
        role = MessageRole.SUCCESS
        if result.source.is_remembered:
            self._saved_sign_in = (result.base_url, agent.email)
            storage = self._kept_until_text(tokens)
            if sign_in_ends_soon(tokens):
                role = MessageRole.WARNING
        else:
            storage = self.tr(
                "This computer has no keychain the program can use, so your sign-in is kept "
                "for this session only. You will sign in again next time."
            )
        lines = [
            self.tr("Signed in as {name} ({email}), {role}.").format(
                name=agent.name, email=agent.email, role=self._role_text(agent.role)
            ),
            self.tr("You may create tickets for your customers."),
            self._views_text(result.permissions.can_manage_shared_views),
            storage,
        ]
        self._show_status("\n".join(lines), role)
        if result.keychain_error is not None:
            self._show_error(
                self.tr("The sign-in could not be stored in the keychain: {reason}").format(
                    reason=error_text(result.keychain_error)
                )
            )
        self._update_forget_button()
        emit(self.completeChanged)

    def _kept_until_text(self, tokens: OAuthTokens) -> str:
        """Where the sign-in is kept and until when it holds (a warning when that is soon)."""
        ends = tokens.refresh_expires_at
        if ends is None:
            return self.tr("Your sign-in is kept in this computer's keychain.")
        moment = QDateTime.fromSecsSinceEpoch(int(ends))
        when = QLocale().toString(moment, QLocale.FormatType.LongFormat)
        if sign_in_ends_soon(tokens):
            return self.tr(
                "Your sign-in runs out on {date} unless it is used before then. Sign in with "
                "Zendesk again now, so that a scheduled campaign does not stop."
            ).format(date=when)
        return self.tr(
            "Your sign-in is kept in this computer's keychain and holds until {date}; each use "
            "renews it."
        ).format(date=when)

    def _sign_in_failed(self, error: BaseException) -> None:
        self.authorization_url_label.setVisible(False)
        self._show_status("")
        self._show_error(error_text(error))
        emit(self.completeChanged)

    @Slot()
    def forget_sign_in(self) -> None:
        """Remove the saved sign-in from the keychain (after a confirmation), on a worker."""
        saved = self._saved_sign_in
        if saved is None or self._forget_call.is_running:
            return
        base_url, email = saved
        answer = QMessageBox.question(
            self,
            self.tr("Forget the sign-in"),
            self.tr(
                "Remove the sign-in for {email} at {url} from this computer's keychain? To use "
                "this account again, you sign in with Zendesk in your browser."
            ).format(email=email, url=base_url),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        secrets = self.services.secrets

        def run(task: Task) -> tuple[str, str]:
            del task
            secrets.delete_oauth(base_url, email or None)
            return saved

        self._show_error(None)
        self._forget_call.start(run)

    def _sign_in_forgotten(self, forgotten: tuple[str, str]) -> None:
        base_url, email = forgotten
        self._saved_sign_in = None
        connection = self.services.connection
        if connection is not None and (connection.base_url, connection.email) == forgotten:
            # The session's sign-in goes with the saved one: nothing keeps using its tokens.
            self.services.connection = None
            self._verified = None
        self._update_forget_button()
        self._show_status(
            self.tr(
                "The sign-in for {email} at {url} was removed from this computer's keychain."
            ).format(email=email, url=base_url),
            MessageRole.INFO,
        )
        log.info("Removed the saved OAuth sign-in from the keychain")
        emit(self.completeChanged)

    def _forget_failed(self, error: BaseException) -> None:
        self._show_error(
            self.tr("The sign-in could not be removed from the keychain: {reason}").format(
                reason=error_text(error)
            )
        )

    def _update_forget_button(self) -> None:
        saved = self._saved_sign_in
        try:
            shown_url = normalise_base_url(self.url_edit.text())
        except UrlError:
            shown_url = None
        self.forget_sign_in_button.setVisible(
            self.is_oauth and saved is not None and saved[0] == shown_url
        )

    # -- helpers ------------------------------------------------------------------------------

    @Slot()
    def _look_up_keychain(self, auto_check: bool = False) -> None:
        """Find the keychain's state and a remembered token for the address and email shown."""
        self._auto_check_pending = auto_check
        current = self._credentials_or_none()
        base_url = current.base_url if current else ""
        email = current.email if current else ""
        if self._keychain_state is not None and not base_url:
            return
        secrets = self.services.secrets

        def run(task: Task) -> _KeychainLookup:
            state = secrets.state()
            token = None
            sign_in = None
            if state is not KeychainState.UNAVAILABLE and base_url:
                # A kept sign-in belongs to the account (no email needed); an API token to an
                # email. An existing token is tried first: it is what this person last used.
                try:
                    token = secrets.load_api_token(base_url, email) if email else None
                    sign_in = secrets.load_oauth(base_url, email or None) if token is None else None
                except KeychainError:
                    token = sign_in = None
                if sign_in is not None and sign_in.access_token.is_empty:
                    sign_in = None
            return _KeychainLookup(state, base_url, email, token, sign_in)

        self._keychain_call.start(run)

    def _apply_keychain_state(self, state: KeychainState) -> None:
        self._keychain_state = state
        if state is KeychainState.UNAVAILABLE:
            self.remember_box.setChecked(False)
            self.remember_box.setVisible(False)
            self.keychain_label.setText(
                self.tr(
                    "This computer has no keychain the program can use, so your token is kept "
                    "for this session only. You will be asked for it again next time."
                )
            )
            self.keychain_label.setVisible(True)
        elif state is KeychainState.LOCKED:
            self.remember_box.setVisible(True)
            self.keychain_label.setText(
                self.tr("The keychain is locked: your system may ask you to unlock it.")
            )
            self.keychain_label.setVisible(True)
        else:
            self.remember_box.setVisible(True)
            self.keychain_label.setVisible(False)

    def _credentials(self) -> _Credentials:
        """The fields' values; raises UrlError for an address that is refused."""
        token_text = self.token_edit.text().strip()
        email = self.email_edit.text().strip()
        if token_text:
            register_secret(token_text)
            if email:
                register_secret(basic_credential(email, token_text))
        return _Credentials(normalise_base_url(self.url_edit.text()), email, Secret(token_text))

    def _credentials_or_none(self) -> _Credentials | None:
        try:
            return self._credentials()
        except UrlError:
            return None

    def _current_key(self) -> tuple[str, str, str] | None:
        if self.is_oauth:
            try:
                base_url = normalise_base_url(self.url_edit.text())
            except UrlError:
                return None
            client = self._global_client_id or self.client_id_edit.text().strip()
            return ("oauth", base_url, client)
        credentials = self._credentials_or_none()
        return credentials.key() if credentials is not None else None

    @Slot()
    def _fields_changed(self) -> None:
        if self._verified is not None and self._current_key() != self._verified:
            self._verified = None
            self.services.connection = None
            self._show_status("")
            self._is_demo = False
        self._show_error(None)
        self._update_forget_button()
        emit(self.completeChanged)

    @Slot(bool)
    def _update_busy(self, _running: bool) -> None:
        signing_in = self._sign_in_call.is_running
        is_busy = (
            self._check_call.is_running
            or self._demo_call.is_running
            or signing_in
            or self._forget_call.is_running
        )
        self.forget_sign_in_button.setEnabled(not is_busy)
        self.check_button.setEnabled(not is_busy)
        self.use_sign_in_button.setEnabled(not is_busy)
        self.demo_button.setEnabled(not is_busy)
        self.sign_in_button.setEnabled(not is_busy)
        self.cancel_sign_in_button.setVisible(signing_in)
        self.api_token_radio.setEnabled(not is_busy)
        self.oauth_radio.setEnabled(not is_busy)
        emit(self.completeChanged)

    def _show_status(self, text: str, role: MessageRole | None = None) -> None:
        """Progress in plain text; who is signed in, in a success box (hidden when empty)."""
        show_message(self.status_label, text, role)

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _role_text(self, role: str) -> str:
        if role == Role.ADMIN:
            return self.tr("administrator")
        if role == Role.AGENT:
            return self.tr("agent")
        return role

    def _views_text(self, can_manage_shared_views: bool | None) -> str:
        if can_manage_shared_views is True:
            return self.tr("You may create shared views: the campaign will get its own view.")
        if can_manage_shared_views is False:
            return self.tr(
                "You may not create shared views: the tickets will be created, but no view "
                "listing them. Ask an administrator for this permission if you need one."
            )
        return self.tr(
            "Zendesk did not say whether you may create shared views; the program will try."
        )
