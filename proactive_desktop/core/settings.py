"""The settings file: typed, versioned preferences shared by the wizard and the command line.

`settings.json` in the data folder holds the last account URL and agent email, the language
choice and the rate headroom — never a secret (tokens live in the OS keychain) and never window
geometry (that is Qt's business). Each setting is declared once, with its type and default, in
`Settings`. The file records its version; `UPGRADES[n]` turns a version-n document into n+1. A
file written by a newer release is read for what this one understands and never rewritten; a
file that cannot be read is kept aside as `settings.json.bad` and the defaults are used, so a
damaged file never stops the program. Writes are atomic (temporary file, then `os.replace`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from proactive_desktop.core.paths import settings_path

log = logging.getLogger(__name__)

SETTINGS_VERSION: Final = 1
"""The version this release writes. Raise it together with a new UPGRADES entry."""

UPGRADES: dict[int, Callable[[dict[str, Any]], None]] = {}
"""Version n → a function that changes a version-n document, in place, into version n+1."""

LANGUAGES: Final = ("en", "ja", "zh_CN")
"""The interface languages; None in `Settings.language` follows the system."""

DEFAULT_HEADROOM_PERCENT: Final = 20
MAX_REMEMBERED_CLIENTS: Final = 100
MAX_HEADROOM_PERCENT: Final = 90
"""A campaign always keeps at least 10 % of the account's rate budget."""

_SECRET_LOOKING: Final = re.compile(
    r"token|secret|password|passwd|credential|api[_-]?key|auth", re.IGNORECASE
)
_VERSION_KEY: Final = "version"


@dataclass
class Settings:
    """Every setting, with its default. Mutable: pages change it, then it is saved once."""

    last_url: str | None = None
    last_email: str | None = None
    language: str | None = None
    """One of LANGUAGES, or None to follow the system's language."""
    headroom_percent: int = DEFAULT_HEADROOM_PERCENT
    """The share of the account's rate budget a campaign leaves to agents and integrations."""
    test_ticket_address: str | None = None
    """Where Preview's "Send me a test" sends to (the admin's own address), once typed."""
    sign_in_clients: dict[str, str] = dataclasses.field(default_factory=dict)
    """Per account (its host), the identifier of the account's own OAuth client last signed in
    with (not a secret: the admin copies it from Admin Center), so it is asked for only once."""

    @property
    def headroom(self) -> float:
        """`headroom_percent` as the fraction RateGovernor takes."""
        return self.headroom_percent / 100


def _valid_text(value: Any) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= 2000)


_VALIDATORS: Final[Mapping[str, Callable[[Any], bool]]] = {
    "last_url": _valid_text,
    "last_email": _valid_text,
    "test_ticket_address": _valid_text,
    "language": lambda value: value is None or value in LANGUAGES,
    "sign_in_clients": lambda value: (
        isinstance(value, dict)
        and len(value) <= MAX_REMEMBERED_CLIENTS
        and all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 300 and 0 < len(v) <= 200
            for k, v in value.items()
        )
    ),
    "headroom_percent": lambda value: (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value <= MAX_HEADROOM_PERCENT
    ),
}
"""Per setting: is a stored value usable? An unusable one falls back to its default."""


def _check_no_secret_keys(names: Any) -> None:
    for name in names:
        if _SECRET_LOOKING.search(str(name)):
            raise ValueError(f"refusing to store {name!r} in the settings file: secrets belong "
                             "in the keychain")  # fmt: skip


_check_no_secret_keys(field.name for field in dataclasses.fields(Settings))


class SettingsStore:
    """Reads and writes one settings file. `read_only` is set when a newer release wrote it."""

    def __init__(
        self,
        path: Path,
        *,
        version: int = SETTINGS_VERSION,
        upgrades: Mapping[int, Callable[[dict[str, Any]], None]] | None = None,
    ) -> None:
        self.path = path
        self.version = version
        self.upgrades = UPGRADES if upgrades is None else upgrades
        self.read_only = False

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> SettingsStore:
        return cls(settings_path(data_dir))

    def load(self) -> Settings:
        """The settings; defaults where the file is missing, damaged or says something unusable."""
        self.read_only = False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError) as problem:
            return self._set_aside(f"unreadable ({problem.__class__.__name__})")
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            return self._set_aside("not JSON")
        if not isinstance(document, dict):
            return self._set_aside("not a JSON object")
        version = document.get(_VERSION_KEY, 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            return self._set_aside("no valid version")
        if version > self.version:
            log.warning(
                "Settings file version %d is newer than this release's %d: reading it without "
                "writing it back.",
                version,
                self.version,
            )
            self.read_only = True
        else:
            try:
                for step in range(version, self.version):
                    self.upgrades[step](document)
            except (KeyError, TypeError, ValueError) as problem:
                return self._set_aside(f"upgrade from version {version} failed ({problem!r})")
        return _settings_from(document)

    def save(self, settings: Settings) -> None:
        """Write atomically; does nothing for a file a newer release wrote (`read_only`)."""
        if self.read_only:
            log.info("Settings not saved: the file belongs to a newer release.")
            return
        document = {_VERSION_KEY: self.version, **dataclasses.asdict(settings)}
        _check_no_secret_keys(document)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        handle, temporary = tempfile.mkstemp(
            prefix=".settings-", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def _set_aside(self, why: str) -> Settings:
        """Keep a damaged file for inspection (settings.json.bad) and start from the defaults."""
        bad = self.path.with_name(self.path.name + ".bad")
        try:
            os.replace(self.path, bad)
            log.warning("Settings file %s is %s; kept as %s, using defaults.", self.path, why, bad)
        except OSError as problem:
            log.warning("Settings file %s is %s and could not be moved aside (%s).",
                        self.path, why, problem)  # fmt: skip
        return Settings()


def _settings_from(document: Mapping[str, Any]) -> Settings:
    values: dict[str, Any] = {}
    for name, is_valid in _VALIDATORS.items():
        if name in document and is_valid(document[name]):
            values[name] = document[name]
        elif name in document:
            log.warning("Settings: ignoring an unusable value for %s.", name)
    return Settings(**values)


def load_settings(data_dir: Path) -> Settings:
    """The settings of this data folder (defaults if there are none)."""
    return SettingsStore.in_data_dir(data_dir).load()


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write the settings of this data folder (atomically; never a secret)."""
    store = SettingsStore.in_data_dir(data_dir)
    # Re-read only the version: a newer release's file must not be overwritten.
    store.load()
    store.save(settings)
