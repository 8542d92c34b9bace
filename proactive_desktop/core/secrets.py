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

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    """The OAuth entry the wizard's sign-in saves: tokens plus when the access token expires."""

    access_token: Secret
    refresh_token: Secret | None = None
    expires_at: float | None = None
    """Seconds since the epoch (UTC), or None when Zendesk gave no lifetime."""
    client_id: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token.reveal(),
                "refresh_token": self.refresh_token.reveal() if self.refresh_token else None,
                "expires_at": self.expires_at,
                "client_id": self.client_id,
            }
        )

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
        client_id = data.get("client_id")
        return cls(
            access_token=Secret(data["access_token"]),
            refresh_token=Secret(refresh) if isinstance(refresh, str) and refresh else None,
            expires_at=float(expires_at) if isinstance(expires_at, int | float) else None,
            client_id=client_id if isinstance(client_id, str) else None,
        )


def keychain_user(base_url: str, email: str) -> str:
    """The keychain entry's user name: `"{email} @ {host}"` (host with port, if any)."""
    host = account_host(normalise_base_url(base_url))
    return f"{email.strip().lower()} @ {host}"


def _oauth_user(base_url: str, email: str) -> str:
    return f"{keychain_user(base_url, email)} (oauth)"


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

    def load_oauth(self, base_url: str, email: str) -> OAuthTokens | None:
        text = self._get(_oauth_user(base_url, email))
        return OAuthTokens.from_json(text) if text else None

    def save_oauth(self, base_url: str, email: str, tokens: OAuthTokens) -> None:
        self._set(_oauth_user(base_url, email), tokens.to_json())

    def delete_oauth(self, base_url: str, email: str) -> None:
        self._delete(_oauth_user(base_url, email))

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
