"""Placeholders, Markdown, sanitising and escaping of ticket bodies (core/render.py)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from zendesk_helpers import client_for

from proactive_desktop.core.campaign_file import load_campaign_file
from proactive_desktop.core.errors import CampaignFileError
from proactive_desktop.core.models import (
    BodyFormat,
    Customer,
    FieldOption,
    Organization,
    OrganizationId,
    TicketSpec,
    UserField,
    UserId,
)
from proactive_desktop.core.paths import resource_path
from proactive_desktop.core.recipients import resolve_recipients
from proactive_desktop.core.render import (
    MISSING_VALUE,
    Rendered,
    Skip,
    TicketTemplate,
    compile_ticket,
    first_name,
    last_name,
    sanitise_html,
)
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_TOKEN, SandboxServer

USER_FIELDS = [
    UserField(
        1,
        "plan",
        "dropdown",
        "Plan",
        options=(FieldOption("Premium", "premium"), FieldOption("Basic", "basic")),
    ),
    UserField(2, "renewal_date", "date", "Renewal date"),
    UserField(3, "city", "text", "City"),
    UserField(4, "newsletter", "checkbox", "Newsletter"),
    UserField(5, "seats", "integer", "Seats"),
]
ORGANIZATION_FIELDS = [UserField(11, "tier", "text", "Tier")]

ACME = Organization(OrganizationId(7), "Acme K.K.", {"tier": "gold"})


def customer(**overrides: Any) -> Customer:
    values: dict[str, Any] = {
        "id": UserId(3101),
        "name": "Hanako Sato",
        "email": "hanako@example.com",
        "organization_id": OrganizationId(7),
        "user_fields": {"plan": "premium", "renewal_date": "2026-11-30", "city": "Tokyo"},
    }
    values.update(overrides)
    return Customer(**values)


def template(
    subject: str = "Hello", body: str = "Hi", fmt: BodyFormat = BodyFormat.MARKDOWN
) -> TicketTemplate:
    return compile_ticket(
        TicketSpec(subject=subject, body=body, format=fmt), USER_FIELDS, ORGANIZATION_FIELDS
    )


def rendered(
    subject: str = "Hello",
    body: str = "Hi",
    fmt: BodyFormat = BodyFormat.MARKDOWN,
    who: Customer | None = None,
    organization: Organization | None = ACME,
) -> Rendered:
    result = template(subject, body, fmt).render(who or customer(), organization)
    assert isinstance(result, Rendered), result
    return result


def subject_of(text: str, **overrides: Any) -> str:
    return rendered(subject=text, who=customer(**overrides)).subject


# -- every placeholder ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("placeholder", "expected"),
    [
        ("{{user.name}}", "Hanako Sato"),
        ("{{user.first_name}}", "Hanako"),
        ("{{user.last_name}}", "Sato"),
        ("{{user.email}}", "hanako@example.com"),
        ("{{user.id}}", "3101"),
        ("{{user.user_fields.renewal_date}}", "2026-11-30"),
        ("{{user.user_fields.city}}", "Tokyo"),
        ("{{organization.name}}", "Acme K.K."),
        ("{{organization.organization_fields.tier}}", "gold"),
    ],
)
def test_each_placeholder_is_replaced_in_subject_and_body(placeholder: str, expected: str) -> None:
    result = rendered(subject=f"[{placeholder}]", body=f"Value: {placeholder}")
    assert result.subject == f"[{expected}]"
    assert result.html_body == f"<p>Value: {html.escape(expected, quote=False)}</p>\n"


def test_a_dropdown_value_is_shown_by_its_option_name() -> None:
    assert subject_of("Your {{user.user_fields.plan}} plan") == "Your Premium plan"
    # A value that is not one of the options is shown as it is.
    assert subject_of("{{user.user_fields.plan}}", user_fields={"plan": "legacy"}) == "legacy"


def test_checkbox_and_number_values_become_text() -> None:
    fields = {"newsletter": True, "seats": 25}
    assert (
        subject_of("{{user.user_fields.newsletter}}/{{user.user_fields.seats}}", user_fields=fields)
        == "true/25"
    )
    # False is a value, not a missing one: the checkbox was answered.
    assert subject_of("{{user.user_fields.newsletter}}", user_fields={"newsletter": False}) == (
        "false"
    )


def test_whitespace_inside_the_braces_is_tolerated() -> None:
    assert subject_of("{{  user.first_name  }}!") == "Hanako!"
    assert subject_of("{{user.first_name|default:'x'}}") == "Hanako"


def test_placeholders_lists_each_distinct_placeholder_subject_first() -> None:
    compiled = template(
        "{{user.user_fields.plan}} {{user.name}}",
        "{{user.name}} {{organization.name}} {{user.name | default: 'x'}}",
    )
    assert compiled.placeholders == (
        "{{user.user_fields.plan}}",
        "{{user.name}}",
        "{{organization.name}}",
    )


# -- first and last names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("Hanako Sato", "Hanako", "Sato"),
        ("佐藤 花子", "佐藤", "花子"),
        ("佐藤\u3000花子", "佐藤", "花子"),  # an ideographic space, as Japanese IMEs type it
        ("Jean Claude Van Damme", "Jean", "Claude Van Damme"),
        ("  Ana   Lima  ", "Ana", "Lima"),
        ("Madonna", "Madonna", ""),
        ("王伟", "王伟", ""),
        ("", "", ""),
    ],
)
def test_first_name_is_the_first_word_and_last_name_the_rest(
    name: str, first: str, last: str
) -> None:
    assert first_name(name) == first
    assert last_name(name) == last


def test_cjk_names_render_in_subject_and_body() -> None:
    result = rendered(
        subject="{{user.last_name}}様 / {{user.first_name}}",
        body="{{user.first_name}} {{user.last_name}} 様",
        who=customer(name="佐藤 花子"),
    )
    assert result.subject == "花子様 / 佐藤"
    assert result.html_body == "<p>佐藤 花子 様</p>\n"


def test_a_one_word_name_has_no_last_name_so_it_needs_a_default() -> None:
    compiled = template("Dear {{user.last_name}}")
    result = compiled.render(customer(name="Madonna"), ACME)
    assert isinstance(result, Skip)
    assert result.reason == "missing value for {{user.last_name}}"
    fallback = template('Dear {{user.last_name | default: "customer"}}')
    assert fallback.render(customer(name="Madonna"), ACME) == Rendered(
        "Dear customer", "<p>Hi</p>\n"
    )


# -- missing values and defaults -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("placeholder", "who", "organization"),
    [
        ("{{user.user_fields.plan}}", customer(user_fields={}), ACME),
        ("{{user.user_fields.plan}}", customer(user_fields={"plan": None}), ACME),
        ("{{user.user_fields.plan}}", customer(user_fields={"plan": ""}), ACME),
        ("{{user.user_fields.city}}", customer(user_fields={"city": "   "}), ACME),
        ("{{user.email}}", customer(email=None), ACME),
        ("{{organization.name}}", customer(), None),
        ("{{organization.organization_fields.tier}}", customer(), None),
        (
            "{{organization.organization_fields.tier}}",
            customer(),
            Organization(OrganizationId(7), "A"),
        ),
    ],
)
def test_an_empty_value_without_default_skips_with_the_exact_reason(
    placeholder: str, who: Customer, organization: Organization | None
) -> None:
    result = template(body=f"Hello {placeholder}").render(who, organization)
    assert isinstance(result, Skip)
    assert result.reason == f"missing value for {placeholder}"
    # The same sentence is offered for translation, with the placeholder as a named field.
    assert result.message.source == MISSING_VALUE == "missing value for {placeholder}"
    assert result.message.context == "Reasons"
    assert result.message.params == {"placeholder": placeholder}
    assert result.message.english() == result.reason


def test_the_reason_names_the_placeholder_without_its_default_or_spacing() -> None:
    result = template("{{ user.user_fields.plan }}").render(customer(user_fields={}), ACME)
    assert isinstance(result, Skip)
    assert result.reason == "missing value for {{user.user_fields.plan}}"


def test_a_default_fills_an_empty_value_in_either_quote_style() -> None:
    nobody = customer(name="", user_fields={})
    compiled = template(
        "{{user.first_name | default: \"there\"}} / {{user.user_fields.plan|default:'standard'}}",
        "Hello {{ user.first_name | default : 'there' }}",
    )
    assert compiled.render(nobody, None) == Rendered("there / standard", "<p>Hello there</p>\n")


def test_a_default_may_contain_braces_and_the_other_quote() -> None:
    compiled = template('{{user.email | default: "it\'s }} here"}}')
    assert compiled.render(customer(email=None), ACME) == Rendered("it's }} here", "<p>Hi</p>\n")


def test_the_same_placeholder_with_and_without_default_still_needs_the_value() -> None:
    compiled = template(
        "{{user.user_fields.city | default: 'your city'}}", "{{user.user_fields.city}}"
    )
    result = compiled.render(customer(user_fields={}), ACME)
    assert isinstance(result, Skip)
    assert result.reason == "missing value for {{user.user_fields.city}}"


# -- compile errors name the placeholder and the key ---------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body", "key", "named"),
    [
        ("{{user.user_fields.plna}}", "Hi", "ticket.subject", "plna"),
        ("Hi", "Dear {{user.user_fields.tier}}", "ticket.body", "tier"),
        ("Hi", "{{organization.organization_fields.plan}}", "ticket.body", "plan"),
        ("Hi", "{{user.nickname}}", "ticket.body", "{{user.nickname}}"),
        ("{{ticket.id}}", "Hi", "ticket.subject", "{{ticket.id}}"),
        ("Hi", "{{user.first_name | upcase}}", "ticket.body", "{{user.first_name | upcase"),
        ("Hi", "{{user.first_name | default: there}}", "ticket.body", "default: there"),
        ("Hello {{user.name", "Hi", "ticket.subject", "{{user.name"),
        ("Hi", "Hello {{ }}", "ticket.body", "{{ }}"),
        ("Hi", "{{user.user_fields.}}", "ticket.body", "{{user.user_fields.}}"),
    ],
)
def test_unknown_or_malformed_placeholders_are_bad_input(
    subject: str, body: str, key: str, named: str
) -> None:
    with pytest.raises(CampaignFileError) as caught:
        template(subject, body)
    assert caught.value.key == key
    assert named in str(caught.value)


def test_a_field_from_the_other_scope_is_not_accepted() -> None:
    # "tier" is an organization field: asking the user for it is a typo, not a skip.
    with pytest.raises(CampaignFileError, match='user field "tier"'):
        template(body="{{user.user_fields.tier}}")


def test_text_without_placeholders_and_single_braces_is_fine() -> None:
    result = rendered(subject="Plan {renewal} }} {", body="a { b } c }}")
    assert result.subject == "Plan {renewal} }} {"
    assert result.html_body == "<p>a { b } c }}</p>\n"


# -- subject stays plain text ----------------------------------------------------------------


def test_the_subject_is_plain_text_never_escaped() -> None:
    who = customer(name='<b>Tom & "Jerry"</b>')
    result = rendered(subject="Re: {{user.name}} <i>now</i> *x*", who=who)
    assert result.subject == 'Re: <b>Tom & "Jerry"</b> <i>now</i> *x*'


def test_newlines_in_the_subject_become_single_spaces() -> None:
    who = customer(user_fields={"city": "Tokyo\r\nInjected: header"})
    result = rendered(subject="  Line one\nline two {{user.user_fields.city}}\n", who=who)
    assert result.subject == "Line one line two Tokyo Injected: header"
    assert "\n" not in result.subject
    assert "\r" not in result.subject


# -- values are text, never markup -------------------------------------------------------------

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<b>bold</b>",
    "*bold* _em_ **strong** `code`",
    "[click](javascript:alert(1))",
    "[site](https://evil.example)",
    "![img](https://evil.example/x.png)",
    "# Heading",
    "> quote",
    "- item",
    "1. item",
    "---",
    "| a | b |",
    "&amp; &lt;b&gt;",
    '" onmouseover="alert(1)',
    "https://evil.example",
    "\\*escaped\\*",
]


@pytest.mark.parametrize("fmt", list(BodyFormat))
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_value_is_inserted_as_escaped_text(fmt: BodyFormat, value: str) -> None:
    body = "Hello {{user.user_fields.city}} and {{user.name}}"
    if fmt == BodyFormat.HTML:
        body = f"<p>{body}</p>"
    result = rendered(body=body, fmt=fmt, who=customer(name=value, user_fields={"city": value}))
    text = html.escape(value, quote=False)
    expected = f"<p>Hello {text} and {text}</p>\n"
    assert result.html_body.strip() == expected.strip()


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_value_alone_on_a_markdown_line_does_not_become_a_block(value: str) -> None:
    # At the start of a line "# x", "- x" or "> x" would be Markdown blocks if substituted
    # before rendering; the value must stay one paragraph of text.
    result = rendered(body="{{user.user_fields.city}}", who=customer(user_fields={"city": value}))
    assert result.html_body == f"<p>{html.escape(value, quote=False)}</p>\n"


def test_a_value_inside_markdown_emphasis_and_code_stays_text() -> None:
    who = customer(name="<b>*x*</b>")
    result = rendered(body="**{{user.name}}** and `{{user.name}}`", who=who)
    assert result.html_body == (
        "<p><strong>&lt;b&gt;*x*&lt;/b&gt;</strong> and <code>&lt;b&gt;*x*&lt;/b&gt;</code></p>\n"
    )


def test_a_default_is_inserted_as_text_too() -> None:
    result = rendered(body="Hi {{user.email | default: '<b>*you*</b>'}}", who=customer(email=None))
    assert result.html_body == "<p>Hi &lt;b&gt;*you*&lt;/b&gt;</p>\n"


def test_a_value_that_looks_like_a_token_cannot_reach_another_placeholder() -> None:
    compiled = template(body="{{user.name}}|{{user.user_fields.city}}")
    token = compiled._body_html.split("|")[0].removeprefix("<p>")  # the inert token of user.name
    assert re.fullmatch(r"PDT[0-9a-f]+N0E", token)
    result = compiled.render(customer(name="x", user_fields={"city": token}), ACME)
    assert isinstance(result, Rendered)
    # The city's value is inserted once, literally; it is not replaced again.
    assert result.html_body == f"<p>x|{token}</p>\n"


# -- link addresses built from values are sanitised per customer --------------------------------


@pytest.mark.parametrize("fmt", list(BodyFormat))
def test_a_placeholder_inside_a_link_address_is_sanitised_with_the_value(fmt: BodyFormat) -> None:
    body = (
        "[your page]({{user.user_fields.city}})"
        if fmt == BodyFormat.MARKDOWN
        else '<a href="{{user.user_fields.city}}">your page</a>'
    )
    compiled = template(body=body, fmt=fmt)
    assert compiled.sanitises_per_customer
    good = compiled.render(customer(user_fields={"city": "https://example.com/a?b=1&c=2"}), ACME)
    assert isinstance(good, Rendered)
    assert 'href="https://example.com/a?b=1&amp;c=2"' in good.html_body
    assert 'rel="noopener noreferrer"' in good.html_body
    for hostile in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x"):
        bad = compiled.render(customer(user_fields={"city": hostile}), ACME)
        assert isinstance(bad, Rendered)
        assert "javascript" not in bad.html_body.lower()
        assert "data:" not in bad.html_body
        assert "<script" not in bad.html_body
        assert "your page" in bad.html_body
    quoted = compiled.render(customer(user_fields={"city": 'https://x.example/" onclick="a'}), ACME)
    assert isinstance(quoted, Rendered)
    # The quote stays inside the address: no new attribute appears on the link.
    links = [attributes for tag, attributes in start_tags(quoted.html_body) if tag == "a"]
    assert links == [{"href": 'https://x.example/" onclick="a', "rel": "noopener noreferrer"}]


def start_tags(fragment: str) -> list[tuple[str, dict[str, str | None]]]:
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    collector = Collector()
    collector.feed(fragment)
    collector.close()
    return found


def test_text_only_templates_sanitise_once() -> None:
    assert not template(
        body="Hello **{{user.name}}** [site](https://example.com)"
    ).sanitises_per_customer


def test_fast_and_per_customer_paths_agree_on_text_values() -> None:
    # The argument for sanitising once: for text positions the result equals sanitising again.
    compiled = template(body="# Hi {{user.name}}\n\n*{{user.user_fields.city}}* [a](https://x.y)")
    awkward = ["no\xa0break", "cr\r\nlf\rcr", "nul\x00here", "tab\tand \u2028 sep", "😀 𠮷"]
    for value in [*HOSTILE_VALUES, *awkward]:
        result = compiled.render(customer(name=value, user_fields={"city": value}), ACME)
        assert isinstance(result, Rendered)
        assert sanitise_html(result.html_body) == result.html_body


# -- the body's own markup -------------------------------------------------------------------


def test_markdown_renders_commonmark_tables_and_strikethrough() -> None:
    body = (
        "# Title\n\nSome **bold**, *em*, ~~gone~~ and `code`.\n\n"
        "- one\n- two\n\n1. first\n\n> quoted\n\n"
        "```\nfenced <b>\n```\n\n"
        "| Plan | Price |\n|:-----|------:|\n| Basic | 10 |\n\n"
        '[link](https://example.com "Title") ![logo](https://example.com/logo.png)\n\n---\n'
    )
    out = rendered(body=body).html_body
    for fragment in (
        "<h1>Title</h1>",
        "<strong>bold</strong>",
        "<em>em</em>",
        "<s>gone</s>",
        "<code>code</code>",
        "<ul>\n<li>one</li>",
        "<ol>\n<li>first</li>",
        "<blockquote>",
        "<pre><code>fenced &lt;b&gt;\n</code></pre>",
        "<table>",
        '<th style="text-align:left">Plan</th>',
        '<td style="text-align:right">10</td>',
        '<a href="https://example.com" title="Title" rel="noopener noreferrer">link</a>',
        '<img src="https://example.com/logo.png" alt="logo">',
        "<hr>",
    ):
        assert fragment in out, fragment


def test_raw_html_in_a_markdown_body_is_shown_as_text() -> None:
    out = rendered(body="Hello <b>there</b> <script>alert(1)</script>").html_body
    assert out == "<p>Hello &lt;b&gt;there&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_markdown_refuses_script_links() -> None:
    out = rendered(body="[x](javascript:alert(1)) [y](vbscript:x) [z](data:text/html,x)").html_body
    assert "<a" not in out
    assert "href" not in out


@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("<p>a</p><script>alert(1)</script>", "<script"),
        ("<p>a</p><script>alert(1)</script>", "alert"),
        ("<style>p{color:red}</style><p>a</p>", "color"),
        ('<img src="https://x.example/a.png" onerror="alert(1)">', "onerror"),
        ('<p onclick="alert(1)">a</p>', "onclick"),
        ('<a href="javascript:alert(1)">a</a>', "javascript"),
        ('<a href=" JAVASCRIPT:alert(1)">a</a>', "javascript"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "data:"),
        ('<img src="data:image/png;base64,AAAA">', "data:"),
        ('<img src="mailto:a@b.c">', "mailto"),
        ('<img src="/relative.png">', "relative"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ('<form action="https://evil.example"><input></form>', "form"),
        ('<div style="background:url(x)">a</div>', "style"),
        ('<p style="position:fixed">a</p>', "position"),
        ("<!-- secret comment --><p>a</p>", "secret"),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
        ('<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>', "javascript"),
    ],
)
def test_html_bodies_are_sanitised(body: str, forbidden: str) -> None:
    out = rendered(body=body, fmt=BodyFormat.HTML).html_body
    assert forbidden.lower() not in out.lower()


def test_safe_html_is_kept_and_links_get_rel() -> None:
    body = (
        "<h2>Hi</h2><p>Text <strong>b</strong> <em>i</em> <u>u</u> <s>s</s><br>line</p>"
        "<ul><li>x</li></ul><blockquote>q</blockquote><pre><code>c</code></pre><hr>"
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>"
        '<a href="https://example.com" title="t" target="_blank">l</a> '
        '<a href="mailto:help@example.com">mail</a> <img src="https://x.example/i.png" alt="i">'
    )
    out = rendered(body=body, fmt=BodyFormat.HTML).html_body
    assert out == (
        "<h2>Hi</h2><p>Text <strong>b</strong> <em>i</em> <u>u</u> <s>s</s><br>line</p>"
        "<ul><li>x</li></ul><blockquote>q</blockquote><pre><code>c</code></pre><hr>"
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>"
        '<a href="https://example.com" title="t" rel="noopener noreferrer">l</a> '
        '<a href="mailto:help@example.com" rel="noopener noreferrer">mail</a> '
        '<img src="https://x.example/i.png" alt="i">'
    )


# -- speed --------------------------------------------------------------------------------------


def test_rendering_ten_thousand_customers() -> None:
    """Each gets their own ticket (how fast: bench/bench_speeds.py)."""
    compiled = template(
        "Your {{user.user_fields.plan}} plan, {{user.first_name | default: 'there'}}",
        "# Hello {{user.name}}\n\nYour plan at **{{organization.name}}** renews on "
        "{{user.user_fields.renewal_date}}.\n\n| a | b |\n|---|---|\n| {{user.email}} | x |\n",
    )
    people = [
        customer(id=UserId(i), name=f"Customer {i} <{i}>", email=f"c{i}@example.com")
        for i in range(10_000)
    ]
    results = [compiled.render(each, ACME) for each in people]
    assert all(isinstance(result, Rendered) for result in results)
    assert "Customer 9999 &lt;9999&gt;" in results[-1].html_body  # type: ignore[union-attr]
    assert len({result.html_body for result in results}) == len(people)  # type: ignore[union-attr]


def test_tokens_survive_markdown_next_to_words_and_emphasis() -> None:
    result = rendered(
        body="_{{user.first_name}}_'s plan: {{user.user_fields.city}}s, [{{user.name}}](https://a.b)",
        who=customer(name="Ann Lee", user_fields={"city": "Kyoto"}),
    )
    assert result.html_body == (
        "<p><em>Ann</em>'s plan: Kyotos, "
        '<a href="https://a.b" rel="noopener noreferrer">Ann Lee</a></p>\n'
    )


def test_the_sample_campaign_renders_for_the_sandbox_customers(sandbox: SandboxServer) -> None:
    spec = load_campaign_file(resource_path("resources", "sample-campaign.toml"))
    client = client_for(sandbox.url, DEMO_EMAIL, DEMO_TOKEN)
    compiled = compile_ticket(spec.ticket, client.user_fields(), client.organization_fields())
    resolution = resolve_recipients(spec, client, lambda name: None)
    results = [each_render for each in resolution.sendable
               for each_render in [compiled.render(each.customer, each.organization)]
               if each.customer is not None]  # fmt: skip
    rendered_ok = [each for each in results if isinstance(each, Rendered)]
    assert len(rendered_ok) == len(results) > 10
    first = rendered_ok[0]
    assert first.subject.startswith("Your Premium plan renews on ")
    assert "<strong>Premium</strong>" in first.html_body
    assert "{{" not in first.subject + first.html_body
