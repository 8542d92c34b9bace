"""The trimmed ICU data library (proactive_desktop/tools/icu_data.py), proven with ICU itself.

PySide6's own libicuuc and libicui18n are copied next to the full and the trimmed libicudata
(they find it through their $ORIGIN run path) and asked, in a fresh interpreter without Qt, what
QtCore asks: collation order, time-zone display names, converters.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from proactive_desktop.tools import icu_data

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="only PySide6's Linux wheel ships ICU"
)


def _qt_lib_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "lib"


def _icu_library(stem: str) -> Path:
    found = sorted(_qt_lib_dir().glob(f"{stem}.so.*"))
    if not found:
        pytest.skip(f"this PySide6 has no {stem}")
    return found[0]


# Run in a child interpreter: a process that has loaded Qt already holds a libicudata.so.NN of
# that soname, which the copies would then share.
PROBE = r"""
import ctypes, functools, json, sys
folder, version = sys.argv[1], sys.argv[2]
uc = ctypes.CDLL(f"{folder}/libicuuc.so.{version}")
i18n = ctypes.CDLL(f"{folder}/libicui18n.so.{version}")
def fn(lib, name, restype, *argtypes):
    function = getattr(lib, f"{name}_{version}")
    function.restype, function.argtypes = restype, list(argtypes)
    return function
P, I, S = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
ucol_open = fn(i18n, "ucol_open", P, S, P)
ucol_strcoll = fn(i18n, "ucol_strcoll", I, P, P, I, P, I)
ucol_close = fn(i18n, "ucol_close", None, P)
ucal_open = fn(i18n, "ucal_open", P, P, I, S, I, P)
ucal_name = fn(i18n, "ucal_getTimeZoneDisplayName", I, P, I, S, P, I, P)
ucal_close = fn(i18n, "ucal_close", None, P)
ucnv_open = fn(uc, "ucnv_open", P, S, P)
ucnv_close = fn(uc, "ucnv_close", None, P)
words = ["中", "阿", "北", "一", "亜", "b", "A", "file10", "file2", "ä", "z"]
def u16(text):  # ICU's UChar strings are UTF-16 (wchar_t is UTF-32 on Linux)
    data = text.encode("utf-16-le")
    return ctypes.create_string_buffer(data, len(data) + 2), len(data) // 2
result = {"collation": {}, "zones": {}, "converters": {}}
for locale in sys.argv[3].split(","):
    status = ctypes.c_int(0)
    collator = ucol_open(locale.encode(), ctypes.byref(status))
    def compare(a, b):
        (ba, la), (bb, lb) = u16(a), u16(b)
        return ucol_strcoll(collator, ba, la, bb, lb)
    result["collation"][locale] = [status.value, sorted(words, key=functools.cmp_to_key(compare))]
    ucol_close(collator)
    names = []
    for kind in range(4):  # standard, short standard, daylight, short daylight
        status = ctypes.c_int(0)
        zone, zone_length = u16("Asia/Tokyo")
        calendar = ucal_open(zone, zone_length, locale.encode(), 0, ctypes.byref(status))
        buffer = ctypes.create_string_buffer(256)
        length = ucal_name(calendar, kind, locale.encode(), buffer, 128, ctypes.byref(status))
        names.append([status.value, buffer.raw[: length * 2].decode("utf-16-le")])
        ucal_close(calendar)
    result["zones"][locale] = names
for name in sys.argv[4].split(","):
    status = ctypes.c_int(0)
    converter = ucnv_open(name.encode(), ctypes.byref(status))
    result["converters"][name] = status.value <= 0 and bool(converter)
    if converter:
        ucnv_close(converter)
print(json.dumps(result, ensure_ascii=False))
"""

KEPT_LOCALES = ("en", "en_GB", "ja", "ja_JP", "zh", "zh_CN", "zh_TW", "zh_Hant_HK", "")
BUILT_IN_CONVERTERS = ("UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32", "ISO-8859-1", "US-ASCII")


def _probe(folder: Path, locales: tuple[str, ...], converters: tuple[str, ...]) -> dict[str, Any]:
    version = _icu_library("libicudata").name.rsplit(".", 1)[1]
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            str(folder),
            version,
            ",".join(locales),
            ",".join(converters),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


@pytest.fixture(scope="module")
def icu_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(full, trimmed): folders holding PySide6's ICU libraries, each with its data library."""
    if shutil.which("gcc") is None:
        pytest.skip("no gcc to build the trimmed library")
    full = tmp_path_factory.mktemp("icu-full")
    trimmed = tmp_path_factory.mktemp("icu-trimmed")
    for stem in ("libicuuc", "libicui18n"):
        for folder in (full, trimmed):
            shutil.copy2(_icu_library(stem), folder)
    shutil.copy2(_icu_library("libicudata"), full)
    icu_data.trim_library(_icu_library("libicudata"), trimmed)
    return full, trimmed


def test_the_package_reads_and_writes_back_byte_for_byte() -> None:
    library = _icu_library("libicudata").read_bytes()
    symbol = icu_data.find_data_symbol(library)
    blob = library[symbol.file_offset : symbol.file_offset + symbol.size]
    assert symbol.name.startswith("icudt")
    assert symbol.soname == _icu_library("libicudata").name
    assert icu_data.encode_package(icu_data.decode_package(blob)) == blob


def test_the_trimmed_library_has_the_same_soname_and_symbol(
    icu_folders: tuple[Path, Path],
) -> None:
    full, trimmed = icu_folders
    name = _icu_library("libicudata").name
    original, _ = icu_data.read_package(full / name)
    symbol, _package = icu_data.read_package(trimmed / name)
    assert (symbol.soname, symbol.name, symbol.versioned) == (
        original.soname,
        original.name,
        False,
    )
    assert symbol.address % 16 == 0
    assert symbol.size < original.size / 5


@pytest.mark.slow
def test_collation_and_zone_names_match_the_full_data_for_the_app_languages(
    icu_folders: tuple[Path, Path],
) -> None:
    full, trimmed = icu_folders
    expected = _probe(full, KEPT_LOCALES, BUILT_IN_CONVERTERS)
    actual = _probe(trimmed, KEPT_LOCALES, BUILT_IN_CONVERTERS)
    assert actual == expected
    # The tailorings are really there: pinyin puts 阿 (a) before 北 (bei) before 中 (zhong),
    # Japanese puts 亜 (first in JIS X 0208) before 一; root orders both by code point.
    zh_order = actual["collation"]["zh"][1]
    assert zh_order.index("阿") < zh_order.index("北") < zh_order.index("中")
    ja_order = actual["collation"]["ja"][1]
    assert ja_order.index("亜") < ja_order.index("一")
    assert actual["zones"]["ja"][0][1] == "日本標準時"
    assert actual["zones"]["zh_CN"][0][1] == "日本标准时间"
    assert all(actual["converters"].values())


@pytest.mark.slow
def test_dropped_locales_and_converters_fall_back_cleanly(icu_folders: tuple[Path, Path]) -> None:
    _full, trimmed = icu_folders
    result = _probe(trimmed, ("de", "ko"), ("Shift_JIS", "windows-1252"))
    # No error status: ICU falls back to root, as for any locale it does not have.
    assert all(status <= 0 for status, _order in result["collation"].values())
    assert result["zones"]["de"][0] == [0, "Japan Standard Time"]
    assert result["converters"] == {"Shift_JIS": False, "windows-1252": False}


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/root.res", True),
        ("icudt73l/ja.res", True),
        ("icudt73l/zh_Hant_TW.res", True),
        ("icudt73l/en_US_POSIX.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/res_index.res", True),
        ("icudt73l/pool.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
        ("icudt73l/unames.icu", False),
        ("icudt73l/rfc3491.spp", False),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/zh.res", True),
        ("icudt73l/coll/ko.res", False),
        ("icudt73l/coll/de__PHONEBOOK.res", False),
        ("icudt73l/zone/ja.res", True),
        ("icudt73l/zone/pool.res", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/brkitr/ja.res", False),
        ("icudt73l/lang/ja.res", False),
        ("icudt73l/translit/root.res", False),
    ],
)
def test_what_is_kept(name: str, kept: bool) -> None:
    assert icu_data.is_kept(name) is kept


def test_a_library_without_icu_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(icu_data.IcuDataError):
        icu_data.trim_library(_icu_library("libicuuc"), tmp_path)


SELF_TEST_CHECK = """
from proactive_desktop.selftest import _run_check, check_locale_data
print(_run_check("locale data", check_locale_data).line())
"""


def _self_test_check_with(data_library: Path) -> str:
    """The self-test's locale check, in a process whose Qt loads `data_library` as its ICU data.

    The dynamic linker matches NEEDED entries by soname, so a preloaded libicudata.so.NN is the
    one Qt's libicuuc uses.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "LD_"))}
    env |= {"LD_PRELOAD": str(data_library), "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}
    completed = subprocess.run(
        [sys.executable, "-c", SELF_TEST_CHECK],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    return completed.stdout.strip()


@pytest.mark.slow
def test_the_self_test_passes_with_the_trimmed_data(icu_folders: tuple[Path, Path]) -> None:
    _full, trimmed = icu_folders
    line = _self_test_check_with(trimmed / _icu_library("libicudata").name)
    assert line.startswith("locale data: ok ("), line


@pytest.mark.slow
def test_the_self_test_fails_without_the_app_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("gcc") is None:
        pytest.skip("no gcc to build the trimmed library")
    monkeypatch.setattr(icu_data, "LANGUAGES", frozenset({"root"}))
    result = icu_data.trim_library(_icu_library("libicudata"), tmp_path)
    line = _self_test_check_with(result.library)
    assert line.startswith("locale data: FAILED: zh_CN sorts 中 北 阿; ja sorts 一 亜"), line
    assert "GMT+09:00" in line
