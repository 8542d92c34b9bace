"""Where things live: the data folder (journal, settings, logs) and bundled resources.

The data folder holds every customer's name, email and ticket body, so it is the user's alone:
0700 on POSIX, and every file in it 0600 (`make_private_dir`, `create_private_file`); a folder
made by an earlier version, or by hand, is tightened when the program starts
(`tighten_data_dir`). On Windows the default folder is under %LOCALAPPDATA%, whose access list
already admits only its user, and POSIX modes do not apply (os.chmod sets only the read-only
flag there), so these functions leave modes alone.

`resource_path()` is the only function that knows where bundled files are, from a source checkout,
a PyInstaller build and an installed wheel (which carries the compiled translations inside the
package, as `proactive_desktop/i18n/*.qm`) alike.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME = "proactive-desktop"
PRIVATE_DIR_MODE: Final = 0o700
PRIVATE_FILE_MODE: Final = 0o600
_APPLIES_POSIX_MODES: Final = os.name == "posix"
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
    make_private_dir(chosen)
    tighten_data_dir(chosen)
    return chosen


def unwritable_reason(folder: Path) -> str | None:
    """Why files cannot be created in `folder`, or None when they can (probed by creating one:
    os.access does not know Windows access lists or read-only mounts)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".write-probe-"):
            return None
    except OSError as error:
        return error.strerror or type(error).__name__


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) readable by its user only; tighten it if it exists.

    Only the new innermost folder gets 0700 from mkdir; parents made on the way keep the usual
    mode (they are the user's own, e.g. ~/.local/share).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=PRIVATE_DIR_MODE)
    _tighten(folder, PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 when missing, tighten it when present."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    _tighten(path, PRIVATE_FILE_MODE)


def private_opener(path: str, flags: int) -> int:
    """An `open(..., opener=)` that creates files 0600 (the umask may only narrow it further)."""
    return os.open(path, flags, PRIVATE_FILE_MODE)


def tighten_data_dir(data: Path) -> None:
    """Take group and other access away from the data folder and everything the program keeps
    in it (an existing folder from an earlier version was 0755 with 0644 files)."""
    _tighten(data, PRIVATE_DIR_MODE)
    for path in _kept_files(data):
        _tighten(path, PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE)


def _kept_files(data: Path) -> Iterator[Path]:
    for folder in (data, data / "demo"):
        if not folder.is_dir():
            continue
        yield folder
        yield from folder.glob("journal.sqlite3*")
        yield from folder.glob("settings.json*")
        for sub in (folder / "logs", folder / "locks"):
            if sub.is_dir():
                yield sub
                yield from sub.iterdir()


def _tighten(path: Path, private_mode: int) -> None:
    """Remove the group/other bits of `path` (never add a bit: a read-only folder stays so)."""
    if not _APPLIES_POSIX_MODES:
        return
    try:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if stat.S_ISLNK(path.lstat().st_mode):
            return  # chmod would follow the link to a file that is not ours to change
        if mode & ~private_mode & 0o777:
            os.chmod(path, mode & private_mode)
    except OSError:
        # Not ours, or on a read-only medium: nothing we can change; reading still works.
        return


def journal_path(data: Path) -> Path:
    return data / "journal.sqlite3"


def settings_path(data: Path) -> Path:
    return data / "settings.json"


def logs_dir(data: Path) -> Path:
    return data / "logs"


DEMO_FOLDER: Final = "demo"


def demo_data_dir(data: Path) -> Path:
    """The demo workspace's own data folder (journal, settings, logs) inside the real one: the
    demo's campaigns, on a sandbox address that is gone once the program ends, never mix with
    real ones (History, the resume offer, campaign names)."""
    folder = data / DEMO_FOLDER
    make_private_dir(folder)
    return folder
