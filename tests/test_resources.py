"""Bundled files: everything the app asks `resource_path()` for exists, and build.spec ships it.

A missing icon, stylesheet or catalogue shows no error in a source checkout (the app falls back
quietly) but leaves the packaged app without it, so the names are checked here, statically: every
`resource_path(...)` call in the package whose arguments are literal strings, or a module-level
tuple of them (`resource_path(*ICON)`).
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from proactive_desktop.core.paths import resource_path
from proactive_desktop.tools import icons

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "proactive_desktop"
SPEC = ROOT / "build.spec"


def _string_tuples(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module-level `NAME = ("a", "b")` assignments."""
    found: dict[str, tuple[str, ...]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            parts = [elt.value for elt in node.value.elts if isinstance(elt, ast.Constant)]
            if len(parts) == len(node.value.elts) and all(isinstance(p, str) for p in parts):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = tuple(str(p) for p in parts)
    return found


def requested_resources() -> dict[tuple[str, ...], str]:
    """Every statically known resource_path() argument list → where it is asked for."""
    requested: dict[tuple[str, ...], str] = {}
    for source in sorted(PACKAGE.rglob("*.py")):
        if "tools" in source.relative_to(PACKAGE).parts:
            continue  # developer tools are not in the build
        tree = ast.parse(source.read_text(encoding="utf-8"))
        constants = _string_tuples(tree)
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "resource_path"
            ):
                continue
            parts: list[str] = []
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    parts.append(arg.value)
                elif (
                    isinstance(arg, ast.Starred)
                    and isinstance(arg.value, ast.Name)
                    and arg.value.id in constants
                ):
                    parts.extend(constants[arg.value.id])
                else:
                    break  # computed at run time (a language code): checked below
            else:
                where = f"{source.relative_to(ROOT)}:{node.lineno}"
                requested.setdefault(tuple(parts), where)
    return requested


def test_the_scan_finds_the_known_resources() -> None:
    # Guards the scanner itself: if it found nothing, the next test would pass vacuously.
    found = requested_resources()
    assert ("resources", "icons", "proactive-desktop.svg") in found
    assert ("i18n",) in found


@pytest.mark.parametrize(
    ("parts", "where"), sorted(requested_resources().items()), ids=lambda value: str(value)
)
def test_every_requested_resource_exists(parts: tuple[str, ...], where: str) -> None:
    path = resource_path(*parts)
    if parts == ("i18n",):
        return  # the folder of compiled catalogues; may be empty before the first compile
    assert path.exists(), f"{where} asks for {'/'.join(parts)}, which does not exist"


def test_every_translation_source_compiles_to_a_catalogue() -> None:
    sources = sorted((ROOT / "i18n").glob("*.ts"))
    if not sources:
        pytest.skip("no translations yet")
    if importlib.util.find_spec("proactive_desktop.tools.i18n") is not None:
        subprocess.run(
            [sys.executable, "-m", "proactive_desktop.tools.i18n", "compile"],
            cwd=ROOT,
            check=True,
            timeout=60,
        )
    missing = [ts.name for ts in sources if not resource_path("i18n", ts.stem + ".qm").exists()]
    assert not missing, f"no compiled .qm for {missing}"


# -- the icon ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_icons(qapp: object) -> dict[str, bytes]:
    # pytest-qt's session-wide application: a QGuiApplication of our own would outlive this
    # module and break every later widget test.
    del qapp
    return {icon.name: icon.content for icon in icons.generate()}


def _pixels(png: bytes) -> bytes:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    converted = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(converted.constBits())


def test_committed_pngs_are_the_svg_rendered(generated_icons: dict[str, bytes]) -> None:
    # Pixels, not bytes: another zlib may compress the same image differently.
    for size_px in icons.PNG_SIZES:
        name = icons.png_name(size_px)
        committed = (icons.ICON_DIR / name).read_bytes()
        assert _pixels(committed) == _pixels(generated_icons[name]), (
            f"{name} is out of date: run python -m proactive_desktop.tools.icons"
        )


def test_ico_holds_every_windows_size() -> None:
    entries = icons.parse_ico((icons.ICON_DIR / "proactive-desktop.ico").read_bytes())
    assert [size for size, _ in entries] == list(icons.ICO_SIZES)
    for size_px, png in entries:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size_px, size_px)


def test_icns_holds_every_macos_size() -> None:
    elements = icons.parse_icns((icons.ICON_DIR / "proactive-desktop.icns").read_bytes())
    assert [ostype for ostype, _ in elements] == [ostype for ostype, _ in icons.ICNS_ENTRIES]
    for (_, png), (_, size_px) in zip(elements, icons.ICNS_ENTRIES, strict=True):
        assert int.from_bytes(png[16:20], "big") == size_px


def test_containers_round_trip() -> None:
    pngs = [(16, b"\x89PNG-a"), (256, b"\x89PNG-bb")]
    assert icons.parse_ico(icons.build_ico(pngs)) == pngs
    elements = [(b"icp4", b"one"), (b"ic10", b"three")]
    assert icons.parse_icns(icons.build_icns(elements)) == elements
    with pytest.raises(ValueError, match="cannot be 512 px"):
        icons.build_ico([(512, b"")])


# -- build.spec -----------------------------------------------------------------------------------


def _spec_literal(name: str) -> object:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no {name} = <literal>")


def test_build_spec_excludes_plaintext_keyrings() -> None:
    excluded = _spec_literal("EXCLUDED_MODULES")
    assert isinstance(excluded, list)
    assert {"keyrings", "keyrings.alt"} <= set(excluded)
    # …and refuses to build if they were collected anyway (e.g. through a hook).
    assert "keyrings.alt would be collected" in SPEC.read_text(encoding="utf-8")


def test_build_spec_bundles_every_platform_keychain_backend() -> None:
    backends = _spec_literal("KEYRING_BACKENDS")
    assert isinstance(backends, dict)
    assert backends["darwin"][0] == "keyring.backends.macOS"
    assert backends["win32"][0] == "keyring.backends.Windows"
    assert {"keyring.backends.SecretService", "keyring.backends.kwallet"} <= set(backends["linux"])
    text = SPEC.read_text(encoding="utf-8")
    assert '"keyring.backends.chainer"' in text
    assert '"keyring.backends.fail"' in text


def test_build_spec_leaves_developer_tools_out() -> None:
    excluded = _spec_literal("EXCLUDED_MODULES")
    assert isinstance(excluded, list)
    assert {"proactive_desktop.tools", "pytest", "PyInstaller", "mypy"} <= set(excluded)


def test_entry_scripts_call_the_command_line() -> None:
    from proactive_desktop import cli

    for script, function in (("launch_cli.py", "main"), ("launch_gui.py", "gui_main")):
        text = (ROOT / "packaging" / script).read_text(encoding="utf-8")
        assert f"from proactive_desktop.cli import {function}" in text
        assert callable(getattr(cli, function))
