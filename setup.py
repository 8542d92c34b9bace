"""Build step for `pip install .`: compile the translations into the installed package.

Everything else about the package is declared in pyproject.toml. The .qm catalogues are built,
never committed, so building the package compiles `i18n/*.ts` with `pyside6-lrelease` (next to the
running Python, else on PATH) into `proactive_desktop/i18n/`, where `core.paths.resource_path()`
finds them in an installed package. Without lrelease (pip's isolated build environment has no
PySide6), catalogues already compiled in `i18n/` are copied instead; with neither, the package is
built in English only and says so.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup  # type: ignore[import-untyped]
from setuptools.command.build_py import build_py  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "i18n"
PACKAGED = Path("proactive_desktop", "i18n")
log = logging.getLogger("proactive-desktop.setup")


def find_lrelease() -> str | None:
    for name in ("pyside6-lrelease", "lrelease"):
        local = Path(sys.executable).with_name(name)
        for candidate in (local, local.with_suffix(".exe")):
            if candidate.exists():
                return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return None


def run_lrelease(lrelease: str, source: Path, compiled: Path) -> bool:
    # pip's isolated build points PYTHONPATH at its own packages, where the pyside6-lrelease
    # wrapper cannot import PySide6; the tool is run with the user's environment instead.
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE"}
    }
    try:
        subprocess.run(
            [lrelease, "-silent", str(source), "-qm", str(compiled)],
            check=True,
            env=environment,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as problem:
        log.warning("%s could not compile %s (%s)", lrelease, source.name, problem)
        return False
    return True


def compile_catalogues(target: Path) -> list[Path]:
    """Write one .qm per i18n/*.ts into `target`; returns what was written."""
    target.mkdir(parents=True, exist_ok=True)
    lrelease = find_lrelease()
    written: list[Path] = []
    for source in sorted(SOURCES.glob("*.ts")):
        compiled = target / source.with_suffix(".qm").name
        prebuilt = source.with_suffix(".qm")
        is_compiled = lrelease is not None and run_lrelease(lrelease, source, compiled)
        if not is_compiled:
            if prebuilt.exists() and prebuilt.stat().st_mtime >= source.stat().st_mtime:
                shutil.copy2(prebuilt, compiled)
            else:
                log.warning("No lrelease, no current %s: %s left out", prebuilt.name, source.name)
                continue
        written.append(compiled)
    return written


class BuildPyWithTranslations(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if not self.dry_run:
            compile_catalogues(Path(self.build_lib) / PACKAGED)


# setuptools runs this file as __main__; tests import it for compile_catalogues().
if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildPyWithTranslations})
