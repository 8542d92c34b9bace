"""A real "Sign in with Zendesk" against the sandbox, with requests playing the browser.

Shared by the tests that need a kept OAuth sign-in (the command line's, the History dialog's).
"""

from __future__ import annotations

import threading

import requests

from proactive_desktop.core.oauth import (
    AuthorizationRequest,
    KeychainTokenSource,
    LoopbackListener,
    complete_sign_in,
)
from proactive_desktop.core.zendesk.transport import make_session
from proactive_desktop.sandbox import DEMO_OAUTH_CLIENT_ID, SandboxServer

TIMEOUT = (5.0, 10.0)


def sign_in(sandbox: SandboxServer) -> KeychainTokenSource:
    """The wizard's sign-in, with requests as the browser."""

    def browse(url: str) -> None:
        with requests.Session() as browser:
            reply = browser.get(url, allow_redirects=False, timeout=TIMEOUT)
            browser.get(reply.headers["Location"], allow_redirects=False, timeout=TIMEOUT)

    session = make_session()
    try:
        with LoopbackListener() as listener:
            request = AuthorizationRequest.new(
                sandbox.url, DEMO_OAUTH_CLIENT_ID, listener.redirect_uri
            )
            browser = threading.Thread(target=browse, args=(request.url,))
            browser.start()
            source = complete_sign_in(
                listener, request, cancel=threading.Event(), session=session, timeout_s=10
            )
            browser.join(10)
    finally:
        session.close()
    return source
