"""An exclusive lock on a file that the operating system drops when its process ends.

Two programs on one computer (the wizard and a scheduled `proactive-desktop send`, or two commands)
must not do the same thing at once: send the same campaign, or refresh the same OAuth sign-in. A
lock recorded in a database has to guess whether its owner is still alive, and guessing needs
`os.kill(pid, 0)`, which on Windows *terminates* the process it asks about. An OS file lock needs
no guess: the kernel releases it the moment its process exits, however it exits (crash, kill -9,
power-off of a session), so a crashed owner's lock is free at once and no other process is ever
touched.

Windows uses `msvcrt.locking` (LockFile on one byte), every other system `fcntl.flock`; no
third-party package is needed for something this small. Both refuse a second lock on the same
file even from another `OsFileLock` in the *same* process, so each instance is one party.

API
---

    lock = OsFileLock(path, role="command")       # role: who this party is, e.g. "wizard"
    if not lock.try_acquire():                     # never waits
        holder = lock.holder()                     # LockHolder | None: who has it
    lock.acquire(timeout_s=10, cancel=event)       # waits at most timeout_s, stops when event set;
                                                   # True once held, False on timeout or cancel
    lock.acquire(timeout_s=RELEASE_GRACE_S)        # "at once", allowing for Windows' delay in
                                                   # unlocking a crashed owner's file (0 elsewhere)
    lock.is_held                                   # True while this instance holds it
    lock.release()                                 # idempotent; also on garbage collection
    with OsFileLock(path, role="wizard").hold(): ...   # try_acquire or raise LockBusyError
    read_holder(path)                              # LockHolder | None, without an instance

`LockHolder` (role, pid, host, acquired_at, note) is written as one line of JSON at the start of
the lock file by whoever acquires it, and cleared on release, so a refused party can say who holds
the lock ("the wizard", "a command with PID 4242"). The text is advisory information only: holding
is decided by the OS lock alone. It may be missing for an instant right after another party took
the lock (then `holder()` returns None) and it survives a crash (the next owner overwrites it),
which is why `holder()` is only meaningful after a refused `try_acquire`.

The lock file is created readable and writable by its user only (0600 on POSIX) and is never
deleted: deleting a lock file races with a party that has just opened it.
The lock is not re-entrant across instances, and it is not meant for network file systems.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

RELEASE_GRACE_S: Final = 1.0 if sys.platform == "win32" else 0.0
"""How long a party that must not wait should still try: Windows unlocks a dead process's
LockFile regions "in a time that depends on available system resources" (its documentation),
so right after a crash the lock may still look held for a moment. flock is freed at once."""

DEFAULT_POLL_S: Final = 0.05
"""How often a waiting `acquire` tries again (neither flock nor LockFile can wait cancellably)."""

HOLDER_AREA_BYTES: Final = 4096
"""The holder's JSON line lives in the first bytes of the file; the byte locked on Windows lies
beyond them, because a LockFile region cannot be read by anyone else while it is locked."""

_MAX_HOLDER_TEXT: Final = HOLDER_AREA_BYTES - 1


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a lock, as its owner wrote it into the lock file."""

    role: str
    """What kind of program holds it, e.g. "wizard" or "command"."""
    pid: int
    host: str
    acquired_at: str
    """ISO 8601, UTC."""
    note: str = ""
    """Anything else the owner chose to say (e.g. the command line's verb)."""

    @property
    def is_this_computer(self) -> bool:
        return self.host == socket.gethostname()


class LockBusyError(RuntimeError):
    """Raised by `OsFileLock.hold()` when another party holds the lock."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = f"{holder.role} (PID {holder.pid})" if holder is not None else "another program"
        super().__init__(f"{path} is locked by {who}")
        self.path = path
        self.holder = holder


def _parse_holder(raw: bytes) -> LockHolder | None:
    line = raw.split(b"\n", 1)[0].strip(b"\0 \r\t")
    if not line:
        return None
    try:
        fields = json.loads(line.decode("utf-8"))
        return LockHolder(
            role=str(fields["role"]),
            pid=int(fields["pid"]),
            host=str(fields.get("host", "")),
            acquired_at=str(fields.get("acquired_at", "")),
            note=str(fields.get("note", "")),
        )
    except (ValueError, KeyError, TypeError):
        # Half-written or foreign content: unknown holder, never an error for the refused party.
        return None


def read_holder(path: Path) -> LockHolder | None:
    """The holder written in the lock file at `path`, or None (no file, no holder, unreadable)."""
    try:
        with open(path, "rb") as file:
            return _parse_holder(file.read(HOLDER_AREA_BYTES))
    except OSError:
        return None


def _open_lock_file(path: Path) -> int:
    if not path.parent.is_dir():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    # Never O_TRUNC: the file may be locked by someone else whose holder line must stay.
    return os.open(path, flags, 0o600)


if sys.platform == "win32":

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, HOLDER_AREA_BYTES, os.SEEK_SET)
        try:
            # LK_NBLCK fails at once; LK_LOCK would retry for ten seconds, uncancellably.
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, HOLDER_AREA_BYTES, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class OsFileLock:
    """One party's exclusive lock on `path`; see the module docstring for the whole API."""

    def __init__(self, path: Path, *, role: str, note: str = "") -> None:
        self.path = Path(path)
        self.role = role
        self.note = note
        self._fd: int | None = None
        self._guard = threading.Lock()

    @property
    def is_held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits. True also when already held here."""
        with self._guard:
            if self._fd is not None:
                return True
            fd = _open_lock_file(self.path)
            try:
                if not _try_lock(fd):
                    os.close(fd)
                    return False
                self._write_holder(fd)
            except BaseException:
                os.close(fd)  # closing drops the lock too
                raise
            self._fd = fd
            return True

    def acquire(
        self,
        *,
        timeout_s: float,
        cancel: threading.Event | None = None,
        poll_s: float = DEFAULT_POLL_S,
    ) -> bool:
        """Wait up to `timeout_s` for the lock; False on timeout or as soon as `cancel` is set."""
        waiter = cancel if cancel is not None else threading.Event()
        remaining = timeout_s
        while True:
            if waiter.is_set():
                return False
            if self.try_acquire():
                return True
            if remaining <= 0:
                return False
            step = min(poll_s, remaining)
            if waiter.wait(step):
                return False
            remaining -= step

    def release(self) -> None:
        """Give the lock back (clearing the holder line); does nothing when not held."""
        with self._guard:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            try:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                _unlock(fd)
            finally:
                os.close(fd)

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, as written in the file (see the module docstring)."""
        return read_holder(self.path)

    @contextlib.contextmanager
    def hold(self) -> Iterator[OsFileLock]:
        """Hold the lock for a `with` block, or raise LockBusyError naming the holder."""
        if not self.try_acquire():
            raise LockBusyError(self.path, self.holder())
        try:
            yield self
        finally:
            self.release()

    def __del__(self) -> None:
        # A forgotten lock is still released when the instance goes (and by the OS at exit).
        with contextlib.suppress(Exception):
            self.release()

    def _write_holder(self, fd: int) -> None:
        holder = LockHolder(
            role=self.role,
            pid=os.getpid(),
            host=socket.gethostname(),
            acquired_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            note=self.note,
        )
        text = json.dumps(asdict(holder), ensure_ascii=True).encode("ascii")[:_MAX_HOLDER_TEXT]
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text + b"\n")
