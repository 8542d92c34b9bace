"""Build the packaged app: `python -m proactive_desktop.tools.build`.

    python -m proactive_desktop.tools.build [--dist DIR] [--work DIR] [--self-test]
                                            [--max-size-mib N] [--start-runs N] [--no-build]

1. compiles the translations (`python -m proactive_desktop.tools.i18n compile`) when that tool
   exists, and checks that every `i18n/*.ts` now has its `.qm`;
2. runs PyInstaller on `build.spec` (windowed app + console CLI in one folder; a .app on macOS);
3. measures the bundle (MiB on disk, files) and, with `--max-size-mib`, fails above it;
4. with `--self-test`, runs the built console executable's `--self-test`;
5. with `--start-runs N`, starts the windowed app N times offscreen with `--quit-after-start`
   and prints the median time from process start to its first window (`--no-build` measures an
   existing build).

The last line printed is the path of the console executable, for scripts to pick up.
Runs on Windows, macOS and Linux; it needs the dev dependencies (PyInstaller).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
I18N_DIR = ROOT / "i18n"
# Names fixed by build.spec.
FOLDER_NAME = "proactive-desktop"
APP_BUNDLE_NAME = "Proactive Desktop.app"
CLI_NAME = "proactive-desktop"
GUI_NAME = "ProactiveDesktop"
MIB = 1024 * 1024
SELF_TEST_TIMEOUT_S = 180
START_TIMEOUT_S = 60
FIRST_WINDOW = re.compile(r"^first window: (\d+) ms after (.+)$", re.MULTILINE)


class BuildError(Exception):
    """A step failed; the message says which and why."""


@dataclass(frozen=True, slots=True)
class BundleSize:
    disk_bytes: int
    """Allocated blocks, as `du` counts them (apparent size where blocks are unknown)."""
    files: int

    @property
    def disk_mib(self) -> float:
        return self.disk_bytes / MIB


def bundle_root(dist: Path) -> Path:
    """The folder a user receives: the .app on macOS, the onedir folder elsewhere."""
    return dist / APP_BUNDLE_NAME if sys.platform == "darwin" else dist / FOLDER_NAME


def executable(dist: Path, *, windowed: bool = False) -> Path:
    """The console CLI (or the windowed app) inside the built bundle."""
    name = GUI_NAME if windowed else CLI_NAME
    if sys.platform == "win32":
        name += ".exe"
    if sys.platform == "darwin":
        return bundle_root(dist) / "Contents" / "MacOS" / name
    else:  # an else, not a fall-through: mypy on macOS would call the line unreachable
        return bundle_root(dist) / name


def measure(root: Path) -> BundleSize:
    """Disk usage of a folder as `du -s` counts it: each file once, symlinks as links, and the
    folders' own blocks."""
    total = 0
    files = 0
    seen: set[tuple[int, int]] = set()
    for folder, _dirs, names in os.walk(root):
        entries = [(Path(folder), False), *((Path(folder) / name, True) for name in names)]
        for path, is_file in entries:
            stat = path.lstat()
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            files += is_file
            blocks = getattr(stat, "st_blocks", None)
            total += blocks * 512 if blocks is not None else stat.st_size
    return BundleSize(total, files)


def compile_translations() -> list[Path]:
    """Compile i18n/*.ts when the translation tool exists; every .ts must end with its .qm."""
    if importlib.util.find_spec("proactive_desktop.tools.i18n") is None:
        print("translations: no proactive_desktop.tools.i18n, nothing to compile")
        return sorted(I18N_DIR.glob("*.qm"))
    if not any(I18N_DIR.glob("*.ts")):
        print("translations: no i18n/*.ts yet, nothing to compile")
        return []
    run_step([sys.executable, "-m", "proactive_desktop.tools.i18n", "compile"], "translations")
    missing = [ts.name for ts in I18N_DIR.glob("*.ts") if not ts.with_suffix(".qm").exists()]
    if missing:
        raise BuildError(f"translations: no .qm was compiled for {', '.join(sorted(missing))}")
    compiled = sorted(I18N_DIR.glob("*.qm"))
    print(f"translations: {', '.join(qm.name for qm in compiled) or 'none'}")
    return compiled


def run_pyinstaller(dist: Path, work: Path) -> None:
    run_step(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        "PyInstaller",
    )


def run_self_test(dist: Path) -> None:
    cli = executable(dist)
    run_step([str(cli), "--self-test"], "self-test", timeout_s=SELF_TEST_TIMEOUT_S)


def measure_start(dist: Path, runs: int) -> list[float]:
    """Milliseconds from process start to the first window, per run, of the windowed app.

    Offscreen, in a fresh data folder each run; the first run also pays for a cold disk cache,
    which is why the median is the figure to quote.
    """
    app = executable(dist, windowed=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    timings: list[float] = []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory(prefix="proactive-desktop-start-") as data:
            env["PROACTIVE_DESKTOP_DATA"] = data
            completed = subprocess.run(
                [str(app), "--quit-after-start", "--no-error-dialog"],
                env=env,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S,
                check=False,
            )
        found = FIRST_WINDOW.search(completed.stdout)
        if completed.returncode != 0 or not found:
            raise BuildError(f"start-up run {run}: exit {completed.returncode} {completed.stderr}")
        timings.append(float(found.group(1)))
        print(f"start-up run {run}: first window after {found.group(1)} ms ({found.group(2)})")
    print(
        f"start-up: median {statistics.median(timings):.0f} ms over {runs} runs "
        f"(min {min(timings):.0f}, max {max(timings):.0f})"
    )
    return timings


def run_step(command: list[str], step: str, *, timeout_s: float | None = None) -> None:
    print(f"+ {' '.join(command)}", flush=True)
    try:
        completed = subprocess.run(command, cwd=ROOT, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"{step}: no result after {timeout_s:.0f} s") from None
    except OSError as error:
        raise BuildError(f"{step}: cannot run {command[0]}: {error}") from None
    if completed.returncode != 0:
        raise BuildError(f"{step}: exit code {completed.returncode}")


def build(dist: Path, work: Path, *, self_test: bool, max_size_mib: float | None) -> BundleSize:
    started = time.monotonic()
    compile_translations()
    run_pyinstaller(dist, work)
    size = measure(bundle_root(dist))
    elapsed_s = time.monotonic() - started
    print(
        f"bundle: {bundle_root(dist)}: {size.disk_mib:.1f} MiB on disk, {size.files:,} files, "
        f"built in {elapsed_s:.0f} s"
    )
    if max_size_mib is not None and size.disk_mib > max_size_mib:
        raise BuildError(f"the bundle is {size.disk_mib:.1f} MiB, above {max_size_mib:g} MiB")
    if self_test:
        run_self_test(dist)
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m proactive_desktop.tools.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's folder")
    parser.add_argument("--self-test", action="store_true", help="run the built --self-test")
    parser.add_argument("--max-size-mib", type=float, default=None, help="fail above this size")
    parser.add_argument(
        "--start-runs", type=int, default=0, metavar="N", help="measure start-up N times"
    )
    parser.add_argument("--no-build", action="store_true", help="use the existing build")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    try:
        if args.no_build:
            size = measure(bundle_root(dist))
            print(f"bundle: {bundle_root(dist)}: {size.disk_mib:.1f} MiB, {size.files:,} files")
            if args.self_test:
                run_self_test(dist)
        else:
            build(
                dist,
                args.work.resolve(),
                self_test=args.self_test,
                max_size_mib=args.max_size_mib,
            )
        if args.start_runs:
            measure_start(dist, args.start_runs)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(executable(dist))
    return 0


if __name__ == "__main__":
    sys.exit(main())
