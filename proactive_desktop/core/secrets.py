"""Secrets: the `Secret` value type, the credentials that carry one, and the OS keychain wrapper.

A token travels through the program only as a `Secret`, whose `str`/`repr` is `****`, so it cannot
leak into a log line, an exception text or a journal row by accident. Only the HTTP transport
(`core/zendesk/transport.py`) reveals it, to build the `Authorization` header; this module reveals
it only to hand it to the keychain.

`SecretStore` is the one place that talks to `keyring`. It reports whether the keychain can be used
(`KeychainState`) and never falls back to storing a token in plain text: a plaintext backend
(`keyrings.alt`, the null or fail backends) counts as UNAVAILABLE, and then the wizard asks for the
token again each session (docs/ARCHITECTURE.md, "Where things are written").
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
from keyring.backend import KeyringBackend

from proactive_desktop.core.errors import CredentialsError, KeychainError, OAuthRefreshError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP
from proactive_desktop.core.urls import account_host, normalise_base_url

log = logging.getLogger(__name__)

KEYRING_SERVICE = "proactive-desktop"
_PROBE_USER = "proactive-desktop keychain probe"
# Backends that keep secrets in plain text or nowhere: never acceptable as "the keychain".
_PLAINTEXT_MODULE_PREFIXES = ("keyrings.alt",)
_PLAINTEXT_CLASSES: tuple[type[Any], ...] = (
    keyring.backends.fail.Keyring,
    keyring.backends.null.Keyring,
)


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret string (API token, OAuth token) that shows as `****` wherever it is printed."""

    _value: str = field(repr=False)

    def reveal(self) -> str:
        """The secret itself. Only the transport and the keychain wrapper call this."""
        return self._value

    @property
    def is_empty(self) -> bool:
        return not self._value.strip()

    def __str__(self) -> str:
        return "****"

    def __repr__(self) -> str:
        return "****"

    def __reduce__(self) -> Any:
        # Pickling would write the value somewhere; nothing in the program needs it.
        raise TypeError("a Secret cannot be pickled")

    # Immutable, so copies may share it (and copying must not go through __reduce__).
    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self


# -- credentials -------------------------------------------------------------------------------


@runtime_checkable
class TokenSource(Protocol):
    """Where a Bearer (OAuth) access token comes from.

    `refresh()` gets a new access token (raising `OAuthRefreshError` when it cannot); it may be
    called from several worker threads at once and must serialise itself. `can_refresh` is False
    for a token the program cannot renew (for example one taken from the environment).
    """

    @property
    def can_refresh(self) -> bool: ...

    def access_token(self) -> Secret: ...

    def refresh(self) -> Secret: ...


@dataclass(frozen=True, slots=True)
class StaticTokenSource:
    """An access token that cannot be refreshed (ZENDESK_OAUTH_TOKEN from the environment)."""

    token: Secret

    @property
    def can_refresh(self) -> bool:
        return False

    def access_token(self) -> Secret:
        return self.token

    def refresh(self) -> Secret:
        raise OAuthRefreshError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The OAuth access token has expired and cannot be renewed here: "
                "sign in again or provide a new token.",
            )
        )


@dataclass(frozen=True, slots=True)
class ApiTokenAuth:
    """API token credentials: HTTP Basic, user `{email}/token` (docs/ZENDESK.md, "Signing in")."""

    email: str
    token: Secret

    def __post_init__(self) -> None:
        if not self.email.strip():
            raise CredentialsError(
                QT_TRANSLATE_NOOP("Errors", "Enter the email address you sign in to Zendesk with.")
            )
        if self.token.is_empty:
            raise CredentialsError(
                QT_TRANSLATE_NOOP("Errors", "Enter an API token for {email}."),
                email=self.email.strip(),
            )


@dataclass(frozen=True, slots=True)
class BearerAuth:
    """OAuth credentials: `Authorization: Bearer …` from a token source that may refresh."""

    token_source: TokenSource


Auth = ApiTokenAuth | BearerAuth


# -- the keychain ------------------------------------------------------------------------------


class KeychainState(StrEnum):
    AVAILABLE = "available"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class OAuthTokens:
    """A kept sign-in (one per account): the token pair, when each expires, whose it is."""

    access_token: Secret
    refresh_token: Secret | None = None
    expires_at: float | None = None
    """Seconds since the epoch (UTC), or None when Zendesk gave no lifetime."""
    client_id: str | None = None
    refresh_expires_at: float | None = None
    """When the refresh token stops working (seconds since the epoch): the sign-in holds until
    then, and each renewal moves it on. None when Zendesk gave no lifetime."""
    email: str | None = None
    """The signed-in user's email (from users/me), so a command can tell whose sign-in it is."""
    lifetime_s: float | None = None
    """How long the access token lasts from its issue (Zendesk's `expires_in`): renewals are
    timed by it, also in another program that adopts this pair."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token.reveal(),
                "refresh_token": self.refresh_token.reveal() if self.refresh_token else None,
                "expires_at": self.expires_at,
                "client_id": self.client_id,
                "refresh_expires_at": self.refresh_expires_at,
                "email": self.email,
                "lifetime_s": self.lifetime_s,
            }
        )

    def same_pair(self, other: OAuthTokens) -> bool:
        """True when both hold the same access and refresh token (compared in constant time)."""
        mine = (
            self.access_token.reveal(),
            self.refresh_token.reveal() if self.refresh_token else "",
        )
        theirs = (
            other.access_token.reveal(),
            other.refresh_token.reveal() if other.refresh_token else "",
        )
        return all(hmac.compare_digest(a, b) for a, b in zip(mine, theirs, strict=True))

    @classmethod
    def from_json(cls, text: str) -> OAuthTokens | None:
        """Parse a stored entry; None when it is not one this program wrote."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
            return None
        refresh = data.get("refresh_token")
        expires_at = data.get("expires_at")
        refresh_expires_at = data.get("refresh_expires_at")
        client_id = data.get("client_id")
        email = data.get("email")
        lifetime = data.get("lifetime_s")
        return cls(
            access_token=Secret(data["access_token"]),
            refresh_token=Secret(refresh) if isinstance(refresh, str) and refresh else None,
            expires_at=float(expires_at) if isinstance(expires_at, int | float) else None,
            client_id=client_id if isinstance(client_id, str) else None,
            refresh_expires_at=(
                float(refresh_expires_at) if isinstance(refresh_expires_at, int | float) else None
            ),
            email=email if isinstance(email, str) and email else None,
            lifetime_s=float(lifetime)
            if isinstance(lifetime, int | float) and lifetime > 0
            else None,
        )


def keychain_user(base_url: str, email: str) -> str:
    """The keychain entry's user name: `"{email} @ {host}"` (host with port, if any)."""
    host = account_host(normalise_base_url(base_url))
    return f"{email.strip().lower()} @ {host}"


def _legacy_oauth_user(base_url: str, email: str) -> str:
    """Where earlier releases kept a sign-in: per email. Read once, then moved (below)."""
    return f"{keychain_user(base_url, email)} (oauth)"


def sign_in_user(base_url: str) -> str:
    """The keychain entry's user name for an account's kept sign-in: one per account (host),
    since `login URL` keeps it before anyone knows the email (CLI.md)."""
    return f"{account_host(normalise_base_url(base_url))} (oauth sign-in)"


def _is_plaintext(backend: Any) -> bool:
    if isinstance(backend, _PLAINTEXT_CLASSES):
        return True
    module = type(backend).__module__
    return (
        module.startswith(_PLAINTEXT_MODULE_PREFIXES)
        or "plaintext" in type(backend).__name__.lower()
    )


def _chained(backend: Any) -> Iterable[Any]:
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        return list(backend.backends)
    return [backend]


class SecretStore:
    """The OS keychain (service `proactive-desktop`, user `"{email} @ {host}"`), or nothing.

    `backend` is for tests (an in-memory `KeyringBackend`); by default the store asks `keyring`
    for the platform's backend each time, so a keychain unlocked meanwhile is picked up.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def __repr__(self) -> str:
        return f"SecretStore(state={self.state().value})"

    def _active_backend(self) -> Any:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def state(self) -> KeychainState:
        """Whether tokens can be remembered: AVAILABLE, LOCKED (ask the user) or UNAVAILABLE."""
        try:
            backend = self._active_backend()
            backends = list(_chained(backend))
            if not backends or any(_is_plaintext(each) for each in backends):
                return KeychainState.UNAVAILABLE
            backend.get_password(KEYRING_SERVICE, _PROBE_USER)
        except keyring.errors.KeyringLocked:
            return KeychainState.LOCKED
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            # NoKeyringError is a KeyringError and a RuntimeError; D-Bus failures surface as
            # backend-specific errors that are OSError or RuntimeError subclasses.
            log.info("keychain unavailable: %s", type(exc).__name__)
            return KeychainState.UNAVAILABLE
        return KeychainState.AVAILABLE

    # -- API token ----------------------------------------------------------------------------

    def load_api_token(self, base_url: str, email: str) -> Secret | None:
        """The saved API token, or None (none saved, or no usable keychain)."""
        text = self._get(keychain_user(base_url, email))
        return Secret(text) if text else None

    def save_api_token(self, base_url: str, email: str, token: Secret) -> None:
        """Remember the token in the keychain; KeychainError when that is not possible."""
        self._set(keychain_user(base_url, email), token.reveal())

    def delete_api_token(self, base_url: str, email: str) -> None:
        """Forget the token (nothing happens when none was saved)."""
        self._delete(keychain_user(base_url, email))

    # -- OAuth --------------------------------------------------------------------------------

    def load_oauth(self, base_url: str, email: str | None = None) -> OAuthTokens | None:
        """The account's kept sign-in, or None. With `email`, a sign-in an earlier release kept
        for that email is found too (and carries that email)."""
        text = self._get(sign_in_user(base_url))
        if text:
            return OAuthTokens.from_json(text)
        if email is None or not email.strip():
            return None
        legacy = self._get(_legacy_oauth_user(base_url, email))
        tokens = OAuthTokens.from_json(legacy) if legacy else None
        if tokens is not None and tokens.email is None:
            tokens = replace(tokens, email=email.strip().lower())
        return tokens

    def save_oauth(self, base_url: str, email: str, tokens: OAuthTokens) -> None:
        """Keep `tokens` as the account's sign-in, for `email`; KeychainError if refused."""
        kept = replace(tokens, email=email.strip().lower()) if email.strip() else tokens
        self._set(sign_in_user(base_url), kept.to_json())
        if email.strip():
            # The per-email entry of an earlier release would otherwise outlive a logout.
            self._delete(_legacy_oauth_user(base_url, email))

    def delete_oauth(self, base_url: str, email: str | None = None) -> None:
        """Forget the account's sign-in (and an earlier release's entry for `email`, if any)."""
        kept = self.load_oauth(base_url, email)
        self._delete(sign_in_user(base_url))
        for who in {e for e in (email, kept.email if kept else None) if e and e.strip()}:
            self._delete(_legacy_oauth_user(base_url, who))

    # -- keyring calls ------------------------------------------------------------------------

    def _get(self, user: str) -> str | None:
        if self.state() is KeychainState.UNAVAILABLE:
            return None
        try:
            value = self._active_backend().get_password(KEYRING_SERVICE, user)
        except keyring.errors.KeyringLocked:
            raise KeychainError(
                QT_TRANSLATE_NOOP("Errors", "The keychain is locked: unlock it and try again.")
            ) from None
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            raise KeychainError(
                QT_TRANSLATE_NOOP("Errors", "The keychain could not be read ({reason})."),
                reason=type(exc).__name__,
            ) from None
        return value if isinstance(value, str) else None

    def _set(self, user: str, value: str) -> None:
        state = self.state()
        if state is KeychainState.UNAVAILABLE:
            raise KeychainError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "No secure keychain is available on this computer, so the token was not "
                    "saved. You will be asked for it next time.",
                )
            )
        try:
            self._active_backend().set_password(KEYRING_SERVICE, user, value)
        except keyring.errors.KeyringLocked:
            raise KeychainError(
                QT_TRANSLATE_NOOP("Errors", "The keychain is locked: unlock it and try again.")
            ) from None
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            raise KeychainError(
                QT_TRANSLATE_NOOP("Errors", "The keychain refused to save the token ({reason})."),
                reason=type(exc).__name__,
            ) from None

    def _delete(self, user: str) -> None:
        if self.state() is KeychainState.UNAVAILABLE:
            return
        try:
            self._active_backend().delete_password(KEYRING_SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            return  # nothing was saved under this name: already forgotten
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            raise KeychainError(
                QT_TRANSLATE_NOOP("Errors", "The keychain refused to delete the token ({reason})."),
                reason=type(exc).__name__,
            ) from None
