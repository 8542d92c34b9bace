"""Trim ICU's data library to what Qt reads: `python -m proactive_desktop.tools.icu_data`.

    python -m proactive_desktop.tools.icu_data SOURCE OUTPUT_DIR   write OUTPUT_DIR/<soname>
    python -m proactive_desktop.tools.icu_data SOURCE --list       what is kept and dropped

PySide6's Linux wheel ships ICU, whose `libicudata.so.NN` is about 31 MiB: one exported symbol,
`icudtNN_dat`, holding ICU's "common data" package. That package is a documented container
(ICU's `ucmndata.h`; `icupkg` reads and writes it): a data header, then a table of contents of
`count` (name offset, data offset) pairs sorted by name, then the items, each 16-byte aligned.
build.spec calls `trim_library()` on Linux: it reads the package out of the library, keeps the
items below, and writes a replacement library with the same soname exporting the same symbol
(assembled with `gcc -shared` around `.incbin`), which the bundle ships instead.

What Qt reads (libQt6Core is the only Qt library that imports ICU; it calls ucol_*, ucal_*,
ucnv_* and u_strToUpper/u_strToLower, nothing else):
- collation (QCollator, QString::localeAwareCompare, sorting in item views): `coll/` root,
  ucadata.icu and the en, ja and zh tailorings (zh brings pinyin, stroke and zhuyin orders);
- time-zone names (QTimeZone::displayName, QDateTime formats with a zone name): `zone/` for
  root, en, ja and zh, and the zone tables metaZones, zoneinfo64, timezoneTypes, windowsZones;
- the calendar ucal_open() builds for those names: the main tree's root, en, ja and zh, and
  the supplemental tables (supplementalData, likelySubtags, langInfo, plurals, numbering
  systems, ...) - every non-locale item of the main tree is kept, they are small;
- converters (QStringDecoder for names Qt has no codec of its own for): only the alias table.
  UTF-8/16/32, Latin-1 and ASCII are Qt's own codecs, and ICU's UTF-* converters are code, not
  data; the app decodes CSV files in Python. ucnv_open() of a table converter (Shift_JIS, GBK,
  ...) fails cleanly and QStringDecoder reports itself invalid;
- case mapping and normalisation are compiled into libicuuc; nfkc.nrm and nfkc_cf.nrm stay.

Dropped: the other locales (every tree falls back to root, as ICU does for a locale it lacks),
break iterators and their dictionaries (Qt finds text boundaries with its own Unicode tables),
transliteration, spell-out rules, currency, unit, language and region names (Qt's QLocale
carries its own CLDR data), the 190 converter tables, character names, IDNA, StringPrep and
spoof-checking data. `--self-test` ("locale data") proves collation and zone names in the
packaged app; tests/tools/test_icu_data.py proves the trimmed library with ICU itself.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Locales kept in every tree that is kept: the app's languages and ICU's root.
LANGUAGES = frozenset({"root", "en", "ja", "zh"})
# Trees (sub-folders of the package) Qt reads; the main tree (no folder) is always read.
TREES = frozenset({"coll", "zone"})
# Non-locale items of the kept trees.
TREE_ITEMS = frozenset({"pool.res", "res_index.res", "ucadata.icu", "tzdbNames.res"})
# Main-tree items that are not locales but data Qt never asks for: character names, IDNA
# (Qt has its own punycode), spoof checking.
MAIN_DROPPED = frozenset({"unames.icu", "uts46.nrm", "confusables.cfu"})
# Extensions of main-tree items that are never read: converter tables, StringPrep profiles.
MAIN_DROPPED_SUFFIXES = (".cnv", ".spp")
LOCALE_ITEM = re.compile(r"^(root|[a-z]{2,3}(_[A-Za-z0-9]*)*)\.res$")
DATA_SYMBOL = re.compile(rb"^icudt\d+_dat$")

ALIGNMENT = 16
PADDING = b"\xaa"  # what icupkg fills gaps with
MAGIC = (0xDA, 0x27)
COMMON_DATA_FORMAT = b"CmnD"
ENTRY = struct.Struct("<II")

# ELF64, little-endian: the only layout PySide6's Linux wheels ship (x86_64, aarch64).
ELF_HEADER = struct.Struct("<16sHHIQQQIHHHHHH")
SECTION_HEADER = struct.Struct("<IIQQQQIIQQ")
SYMBOL = struct.Struct("<IBBHQQ")
DYNAMIC = struct.Struct("<qQ")
SHT_DYNSYM = 11
SHT_DYNAMIC = 6
SHT_GNU_VERDEF = 0x6FFFFFFD
SHT_GNU_VERSYM = 0x6FFFFFFF
DT_SONAME = 14
STB_GLOBAL = 1
STT_OBJECT = 1


class IcuDataError(Exception):
    """The library or its data package is not what this tool understands."""


# -- ELF -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DataSymbol:
    soname: str
    name: str
    address: int
    file_offset: int
    size: int
    versioned: bool


def find_data_symbol(library: bytes) -> DataSymbol:
    """The exported `icudtNN_dat` of an ICU data library, and the library's soname."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise IcuDataError("not a 64-bit little-endian ELF library")
    header = ELF_HEADER.unpack_from(library, 0)
    shoff, shentsize, shnum = header[6], header[11], header[12]
    sections = [
        SECTION_HEADER.unpack_from(library, shoff + index * shentsize) for index in range(shnum)
    ]

    def section_bytes(index: int) -> bytes:
        _name, _type, _flags, _addr, offset, size, *_rest = sections[index]
        return library[offset : offset + size]

    def string_at(table: bytes, offset: int) -> bytes:
        return table[offset : table.index(b"\0", offset)]

    versioned = any(s[1] in (SHT_GNU_VERDEF, SHT_GNU_VERSYM) for s in sections)
    soname = ""
    for section in sections:
        if section[1] == SHT_DYNAMIC:
            strings = section_bytes(section[6])
            table = library[section[4] : section[4] + section[5]]
            for tag, value in DYNAMIC.iter_unpack(table):
                if tag == DT_SONAME:
                    soname = string_at(strings, value).decode("ascii")
    found: list[DataSymbol] = []
    for index, section in enumerate(sections):
        if section[1] != SHT_DYNSYM:
            continue
        strings = section_bytes(section[6])
        for name_offset, info, _other, shndx, value, size in SYMBOL.iter_unpack(
            section_bytes(index)
        ):
            name = string_at(strings, name_offset)
            if not DATA_SYMBOL.match(name) or shndx == 0 or shndx >= len(sections):
                continue
            if info >> 4 != STB_GLOBAL or info & 0xF != STT_OBJECT:
                raise IcuDataError(f"{name.decode()} is not a global data object")
            holder = sections[shndx]
            found.append(
                DataSymbol(
                    soname, name.decode(), value, holder[4] + value - holder[3], size, versioned
                )
            )
    if len(found) != 1:
        raise IcuDataError(f"expected one exported icudtNN_dat symbol, found {len(found)}")
    if not soname:
        raise IcuDataError("the library has no soname")
    return found[0]


# -- the common data package ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Package:
    header: bytes
    """The data header as it was (size, magic, UDataInfo "CmnD", copyright), padded."""
    items: tuple[tuple[str, bytes], ...]
    """(name, bytes) in the table's order, which is sorted by name; names carry the package
    prefix, e.g. "icudt73l/coll/zh.res"."""

    @property
    def prefix(self) -> str:
        return self.items[0][0].split("/", 1)[0] if self.items else ""

    @property
    def size(self) -> int:
        return len(encode_package(self))


def decode_package(blob: bytes) -> Package:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != MAGIC:
        raise IcuDataError("no ICU data header (magic bytes differ)")
    info_size, _reserved, big_endian, charset = struct.unpack_from("<HHBB", blob, 4)
    if big_endian or charset != 0 or blob[12:16] != COMMON_DATA_FORMAT:
        raise IcuDataError("not a little-endian ASCII ICU common data package")
    if info_size < 20 or header_size % ALIGNMENT:
        raise IcuDataError(f"unexpected header (size {header_size}, info {info_size})")
    toc = memoryview(blob)[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [ENTRY.unpack_from(toc, 4 + index * ENTRY.size) for index in range(count)]
    items: list[tuple[str, bytes]] = []
    for index, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        data_end = entries[index + 1][1] if index + 1 < count else len(toc)
        if data_offset % ALIGNMENT or data_end < data_offset:
            raise IcuDataError(f"{name}: misaligned or overlapping item")
        items.append((name, bytes(toc[data_offset:data_end])))
    names = [name for name, _data in items]
    if names != sorted(names):
        raise IcuDataError("the table of contents is not sorted by name")
    return Package(bytes(blob[:header_size]), tuple(items))


def encode_package(package: Package) -> bytes:
    """The package as ICU reads it: header, count, entries, names, then aligned items."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in package.items)
    count = len(package.items)
    names_start = 4 + count * ENTRY.size
    data_start = _aligned(names_start + len(names))
    entries = bytearray()
    name_offset, data_offset = names_start, data_start
    for name, data in package.items:
        entries += ENTRY.pack(name_offset, data_offset)
        name_offset += len(name) + 1
        data_offset += _aligned(len(data))
    body = bytearray(struct.pack("<I", count) + entries + names)
    body += PADDING * (data_start - len(body))
    for _name, data in package.items:
        body += data + PADDING * (_aligned(len(data)) - len(data))
    return package.header + bytes(body)


def _aligned(size: int) -> int:
    return (size + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def is_kept(name: str) -> bool:
    """Whether Qt (QtCore's collation, zone names, calendars, converters) can read this item."""
    parts = name.split("/")[1:]  # without the package prefix
    item = parts[-1]
    if len(parts) > 2:
        return False
    if len(parts) == 2:
        if parts[0] not in TREES:
            return False
        if item in TREE_ITEMS:
            return True
        return _kept_locale(item)
    if item == "res_index.res" or item == "pool.res":
        return True
    if LOCALE_ITEM.match(item):
        return _kept_locale(item)
    return item not in MAIN_DROPPED and not item.endswith(MAIN_DROPPED_SUFFIXES)


def _kept_locale(item: str) -> bool:
    match = LOCALE_ITEM.match(item)
    return bool(match) and item.removesuffix(".res").split("_", 1)[0] in LANGUAGES


def trimmed(package: Package) -> Package:
    return Package(package.header, tuple(item for item in package.items if is_kept(item[0])))


# -- the replacement library ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrimResult:
    library: Path
    symbol: str
    kept: int
    dropped: int
    original_bytes: int
    trimmed_bytes: int


def read_package(library_path: Path) -> tuple[DataSymbol, Package]:
    library = library_path.read_bytes()
    symbol = find_data_symbol(library)
    blob = library[symbol.file_offset : symbol.file_offset + symbol.size]
    return symbol, decode_package(blob)


def trim_library(source: Path, output_dir: Path, *, compiler: str = "gcc") -> TrimResult:
    """Write `output_dir/<soname>`: `source` with its data package trimmed; verify it.

    Raises IcuDataError when the source is not a plain ICU data library (a versioned symbol, a
    big-endian package), when no compiler is found, or when the result does not read back as
    exactly the kept items under the same soname and symbol.
    """
    symbol, package = read_package(source)
    if symbol.versioned:
        raise IcuDataError(f"{source.name} has symbol versions, which this tool does not copy")
    kept = trimmed(package)
    missing = [
        item
        for item in ("coll/ucadata.icu", "root.res", "zoneinfo64.res")
        if not any(name.endswith("/" + item) for name, _data in kept.items)
    ]
    if missing:
        raise IcuDataError(f"the package has no {', '.join(missing)}: not ICU's full data")
    blob = encode_package(kept)
    if shutil.which(compiler) is None:
        raise IcuDataError(f"no {compiler} to build the trimmed {symbol.soname}")
    output_dir.mkdir(parents=True, exist_ok=True)
    output = output_dir / symbol.soname
    with tempfile.TemporaryDirectory(prefix="icu-data-") as scratch:
        data_path = Path(scratch) / "data.bin"
        data_path.write_bytes(blob)
        assembly = Path(scratch) / "data.S"
        assembly.write_text(_assembly(symbol.name, data_path), encoding="ascii")
        command = [
            compiler,
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{symbol.soname}",
            "-Wl,-z,noexecstack",
            "-Wl,--build-id=sha1",
            "-o",
            str(output),
            str(assembly),
        ]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise IcuDataError(f"{compiler} failed: {completed.stderr.strip()}")
    _verify(output, symbol, kept)
    return TrimResult(
        output,
        symbol.name,
        len(kept.items),
        len(package.items) - len(kept.items),
        symbol.size,
        len(blob),
    )


def _assembly(symbol: str, data_path: Path) -> str:
    if '"' in str(data_path) or "\\" in str(data_path):
        raise IcuDataError(f"cannot quote {data_path} for the assembler")
    return (
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"\t.balign {ALIGNMENT}\n"
        f"{symbol}:\n"
        f'\t.incbin "{data_path}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )


def _verify(output: Path, expected_symbol: DataSymbol, expected: Package) -> None:
    symbol, package = read_package(output)
    if (symbol.soname, symbol.name) != (expected_symbol.soname, expected_symbol.name):
        raise IcuDataError(f"{output.name} exports {symbol.name} as {symbol.soname}")
    if symbol.address % ALIGNMENT:
        raise IcuDataError(f"{symbol.name} is not {ALIGNMENT}-byte aligned")
    if package != expected:
        raise IcuDataError(f"{output.name} does not read back as the trimmed package")


# -- command line --------------------------------------------------------------------------------


def _summary(items: Iterable[tuple[str, bytes]]) -> dict[str, int]:
    folders: dict[str, int] = {}
    for name, data in items:
        parts = name.split("/")
        folder = parts[1] if len(parts) > 2 else "(main)"
        folders[folder] = folders.get(folder, 0) + len(data)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m proactive_desktop.tools.icu_data", description=__doc__.split("\n")[0]
    )
    parser.add_argument("source", type=Path, help="ICU's libicudata.so.NN")
    parser.add_argument("output_dir", type=Path, nargs="?", help="where to write the trimmed one")
    parser.add_argument("--list", action="store_true", help="print each item kept or dropped")
    args = parser.parse_args(argv)
    try:
        if args.list or args.output_dir is None:
            _symbol, package = read_package(args.source)
            for name, data in package.items:
                print(f"{'keep' if is_kept(name) else 'drop'} {len(data):>9,} {name}")
            kept = trimmed(package)
            for folder, size in sorted(_summary(kept.items).items()):
                print(f"kept {folder}: {size / 1024:,.0f} KiB")
            print(f"kept {len(kept.items)} of {len(package.items)} items, {kept.size:,} bytes")
            return 0
        result = trim_library(args.source, args.output_dir)
    except (OSError, IcuDataError) as error:
        print(f"icu_data: {error}", file=sys.stderr)
        return 1
    print(
        f"icu data: {result.library}: kept {result.kept} items, dropped {result.dropped}; "
        f"{result.original_bytes / 2**20:.1f} MiB -> {result.trimmed_bytes / 2**20:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
