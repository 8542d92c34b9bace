"""One exception tree for the whole program; every error carries a translatable user message.

The command line maps the families to exit codes (InputError → 2, Unreachable → 3); the wizard
shows `message` translated. Exception texts never contain a secret: callers pass ids, hosts and
Zendesk's own messages, never headers or tokens.
"""

from __future__ import annotations

from typing import Any

from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message

CONTEXT = "Errors"


class ProactiveError(Exception):
    """Base of every error the program expects and can explain to a user."""

    def __init__(self, source: str, /, **params: Any) -> None:
        self.message = Message(CONTEXT, source, dict(params))
        super().__init__(self.message.english())


# -- bad input: nothing was sent ---------------------------------------------------------------


class InputError(ProactiveError):
    """The user's input cannot be used as it is. Nothing was sent. (CLI exit 2)"""


class UrlError(InputError):
    """The Zendesk address is refused before any connection is opened."""


class CampaignFileError(InputError):
    """A campaign file or definition is invalid; `key` names the offending key (ticket.status)."""

    def __init__(self, key: str, source: str, /, **params: Any) -> None:
        self.key = key
        super().__init__(source, key=key, **params)


class CredentialsError(InputError):
    """Credentials are missing or ambiguous (before contacting Zendesk)."""


class DataFolderNotWritableError(InputError):
    """The data folder is read-only (a locked-down profile, a read-only medium): campaigns can be
    looked at and exported from it, nothing else."""

    def __init__(self, folder: str, reason: str) -> None:
        self.folder = folder
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "The data folder {folder} cannot be written ({reason}). Campaigns in it can be"
                " looked at and exported, but nothing can be sent until it can be written.",
            ),
            folder=folder,
            reason=reason,
        )


# -- Zendesk answered with an error ----------------------------------------------------------


class ZendeskError(ProactiveError):
    """An error answer (or no answer) from Zendesk."""

    status_code: int | None = None


class AuthenticationError(ZendeskError, InputError):
    """Wrong email, token or OAuth token (401, or the anonymous 200 of users/me)."""

    status_code = 401


class OAuthRefreshError(AuthenticationError):
    """The OAuth access token expired and could not be refreshed: sign in again."""


class PermissionDeniedError(ZendeskError):
    """403: the agent may not do this. `zendesk_message` is Zendesk's own explanation."""

    status_code = 403

    def __init__(self, source: str, /, *, zendesk_message: str = "", **params: Any) -> None:
        self.zendesk_message = zendesk_message
        super().__init__(source, zendesk_message=zendesk_message, **params)


class NotFoundError(ZendeskError):
    status_code = 404


class ValidationError(ZendeskError):
    """422 (or 400): Zendesk refused the content. `details` is a short readable summary."""

    status_code = 422

    def __init__(self, source: str, /, *, details: str = "", **params: Any) -> None:
        self.details = details
        super().__init__(source, details=details, **params)


class SearchLimitError(ValidationError):
    """Zendesk's search returns at most 1,000 results; the export search has no such cap."""


class IdempotencyConflictError(ValidationError):
    """400 IdempotentRequestError: the same Idempotency-Key was used with a different body."""

    status_code = 400


class RateLimitedError(ZendeskError):
    """429: over the account's rate limit. `retry_after_s` is Zendesk's Retry-After, capped."""

    status_code = 429

    def __init__(self, source: str, /, *, retry_after_s: float, **params: Any) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(source, retry_after_s=retry_after_s, **params)


class ServerError(ZendeskError):
    """5xx from Zendesk. For a request that creates something, the outcome is uncertain."""

    def __init__(self, source: str, /, *, status_code: int, **params: Any) -> None:
        self.status_code = status_code
        super().__init__(source, status_code=status_code, **params)


class NetworkError(ZendeskError):
    """No usable answer: connection refused or reset, timeout, TLS failure.

    `maybe_sent` is True when the request may have reached Zendesk (the connection broke after the
    request was written, or the read timed out): a creating request must be reconciled, not resent.
    """

    def __init__(self, source: str, /, *, maybe_sent: bool, **params: Any) -> None:
        self.maybe_sent = maybe_sent
        super().__init__(source, **params)


class QueueTimeoutError(ZendeskError):
    """Zendesk kept jobs queued or working past the send's deadline: stopped, resumable (exit 3).

    The jobs stay recorded in the journal; the next run polls (or waits for) them again.
    """


# -- the program's own stops ------------------------------------------------------------------


class CampaignClaimedError(InputError):
    """Another journal (computer, data folder) is sending this campaign: this run sent nothing
    more. The message names what was found in the account."""


class CancelledError(ProactiveError):
    """The user cancelled; the journal is consistent and the campaign can resume."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "Cancelled."))


class StorageError(ProactiveError):
    """This computer failed the program: a file cannot be written or read. (CLI exit 3)

    Nothing is wrong with the campaign: once the disk or folder is fixed, the same command
    resumes it.
    """


class DiskFullError(StorageError):
    """The disk is full (the journal or another file cannot grow)."""


class KeychainError(ProactiveError):
    """The OS keychain refused or is unavailable."""
