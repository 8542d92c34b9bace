"""The compiled catalogues reach every kind of install: `dev.py`, `pip install .`, the test session.

The .qm files are git-ignored, so each path that runs the program must build them: dev.py after
installing, setup.py's build step into the package (`proactive_desktop/i18n/`), and
`core.paths.resource_path()` must find them there when there is no checkout around the package.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

from proactive_desktop.core import paths
from proactive_desktop.tools import i18n

ROOT = Path(__file__).resolve().parents[1]


def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_package_build_compiles_every_catalogue_into_the_package(tmp_path: Path) -> None:
    setup = load_module("proactive_desktop_setup", ROOT / "setup.py")
    written = setup.compile_catalogues(tmp_path / "proactive_desktop" / "i18n")
    assert sorted(path.name for path in written) == sorted(
        i18n.qm_path(language).name for language in i18n.CATALOGUE_LANGUAGES
    )
    translator = QTranslator()
    assert translator.load(str(tmp_path / "proactive_desktop" / "i18n" / "proactive_desktop_ja"))
    assert translator.translate("StartPage", "Welcome") == "ようこそ"


def test_resources_are_found_in_the_package_without_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed wheel: site-packages/proactive_desktop/i18n/*.qm, no i18n/ beside it.
    site = tmp_path / "site-packages"
    package = site / "proactive_desktop"
    (package / "i18n").mkdir(parents=True)
    (package / "i18n" / "proactive_desktop_ja.qm").write_bytes(b"")
    monkeypatch.setattr(paths, "_SOURCE_ROOT", site)
    monkeypatch.setattr(paths, "_PACKAGE_ROOT", package)
    assert paths.resource_path("i18n") == package / "i18n"
    assert paths.resource_path("i18n", "proactive_desktop_ja.qm").exists()
    # What exists nowhere is still named at the root, for a clear error message.
    assert paths.resource_path("resources", "missing.svg") == site / "resources" / "missing.svg"


def test_a_checkout_is_preferred_to_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "i18n").mkdir(parents=True)
    package = checkout / "proactive_desktop"
    (package / "i18n").mkdir(parents=True)
    monkeypatch.setattr(paths, "_SOURCE_ROOT", checkout)
    monkeypatch.setattr(paths, "_PACKAGE_ROOT", package)
    assert paths.resource_path("i18n") == checkout / "i18n"


@pytest.mark.slow
def test_dev_py_compiles_a_stale_catalogue() -> None:
    dev = load_module("proactive_desktop_dev", ROOT / "dev.py")
    source, compiled = i18n.ts_path("ja"), i18n.qm_path("ja")
    long_ago = source.stat().st_mtime - 3600
    os.utime(compiled, (long_ago, long_ago))
    dev.compile_translations(Path(sys.executable))
    assert compiled.stat().st_mtime >= source.stat().st_mtime
