"""The use-case layer: the one credentials rule, summaries by name, kinds and phase texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from keychain_backends import MemoryKeyring

from proactive_desktop.core import campaigns
from proactive_desktop.core.campaigns import (
    CredentialSources,
    ErrorKind,
    SessionAccount,
    credentials_for,
    error_kind,
    phase_message,
)
from proactive_desktop.core.engine import UnknownCampaignError
from proactive_desktop.core.errors import (
    AuthenticationError,
    CampaignFileError,
    CancelledError,
    CredentialsError,
    NetworkError,
    NotFoundError,
    OAuthRefreshError,
    RateLimitedError,
    ServerError,
)
from proactive_desktop.core.events import Phase
from proactive_desktop.core.oauth import KeychainTokenSource
from proactive_desktop.core.secrets import (
    ApiTokenAuth,
    BearerAuth,
    OAuthTokens,
    Secret,
    SecretStore,
    StaticTokenSource,
)

URL = "https://acme.zendesk.com"
EMAIL = "agent@example.com"


@pytest.fixture
def store() -> SecretStore:
    return SecretStore(MemoryKeyring())


def test_the_session_of_the_same_account_comes_first(store: SecretStore) -> None:
    store.save_api_token(URL, EMAIL, Secret("saved-token"))
    verified = ApiTokenAuth(EMAIL, Secret("session-token"))
    sources = CredentialSources(store=store, session=SessionAccount(URL, EMAIL, verified))
    assert credentials_for(URL, EMAIL, sources) is verified
    # Another account's campaign does not use this session's credentials.
    with pytest.raises(CredentialsError):
        credentials_for("https://other.zendesk.com", EMAIL, sources)


def test_the_environment_comes_before_the_keychain(store: SecretStore) -> None:
    store.save_api_token(URL, EMAIL, Secret("saved-token"))
    from_api = credentials_for(
        URL, EMAIL, CredentialSources(store=store, environ={"ZENDESK_API_TOKEN": " env-token "})
    )
    assert isinstance(from_api, ApiTokenAuth)
    assert from_api.token.reveal() == "env-token"
    from_oauth = credentials_for(
        URL, EMAIL, CredentialSources(store=store, environ={"ZENDESK_OAUTH_TOKEN": "bearer"})
    )
    assert isinstance(from_oauth, BearerAuth)
    assert isinstance(from_oauth.token_source, StaticTokenSource)
    both = {"ZENDESK_API_TOKEN": "a", "ZENDESK_OAUTH_TOKEN": "b"}
    with pytest.raises(CredentialsError) as refused:
        credentials_for(URL, EMAIL, CredentialSources(store=store, environ=both))
    assert "only one" in str(refused.value)


def test_without_environment_the_kept_sign_in_then_the_saved_token(store: SecretStore) -> None:
    # CLI.md: the account's kept sign-in first, else an API token saved for the email.
    store.save_api_token(URL, EMAIL, Secret("saved-token"))
    saved = credentials_for(URL, EMAIL, CredentialSources(store=store))
    assert isinstance(saved, ApiTokenAuth)
    assert saved.token.reveal() == "saved-token"
    store.save_oauth(
        URL, EMAIL, OAuthTokens(Secret("access"), Secret("refresh"), client_id="client")
    )
    signed_in = credentials_for(URL, EMAIL, CredentialSources(store=store, environ={}))
    assert isinstance(signed_in, BearerAuth)
    assert isinstance(signed_in.token_source, KeychainTokenSource)
    assert signed_in.token_source.is_remembered  # renewals go back to the keychain


def test_a_sign_in_kept_for_someone_else(store: SecretStore) -> None:
    store.save_oauth(URL, "other@example.com", OAuthTokens(Secret("access"), Secret("refresh")))
    store.save_api_token(URL, EMAIL, Secret("saved-token"))
    # A command names both and stops: it must not act as someone else.
    with pytest.raises(CredentialsError) as refused:
        credentials_for(URL, EMAIL, CredentialSources(store=store, environ={}))
    assert EMAIL in str(refused.value)
    assert "other@example.com" in str(refused.value)
    # The wizard's history looks further, for this email's own token.
    saved = credentials_for(URL, EMAIL, CredentialSources(store=store))
    assert isinstance(saved, ApiTokenAuth)


def test_no_credentials_is_worded_for_the_front_end(store: SecretStore) -> None:
    with pytest.raises(CredentialsError) as cli:
        credentials_for(URL, EMAIL, CredentialSources(store=store, environ={}))
    assert cli.value.message.source == campaigns.NO_TOKEN_CLI
    with pytest.raises(CredentialsError) as wizard:
        credentials_for(URL, EMAIL, CredentialSources(store=store))
    assert wizard.value.message.source == campaigns.NO_TOKEN_WIZARD
    assert wizard.value.message.params["url"] == URL


def test_a_summary_by_name_never_creates_a_journal(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    with pytest.raises(UnknownCampaignError) as unknown:
        campaigns.summary(journal, "Nowhere")
    assert unknown.value.name == "Nowhere"
    assert unknown.value.message.params == {"name": "Nowhere"}
    assert not journal.exists()


def test_every_working_phase_has_one_text() -> None:
    for phase in Phase:
        message = phase_message(phase)
        if phase in (Phase.FINISHED, Phase.STOPPED, Phase.SCHEDULED):  # the end states
            assert message is None
        else:
            assert message is not None, phase
            assert message.context == campaigns.PHASES
            assert message.english().endswith("…")
    texts = [phase_message(phase) for phase in Phase]
    sources = [each.source for each in texts if each is not None]
    assert len(sources) == len(set(sources))


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (CancelledError(), ErrorKind.CANCELLED),
        (NetworkError("down", maybe_sent=True), ErrorKind.INTERRUPTED),
        (ServerError("5xx", status_code=503), ErrorKind.INTERRUPTED),
        (RateLimitedError("429", retry_after_s=1.0), ErrorKind.INTERRUPTED),
        (AuthenticationError("401"), ErrorKind.SIGN_IN),
        (OAuthRefreshError("refused"), ErrorKind.SIGN_IN),
        (CredentialsError("none"), ErrorKind.SIGN_IN),
        (CampaignFileError("ticket.status", "bad"), ErrorKind.BAD_INPUT),
        (UnknownCampaignError("x"), ErrorKind.BAD_INPUT),
        (NotFoundError("404"), ErrorKind.BAD_INPUT),
        (RuntimeError("a bug"), ErrorKind.UNEXPECTED),
    ],
)
def test_error_kinds_come_from_the_class(error: BaseException, kind: ErrorKind) -> None:
    assert error_kind(error) is kind
