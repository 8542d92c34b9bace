"""The settings file: defaults, round trip, versions, damaged files, atomic writes, no secrets."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from proactive_desktop.core import settings as settings_module
from proactive_desktop.core.settings import (
    DEFAULT_HEADROOM_PERCENT,
    SETTINGS_VERSION,
    UPGRADES,
    Settings,
    SettingsStore,
    load_settings,
    save_settings,
)


def test_no_file_means_defaults(data_dir: Path) -> None:
    assert load_settings(data_dir) == Settings()
    assert Settings().headroom_percent == DEFAULT_HEADROOM_PERCENT == 20
    assert Settings().headroom == pytest.approx(0.2)
    assert not (data_dir / "settings.json").exists()


def test_saved_settings_load_back(data_dir: Path) -> None:
    chosen = Settings(
        last_url="https://acme.zendesk.com",
        last_email="佐藤@acme.example",
        language="zh_CN",
        headroom_percent=35,
    )
    save_settings(data_dir, chosen)
    assert load_settings(data_dir) == chosen
    document = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert document["version"] == SETTINGS_VERSION
    assert document["last_email"] == "佐藤@acme.example"


def test_every_setting_has_a_validator() -> None:
    names = {field.name for field in dataclasses.fields(Settings)}
    assert set(settings_module._VALIDATORS) == names


def test_every_older_version_has_an_upgrade() -> None:
    assert all(version in UPGRADES for version in range(1, SETTINGS_VERSION))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("language", "klingon"),
        ("language", 5),
        ("headroom_percent", 95),
        ("headroom_percent", -1),
        ("headroom_percent", "20"),
        ("headroom_percent", True),
        ("last_url", ["x"]),
        ("last_email", "x" * 5000),
    ],
)
def test_an_unusable_value_falls_back_to_its_default(data_dir: Path, key: str, value: Any) -> None:
    document = {"version": 1, "last_url": "https://acme.zendesk.com", key: value}
    (data_dir / "settings.json").write_text(json.dumps(document), encoding="utf-8")
    loaded = load_settings(data_dir)
    assert getattr(loaded, key) == getattr(Settings(), key)
    if key != "last_url":
        assert loaded.last_url == "https://acme.zendesk.com"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe\x00garbage", b'{"version": "two"}', b""],
)
def test_a_damaged_file_is_kept_aside_and_defaults_are_used(data_dir: Path, content: bytes) -> None:
    path = data_dir / "settings.json"
    path.write_bytes(content)
    assert load_settings(data_dir) == Settings()
    assert not path.exists()
    assert (data_dir / "settings.json.bad").read_bytes() == content
    # The next save starts a fresh, valid file.
    save_settings(data_dir, Settings(language="ja"))
    assert load_settings(data_dir) == Settings(language="ja")


def test_a_file_from_a_newer_release_is_read_but_never_rewritten(data_dir: Path) -> None:
    path = data_dir / "settings.json"
    newer = {
        "version": SETTINGS_VERSION + 3,
        "last_url": "https://acme.zendesk.com",
        "language": "ja",
        "a_future_setting": {"nested": True},
    }
    original = json.dumps(newer, indent=4)
    path.write_text(original, encoding="utf-8")
    store = SettingsStore(path)
    loaded = store.load()
    assert loaded == Settings(last_url="https://acme.zendesk.com", language="ja")
    assert store.read_only
    loaded.language = "en"
    store.save(loaded)
    save_settings(data_dir, loaded)
    assert path.read_text(encoding="utf-8") == original


def test_upgrades_run_in_order_from_the_file_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "url": "https://old.example", "headroom": 0.3}))
    applied: list[int] = []

    def one_to_two(document: dict[str, Any]) -> None:
        applied.append(1)
        document["last_url"] = document.pop("url")

    def two_to_three(document: dict[str, Any]) -> None:
        applied.append(2)
        document["headroom_percent"] = round(document.pop("headroom") * 100)

    store = SettingsStore(path, version=3, upgrades={1: one_to_two, 2: two_to_three})
    loaded = store.load()
    assert applied == [1, 2]
    assert loaded == Settings(last_url="https://old.example", headroom_percent=30)
    store.save(loaded)
    assert json.loads(path.read_text())["version"] == 3

    # A file already at version 2 only takes the second step.
    path.write_text(json.dumps({"version": 2, "last_url": "https://x.example", "headroom": 0.5}))
    applied.clear()
    assert store.load().headroom_percent == 50
    assert applied == [2]


def test_a_failing_upgrade_keeps_the_file_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1}))

    def broken(document: dict[str, Any]) -> None:
        raise KeyError("url")

    assert SettingsStore(path, version=2, upgrades={1: broken}).load() == Settings()
    assert (tmp_path / "settings.json.bad").exists()


def test_writes_are_atomic_and_leave_no_temporary_files(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(data_dir, Settings(language="ja"))
    before = (data_dir / "settings.json").read_bytes()

    def failing_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        SettingsStore.in_data_dir(data_dir).save(Settings(language="en"))
    monkeypatch.undo()
    # The old file is intact and no half-written temporary file is left behind.
    assert (data_dir / "settings.json").read_bytes() == before
    assert sorted(each.name for each in data_dir.iterdir()) == ["settings.json"]


def test_settings_never_hold_secret_looking_keys(tmp_path: Path) -> None:
    @dataclasses.dataclass
    class Leaky(Settings):
        api_token: str = "abc"

    with pytest.raises(ValueError, match="secrets belong in the keychain"):
        SettingsStore(tmp_path / "settings.json").save(Leaky())
    assert not (tmp_path / "settings.json").exists()
    # Secret-looking keys in a file are never read into the settings either.
    (tmp_path / "settings.json").write_text(
        json.dumps({"version": 1, "api_token": "abc", "password": "x", "language": "ja"})
    )
    loaded = SettingsStore(tmp_path / "settings.json").load()
    assert loaded == Settings(language="ja")
    assert "abc" not in repr(loaded)
