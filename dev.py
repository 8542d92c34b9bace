#!/usr/bin/env python3
"""Bootstrap: create ./.venv with the locked dependencies, then run the program or the tests.

    python3 dev.py demo        open the wizard on the built-in demo sandbox
    python3 dev.py test        run the whole test suite (extra arguments go to pytest)
    python3 dev.py run ARGS    run `proactive-desktop ARGS` from the virtual environment, in the
                               current folder (relative paths are yours), Ctrl-C and the exit
                               code going to and from the program itself
    python3 dev.py setup       only create or refresh .venv (for benchmarks and tools)

Only the Python standard library is used here, so this works on a machine that has nothing but
Python 3.11+. Installing again is skipped while pyproject.toml and constraints.txt are unchanged.
What dev.py itself says goes to stderr, so `dev.py run send x.toml --json` prints only the JSON.
The translations (i18n/*.qm, built and git-ignored) are compiled whenever one is missing or older
than its .ts.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
CONSTRAINTS = ROOT / "constraints.txt"
STAMP = VENV / ".proactive-desktop-installed"


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt", "setup.py"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit("proactive-desktop needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        say("Creating the virtual environment in .venv …")
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = install_fingerprint()
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != fingerprint:
        say("Installing proactive-desktop and its locked dependencies …")
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-c",
                str(CONSTRAINTS),
                "-e",
                f"{ROOT}[dev]",
            ],
            check=True,
        )
        STAMP.write_text(fingerprint, encoding="utf-8")
    compile_translations(python)
    return python


def compile_translations(python: Path) -> None:
    """Build i18n/*.qm with the project's own tool when one is missing or older than its .ts."""
    sources = sorted((ROOT / "i18n").glob("*.ts"))
    stale = [
        source
        for source in sources
        if not source.with_suffix(".qm").exists()
        or source.with_suffix(".qm").stat().st_mtime < source.stat().st_mtime
    ]
    if stale:
        say("Compiling the translations …")
        subprocess.run(
            [str(python), "-m", "proactive_desktop.tools.i18n", "compile"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def run_program(args: list[str]) -> int:
    """Run the program in the caller's folder so that Ctrl-C reaches it alone; its exit code.

    POSIX: dev.py replaces itself with the program (same process, same terminal job), so there
    is nothing left to interrupt or to lose the exit code. Windows has no real exec (os.execv
    starts a new process and ends this one, and the console prompt returns at once), so dev.py
    waits for it instead.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(args[0], args)
    return wait_for(args)


def wait_for(args: list[str], cwd: Path | None = None) -> int:
    """Run `args` and return its exit code, letting Ctrl-C stop the child and only the child.

    The terminal (or the Windows console) sends Ctrl-C to dev.py and the child alike; dev.py
    swallows its copy with a handler that does nothing, and the child decides what Ctrl-C means
    (the program's summary and exit code 130, pytest's report). Not SIG_IGN: an ignored signal
    stays ignored in the child on POSIX. A Python handler does not carry over.
    """
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    try:
        return subprocess.call(args, cwd=cwd)
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "run", "setup"}:
        print(__doc__)
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command == "demo":
        args = [str(python), "-m", "proactive_desktop", "--demo", *rest]
    elif command == "test":
        args = [str(python), "-m", "pytest", *rest]
    else:
        return run_program([str(python), "-m", "proactive_desktop", *rest])
    # The tests and the demo run from the checkout (pytest finds its configuration there).
    return wait_for(args, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
