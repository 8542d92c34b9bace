"""The campaign file: parsing, validation naming the key, writing, and the definition."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from proactive_desktop.core.campaign_file import (
    SECTIONS,
    campaign_from_definition,
    definition_dict,
    definition_differences,
    dump_campaign_file,
    load_campaign_file,
    loads_campaign,
)
from proactive_desktop.core.errors import CampaignFileError, InputError
from proactive_desktop.core.models import (
    BodyFormat,
    CampaignSpec,
    ConnectionSpec,
    RecipientSpec,
    TicketPriority,
    TicketSpec,
    TicketStatus,
    TicketType,
    ViewSpec,
    choose_language,
)
from proactive_desktop.core.paths import resource_path

# The example of CLI.md "Campaign file", verbatim.
CLI_EXAMPLE = '''\
[connection]
url = "https://acme.zendesk.com"      # or "acme"
email = "admin@acme.example"

[campaign]
name = "Renewal November 2026"        # unique per account; also the ticket tag

[recipients]                          # at least one source; results are united
query = 'plan:premium "Tokyo"'        # Zendesk user search, as typed on the Search page
user_ids = [3101, 3102]
csv = "customers.csv"                 # a column named email or id (relative to this file)
exclude_campaigns = ["Renewal October 2026"]   # customers who already got these
include_staff = false                 # agents and admins are dropped unless true

[ticket]
subject = "Your {{user.user_fields.plan}} plan renews soon"
body = """
Hello {{user.first_name | default: "there"}},
your plan at **{{organization.name}}** renews on {{user.user_fields.renewal_date}}.
"""
format = "markdown"                   # or "html"
public = true                         # public reply (emails the customer) or internal note
status = "open"                       # new | open | pending | hold | solved
# custom_status_id = 360000123       # optional (leave out for none)
priority = "normal"                   # optional: low | normal | high | urgent
type = "question"                     # optional: problem | incident | question | task
# group_id = 360000456                # optional
# assignee_id = 360000789             # optional
tags = ["renewal"]                    # optional, added to the campaign tag
# macro_id = 360000999                # optional, applied to every ticket

[view]
create = true                         # a shared view listing the campaign's tickets
'''

MINIMAL = """\
[connection]
url = "acme"
email = "admin@acme.example"
[campaign]
name = "Welcome"
[recipients]
user_ids = [1]
[ticket]
subject = "Hi"
body = "Hello"
"""


def test_the_cli_example_loads_with_every_key(tmp_path: Path) -> None:
    path = tmp_path / "campaign.toml"
    path.write_text(CLI_EXAMPLE, encoding="utf-8")
    spec = load_campaign_file(path)
    assert spec == CampaignSpec(
        connection=ConnectionSpec("https://acme.zendesk.com", "admin@acme.example"),
        name="Renewal November 2026",
        recipients=RecipientSpec(
            query='plan:premium "Tokyo"',
            user_ids=(3101, 3102),
            csv="customers.csv",
            exclude_campaigns=("Renewal October 2026",),
            include_staff=False,
        ),
        ticket=TicketSpec(
            subject="Your {{user.user_fields.plan}} plan renews soon",
            body=(
                'Hello {{user.first_name | default: "there"}},\n'
                "your plan at **{{organization.name}}** renews on "
                "{{user.user_fields.renewal_date}}.\n"
            ),
            format=BodyFormat.MARKDOWN,
            public=True,
            status=TicketStatus.OPEN,
            priority=TicketPriority.NORMAL,
            type=TicketType.QUESTION,
            tags=("renewal",),
        ),
        view=ViewSpec(create=True),
    )
    # The CSV is found next to the campaign file, wherever the program runs from.
    assert spec.csv_base_dir == tmp_path.resolve()
    assert spec.tag == "renewal_november_2026"


def test_defaults_fill_what_a_minimal_file_leaves_out() -> None:
    spec = loads_campaign(MINIMAL, None)
    assert spec.connection.url == "https://acme.zendesk.com"
    assert spec.recipients == RecipientSpec(user_ids=(1,))
    assert spec.ticket == TicketSpec(subject="Hi", body="Hello")
    assert spec.ticket.format == BodyFormat.MARKDOWN
    assert spec.ticket.public is True
    assert spec.ticket.status == TicketStatus.OPEN
    assert spec.view == ViewSpec(create=True)


def test_every_option_is_read() -> None:
    text = MINIMAL.replace(
        'body = "Hello"',
        'body = "<p>Hello</p>"\nformat = "html"\npublic = false\nstatus = "pending"\n'
        'custom_status_id = 360000123\npriority = "urgent"\ntype = "task"\n'
        "group_id = 360000456\nassignee_id = 360000789\nmacro_id = 360000999\n"
        'tags = ["VIP Customers", "renewal", "Renewal!"]\n[view]\ncreate = false',
    ).replace("user_ids = [1]", 'user_ids = [1]\nquery = "x"\ninclude_staff = true')
    spec = loads_campaign(text, None)
    assert spec.ticket == TicketSpec(
        subject="Hi",
        body="<p>Hello</p>",
        format=BodyFormat.HTML,
        public=False,
        status=TicketStatus.PENDING,
        custom_status_id=360000123,
        priority=TicketPriority.URGENT,
        type=TicketType.TASK,
        group_id=360000456,
        assignee_id=360000789,
        tags=("vip_customers", "renewal"),  # normalised like the campaign tag, duplicates once
        macro_id=360000999,
    )
    assert spec.recipients.include_staff is True
    assert spec.view.create is False


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_campaign_file(path).name == "Welcome"


def test_a_missing_or_broken_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read the campaign file"):
        load_campaign_file(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[connection\nurl = 1", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_campaign_file(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(MINIMAL.replace("Welcome", "Café").encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_campaign_file(latin)


# -- every bad input names its key -----------------------------------------------------------


def replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


BAD_INPUTS = [
    # unknown sections and keys: a typo is never ignored
    (MINIMAL + "[tickets]\nstatus = 'open'\n", "tickets"),
    (replace('body = "Hello"', 'body = "Hello"\nstatuss = "open"'), "ticket.statuss"),
    (replace('name = "Welcome"', 'name = "Welcome"\ntag = "x"'), "campaign.tag"),
    (replace("user_ids = [1]", "user_ids = [1]\nexclude_campaign = ['x']"),
     "recipients.exclude_campaign"),
    (MINIMAL + "[view]\ncreated = true\n", "view.created"),
    ("view = true\n" + MINIMAL, "view"),
    # missing sections and keys
    (MINIMAL.replace('[campaign]\nname = "Welcome"\n', ""), "campaign"),
    (replace('name = "Welcome"', ""), "campaign.name"),
    (replace('subject = "Hi"', ""), "ticket.subject"),
    (replace('body = "Hello"', ""), "ticket.body"),
    (replace('url = "acme"', ""), "connection.url"),
    (replace('email = "admin@acme.example"', ""), "connection.email"),
    # empty texts
    (replace('name = "Welcome"', 'name = "   "'), "campaign.name"),
    (replace('name = "Welcome"', 'name = "!!!"'), "campaign.name"),
    (replace('subject = "Hi"', 'subject = ""'), "ticket.subject"),
    (replace('body = "Hello"', 'body = """\n\n"""'), "ticket.body"),
    (replace("user_ids = [1]", "user_ids = [1]\nquery = ' '"), "recipients.query"),
    (replace("user_ids = [1]", "user_ids = [1]\ncsv = ''"), "recipients.csv"),
    # no recipient source
    (replace("user_ids = [1]", ""), "recipients"),
    (replace("user_ids = [1]", "user_ids = []\ninclude_staff = true"), "recipients"),
    (replace("user_ids = [1]", "exclude_campaigns = ['Old']"), "recipients"),
    # wrong types
    (replace('subject = "Hi"', "subject = 42"), "ticket.subject"),
    (replace("user_ids = [1]", "user_ids = 1"), "recipients.user_ids"),
    (replace("user_ids = [1]", "user_ids = ['1']"), "recipients.user_ids"),
    (replace("user_ids = [1]", "user_ids = [true]"), "recipients.user_ids"),
    (replace("user_ids = [1]", "user_ids = [1.5]"), "recipients.user_ids"),
    (replace("user_ids = [1]", "user_ids = [1]\ninclude_staff = 'no'"), "recipients.include_staff"),
    (replace("user_ids = [1]", "user_ids = [1]\nexclude_campaigns = 'Old'"),
     "recipients.exclude_campaigns"),
    (replace("user_ids = [1]", "user_ids = [1]\nexclude_campaigns = ['']"),
     "recipients.exclude_campaigns"),
    (replace('body = "Hello"', 'body = "Hello"\npublic = 1'), "ticket.public"),
    (replace('body = "Hello"', 'body = "Hello"\ngroup_id = "12"'), "ticket.group_id"),
    (replace('body = "Hello"', 'body = "Hello"\ntags = "vip"'), "ticket.tags"),
    (replace('body = "Hello"', 'body = "Hello"\ntags = ["ok", "***"]'), "ticket.tags"),
    (MINIMAL + "[view]\ncreate = 'yes'\n", "view.create"),
    (MINIMAL + "[ticket_x]\nsubject = 'x'\n", "ticket_x"),
    # bad enum values
    (replace('body = "Hello"', 'body = "Hello"\nstatus = "closed"'), "ticket.status"),
    (replace('body = "Hello"', 'body = "Hello"\nstatus = "Open"'), "ticket.status"),
    (replace('body = "Hello"', 'body = "Hello"\nformat = "md"'), "ticket.format"),
    (replace('body = "Hello"', 'body = "Hello"\npriority = "critical"'), "ticket.priority"),
    (replace('body = "Hello"', 'body = "Hello"\ntype = "bug"'), "ticket.type"),
    # non-positive ids
    (replace("user_ids = [1]", "user_ids = [1, 0]"), "recipients.user_ids"),
    (replace("user_ids = [1]", "user_ids = [-5]"), "recipients.user_ids"),
    (replace('body = "Hello"', 'body = "Hello"\nmacro_id = 0'), "ticket.macro_id"),
    (replace('body = "Hello"', 'body = "Hello"\nassignee_id = -1'), "ticket.assignee_id"),
    (replace('body = "Hello"', 'body = "Hello"\ncustom_status_id = 0'),
     "ticket.custom_status_id"),
    # addresses refused by the URL rules
    (replace('url = "acme"', 'url = "http://acme.zendesk.com"'), "connection.url"),
    (replace('url = "acme"', 'url = "https://acme.zendesk.com/agent"'), "connection.url"),
    (replace('url = "acme"', 'url = "ftp://acme"'), "connection.url"),
    (replace('url = "acme"', 'url = "acme corp"'), "connection.url"),
    (replace('email = "admin@acme.example"', 'email = "admin"'), "connection.email"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key"), BAD_INPUTS)
def test_bad_input_names_the_key(text: str, key: str) -> None:
    with pytest.raises(CampaignFileError) as caught:
        loads_campaign(text, None)
    assert caught.value.key == key
    assert key in str(caught.value)


def test_a_typo_suggests_the_key_meant() -> None:
    with pytest.raises(CampaignFileError, match=r'did you mean "ticket\.status"'):
        loads_campaign(replace('body = "Hello"', 'body = "Hello"\nstauts = "open"'), None)


def test_an_enum_error_lists_the_allowed_values() -> None:
    with pytest.raises(CampaignFileError, match=re.escape("new | open | pending | hold | solved")):
        loads_campaign(replace('body = "Hello"', 'body = "Hello"\nstatus = "closed"'), None)


def test_loopback_http_is_accepted_for_the_sandbox() -> None:
    spec = loads_campaign(replace('url = "acme"', 'url = "http://127.0.0.1:8765/"'), None)
    assert spec.connection.url == "http://127.0.0.1:8765"


# -- writing round-trips --------------------------------------------------------------------


def full_spec(**ticket_overrides: object) -> CampaignSpec:
    ticket = {
        "subject": 'Your "{{user.user_fields.plan}}" plan\\ renews',
        "body": 'Line 1\n\n  "quoted" \'single\' ""double"" """triple""" \\n literal\n\tTab\n"',
        "format": BodyFormat.HTML,
        "public": False,
        "status": TicketStatus.HOLD,
        "custom_status_id": 360000123,
        "priority": TicketPriority.HIGH,
        "type": TicketType.INCIDENT,
        "group_id": 1,
        "assignee_id": 2,
        "tags": ("a", "b_c"),
        "macro_id": 3,
    }
    ticket.update(ticket_overrides)
    return CampaignSpec(
        connection=ConnectionSpec("https://acme.zendesk.com", "admin@acme.example"),
        name="Renewal 2026 — 東京 \"VIP\" 'x'",
        recipients=RecipientSpec(
            query='plan:premium "Tokyo" -tags:vip',
            user_ids=tuple(range(1, 30)),
            csv="lists/customers 2026.csv",
            exclude_campaigns=("Renewal October 2026", "秋のキャンペーン"),
            include_staff=True,
        ),
        ticket=TicketSpec(**ticket),  # type: ignore[arg-type]
        view=ViewSpec(create=False),
    )


def test_dump_then_load_gives_the_same_spec() -> None:
    for spec in (full_spec(), loads_campaign(CLI_EXAMPLE, None), loads_campaign(MINIMAL, None)):
        text = dump_campaign_file(spec)
        assert loads_campaign(text, None) == spec
        # And writing it again gives the same text (stable files for version control).
        assert dump_campaign_file(loads_campaign(text, None)) == text


def test_random_texts_round_trip() -> None:
    alphabet = "ab \"'\\\n\r\t\x00\x01\x1f\x7f\x80é東😀{}#=[]" + '"' * 3
    generator = random.Random(20261101)
    for _ in range(300):
        subject = "S" + "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 20)))
        body = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 60)))
        if not body.strip():
            body += "x"
        spec = full_spec(subject=subject, body=body)
        assert loads_campaign(dump_campaign_file(spec), None) == spec, (subject, body)


def test_the_body_is_written_readably() -> None:
    text = dump_campaign_file(loads_campaign(CLI_EXAMPLE, None))
    assert 'body = """\nHello {{user.first_name | default: "there"}},\nyour plan' in text
    assert "query = 'plan:premium \"Tokyo\"'" in text


def test_a_long_id_list_is_wrapped() -> None:
    text = dump_campaign_file(full_spec())
    assert "user_ids = [\n    1, 2, 3, 4, 5, 6, 7, 8,\n" in text
    assert max(len(line) for line in text.splitlines()) < 100


def test_the_sample_campaign_is_valid() -> None:
    spec = load_campaign_file(resource_path("resources", "sample-campaign.toml"))
    assert spec.connection.url.startswith("http://127.0.0.1:")
    assert spec.tag


# -- the definition --------------------------------------------------------------------------


def test_definition_ignores_comments_order_and_spelled_out_defaults() -> None:
    reordered = """\
[ticket]
body = "Hello"  # comment
subject = "Hi"
status = "open"
public = true
format = "markdown"
[recipients]
include_staff = false
user_ids = [1]
[campaign]
name = "Welcome"
[connection]
email = "admin@acme.example"
url = "https://acme.zendesk.com/"
[view]
create = true
"""
    assert definition_dict(loads_campaign(reordered, None)) == definition_dict(
        loads_campaign(MINIMAL, None)
    )


def test_definition_has_every_key_with_defaults() -> None:
    definition = definition_dict(loads_campaign(MINIMAL, None))
    # A campaign without [schedule] has none (None), so older journals compare equal.
    assert definition.pop("schedule") is None
    expected = {section: keys for section, keys in SECTIONS.items() if section != "schedule"}
    assert {section: tuple(values) for section, values in definition.items()} == expected
    assert definition["ticket"]["priority"] is None
    assert definition["ticket"]["status"] == "open"
    assert definition["view"] == {"create": True}


def test_definition_compares_names_after_nfc() -> None:
    composed = unicodedata.normalize("NFC", "Café ガ")
    decomposed = unicodedata.normalize("NFD", "Café ガ")
    assert composed != decomposed
    a = loads_campaign(replace('"Welcome"', f'"{composed}"'), None)
    b = loads_campaign(replace('"Welcome"', f'"{decomposed}"'), None)
    assert definition_dict(a) == definition_dict(b)
    assert definition_dict(a)["campaign"]["name"] == composed


def test_definition_does_not_depend_on_csv_contents(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text("email\na@example.com\n", encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text(replace("user_ids = [1]", "csv = 'list.csv'"), encoding="utf-8")
    before = definition_dict(load_campaign_file(path))
    (tmp_path / "list.csv").write_text("email\nb@example.com\n", encoding="utf-8")
    assert definition_dict(load_campaign_file(path)) == before
    assert before["recipients"]["csv"] == "list.csv"


def test_definition_reads_back_into_the_same_spec() -> None:
    for spec in (full_spec(), loads_campaign(MINIMAL, None)):
        assert campaign_from_definition(definition_dict(spec)) == spec


def test_definition_differences_name_the_dotted_keys() -> None:
    base = definition_dict(loads_campaign(CLI_EXAMPLE, None))
    changed = definition_dict(
        loads_campaign(
            CLI_EXAMPLE.replace("renews soon", "renews!")
            .replace('status = "open"', 'status = "pending"')
            .replace("create = true", "create = false"),
            None,
        )
    )
    assert definition_differences(base, changed) == [
        "ticket.status",
        "ticket.subject",
        "view.create",
    ]
    assert definition_differences(base, base) == []
    # A key present on one side only differs; an absent key equals None.
    assert definition_differences({"a": {"b": 1}}, {"a": {}}) == ["a.b"]
    assert definition_differences({"a": {"b": None}}, {"a": {}}) == []
    assert definition_differences({"a": {"b": 1}}, {}) == ["a"]


TRANSLATED = (
    MINIMAL.replace("user_ids = [1]", 'csv = "list.csv"\ncreate_missing = true')
    + """
[ticket.translations.ja-JP]
subject = "{{user.name}} 様"
body = "こんにちは"

[ticket.translations.zh_CN]
subject = "您好"
body = "感谢"
"""
)


def test_translations_and_create_missing_are_read_and_written_back() -> None:
    spec = loads_campaign(TRANSLATED, None)
    assert spec.recipients.create_missing
    assert [(t.language, t.subject) for t in spec.ticket.translations] == [
        ("ja-jp", "{{user.name}} 様"),
        ("zh-cn", "您好"),
    ]
    text = dump_campaign_file(spec)
    assert "[ticket.translations.zh-cn]" in text
    assert loads_campaign(text, None) == spec
    definition = definition_dict(spec)
    assert definition["ticket"]["translations"]["ja-jp"] == {
        "subject": "{{user.name}} 様",
        "body": "こんにちは",
    }
    assert campaign_from_definition(definition) == spec


def test_a_definition_journaled_before_translations_still_matches() -> None:
    # Absent keys are None, so an older journal's definition (without them) is the same.
    definition = definition_dict(loads_campaign(MINIMAL, None))
    assert definition["ticket"]["translations"] is None
    assert definition["recipients"]["create_missing"] is None
    older = {
        section: {k: v for k, v in values.items() if k not in ("translations", "create_missing")}
        for section, values in definition.items()
        if values is not None  # [schedule] is None when absent
    }
    assert definition_differences(older, definition) == []


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('[ticket.translations."日本"]\nsubject = "x"\nbody = "y"\n', "ticket.translations.日本"),
        ('[ticket.translations.ja]\nsubject = "x"\n', "ticket.translations.ja.body"),
        (
            '[ticket.translations.ja]\nsubject = "x"\nbody = "y"\ntitle = "z"\n',
            "ticket.translations.ja.title",
        ),
        ('[ticket.translations]\nja = "x"\n', "ticket.translations.ja"),
    ],
)
def test_bad_translations_name_the_key(extra: str, key: str) -> None:
    with pytest.raises(CampaignFileError) as caught:
        loads_campaign(MINIMAL + extra, None)
    assert caught.value.key == key


def test_create_missing_needs_a_csv_list() -> None:
    with pytest.raises(CampaignFileError) as caught:
        loads_campaign(
            MINIMAL.replace("user_ids = [1]", "user_ids = [1]\ncreate_missing = true"), None
        )
    assert caught.value.key == "recipients.create_missing"


@pytest.mark.parametrize(
    ("locale", "chosen"),
    [("ja", "ja"), ("ja-JP", "ja"), ("zh-cn", "zh-cn"), ("zh-CN", "zh-cn"), ("zh-TW", None),
     ("en-US", None), (None, None), ("de", None)],
)  # fmt: skip
def test_each_customer_locale_chooses_its_translation(
    locale: str | None, chosen: str | None
) -> None:
    assert choose_language(locale, ["ja", "zh-cn"]) == chosen
