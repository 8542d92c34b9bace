"""Keyring backends for tests: in memory (working, locked, broken, plaintext-named), and one in a
file that several test processes share."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring.errors
from keyring.backend import KeyringBackend

from proactive_desktop.core.oslock import OsFileLock


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


KEYRING_FILE_ENV = "PROACTIVE_TEST_KEYRING_FILE"


class _OnlyWithAFile:
    """Usable (priority 1) only where the test named a keychain file in the environment, so
    keyring's own detection never picks this backend anywhere else."""

    def __get__(self, instance: Any, owner: Any) -> float:
        if not os.environ.get(KEYRING_FILE_ENV):
            raise RuntimeError(f"test backend: only with {KEYRING_FILE_ENV} set")
        return 1.0


class SharedFileKeyring(KeyringBackend):
    """A keychain in one JSON file that several test processes share, as the OS keychain is.

    A child selects it with `PYTHON_KEYRING_BACKEND=keychain_backends.SharedFileKeyring` and
    `PROACTIVE_TEST_KEYRING_FILE`; the test opens the same file with `SharedFileKeyring(path)`.
    Every change is a locked read-modify-write with an atomic replace, so concurrent writers never
    lose each other's entries. For tests only: the product refuses plaintext backends.
    """

    priority = _OnlyWithAFile()  # type: ignore[assignment]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = Path(path) if path is not None else Path(os.environ[KEYRING_FILE_ENV])
        self._lock = OsFileLock(self.path.with_suffix(".lock"), role="test keychain")

    def _read(self) -> dict[str, str]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        assert isinstance(loaded, dict)
        return {str(k): str(v) for k, v in loaded.items()}

    def _change(self, change: Callable[[dict[str, str]], None]) -> None:
        assert self._lock.acquire(timeout_s=30)
        try:
            entries = self._read()
            change(entries)
            scratch = self.path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(json.dumps(entries), encoding="utf-8")
            os.replace(scratch, self.path)
        finally:
            self._lock.release()

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\n{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        key = self._key(service, username)
        self._change(lambda entries: entries.__setitem__(key, password))

    def delete_password(self, service: str, username: str) -> None:
        key = self._key(service, username)
        if key not in self._read():
            raise keyring.errors.PasswordDeleteError("not found")
        self._change(lambda entries: entries.pop(key, None))
