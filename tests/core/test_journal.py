"""The campaign journal: schema and migrations, the one-transaction start, in-flight bookkeeping."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from proactive_desktop.core import oslock
from proactive_desktop.core.i18n import Message
from proactive_desktop.core.journal import (
    MIGRATIONS,
    ROLE_WIZARD,
    SCHEMA_VERSION,
    CampaignBusyError,
    CustomerResult,
    FollowUp,
    Journal,
    JournalError,
    Migration,
    NewCustomer,
    SendKind,
    SendState,
)
from proactive_desktop.core.models import CampaignState, CustomerStatus


def _customers(n: int, *, skipped: int = 0) -> list[NewCustomer]:
    rows = [
        NewCustomer(
            user_id=1000 + i,
            email=f"c{i}@example.com",
            name=f"Customer {i}",
            organization="Acme",
            status=CustomerStatus.PENDING,
            payload=f'{{"ticket":{{"requester_id":{1000 + i}}}}}',
            external_id=f"ext-{i}",
            idempotency_key=f"key-{i}",
        )
        for i in range(n)
    ]
    rows += [
        NewCustomer(
            user_id=None,
            email=f"nobody{i}@example.com",
            name="",
            organization=None,
            status=CustomerStatus.SKIPPED,
            reason=f"no user with email nobody{i}@example.com",
        )
        for i in range(skipped)
    ]
    return rows


def _new_campaign(journal: Journal, name: str = "Renewal November", n: int = 3) -> int:
    return journal.create_campaign(
        name=name,
        tag="renewal_november",
        definition={"campaign": {"name": name}, "ticket": {"subject": "Hi"}},
        url="https://acme.zendesk.com",
        email="admin@acme.example",
        customers=_customers(n, skipped=1),
    )


def _old_campaign_rows(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        with raw:
            cursor = raw.execute(
                "INSERT INTO campaigns (name, normalised_name, tag, definition, url, email, state,"
                " created_at, updated_at) VALUES ('Old', 'Old', 'old', '{}',"
                " 'https://acme.zendesk.com', 'admin@acme.example', 'finished', 'x', 'x')"
            )
            campaign_id = int(cursor.lastrowid or 0)
            raw.executemany(
                "INSERT INTO customers (campaign_id, user_id, email, name, status, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 'x')",
                [(campaign_id, 10 + i, f"c{i}@example.com", f"C{i}", "created") for i in range(4)],
            )
    finally:
        raw.close()
    return campaign_id


def test_new_journal_has_current_schema_wal_and_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        assert journal.schema_version() == SCHEMA_VERSION
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        raw.close()


def test_synchronous_full_on_every_connection(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        # 2 == FULL: a commit reaches the disk before it returns.
        assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2


@pytest.mark.parametrize("upto", range(len(MIGRATIONS) + 1))
def test_each_migration_step_upgrades_to_current_and_keeps_rows(tmp_path: Path, upto: int) -> None:
    """A journal left at any older version opens, is upgraded in order, and keeps its data."""
    path = tmp_path / "journal.sqlite3"
    with Journal(path, migrations=MIGRATIONS[:upto]) as old:
        assert old.schema_version() == (MIGRATIONS[upto - 1].version if upto else 0)
    if upto:
        # Rows as the program of that version wrote them: only the first schema's columns.
        campaign_id = _old_campaign_rows(path)
    with Journal(path) as journal:
        assert journal.schema_version() == SCHEMA_VERSION
        if upto:
            assert journal.totals(campaign_id).total == 4
            # Columns added by later migrations read as empty for older rows.
            assert journal.campaign(campaign_id).view_error_message is None
            assert [c.new_customer for c in journal.customers(campaign_id)] == [False] * 4
            assert {c.language for c in journal.customers(campaign_id)} == {None}
            assert journal.campaign(campaign_id).paused is False
            assert {c.time_zone for c in journal.customers(campaign_id)} == {None}
        # Reopening an up-to-date journal changes nothing.
    with Journal(path) as again:
        assert again.schema_version() == SCHEMA_VERSION


def test_migrations_are_ordered_and_numbered_from_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_a_later_migration_runs_once_on_an_existing_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        campaign_id = _new_campaign(journal)
    runs: list[int] = []

    def add_column(db: sqlite3.Connection) -> None:
        runs.append(1)
        db.execute("ALTER TABLE campaigns ADD COLUMN note TEXT")

    future = (*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "note", add_column))
    with Journal(path, migrations=future) as journal:
        assert journal.schema_version() == SCHEMA_VERSION + 1
        assert journal.campaign(campaign_id).name == "Renewal November"
    with Journal(path, migrations=future):
        pass
    assert runs == [1]


def test_a_failing_migration_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE campaigns ADD COLUMN note TEXT")
        db.execute("THIS IS NOT SQL")

    with pytest.raises(JournalError):
        Journal(path, migrations=(*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "x", broken)))
    with Journal(path) as journal:
        assert journal.schema_version() == SCHEMA_VERSION
        columns = {row[1] for row in journal._db.execute("PRAGMA table_info(campaigns)")}
        assert "note" not in columns


def test_a_journal_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE schema_version SET version = 999")
    raw.commit()
    raw.close()
    with pytest.raises(JournalError, match="999"):
        Journal(path)


def test_not_a_database_is_a_journal_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(JournalError):
        Journal(path)


def test_campaign_and_customers_round_trip(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, name="  Cafe\u0301 campaign ")
        # Found by the NFC-normalised, trimmed name.
        record = journal.find_campaign("Café campaign")
        assert record is not None
        assert record.id == campaign_id
        assert record.state is CampaignState.SENDING
        assert record.definition["ticket"] == {"subject": "Hi"}
        assert record.email == "admin@acme.example"
        customers = journal.customers(campaign_id)
        assert [c.user_id for c in customers] == [1000, 1001, 1002, None]
        assert customers[-1].status is CustomerStatus.SKIPPED
        assert customers[-1].reason == "no user with email nobody0@example.com"
        assert customers[0].payload == '{"ticket":{"requester_id":1000}}'
        assert journal.counts(campaign_id)[CustomerStatus.PENDING] == 3
        assert journal.totals(campaign_id).skipped == 1
        assert journal.customers(campaign_id, CustomerStatus.SKIPPED)[0].user_id is None
        assert [c.name for c in journal.list_campaigns()] == ["  Cafe\u0301 campaign "]
        assert journal.resumable_campaigns()[0].id == campaign_id
        assert journal.find_campaign("unknown") is None


def test_iter_customers_reads_in_chunks(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=25)
        ids = [c.user_id for c in journal.iter_customers(campaign_id, chunk=4)]
        assert ids == [*range(1000, 1025), None]


def test_campaign_start_is_one_transaction(tmp_path: Path) -> None:
    """A failure while writing the customers leaves no campaign row behind."""

    class Boom(Exception):
        pass

    def rows() -> object:
        yield from _customers(2)
        raise Boom

    with Journal(tmp_path / "j.sqlite3") as journal:
        with pytest.raises(Boom):
            journal.create_campaign(
                name="X",
                tag="x",
                definition={},
                url="https://a.zendesk.com",
                email="a@b.c",
                customers=rows(),  # type: ignore[arg-type]
            )
        assert journal.list_campaigns() == []
        assert journal._db.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 0


def test_in_flight_send_lifecycle(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=4)
        pending = journal.sendable_customers(campaign_id, 10)
        assert len(pending) == 4
        send = journal.start_send(campaign_id, SendKind.BULK, [c.id for c in pending[:3]])
        assert send.size == 3
        assert send.state == SendState.POSTING
        assert [c.id for c in journal.sendable_customers(campaign_id, 10)] == [pending[3].id]
        assert journal.in_flight_count(campaign_id) == 3
        # Marking the same customers again takes none of them: never two sends at once.
        again = journal.start_send(campaign_id, SendKind.BULK, [c.id for c in pending[:3]])
        assert again.customer_ids == ()
        journal.record_job_id(send.id, "V3-job")
        [open_send] = journal.open_sends(campaign_id)
        assert open_send.job_id == "V3-job"
        assert open_send.customer_ids == send.customer_ids
        in_flight = journal.customers_by_id(send.customer_ids)
        assert [c.job_index for c in in_flight] == [0, 1, 2]
        assert all(c.attempts == 1 and c.job_id == "V3-job" for c in in_flight)
        journal.record_results(
            [
                CustomerResult(send.customer_ids[0], CustomerStatus.CREATED, ticket_id=501),
                CustomerResult(send.customer_ids[1], CustomerStatus.FAILED, reason="invalid"),
            ]
        )
        journal.release_customers([send.customer_ids[2]])
        assert journal.open_sends(campaign_id) == []
        counts = journal.counts(campaign_id)
        assert counts[CustomerStatus.CREATED] == 1
        assert counts[CustomerStatus.FAILED] == 1
        assert counts[CustomerStatus.PENDING] == 2
        # A created customer is never overwritten, whatever arrives later.
        journal.record_results(
            [CustomerResult(send.customer_ids[0], CustomerStatus.FAILED, reason="late")]
        )
        created = journal.customers_by_id([send.customer_ids[0]])[0]
        assert created.status is CustomerStatus.CREATED
        assert created.ticket_id == 501


def test_release_send_makes_customers_sendable_again(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=2)
        send = journal.start_send(
            campaign_id, SendKind.SINGLE, [c.id for c in journal.sendable_customers(campaign_id, 1)]
        )
        journal.release_send(send.id)
        assert len(journal.sendable_customers(campaign_id, 10)) == 2


def test_reset_failed_gives_fresh_idempotency_keys(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=2)
        first, second = journal.sendable_customers(campaign_id, 10)
        journal.record_results(
            [
                CustomerResult(first.id, CustomerStatus.FAILED, reason="Requester is invalid"),
                CustomerResult(second.id, CustomerStatus.CREATED, ticket_id=7),
            ]
        )
        assert journal.reset_failed(campaign_id, key_suffix="r2") == [first.id]
        again = journal.customers_by_id([first.id, second.id])
        assert again[0].status is CustomerStatus.PENDING
        assert again[0].reason is None
        assert again[0].idempotency_key == "key-0~r2"
        assert again[1].status is CustomerStatus.CREATED
        assert again[1].idempotency_key == "key-1"


def test_followups(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=2)
        first, _ = journal.sendable_customers(campaign_id, 10)
        journal.record_results(
            [CustomerResult(first.id, CustomerStatus.CREATED, ticket_id=1)],
            followup_for_created=True,
        )
        due = journal.followups_due(campaign_id, 10)
        assert [c.id for c in due] == [first.id]
        assert due[0].followup == FollowUp.PENDING
        journal.record_followups_done([first.id])
        assert journal.followups_due(campaign_id, 10) == []


def test_state_view_and_reached(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=2)
        first, _ = journal.sendable_customers(campaign_id, 10)
        journal.record_results([CustomerResult(first.id, CustomerStatus.CREATED, ticket_id=9)])
        journal.set_view(
            campaign_id,
            view_id=None,
            view_url=None,
            view_error=Message("Engine", "No view: {why}", {"why": "Forbidden"}),
        )
        journal.set_state(campaign_id, CampaignState.FINISHED)
        record = journal.campaign(campaign_id)
        assert record.state is CampaignState.FINISHED
        assert record.view_error == "No view: Forbidden"
        assert record.view_error_message == Message(
            "Engine", "No view: {why}", {"why": "Forbidden"}
        )
        assert journal.resumable_campaigns() == []
        assert journal.reached_user_ids("Renewal November") == {1000}
        assert journal.reached_user_ids("Other") is None
        assert journal.tags_in_use() == {"renewal_november"}


def test_send_lock_refuses_a_second_sender_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path, role=ROLE_WIZARD) as wizard, Journal(path) as command:
        campaign_id = _new_campaign(wizard)
        owner = wizard.claim_campaign(campaign_id)
        assert wizard.claim_campaign(campaign_id) == owner  # re-entrant through the same handle
        with pytest.raises(CampaignBusyError) as busy:
            command.claim_campaign(campaign_id)
        assert str(busy.value) == (
            f'Campaign "Renewal November" is being sent by the wizard (PID {os.getpid()}); it'
            " goes on undisturbed. Try again when it has stopped."
        )
        wizard.release_campaign(campaign_id, owner)
        assert command.claim_campaign(campaign_id)
        with pytest.raises(CampaignBusyError, match=r"by a command \(PID \d+\)"):
            wizard.claim_campaign(campaign_id)


def test_closing_the_journal_releases_its_send_locks(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as first:
        campaign_id = _new_campaign(first)
        first.claim_campaign(campaign_id)
    with Journal(path) as second:
        assert second.claim_campaign(campaign_id)


# The child prints its own PID (a venv's python.exe on Windows is a launcher with another PID).
CLAIM_AND_WAIT = """
import os, sys
from pathlib import Path
from proactive_desktop.core.journal import Journal
journal = Journal(Path(sys.argv[1]))
journal.claim_campaign(int(sys.argv[2]))
print("claimed", os.getpid(), flush=True)
sys.stdin.readline()
"""


def test_send_lock_of_a_killed_owner_is_free_at_once(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        campaign_id = _new_campaign(journal)
        with subprocess.Popen(
            [sys.executable, "-c", CLAIM_AND_WAIT, str(path), str(campaign_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as owner:
            assert owner.stdout is not None
            state, pid = owner.stdout.readline().split()
            assert state == "claimed"
            with pytest.raises(CampaignBusyError, match=f"PID {pid}"):
                journal.claim_campaign(campaign_id)
            assert owner.poll() is None  # refusing did not touch the owner
            owner.kill()  # no clean-up runs: the OS alone releases the lock
        # No heartbeat to let go stale: the lock went with the process.
        assert journal.claim_campaign(campaign_id)


def test_threads_share_one_journal(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal, n=200)
        customers = journal.sendable_customers(campaign_id, 200)
        errors: list[BaseException] = []

        def record(part: list[int]) -> None:
            try:
                for customer_id in part:
                    journal.record_results(
                        [CustomerResult(customer_id, CustomerStatus.CREATED, ticket_id=customer_id)]
                    )
                    journal.counts(campaign_id)
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        threads = [
            threading.Thread(target=record, args=([c.id for c in customers[i::4]],))
            for i in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert journal.counts(campaign_id)[CustomerStatus.CREATED] == 200


def test_two_handles_see_each_others_commits(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as writer, Journal(path) as reader:
        campaign_id = _new_campaign(writer)
        assert reader.find_campaign("Renewal November") is not None
        writer.set_state(campaign_id, CampaignState.STOPPED)
        assert reader.campaign(campaign_id).state is CampaignState.STOPPED


def test_a_folder_without_file_locks_refuses_to_send_unguarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks_here(_fd: int) -> bool:
        # What flock answers on a network share without lock support (ENOLCK).
        raise OSError(errno.ENOLCK, "No locks available")

    with Journal(tmp_path / "j.sqlite3") as journal:
        campaign_id = _new_campaign(journal)
        monkeypatch.setattr(oslock, "_try_lock", no_locks_here)
        with pytest.raises(CampaignBusyError, match="does not support file locks"):
            journal.claim_campaign(campaign_id)
        monkeypatch.undo()
        assert journal.claim_campaign(campaign_id)
