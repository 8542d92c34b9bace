"""In-memory keyring backends for tests: a working keychain, a locked one, a plaintext one."""

from __future__ import annotations

from typing import Any

import keyring.errors
from keyring.backend import KeyringBackend


class _NeverChosen:
    """A priority that makes the backend unusable for keyring's own detection.

    Defining a KeyringBackend subclass registers it with keyring; raising here keeps these test
    backends from ever being picked as the process's real keyring.
    """

    def __get__(self, instance: Any, owner: Any) -> float:
        raise RuntimeError("test backend: only used when passed explicitly")


class MemoryKeyring(KeyringBackend):
    """A keychain that keeps its entries in a dict."""

    priority = _NeverChosen()  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class LockedKeyring(MemoryKeyring):
    """A keychain the user has not unlocked."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


class BrokenKeyring(MemoryKeyring):
    """A backend whose service is not running (D-Bus gone, for example)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("service not running")


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's plaintext file backend (matched by name)."""
