"""Connect page: the Zendesk address, an API token or "Sign in with Zendesk", checked before Next.

The credential kind is an explicit choice (docs/ZENDESK.md, "Signing in"): API tokens go away on
2027-04-30, OAuth is the way on.

- API token: the agent's email and token; the check (`users/me` + permissions) runs on a
  BackgroundCall. The token lives in memory as a `Secret`, in the OS keychain only if the user
  ticks "Remember" — and when no keychain is available, the box is hidden and the page says the
  token is kept for this session only.
- Sign in with Zendesk: the OAuth client's identifier (with a short guide to creating one); the
  page opens the system browser at the authorization URL and waits for the redirect on a
  BackgroundCall (core/oauth.py), with a Cancel. The tokens go to the keychain only — or stay in
  memory for the session, and the page says so. A returning user whose sign-in is in the keychain
  is checked without the browser.

Next stays disabled until the values in the fields are the ones that were verified. The last
address and email (never a token) go to the settings file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
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
from proactive_desktop.core.errors import KeychainError, ProactiveError, UrlError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.logs import basic_credential, register_secret
from proactive_desktop.core.models import Agent, Role
from proactive_desktop.core.oauth import (
    SIGN_IN_TIMEOUT_S,
    AuthorizationRequest,
    KeychainTokenSource,
    LoopbackListener,
    complete_sign_in,
)
from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth, KeychainState, Secret
from proactive_desktop.core.urls import normalise_base_url
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
    oauth_client_id: str | None = None
    """The client of a "Sign in with Zendesk" saved for this address and email, if any."""


@dataclass(frozen=True, slots=True)
class _SignInResult:
    base_url: str
    client_id: str
    source: KeychainTokenSource
    agent: Agent
    permissions: Permissions
    keychain_error: KeychainError | None


#: What the administrator enters for the OAuth client (shown verbatim, never translated).
OAUTH_REDIRECT_URL = "http://127.0.0.1"
OAUTH_CLIENT_KIND = "Public"


class ConnectPage(WizardPage):
    def __init__(
        self, draft: CampaignDraft, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(draft, services, parent)
        self.setTitle(self.tr("Connect to Zendesk"))
        self._api_token_subtitle = self.tr(
            "Enter your Zendesk address, your agent email and an API token, then check the "
            "connection. Nothing is changed in your account on this page."
        )
        self.setSubTitle(self._api_token_subtitle)
        self._verified: tuple[str, str, str] | None = None
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
        layout.addWidget(token_group)
        layout.addWidget(self.oauth_group)
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
        for edit in (self.url_edit, self.email_edit, self.token_edit):
            edit.textChanged.connect(self._fields_changed)
            edit.returnPressed.connect(self.check)
        self.url_edit.editingFinished.connect(self._look_up_keychain)
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
                "An administrator creates API tokens in Admin Center, under Apps and "
                "integrations → APIs → Zendesk API."
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
        token_group = QGroupBox(self.tr("API token"))
        form = QFormLayout(token_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Agent email:"), self.email_edit)
        form.addRow(self.tr("API token:"), self.token_edit)
        form.addRow(token_help)
        form.addRow(self.remember_box)
        form.addRow(self.keychain_label)
        return token_group

    def _build_kind_row(self) -> QHBoxLayout:
        """Which credential: an explicit choice, never guessed from what was typed."""
        self.api_token_radio = QRadioButton(self.tr("API token"))
        self.oauth_radio = QRadioButton(self.tr("Sign in with Zendesk (OAuth)"))
        self.api_token_radio.setChecked(True)
        self._kind_group = QButtonGroup(self)
        self._kind_group.addButton(self.api_token_radio)
        self._kind_group.addButton(self.oauth_radio)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("Connect with:")))
        kind_row.addWidget(self.api_token_radio)
        kind_row.addWidget(self.oauth_radio)
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
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
        self._show_error(error_text(error))
        emit(self.completeChanged)

    def _keychain_looked_up(self, lookup: _KeychainLookup) -> None:
        self._apply_keychain_state(lookup.state)
        current = self._credentials_or_none()
        still_same = current is not None and (current.base_url, current.email) == (
            lookup.base_url,
            lookup.email,
        )
        if lookup.token is not None and still_same and not self.token_edit.text():
            self.token_edit.setText(lookup.token.reveal())
            self.remember_box.setChecked(True)
            self._show_status(self.tr("A remembered token was found in the keychain."))
            if self._auto_check_pending:
                self.check()
        elif lookup.oauth_client_id is not None and still_same and not self.token_edit.text():
            # A previous "Sign in with Zendesk" is in the keychain: use it without the browser.
            self._saved_sign_in = (lookup.base_url, lookup.email)
            self.oauth_radio.setChecked(True)
            self.client_id_edit.setText(lookup.oauth_client_id)
            self._update_forget_button()
            if self._auto_check_pending:
                self._resume_sign_in(lookup.base_url, lookup.email, lookup.oauth_client_id)
        self._auto_check_pending = False

    def _keychain_failed(self, error: BaseException) -> None:
        self._apply_keychain_state(KeychainState.UNAVAILABLE)

    def _demo_started(self, account: DemoAccount) -> None:
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
        self.oauth_redirect_value = QLineEdit(OAUTH_REDIRECT_URL)
        for value in (self.oauth_kind_value, self.oauth_redirect_value):
            value.setReadOnly(True)
        values.addRow(self.tr("Client kind:"), self.oauth_kind_value)
        values.addRow(self.tr("Redirect URLs:"), self.oauth_redirect_value)
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
        form.addRow(self.tr("OAuth client identifier:"), self.client_id_edit)
        form.addRow(guide)
        form.addRow(values)
        form.addRow(after)
        form.addRow(buttons)
        form.addRow(self.authorization_url_label)
        return group

    @property
    def is_oauth(self) -> bool:
        """True when "Sign in with Zendesk" is the chosen credential kind."""
        return self.oauth_radio.isChecked()

    @Slot(bool)
    def _kind_changed(self, _checked: bool) -> None:
        oauth = self.is_oauth
        if oauth:
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
        self.authorization_url_label.setVisible(False)
        listener = LoopbackListener(language=QLocale().name())
        try:
            request = AuthorizationRequest.new(
                self.url_edit.text(), self.client_id_edit.text(), listener.redirect_uri
            )
        except ProactiveError as error:
            listener.close()
            self._show_error(error_text(error))
            return
        self._verified = None
        self.services.connection = None
        emit(self.completeChanged)
        services = self.services
        keychain_usable = self._keychain_state is not KeychainState.UNAVAILABLE
        timeout_s = self.sign_in_timeout_s

        def run(task: Task) -> _SignInResult:
            from proactive_desktop.core.zendesk.transport import make_session

            session = make_session(pool_maxsize=2)
            try:
                with listener:
                    source = complete_sign_in(
                        listener,
                        request,
                        cancel=task.cancel,
                        session=session,
                        timeout_s=timeout_s,
                    )
            finally:
                session.close()
            return ConnectPage._finish_sign_in(
                task, services, request.base_url, request.client_id, source, keychain_usable
            )

        self._sign_in_call.start(run)
        self._show_status(
            self.tr(
                "Your browser is opening Zendesk's sign-in page. Sign in there and choose Allow; "
                "this page continues by itself. Press Cancel sign-in to stop."
            )
        )
        if not QDesktopServices.openUrl(QUrl(request.url)):
            self.authorization_url_label.setText(
                self.tr("No browser opened. Open this address in your browser: {url}").format(
                    url=request.url
                )
            )
            self.authorization_url_label.setVisible(True)

    sign_in_timeout_s: float = SIGN_IN_TIMEOUT_S
    """How long the page waits for the browser (shorter in tests)."""

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

    def _resume_sign_in(self, base_url: str, email: str, client_id: str) -> None:
        """Check the sign-in saved in the keychain (renewing it if needed), without the browser."""
        services = self.services
        self._verified = None
        self.services.connection = None
        self._show_status(self.tr("Checking your saved sign-in…"))

        def run(task: Task) -> _SignInResult:
            source = KeychainTokenSource.from_keychain(services.secrets, base_url, email)
            if source is None:
                raise KeychainError(
                    QT_TRANSLATE_NOOP("Errors", "The saved sign-in is no longer in the keychain.")
                )
            return ConnectPage._finish_sign_in(task, services, base_url, client_id, source, True)

        self._sign_in_call.start(run)

    @staticmethod
    def _finish_sign_in(
        task: Task,
        services: Services,
        base_url: str,
        client_id: str,
        source: KeychainTokenSource,
        keychain_usable: bool,
    ) -> _SignInResult:
        """Who signed in and what they may do; then keep the tokens in the keychain (worker)."""
        with services.make_client(base_url, BearerAuth(source), cancel=task.cancel) as client:
            agent = client.me()
            permissions = client.permissions()
        keychain_error: KeychainError | None = None
        if keychain_usable and not source.is_remembered:
            try:
                source.remember(services.secrets, agent.email)
            except KeychainError as error:
                keychain_error = error
        return _SignInResult(base_url, client_id, source, agent, permissions, keychain_error)

    def _sign_in_succeeded(self, result: _SignInResult) -> None:
        self.authorization_url_label.setVisible(False)
        agent = result.agent
        self.email_edit.blockSignals(True)
        self.email_edit.setText(agent.email)
        self.email_edit.blockSignals(False)
        self._verified = ("oauth", result.base_url, result.client_id)
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
        if result.source.is_remembered:
            self._saved_sign_in = (result.base_url, agent.email)
            storage = self.tr("Your sign-in is kept in this computer's keychain.")
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
        self._show_status("\n".join(lines), MessageRole.SUCCESS)
        if result.keychain_error is not None:
            self._show_error(
                self.tr("The sign-in could not be stored in the keychain: {reason}").format(
                    reason=error_text(result.keychain_error)
                )
            )
        self._update_forget_button()
        emit(self.completeChanged)

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
            secrets.delete_oauth(base_url, email)
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
        if self._keychain_state is not None and (not base_url or not email):
            return
        secrets = self.services.secrets

        def run(task: Task) -> _KeychainLookup:
            state = secrets.state()
            token = None
            oauth_client_id = None
            if state is not KeychainState.UNAVAILABLE and base_url and email:
                try:
                    token = secrets.load_api_token(base_url, email)
                    oauth = secrets.load_oauth(base_url, email) if token is None else None
                except KeychainError:
                    token = oauth = None
                if oauth is not None and oauth.client_id:
                    oauth_client_id = oauth.client_id
            return _KeychainLookup(state, base_url, email, token, oauth_client_id)

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
            return ("oauth", base_url, self.client_id_edit.text().strip())
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
