"""The dependency direction of docs/ARCHITECTURE.md ("Layers"), enforced: core is Qt-free,
sandbox is independent."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "proactive_desktop"
CORE_FORBIDDEN = ("PySide6", "shiboken6", "proactive_desktop.ui", "proactive_desktop.sandbox")
# The sandbox may import its own modules and the standard library only.
SANDBOX_FORBIDDEN = ("proactive_desktop", "PySide6", "shiboken6", "requests", "urllib3")
SANDBOX_ALLOWED = ("proactive_desktop.sandbox",)
# The wizard reaches the demo only through the DemoProvider its entry point hands it.
UI_FORBIDDEN = ("proactive_desktop.sandbox", "proactive_desktop.demo", "proactive_desktop.cli")


def _imports(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """Every module a file imports (absolute names; relative imports resolved), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # The package a relative import starts from: the file's folder, as dotted parts.
    package_parts = list(path.relative_to(root).parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def _source_root(folder: Path) -> Path:
    """The folder holding the `proactive_desktop` package that `folder` belongs to."""
    for candidate in (folder, *folder.parents):
        if candidate.name == "proactive_desktop":
            return candidate.parent
    raise ValueError(f"{folder} is not inside a proactive_desktop package")


def _matches(module: str, names: tuple[str, ...]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def _violations(
    folder: Path, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()
) -> list[str]:
    problems = []
    for path in sorted(folder.rglob("*.py")):
        for line, module in _imports(path, _source_root(folder)):
            if _matches(module, forbidden) and not _matches(module, allowed):
                problems.append(f"{path.name}:{line} imports {module}")
    return problems


def test_core_imports_no_qt_ui_or_sandbox() -> None:
    assert _violations(PACKAGE / "core", CORE_FORBIDDEN) == []


def test_ui_knows_nothing_of_the_sandbox_or_the_entry_point() -> None:
    assert _violations(PACKAGE / "ui", UI_FORBIDDEN) == []


def test_sandbox_imports_nothing_from_the_program() -> None:
    # The sandbox is an independent oracle: if it shared parsing with the client, a bug there
    # would agree with itself and the tests would still pass.
    assert _violations(PACKAGE / "sandbox", SANDBOX_FORBIDDEN, SANDBOX_ALLOWED) == []


def test_front_ends_reach_the_engine_only_through_the_use_case_layer() -> None:
    """The CLI and the wizard call core/campaigns.py; none builds an engine of its own
    (docs/ARCHITECTURE.md, "The use-case layer")."""
    front_ends = [
        PACKAGE / "cli.py",
        PACKAGE / "cli_output.py",
        *sorted((PACKAGE / "ui").rglob("*.py")),
    ]
    problems = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in front_ends
        for line, module in _imports(path)
        if module
        in (
            "proactive_desktop.core.engine.CampaignEngine",
            "proactive_desktop.core.sending.CampaignSender",
        )
    ]
    assert problems == []


def test_the_ast_walk_catches_direct_and_relative_imports(tmp_path: Path) -> None:
    """A guard for the guard: forbidden imports in every spelling are reported."""
    core = tmp_path / "proactive_desktop" / "core"
    (core / "zendesk").mkdir(parents=True)
    (core / "ok.py").write_text("import json\nfrom . import models\n", encoding="utf-8")
    (core / "zendesk" / "bad.py").write_text(
        "from ...ui import wizard\nimport PySide6.QtCore\nfrom proactive_desktop import sandbox\n",
        encoding="utf-8",
    )
    problems = _violations(core, CORE_FORBIDDEN)
    assert problems == [
        "bad.py:1 imports proactive_desktop.ui",
        "bad.py:1 imports proactive_desktop.ui.wizard",
        "bad.py:2 imports PySide6.QtCore",
        "bad.py:3 imports proactive_desktop.sandbox",
    ]


@pytest.mark.slow
def test_core_and_cli_import_with_qt_blocked() -> None:
    probe = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import pkgutil, importlib, proactive_desktop.core as c\n"
        "names = [m.name for m in pkgutil.walk_packages(c.__path__, 'proactive_desktop.core.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "import proactive_desktop.cli\n"
        "assert 'proactive_desktop.ui' not in sys.modules, 'core or cli imported the UI'\n"
        "print(len(names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=PACKAGE.parent,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10  # the walk really visited the core's modules
