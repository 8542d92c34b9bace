"""Recipients: CSV reading in every encoding, and resolution of who gets a ticket.

The behaviour that depends on the account (look-ups, suspended users, staff, exclusion by tagged
tickets) runs against the sandbox over loopback HTTP; a tiny in-memory account checks the pure
rules (batching, order, cancellation) where counting calls is the point.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from zendesk_helpers import client_for

from proactive_desktop.core.errors import CampaignFileError, CancelledError
from proactive_desktop.core.journal import Journal, NewCustomer
from proactive_desktop.core.models import (
    CampaignSpec,
    ConnectionSpec,
    Customer,
    CustomerStatus,
    Organization,
    OrganizationId,
    RecipientSpec,
    TicketSpec,
    UserId,
    campaign_tag,
)
from proactive_desktop.core.recipients import (
    SHOW_MANY_CHUNK,
    AccountLookup,
    CsvEntry,
    Recipient,
    Resolution,
    match_csv,
    read_csv,
    resolve_recipients,
)
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.types import TicketRef
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer

# -- CSV: encodings ------------------------------------------------------------------------------

JAPANESE = [
    ("hanako.sato@example.jp", "佐藤 花子", "東京"),
    ("ichiro.suzuki@example.jp", "鈴木 一郎", "大阪"),
    ("sakura.ito@example.jp", "伊藤 さくら", "京都"),
    ("kenta.takahashi@example.jp", "高橋 健太", "ｻｯﾎﾟﾛ"),
]
CHINESE = [
    ("wei.wang@example.cn", "王伟", "上海"),
    ("na.li@example.cn", "李娜", "北京"),
    ("jie.chen@example.cn", "陈杰", "深圳"),
    ("min.zhang@example.cn", "张敏", "杭州"),
]


def csv_text(rows: Sequence[tuple[str, str, str]], header: str = "email,name,city") -> str:
    return header + "\r\n" + "".join(f"{e},{n},{c}\r\n" for e, n, c in rows)


@pytest.mark.parametrize(
    ("encoding", "rows", "detected"),
    [
        ("utf-8", JAPANESE + CHINESE, "utf-8"),
        ("utf-8-sig", JAPANESE + CHINESE, "utf-8-sig"),
        ("utf-16", JAPANESE + CHINESE, "utf-16"),  # Python writes a BOM, as Excel does
        ("utf-16-le", JAPANESE, "utf-16"),  # written below with an explicit BOM
        ("utf-16-be", CHINESE, "utf-16"),
        ("cp932", JAPANESE, "cp932"),
        ("shift_jis", JAPANESE[:3], "cp932"),
        ("gb18030", CHINESE, "gb18030"),
        ("gbk", CHINESE, "gb18030"),
    ],
)
def test_every_encoding_excel_writes_is_read(
    tmp_path: Path, encoding: str, rows: list[tuple[str, str, str]], detected: str
) -> None:
    path = tmp_path / "list.csv"
    data = csv_text(rows).encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    result = read_csv(path)
    assert result.encoding == detected
    assert result.emails == tuple(email for email, _, _ in rows)
    assert result.delimiter == ","


@pytest.mark.parametrize("encoding", ["cp932", "gb18030"])
def test_legacy_encodings_with_names_in_the_id_file_are_read(tmp_path: Path, encoding: str) -> None:
    rows = JAPANESE if encoding == "cp932" else CHINESE
    path = tmp_path / "ids.csv"
    text = "ID;氏名\n" + "".join(f"{i};{name}\n" for i, (_, name, _) in enumerate(rows, 1))
    path.write_bytes(text.encode(encoding))
    result = read_csv(path)
    assert result.encoding == encoding
    assert result.ids == (1, 2, 3, 4)
    assert result.delimiter == ";"


def test_a_file_in_no_known_encoding_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"email\n\x80\x81\xff\xfe\x00\x01garbage")
    with pytest.raises(CampaignFileError) as caught:
        read_csv(path)
    assert caught.value.key == "recipients.csv"
    assert "not readable text" in str(caught.value)
    # UTF-16 without a byte order mark shows by its zero bytes and is read as such.
    bare = tmp_path / "bare16.csv"
    bare.write_bytes("email\na@b.c\n".encode("utf-16-le"))
    assert read_csv(bare).encoding == "utf-16-le"
    assert read_csv(bare).emails == ("a@b.c",)


def test_a_missing_file_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(CampaignFileError) as caught:
        read_csv(tmp_path / "nope.csv")
    assert caught.value.key == "recipients.csv"


# -- CSV: columns, rows, duplicates -----------------------------------------------------------


def read(tmp_path: Path, text: str) -> list[CsvEntry]:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return list(read_csv(path).entries)


@pytest.mark.parametrize(
    "header",
    ["email", "Email", " EMAIL ", "E-mail", "Email Address", '"Email"', "\ufeffemail"],
)
def test_the_email_column_is_found_loosely(tmp_path: Path, header: str) -> None:
    assert [each.email for each in read(tmp_path, f"{header},name\na@example.com,A\n")] == [
        "a@example.com"
    ]


@pytest.mark.parametrize("header", ["id", "ID", " Id ", "user_id", "User_ID"])
def test_the_id_column_is_found_loosely(tmp_path: Path, header: str) -> None:
    assert [each.user_id for each in read(tmp_path, f"name,{header}\nA,42\n")] == [42]


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiters(tmp_path: Path, delimiter: str, name: str) -> None:
    del name
    text = delimiter.join(["name", "email", "id"]) + "\n"
    text += delimiter.join(['"Lee, Ann"', "ann@example.com", ""]) + "\n"
    text += delimiter.join(["Bob", "bob@example.com", "7"]) + "\n"
    entries = read(tmp_path, text)
    assert [(each.user_id, each.email) for each in entries] == [
        (None, "ann@example.com"),
        (7, None),  # the id wins over the email on the same row
    ]


def test_blank_lines_empty_rows_and_duplicates_are_left_out(tmp_path: Path) -> None:
    text = (
        "\n\nemail,id\n\n"
        "a@example.com,\n"
        " A@Example.com ,\n"  # the same address: case and spaces do not count
        ",\n"
        "   ,   \n"
        "b@example.com,5\n"
        ",5\n"
        ",0005\n"
        "c@example.com\n"
        "\n"
    )
    entries = read(tmp_path, text)
    assert [(each.user_id, each.email, each.line) for each in entries] == [
        (None, "a@example.com", 5),
        (5, None, 9),
        (None, "c@example.com", 12),
    ]


def test_ids_that_are_not_numbers_fall_back_to_the_email_or_refuse_naming_rows(
    tmp_path: Path,
) -> None:
    text = "id,email\n12.0,\nabc,x@example.com\n 42 ,\n"
    entries = read(tmp_path, text)
    assert [(each.user_id, each.email) for each in entries] == [
        (12, None),  # Excel shows a numeric column as 12.0
        (None, "x@example.com"),  # the id cannot be read: the row's email is used
        (42, None),
    ]
    path = tmp_path / "list.csv"
    assert read_csv(path).id_fallback_rows == (3,)
    path.write_text("id,email\n12,\n-3,\nabc,x@example.com\n0,\n1e5,\n", encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        read_csv(path)
    assert "(rows: 3, 5, 6)" in str(caught.value)


def test_a_file_without_an_email_or_id_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("name,city\nAnn,Tokyo\n", encoding="utf-8")
    with pytest.raises(CampaignFileError, match="no column named email or id"):
        read_csv(path)
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CampaignFileError, match="is empty"):
        read_csv(path)


# -- resolution: the pure rules, with an in-memory account ---------------------------------------


class MemoryAccount:
    """Implements AccountLookup over lists; records every call."""

    def __init__(
        self,
        users: Sequence[Customer],
        organizations: Sequence[Organization] = (),
        tickets: Sequence[TicketRef] = (),
        query_results: Sequence[Customer] = (),
    ) -> None:
        self.users = {each.id: each for each in users}
        self.organizations = {each.id: each for each in organizations}
        self.tickets = list(tickets)
        self.query_results = list(query_results)
        self.calls: list[tuple[str, Any]] = []

    def export_users(self, query: str) -> Iterable[Sequence[Customer]]:
        self.calls.append(("export_users", query))
        for start in range(0, len(self.query_results), 3):
            yield self.query_results[start : start + 3]

    def show_many_users(self, ids: Sequence[UserId]) -> Sequence[Customer]:
        self.calls.append(("show_many_users", list(ids)))
        assert len(ids) <= SHOW_MANY_CHUNK
        return [self.users[each] for each in ids if each in self.users]

    def find_users_by_email(self, email: str) -> Sequence[Customer]:
        self.calls.append(("find_users_by_email", email))
        wanted = email.casefold()
        return [each for each in self.users.values() if (each.email or "").casefold() == wanted]

    def show_many_organizations(self, ids: Sequence[OrganizationId]) -> Sequence[Organization]:
        self.calls.append(("show_many_organizations", list(ids)))
        assert len(ids) <= SHOW_MANY_CHUNK
        return [self.organizations[each] for each in ids if each in self.organizations]

    def count_users(self, query: str) -> int:
        self.calls.append(("count_users", query))
        return len(self.query_results)

    def tickets_with_tag(self, tag: str) -> Iterable[Sequence[TicketRef]]:
        self.calls.append(("tickets_with_tag", tag))
        yield [each for each in self.tickets if tag in each.tags]

    def tickets_with_tag_since(self, tag: str, since: date) -> Iterable[Sequence[TicketRef]]:
        self.calls.append(("tickets_with_tag_since", (tag, since)))
        yield [
            each
            for each in self.tickets
            if tag in each.tags and (each.created_at or "")[:10] >= since.isoformat()
        ]

    def count(self, name: str) -> int:
        return sum(1 for call, _ in self.calls if call == name)


def person(user_id: int, **overrides: Any) -> Customer:
    values: dict[str, Any] = {
        "id": UserId(user_id),
        "name": f"Customer {user_id}",
        "email": f"c{user_id}@example.com",
    }
    values.update(overrides)
    return Customer(**values)


def spec_with(tmp_path: Path | None = None, **recipients: Any) -> CampaignSpec:
    return CampaignSpec(
        connection=ConnectionSpec("http://127.0.0.1:1", DEMO_EMAIL),
        name="Test campaign",
        recipients=RecipientSpec(**recipients),
        ticket=TicketSpec(subject="Hi", body="Hello"),
        csv_base_dir=tmp_path,
    )


def nothing_reached(name: str) -> None:
    del name


def _protocol_methods() -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(AccountLookup).items()
        if callable(member) and not name.startswith("_")
    }


@pytest.mark.parametrize("implementation", [MemoryAccount, ZendeskClient])
def test_the_fake_account_and_the_client_both_answer_the_protocol(implementation: type) -> None:
    """What these tests learn from the fake holds for the client: every call of the protocol
    exists on both, taking the protocol's parameters in its order (extras only with defaults)."""
    wanted = _protocol_methods()
    assert {"export_users", "show_many_users"} <= wanted.keys()
    for name, signature in wanted.items():
        method = getattr(implementation, name, None)
        assert callable(method), f"{implementation.__name__} has no {name}()"
        given = list(inspect.signature(method).parameters.values())
        expected = list(signature.parameters.values())
        assert [p.name for p in given[: len(expected)]] == [p.name for p in expected], name
        assert all(p.default is not inspect.Parameter.empty for p in given[len(expected) :]), name


def test_sources_are_united_in_order_and_each_customer_appears_once(tmp_path: Path) -> None:
    account = MemoryAccount(
        [person(i) for i in range(1, 11)], query_results=[person(3), person(1), person(5)]
    )
    (tmp_path / "list.csv").write_text(
        "email,id\nc9@example.com,\n,2\nC1@EXAMPLE.COM,\n,8\nc10@example.com,\n", encoding="utf-8"
    )
    spec = spec_with(tmp_path, query="q", user_ids=(7, 3, 2, 7), csv="list.csv")
    resolution = resolve_recipients(spec, account, nothing_reached)
    assert [each.user_id for each in resolution] == [3, 1, 5, 7, 2, 9, 8, 10]
    assert all(each.skip_reason is None for each in resolution)
    # The CSV's c1@… and the ids 3 and 2 were already known: no look-up for them.
    assert account.calls[1] == ("show_many_users", [7, 2, 8])
    assert [call for call in account.calls if call[0] == "find_users_by_email"] == [
        ("find_users_by_email", "c9@example.com"),
        ("find_users_by_email", "c10@example.com"),
    ]


def test_look_ups_are_batched_by_one_hundred() -> None:
    account = MemoryAccount(
        [person(i, organization_id=OrganizationId(1000 + i)) for i in range(1, 251)],
        organizations=[Organization(OrganizationId(1000 + i), f"Org {i}") for i in range(1, 251)],
    )
    resolution = resolve_recipients(
        spec_with(user_ids=tuple(range(1, 251))), account, nothing_reached
    )
    assert len(resolution) == 250
    assert account.count("show_many_users") == 3
    assert account.count("show_many_organizations") == 3
    assert resolution[0].organization == Organization(OrganizationId(1001), "Org 1")
    assert resolution.organizations[OrganizationId(1250)].name == "Org 250"


def test_known_customers_and_organizations_are_not_fetched_again() -> None:
    account = MemoryAccount([person(1, organization_id=OrganizationId(9))])
    acme = Organization(OrganizationId(9), "Acme")
    resolution = resolve_recipients(
        spec_with(user_ids=(1,)),
        account,
        nothing_reached,
        known_customers=[person(1, organization_id=OrganizationId(9))],
        known_organizations={OrganizationId(9): acme},
    )
    assert account.calls == []
    assert resolution[0].organization == acme


def test_progress_reaches_the_total() -> None:
    account = MemoryAccount([person(i) for i in range(1, 151)], query_results=[person(1)])
    reports: list[tuple[int, int | None]] = []
    resolve_recipients(
        spec_with(query="q", user_ids=tuple(range(1, 151))),
        account,
        nothing_reached,
        on_progress=lambda loaded, total: reports.append((loaded, total)),
    )
    assert reports[0] == (1, None)  # the query's first page: the total is not known yet
    assert reports[-1] == (150, 150)
    assert [loaded for loaded, _ in reports] == sorted(loaded for loaded, _ in reports)


def test_cancel_stops_between_batches() -> None:
    account = MemoryAccount([person(i) for i in range(1, 501)])
    cancel = threading.Event()

    def progress(loaded: int, total: int | None) -> None:
        del total
        if loaded >= 200:
            cancel.set()

    with pytest.raises(CancelledError):
        resolve_recipients(
            spec_with(user_ids=tuple(range(1, 501))),
            account,
            nothing_reached,
            on_progress=progress,
            cancel=cancel,
        )
    assert account.count("show_many_users") == 2


def test_a_cancelled_event_stops_before_any_look_up() -> None:
    account = MemoryAccount([person(1)])
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        resolve_recipients(spec_with(user_ids=(1,)), account, nothing_reached, cancel=cancel)
    assert account.calls == []


def test_the_resolution_is_a_sequence_of_recipients() -> None:
    account = MemoryAccount([person(1), person(2, suspended=True)])
    resolution = resolve_recipients(spec_with(user_ids=(1, 2, 3)), account, nothing_reached)
    assert isinstance(resolution, Resolution)
    assert [each.user_id for each in resolution.sendable] == [1]
    assert [each.user_id for each in resolution.skipped] == [2, 3]
    assert resolution[2] == Recipient(3, None, "", None, None, "no user with id 3")
    assert resolution[2].skip_message is not None
    assert resolution[2].skip_message.params == {"id": 3}


# -- resolution against the sandbox ---------------------------------------------------------


@pytest.fixture
def client(sandbox: SandboxServer) -> ZendeskClient:
    return client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)


def end_users(sandbox: SandboxServer) -> list[dict[str, Any]]:
    return [u for u in sandbox.users() if u["role"] == "end-user" and not u["suspended"]]


def reasons(resolution: Resolution) -> dict[int | str | None, str | None]:
    return {each.user_id or each.email: each.skip_reason for each in resolution}


def test_a_query_is_loaded_whole_with_organizations(
    sandbox: SandboxServer, client: ZendeskClient
) -> None:
    resolution = resolve_recipients(spec_with(query="plan:premium"), client, nothing_reached)
    expected = {
        u["id"] for u in sandbox.users() if (u["user_fields"] or {}).get("plan") == "premium"
    }
    assert expected
    assert {each.user_id for each in resolution} == expected
    assert len(resolution) == len(expected)
    with_org = [each for each in resolution if each.customer and each.customer.organization_id]
    assert with_org
    for each in with_org:
        assert each.organization is not None
        assert each.customer is not None
        assert each.organization.id == each.customer.organization_id
        assert each.organization.name


def test_suspended_users_and_staff_are_skipped_with_reasons(
    sandbox: SandboxServer, client: ZendeskClient
) -> None:
    users = sandbox.users()
    suspended = next(u for u in users if u["suspended"] and u["role"] == "end-user")
    admin = next(u for u in users if u["role"] == "admin" and not u["suspended"])
    agent = next(u for u in users if u["role"] == "agent" and not u["suspended"])
    customer = end_users(sandbox)[0]
    ids = (customer["id"], suspended["id"], admin["id"], agent["id"])
    resolution = resolve_recipients(spec_with(user_ids=ids), client, nothing_reached)
    assert reasons(resolution) == {
        customer["id"]: None,
        suspended["id"]: "suspended",
        admin["id"]: "agent or admin",
        agent["id"]: "agent or admin",
    }
    with_staff = resolve_recipients(
        spec_with(user_ids=ids, include_staff=True), client, nothing_reached
    )
    assert reasons(with_staff) == {
        customer["id"]: None,
        suspended["id"]: "suspended",
        admin["id"]: None,
        agent["id"]: None,
    }


def test_a_csv_is_matched_by_email_and_id_case_insensitively(
    sandbox: SandboxServer, client: ZendeskClient, tmp_path: Path
) -> None:
    people = [u for u in end_users(sandbox) if u["email"]][:4]
    lines = [
        "Email;ID",
        f"{people[0]['email'].upper()};",
        f"{people[1]['email']};{people[2]['id']}",  # the id wins
        "nobody@nowhere.example;",
        f";{people[3]['id']}",
        ";999999999",
        f"{people[1]['email']};not-an-id",  # an unreadable id falls back to the email
        f"  {people[0]['email']}  ;",  # the same customer again
        "",
    ]
    (tmp_path / "list.csv").write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    resolution = resolve_recipients(spec_with(tmp_path, csv="list.csv"), client, nothing_reached)
    assert [(each.user_id, each.email, each.skip_reason) for each in resolution] == [
        (people[0]["id"], people[0]["email"], None),
        (people[2]["id"], people[2]["email"], None),
        (None, "nobody@nowhere.example", "no user with email nobody@nowhere.example"),
        (people[3]["id"], people[3]["email"], None),
        (999999999, None, "no user with id 999999999"),
        (people[1]["id"], people[1]["email"], None),
    ]
    assert resolution[0].name == people[0]["name"]


def test_sources_overlap_and_every_customer_appears_once(
    sandbox: SandboxServer, client: ZendeskClient, tmp_path: Path
) -> None:
    premium = [u for u in sandbox.users() if (u["user_fields"] or {}).get("plan") == "premium"]
    other = [u for u in end_users(sandbox) if u not in premium and u["email"]]
    (tmp_path / "list.csv").write_text(
        "email\n" + f"{premium[0]['email']}\n{other[0]['email']}\n{other[1]['email']}\n",
        encoding="utf-8",
    )
    spec = spec_with(
        tmp_path,
        query="plan:premium",
        user_ids=(premium[1]["id"], other[1]["id"], other[2]["id"]),
        csv="list.csv",
    )
    resolution = resolve_recipients(spec, client, nothing_reached)
    ids = [each.user_id for each in resolution]
    assert len(ids) == len(set(ids)) == len(premium) + 3
    assert ids[len(premium) :] == [other[1]["id"], other[2]["id"], other[0]["id"]]


def test_show_many_is_used_in_batches_of_one_hundred(
    sandbox: SandboxServer, client: ZendeskClient
) -> None:
    ids = tuple(u["id"] for u in sandbox.users())[:250]
    before = sandbox.stats()["requests"].get("GET /api/v2/users/show_many", 0)
    resolution = resolve_recipients(
        spec_with(user_ids=ids, include_staff=True), client, nothing_reached
    )
    assert len(resolution) == 250
    assert sandbox.stats()["requests"]["GET /api/v2/users/show_many"] - before == 3


def create_tagged_ticket(client: ZendeskClient, user_id: int, tag: str) -> None:
    client.create_ticket(
        {"subject": "Earlier", "comment": {"body": "Earlier campaign"}, "requester_id": user_id,
         "tags": [tag]},
        idempotency_key=f"{tag}-{user_id}",
    )  # fmt: skip


def test_customers_with_a_ticket_of_an_excluded_campaign_are_skipped(
    sandbox: SandboxServer, client: ZendeskClient
) -> None:
    people = end_users(sandbox)[:5]
    earlier = "Renewal October 2026"
    for each in people[:2]:
        create_tagged_ticket(client, each["id"], campaign_tag(earlier))
    create_tagged_ticket(client, people[2]["id"], "another_tag")
    spec = spec_with(
        user_ids=tuple(u["id"] for u in people), exclude_campaigns=("renewal  october 2026",)
    )
    resolution = resolve_recipients(spec, client, nothing_reached)
    assert [each.skip_reason for each in resolution] == [
        'already reached by campaign "renewal  october 2026"',
        'already reached by campaign "renewal  october 2026"',
        None,
        None,
        None,
    ]
    assert resolution[0].skip_message is not None
    assert resolution[0].skip_message.params == {"campaign": "renewal  october 2026"}


def test_the_journal_also_excludes_but_not_the_failed_customers(
    sandbox: SandboxServer, client: ZendeskClient, tmp_path: Path
) -> None:
    people = end_users(sandbox)[:4]
    with Journal(tmp_path / "journal.sqlite3") as journal:
        journal.create_campaign(
            name="Spring 2026",
            tag="spring_2026",
            definition={},
            url=sandbox.url,
            email=DEMO_EMAIL,
            customers=[
                NewCustomer(people[0]["id"], people[0]["email"], "A", None, CustomerStatus.CREATED),
                NewCustomer(people[1]["id"], people[1]["email"], "B", None, CustomerStatus.FAILED),
                NewCustomer(people[2]["id"], people[2]["email"], "C", None, CustomerStatus.PENDING),
            ],
        )
        spec = spec_with(
            user_ids=tuple(u["id"] for u in people), exclude_campaigns=("Spring 2026",)
        )
        resolution = resolve_recipients(spec, client, journal.reached_user_ids)
    assert [each.skip_reason for each in resolution] == [
        'already reached by campaign "Spring 2026"',
        None,
        None,
        None,
    ]


def test_an_excluded_campaign_nobody_knows_is_bad_input(
    sandbox: SandboxServer, client: ZendeskClient, tmp_path: Path
) -> None:
    people = end_users(sandbox)[:2]
    spec = spec_with(user_ids=(people[0]["id"],), exclude_campaigns=("Never sent",))
    with pytest.raises(CampaignFileError) as caught:
        resolve_recipients(spec, client, nothing_reached)
    assert caught.value.key == "recipients.exclude_campaigns"
    assert "Never sent" in str(caught.value)
    # A campaign known to the journal counts even if it created nothing (all failed).
    with Journal(tmp_path / "journal.sqlite3") as journal:
        journal.create_campaign(
            name="Never sent", tag="never_sent", definition={}, url=sandbox.url, email=DEMO_EMAIL,
            customers=[
                NewCustomer(people[0]["id"], None, "A", None, CustomerStatus.FAILED),
            ],
        )  # fmt: skip
        resolution = resolve_recipients(spec, client, journal.reached_user_ids)
    assert [each.skip_reason for each in resolution] == [None]


def test_the_wizard_csv_import_returns_customers_and_unmatched_rows(
    sandbox: SandboxServer, client: ZendeskClient, tmp_path: Path
) -> None:
    suspended = next(u for u in sandbox.users() if u["suspended"] and u["email"])
    customer = next(u for u in end_users(sandbox) if u["organization_id"] and u["email"])
    path = tmp_path / "list.csv"
    path.write_bytes(
        (
            "Email,ID,氏名\n"
            f"{customer['email']},,佐藤 花子\n{suspended['email']},,鈴木 一郎\n"
            "missing@example.jp,,伊藤 さくら\n,123,山本 大輔\n"
        ).encode("cp932")
    )
    reports: list[tuple[int, int | None]] = []
    matched = match_csv(path, client, on_progress=lambda a, b: reports.append((a, b)))
    assert [each.id for each in matched.customers] == [customer["id"], suspended["id"]]
    assert set(matched.organizations) == {
        each.organization_id for each in matched.customers if each.organization_id
    }
    assert matched.unmatched == (
        ("missing@example.jp", "no user with email missing@example.jp"),
        ("123", "no user with id 123"),
    )
    assert matched.csv_list.encoding == "cp932"
    assert matched.csv_list.columns == ("Email", "ID", "氏名")
    assert matched.rows[customer["id"]]["氏名"] == "佐藤 花子"
    assert [each.email for each in matched.unknown_emails] == ["missing@example.jp"]
    assert reports[-1] == (4, 4)
