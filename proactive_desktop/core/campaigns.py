"""The use cases of a journaled campaign: what every front end does with one, in one place.

The command line (`cli.py`), the Send page and the History dialog open a campaign of the journal,
find its account's credentials, build a client and an engine, send, resume, retry the failed
customers and summarise. They do it here, through the functions below, and keep only their own
presentation: the CLI prints English and maps outcomes to exit codes, the wizard translates and
runs each call on a worker (docs/ARCHITECTURE.md, "Threads").

The surface, in the order a front end meets it:

- `Workspace`: where the journal is and how this front end reaches an account (which credential
  sources it has, how it builds a client). Built once per command or per wizard session.
- `credentials_for()`: the one rule for a campaign's credentials (below).
- `summary()`: a campaign's summary by name, from the journal alone (never creates a journal).
- `open_campaign()` / `open_account()`: a `CampaignSession` (journal, client, engine) for a
  journaled campaign by name, or for an account about to get a new campaign.
- `plan()`, `send()`, `resume()`, `retry_failed()`: the engine calls a front end starts, on a
  session (a plan writes nothing: the dry run, the Preview page).
- `send_test()`: one test ticket of a campaign to the admin, before sending (core/sample_ticket.py).
- `verify()`, `plan_withdrawal()`, `withdraw()`, `withdrawal_summary()`: after a campaign, prove it
  against the account and take its tickets back (core/verify.py, core/withdraw.py).
- `scheduled()`, `run_due()`, `pause()`: scheduled campaigns (core/schedule.py decides who is
  due): the Start page's list, the background scheduler and `run-due`, pause and resume.
- Kinds and messages for what front ends show: `phase_message()` (the text of each phase),
  `waiting_message()`, `ErrorKind`/`error_kind()` (what an error means for the user: fix the
  input, sign in again, resume later, cancelled), the engine's `ViewErrorKind` and
  `UnknownCampaignError`. Every text is a translatable `Message` (core/i18n.py): the wizard
  translates it, the CLI prints its English. Nothing ever decides by matching English text.

Adding a use case: write one function here that takes a `Workspace` (or a `CampaignSession`),
`on_event` and `cancel` like `resume()`, returns a frozen result, and raises `ProactiveError`s
(the work itself lives in its own core module); then call it from the CLI and the wizard. A front
end never builds a `CampaignEngine` or a client for a campaign itself.

The credentials rule (`credentials_for`), first match wins:

1. the wizard's verified connection of this session, when it is the campaign's account;
2. the environment (the CLI only): `ZENDESK_API_TOKEN` (with the campaign's email) or
   `ZENDESK_OAUTH_TOKEN` — both set is a bad input;
3. the account's kept "Sign in with Zendesk" (`login` or the wizard keep one per address),
   renewed when it expires (the renewed tokens go back to the keychain); a command whose email
   is not the signed-in user's is refused, naming both;
4. the API token saved in the OS keychain for that address and email.

Nothing else: never a file, never an argument (a token there ends up in shell history).
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final

from proactive_desktop.core import logs
from proactive_desktop.core import withdraw as withdraw_module
from proactive_desktop.core.engine import (
    CampaignEngine,
    CampaignPlan,
    CampaignSummary,
    CsvImport,
    UnknownCampaignError,
    ViewErrorKind,
    campaign_summary,
    find_campaign,
    journal_summary,
)
from proactive_desktop.core.errors import (
    AuthenticationError,
    CancelledError,
    CredentialsError,
    KeychainError,
    NetworkError,
    ProactiveError,
    QueueTimeoutError,
    RateLimitedError,
    ServerError,
    StorageError,
)
from proactive_desktop.core.events import JobsWaiting, OnEvent, Phase, Waiting, ignore_events
from proactive_desktop.core.i18n import QT_TRANSLATE_NOOP, Message
from proactive_desktop.core.journal import ROLE_COMMAND, CampaignRecord, Journal, JournalError
from proactive_desktop.core.models import CampaignSpec, Customer, Organization, OrganizationId
from proactive_desktop.core.rate import WaitReason
from proactive_desktop.core.sample_ticket import (
    CreatedTestTicket,
    checked_address,
    send_test_ticket,
)
from proactive_desktop.core.schedule import SYSTEM_CLOCK, Clock
from proactive_desktop.core.scheduled import ScheduledCampaign, due_campaigns, set_paused
from proactive_desktop.core.scheduled import scheduled_campaigns as _scheduled_campaigns
from proactive_desktop.core.secrets import (
    ApiTokenAuth,
    BearerAuth,
    Secret,
    SecretStore,
    StaticTokenSource,
)
from proactive_desktop.core.verify import OnVerifyProgress, VerifyReport, verify_campaign
from proactive_desktop.core.withdraw import (
    OnWithdrawEvent,
    WithdrawAction,
    WithdrawPlan,
    WithdrawScope,
    WithdrawSummary,
    WithdrawTuning,
)

if TYPE_CHECKING:
    from proactive_desktop.core.sending import SendTuning
    from proactive_desktop.core.zendesk.client import ZendeskClient

__all__ = [
    "API_TOKEN_ENV",
    "OAUTH_TOKEN_ENV",
    "Auth",
    "CampaignSession",
    "ClientFactory",
    "CredentialSources",
    "DueRun",
    "ErrorKind",
    "SessionAccount",
    "UnknownCampaignError",
    "ViewErrorKind",
    "Workspace",
    "credentials_for",
    "error_kind",
    "existing_journal",
    "open_account",
    "open_campaign",
    "pause",
    "phase_message",
    "plan",
    "plan_withdrawal",
    "rate_wait_message",
    "resume",
    "retry_failed",
    "run_due",
    "scheduled",
    "send",
    "summary",
    "verify",
    "waiting_message",
    "withdraw",
    "withdrawal_summary",
]

log = logging.getLogger(__name__)

API_TOKEN_ENV: Final = "ZENDESK_API_TOKEN"
OAUTH_TOKEN_ENV: Final = "ZENDESK_OAUTH_TOKEN"

PHASES: Final = "Phases"
"""The translation context of the phase texts."""

Auth = ApiTokenAuth | BearerAuth
ClientFactory = Callable[[str, Auth, threading.Event | None], "ZendeskClient"]
"""Builds a client for (base URL, credentials, cancel): the front end's session, rate governor and
retries. The client must share `cancel`, so that Cancel also interrupts a wait inside it."""


# -- where campaigns are and how accounts are reached -----------------------------------------


@dataclass(frozen=True, slots=True)
class SessionAccount:
    """An account the wizard has verified in this session (the Connect page's connection)."""

    base_url: str
    email: str
    auth: Auth


@dataclass(frozen=True, slots=True)
class CredentialSources:
    """Where `credentials_for()` may look. Each front end says which sources it has."""

    store: SecretStore | None = None
    """The OS keychain (saved API tokens and kept sign-ins); None: not consulted."""
    environ: Mapping[str, str] | None = None
    """The process environment (the CLI); None: the front end reads no environment (the wizard)."""
    session: SessionAccount | None = None
    """The account verified in this session (the wizard), used when it is the campaign's."""


@dataclass(frozen=True, slots=True)
class Workspace:
    """Where the journal is and how this front end reaches an account."""

    journal_path: Path
    credentials: CredentialSources
    connect: ClientFactory
    tuning: SendTuning | None = None
    """The send loop's settings (None: the defaults)."""
    check_agent: bool = False
    """Ask Zendesk who the credentials belong to before anything else (the CLI: a wrong token
    stops there, as bad input, before any request of the campaign)."""
    role: str = ROLE_COMMAND
    """Who is sending (ROLE_WIZARD or ROLE_COMMAND): a second sender of a campaign is told."""
    clock: Clock = SYSTEM_CLOCK
    """Now, for schedules (tests walk campaigns through days with their own)."""


@dataclass(frozen=True, slots=True)
class CampaignSession:
    """A journal, a client for one account and the engine over both, open for one use case."""

    journal: Journal
    client: ZendeskClient
    engine: CampaignEngine
    record: CampaignRecord | None = field(default=None)
    """The journaled campaign it was opened for (None: opened for an account, `open_account`)."""

    def summary(self, name: str | None = None) -> CampaignSummary:
        """The campaign's summary from the journal, with the account's ticket links."""
        if name is None:
            if self.record is None:
                raise ValueError("a session opened for an account needs the campaign's name")
            return journal_summary(
                self.journal, self.journal.campaign(self.record.id), self.client.ticket_url
            )
        return journal_summary(
            self.journal, find_campaign(self.journal, name), self.client.ticket_url
        )


# -- credentials ------------------------------------------------------------------------------

NO_TOKEN_CLI: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "No sign-in or token for {email} at {url}: sign in with {prog} login {url} (or in the "
    "wizard), or set {api} or {oauth}.",
)
NO_TOKEN_WIZARD: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "There is no saved sign-in for {url} as {email}. Start a new campaign and connect to that "
    "account first, then open the history again.",
)
OTHER_SIGNED_IN: Final = QT_TRANSLATE_NOOP(
    "Errors",
    "The campaign file's email is {email}, but {url} is signed in as {signed_in}: change "
    "connection.email, or sign in as {email} with {prog} login {url}.",
)
PROG: Final = "proactive-desktop"


def credentials_for(base_url: str, email: str, sources: CredentialSources) -> Auth:
    """The credentials for `email` at `base_url` by the one rule of this module's docstring.

    After the session and the environment, the account's kept sign-in (`login`, or the
    wizard's "Sign in with Zendesk"; renewed as needed) comes before an API token saved for
    the email (CLI.md). A kept sign-in of someone else is bad input for a command (naming
    both), and skipped by the wizard. Each token found is registered for log redaction at once.
    Raises CredentialsError when no source has one (worded for the CLI when it reads the
    environment, else for the wizard).
    """
    session = sources.session
    if session is not None and (session.base_url, session.email) == (base_url, email):
        return session.auth
    if sources.environ is not None:
        found = _from_environment(email, sources.environ)
        if found is not None:
            return found
    if sources.store is not None:
        signed_in = _kept_sign_in(
            base_url, email, sources.store, is_command=sources.environ is not None
        )
        if signed_in is not None:
            return signed_in
        saved = sources.store.load_api_token(base_url, email)
        if saved is not None and not saved.is_empty:
            logs.register_secret(saved)
            logs.register_secret(logs.basic_credential(email, saved.reveal()))
            return ApiTokenAuth(email, saved)
    raise CredentialsError(
        NO_TOKEN_CLI if sources.environ is not None else NO_TOKEN_WIZARD,
        email=email,
        url=base_url,
        prog=PROG,
        api=API_TOKEN_ENV,
        oauth=OAUTH_TOKEN_ENV,
    )


def _kept_sign_in(
    base_url: str, email: str, store: SecretStore, *, is_command: bool
) -> BearerAuth | None:
    # Imported here: the OAuth module pulls in the sign-in machinery, which a run with a
    # token from the environment never needs.
    from proactive_desktop.core.oauth import KeychainTokenSource

    try:
        kept = store.load_oauth(base_url, email)
    except KeychainError as error:
        raise CredentialsError(error.message.source, **error.message.params) from None
    if kept is None or kept.access_token.is_empty:
        return None
    signed_in = (kept.email or email).strip().lower()
    if signed_in != email.strip().lower():
        if not is_command:
            return None
        raise CredentialsError(
            OTHER_SIGNED_IN, email=email, url=base_url, signed_in=signed_in, prog=PROG
        )
    return BearerAuth(KeychainTokenSource(base_url, kept, store=store, email=signed_in))


def _from_environment(email: str, environ: Mapping[str, str]) -> Auth | None:
    api_token = environ.get(API_TOKEN_ENV, "").strip()
    oauth_token = environ.get(OAUTH_TOKEN_ENV, "").strip()
    if api_token and oauth_token:
        raise CredentialsError(
            QT_TRANSLATE_NOOP("Errors", "Both {api} and {oauth} are set: set only one of them."),
            api=API_TOKEN_ENV,
            oauth=OAUTH_TOKEN_ENV,
        )
    if api_token:
        logs.register_secret(api_token)
        logs.register_secret(logs.basic_credential(email, api_token))
        return ApiTokenAuth(email, Secret(api_token))
    if oauth_token:
        logs.register_secret(oauth_token)
        return BearerAuth(StaticTokenSource(Secret(oauth_token)))
    return None


# -- reading ----------------------------------------------------------------------------------


@contextmanager
def existing_journal(
    journal_path: Path, name: str, *, read_only: bool = False, role: str = ROLE_COMMAND
) -> Iterator[Journal]:
    """The journal, opened only when it exists and has a campaign `name` (reading never creates
    a journal); UnknownCampaignError otherwise. `read_only` for looking only: it never writes,
    and works in a folder that cannot be written (a locked-down profile, a read-only copy)."""
    if not journal_path.exists():
        raise UnknownCampaignError(name)
    with Journal(journal_path, read_only=read_only, role=role) as journal:
        find_campaign(journal, name)
        yield journal


def summary(journal_path: Path, name: str, *, clock: Clock = SYSTEM_CLOCK) -> CampaignSummary:
    """The campaign's summary by name, from the journal alone (no network, no credentials);
    `clock` decides a scheduled campaign's next time."""
    with existing_journal(journal_path, name, read_only=True) as journal:
        return campaign_summary(journal, name, clock=clock)


# -- sessions ---------------------------------------------------------------------------------


@contextmanager
def open_account(
    workspace: Workspace,
    base_url: str,
    email: str,
    *,
    cancel: threading.Event | None = None,
    dry_run: bool = False,
) -> Iterator[CampaignSession]:
    """A session on the account `email` at `base_url`, for a campaign that may not be journaled.

    The credentials and the client come first, so that missing or wrong credentials leave no
    journal behind. `dry_run` without a journal: an empty scratch journal in a temporary folder,
    which answers the engine's questions (name taken? reached by an excluded campaign?) exactly
    as a missing journal would, and is gone afterwards (a dry run creates nothing).
    """
    auth = credentials_for(base_url, email, workspace.credentials)
    with _client(workspace, base_url, auth, cancel) as client:
        path = workspace.journal_path
        if dry_run and not path.exists():
            with (
                tempfile.TemporaryDirectory(prefix="proactive-desktop-dry-run-") as scratch,
                Journal(Path(scratch) / path.name) as journal,
            ):
                yield CampaignSession(journal, client, _engine(workspace, client, journal))
            return
        with Journal(path, role=workspace.role) as journal:
            yield CampaignSession(journal, client, _engine(workspace, client, journal))


@contextmanager
def open_campaign(
    workspace: Workspace, name: str, *, cancel: threading.Event | None = None
) -> Iterator[CampaignSession]:
    """A session for the journaled campaign `name`, on its own account with its credentials.

    UnknownCampaignError when the journal or the campaign does not exist (nothing is created);
    CredentialsError when no source has credentials for the campaign's account.
    """
    with existing_journal(workspace.journal_path, name, role=workspace.role) as journal:
        record = find_campaign(journal, name)
        auth = credentials_for(record.url, record.email, workspace.credentials)
        with _client(workspace, record.url, auth, cancel) as client:
            yield CampaignSession(journal, client, _engine(workspace, client, journal), record)


@contextmanager
def _client(
    workspace: Workspace, base_url: str, auth: Auth, cancel: threading.Event | None
) -> Iterator[ZendeskClient]:
    with workspace.connect(base_url, auth, cancel) as client:
        if workspace.check_agent:
            # users/me answers 200 (anonymous) for wrong credentials; me() turns that into an
            # AuthenticationError, so a bad token stops here before anything is sent.
            agent = client.me()
            log.info("signed in to %s as user %s (%s)", client.host, agent.id, agent.role)
        yield client


def _engine(workspace: Workspace, client: ZendeskClient, journal: Journal) -> CampaignEngine:
    return CampaignEngine(client, journal, tuning=workspace.tuning, clock=workspace.clock)


# -- the engine calls front ends start --------------------------------------------------------


def plan(
    session: CampaignSession,
    spec: CampaignSpec,
    *,
    customers: Sequence[Customer] | None = None,
    organizations: Mapping[OrganizationId, Organization] | None = None,
    csv_import: CsvImport | None = None,
    with_triggers: bool = False,
    on_event: OnEvent = ignore_events,
    cancel: threading.Event | None = None,
) -> CampaignPlan:
    """What `send()` would do, every ticket rendered, writing nothing: a dry run, the Preview.

    `customers` (with `organizations`, `csv_import`) are the wizard's loaded selection; without
    them the recipients come from the spec. `with_triggers`: also say which of the account's
    triggers act on these tickets."""
    return session.engine.plan(
        spec,
        customers=customers,
        organizations=organizations,
        csv_import=csv_import,
        with_triggers=with_triggers,
        on_event=on_event,
        cancel=cancel,
    )


def send(
    session: CampaignSession,
    spec: CampaignSpec,
    plan: CampaignPlan | None = None,
    *,
    on_event: OnEvent = ignore_events,
    cancel: threading.Event | None = None,
) -> CampaignSummary:
    """Journal and send a new campaign (or resume the journaled one of that name)."""
    return session.engine.send(spec, plan, on_event=on_event, cancel=cancel)


def resume(
    session: CampaignSession,
    *,
    on_event: OnEvent = ignore_events,
    cancel: threading.Event | None = None,
) -> CampaignSummary:
    """Continue the session's campaign: created customers are never sent again."""
    return session.engine.resume(_name(session), on_event=on_event, cancel=cancel)


def retry_failed(
    session: CampaignSession,
    *,
    on_event: OnEvent = ignore_events,
    cancel: threading.Event | None = None,
) -> CampaignSummary:
    """Send again to the customers whose ticket failed (and finish anything pending)."""
    return session.engine.resume(
        _name(session), on_event=on_event, cancel=cancel, retry_failed=True
    )


def send_test(
    workspace: Workspace,
    spec: CampaignSpec,
    plan: CampaignPlan | None = None,
    *,
    customer_id: int | None = None,
    to_email: str | None = None,
    on_event: OnEvent = ignore_events,
    cancel: threading.Event | None = None,
) -> CreatedTestTicket:
    """One test ticket of `spec` for one customer, to the admin (core/sample_ticket.py).

    `plan` is the wizard's plan of `spec` (the Preview page has it); without one the campaign is
    planned here, as a dry run would. Writes nothing to the journal.
    """
    checked_address(to_email)  # a typo in the address stops before any request
    with open_account(
        workspace, spec.connection.url, spec.connection.email, cancel=cancel, dry_run=True
    ) as session:
        if plan is None or plan.spec != spec:
            plan = session.engine.plan(spec, on_event=on_event, cancel=cancel)
        return send_test_ticket(session.client, plan, customer_id=customer_id, to_email=to_email)


# -- scheduled campaigns ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueRun:
    """One campaign `run_due` ran: its summary afterwards, and the error that stopped it."""

    name: str
    summary: CampaignSummary
    error: ProactiveError | None = None


def scheduled(journal_path: Path, *, clock: Clock = SYSTEM_CLOCK) -> list[ScheduledCampaign]:
    """The unfinished scheduled campaigns with their next time (journal only; none without one)."""
    if not journal_path.exists():
        return []
    with _reading(journal_path) as journal:
        return _scheduled_campaigns(journal, clock=clock)


@contextmanager
def _reading(journal_path: Path, role: str = ROLE_COMMAND) -> Iterator[Journal]:
    """The journal for looking only: read-only (never a write, no lock taken), unless it must be
    upgraded first (a journal of an older version opens writable once)."""
    try:
        journal = Journal(journal_path, read_only=True, role=role)
    except JournalError:
        journal = Journal(journal_path, role=role)
    with journal:
        yield journal


def pause(journal_path: Path, name: str, paused: bool) -> CampaignRecord:
    """Pause (or resume) a scheduled campaign: nobody sends it while paused (run-due, the wizard,
    send). UnknownCampaignError when there is no scheduled campaign of that name."""
    if not journal_path.exists():
        raise UnknownCampaignError(name)
    with Journal(journal_path) as journal:
        return set_paused(journal, name, paused)


def run_due(
    workspace: Workspace,
    *,
    on_event: Callable[[str], OnEvent] | None = None,
    on_start: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[DueRun]:
    """Resume every due scheduled campaign (not paused), one after the other.

    A campaign that cannot run (no credentials, another program sending it, the network) is
    reported in its `DueRun` and the others still run. `on_start(name)` is told before each,
    `on_event(name)` gives that campaign's progress callback. Cancel stops between campaigns
    and inside the running one (which then resumes, like any stopped campaign).
    """
    cancel = cancel or threading.Event()
    path = workspace.journal_path
    if not path.exists():
        return []
    with _reading(path, workspace.role) as journal:
        names = [each.record.name for each in due_campaigns(journal, clock=workspace.clock)]
    runs: list[DueRun] = []
    for name in names:
        if cancel.is_set():
            break
        if on_start is not None:
            on_start(name)
        events = on_event(name) if on_event is not None else ignore_events
        try:
            with open_campaign(workspace, name, cancel=cancel) as session:
                done = resume(session, on_event=events, cancel=cancel)
        except ProactiveError as error:
            log.info("scheduled campaign stopped: %s", type(error).__name__)
            with Journal(path, role=workspace.role) as journal:
                record = find_campaign(journal, name)
                runs.append(
                    DueRun(name, journal_summary(journal, record, clock=workspace.clock), error)
                )
            continue
        runs.append(DueRun(name, done))
    return runs


def verify(
    session: CampaignSession,
    *,
    cancel: threading.Event | None = None,
    on_progress: OnVerifyProgress | None = None,
) -> VerifyReport:
    """Compare the account's tickets of the session's campaign with the journal; reads only."""
    return verify_campaign(
        session.client,
        session.journal,
        _record(session),
        cancel=cancel,
        on_progress=on_progress,
    )


def plan_withdrawal(
    session: CampaignSession,
    action: WithdrawAction,
    *,
    scope: WithdrawScope = WithdrawScope.ALL,
    note: str | None = None,
    cancel: threading.Event | None = None,
    on_progress: OnVerifyProgress | None = None,
) -> WithdrawPlan:
    """The tickets a withdrawal of the session's campaign acts on (a dry run); reads only."""
    return withdraw_module.plan_withdrawal(
        session.client,
        session.journal,
        _record(session),
        action,
        scope=scope,
        note=note,
        cancel=cancel,
        on_progress=on_progress,
    )


def withdraw(
    session: CampaignSession,
    plan: WithdrawPlan,
    *,
    on_event: OnWithdrawEvent | None = None,
    cancel: threading.Event | None = None,
    tuning: WithdrawTuning | None = None,
) -> WithdrawSummary:
    """Solve or delete the planned tickets, exactly once (resumable: run the plan again)."""
    return withdraw_module.run_withdrawal(
        session.client,
        session.journal,
        session.journal.campaign(_record(session).id),
        plan,
        on_event=on_event,
        cancel=cancel,
        tuning=tuning,
    )


def withdrawal_summary(session: CampaignSession) -> WithdrawSummary | None:
    """The latest withdrawal of the session's campaign, from the journal (None: never)."""
    record = session.journal.campaign(_record(session).id)
    return withdraw_module.withdrawal_summary(
        session.journal, record, None, session.client.ticket_url
    )


def _record(session: CampaignSession) -> CampaignRecord:
    if session.record is None:
        raise ValueError("open the session with open_campaign() for this use case")
    return session.record


def _name(session: CampaignSession) -> str:
    if session.record is None:
        raise ValueError("open the session with open_campaign() to resume a campaign")
    return session.record.name


# -- what front ends show ---------------------------------------------------------------------

_PHASE_TEXTS: Final[Mapping[Phase, str]] = {
    Phase.RESOLVING: QT_TRANSLATE_NOOP("Phases", "Finding the customers…"),
    Phase.RENDERING: QT_TRANSLATE_NOOP("Phases", "Preparing each customer's ticket…"),
    Phase.JOURNALING: QT_TRANSLATE_NOOP("Phases", "Recording the campaign on this computer…"),
    Phase.RECONCILING: QT_TRANSLATE_NOOP(
        "Phases", "Checking Zendesk for tickets whose creation was not confirmed…"
    ),
    Phase.SENDING: QT_TRANSLATE_NOOP("Phases", "Creating the tickets…"),
    Phase.WAITING_FOR_LOST: QT_TRANSLATE_NOOP(
        "Phases",
        "Everything else is sent. Waiting until Zendesk has run the jobs whose answer was "
        "lost, so that no customer gets two tickets…",
    ),
    Phase.APPLYING_MACRO: QT_TRANSLATE_NOOP("Phases", "Applying the macro to the tickets…"),
    Phase.CREATING_VIEW: QT_TRANSLATE_NOOP("Phases", "Creating the campaign's view…"),
}


def phase_message(phase: Phase) -> Message | None:
    """What a front end says when the engine enters `phase` (None: nothing, the end states)."""
    source = _PHASE_TEXTS.get(phase)
    return Message(PHASES, source) if source is not None else None


def waiting_message(waiting: JobsWaiting) -> Message | None:
    """What a front end says about the send's wait in Zendesk's queue (None: no wait)."""
    if waiting.lost_tickets:
        return Message(
            PHASES,
            QT_TRANSLATE_NOOP(
                "Phases",
                "Waiting for {count} ticket(s) whose answer was lost: Zendesk still has a "
                "queued job that may hold them. They are checked, and sent again only if "
                "missing, once it has run…",
            ),
            {"count": waiting.lost_tickets},
        )
    if waiting.queued_jobs:
        return Message(
            PHASES,
            QT_TRANSLATE_NOOP("Phases", "Waiting for Zendesk to run {count} job(s)…"),
            {"count": waiting.queued_jobs},
        )
    return None


_RATE_WAIT_TEXTS: Final[Mapping[WaitReason, str]] = {
    WaitReason.RETRY_AFTER: QT_TRANSLATE_NOOP(
        "Phases", "Zendesk asked to wait {duration} before the next request (its rate limit)."
    ),
    WaitReason.RATE_BUDGET: QT_TRANSLATE_NOOP(
        "Phases",
        "Waiting {duration}: the account's request budget is used up for now (the headroom "
        "stays free for your agents and other integrations).",
    ),
    WaitReason.BACKOFF: QT_TRANSLATE_NOOP(
        "Phases", "Zendesk or the network failed; trying again in {duration}."
    ),
}


def rate_wait_message(waiting: Waiting, duration: str) -> Message:
    """What a front end says about a long wait for the rate limit or a retry; `duration` is
    the wait's length as that front end writes durations."""
    return Message(PHASES, _RATE_WAIT_TEXTS[waiting.reason], {"duration": duration})


class ErrorKind(StrEnum):
    """What an error that ended a use case means for the user, whatever its wording."""

    BAD_INPUT = "bad_input"
    """The input, configuration or account refused it: fix it; nothing was sent because of it."""
    SIGN_IN = "sign_in"
    """Credentials missing, wrong or expired beyond renewal: sign in (or set a token) again."""
    INTERRUPTED = "interrupted"
    """The network, an outage or the rate limit stopped it: the campaign resumes later."""
    CANCELLED = "cancelled"
    """The user stopped it; the journal is consistent and the campaign resumes."""
    STORAGE = "storage"
    """This computer failed it: the disk is full, or a file cannot be read or written. Once
    that is fixed, the campaign resumes."""
    JOURNAL = "journal"
    """The campaign journal cannot be read (damaged, or from a newer version)."""
    UNEXPECTED = "unexpected"
    """A bug: the details are in the log."""


def error_kind(error: BaseException) -> ErrorKind:
    """The kind of `error` (decided by its class, never by its text)."""
    if isinstance(error, CancelledError):
        return ErrorKind.CANCELLED
    if isinstance(error, NetworkError | ServerError | RateLimitedError | QueueTimeoutError):
        return ErrorKind.INTERRUPTED
    if isinstance(error, AuthenticationError | CredentialsError):
        return ErrorKind.SIGN_IN
    if isinstance(error, StorageError):
        return ErrorKind.STORAGE
    if isinstance(error, JournalError):
        return ErrorKind.JOURNAL
    if isinstance(error, ProactiveError):
        # Other answers from Zendesk (a 403 on a look-up, a 404 for a group) and InputError:
        # the configuration is refused.
        return ErrorKind.BAD_INPUT
    return ErrorKind.UNEXPECTED
