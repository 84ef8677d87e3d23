"""Draw the add-in's ribbon icons (a blue tile with three white bars): `python make_icons.py`.

Plain PNG writing with the standard library, so the icons can be redrawn without an image tool.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

BLUE = (31, 78, 121)
WHITE = (255, 255, 255)


def pixel(x: int, y: int, size: int) -> tuple[int, int, int, int]:
    margin = size // 8
    inside = margin <= x < size - margin and margin <= y < size - margin
    if not inside:
        return (0, 0, 0, 0)
    # Three bars of rising height: a report's figures.
    span = size - 2 * margin
    bar = max(1, span // 7)
    for i, height in enumerate((0.35, 0.55, 0.8)):
        left = margin + bar * (1 + 2 * i)
        top = size - margin - bar - int(span * height)
        if left <= x < left + bar and top <= y < size - margin - bar:
            return (*WHITE, 255)
    return (*BLUE, 255)


def png(size: int) -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = Path(__file__).parent
    for size in (16, 32, 64, 80):
        (here / f"icon-{size}.png").write_bytes(png(size))
        print(f"icon-{size}.png")
