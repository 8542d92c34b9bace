"""Where things live: the data folder (journal, settings, logs) and bundled resources.

`resource_path()` is the only function that knows where bundled files are, from a source checkout,
a PyInstaller build and an installed wheel (which carries the compiled translations inside the
package, as `proactive_desktop/i18n/*.qm`) alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "proactive-desktop"
DATA_DIR_ENV = "PROACTIVE_DESKTOP_DATA"
_SOURCE_ROOT = Path(__file__).resolve().parents[2]
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """Absolute path of a bundled file (resources/…, i18n/…), from source or a frozen build.

    When the file is not at the bundle or checkout root, the package folder is tried too: a
    wheel installed with `pip install .` has no checkout root, only the package (setup.py).
    """
    root = Path(getattr(sys, "_MEIPASS", _SOURCE_ROOT))
    found = root.joinpath(*parts)
    if not found.exists():
        packaged = _PACKAGE_ROOT.joinpath(*parts)
        if packaged.exists():
            return packaged
    return found


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir`, else $PROACTIVE_DESKTOP_DATA, else the platform's user data folder."""
    if explicit:
        chosen = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        chosen = Path(os.environ[DATA_DIR_ENV])
    else:
        chosen = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    chosen = chosen.expanduser().resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def journal_path(data: Path) -> Path:
    return data / "journal.sqlite3"


def settings_path(data: Path) -> Path:
    return data / "settings.json"


def logs_dir(data: Path) -> Path:
    return data / "logs"
