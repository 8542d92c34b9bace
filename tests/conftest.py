"""Test set-up shared by every test: offscreen Qt, a fixed language, a temporary data folder."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "en_US.UTF-8"
os.environ["LANGUAGE"] = "en"
os.environ.pop("ZENDESK_API_TOKEN", None)
os.environ.pop("ZENDESK_OAUTH_TOKEN", None)


from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder (journal, settings, logs) for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PROACTIVE_DESKTOP_DATA", str(folder))
    return folder
