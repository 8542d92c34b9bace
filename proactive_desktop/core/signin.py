"""Signing in to an account and out again: the one use case behind the Connect page and the
`login` / `logout` commands.

`SignInAttempt.start()` chooses the OAuth client (the account's local one when named, else the
build's global one), binds the first free of the program's fixed loopback addresses and builds the
authorization URL, so the caller can show or open it. `complete()` then waits for the browser
(off the GUI thread), exchanges the code, asks Zendesk who signed in and what they may do, and
keeps the sign-in in the keychain for the account. Nothing is kept from an attempt that failed
anywhere on the way. `sign_out()` forgets an account's kept sign-in.

Qt-free: the wizard opens the URL with Qt, the command line with `webbrowser` or prints it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Final

import requests

from proactive_desktop.core.errors import KeychainError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.models import Agent
from proactive_desktop.core.oauth import (
    SIGN_IN_TIMEOUT_S,
    AuthorizationRequest,
    KeychainTokenSource,
    LoopbackListener,
    choose_client_id,
    complete_sign_in,
    sign_in_ends_soon,
)
from proactive_desktop.core.secrets import Auth, BearerAuth, KeychainState, OAuthTokens, SecretStore
from proactive_desktop.core.urls import account_host, normalise_base_url
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import Permissions

log = logging.getLogger(__name__)

CONTEXT: Final = "SignIn"

MakeClient = Callable[[str, Auth, threading.Event], ZendeskClient]
"""(base URL, credentials, cancel) → a client; the wizard passes its own (shared governor)."""


def _default_client(base_url: str, auth: Auth, cancel: threading.Event) -> ZendeskClient:
    from proactive_desktop.core.zendesk.transport import make_session

    return ZendeskClient(base_url, auth, session=make_session(), cancel=cancel, max_attempts=2)


def _default_session() -> requests.Session:
    from proactive_desktop.core.zendesk.transport import make_session

    return make_session(pool_maxsize=2)


def no_keychain_error() -> KeychainError:
    return KeychainError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "No secure keychain is available on this computer, so a sign-in cannot be kept for "
            "later commands. Nothing was kept.",
        )
    )


def format_moment(epoch_s: float) -> str:
    """A moment as the command line shows it: local date and time with its offset."""
    return datetime.fromtimestamp(epoch_s, UTC).astimezone().strftime("%Y-%m-%d %H:%M %z")


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A finished sign-in: who, what they may do, the token source, and whether it was kept."""

    base_url: str
    client_id: str
    agent: Agent
    permissions: Permissions
    source: KeychainTokenSource
    keychain_error: KeychainError | None = None
    """Why the sign-in could not be kept (the wizard then keeps it for the session only)."""

    @property
    def ends_at(self) -> float | None:
        """Until when the sign-in holds unless it is used (its refresh token's end)."""
        return self.source.tokens.refresh_expires_at

    def message(self) -> Message:
        """What the command line prints on success (the wizard says it in its own words)."""
        params = {
            "name": self.agent.name,
            "email": self.agent.email,
            "host": account_host(self.base_url),
            "role": self.agent.role,
        }
        if self.ends_at is None:
            return Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("SignIn", "Signed in to {host} as {name} <{email}> ({role})."),
                params,
            )
        return Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "SignIn",
                "Signed in to {host} as {name} <{email}> ({role}). The sign-in is kept in this "
                "computer's keychain and holds until {until}; each use renews it.",
            ),
            {**params, "until": format_moment(self.ends_at)},
        )

    def english_text(self) -> str:
        return self.message().english()


class SignInAttempt:
    """One sign-in in the browser: bound and ready to show (`url`), then `complete()`.

    Close it (or use `with`) when done, whatever happened: that frees the loopback address.
    """

    def __init__(self, listener: LoopbackListener, request: AuthorizationRequest) -> None:
        self._listener = listener
        self.request = request

    @classmethod
    def start(
        cls, url: str, client_id: str | None, *, language: str | None = None
    ) -> SignInAttempt:
        """Choose the client, bind a sign-in address, build the authorization URL.

        Raises UrlError, OAuthClientMissingError, OAuthSignInError (a malformed identifier) or
        OAuthPortsBusyError — all before any browser is involved.
        """
        base_url = normalise_base_url(url)
        chosen = choose_client_id(client_id)
        listener = LoopbackListener(language=language)
        try:
            request = AuthorizationRequest.new(base_url, chosen, listener.redirect_uri)
        except BaseException:
            listener.close()
            raise
        return cls(listener, request)

    @property
    def url(self) -> str:
        """The authorization URL to open in the browser."""
        return self.request.url

    @property
    def redirect_uri(self) -> str:
        return self._listener.redirect_uri

    def complete(
        self,
        *,
        cancel: threading.Event,
        store: SecretStore | None,
        timeout_s: float = SIGN_IN_TIMEOUT_S,
        make_client: MakeClient = _default_client,
        session_factory: Callable[[], requests.Session] = _default_session,
        require_keychain: bool = False,
    ) -> SignedIn:
        """Wait for the browser, exchange the code, check who signed in, keep the sign-in.

        `store` None (or an unusable keychain): the sign-in lives in memory only — or, with
        `require_keychain`, nothing is kept and KeychainError is raised.
        """
        session = session_factory()
        try:
            source = complete_sign_in(
                self._listener, self.request, cancel=cancel, session=session, timeout_s=timeout_s
            )
        finally:
            session.close()
        return finish_sign_in(
            source,
            self.request.client_id,
            cancel=cancel,
            store=store,
            make_client=make_client,
            require_keychain=require_keychain,
        )

    def close(self) -> None:
        self._listener.close()

    def __enter__(self) -> SignInAttempt:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def finish_sign_in(
    source: KeychainTokenSource,
    client_id: str,
    *,
    cancel: threading.Event,
    store: SecretStore | None,
    make_client: MakeClient = _default_client,
    require_keychain: bool = False,
) -> SignedIn:
    """Who signed in and what they may do (users/me); then keep the tokens in the keychain."""
    client = make_client(source.base_url, BearerAuth(source), cancel)
    try:
        agent = client.me()
        permissions = client.permissions()
    finally:
        client.close()
    keychain_error: KeychainError | None = None
    if store is not None and not source.is_remembered:
        try:
            source.remember(store, agent.email)
        except KeychainError as error:
            if require_keychain:
                raise
            keychain_error = error
    elif store is None and require_keychain:
        raise no_keychain_error()
    log.info("signed in with OAuth to %s as user %s", account_host(source.base_url), agent.id)
    return SignedIn(source.base_url, client_id, agent, permissions, source, keychain_error)


def resume_kept_sign_in(
    store: SecretStore,
    url: str,
    *,
    email: str | None = None,
    cancel: threading.Event,
    make_client: MakeClient = _default_client,
) -> SignedIn | None:
    """The account's kept sign-in, checked against Zendesk (renewed if due); None if none."""
    source = KeychainTokenSource.from_keychain(store, normalise_base_url(url), email)
    if source is None:
        return None
    return finish_sign_in(
        source, source.tokens.client_id or "", cancel=cancel, store=store, make_client=make_client
    )


def sign_in_headless(
    url: str,
    client_id: str | None,
    *,
    timeout_s: float,
    cancel: threading.Event,
    show_url: Callable[[str], None],
    store: SecretStore | None = None,
    make_client: MakeClient = _default_client,
) -> SignedIn:
    """`login URL`: the whole sign-in, kept in the keychain (required: it is for later runs)."""
    base_url = normalise_base_url(url)
    chosen = choose_client_id(client_id)  # before the keychain: the more basic problem first
    keychain = store if store is not None else SecretStore()
    if keychain.state() is KeychainState.UNAVAILABLE:
        raise no_keychain_error()
    with SignInAttempt.start(base_url, chosen) as attempt:
        show_url(attempt.url)
        return attempt.complete(
            cancel=cancel,
            store=keychain,
            timeout_s=timeout_s,
            make_client=make_client,
            require_keychain=True,
        )


@dataclass(frozen=True, slots=True)
class SignedOut:
    host: str
    was_signed_in: bool

    def message(self) -> Message:
        if self.was_signed_in:
            return Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "SignIn", "Signed out of {host}: its sign-in was removed from the keychain."
                ),
                {"host": self.host},
            )
        return Message(
            CONTEXT,
            QT_TRANSLATE_NOOP("SignIn", "No sign-in was kept for {host}; nothing to remove."),
            {"host": self.host},
        )

    def english_text(self) -> str:
        return self.message().english()


def sign_out(url: str, *, store: SecretStore | None = None, email: str | None = None) -> SignedOut:
    """Forget the account's kept sign-in (fine when there was none)."""
    base_url = normalise_base_url(url)
    keychain = store if store is not None else SecretStore()
    host = account_host(base_url)
    if keychain.state() is KeychainState.UNAVAILABLE:
        return SignedOut(host, False)
    kept = keychain.load_oauth(base_url, email)
    keychain.delete_oauth(base_url, email)
    log.info("removed the kept sign-in for %s", host)
    return SignedOut(host, kept is not None)


def kept_sign_in(store: SecretStore, url: str, email: str | None = None) -> OAuthTokens | None:
    """The account's kept sign-in as stored (no network), or None."""
    return store.load_oauth(normalise_base_url(url), email)


def ends_soon(tokens: OAuthTokens) -> bool:
    return sign_in_ends_soon(tokens, now=time.time())
