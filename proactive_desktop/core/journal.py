"""SQLite journal of campaigns and per-customer outcomes; the only writer of campaign state.

The journal is what makes "every customer exactly once" hold across crashes: the campaign and every
customer (with the exact ticket body to send) are written in one transaction before the first ticket
is created; a batch is marked in flight and committed before it is sent; every answer is recorded
as it arrives. With WAL and `synchronous=FULL`, a committed row survives `kill -9` and power loss.

One connection per `Journal`, shared by the threads of one process and guarded by a lock; other
processes (the wizard and a scheduled `send`) see each other's commits through WAL, and a campaign
send lock (`claim_campaign`, an OS file lock the system drops when its process ends) keeps two of
them from sending the same campaign at once.

No secret is ever written here: a campaign row has the account URL and agent email, never a token.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from proactive_desktop.core.errors import (
    DataFolderNotWritableError,
    DiskFullError,
    InputError,
    StorageError,
)
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.models import CampaignState, CustomerStatus, normalise_name
from proactive_desktop.core.oslock import RELEASE_GRACE_S, LockHolder, OsFileLock
from proactive_desktop.core.paths import create_private_file, unwritable_reason

BUSY_TIMEOUT_MS: Final = 10_000
"""How long a write waits for another process's transaction (wizard and CLI share the file)."""


class SendKind:
    """What an in-flight send is: it decides how an uncertain one is reconciled."""

    BULK = "bulk"
    """A create_many job: may keep creating tickets server-side after its answer was lost."""
    SINGLE = "single"
    """One POST /tickets with an Idempotency-Key."""


class SendState:
    POSTING = "posting"
    """Marked in flight and committed; the request may or may not have left."""
    ACCEPTED = "accepted"
    """Zendesk answered with a job id (bulk) — results come from polling the job."""
    UNCERTAIN = "uncertain"
    """The answer was lost (timeout, reset, 5xx, job failed/expired): reconcile before resending."""


class FollowUp:
    """Per-customer state of the macro comment added after creation (CLI.md "Macro")."""

    PENDING = "pending"
    DONE = "done"


# -- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CampaignRecord:
    id: int
    name: str
    normalised_name: str
    tag: str
    definition: Mapping[str, Any]
    url: str
    email: str
    state: CampaignState
    created_at: str
    updated_at: str
    view_id: int | None
    view_url: str | None
    view_error: str | None
    """English, as in CLI.md's JSON."""
    view_error_message: Message | None
    """The same sentence for translation (None in journals written before schema 2)."""
    followup: Mapping[str, Any] | None
    """The macro's comment, added by an update after each ticket is created (frozen at send)."""
    view_error_kind: str | None = None
    """What kind of failure `view_error` is (the engine's `ViewErrorKind` value; None before)."""
    paused: bool = False
    """The admin paused this scheduled campaign: nothing is sent until it is resumed."""


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    id: int
    """The journal row id (stable; the engine's handle on the customer)."""
    campaign_id: int
    user_id: int | None
    email: str | None
    name: str
    organization: str | None
    status: CustomerStatus
    ticket_id: int | None
    reason: str | None
    attempts: int
    idempotency_key: str | None
    external_id: str | None
    payload: str | None
    """The ticket body as sent (canonical JSON text), so a resend is byte-identical."""
    send_id: int | None
    """Set while the customer is in flight (part of a send whose outcome is not recorded yet)."""
    job_index: int | None
    job_id: str | None
    followup: str | None
    updated_at: str
    new_customer: bool = False
    """Created with the ticket (a CSV row that matched no user); `user_id` is None until then."""
    language: str | None = None
    """The translation the ticket was rendered with (None: the main text)."""
    time_zone: str | None = None
    """The IANA zone the customer's window is counted in (None: the computer's zone)."""

    @property
    def is_in_flight(self) -> bool:
        return self.send_id is not None

    @property
    def shown_status(self) -> CustomerStatus:
        """The status to show and report: IN_FLIGHT for a pending customer in flight."""
        if self.status is CustomerStatus.PENDING and self.send_id is not None:
            return CustomerStatus.IN_FLIGHT
        return self.status


@dataclass(frozen=True, slots=True)
class SendRecord:
    """One request that creates tickets: a create_many job or a single POST."""

    id: int
    campaign_id: int
    kind: str
    state: str
    job_id: str | None
    size: int
    sent_at: float
    """Wall-clock time (Unix seconds) when it was marked in flight, just before the request."""
    customer_ids: tuple[int, ...]
    """Journal row ids in job order (index i of the job is customer_ids[i])."""


@dataclass(frozen=True, slots=True)
class NewCustomer:
    """A customer row as written at the start of a campaign."""

    user_id: int | None
    email: str | None
    name: str
    organization: str | None
    status: CustomerStatus
    reason: str | None = None
    payload: str | None = None
    external_id: str | None = None
    idempotency_key: str | None = None
    new_customer: bool = False
    language: str | None = None
    time_zone: str | None = None


@dataclass(frozen=True, slots=True)
class CustomerResult:
    """An outcome to record for one customer row."""

    customer_id: int
    status: CustomerStatus
    ticket_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    total: int
    created: int
    failed: int
    skipped: int
    pending: int
    """Pending and not in flight: no request of theirs can have created a ticket."""
    in_flight: int = 0
    """Pending, in a request that may have created their ticket (being confirmed)."""

    @classmethod
    def from_mapping(cls, counts: Mapping[CustomerStatus, int]) -> Counts:
        created = counts.get(CustomerStatus.CREATED, 0)
        failed = counts.get(CustomerStatus.FAILED, 0)
        skipped = counts.get(CustomerStatus.SKIPPED, 0)
        pending = counts.get(CustomerStatus.PENDING, 0)
        in_flight = counts.get(CustomerStatus.IN_FLIGHT, 0)
        total = created + failed + skipped + pending + in_flight
        return cls(total, created, failed, skipped, pending, in_flight)


class WithdrawState:
    """Where a withdrawal stands (`withdrawals.state`)."""

    RUNNING = "running"
    FINISHED = "finished"


class WithdrawTicketStatus:
    """A ticket's state in a withdrawal: the words of CLI.md's `withdraw` JSON."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WithdrawalRecord:
    id: int
    campaign_id: int
    action: str
    """"solve" or "delete"."""
    scope: str
    """"all" (every ticket of the campaign) or "duplicates" (all but each customer's oldest)."""
    note: str | None
    state: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class WithdrawTicketRecord:
    id: int
    withdrawal_id: int
    user_id: int | None
    ticket_id: int
    status: str
    reason: str | None
    batch_id: int | None
    """Set while the ticket is in flight (in a bulk request whose outcome is not recorded)."""
    attempts: int

    @property
    def is_in_flight(self) -> bool:
        return self.batch_id is not None


@dataclass(frozen=True, slots=True)
class WithdrawTarget:
    """A ticket a new withdrawal will act on, or one it reports without acting on."""

    user_id: int | None
    ticket_id: int
    status: str = WithdrawTicketStatus.PENDING
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class WithdrawBatch:
    """One update_many or destroy_many request of a withdrawal."""

    id: int
    withdrawal_id: int
    state: str
    """A `SendState` word: posting, accepted (job id known) or uncertain."""
    job_id: str | None
    size: int
    sent_at: float
    ticket_rows: tuple[int, ...]


class JournalError(InputError):
    """The journal file cannot be used (written by a newer version, or not a journal)."""


class JournalDamagedError(JournalError):
    """The journal opened, but some of its pages are damaged (a disk or copy went wrong)."""


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_IOERR: Final = 10
_SQLITE_CORRUPT: Final = 11
_SQLITE_FULL: Final = 13
_SQLITE_NOTADB: Final = 26


def storage_error(error: sqlite3.Error, path: Path) -> StorageError | JournalError:
    """The program's error for a failed journal operation: disk full, damaged, or unwritable."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error)
    if code == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The disk that holds {path} is full, so the campaign journal cannot record "
                "more. Free some space, then run the same command again to resume.",
            ),
            path=str(path),
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return JournalDamagedError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The campaign journal {path} is damaged ({error}). Keep a copy of it, and ask "
                "for help before sending again: it is what prevents duplicate tickets.",
            ),
            path=str(path),
            error=text,
        )
    return StorageError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The campaign journal {path} cannot be read or written ({error}). Check the disk "
            "and the folder, then run the same command again to resume.",
        ),
        path=str(path),
        error=text,
    )


class CampaignBusyError(InputError):
    """Another running program is sending this campaign right now."""


class CampaignExistsError(InputError):
    """Another program wrote a campaign of that name into this journal a moment ago."""


RUN_TOKEN_MARK: Final = "#run="
"""Separates a customer's Idempotency-Key from the run token its claim request carries."""


# -- schema -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _migrate_1(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            normalised_name TEXT NOT NULL UNIQUE,
            tag TEXT NOT NULL,
            definition TEXT NOT NULL,
            url TEXT NOT NULL,
            email TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            view_id INTEGER,
            view_url TEXT,
            view_error TEXT,
            followup TEXT,
            lease_owner TEXT,
            lease_heartbeat REAL
        )
        """
    )
    db.execute("CREATE INDEX campaigns_by_tag ON campaigns(tag)")
    db.execute(
        """
        CREATE TABLE sends (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            job_id TEXT,
            size INTEGER NOT NULL,
            sent_at REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sends_by_campaign ON sends(campaign_id)")
    db.execute(
        """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            user_id INTEGER,
            email TEXT,
            name TEXT NOT NULL,
            organization TEXT,
            status TEXT NOT NULL,
            ticket_id INTEGER,
            reason TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            idempotency_key TEXT,
            external_id TEXT,
            payload TEXT,
            send_id INTEGER REFERENCES sends(id),
            job_index INTEGER,
            followup TEXT,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX customers_by_campaign_status ON customers(campaign_id, status)")
    db.execute("CREATE INDEX customers_by_send ON customers(send_id) WHERE send_id IS NOT NULL")


def _migrate_2(db: sqlite3.Connection) -> None:
    # The view error as a translatable message (context, source, params), beside its English.
    db.execute("ALTER TABLE campaigns ADD COLUMN view_error_message TEXT")


def _migrate_new_customers(db: sqlite3.Connection) -> None:
    # Customers created with their ticket (CSV rows matching no user: no user id until the
    # ticket exists), and the translation each ticket was rendered with.
    db.execute("ALTER TABLE customers ADD COLUMN new_customer INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE customers ADD COLUMN language TEXT")


def _migrate_withdrawals(db: sqlite3.Connection) -> None:
    # A withdrawal solves or deletes a campaign's tickets afterwards; each ticket's state is
    # committed before its bulk request, as for sending (see `start_withdraw_batch`).
    db.execute(
        """
        CREATE TABLE withdrawals (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            action TEXT NOT NULL,
            scope TEXT NOT NULL,
            note TEXT,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX withdrawals_by_campaign ON withdrawals(campaign_id)")
    db.execute(
        """
        CREATE TABLE withdraw_batches (
            id INTEGER PRIMARY KEY,
            withdrawal_id INTEGER NOT NULL REFERENCES withdrawals(id),
            state TEXT NOT NULL,
            job_id TEXT,
            size INTEGER NOT NULL,
            sent_at REAL NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE withdraw_tickets (
            id INTEGER PRIMARY KEY,
            withdrawal_id INTEGER NOT NULL REFERENCES withdrawals(id),
            user_id INTEGER,
            ticket_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            batch_id INTEGER REFERENCES withdraw_batches(id),
            attempts INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            UNIQUE (withdrawal_id, ticket_id)
        )
        """
    )
    db.execute("CREATE INDEX withdraw_tickets_by_status ON withdraw_tickets(withdrawal_id, status)")
    db.execute(
        "CREATE INDEX withdraw_tickets_by_batch ON withdraw_tickets(batch_id)"
        " WHERE batch_id IS NOT NULL"
    )


def _migrate_schedules(db: sqlite3.Connection) -> None:
    # Scheduled campaigns: each customer's zone (their window), the computer's day a ticket was
    # started on (what `per_day` counts), and the admin's pause.
    db.execute("ALTER TABLE customers ADD COLUMN time_zone TEXT")
    db.execute("ALTER TABLE customers ADD COLUMN sent_day TEXT")
    db.execute("ALTER TABLE campaigns ADD COLUMN paused INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "CREATE INDEX customers_by_campaign_day ON customers(campaign_id, sent_day)"
        " WHERE sent_day IS NOT NULL"
    )


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "campaigns, customers and in-flight sends", _migrate_1),
    Migration(2, "translatable view error", _migrate_2),
    Migration(3, "withdrawals of a campaign's tickets", _migrate_withdrawals),
    Migration(4, "new customers and ticket languages", _migrate_new_customers),
    Migration(5, "schedules: customer zones, per-day counts, pause", _migrate_schedules),
)
SCHEMA_VERSION: Final = MIGRATIONS[-1].version


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


ROLE_WIZARD: Final = "wizard"
ROLE_COMMAND: Final = "command"
"""Who opens a journal: written into a campaign's send lock so a refused sender can name it."""


def campaign_lock_path(journal_file: Path, campaign_id: int) -> Path:
    """The OS lock file that a sender of this campaign holds (beside the journal)."""
    return journal_file.parent / "locks" / f"{journal_file.stem}-campaign-{campaign_id}.lock"


def _busy_error(name: str, holder: LockHolder | None) -> CampaignBusyError:
    if holder is not None and holder.role == ROLE_WIZARD:
        return CampaignBusyError(
            QT_TRANSLATE_NOOP(
                "Errors",
                'Campaign "{name}" is being sent by the wizard (PID {pid}); it goes on undisturbed.'
                " Try again when it has stopped.",
            ),
            name=name,
            pid=holder.pid,
        )
    if holder is not None:
        return CampaignBusyError(
            QT_TRANSLATE_NOOP(
                "Errors",
                'Campaign "{name}" is being sent by a command (PID {pid}); it goes on undisturbed.'
                " Try again when it has stopped.",
            ),
            name=name,
            pid=holder.pid,
        )
    return CampaignBusyError(
        QT_TRANSLATE_NOOP(
            "Errors",
            'Campaign "{name}" is being sent by another running program.',
        ),
        name=name,
    )


# -- the journal ------------------------------------------------------------------------------


class Journal:
    """The campaign journal in `path` (created with the current schema when missing)."""

    def __init__(
        self,
        path: Path,
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        role: str = ROLE_COMMAND,
        read_only: bool = False,
    ) -> None:
        """Open (or create) the journal; `read_only` opens an existing one without ever writing,
        which also works in a folder that cannot be written (status, export, history).

        A folder that cannot be written raises DataFolderNotWritableError for a writable open.
        """
        self.path = path
        self.role = role
        """Who this program is (ROLE_WIZARD or ROLE_COMMAND), for the campaign send locks."""
        self.read_only = read_only
        self._send_locks: dict[int, tuple[str, OsFileLock]] = {}
        self._lock = threading.RLock()
        if read_only:
            self._db = self._connect_read_only()
        else:
            try:
                self._db = self._connect_writable()
            except OSError as error:
                raise self._not_writable(error) from error
        try:
            if read_only:
                self._check_readable(migrations)
            else:
                self._db.execute("PRAGMA journal_mode = WAL")
                # FULL: a commit is on disk before it returns, so a recorded result survives
                # kill -9 and power loss (NORMAL may lose the last transactions in WAL mode).
                self._db.execute("PRAGMA synchronous = FULL")
                self._db.execute("PRAGMA foreign_keys = ON")
                self._migrate(migrations)
        except (sqlite3.DatabaseError, StorageError, JournalError) as error:
            self._db.close()
            if isinstance(error, DiskFullError | JournalError):
                raise
            if not read_only and unwritable_reason(path.parent) is not None:
                raise self._not_writable(error) from error
            cause = error.__cause__ if isinstance(error, StorageError) else error
            raise JournalError(
                QT_TRANSLATE_NOOP("Errors", "The campaign journal {path} cannot be read: {error}"),
                path=str(path),
                error=str(cause or error),
            ) from error
        self._closed = False

    def _connect_writable(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Customers' names, emails and ticket bodies: the user's alone. SQLite gives the -wal
        # and -shm files the journal's own mode, so creating it 0600 makes all three private.
        create_private_file(self.path)
        # One connection shared by this process's threads, serialised by self._lock.
        db = sqlite3.connect(
            str(self.path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        """mode=ro reads a WAL journal while others write it; in a folder that cannot be written
        and without the -shm file that needs, SQLite refuses it, and `immutable` (nobody can be
        writing where no file can be created) reads the file as it is."""
        uri = self.path.resolve().as_uri()
        last_error: sqlite3.Error | None = None
        for options in ("mode=ro", "mode=ro&immutable=1"):
            db = sqlite3.connect(
                f"{uri}?{options}",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            db.row_factory = sqlite3.Row
            try:
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as error:
                db.close()
                last_error = error
                continue
            return db
        assert last_error is not None
        damaged = storage_error(last_error, self.path)
        if isinstance(damaged, JournalDamagedError):
            raise damaged from last_error
        raise JournalError(
            QT_TRANSLATE_NOOP("Errors", "The campaign journal {path} cannot be read: {error}"),
            path=str(self.path),
            error=str(last_error),
        )

    def _check_readable(self, migrations: Sequence[Migration]) -> None:
        """A read-only journal must already have this version's schema (nothing can upgrade it)."""
        newest = migrations[-1].version if migrations else 0
        version = self.schema_version()
        if version != newest:
            raise sqlite3.DatabaseError(
                f"schema version {version}, this program reads {newest} without writing"
            )

    def _not_writable(self, error: BaseException) -> DataFolderNotWritableError:
        reason = unwritable_reason(self.path.parent) if self.path.parent.is_dir() else None
        if isinstance(error, OSError):
            reason = reason or error.strerror or str(error)
        return DataFolderNotWritableError(str(self.path.parent), reason or str(error))

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            for _owner, send_lock in self._send_locks.values():
                send_lock.release()
            self._send_locks.clear()
            if not self._closed:
                self._closed = True
                self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT under the lock (rolled back on any exception)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    # SQLite may have rolled back already (a full disk does): nothing to undo.
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.IntegrityError:
                raise  # a constraint the caller expects and explains (a name taken meanwhile)
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise storage_error(error, self.path) from error

    def _read(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise storage_error(error, self.path) from error

    def schema_version(self) -> int:
        row = self._read("SELECT version FROM schema_version")
        return int(row[0]["version"]) if row else 0

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                db.execute("INSERT INTO schema_version (version) VALUES (0)")
                current = 0
            else:
                current = int(row["version"])
            newest = migrations[-1].version if migrations else 0
            if current > newest:
                raise sqlite3.DatabaseError(
                    f"schema version {current} is newer than this program's {newest}"
                )
            for migration in migrations:
                if migration.version > current:
                    migration.apply(db)
                    db.execute("UPDATE schema_version SET version = ?", (migration.version,))

    # -- reading ------------------------------------------------------------------------------

    def find_campaign(self, name: str) -> CampaignRecord | None:
        """The campaign of this name (compared after NFC normalisation and trimming)."""
        rows = self._read(
            "SELECT * FROM campaigns WHERE normalised_name = ?", (normalise_name(name),)
        )
        return _campaign(rows[0]) if rows else None

    def campaign(self, campaign_id: int) -> CampaignRecord:
        rows = self._read("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
        if not rows:
            raise KeyError(campaign_id)
        return _campaign(rows[0])

    def campaigns_with_tag(self, tag: str) -> list[CampaignRecord]:
        rows = self._read("SELECT * FROM campaigns WHERE tag = ? ORDER BY id", (tag,))
        return [_campaign(row) for row in rows]

    def list_campaigns(self) -> list[CampaignRecord]:
        """Every campaign, newest first."""
        return [_campaign(row) for row in self._read("SELECT * FROM campaigns ORDER BY id DESC")]

    def scheduled_campaigns(self) -> list[CampaignRecord]:
        """Unfinished campaigns with a `[schedule]` (not finished, not withdrawn), oldest first."""
        rows = self._read(
            "SELECT * FROM campaigns WHERE state NOT IN (?, ?)"
            " AND json_extract(definition, '$.schedule') IS NOT NULL ORDER BY id",
            (CampaignState.FINISHED.value, CampaignState.WITHDRAWN.value),
        )
        return [_campaign(row) for row in rows]

    def resumable_campaigns(self) -> list[CampaignRecord]:
        """Campaigns that did not reach the end (sending when the program died, or stopped)."""
        rows = self._read(
            "SELECT * FROM campaigns WHERE state IN (?, ?) ORDER BY id DESC",
            (CampaignState.SENDING.value, CampaignState.STOPPED.value),
        )
        return [_campaign(row) for row in rows]

    def customers(
        self, campaign_id: int, status: CustomerStatus | None = None
    ) -> list[CustomerRecord]:
        """The campaign's customers in the order they were resolved (optionally one status)."""
        return list(self.iter_customers(campaign_id, status))

    def iter_customers(
        self, campaign_id: int, status: CustomerStatus | None = None, *, chunk: int = 2000
    ) -> Iterator[CustomerRecord]:
        """Like `customers()`, read in chunks so 100,000 rows never sit in memory at once."""
        last_id = 0
        while True:
            if status is None:
                rows = self._read(
                    _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.id > ? "
                    "ORDER BY c.id LIMIT ?",
                    (campaign_id, last_id, chunk),
                )
            else:
                rows = self._read(
                    _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.status = ? AND c.id > ? "
                    "ORDER BY c.id LIMIT ?",
                    (campaign_id, status.value, last_id, chunk),
                )
            for row in rows:
                yield _customer(row)
            if len(rows) < chunk:
                return
            last_id = int(rows[-1]["id"])

    def customers_by_id(self, customer_ids: Iterable[int]) -> list[CustomerRecord]:
        wanted = list(customer_ids)
        found: dict[int, CustomerRecord] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._read(_CUSTOMER_SELECT + f" WHERE c.id IN ({marks})", part):
                record = _customer(row)
                found[record.id] = record
        return [found[i] for i in wanted if i in found]

    def sendable_customers(
        self, campaign_id: int, limit: int, *, zones: Sequence[str | None] | None = None
    ) -> list[CustomerRecord]:
        """Pending customers that are not in flight, in resolution order.

        `zones`: only customers of these time zones (None in it: those without a zone); a
        schedule passes the zones whose window is open.
        """
        where, params = _zone_filter(zones)
        rows = self._read(
            _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.status = ? AND c.send_id IS NULL"
            f"{where} ORDER BY c.id LIMIT ?",
            (campaign_id, CustomerStatus.PENDING.value, *params, limit),
        )
        return [_customer(row) for row in rows]

    def sendable_count(self, campaign_id: int, *, zones: Sequence[str | None] | None = None) -> int:
        where, params = _zone_filter(zones)
        rows = self._read(
            "SELECT COUNT(*) AS n FROM customers c WHERE c.campaign_id = ? AND c.status = ?"
            f" AND c.send_id IS NULL{where}",
            (campaign_id, CustomerStatus.PENDING.value, *params),
        )
        return int(rows[0]["n"])

    def pending_zones(self, campaign_id: int) -> dict[str | None, int]:
        """Sendable (pending, not in flight) customers by time zone."""
        rows = self._read(
            "SELECT time_zone, COUNT(*) AS n FROM customers WHERE campaign_id = ? AND status = ?"
            " AND send_id IS NULL GROUP BY time_zone",
            (campaign_id, CustomerStatus.PENDING.value),
        )
        return {row["time_zone"]: int(row["n"]) for row in rows}

    def sent_on_day(self, campaign_id: int, day: str) -> int:
        """Tickets started on `day` (ISO date of the computer's zone): created or in flight.

        A ticket whose request certainly created nothing is released and does not count.
        """
        rows = self._read(
            "SELECT COUNT(*) AS n FROM customers WHERE campaign_id = ? AND sent_day = ?"
            " AND (status = ? OR send_id IS NOT NULL)",
            (campaign_id, day, CustomerStatus.CREATED.value),
        )
        return int(rows[0]["n"])

    def followups_due(self, campaign_id: int, limit: int) -> list[CustomerRecord]:
        rows = self._read(
            _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.status = ? AND c.followup = ? "
            "ORDER BY c.id LIMIT ?",
            (campaign_id, CustomerStatus.CREATED.value, FollowUp.PENDING, limit),
        )
        return [_customer(row) for row in rows]

    def counts(self, campaign_id: int) -> dict[CustomerStatus, int]:
        """Customers per shown status: in-flight ones apart from the other pending ones."""
        counts = dict.fromkeys(CustomerStatus, 0)
        for row in self._read(
            "SELECT status, send_id IS NOT NULL AS flying, COUNT(*) AS n FROM customers"
            " WHERE campaign_id = ? GROUP BY status, flying",
            (campaign_id,),
        ):
            status = CustomerStatus(row["status"])
            if status is CustomerStatus.PENDING and row["flying"]:
                status = CustomerStatus.IN_FLIGHT
            counts[status] += int(row["n"])
        return counts

    def totals(self, campaign_id: int) -> Counts:
        return Counts.from_mapping(self.counts(campaign_id))

    def in_flight_count(self, campaign_id: int) -> int:
        rows = self._read(
            "SELECT COUNT(*) AS n FROM customers WHERE campaign_id = ? AND send_id IS NOT NULL",
            (campaign_id,),
        )
        return int(rows[0]["n"])

    def open_sends(self, campaign_id: int) -> list[SendRecord]:
        """Sends that still have customers in flight, oldest first."""
        sends = self._read(
            "SELECT * FROM sends WHERE campaign_id = ? AND id IN "
            "(SELECT DISTINCT send_id FROM customers WHERE campaign_id = ? AND send_id IS NOT NULL)"
            " ORDER BY id",
            (campaign_id, campaign_id),
        )
        return [self._send(row) for row in sends]

    def send(self, send_id: int) -> SendRecord:
        rows = self._read("SELECT * FROM sends WHERE id = ?", (send_id,))
        if not rows:
            raise KeyError(send_id)
        return self._send(rows[0])

    def _send(self, row: sqlite3.Row) -> SendRecord:
        members = self._read(
            "SELECT id FROM customers WHERE send_id = ? ORDER BY job_index, id", (row["id"],)
        )
        return SendRecord(
            id=int(row["id"]),
            campaign_id=int(row["campaign_id"]),
            kind=str(row["kind"]),
            state=str(row["state"]),
            job_id=row["job_id"],
            size=int(row["size"]),
            sent_at=float(row["sent_at"]),
            customer_ids=tuple(int(member["id"]) for member in members),
        )

    def tags_in_use(self) -> set[str]:
        return {str(row["tag"]) for row in self._read("SELECT DISTINCT tag FROM campaigns")}

    def reached_user_ids(self, name: str) -> set[int] | None:
        """User ids the named campaign created tickets for; None if the journal lacks it."""
        record = self.find_campaign(name)
        if record is None:
            return None
        rows = self._read(
            "SELECT user_id FROM customers WHERE campaign_id = ? AND status = ? "
            "AND user_id IS NOT NULL",
            (record.id, CustomerStatus.CREATED.value),
        )
        return {int(row["user_id"]) for row in rows}

    # -- writing (the engine's business) ------------------------------------------------------

    def create_campaign(
        self,
        *,
        name: str,
        tag: str,
        definition: Mapping[str, Any],
        url: str,
        email: str,
        customers: Iterable[NewCustomer],
        followup: Mapping[str, Any] | None = None,
        state: CampaignState = CampaignState.SENDING,
    ) -> int:
        """Write the campaign and every customer in ONE transaction; returns the campaign id."""
        now = _now_iso()
        try:
            return self._insert_campaign(
                name, tag, definition, url, email, customers, followup, state, now
            )
        except sqlite3.IntegrityError as error:
            # Two first `send`s of one new campaign at the same moment: both found no campaign
            # of that name, and the UNIQUE name let only the first one write it.
            raise CampaignExistsError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    'Campaign "{name}" was started a moment ago by another program using this '
                    "data folder. It sends the campaign; to follow it, wait and run the same "
                    "command again (it resumes).",
                ),
                name=name,
            ) from error

    def _insert_campaign(
        self,
        name: str,
        tag: str,
        definition: Mapping[str, Any],
        url: str,
        email: str,
        customers: Iterable[NewCustomer],
        followup: Mapping[str, Any] | None,
        state: CampaignState,
        now: str,
    ) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO campaigns (name, normalised_name, tag, definition, url, email, state,"
                " created_at, updated_at, followup) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    normalise_name(name),
                    tag,
                    canonical_json(definition),
                    url,
                    email,
                    state.value,
                    now,
                    now,
                    canonical_json(followup) if followup is not None else None,
                ),
            )
            campaign_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO customers (campaign_id, user_id, email, name, organization, status,"
                " reason, payload, external_id, idempotency_key, updated_at, new_customer,"
                " language, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        campaign_id,
                        c.user_id,
                        c.email,
                        c.name,
                        c.organization,
                        c.status.value,
                        c.reason,
                        c.payload,
                        c.external_id,
                        c.idempotency_key,
                        now,
                        int(c.new_customer),
                        c.language,
                        c.time_zone,
                    )
                    for c in customers
                ),
            )
        return campaign_id

    def set_state(self, campaign_id: int, state: CampaignState) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE campaigns SET state = ?, updated_at = ? WHERE id = ?",
                (state.value, _now_iso(), campaign_id),
            )

    def set_paused(self, campaign_id: int, paused: bool) -> None:
        """Pause or resume a scheduled campaign (run-due and the wizard skip a paused one)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE campaigns SET paused = ?, updated_at = ? WHERE id = ?",
                (1 if paused else 0, _now_iso(), campaign_id),
            )

    def set_view(
        self,
        campaign_id: int,
        *,
        view_id: int | None,
        view_url: str | None,
        view_error: Message | None,
        view_error_kind: str | None = None,
    ) -> None:
        """Record the campaign's view, or why it could not be created (and what kind of why:
        front ends choose their words by `view_error_kind`, never by the English text)."""
        stored = (
            canonical_json(
                {
                    "context": view_error.context,
                    "source": view_error.source,
                    "params": {k: str(v) for k, v in view_error.params.items()},
                    "kind": view_error_kind,
                }
            )
            if view_error is not None
            else None
        )
        with self._transaction() as db:
            db.execute(
                "UPDATE campaigns SET view_id = ?, view_url = ?, view_error = ?,"
                " view_error_message = ?, updated_at = ? WHERE id = ?",
                (
                    view_id,
                    view_url,
                    view_error.english() if view_error is not None else None,
                    stored,
                    _now_iso(),
                    campaign_id,
                ),
            )

    def claim_campaign(self, campaign_id: int, *, owner: str | None = None) -> str:
        """Take the campaign's send lock for this journal handle, or raise CampaignBusyError.

        The lock is an OS file lock (core/oslock.py), held until `release_campaign` or `close`:
        the system drops it the moment this process ends, however it ends, so a crashed
        sender's campaign can be resumed at once, and a refused sender learns who holds it
        (the wizard or a command, with its PID) without ever touching that process. Claiming
        again through the same handle is allowed. Returns the owner string to release with.
        """
        with self._lock:
            held = self._send_locks.get(campaign_id)
            if held is not None:
                return held[0]
            me = owner or _this_process()
            send_lock = OsFileLock(
                campaign_lock_path(self.path, campaign_id), role=self.role, note="send"
            )
            try:
                acquired = send_lock.acquire(timeout_s=RELEASE_GRACE_S)
            except OSError as error:
                # A folder that cannot be written, or a network share without file locks
                # (some SMB and NFS mounts): never send unguarded.
                if unwritable_reason(self.path.parent) is not None:
                    raise self._not_writable(error) from error
                raise CampaignBusyError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        'Campaign "{name}" cannot be sent from the data folder {folder}: the'
                        " folder does not support file locks ({reason}). Choose a data folder"
                        " on this computer's own disk.",
                    ),
                    name=self.campaign(campaign_id).name,
                    folder=str(self.path.parent),
                    reason=error.strerror or str(error),
                ) from error
            if not acquired:
                raise _busy_error(self.campaign(campaign_id).name, send_lock.holder())
            self._send_locks[campaign_id] = (me, send_lock)
        try:
            # For information only (who sent it last); the OS lock alone decides who may send.
            with self._transaction() as db:
                db.execute(
                    "UPDATE campaigns SET lease_owner = ?, lease_heartbeat = ? WHERE id = ?",
                    (me, time.time(), campaign_id),
                )
        except BaseException:
            self.release_campaign(campaign_id, me)
            raise
        return me

    def renew_lease(self, campaign_id: int, owner: str) -> None:
        """Nothing to renew: an OS lock needs no heartbeat (kept for the sender's calls)."""

    def release_campaign(self, campaign_id: int, owner: str) -> None:
        with self._lock:
            held = self._send_locks.get(campaign_id)
            if held is None or held[0] != owner:
                return
            del self._send_locks[campaign_id]
            try:
                with self._transaction() as db:
                    db.execute(
                        "UPDATE campaigns SET lease_owner = NULL, lease_heartbeat = NULL"
                        " WHERE id = ? AND lease_owner = ?",
                        (campaign_id, owner),
                    )
            finally:
                held[1].release()

    def start_send(
        self,
        campaign_id: int,
        kind: str,
        customer_ids: Sequence[int],
        *,
        day: str | None = None,
    ) -> SendRecord:
        """Mark customers in flight (attempts + 1) as one send, and commit — before the request.

        Only pending customers that are not already in flight are taken; the returned record
        lists the ones actually marked, in job order. `day` (the computer's ISO date) is what a
        schedule's `per_day` counts them against, written in the same transaction.
        """
        now_wall = time.time()
        now = _now_iso()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sends (campaign_id, kind, state, size, sent_at)"
                " VALUES (?, ?, ?, 0, ?)",
                (campaign_id, kind, SendState.POSTING, now_wall),
            )
            send_id = int(cursor.lastrowid or 0)
            marked: list[int] = []
            for customer_id in customer_ids:
                changed = db.execute(
                    "UPDATE customers SET send_id = ?, job_index = ?, attempts = attempts + 1,"
                    " sent_day = ?, updated_at = ? WHERE id = ? AND campaign_id = ? AND status = ?"
                    " AND send_id IS NULL",
                    (
                        send_id,
                        len(marked),
                        day,
                        now,
                        customer_id,
                        campaign_id,
                        CustomerStatus.PENDING.value,
                    ),
                ).rowcount
                if changed:
                    marked.append(customer_id)
            db.execute("UPDATE sends SET size = ? WHERE id = ?", (len(marked), send_id))
        return SendRecord(
            id=send_id,
            campaign_id=campaign_id,
            kind=kind,
            state=SendState.POSTING,
            job_id=None,
            size=len(marked),
            sent_at=now_wall,
            customer_ids=tuple(marked),
        )

    def record_job_id(self, send_id: int, job_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE sends SET job_id = ?, state = ? WHERE id = ?",
                (job_id, SendState.ACCEPTED, send_id),
            )

    def mark_uncertain(self, send_id: int) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sends SET state = ? WHERE id = ?", (SendState.UNCERTAIN, send_id))

    def release_send(self, send_id: int) -> None:
        """The request certainly created nothing: its customers are pending and sendable again."""
        now = _now_iso()
        with self._transaction() as db:
            db.execute(
                "UPDATE customers SET send_id = NULL, job_index = NULL, sent_day = NULL,"
                " updated_at = ? WHERE send_id = ?",
                (now, send_id),
            )

    def release_customers(self, customer_ids: Iterable[int]) -> None:
        """Reconciliation found no ticket for these in-flight customers: pending again."""
        now = _now_iso()
        with self._transaction() as db:
            db.executemany(
                "UPDATE customers SET send_id = NULL, job_index = NULL, sent_day = NULL,"
                " updated_at = ? WHERE id = ? AND status = ?",
                ((now, i, CustomerStatus.PENDING.value) for i in customer_ids),
            )

    def record_results(
        self, results: Iterable[CustomerResult], *, followup_for_created: bool = False
    ) -> None:
        """Record outcomes (and take the customers out of flight) in one transaction."""
        now = _now_iso()
        followup = FollowUp.PENDING if followup_for_created else None
        with self._transaction() as db:
            for result in results:
                db.execute(
                    "UPDATE customers SET status = ?, ticket_id = ?, reason = ?, send_id = NULL,"
                    " job_index = NULL, followup = CASE WHEN ? = 'created' THEN ? ELSE followup"
                    " END, updated_at = ? WHERE id = ? AND status != 'created'",
                    (
                        result.status.value,
                        result.ticket_id,
                        result.reason,
                        result.status.value,
                        followup,
                        now,
                        result.customer_id,
                    ),
                )

    def record_user_ids(self, user_ids: Mapping[int, int]) -> None:
        """Customer row id → the user Zendesk created with the ticket (new customers only)."""
        now = _now_iso()
        with self._transaction() as db:
            db.executemany(
                "UPDATE customers SET user_id = ?, updated_at = ? WHERE id = ?"
                " AND new_customer = 1 AND user_id IS NULL",
                ((user_id, now, row_id) for row_id, user_id in user_ids.items()),
            )

    def record_followups_done(
        self, customer_ids: Iterable[int], *, reason: str | None = None
    ) -> None:
        """The macro comment step is over for these customers (`reason` if it went wrong)."""
        now = _now_iso()
        with self._transaction() as db:
            db.executemany(
                "UPDATE customers SET followup = ?, reason = COALESCE(?, reason), updated_at = ?"
                " WHERE id = ?",
                ((FollowUp.DONE, reason, now, i) for i in customer_ids),
            )

    def reset_failed(self, campaign_id: int, *, key_suffix: str | None = None) -> list[int]:
        """Failed customers become pending again (retry-failed); returns their row ids.

        `key_suffix` gives each one a fresh Idempotency-Key: a failed request created nothing,
        and Zendesk may remember the refused answer under the old key.
        """
        now = _now_iso()
        with self._transaction() as db:
            rows = db.execute(
                "SELECT id, idempotency_key FROM customers WHERE campaign_id = ? AND status = ?"
                " AND send_id IS NULL",
                (campaign_id, CustomerStatus.FAILED.value),
            ).fetchall()
            for row in rows:
                key = row["idempotency_key"]
                if key is not None and key_suffix is not None:
                    base = key.split(RUN_TOKEN_MARK, 1)[0].split("~", 1)[0]
                    key = f"{base}~{key_suffix}"
                db.execute(
                    "UPDATE customers SET status = ?, reason = NULL, idempotency_key = ?,"
                    " sent_day = NULL, updated_at = ? WHERE id = ?",
                    (CustomerStatus.PENDING.value, key, now, row["id"]),
                )
            db.execute("UPDATE campaigns SET updated_at = ? WHERE id = ?", (now, campaign_id))
        return [int(row["id"]) for row in rows]

    # -- withdrawals (solve or delete a campaign's tickets afterwards) ------------------------

    def create_withdrawal(
        self,
        campaign_id: int,
        *,
        action: str,
        scope: str,
        note: str | None,
        targets: Iterable[WithdrawTarget],
        campaign_state: CampaignState | None = None,
        kept_tickets: Mapping[int, int] | None = None,
    ) -> int:
        """Write a withdrawal and every ticket it covers in ONE transaction, before any request.

        `campaign_state` (withdrawn) is set in the same transaction, so a campaign being
        withdrawn can never resume sending; `kept_tickets` (customer row id → ticket id) points
        customers whose duplicates are withdrawn at the ticket they keep.
        """
        now = _now_iso()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO withdrawals (campaign_id, action, scope, note, state, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (campaign_id, action, scope, note, WithdrawState.RUNNING, now, now),
            )
            withdrawal_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT OR IGNORE INTO withdraw_tickets (withdrawal_id, user_id, ticket_id,"
                " status, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                ((withdrawal_id, t.user_id, t.ticket_id, t.status, t.reason, now) for t in targets),
            )
            for customer_id, ticket_id in (kept_tickets or {}).items():
                db.execute(
                    "UPDATE customers SET ticket_id = ?, updated_at = ? WHERE id = ?"
                    " AND campaign_id = ?",
                    (ticket_id, now, customer_id, campaign_id),
                )
            if campaign_state is not None:
                db.execute(
                    "UPDATE campaigns SET state = ?, updated_at = ? WHERE id = ?",
                    (campaign_state.value, now, campaign_id),
                )
        return withdrawal_id

    def withdrawals(self, campaign_id: int) -> list[WithdrawalRecord]:
        """The campaign's withdrawals, newest first."""
        rows = self._read(
            "SELECT * FROM withdrawals WHERE campaign_id = ? ORDER BY id DESC", (campaign_id,)
        )
        return [_withdrawal(row) for row in rows]

    def withdrawal(self, withdrawal_id: int) -> WithdrawalRecord:
        rows = self._read("SELECT * FROM withdrawals WHERE id = ?", (withdrawal_id,))
        if not rows:
            raise KeyError(withdrawal_id)
        return _withdrawal(rows[0])

    def withdraw_tickets(
        self, withdrawal_id: int, row_ids: Iterable[int] | None = None
    ) -> list[WithdrawTicketRecord]:
        """The withdrawal's tickets in the order they were planned (optionally only some)."""
        if row_ids is None:
            rows = self._read(
                "SELECT * FROM withdraw_tickets WHERE withdrawal_id = ? ORDER BY id",
                (withdrawal_id,),
            )
            return [_withdraw_ticket(row) for row in rows]
        wanted = list(row_ids)
        found: dict[int, WithdrawTicketRecord] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._read(f"SELECT * FROM withdraw_tickets WHERE id IN ({marks})", part):
                found[int(row["id"])] = _withdraw_ticket(row)
        return [found[i] for i in wanted if i in found]

    def withdraw_counts(self, withdrawal_id: int) -> dict[str, int]:
        """Tickets per status, and `in_flight` (pending tickets in a request right now)."""
        counts = dict.fromkeys(
            (
                WithdrawTicketStatus.PENDING,
                WithdrawTicketStatus.DONE,
                WithdrawTicketStatus.FAILED,
            ),
            0,
        )
        for row in self._read(
            "SELECT status, COUNT(*) AS n FROM withdraw_tickets WHERE withdrawal_id = ?"
            " GROUP BY status",
            (withdrawal_id,),
        ):
            counts[str(row["status"])] = int(row["n"])
        rows = self._read(
            "SELECT COUNT(*) AS n FROM withdraw_tickets WHERE withdrawal_id = ?"
            " AND batch_id IS NOT NULL",
            (withdrawal_id,),
        )
        counts["in_flight"] = int(rows[0]["n"])
        return counts

    def withdrawn_ticket_ids(self, campaign_id: int, action: str | None = None) -> set[int]:
        """Tickets an earlier withdrawal of the campaign acted on (optionally of one action)."""
        sql = (
            "SELECT t.ticket_id FROM withdraw_tickets t JOIN withdrawals w"
            " ON w.id = t.withdrawal_id WHERE w.campaign_id = ? AND t.status = ?"
        )
        params: list[Any] = [campaign_id, WithdrawTicketStatus.DONE]
        if action is not None:
            sql += " AND w.action = ?"
            params.append(action)
        return {int(row["ticket_id"]) for row in self._read(sql, params)}

    def sendable_withdraw_tickets(
        self, withdrawal_id: int, limit: int
    ) -> list[WithdrawTicketRecord]:
        """Pending tickets that are not in flight, in planned order."""
        rows = self._read(
            "SELECT * FROM withdraw_tickets WHERE withdrawal_id = ? AND status = ?"
            " AND batch_id IS NULL ORDER BY id LIMIT ?",
            (withdrawal_id, WithdrawTicketStatus.PENDING, limit),
        )
        return [_withdraw_ticket(row) for row in rows]

    def start_withdraw_batch(self, withdrawal_id: int, row_ids: Sequence[int]) -> WithdrawBatch:
        """Mark tickets in flight (attempts + 1) as one request, and commit — before it is sent.

        Only pending tickets not already in flight are taken; the record lists those, in order.
        """
        now_wall = time.time()
        now = _now_iso()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO withdraw_batches (withdrawal_id, state, size, sent_at)"
                " VALUES (?, ?, 0, ?)",
                (withdrawal_id, SendState.POSTING, now_wall),
            )
            batch_id = int(cursor.lastrowid or 0)
            marked: list[int] = []
            for row_id in row_ids:
                changed = db.execute(
                    "UPDATE withdraw_tickets SET batch_id = ?, attempts = attempts + 1,"
                    " updated_at = ? WHERE id = ? AND withdrawal_id = ? AND status = ?"
                    " AND batch_id IS NULL",
                    (batch_id, now, row_id, withdrawal_id, WithdrawTicketStatus.PENDING),
                ).rowcount
                if changed:
                    marked.append(row_id)
            db.execute("UPDATE withdraw_batches SET size = ? WHERE id = ?", (len(marked), batch_id))
        return WithdrawBatch(
            batch_id, withdrawal_id, SendState.POSTING, None, len(marked), now_wall, tuple(marked)
        )

    def record_withdraw_job(self, batch_id: int, job_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE withdraw_batches SET job_id = ?, state = ? WHERE id = ?",
                (job_id, SendState.ACCEPTED, batch_id),
            )

    def mark_withdraw_uncertain(self, batch_id: int) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE withdraw_batches SET state = ? WHERE id = ?",
                (SendState.UNCERTAIN, batch_id),
            )

    def release_withdraw_batch(self, batch_id: int) -> None:
        """The request certainly changed nothing: its tickets may be sent again."""
        with self._transaction() as db:
            db.execute(
                "UPDATE withdraw_tickets SET batch_id = NULL, updated_at = ? WHERE batch_id = ?",
                (_now_iso(), batch_id),
            )

    def release_withdraw_tickets(self, row_ids: Iterable[int]) -> None:
        """Reconciling showed these in-flight tickets unchanged: pending and sendable again."""
        now = _now_iso()
        with self._transaction() as db:
            db.executemany(
                "UPDATE withdraw_tickets SET batch_id = NULL, updated_at = ? WHERE id = ?"
                " AND status = ?",
                ((now, i, WithdrawTicketStatus.PENDING) for i in row_ids),
            )

    def record_withdraw_results(self, results: Iterable[tuple[int, str, str | None]]) -> None:
        """(row id, done|failed, reason) in one transaction; a done ticket never changes again."""
        now = _now_iso()
        with self._transaction() as db:
            db.executemany(
                "UPDATE withdraw_tickets SET status = ?, reason = ?, batch_id = NULL,"
                " updated_at = ? WHERE id = ? AND status != ?",
                (
                    (status, reason, now, row_id, WithdrawTicketStatus.DONE)
                    for row_id, status, reason in results
                ),
            )

    def open_withdraw_batches(self, withdrawal_id: int) -> list[WithdrawBatch]:
        """Requests that still have tickets in flight, oldest first."""
        batches = self._read(
            "SELECT * FROM withdraw_batches WHERE withdrawal_id = ? AND id IN (SELECT DISTINCT"
            " batch_id FROM withdraw_tickets WHERE withdrawal_id = ? AND batch_id IS NOT NULL)"
            " ORDER BY id",
            (withdrawal_id, withdrawal_id),
        )
        result: list[WithdrawBatch] = []
        for row in batches:
            members = self._read(
                "SELECT id FROM withdraw_tickets WHERE batch_id = ? ORDER BY id", (row["id"],)
            )
            result.append(
                WithdrawBatch(
                    int(row["id"]),
                    int(row["withdrawal_id"]),
                    str(row["state"]),
                    row["job_id"],
                    int(row["size"]),
                    float(row["sent_at"]),
                    tuple(int(m["id"]) for m in members),
                )
            )
        return result

    def set_withdrawal_state(self, withdrawal_id: int, state: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE withdrawals SET state = ?, updated_at = ? WHERE id = ?",
                (state, _now_iso(), withdrawal_id),
            )

    def reset_failed_withdraw(self, withdrawal_id: int) -> int:
        """Failed tickets of a withdrawal become pending again (a retry); returns how many."""
        now = _now_iso()
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE withdraw_tickets SET status = ?, reason = NULL, updated_at = ?"
                " WHERE withdrawal_id = ? AND status = ? AND batch_id IS NULL",
                (WithdrawTicketStatus.PENDING, now, withdrawal_id, WithdrawTicketStatus.FAILED),
            ).rowcount
            if changed:
                db.execute(
                    "UPDATE withdrawals SET state = ?, updated_at = ? WHERE id = ?",
                    (WithdrawState.RUNNING, now, withdrawal_id),
                )
        return int(changed)

    def claim_candidate(
        self, campaign_id: int, *, zones: Sequence[str | None] | None = None
    ) -> CustomerRecord | None:
        """The customer whose ticket claims the campaign in the account, or None.

        The pending customer with the lowest Zendesk user id: two journals of one campaign pick
        the same one. None once any ticket was created or any customer was ever sent: the
        campaign has gone past its first ticket (or is resuming one). `zones`: only customers
        of these time zones (a schedule's open windows).
        """
        marked = f"%{RUN_TOKEN_MARK}%"
        # A claim under way (sent, its answer lost or the run killed): finish that one first.
        rows = self._read(
            _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.status = ? AND"
            " c.idempotency_key LIKE ? ORDER BY c.user_id LIMIT 1",
            (campaign_id, CustomerStatus.PENDING.value, marked),
        )
        if rows:
            return _customer(rows[0])
        # Past the claim: a ticket exists, or a customer was sent other than as a claim (a
        # claim Zendesk refused as invalid is not one: the next customer claims).
        started = self._read(
            "SELECT 1 FROM customers WHERE campaign_id = ? AND (status = ? OR (attempts > 0"
            " AND (idempotency_key IS NULL OR idempotency_key NOT LIKE ?))) LIMIT 1",
            (campaign_id, CustomerStatus.CREATED.value, marked),
        )
        if started:
            return None
        where, params = _zone_filter(zones)
        rows = self._read(
            _CUSTOMER_SELECT + " WHERE c.campaign_id = ? AND c.status = ? AND c.payload IS NOT"
            f" NULL AND c.user_id IS NOT NULL AND c.attempts = 0{where} ORDER BY c.user_id"
            " LIMIT 1",
            (campaign_id, CustomerStatus.PENDING.value, *params),
        )
        return _customer(rows[0]) if rows else None

    def set_run_token(self, customer_id: int, token: str) -> None:
        """Bind the claim request's run token to the customer, before it is sent (kept across
        a crash: the resent claim must carry the same body to be recognised as this run's)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE customers SET idempotency_key = idempotency_key || ? WHERE id = ?"
                " AND idempotency_key IS NOT NULL AND instr(idempotency_key, ?) = 0",
                (RUN_TOKEN_MARK + token, customer_id, RUN_TOKEN_MARK),
            )


def split_run_token(stored_key: str | None) -> tuple[str, str | None]:
    """(the Idempotency-Key to send, the run token of a claim request or None)."""
    if not stored_key:
        return "", None
    key, mark, token = stored_key.partition(RUN_TOKEN_MARK)
    return key, token if mark else None


_CUSTOMER_SELECT = (
    "SELECT c.*, s.job_id AS send_job_id FROM customers c LEFT JOIN sends s ON s.id = c.send_id"
)


def _zone_filter(zones: Sequence[str | None] | None) -> tuple[str, tuple[str, ...]]:
    """An SQL condition on customers `c` limiting them to `zones` (None: no condition)."""
    if zones is None:
        return "", ()
    named = tuple(zone for zone in zones if zone is not None)
    parts: list[str] = []
    if named:
        parts.append(f"c.time_zone IN ({','.join('?' * len(named))})")
    if None in zones:
        parts.append("c.time_zone IS NULL")
    if not parts:
        return " AND 0", ()
    return f" AND ({' OR '.join(parts)})", named


def canonical_json(value: Mapping[str, Any] | Sequence[Any]) -> str:
    """The one JSON spelling used for definitions and ticket bodies (stable across runs)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _campaign(row: sqlite3.Row) -> CampaignRecord:
    followup = row["followup"]
    return CampaignRecord(
        id=int(row["id"]),
        name=str(row["name"]),
        normalised_name=str(row["normalised_name"]),
        tag=str(row["tag"]),
        definition=json.loads(row["definition"]),
        url=str(row["url"]),
        email=str(row["email"]),
        state=CampaignState(row["state"]),
        created_at=str(row["created_at"]),
        updated_at=str(row["updated_at"]),
        view_id=row["view_id"],
        view_url=row["view_url"],
        view_error=row["view_error"],
        view_error_message=_message(row["view_error_message"]),
        followup=json.loads(followup) if followup else None,
        view_error_kind=_message_kind(row["view_error_message"]),
        paused=bool(row["paused"]),
    )


def _message(stored: str | None) -> Message | None:
    if not stored:
        return None
    data = json.loads(stored)
    return Message(str(data["context"]), str(data["source"]), dict(data.get("params") or {}))


def _message_kind(stored: str | None) -> str | None:
    if not stored:
        return None
    kind = json.loads(stored).get("kind")
    return str(kind) if kind else None


def _customer(row: sqlite3.Row) -> CustomerRecord:
    return CustomerRecord(
        id=int(row["id"]),
        campaign_id=int(row["campaign_id"]),
        user_id=row["user_id"],
        email=row["email"],
        name=str(row["name"]),
        organization=row["organization"],
        status=CustomerStatus(row["status"]),
        ticket_id=row["ticket_id"],
        reason=row["reason"],
        attempts=int(row["attempts"]),
        idempotency_key=row["idempotency_key"],
        external_id=row["external_id"],
        payload=row["payload"],
        send_id=row["send_id"],
        job_index=row["job_index"],
        job_id=row["send_job_id"],
        followup=row["followup"],
        updated_at=str(row["updated_at"]),
        new_customer=bool(row["new_customer"]),
        language=row["language"],
        time_zone=row["time_zone"],
    )


def _withdrawal(row: sqlite3.Row) -> WithdrawalRecord:
    return WithdrawalRecord(
        id=int(row["id"]),
        campaign_id=int(row["campaign_id"]),
        action=str(row["action"]),
        scope=str(row["scope"]),
        note=row["note"],
        state=str(row["state"]),
        created_at=str(row["created_at"]),
        updated_at=str(row["updated_at"]),
    )


def _withdraw_ticket(row: sqlite3.Row) -> WithdrawTicketRecord:
    return WithdrawTicketRecord(
        id=int(row["id"]),
        withdrawal_id=int(row["withdrawal_id"]),
        user_id=row["user_id"],
        ticket_id=int(row["ticket_id"]),
        status=str(row["status"]),
        reason=row["reason"],
        batch_id=row["batch_id"],
        attempts=int(row["attempts"]),
    )
