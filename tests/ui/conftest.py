"""Wizard fixtures shared by the UI tests: services over a temporary data folder and an
in-memory keychain, the demo account on the test's sandbox, and the wizard itself.

Every UI test ends with no worker thread left running (a leaked thread would outlive its test).
Helpers (signing in, driving the wizard) are in wizard_support.py.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from keychain_backends import MemoryKeyring
from pytestqt.qtbot import QtBot
from wizard_support import connect, demo_account, make_wizard

from proactive_desktop.core.secrets import SecretStore
from proactive_desktop.sandbox import SandboxServer
from proactive_desktop.ui.app import build_services
from proactive_desktop.ui.services import FixedDemo, Services
from proactive_desktop.ui.wizard import CampaignWizard
from proactive_desktop.ui.workers import stop_all_threads

__all__ = ["connect"]


@pytest.fixture(autouse=True)
def _no_thread_outlives_its_test() -> Iterator[None]:
    yield
    assert stop_all_threads(10_000), "a worker thread did not stop"


@pytest.fixture(autouse=True)
def _nothing_kept_from_collection_after_its_test() -> Iterator[None]:
    """Pages spare what they load from full garbage collections (gc.freeze); a test's wizard
    must still be collectable once the test is over, or its objects would pile up."""
    yield
    gc.unfreeze()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def secret_store(memory_keyring: MemoryKeyring) -> SecretStore:
    return SecretStore(memory_keyring)


@pytest.fixture
def services(
    data_dir: Path, secret_store: SecretStore, sandbox: SandboxServer
) -> Iterator[Services]:
    """Services over a temporary data folder; "Try the demo" signs in to the test's sandbox."""
    built = build_services(data_dir, secrets=secret_store, demo=FixedDemo(demo_account(sandbox)))
    yield built
    built.close()


@pytest.fixture
def connected_services(services: Services, sandbox: SandboxServer) -> Services:
    connect(services, sandbox)
    return services


@pytest.fixture
def wizard(qtbot: QtBot, services: Services) -> CampaignWizard:
    """The wizard on its Start page, over `services`."""
    return make_wizard(qtbot, services)
