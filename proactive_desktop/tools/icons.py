"""Generate the application icon files from `resources/icons/proactive-desktop.svg`.

    python -m proactive_desktop.tools.icons          write the PNG sizes, .ico and .icns
    python -m proactive_desktop.tools.icons --check  exit 1 if a committed file is out of date

The SVG is the only source. Qt renders it (QSvgRenderer into a QImage); the Windows `.ico` and the
macOS `.icns` containers are written here with `struct`, because Qt's own ico/icns image writers
store a single size per file while both platforms want every size in one file.
The generated files are committed, so building the app needs neither this tool nor QtSvg.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
SVG_NAME = "proactive-desktop.svg"
BASE_NAME = "proactive-desktop"

# Loose PNGs: the window icon (QIcon picks the nearest size) and the Linux desktop icon.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows Explorer asks for these; 256 is the largest an .ico entry can declare.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# OSType of each PNG-compressed .icns entry and its pixel size (Apple's icns element types).
ICNS_ENTRIES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)
# The SVG keeps the macOS grid's margin (100 of 1024 px). Below this size that margin would waste
# a fifth of a tiny Windows/Linux icon, so the small renderings crop most of it away.
SMALL_ICON_MAX_PX = 48
SVG_CANVAS_PX = 1024
SMALL_ICON_MARGIN_PX = 84


@dataclass(frozen=True, slots=True)
class IconFile:
    """One generated file: its name in resources/icons and its bytes."""

    name: str
    content: bytes


def png_name(size_px: int) -> str:
    return f"{BASE_NAME}-{size_px}.png"


def render_png(svg_path: Path, size_px: int) -> bytes:
    """The SVG drawn into a size_px square, antialiased, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"{svg_path} is not a valid SVG file")
    image = QImage(size_px, size_px, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    target = QRectF(0, 0, size_px, size_px)
    if size_px <= SMALL_ICON_MAX_PX:
        scale = size_px / (SVG_CANVAS_PX - 2 * SMALL_ICON_MARGIN_PX)
        outside = SMALL_ICON_MARGIN_PX * scale
        target = QRectF(-outside, -outside, size_px + 2 * outside, size_px + 2 * outside)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, target)
    painter.end()
    buffer_bytes = QByteArray()
    buffer = QBuffer(buffer_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12 accepts only a str format at run time, while its stubs declare bytes.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"Qt could not encode a {size_px} px PNG")
    buffer.close()
    return bytes(buffer_bytes.data())


def build_ico(pngs: Sequence[tuple[int, bytes]]) -> bytes:
    """An ICO container holding PNG-compressed images (supported since Windows Vista).

    Layout: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image, the images.
    A width/height byte of 0 means 256.
    """
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    for size_px, png in pngs:
        if not 1 <= size_px <= 256:
            raise ValueError(f"an .ico entry cannot be {size_px} px")
        side = size_px % 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(png for _, png in pngs)


def build_icns(entries: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An ICNS container: b"icns", total length, then (OSType, length with its header, data)."""
    body = b"".join(ostype + struct.pack(">I", len(data) + 8) + data for ostype, data in entries)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def parse_ico(content: bytes) -> list[tuple[int, bytes]]:
    """(size_px, PNG bytes) of each image in an ICO file written by build_ico()."""
    reserved, kind, count = struct.unpack_from("<HHH", content, 0)
    if reserved != 0 or kind != 1:
        raise ValueError("not an ICO file")
    images = []
    for index in range(count):
        width, _height, _colours, _zero, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", content, 6 + 16 * index
        )
        images.append((width or 256, content[offset : offset + length]))
    return images


def parse_icns(content: bytes) -> list[tuple[bytes, bytes]]:
    """(OSType, data) of each element of an ICNS file."""
    magic, total = struct.unpack_from(">4sI", content, 0)
    if magic != b"icns" or total != len(content):
        raise ValueError("not an ICNS file")
    elements = []
    position = 8
    while position < total:
        ostype, length = struct.unpack_from(">4sI", content, position)
        elements.append((ostype, content[position + 8 : position + length]))
        position += length
    return elements


def generate(icon_dir: Path = ICON_DIR) -> list[IconFile]:
    """Every generated icon file, rendered from the SVG in icon_dir."""
    svg_path = icon_dir / SVG_NAME
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_ENTRIES)})
    rendered = {size: render_png(svg_path, size) for size in sizes}
    files = [IconFile(png_name(size), rendered[size]) for size in PNG_SIZES]
    files.append(IconFile(f"{BASE_NAME}.ico", build_ico([(s, rendered[s]) for s in ICO_SIZES])))
    icns = build_icns((ostype, rendered[size]) for ostype, size in ICNS_ENTRIES)
    files.append(IconFile(f"{BASE_NAME}.icns", icns))
    return files


def _ensure_qt_application() -> object:
    # QSvgRenderer and QImage need a QGuiApplication for fonts and image plugins; offscreen keeps
    # the tool usable on a build machine without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m proactive_desktop.tools.icons")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    _app = _ensure_qt_application()
    stale = []
    for icon in generate():
        path = ICON_DIR / icon.name
        if args.check:
            if not path.exists() or path.read_bytes() != icon.content:
                stale.append(icon.name)
        else:
            path.write_bytes(icon.content)
            print(f"wrote {path.relative_to(ICON_DIR.parents[1])} ({len(icon.content):,} bytes)")
    if stale:
        print("out of date (run python -m proactive_desktop.tools.icons): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
