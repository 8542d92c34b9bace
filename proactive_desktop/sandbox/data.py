"""Deterministic sample data for the sandbox account.

`generate(customers, seed)` builds a whole account — staff, customers, organizations, groups,
fields, custom roles and statuses, ticket fields and forms, macros — in Zendesk's JSON shapes.
The same seed always yields byte-identical data. Customers get Japanese, Chinese and Latin
names, and the data has the rough edges real accounts have: users without email, suspended
users, empty fields, a city written in local script, agents and admins who match the same
searches as customers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from proactive_desktop.sandbox.config import ACCOUNT_ID, DEMO_EMAIL, LEAD_EMAIL, LIMITED_EMAIL

JsonDict = dict[str, Any]
_T = TypeVar("_T")

# Ids look like real Zendesk ids: large (beyond 32 bits) and distinct per kind.
USER_ID_BASE = 381_000_000_000
ORG_ID_BASE = 390_000_000_000
GROUP_ID_BASE = 360_000_100_000
USER_FIELD_ID_BASE = 360_000_200_000
ORG_FIELD_ID_BASE = 360_000_300_000
TICKET_FIELD_ID_BASE = 360_000_400_000
TICKET_FORM_ID_BASE = 360_000_500_000
MACRO_ID_BASE = 360_000_600_000
TRIGGER_ID_BASE = 360_000_700_000
CUSTOM_STATUS_ID_BASE = 360_000_700_000
CUSTOM_ROLE_ID_BASE = 360_000_800_000
MEMBERSHIP_ID_BASE = 360_000_850_000
VIEW_ID_BASE = 360_000_900_000
FIRST_TICKET_ID = 10_001

EPOCH = "2019-01-07T00:00:00Z"

# -- name pools: (written form, ASCII form for email addresses) --------------------------------

_JA_FAMILY = [
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
    ("吉田", "yoshida"),
    ("山田", "yamada"),
    ("佐々木", "sasaki"),
    ("山口", "yamaguchi"),
    ("松本", "matsumoto"),
    ("井上", "inoue"),
    ("木村", "kimura"),
    ("林", "hayashi"),
    ("斎藤", "saito"),
    ("清水", "shimizu"),
    ("山崎", "yamazaki"),
    ("森", "mori"),
    ("池田", "ikeda"),
    ("橋本", "hashimoto"),
    ("阿部", "abe"),
    ("石川", "ishikawa"),
    ("前田", "maeda"),
    ("藤田", "fujita"),
    ("小川", "ogawa"),
    ("岡田", "okada"),
]
_JA_GIVEN = [
    ("花子", "hanako"),
    ("太郎", "taro"),
    ("翔太", "shota"),
    ("陽菜", "hina"),
    ("結衣", "yui"),
    ("大翔", "hiroto"),
    ("蓮", "ren"),
    ("葵", "aoi"),
    ("美咲", "misaki"),
    ("健太", "kenta"),
    ("直樹", "naoki"),
    ("由美", "yumi"),
    ("恵", "megumi"),
    ("拓也", "takuya"),
    ("愛", "ai"),
    ("誠", "makoto"),
    ("彩", "aya"),
    ("大輔", "daisuke"),
    ("真由美", "mayumi"),
    ("悠斗", "yuto"),
    ("さくら", "sakura"),
    ("千尋", "chihiro"),
    ("和也", "kazuya"),
    ("裕子", "yuko"),
]
_ZH_FAMILY = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("林", "lin"),
    ("高", "gao"),
    ("罗", "luo"),
]
_ZH_GIVEN = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("秀英", "xiuying"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀兰", "xiulan"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("建华", "jianhua"),
    ("晓明", "xiaoming"),
]
_LATIN_GIVEN = [
    "Maria",
    "José",
    "Anna",
    "John",
    "Emma",
    "Lukas",
    "Sophie",
    "Liam",
    "Olivia",
    "Noah",
    "Mia",
    "Elena",
    "Carlos",
    "Lucía",
    "François",
    "Zoë",
    "Jürgen",
    "Björn",
    "Chloé",
    "Mateo",
    "Isabella",
    "Hannah",
    "Paul",
    "Laura",
    "Ahmed",
    "Fatima",
    "Priya",
    "Arjun",
    "Sven",
    "Ingrid",
    "Marco",
    "Giulia",
]
_LATIN_FAMILY = [
    "Garcia",
    "Müller",
    "Smith",
    "Johnson",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Fernández",
    "Silva",
    "Novak",
    "Kowalski",
    "Andersson",
    "Jensen",
    "O'Brien",
    "Nguyen",
    "Kim",
    "Martin",
    "Bernard",
    "Schneider",
    "Fischer",
    "Weber",
    "López",
    "González",
    "Martínez",
    "Brown",
    "Wilson",
    "Taylor",
    "Moreau",
    "Bianchi",
    "van der Berg",
    "de Vries",
    "Costa",
]

# -- places: (city, time_zone, iana_time_zone, locale) ----------------------------------------

_JA_PLACES = [
    ("Tokyo", "Tokyo", "Asia/Tokyo", "ja"),
    ("Osaka", "Osaka", "Asia/Tokyo", "ja"),
    ("Yokohama", "Tokyo", "Asia/Tokyo", "ja"),
    ("Nagoya", "Tokyo", "Asia/Tokyo", "ja"),
    ("Sapporo", "Sapporo", "Asia/Tokyo", "ja"),
    ("Fukuoka", "Tokyo", "Asia/Tokyo", "ja"),
    ("Kyoto", "Osaka", "Asia/Tokyo", "ja"),
]
_ZH_PLACES = [
    ("Shanghai", "Beijing", "Asia/Shanghai", "zh-cn"),
    ("Beijing", "Beijing", "Asia/Shanghai", "zh-cn"),
    ("Shenzhen", "Beijing", "Asia/Shanghai", "zh-cn"),
    ("Guangzhou", "Beijing", "Asia/Shanghai", "zh-cn"),
    ("Hangzhou", "Beijing", "Asia/Shanghai", "zh-cn"),
    ("Chengdu", "Chongqing", "Asia/Chongqing", "zh-cn"),
]
_LATIN_PLACES = [
    ("Berlin", "Berlin", "Europe/Berlin", "de"),
    ("Munich", "Berlin", "Europe/Berlin", "de"),
    ("Paris", "Paris", "Europe/Paris", "fr"),
    ("Madrid", "Madrid", "Europe/Madrid", "es"),
    ("London", "London", "Europe/London", "en-gb"),
    ("New York", "Eastern Time (US & Canada)", "America/New_York", "en-US"),
    ("San Francisco", "Pacific Time (US & Canada)", "America/Los_Angeles", "en-US"),
    ("São Paulo", "Brasilia", "America/Sao_Paulo", "pt-br"),
    ("Singapore", "Singapore", "Asia/Singapore", "en-US"),
    ("Sydney", "Sydney", "Australia/Sydney", "en-au"),
    ("Tokyo", "Tokyo", "Asia/Tokyo", "en-US"),
]
# The same city written in local script: a real data-quality wrinkle (a search for "Tokyo"
# does not find "東京").
_LOCAL_SCRIPT_CITY = {
    "Tokyo": "東京",
    "Osaka": "大阪",
    "Kyoto": "京都",
    "Shanghai": "上海",
    "Beijing": "北京",
    "Shenzhen": "深圳",
}
_LOCALE_IDS = {
    "en-US": 1,
    "es": 2,
    "de": 8,
    "zh-cn": 10,
    "fr": 16,
    "pt-br": 19,
    "ja": 67,
    "en-gb": 1176,
    "en-au": 1198,
}

_TAG_POOL = [
    "vip",
    "beta_tester",
    "churn_risk",
    "trial",
    "partner",
    "priority_support",
    "webinar_2026",
    "優良顧客",
    "重点客户",
    "early_adopter",
]
_PLAN_WEIGHTS = [("basic", 40), ("standard", 30), ("premium", 20), ("enterprise", 7), (None, 3)]
_PHONE_PREFIX = {"ja": "+81 90-", "zh": "+86 138-", "latin": "+49 151-"}
_NOTES = [
    "Prefers email in the morning.",
    "日本語での連絡を希望。",
    "请用中文联系。",
    "Asked about volume discounts.",
    "Migrated from the old CRM.",
]

# -- organizations -------------------------------------------------------------------------------

_JA_ORG_STEMS = [
    ("さくら", "sakura"),
    ("富士", "fuji"),
    ("青空", "aozora"),
    ("大和", "yamato"),
    ("日の出", "hinode"),
    ("北斗", "hokuto"),
    ("みなと", "minato"),
    ("光", "hikari"),
    ("東海", "tokai"),
    ("緑", "midori"),
]
_JA_ORG_KINDS = [
    ("商事", "shoji", "Trading"),
    ("物産", "bussan", "Trading"),
    ("製作所", "seisakusho", "Manufacturing"),
    ("工業", "kogyo", "Manufacturing"),
    ("システムズ", "systems", "Software"),
    ("ソリューションズ", "solutions", "Software"),
    ("食品", "foods", "Food"),
    ("電機", "denki", "Electronics"),
]
_ZH_ORG_CITIES = [("北京", "bj"), ("上海", "sh"), ("深圳", "sz"), ("杭州", "hz"), ("广州", "gz")]
_ZH_ORG_STEMS = [
    ("星辰", "xingchen"),
    ("华信", "huaxin"),
    ("东方", "dongfang"),
    ("远航", "yuanhang"),
    ("锦程", "jincheng"),
    ("云帆", "yunfan"),
    ("启明", "qiming"),
    ("中科", "zhongke"),
]
_ZH_ORG_KINDS = [
    ("科技", "tech", "Software"),
    ("贸易", "trade", "Trading"),
    ("网络", "net", "Software"),
    ("信息技术", "it", "Software"),
    ("电子", "electronics", "Electronics"),
]
_LATIN_ORG_STEMS = [
    "Acme",
    "Globex",
    "Initech",
    "Northwind",
    "Contoso",
    "Umbrella",
    "Stark",
    "Wayne",
    "Vandelay",
    "Hooli",
    "Tyrell",
    "Soylent",
    "Aperture",
    "Oscorp",
    "Cyberdyne",
    "Fabrikam",
]
_LATIN_ORG_KINDS = [
    ("Trading", "Trading"),
    ("Logistics", "Logistics"),
    ("Software", "Software"),
    ("Foods", "Food"),
    ("Consulting", "Consulting"),
    ("Systems", "Software"),
    ("Retail", "Retail"),
    ("Labs", "Research"),
]
_LATIN_ORG_FORMS = ["GmbH", "Ltd", "Inc.", "S.A.", "B.V.", "LLC"]

# -- staff: (name, email, role, custom role key, time_zone, locale, city, suspended) -------------

_STAFF: list[tuple[str, str, str, str | None, str | None, str, str | None, bool]] = [
    ("Demo Admin", DEMO_EMAIL, "admin", None, "Tokyo", "en-US", "Tokyo", False),
    ("鈴木 健", LIMITED_EMAIL, "agent", "staff", None, "ja", "Osaka", False),
    ("李 娜", LEAD_EMAIL, "agent", "team_lead", "Beijing", "zh-cn", "Shanghai", False),
    (
        "Anna Schmidt",
        "anna.schmidt@sandbox.example",
        "admin",
        None,
        "Berlin",
        "de",
        "Berlin",
        False,
    ),
    (
        "高橋 美咲",
        "misaki.takahashi@sandbox.example",
        "agent",
        "staff",
        "Tokyo",
        "ja",
        "Tokyo",
        False,
    ),
    ("山本 大輔", "daisuke.yamamoto@sandbox.example", "agent", "staff", "Tokyo", "ja", None, False),
    ("陈 杰", "jie.chen@sandbox.example", "agent", "staff", "Beijing", "zh-cn", "Beijing", False),
    (
        "张 丽",
        "li.zhang@sandbox.example",
        "agent",
        "team_lead",
        "Beijing",
        "zh-cn",
        "Shanghai",
        False,
    ),
    (
        "Carlos López",
        "carlos.lopez@sandbox.example",
        "agent",
        "staff",
        "Madrid",
        "es",
        "Madrid",
        False,
    ),
    (
        "Emma Wilson",
        "emma.wilson@sandbox.example",
        "agent",
        "staff",
        "London",
        "en-gb",
        "London",
        False,
    ),
    (
        "Lukas Fischer",
        "lukas.fischer@sandbox.example",
        "agent",
        "team_lead",
        "Berlin",
        "de",
        "Berlin",
        False,
    ),
    (
        "Olivia Brown",
        "olivia.brown@sandbox.example",
        "agent",
        "staff",
        "London",
        "en-gb",
        None,
        True,
    ),
]
STAFF_COUNT = len(_STAFF)
# Group name → indexes into _STAFF (the first listed group of an agent is their default).
_GROUPS = [
    ("Support", [1, 4, 5, 6, 8, 9, 2]),
    ("Billing", [3, 7, 8]),
    ("Renewals", [2, 4, 7, 0]),
    ("Escalations", [2, 3, 10]),
]


@dataclass(slots=True)
class SampleData:
    """One account's worth of data, in Zendesk JSON shapes (without `url` keys)."""

    users: list[JsonDict]
    organizations: list[JsonDict]
    groups: list[JsonDict]
    group_memberships: list[JsonDict]
    user_fields: list[JsonDict]
    organization_fields: list[JsonDict]
    custom_roles: list[JsonDict]
    custom_statuses: list[JsonDict]
    ticket_fields: list[JsonDict]
    ticket_forms: list[JsonDict]
    macros: list[JsonDict]
    triggers: list[JsonDict] = field(default_factory=list)
    staff_ids: list[int] = field(default_factory=list)


def _ascii(text: str) -> str:
    """Letters and digits of `text` without accents, lower-cased (for email local parts)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


def _timestamp(day: dt.date, seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{day.isoformat()}T{hours:02d}:{minutes:02d}:{secs:02d}Z"


def _option(base: int, index: int, name: str, value: str) -> JsonDict:
    return {
        "id": base + index,
        "name": name,
        "raw_name": name,
        "value": value,
        "position": index,
        "default": False,
    }


def _user_fields() -> list[JsonDict]:
    def make(index: int, key: str, kind: str, title: str, **extra: Any) -> JsonDict:
        fid = USER_FIELD_ID_BASE + index
        record: JsonDict = {
            "id": fid,
            "key": key,
            "type": kind,
            "title": title,
            "raw_title": title,
            "description": extra.pop("description", ""),
            "raw_description": "",
            "position": index,
            "active": extra.pop("active", True),
            "system": False,
            "regexp_for_validation": extra.pop("regexp", None),
            "tag": extra.pop("tag", None),
            "created_at": EPOCH,
            "updated_at": EPOCH,
        }
        options = extra.pop("options", None)
        if options is not None:
            record["custom_field_options"] = [
                _option(fid * 10, i, name, value) for i, (name, value) in enumerate(options)
            ]
        record.update(extra)
        return record

    return [
        make(
            1,
            "plan",
            "dropdown",
            "Plan",
            options=[
                ("Basic", "basic"),
                ("Standard", "standard"),
                ("Premium", "premium"),
                ("Enterprise", "enterprise"),
            ],
        ),
        make(2, "renewal_date", "date", "Renewal date"),
        make(3, "city", "text", "City"),
        make(4, "customer_since", "date", "Customer since"),
        make(5, "newsletter", "checkbox", "Newsletter", tag="newsletter_subscriber"),
        make(6, "account_manager", "text", "Account manager"),
        make(7, "seats", "integer", "Seats"),
        make(8, "member_number", "regexp", "Member number", regexp=r"\A[A-Z]{2}-\d{6}\z"),
        make(9, "notes", "textarea", "Notes"),
        make(
            10,
            "legacy_crm_id",
            "text",
            "Legacy CRM id",
            active=False,
            description="No longer maintained",
        ),
    ]


def _organization_fields() -> list[JsonDict]:
    def make(
        index: int, key: str, kind: str, title: str, options: list[tuple[str, str]] | None = None
    ) -> JsonDict:
        fid = ORG_FIELD_ID_BASE + index
        record: JsonDict = {
            "id": fid,
            "key": key,
            "type": kind,
            "title": title,
            "raw_title": title,
            "description": "",
            "raw_description": "",
            "position": index,
            "active": True,
            "system": False,
            "regexp_for_validation": None,
            "created_at": EPOCH,
            "updated_at": EPOCH,
        }
        if options is not None:
            record["custom_field_options"] = [
                _option(fid * 10, i, name, value) for i, (name, value) in enumerate(options)
            ]
        return record

    return [
        make(
            1,
            "region",
            "dropdown",
            "Region",
            [
                ("APAC", "apac"),
                ("Greater China", "greater_china"),
                ("EMEA", "emea"),
                ("Americas", "amer"),
            ],
        ),
        make(
            2,
            "tier",
            "dropdown",
            "Tier",
            [("Gold", "gold"), ("Silver", "silver"), ("Bronze", "bronze")],
        ),
        make(3, "contract_end", "date", "Contract end"),
        make(4, "industry", "text", "Industry"),
    ]


def _custom_roles() -> dict[str, JsonDict]:
    def make(
        index: int,
        name: str,
        description: str,
        view_access: str,
        macro_access: str,
        ticket_access: str,
    ) -> JsonDict:
        return {
            "id": CUSTOM_ROLE_ID_BASE + index,
            "name": name,
            "description": description,
            "role_type": 0,
            "team_member_count": 0,
            "created_at": EPOCH,
            "updated_at": EPOCH,
            "configuration": {
                "chat_access": True,
                "end_user_list_access": "full",
                "end_user_profile_access": "edit",
                "explore_access": "readonly",
                "forum_access": "readonly",
                "forum_access_restricted_content": False,
                "group_access": False,
                "light_agent": False,
                "macro_access": macro_access,
                "manage_business_rules": False,
                "manage_dynamic_content": False,
                "manage_extensions_and_channels": False,
                "manage_facebook": False,
                "moderate_forums": False,
                "organization_editing": False,
                "organization_notes_editing": False,
                "report_access": "readonly",
                "side_conversation_create": True,
                "ticket_access": ticket_access,
                "ticket_comment_access": "public",
                "ticket_deletion": False,
                "ticket_editing": True,
                "ticket_merge": False,
                "ticket_tag_editing": True,
                "twitter_search_access": False,
                "user_view_access": "readonly",
                "view_access": view_access,
                "view_deleted_tickets": False,
                "voice_access": True,
            },
        }

    return {
        "staff": make(
            1,
            "Staff",
            "Works tickets; manages personal views only",
            "manage-personal",
            "manage-personal",
            "all",
        ),
        "team_lead": make(2, "Team lead", "Manages shared views and macros", "full", "full", "all"),
        "light": make(
            3, "Light agent", "Read-only collaborator", "readonly", "readonly", "within-groups"
        ),
    }


def _custom_statuses() -> list[JsonDict]:
    rows = [
        ("new", "New", "Open", True, True),
        ("open", "Open", "Open", True, True),
        ("pending", "Pending", "Awaiting your reply", True, True),
        ("hold", "On-hold", "Open", True, True),
        ("solved", "Solved", "Solved", True, True),
        ("open", "In progress", "Open", True, False),
        ("pending", "Awaiting renewal decision", "Awaiting your reply", True, False),
        ("hold", "Escalated to billing", "Open", True, False),
        ("solved", "Resolved (old workflow)", "Solved", False, False),
    ]
    result = []
    for index, (category, agent_label, end_user_label, active, default) in enumerate(rows, 1):
        result.append(
            {
                "id": CUSTOM_STATUS_ID_BASE + index,
                "status_category": category,
                "agent_label": agent_label,
                "raw_agent_label": agent_label,
                "end_user_label": end_user_label,
                "raw_end_user_label": end_user_label,
                "description": "",
                "raw_description": "",
                "end_user_description": "",
                "raw_end_user_description": "",
                "active": active,
                "default": default,
                "created_at": EPOCH,
                "updated_at": EPOCH,
            }
        )
    return result


def _ticket_fields() -> list[JsonDict]:
    def make(
        index: int,
        kind: str,
        title: str,
        *,
        required: bool = False,
        active: bool = True,
        removable: bool = True,
        options: list[tuple[str, str]] | None = None,
        system_options: list[tuple[str, str]] | None = None,
    ) -> JsonDict:
        fid = TICKET_FIELD_ID_BASE + index
        record: JsonDict = {
            "id": fid,
            "type": kind,
            "title": title,
            "raw_title": title,
            "description": "",
            "raw_description": "",
            "position": index,
            "active": active,
            "required": required,
            "collapsed_for_agents": False,
            "regexp_for_validation": None,
            "title_in_portal": title,
            "raw_title_in_portal": title,
            "visible_in_portal": True,
            "editable_in_portal": False,
            "required_in_portal": False,
            "tag": None,
            "removable": removable,
            "agent_description": None,
            "created_at": EPOCH,
            "updated_at": EPOCH,
        }
        if options is not None:
            record["custom_field_options"] = [
                _option(fid * 10, i, name, value) for i, (name, value) in enumerate(options)
            ]
        if system_options is not None:
            record["system_field_options"] = [
                {"name": name, "value": value} for name, value in system_options
            ]
        return record

    statuses = [("Open", "open"), ("Pending", "pending"), ("Solved", "solved")]
    return [
        make(1, "subject", "Subject", required=True, removable=False),
        make(2, "description", "Description", required=True, removable=False),
        make(3, "status", "Status", required=True, removable=False, system_options=statuses),
        make(4, "custom_status", "Ticket status", removable=False),
        make(
            5,
            "tickettype",
            "Type",
            removable=False,
            system_options=[
                ("Question", "question"),
                ("Incident", "incident"),
                ("Problem", "problem"),
                ("Task", "task"),
            ],
        ),
        make(
            6,
            "priority",
            "Priority",
            removable=False,
            system_options=[
                ("Low", "low"),
                ("Normal", "normal"),
                ("High", "high"),
                ("Urgent", "urgent"),
            ],
        ),
        make(7, "group", "Group", removable=False),
        make(8, "assignee", "Assignee", removable=False),
        # Custom fields: "Product" must be filled before a ticket can be solved.
        make(
            11,
            "tagger",
            "Product",
            required=True,
            options=[
                ("Subscription", "product_subscription"),
                ("Hardware", "product_hardware"),
                ("Services", "product_services"),
                ("Training", "product_training"),
            ],
        ),
        make(12, "text", "Order number"),
        make(
            13,
            "tagger",
            "Contact reason",
            options=[
                ("Renewal", "reason_renewal"),
                ("Onboarding", "reason_onboarding"),
                ("Outage", "reason_outage"),
                ("Billing", "reason_billing"),
            ],
        ),
        make(14, "date", "Follow-up date"),
        make(15, "checkbox", "Consent recorded"),
        # Inactive, so its `required` flag must not block solving.
        make(
            16,
            "tagger",
            "Legacy category",
            required=True,
            active=False,
            options=[("Legacy A", "legacy_a"), ("Legacy B", "legacy_b")],
        ),
    ]


PRODUCT_FIELD_ID = TICKET_FIELD_ID_BASE + 11


def _ticket_forms(fields: list[JsonDict]) -> list[JsonDict]:
    all_active = [f["id"] for f in fields if f["active"]]
    renewal = [TICKET_FIELD_ID_BASE + i for i in (1, 2, 3, 4, 6, 7, 8, 11, 13, 14)]
    rows = [
        (1, "Default Ticket Form", "Default", all_active, True, True),
        (2, "Renewal", "Renewal", renewal, False, True),
        (3, "Old intake form", "Intake", all_active, False, False),
    ]
    return [
        {
            "id": TICKET_FORM_ID_BASE + index,
            "name": name,
            "raw_name": name,
            "display_name": display,
            "raw_display_name": display,
            "position": index,
            "active": active,
            "default": default,
            "end_user_visible": True,
            "in_all_brands": True,
            "ticket_field_ids": ids,
            "restricted_brand_ids": [],
            "agent_conditions": [],
            "end_user_conditions": [],
            "created_at": EPOCH,
            "updated_at": EPOCH,
        }
        for index, name, display, ids, default, active in rows
    ]


def _macros(groups: dict[str, int]) -> list[JsonDict]:
    rows: list[tuple[str, str, bool, list[tuple[str, str]]]] = [
        (
            "Renewal follow-up",
            "Pending renewal: sets the product, tags and adds a reply",
            True,
            [
                ("status", "pending"),
                ("priority", "high"),
                ("group_id", str(groups["Renewals"])),
                (f"custom_fields_{PRODUCT_FIELD_ID}", "product_subscription"),
                ("current_tags", "renewal_followup proactive"),
                (
                    "comment_value_html",
                    "<p>Our renewals team will contact you within two business days.</p>",
                ),
                ("comment_mode_is_public", "true"),
            ],
        ),
        (
            "Escalate to Tier 2",
            "Hands the ticket to Escalations with an internal note",
            True,
            [
                ("group_id", str(groups["Escalations"])),
                ("priority", "urgent"),
                ("set_tags", "escalated"),
                ("comment_value", "Escalated to Tier 2 for review."),
                ("comment_mode_is_public", "false"),
            ],
        ),
        (
            "Solve: information sent",
            "Solves the ticket (needs the Product field)",
            True,
            [
                ("status", "solved"),
                ("comment_value", "We have sent you the information. Thank you!"),
            ],
        ),
        (
            "Take it",
            "Assigns the ticket to the agent applying the macro",
            True,
            [
                ("assignee_id", "current_user"),
                ("status", "open"),
            ],
        ),
        (
            "Welcome (old)",
            "Retired welcome text",
            False,
            [
                ("comment_value", "Welcome to our service!"),
                ("current_tags", "welcome"),
            ],
        ),
    ]
    return [
        {
            "id": MACRO_ID_BASE + index,
            "title": title,
            "raw_title": title,
            "description": description,
            "active": active,
            "position": index,
            "default": False,
            "restriction": None,
            "created_at": EPOCH,
            "updated_at": EPOCH,
            "actions": [{"field": name, "value": value} for name, value in actions],
        }
        for index, (title, description, active, actions) in enumerate(rows, 1)
    ]


def _organizations(rng: random.Random, count: int) -> tuple[list[JsonDict], list[str]]:
    """`count` organizations and, parallel to them, their culture ("ja", "zh", "latin")."""
    candidates: list[tuple[str, str, str, str]] = []  # name, domain, culture, industry
    for stem, stem_ascii in _JA_ORG_STEMS:
        for kind, kind_ascii, industry in _JA_ORG_KINDS:
            candidates.append(
                (f"株式会社{stem}{kind}", f"{stem_ascii}-{kind_ascii}.example", "ja", industry)
            )
    for city, city_ascii in _ZH_ORG_CITIES:
        for stem, stem_ascii in _ZH_ORG_STEMS:
            kind, kind_ascii, industry = _ZH_ORG_KINDS[len(candidates) % len(_ZH_ORG_KINDS)]
            candidates.append(
                (
                    f"{city}{stem}{kind}有限公司",
                    f"{stem_ascii}-{kind_ascii}-{city_ascii}.example",
                    "zh",
                    industry,
                )
            )
    for stem in _LATIN_ORG_STEMS:
        for kind, industry in _LATIN_ORG_KINDS:
            form = _LATIN_ORG_FORMS[len(candidates) % len(_LATIN_ORG_FORMS)]
            candidates.append(
                (
                    f"{stem} {kind} {form}",
                    f"{stem.lower()}-{kind.lower()}.example",
                    "latin",
                    industry,
                )
            )
    rng.shuffle(candidates)
    organizations: list[JsonDict] = []
    cultures: list[str] = []
    regions = {"ja": ["apac"], "zh": ["greater_china", "apac"], "latin": ["emea", "amer"]}
    for index in range(count):
        name, domain, culture, industry = candidates[index % len(candidates)]
        branch = index // len(candidates)
        if branch:
            name = f"{name} #{branch + 1}"
            domain = domain.replace(".example", f"{branch + 1}.example")
        created = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(2800))
        contract_end = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(900))
        tier = rng.choice(["gold", "silver", "silver", "bronze", "bronze", None])
        stamp = _timestamp(created, rng.randrange(86400))
        organizations.append(
            {
                "id": ORG_ID_BASE + index + 1,
                "name": name,
                "shared_tickets": False,
                "shared_comments": False,
                "external_id": None,
                "created_at": stamp,
                "updated_at": stamp,
                "domain_names": [domain],
                "details": "",
                "notes": "",
                "group_id": None,
                "tags": [tier] if tier else [],
                "organization_fields": {
                    "region": rng.choice(regions[culture]),
                    "tier": tier,
                    "contract_end": contract_end.isoformat() if rng.random() < 0.9 else None,
                    "industry": industry,
                },
            }
        )
        cultures.append(culture)
    return organizations, cultures


def _user_record(
    uid: int,
    name: str,
    email: str | None,
    role: str,
    created: str,
    place: tuple[str | None, str | None, str],
    org_id: int | None,
    tags: list[str],
    user_fields: JsonDict,
    *,
    suspended: bool = False,
    phone: str | None = None,
    external_id: str | None = None,
    role_type: int | None = None,
    custom_role_id: int | None = None,
    default_group_id: int | None = None,
) -> JsonDict:
    time_zone, iana, locale = place
    staff = role != "end-user"
    return {
        "id": uid,
        "name": name,
        "email": email,
        "created_at": created,
        "updated_at": created,
        "time_zone": time_zone,
        "iana_time_zone": iana,
        "phone": phone,
        "shared_phone_number": None if phone is None else False,
        "photo": None,
        "locale_id": _LOCALE_IDS.get(locale, 1),
        "locale": locale,
        "organization_id": org_id,
        "role": role,
        "verified": email is not None,
        "external_id": external_id,
        "tags": tags,
        "alias": None,
        "active": True,
        "shared": False,
        "shared_agent": False,
        "last_login_at": created if staff else None,
        "two_factor_auth_enabled": None,
        "signature": None,
        "details": "",
        "notes": "",
        "role_type": role_type,
        "custom_role_id": custom_role_id,
        "moderator": staff,
        "ticket_restriction": None if staff else "requested",
        "only_private_comments": False,
        "restricted_agent": not staff,
        "suspended": suspended,
        "default_group_id": default_group_id,
        "report_csv": staff,
        "user_fields": user_fields,
    }


def _empty_user_fields() -> JsonDict:
    return {
        "plan": None,
        "renewal_date": None,
        "city": None,
        "customer_since": None,
        "newsletter": False,
        "account_manager": None,
        "seats": None,
        "member_number": None,
        "notes": None,
        "legacy_crm_id": None,
    }


def generate(customers: int, seed: int) -> SampleData:
    """The whole sample account for `customers` end-users (plus a fixed staff) from `seed`."""
    rng = random.Random(seed)
    roles = _custom_roles()
    groups: list[JsonDict] = []
    memberships: list[JsonDict] = []
    staff_ids = [USER_ID_BASE + 1 + i for i in range(STAFF_COUNT)]
    default_group: dict[int, int] = {}
    for gindex, (gname, members) in enumerate(_GROUPS, 1):
        gid = GROUP_ID_BASE + gindex
        groups.append(
            {
                "id": gid,
                "name": gname,
                "description": f"{gname} team",
                "default": gindex == 1,
                "deleted": False,
                "is_public": True,
                "created_at": EPOCH,
                "updated_at": EPOCH,
            }
        )
        for member in members:
            uid = staff_ids[member]
            is_default = uid not in default_group
            default_group.setdefault(uid, gid)
            memberships.append(
                {
                    "id": MEMBERSHIP_ID_BASE + len(memberships) + 1,
                    "user_id": uid,
                    "group_id": gid,
                    "default": is_default,
                    "created_at": EPOCH,
                    "updated_at": EPOCH,
                }
            )
    group_ids = {g["name"]: int(g["id"]) for g in groups}

    users: list[JsonDict] = []
    staff_names = [s[0] for s in _STAFF]
    for index, staff in enumerate(_STAFF):
        name, staff_email, role, role_key, tz, locale, city, suspended = staff
        uid = staff_ids[index]
        fields = _empty_user_fields()
        fields["city"] = city
        iana = {
            "Tokyo": "Asia/Tokyo",
            "Beijing": "Asia/Shanghai",
            "Berlin": "Europe/Berlin",
            "Madrid": "Europe/Madrid",
            "London": "Europe/London",
        }.get(tz or "")
        role_record = roles[role_key] if role_key else None
        users.append(
            _user_record(
                uid,
                name,
                staff_email,
                role,
                EPOCH,
                (tz, iana, locale),
                None,
                [],
                fields,
                suspended=suspended,
                role_type=4 if role == "admin" else 0,
                custom_role_id=int(role_record["id"]) if role_record else None,
                default_group_id=default_group.get(uid),
            )
        )
        if role_record:
            role_record["team_member_count"] += 1

    org_count = max(3, customers // 20)
    organizations, org_cultures = _organizations(rng, org_count)
    org_by_culture: dict[str, list[JsonDict]] = {"ja": [], "zh": [], "latin": []}
    for organization, culture in zip(organizations, org_cultures, strict=True):
        org_by_culture[culture].append(organization)

    random_ = rng.random

    # random() scaled by hand is several times faster than randrange()/choice() and just as
    # deterministic; at 100,000 customers that is the difference between 1 s and 4 s.
    def randrange(n: int) -> int:
        return int(random_() * n)

    def choice(seq: Sequence[_T]) -> _T:
        return seq[int(random_() * len(seq))]

    ascii_cache: dict[str, str] = {}
    plan_values = [p for p, _ in _PLAN_WEIGHTS]
    plan_cum = []
    total = 0
    for _, weight in _PLAN_WEIGHTS:
        total += weight
        plan_cum.append(total)
    since_start = dt.date(2015, 1, 1).toordinal()
    renew_start = dt.date(2026, 1, 1).toordinal()
    fromordinal = dt.date.fromordinal
    # Formatting dates and times dominated generation; each distinct day is formatted once
    # and the times of day come from a table (every 7th second of the day).
    day_text: dict[int, str] = {}

    def iso(ordinal: int) -> str:
        text = day_text.get(ordinal)
        if text is None:
            text = day_text[ordinal] = fromordinal(ordinal).isoformat()
        return text

    clock = [f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(0, 86400, 7)]
    clock_size = len(clock)
    taken_emails: dict[str, int] = {}
    free_mail = ["mail.example", "post.example.jp", "inbox.example.cn", "webmail.example.com"]
    first_customer = USER_ID_BASE + 1 + STAFF_COUNT

    for n in range(customers):
        uid = first_customer + n
        roll = random_()
        if roll < 0.35:
            culture = "ja"
            family, family_ascii = choice(_JA_FAMILY)
            given, given_ascii = choice(_JA_GIVEN)
            if random_() < 0.1:  # some Japanese customers write their name in Latin letters
                name = f"{given_ascii.title()} {family_ascii.title()}"
            else:
                name = f"{family} {given}"
            places = _JA_PLACES
        elif roll < 0.6:
            culture = "zh"
            family, family_ascii = choice(_ZH_FAMILY)
            given, given_ascii = choice(_ZH_GIVEN)
            name = f"{family} {given}" if random_() < 0.5 else f"{family}{given}"
            places = _ZH_PLACES
        else:
            culture = "latin"
            given = choice(_LATIN_GIVEN)
            family = choice(_LATIN_FAMILY)
            given_ascii = ascii_cache.get(given) or ascii_cache.setdefault(given, _ascii(given))
            family_ascii = ascii_cache.get(family) or ascii_cache.setdefault(family, _ascii(family))
            name = f"{given} {family}"
            places = _LATIN_PLACES
        city, tz, iana, locale = choice(places)

        org: JsonDict | None = None
        pool = org_by_culture[culture] or organizations
        if random_() < 0.9 and pool:
            org = pool[randrange(len(pool))]

        email: str | None
        if random_() < 0.03:
            email = None
        else:
            if org is not None and random_() < 0.7:
                domain = org["domain_names"][0]
            else:
                domain = free_mail[randrange(len(free_mail))]
            local = f"{given_ascii}.{family_ascii}"
            base = f"{local}@{domain}"
            seen = taken_emails.get(base, 0)
            taken_emails[base] = seen + 1
            email = base if seen == 0 else f"{local}{seen + 1}@{domain}"
            if random_() < 0.01:  # addresses typed with capitals: look-ups must ignore case
                email = email[0].upper() + email[1:]

        since_day = since_start + randrange(4200)
        created = iso(since_day) + clock[randrange(clock_size)]
        pick = randrange(total)
        plan = plan_values[bisect.bisect_right(plan_cum, pick)]
        if random_() < 0.04:
            city_value: str | None = None
        elif random_() < 0.03:
            city_value = _LOCAL_SCRIPT_CITY.get(city, city)
        else:
            city_value = city
        fields = {
            "plan": plan,
            "renewal_date": (iso(renew_start + randrange(730)) if random_() < 0.92 else None),
            "city": city_value,
            "customer_since": iso(since_day),
            "newsletter": random_() < 0.6,
            "account_manager": staff_names[4 + randrange(7)] if random_() < 0.5 else None,
            "seats": (5 + randrange(500)) if plan in ("premium", "enterprise") else None,
            "member_number": (
                f"{'JP' if culture == 'ja' else 'CN' if culture == 'zh' else 'EU'}"
                f"-{randrange(1_000_000):06d}"
            ),
            "notes": _NOTES[randrange(len(_NOTES))] if random_() < 0.1 else None,
            "legacy_crm_id": f"CRM-{randrange(100_000):05d}" if random_() < 0.2 else None,
        }
        tag_roll = random_()
        tags: list[str] = []
        if tag_roll < 0.5:
            tags.append(_TAG_POOL[randrange(len(_TAG_POOL))])
            if tag_roll < 0.15:
                extra = _TAG_POOL[randrange(len(_TAG_POOL))]
                if extra not in tags:
                    tags.append(extra)
        if plan:
            tags.append(f"plan_{plan}")
        phone = None
        if random_() < 0.4:
            phone = f"{_PHONE_PREFIX[culture]}{randrange(10_000):04d}-{randrange(10_000):04d}"
        no_tz = random_() < 0.05
        users.append(
            _user_record(
                uid,
                name,
                email,
                "end-user",
                created,
                (None if no_tz else tz, None if no_tz else iana, locale),
                org["id"] if org is not None else None,
                tags,
                fields,
                suspended=random_() < 0.02,
                phone=phone,
                external_id=f"cust-{uid - first_customer + 1:06d}" if random_() < 0.3 else None,
            )
        )

    user_fields = _user_fields()
    ticket_fields = _ticket_fields()
    return SampleData(
        users=users,
        organizations=organizations,
        groups=groups,
        group_memberships=memberships,
        user_fields=user_fields,
        organization_fields=_organization_fields(),
        custom_roles=list(roles.values()),
        custom_statuses=_custom_statuses(),
        ticket_fields=ticket_fields,
        ticket_forms=_ticket_forms(ticket_fields),
        macros=_macros(group_ids),
        triggers=_triggers(group_ids),
        staff_ids=staff_ids,
    )


def _condition(field_name: str, operator: str, value: object) -> JsonDict:
    return {"field": field_name, "operator": operator, "value": value}


def _triggers(groups: dict[str, int]) -> list[JsonDict]:
    """Business rules as a typical account has them: Zendesk's standard notifications (the
    proactive one among them), a routing rule, a rule on a customer field, a retired rule."""
    email_requester = {
        "field": "notification_user",
        "value": ["requester_id", "{{ticket.title}}", "{{ticket.latest_comment_html}}"],
    }
    rows: list[tuple[str, bool, list[JsonDict], list[JsonDict], list[JsonDict]]] = [
        (
            "Notify requester of new proactive ticket",
            True,
            [
                _condition("update_type", "is", "Create"),
                _condition("role", "is_not", "end_user"),
                _condition("comment_is_public", "is", "true"),
                _condition("requester_id", "is_not", "current_user"),
            ],
            [],
            [email_requester],
        ),
        (
            "Notify requester and CCs of received request",
            True,
            [_condition("update_type", "is", "Create"), _condition("role", "is", "end_user")],
            [],
            [email_requester],
        ),
        (
            "Notify all agents of received request",
            True,
            [_condition("update_type", "is", "Create")],
            [],
            [
                {
                    "field": "notification_user",
                    "value": ["all_agents", "New ticket", "{{ticket.latest_comment_html}}"],
                }
            ],
        ),
        (
            "Route billing questions",
            True,
            [_condition("update_type", "is", "Create")],
            [_condition("current_tags", "includes", "billing invoice")],
            [{"field": "group_id", "value": str(groups["Billing"])}],
        ),
        (
            "Premium customers: high priority",
            True,
            [
                _condition("update_type", "is", "Create"),
                _condition("requester.custom_fields.plan", "is", "premium"),
            ],
            [],
            [{"field": "priority", "value": "high"}],
        ),
        (
            "Survey after solving (retired)",
            False,
            [_condition("status", "is", "solved")],
            [],
            [email_requester],
        ),
    ]
    return [
        {
            "id": TRIGGER_ID_BASE + index,
            "title": title,
            "raw_title": title,
            "active": active,
            "position": index,
            "description": None,
            "category_id": "10026",
            "conditions": {"all": all_conditions, "any": any_conditions},
            "actions": actions,
            "created_at": EPOCH,
            "updated_at": EPOCH,
        }
        for index, (title, active, all_conditions, any_conditions, actions) in enumerate(
            rows, start=1
        )
    ]


__all__ = ["ACCOUNT_ID", "FIRST_TICKET_ID", "STAFF_COUNT", "SampleData", "generate"]
