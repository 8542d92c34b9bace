"""Signing in with Zendesk (OAuth + PKCE) against the sandbox over loopback HTTP.

The browser is played by a thread with requests: it follows the authorization URL with redirects
off and then calls the program's loopback listener at the redirect it was given, as a browser
would. Token lifetimes are made short so that campaigns outlive their access tokens.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from engine_support import FAST, assert_exactly_once, end_users, engine_for, journal_at, make_spec
from keychain_backends import MemoryKeyring

from proactive_desktop.core.errors import AuthenticationError, OAuthRefreshError
from proactive_desktop.core.oauth import (
    AuthorizationRequest,
    KeychainTokenSource,
    LoopbackListener,
    OAuthCancelledError,
    OAuthDeniedError,
    OAuthExchangeError,
    OAuthSignInError,
    OAuthStateMismatchError,
    OAuthTimeoutError,
    complete_sign_in,
    page_language,
)
from proactive_desktop.core.rate import RateGovernor
from proactive_desktop.core.secrets import BearerAuth, OAuthTokens, Secret, SecretStore
from proactive_desktop.core.zendesk.client import ZendeskClient
from proactive_desktop.core.zendesk.transport import make_session
from proactive_desktop.sandbox import DEMO_EMAIL, DEMO_OAUTH_CLIENT_ID, SandboxServer

TIMEOUT = (5.0, 10.0)


class Browser:
    """Plays the user's browser on a thread: authorization URL, then the loopback redirect."""

    def __init__(
        self,
        url: str,
        *,
        rewrite: Callable[[str], str] = lambda location: location,
        language: str = "en",
    ) -> None:
        self.url = url
        self._rewrite = rewrite
        self._language = language
        self.page: requests.Response | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="test-browser", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with requests.Session() as session:
                session.headers["Accept-Language"] = self._language
                reply = session.get(self.url, allow_redirects=False, timeout=TIMEOUT)
                assert reply.status_code == 302, reply.text
                location = self._rewrite(reply.headers["Location"])
                self.page = session.get(location, allow_redirects=False, timeout=TIMEOUT)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            self.error = error

    def join(self) -> requests.Response:
        self._thread.join(10)
        assert not self._thread.is_alive()
        if self.error is not None:
            raise self.error
        assert self.page is not None
        return self.page


@pytest.fixture
def session() -> Iterator[requests.Session]:
    made = make_session()
    yield made
    made.close()


def sign_in(
    sandbox: SandboxServer,
    session: requests.Session,
    *,
    client_id: str = DEMO_OAUTH_CLIENT_ID,
    rewrite: Callable[[str], str] = lambda location: location,
    language: str = "en",
) -> tuple[KeychainTokenSource, requests.Response]:
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, client_id, listener.redirect_uri)
        browser = Browser(request.url, rewrite=rewrite, language=language)
        try:
            source = complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=10
            )
        finally:
            page = browser.join()
    return source, page


def bearer_client(url: str, source: KeychainTokenSource) -> ZendeskClient:
    return ZendeskClient(url, BearerAuth(source), governor=RateGovernor(), timeout=TIMEOUT)


# -- the authorization URL ---------------------------------------------------------------------


def test_the_authorization_url_carries_pkce_state_and_scope() -> None:
    request = AuthorizationRequest.new("acme", " client-1 ", "http://127.0.0.1:5000/callback")
    parts = urlsplit(request.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://acme.zendesk.com/oauth/authorizations/new"
    )
    assert "scope=read%20write" in parts.query
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    verifier = request.code_verifier.reveal()
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert query == {
        "response_type": "code",
        "client_id": "client-1",
        "redirect_uri": "http://127.0.0.1:5000/callback",
        "scope": "read write",
        "state": request.state,
        "code_challenge": expected.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    }
    assert 43 <= len(verifier) <= 128
    assert verifier not in request.url
    other = AuthorizationRequest.new("acme", "client-1", "http://127.0.0.1:5000/callback")
    assert (other.state, other.code_verifier.reveal()) != (request.state, verifier)
    assert "****" in repr(request)
    assert request.state not in repr(request)


@pytest.mark.parametrize("client_id", ["", "  ", "two words"])
def test_a_missing_or_malformed_client_id_is_refused(client_id: str) -> None:
    with pytest.raises(OAuthSignInError, match="OAuth client"):
        AuthorizationRequest.new("acme", client_id, "http://127.0.0.1:1/callback")


def test_the_browser_page_follows_the_browsers_language() -> None:
    assert page_language("ja,en-US;q=0.8") == "ja"
    assert page_language("zh-CN,zh;q=0.9") == "zh_CN"
    assert page_language("fr-FR,fr", fallback="ja") == "ja"
    assert page_language(None) == "en"


# -- the sign-in ---------------------------------------------------------------------------------


def test_full_sign_in_gives_a_working_bearer_client(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    source, page = sign_in(sandbox, session, language="ja")
    assert page.status_code == 200
    assert "サインインしました" in page.text
    assert page.headers["Content-Type"].startswith("text/html")
    tokens = source.tokens
    assert tokens.refresh_token is not None
    assert tokens.client_id == DEMO_OAUTH_CLIENT_ID
    assert tokens.expires_at is not None
    assert time.time() + 1700 < tokens.expires_at <= time.time() + 1800
    assert tokens.refresh_expires_at is not None
    assert tokens.refresh_expires_at > time.time() + 29 * 86400
    assert source.can_refresh
    assert not source.is_remembered
    client = bearer_client(sandbox.url, source)
    try:
        agent = client.me()
    finally:
        client.close()
    assert (agent.email, agent.role) == (DEMO_EMAIL, "admin")
    assert sandbox.oauth.counts() == {"authorized": 1, "exchanged": 1}


def forged(location: str, **changes: str) -> str:
    """The redirect `location` with its query changed (someone else's answer to our port)."""
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.mark.parametrize(
    "forgery",
    [
        {"state": "someone-elses-state"},
        {"state": "someone-elses-state", "error": "access_denied"},
        {"state": "", "code": "a-code-of-the-attacker"},
        {"state": "état-étranger"},  # not ASCII: still just a foreign answer
    ],
)
def test_a_redirect_with_another_state_is_answered_and_ignored(
    sandbox: SandboxServer, session: requests.Session, forgery: dict[str, str]
) -> None:
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        answers: list[requests.Response] = []
        browsers: list[Browser] = []

        def intrude_then_browse() -> None:
            # First the intruder's call (answered while the program waits), then the real one.
            answers.append(
                requests.get(
                    forged(f"{listener.redirect_uri}?code=x&state=y", **forgery),
                    headers={"Accept-Language": "en"},
                    timeout=TIMEOUT,
                )
            )
            browsers.append(Browser(request.url))

        both = threading.Thread(target=intrude_then_browse)
        both.start()
        source = complete_sign_in(
            listener, request, cancel=threading.Event(), session=session, timeout_s=10
        )
        both.join(10)
        browsers[0].join()
        # The intruder was answered (its connection did not hang) with a page that says so.
        (intruder,) = answers
        assert intruder.status_code == 200
        assert "different sign-in" in intruder.text
        assert listener.foreign_redirects == 1
    # The sign-in carried on to the right redirect.
    assert source.tokens.access_token.reveal().startswith("sbx-access-")
    assert sandbox.oauth.counts() == {"authorized": 1, "exchanged": 1}


def test_only_foreign_redirects_until_the_deadline_say_so(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    def rewrite(location: str) -> str:
        return forged(location, state="someone-elses-state")

    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        browser = Browser(request.url, rewrite=rewrite)
        with pytest.raises(OAuthStateMismatchError, match="different sign-in") as caught:
            complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=1.0
            )
        browser.join()
    assert "sign in again" in str(caught.value)
    # The code was never exchanged.
    assert sandbox.oauth.counts() == {"authorized": 1}


def test_a_declined_sign_in_says_so(
    sandbox_factory: Callable[..., SandboxServer], session: requests.Session
) -> None:
    sandbox = sandbox_factory(customers=5, oauth_deny=True)
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        browser = Browser(request.url)
        with pytest.raises(OAuthDeniedError, match="declined") as caught:
            complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=10
            )
        page = browser.join()
    assert "choose Allow" in str(caught.value)
    assert "declined" in page.text


def test_no_browser_coming_back_times_out(session: requests.Session) -> None:
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new("acme", "client", listener.redirect_uri)
        with pytest.raises(OAuthTimeoutError, match="closed the browser window"):
            complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=0.5
            )


def test_cancel_ends_the_wait_at_once(session: requests.Session) -> None:
    cancel = threading.Event()
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new("acme", "client", listener.redirect_uri)
        threading.Timer(0.2, cancel.set).start()
        # An hour's timeout: only Cancel can end this wait within the test (a timeout would
        # also be another error).
        with pytest.raises(OAuthCancelledError, match="cancelled"):
            complete_sign_in(listener, request, cancel=cancel, session=session, timeout_s=3600)


def test_other_requests_to_the_listener_do_not_end_the_wait(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        port = listener.port

        def ask_for_favicon() -> None:
            reply = requests.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=TIMEOUT)
            assert reply.status_code == 404

        favicon = threading.Thread(target=ask_for_favicon)
        favicon.start()
        browser = Browser(request.url)
        source = complete_sign_in(
            listener, request, cancel=threading.Event(), session=session, timeout_s=10
        )
        browser.join()
        favicon.join(5)
        assert not favicon.is_alive()
    assert source.tokens.access_token.reveal().startswith("sbx-access-")


def test_an_unknown_client_at_the_token_endpoint_names_the_client(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    # The authorization page already refuses an unknown client; a client removed between the
    # two steps reaches the exchange, which must say what to check.
    with LoopbackListener() as listener:
        request = AuthorizationRequest.new(sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri)
        browser = Browser(request.url)
        code = listener.wait_for_code(request.state, cancel=threading.Event(), timeout_s=10)
        browser.join()
    sandbox.configure(oauth_clients=["another"])
    from proactive_desktop.core.oauth import exchange_code

    with pytest.raises(OAuthExchangeError, match="kind is Public"):
        exchange_code(session, request, code)


# -- the token source --------------------------------------------------------------------------


def issued_source(
    sandbox: SandboxServer, session: requests.Session, **kwargs: Any
) -> KeychainTokenSource:
    source, _page = sign_in(sandbox, session)
    return KeychainTokenSource(sandbox.url, source.tokens, **kwargs)


def test_an_expired_token_is_renewed_after_a_401(
    sandbox_factory: Callable[..., SandboxServer], session: requests.Session
) -> None:
    sandbox = sandbox_factory(customers=20)
    source = issued_source(sandbox, session, refresh_margin_s=0)
    old = source.tokens.access_token.reveal()
    sandbox.oauth.expire_access_tokens()
    client = bearer_client(sandbox.url, source)
    try:
        assert client.groups()
        assert client.me().email == DEMO_EMAIL
    finally:
        client.close()
    assert source.refresh_count == 1
    assert source.tokens.access_token.reveal() != old
    assert sandbox.oauth.counts()["refreshed"] == 1


def test_a_token_about_to_expire_is_renewed_before_use(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    now = [time.time()]
    source = issued_source(sandbox, session, clock=lambda: now[0])
    expires_at = source.tokens.expires_at
    assert expires_at is not None
    first = source.access_token()
    assert source.refresh_count == 0
    now[0] = expires_at - 30  # inside the 60 s margin
    second = source.access_token()
    assert source.refresh_count == 1
    assert second.reveal() != first.reveal()


def test_many_threads_hitting_401_refresh_once(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    source = issued_source(sandbox, session, refresh_margin_s=0)
    barrier = threading.Barrier(8)
    results: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        source.access_token()  # the token this thread's request used
        barrier.wait(5)
        token = source.refresh()  # all of them saw a 401 with the same old token
        with lock:
            results.append(token.reveal())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(results) == 8
    assert len(set(results)) == 1
    assert source.refresh_count == 1
    assert sandbox.oauth.counts()["refreshed"] == 1


def test_a_refused_refresh_asks_to_sign_in_again(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    source = issued_source(sandbox, session, refresh_margin_s=0)
    sandbox.oauth.revoke_refresh_tokens()
    sandbox.oauth.expire_access_tokens()
    client = bearer_client(sandbox.url, source)
    try:
        with pytest.raises(OAuthRefreshError, match="Sign in with Zendesk again") as caught:
            client.groups()
        assert isinstance(caught.value, AuthenticationError)
        assert "invalid_grant" in str(caught.value)
        # Later calls fail the same way without asking Zendesk again.
        with pytest.raises(OAuthRefreshError):
            client.groups()
    finally:
        client.close()
    assert sandbox.oauth.counts()["refused"] == 1


def test_renewed_tokens_replace_the_keychain_entry(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    signed_in, _page = sign_in(sandbox, session)
    signed_in.remember(store, DEMO_EMAIL)
    saved = store.load_oauth(sandbox.url, DEMO_EMAIL)
    assert saved is not None
    assert saved.access_token.reveal() == signed_in.tokens.access_token.reveal()

    loaded = KeychainTokenSource.from_keychain(store, sandbox.url, DEMO_EMAIL, refresh_margin_s=0)
    assert loaded is not None
    assert loaded.is_remembered
    renewed = loaded.refresh()
    after = store.load_oauth(sandbox.url, DEMO_EMAIL)
    assert after is not None
    assert after.access_token.reveal() == renewed.reveal()
    assert after.refresh_token is not None
    assert after.refresh_token.reveal() != saved.refresh_token.reveal()  # type: ignore[union-attr]
    # Only the keychain holds them: one entry, under the program's service name.
    assert [service for service, _user in backend.entries] == ["proactive-desktop"]

    # A second source on the same entry (another run) adopts the renewed tokens rather than
    # spending the refresh token the first one already used.
    stale = KeychainTokenSource(
        sandbox.url, saved, store=store, email=DEMO_EMAIL, refresh_margin_s=0
    )
    assert stale.refresh().reveal() == renewed.reveal()
    assert sandbox.oauth.counts()["refreshed"] == 1


def test_no_keychain_entry_gives_no_source(tmp_path: Path) -> None:
    store = SecretStore(MemoryKeyring())
    assert KeychainTokenSource.from_keychain(store, "acme", DEMO_EMAIL) is None
    store.save_oauth("acme", DEMO_EMAIL, OAuthTokens(Secret("abc-access-token")))
    source = KeychainTokenSource.from_keychain(store, "acme", DEMO_EMAIL)
    assert source is not None
    assert not source.can_refresh  # no refresh token, no client id


# -- a campaign that outlives its access tokens ------------------------------------------------


@pytest.mark.parametrize("knows_expiry", [False, True], ids=["after-401", "before-expiry"])
def test_a_campaign_outliving_its_access_token_sends_each_ticket_once(
    sandbox_factory: Callable[..., SandboxServer],
    session: requests.Session,
    tmp_path: Path,
    knows_expiry: bool,
) -> None:
    sandbox = sandbox_factory(
        customers=300,
        oauth_access_token_ttl_s=0.3,
        job_seconds_per_ticket=0.015,
    )
    # With its clock stopped the source never sees a token expire, so it renews only when
    # Zendesk answers 401; with the real clock it renews shortly before the token runs out.
    stopped = time.time()
    clock = time.time if knows_expiry else (lambda: stopped)
    source = issued_source(sandbox, session, clock=clock)
    client = bearer_client(sandbox.url, source)
    try:
        customers = end_users(client, 220)
        spec = make_spec(sandbox.url, f"OAuth renewal {knows_expiry}", customers)
        with journal_at(tmp_path) as journal:
            # Two jobs at a time: the campaign lasts several access-token lifetimes.
            engine = engine_for(client, journal, dataclasses.replace(FAST, max_jobs_in_flight=2))
            plan = engine.plan(spec, customers=customers)
            summary = engine.send(spec, plan)
    finally:
        client.close()
    assert summary.created == len(customers)
    assert summary.failed == 0
    assert_exactly_once(sandbox.tickets(), summary.tag, customers, summary)
    # The campaign really did outlive several access tokens.
    assert source.refresh_count >= 2
    assert sandbox.oauth.counts()["refreshed"] == source.refresh_count
    # Renewals came from Zendesk's refusals (401, or users/me's anonymous answer), or from
    # none at all when the expiry was known.
    unauthorised = sandbox.stats()["statuses"].get("401", 0)
    assert (unauthorised == 0) is knows_expiry
