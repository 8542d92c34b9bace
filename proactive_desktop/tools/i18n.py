"""Translation files: extract messages into i18n/*.ts, compile them to .qm, check they are current.

    python -m proactive_desktop.tools.i18n update    refresh i18n/*.ts from the source (lupdate)
    python -m proactive_desktop.tools.i18n compile   build i18n/*.qm (lrelease)
    python -m proactive_desktop.tools.i18n check     fail if a .ts is stale or unfinished

The .ts files carry no source locations (`-locations none`), so moving code does not churn them;
messages that left the source are dropped (`-no-obsolete`). Japanese and Chinese translate every
message; English, the source language, has a catalogue of its plural forms only (`-pluralonly`),
so that "%n customer(s)" reads "1 customer" and "2,500 customers".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "proactive_desktop"
I18N = ROOT / "i18n"
LANGUAGES = ("ja", "zh_CN")
"""The languages every message is translated into."""
PLURAL_ONLY_LANGUAGES = ("en",)
"""The source language: only its plural forms are written."""
CATALOGUE_LANGUAGES = LANGUAGES + PLURAL_ONLY_LANGUAGES
# Developer tools are not shown to users, so their strings are not extracted.
EXCLUDED_PARTS = {"tools", "__pycache__"}


def ts_path(language: str) -> Path:
    return I18N / f"proactive_desktop_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"proactive_desktop_{language}.qm"


def source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not EXCLUDED_PARTS.intersection(path.relative_to(PACKAGE).parts)
    )


def _qt_tool(name: str) -> str:
    """The PySide6 wrapper for a Qt tool, next to this interpreter or on PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    for candidate in (local, local.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def run_lupdate(targets: list[Path], *options: str) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as lst:
        lst.write("\n".join(str(path) for path in source_files()))
        list_file = Path(lst.name)
    try:
        subprocess.run(
            [
                _qt_tool("lupdate"),
                "-silent",
                "-locations",
                "none",
                "-no-obsolete",
                *options,
                f"@{list_file}",
                "-ts",
                *map(str, targets),
            ],
            check=True,
        )
    finally:
        list_file.unlink()


def update() -> None:
    I18N.mkdir(exist_ok=True)
    run_lupdate([ts_path(language) for language in LANGUAGES])
    run_lupdate([ts_path(language) for language in PLURAL_ONLY_LANGUAGES], "-pluralonly")


def compile_all(destination: Path | None = None) -> list[Path]:
    """Compile every .ts to .qm (next to it, or into `destination`); returns the .qm paths."""
    built: list[Path] = []
    for language in CATALOGUE_LANGUAGES:
        target = (destination or I18N) / qm_path(language).name
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [_qt_tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)],
            check=True,
        )
        built.append(target)
    return built


@dataclass(frozen=True, slots=True)
class TsMessage:
    context: str
    source: str
    finished: bool
    is_numerus: bool = False


def read_ts(path: Path) -> list[TsMessage]:
    messages: list[TsMessage] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            texts: list[str] = []
            if translation is not None:
                forms = translation.findall("numerusform")
                texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
            finished = (
                translation is not None
                and translation.get("type") not in ("unfinished", "vanished", "obsolete")
                and all(text.strip() for text in texts)
            )
            messages.append(
                TsMessage(
                    name,
                    message.findtext("source") or "",
                    finished,
                    message.get("numerus") == "yes",
                )
            )
    return messages


def problems() -> list[str]:
    """Stale or unfinished translations, one line each; empty when everything is current."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh_ja.ts"
        run_lupdate([fresh])
        extracted = read_ts(fresh)
    for language in CATALOGUE_LANGUAGES:
        expected = {
            (m.context, m.source)
            for m in extracted
            if m.is_numerus or language not in PLURAL_ONLY_LANGUAGES
        }
        path = ts_path(language)
        if not path.exists():
            found.append(f"{path.name}: missing")
            continue
        messages = read_ts(path)
        present = {(m.context, m.source) for m in messages}
        for context, source in sorted(expected - present):
            found.append(f"{path.name}: stale, missing [{context}] {source!r}")
        for context, source in sorted(present - expected):
            found.append(f"{path.name}: stale, no longer in the source [{context}] {source!r}")
        for message in messages:
            if not message.finished:
                found.append(f"{path.name}: unfinished [{message.context}] {message.source!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(path.relative_to(ROOT))
    elif command == "check":
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
