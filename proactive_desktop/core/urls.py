"""The address rules: https always, plain http only for loopback, a bare subdomain → *.zendesk.com.

Checked before any connection is opened (CLI.md "URL rules").
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from proactive_desktop.core.errors import UrlError
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP

# A Zendesk subdomain: letters, digits and inner hyphens (RFC 1123 label).
_SUBDOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost` are loopback; nothing else is."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_base_url(text: str) -> str:
    """Return the account's base URL (scheme://host[:port], no trailing slash) or raise UrlError."""
    raw = text.strip()
    if not raw:
        raise UrlError(QT_TRANSLATE_NOOP("Errors", "Enter your Zendesk subdomain or address."))
    if "://" not in raw:
        candidate = raw.lower()
        if candidate.endswith(".zendesk.com"):
            candidate = candidate.removesuffix(".zendesk.com")
        if not _SUBDOMAIN.match(candidate):
            raise UrlError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    '"{text}" is not a Zendesk subdomain: use letters, digits and hyphens, '
                    "as in acme or https://acme.zendesk.com.",
                ),
                text=raw,
            )
        return f"https://{candidate}.zendesk.com"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise UrlError(
            QT_TRANSLATE_NOOP("Errors", '"{text}" is not a valid address.'), text=raw
        ) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host:
        raise UrlError(QT_TRANSLATE_NOOP("Errors", '"{text}" is not a valid address.'), text=raw)
    if parts.username or parts.password:
        raise UrlError(
            QT_TRANSLATE_NOOP("Errors", "The address must not contain a user name or password.")
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UrlError(
            QT_TRANSLATE_NOOP(
                "Errors",
                'Enter only the account address, without a path: for example "{example}".',
            ),
            example=f"{scheme}://{host}",
        )
    loopback = is_loopback_host(host)
    if scheme == "http" and not loopback:
        raise UrlError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Plain http:// is refused for {host}: the token would travel unencrypted. "
                "Use https://.",
            ),
            host=host,
        )
    if not loopback and not all(_HOST_LABEL.match(label) for label in host.split(".")):
        raise UrlError(QT_TRANSLATE_NOOP("Errors", '"{text}" is not a valid address.'), text=raw)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return f"{scheme}://{netloc}"


def account_host(base_url: str) -> str:
    """The host (and port) part of a normalised base URL, for keychain entries and messages."""
    return urlsplit(base_url).netloc
