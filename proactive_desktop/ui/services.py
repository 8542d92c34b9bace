"""The wizard's dependencies, built once by `run_wizard()` and handed to every page.

No globals: a page gets the data folder, the keychain, the settings, the journal opener and the
Zendesk client factory from the `Services` object it was constructed with, so tests build their
own (temporary data folder, in-memory keychain, a sandbox as the demo account).

`Services` also holds the session's verified connection (URL, email, credentials, who signed in):
set by the Connect page, used by every later page through `client()`. The token lives only here,
in memory, as a `Secret`; it is written nowhere but the OS keychain (and only if the user asks).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from proactive_desktop.core.models import Agent
from proactive_desktop.core.paths import demo_data_dir, journal_path, logs_dir

if TYPE_CHECKING:
    import requests

    from proactive_desktop.core.campaigns import Workspace
    from proactive_desktop.core.journal import Journal
    from proactive_desktop.core.rate import RateGovernor
    from proactive_desktop.core.secrets import ApiTokenAuth, BearerAuth, Secret, SecretStore
    from proactive_desktop.core.settings import Settings
    from proactive_desktop.core.zendesk.client import ZendeskClient
    from proactive_desktop.core.zendesk.types import Permissions

    Auth = ApiTokenAuth | BearerAuth


@dataclass(frozen=True, slots=True)
class DemoAccount:
    """Where the demo workspace answers and how to sign in to it."""

    base_url: str
    email: str
    token: Secret


class DemoProvider(Protocol):
    """Starts the demo workspace on first use (thread-safe) and stops it when the app ends."""

    def start(self) -> DemoAccount: ...

    def stop(self) -> None: ...


class FixedDemo:
    """A demo workspace someone else runs (the `--demo` entry point, or a test's sandbox)."""

    def __init__(self, account: DemoAccount) -> None:
        self._account = account

    def start(self) -> DemoAccount:
        return self._account

    def stop(self) -> None:
        """The owner of the workspace stops it."""


@dataclass(frozen=True, slots=True)
class Connection:
    """The account the wizard works on, after the Connect page has verified it."""

    base_url: str
    email: str
    auth: Auth
    agent: Agent
    permissions: Permissions
    is_demo: bool = False


class Services:
    """Everything a page may use besides the draft. Built by `run_wizard()` or a test fixture."""

    def __init__(
        self,
        *,
        data_dir: Path,
        secrets: SecretStore,
        settings: Settings,
        save_settings: Callable[[Settings], None],
        demo: DemoProvider | None = None,
        session_factory: Callable[[], requests.Session] | None = None,
        on_folder_changed: Callable[[Path], None] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.secrets = secrets
        self.settings = settings
        self._save_settings = save_settings
        self._demo = demo
        self._session_factory = session_factory
        self._governors: dict[str, RateGovernor] = {}
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self.open_demo_at_start = False
        """Sign in to the demo workspace as soon as the Connect page opens (`--demo`)."""
        self.on_folder_changed = on_folder_changed
        """Called with the new folder when the session moves between the real data folder and
        the demo's (the entry point moves the log file with it)."""

    @property
    def connection(self) -> Connection | None:
        """The verified account of this session (set by the Connect page)."""
        return self._connection

    @connection.setter
    def connection(self, connection: Connection | None) -> None:
        before = self.active_data_dir
        self._connection = connection
        after = self.active_data_dir
        if after != before and self.on_folder_changed is not None:
            self.on_folder_changed(after)

    # -- files ----------------------------------------------------------------------------

    @property
    def is_demo_session(self) -> bool:
        """On the demo workspace: signed in to it, or opened with `--demo` and not signed in to
        anything else yet."""
        if self._connection is not None:
            return self._connection.is_demo
        return self.open_demo_at_start

    @property
    def active_data_dir(self) -> Path:
        """Where this session's campaigns, settings and logs go: the demo keeps to its own."""
        return demo_data_dir(self.data_dir) if self.is_demo_session else self.data_dir

    @property
    def logs_dir(self) -> Path:
        return logs_dir(self.active_data_dir)

    @property
    def journal_path(self) -> Path:
        return journal_path(self.active_data_dir)

    def open_journal(self, *, read_only: bool = False) -> Journal:
        """A new handle on the campaign journal; the caller closes it (`with` works).

        `read_only` for looking only (the Start page, History): it never writes, and works in a
        data folder that cannot be written. A journal that does not exist yet is created.
        """
        from proactive_desktop.core.journal import ROLE_WIZARD, Journal

        return Journal(
            self.journal_path,
            role=ROLE_WIZARD,
            read_only=read_only and self.journal_path.exists(),
        )

    def save_settings(self) -> None:
        """Write the settings file (URL, email, preferences — never a secret); in the demo, the
        demo folder's own, so trying the demo leaves the real settings as they were."""
        if self.is_demo_session:
            from proactive_desktop.core.settings import save_settings

            save_settings(self.active_data_dir, self.settings)
            return
        self._save_settings(self.settings)

    # -- Zendesk --------------------------------------------------------------------------

    def governor(self, base_url: str) -> RateGovernor:
        """One rate governor per account: every call of this session shares its budget."""
        from proactive_desktop.core.rate import RateGovernor

        with self._lock:
            governor = self._governors.get(base_url)
            if governor is None:
                governor = self._governors[base_url] = RateGovernor()
            return governor

    def make_client(
        self,
        base_url: str,
        auth: Auth,
        *,
        cancel: threading.Event | None = None,
        max_attempts: int | None = None,
    ) -> ZendeskClient:
        """A client with its own HTTP session (one per worker: sessions are not thread-safe).

        `max_attempts`: fewer tries for an interactive check, so an unreachable address is
        reported in seconds rather than after the campaign's patient retries.
        """
        from proactive_desktop.core.zendesk.client import MAX_ATTEMPTS, ZendeskClient
        from proactive_desktop.core.zendesk.transport import make_session

        session = self._session_factory() if self._session_factory else make_session()
        return ZendeskClient(
            base_url,
            auth,
            session=session,
            governor=self.governor(base_url),
            cancel=cancel,
            max_attempts=MAX_ATTEMPTS if max_attempts is None else max_attempts,
        )

    def workspace(self) -> Workspace:
        """How the wizard's campaigns reach their accounts (core/campaigns.py): this session's
        verified connection for its own account, else what the keychain keeps for the campaign's
        account (saved API token, kept sign-in); never the environment."""
        from proactive_desktop.core.campaigns import CredentialSources, SessionAccount, Workspace
        from proactive_desktop.core.journal import ROLE_WIZARD

        connection = self.connection
        session = (
            SessionAccount(connection.base_url, connection.email, connection.auth)
            if connection is not None
            else None
        )

        def connect(base_url: str, auth: Auth, cancel: threading.Event | None) -> ZendeskClient:
            return self.make_client(base_url, auth, cancel=cancel)

        return Workspace(
            self.journal_path,
            CredentialSources(store=self.secrets, session=session),
            connect,
            role=ROLE_WIZARD,
        )

    def client(self, *, cancel: threading.Event | None = None) -> ZendeskClient:
        """A client for the verified connection. Only pages after Connect call this."""
        connection = self.connection
        if connection is None:
            raise RuntimeError("no verified connection yet: the Connect page sets it")
        return self.make_client(connection.base_url, connection.auth, cancel=cancel)

    # -- demo workspace -------------------------------------------------------------------

    @property
    def has_demo(self) -> bool:
        return self._demo is not None

    def start_demo(self) -> DemoAccount:
        """Start the demo workspace if needed (blocking: call it from a BackgroundCall)."""
        if self._demo is None:
            raise RuntimeError("this build has no demo workspace")
        return self._demo.start()

    def close(self) -> None:
        """Release what the session holds: the demo workspace, the credentials in memory."""
        self._connection = None  # not the setter: the log stays where it is until the end
        if self._demo is not None:
            self._demo.stop()
