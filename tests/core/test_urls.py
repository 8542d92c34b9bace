"""The address rules (CLI.md "URL rules"): https always, http only for loopback, bare subdomains."""

from __future__ import annotations

import pytest

from proactive_desktop.core.errors import InputError, UrlError
from proactive_desktop.core.urls import account_host, is_loopback_host, normalise_base_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme", "https://acme.zendesk.com"),
        ("  ACME  ", "https://acme.zendesk.com"),
        ("acme-support", "https://acme-support.zendesk.com"),
        ("acme.zendesk.com", "https://acme.zendesk.com"),
        ("https://acme.zendesk.com", "https://acme.zendesk.com"),
        ("https://acme.zendesk.com/", "https://acme.zendesk.com"),
        ("HTTPS://Support.Acme.Example", "https://support.acme.example"),
        ("https://acme.zendesk.com:8443", "https://acme.zendesk.com:8443"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("http://127.5.6.7:80", "http://127.5.6.7:80"),
        ("http://localhost:9000/", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_accepted_addresses(text: str, expected: str) -> None:
    assert normalise_base_url(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "subdomain"),
        ("acme_support", "letters, digits and hyphens"),
        ("ac me", "letters, digits and hyphens"),
        ("-acme", "letters, digits and hyphens"),
        ("acme!", "letters, digits and hyphens"),
        ("アクメ", "letters, digits and hyphens"),
        ("http://acme.zendesk.com", "unencrypted"),
        ("http://10.0.0.5:8080", "unencrypted"),
        ("https://acme.zendesk.com/agent/tickets/1", "without a path"),
        ("https://acme.zendesk.com/?x=1", "without a path"),
        ("https://user:pw@acme.zendesk.com", "user name or password"),
        ("ftp://acme.zendesk.com", "not a valid address"),
        ("https://", "not a valid address"),
        ("https://acme.zendesk.com:99999", "not a valid address"),
        ("https://acme_x.zendesk.com", "not a valid address"),
    ],
)
def test_refused_addresses_say_why(text: str, words: str) -> None:
    with pytest.raises(UrlError) as caught:
        normalise_base_url(text)
    assert isinstance(caught.value, InputError)  # exit 2 on the command line
    assert words in str(caught.value)
    assert caught.value.message.context == "Errors"
    assert "{" not in str(caught.value)  # every field filled in


def test_password_is_not_echoed() -> None:
    with pytest.raises(UrlError) as caught:
        normalise_base_url("https://user:hunter22@acme.zendesk.com")
    assert "hunter22" not in str(caught.value)
    assert "hunter22" not in repr(caught.value.message)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("10.0.0.1", False),
        ("localhost.example.com", False),
        ("acme.zendesk.com", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_account_host_keeps_the_port() -> None:
    assert account_host("http://127.0.0.1:8123") == "127.0.0.1:8123"
    assert account_host("https://acme.zendesk.com") == "acme.zendesk.com"
