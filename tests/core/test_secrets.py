"""The Secret value type and the keychain wrapper (in-memory backends, never the real keychain)."""

from __future__ import annotations

import copy
import pickle

import keyring.backends.fail
import keyring.backends.null
import pytest
from keychain_backends import BrokenKeyring, LockedKeyring, MemoryKeyring, PlaintextKeyring

from proactive_desktop.core.errors import CredentialsError, KeychainError, OAuthRefreshError
from proactive_desktop.core.secrets import (
    KEYRING_SERVICE,
    ApiTokenAuth,
    BearerAuth,
    KeychainState,
    OAuthTokens,
    Secret,
    SecretStore,
    StaticTokenSource,
    keychain_user,
)

TOKEN = "tok-3f9a1c77e2"


def test_secret_never_shows_its_value() -> None:
    secret = Secret(TOKEN)
    assert str(secret) == "****"
    assert repr(secret) == "****"
    assert f"{secret}" == "****"
    assert TOKEN not in repr([secret, {"t": secret}])
    assert secret.reveal() == TOKEN
    with pytest.raises(TypeError, match="pickled"):
        pickle.dumps(secret)
    assert copy.deepcopy({"token": secret})["token"].reveal() == TOKEN
    assert copy.copy(secret) is secret


def test_credentials_repr_hides_the_token() -> None:
    auth = ApiTokenAuth("admin@example.com", Secret(TOKEN))
    bearer = BearerAuth(StaticTokenSource(Secret(TOKEN)))
    for text in (repr(auth), str(auth), repr(bearer), str(bearer)):
        assert TOKEN not in text


@pytest.mark.parametrize(
    ("email", "token"), [("", TOKEN), ("   ", TOKEN), ("a@b.c", ""), ("a@b.c", " ")]
)
def test_api_token_auth_refuses_empty_parts(email: str, token: str) -> None:
    with pytest.raises(CredentialsError) as caught:
        ApiTokenAuth(email, Secret(token))
    assert caught.value.message.source  # a translatable sentence, not a bare exception


def test_static_token_source_cannot_refresh() -> None:
    source = StaticTokenSource(Secret(TOKEN))
    assert not source.can_refresh
    with pytest.raises(OAuthRefreshError):
        source.refresh()


def test_entries_are_keyed_by_email_and_host() -> None:
    assert keychain_user("acme", " Admin@Acme.example ") == "admin@acme.example @ acme.zendesk.com"
    assert keychain_user("http://127.0.0.1:8123", "a@b.c") == "a@b.c @ 127.0.0.1:8123"


def test_save_load_delete_api_token() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    assert store.state() is KeychainState.AVAILABLE
    assert store.load_api_token("acme", "a@b.c") is None
    store.save_api_token("acme", "a@b.c", Secret(TOKEN))
    assert backend.entries[(KEYRING_SERVICE, "a@b.c @ acme.zendesk.com")] == TOKEN
    loaded = store.load_api_token("https://acme.zendesk.com", "A@B.C")
    assert loaded is not None
    assert loaded.reveal() == TOKEN
    store.delete_api_token("acme", "a@b.c")
    assert store.load_api_token("acme", "a@b.c") is None
    store.delete_api_token("acme", "a@b.c")  # forgetting twice is fine


def test_oauth_entry_is_separate_from_the_api_token() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    tokens = OAuthTokens(Secret("access-1"), Secret("refresh-1"), expires_at=1_900_000_000.0)
    store.save_api_token("acme", "a@b.c", Secret(TOKEN))
    store.save_oauth("acme", "a@b.c", tokens)
    assert len(backend.entries) == 2
    loaded = store.load_oauth("acme", "a@b.c")
    assert loaded is not None
    assert loaded.access_token.reveal() == "access-1"
    assert loaded.refresh_token is not None
    assert loaded.refresh_token.reveal() == "refresh-1"
    assert loaded.expires_at == 1_900_000_000.0
    assert "access-1" not in repr(loaded)
    store.delete_oauth("acme", "a@b.c")
    assert store.load_oauth("acme", "a@b.c") is None
    assert store.load_api_token("acme", "a@b.c") is not None


def test_a_foreign_oauth_entry_is_ignored() -> None:
    backend = MemoryKeyring()
    backend.entries[(KEYRING_SERVICE, "a@b.c @ acme.zendesk.com (oauth)")] = "not json"
    assert SecretStore(backend).load_oauth("acme", "a@b.c") is None


def test_locked_keychain() -> None:
    store = SecretStore(LockedKeyring())
    assert store.state() is KeychainState.LOCKED
    with pytest.raises(KeychainError, match="locked"):
        store.save_api_token("acme", "a@b.c", Secret(TOKEN))
    with pytest.raises(KeychainError, match="locked"):
        store.load_api_token("acme", "a@b.c")


@pytest.mark.parametrize(
    "backend",
    [
        BrokenKeyring(),
        PlaintextKeyring(),
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
    ],
    ids=["broken", "plaintext", "fail", "null"],
)
def test_unavailable_keychain_never_stores_anything(backend: MemoryKeyring) -> None:
    store = SecretStore(backend)
    assert store.state() is KeychainState.UNAVAILABLE
    with pytest.raises(KeychainError) as caught:
        store.save_api_token("acme", "a@b.c", Secret(TOKEN))
    assert TOKEN not in str(caught.value)
    assert store.load_api_token("acme", "a@b.c") is None
    if isinstance(backend, MemoryKeyring):
        assert backend.entries == {}


def test_keyrings_alt_module_counts_as_plaintext() -> None:
    alt = type("Keyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})
    assert SecretStore(alt()).state() is KeychainState.UNAVAILABLE
