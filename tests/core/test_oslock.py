"""The OS file lock: one holder at a time, who it is readable by the refused party, and free the
moment its owner dies, however it dies. Runs the same on Linux, macOS and Windows."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from proactive_desktop.core.oslock import RELEASE_GRACE_S, LockBusyError, OsFileLock, read_holder

# The child prints its own PID: on Windows a venv's python.exe is a launcher whose PID is not the
# interpreter's (Popen.pid would name the launcher).
HOLDER_SCRIPT = """
import os, sys
from pathlib import Path
from proactive_desktop.core.oslock import OsFileLock
lock = OsFileLock(Path(sys.argv[1]), role="command", note="send")
print("held" if lock.try_acquire() else "refused", os.getpid(), flush=True)
sys.stdin.readline()          # hold until told (or killed)
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "campaign.lock"


@pytest.fixture
def holder_process(lock_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """Another process holding the lock until a line on its stdin (or until killed), and the
    PID of its interpreter."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    with process:  # closes the pipes and waits at the end
        assert process.stdout is not None
        state, pid = process.stdout.readline().split()
        assert state == "held"
        yield process, int(pid)
        if process.poll() is None:
            process.kill()


def test_second_party_is_refused_and_reads_who_holds_it(lock_path: Path) -> None:
    first = OsFileLock(lock_path, role="wizard")
    second = OsFileLock(lock_path, role="command")
    assert first.try_acquire()
    assert not second.try_acquire()
    holder = second.holder()
    assert holder is not None
    assert (holder.role, holder.pid, holder.is_this_computer) == ("wizard", os.getpid(), True)
    assert first.is_held
    assert not second.is_held


def test_released_lock_is_free_and_names_nobody(lock_path: Path) -> None:
    first = OsFileLock(lock_path, role="wizard")
    assert first.try_acquire()
    first.release()
    first.release()  # idempotent
    assert read_holder(lock_path) is None
    second = OsFileLock(lock_path, role="command")
    assert second.try_acquire()
    holder = read_holder(lock_path)
    assert holder is not None
    assert holder.role == "command"


def test_lock_held_by_another_process_refuses_and_names_its_pid(
    lock_path: Path, holder_process: tuple[subprocess.Popen[str], int]
) -> None:
    process, pid = holder_process
    mine = OsFileLock(lock_path, role="wizard")
    assert not mine.try_acquire()
    holder = mine.holder()
    assert holder is not None
    assert (holder.role, holder.pid, holder.note) == ("command", pid, "send")
    # The refused party touched nothing: the holder goes on and releases normally.
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.stdout.readline().strip() == "released"
    assert process.wait() == 0
    assert mine.try_acquire()


def test_owner_killed_hard_leaves_the_lock_free_at_once(
    lock_path: Path, holder_process: tuple[subprocess.Popen[str], int]
) -> None:
    process, _pid = holder_process
    mine = OsFileLock(lock_path, role="wizard")
    assert not mine.try_acquire()
    process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
    process.wait()
    # No waiting for a heartbeat to go stale: the OS dropped the lock with the process (on
    # Windows within RELEASE_GRACE_S; elsewhere this is a single try).
    assert mine.acquire(timeout_s=RELEASE_GRACE_S)
    holder = mine.holder()
    assert holder is not None
    assert holder.pid == os.getpid()


def test_acquire_waits_until_the_holder_releases(lock_path: Path) -> None:
    first = OsFileLock(lock_path, role="wizard")
    assert first.try_acquire()
    second = OsFileLock(lock_path, role="command")
    waiting = threading.Event()
    released = threading.Thread(target=lambda: (waiting.wait(), first.release()))
    released.start()
    waiting.set()
    assert second.acquire(timeout_s=60, poll_s=0.01)
    released.join()
    assert not first.is_held


def test_acquire_gives_up_after_its_timeout(lock_path: Path) -> None:
    first = OsFileLock(lock_path, role="wizard")
    assert first.try_acquire()
    assert not OsFileLock(lock_path, role="command").acquire(timeout_s=0.05, poll_s=0.01)
    assert first.is_held


def test_acquire_stops_when_cancelled(lock_path: Path) -> None:
    first = OsFileLock(lock_path, role="wizard")
    assert first.try_acquire()
    cancel = threading.Event()
    second = OsFileLock(lock_path, role="command")
    result: list[bool] = []
    waiter = threading.Thread(
        target=lambda: result.append(second.acquire(timeout_s=3600, cancel=cancel))
    )
    waiter.start()
    cancel.set()
    waiter.join()
    assert result == [False]
    assert not second.is_held


def test_hold_raises_busy_naming_the_holder(lock_path: Path) -> None:
    with OsFileLock(lock_path, role="wizard").hold() as held:
        assert held.is_held
        with pytest.raises(LockBusyError) as busy, OsFileLock(lock_path, role="command").hold():
            pass
        assert busy.value.holder is not None
        assert busy.value.holder.role == "wizard"
    assert OsFileLock(lock_path, role="command").try_acquire()


def test_unreadable_holder_text_is_an_unknown_holder(lock_path: Path) -> None:
    lock_path.write_bytes(b"{not json\n")
    assert read_holder(lock_path) is None
    assert read_holder(lock_path.with_name("missing.lock")) is None


@pytest.mark.skipif(
    os.name != "posix", reason="file modes are POSIX; Windows uses the per-user folder's ACL"
)
def test_lock_file_is_private(lock_path: Path) -> None:
    lock = OsFileLock(lock_path, role="wizard")
    assert lock.try_acquire()
    assert lock_path.stat().st_mode & 0o777 == 0o600
