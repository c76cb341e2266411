"""
The site's mark, a white K on the accent colour, as the favicon and app icons in static/icons/:
favicon.svg, favicon.ico (a 32-pixel PNG inside), apple-touch-icon.png (180) and icon-192.png, icon-512.png for the
web manifest. The PNGs are drawn here from the same shapes as the SVG, without an imaging library, so that
`make icons` remakes the same files anywhere:

    python -m kfor_site.icons static/icons
"""

import math
import struct
import sys
import zlib
from pathlib import Path

ACCENT = (0x0B, 0x4F, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)
SIZE = 64  # the shapes' coordinates, as in favicon.svg's viewBox
RADIUS = 12  # the corners of the square
LETTER = [  # the K: its stem, upper arm and lower leg
    [(16, 12), (27, 12), (27, 52), (16, 52)],
    [(27, 28), (41, 12), (53, 12), (27, 42)],
    [(33, 30), (40, 25), (54, 52), (41, 52)],
]
# Name: (size, corner radius). iOS rounds the corners of its touch icon itself, and fills transparent ones black.
PNG_SIZES = {"apple-touch-icon.png": (180, 0), "icon-192.png": (192, RADIUS), "icon-512.png": (512, RADIUS)}
SUBROWS = 8  # samples a pixel's height is cut into; across, coverage is exact


def rounded_square(radius, steps=12):
    corners = [(SIZE - radius, SIZE - radius, 0), (radius, SIZE - radius, 90), (radius, radius, 180),
               (SIZE - radius, radius, 270)]
    return [(cx + radius * math.cos(math.radians(start + 90 * i / steps)),
             cy + radius * math.sin(math.radians(start + 90 * i / steps)))
            for cx, cy, start in corners for i in range(steps + 1)]


def svg():
    letter = "".join(f'<path d="M{" L".join(f"{x} {y}" for x, y in shape)}Z"/>' for shape in LETTER)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
            f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="#{"".join(f"{c:02x}" for c in ACCENT)}"/>'
            f'<g fill="#fff">{letter}</g></svg>\n')


def _spans(shapes, y):
    """Where the horizontal line at ``y`` is inside any of ``shapes``: merged (start, end) pairs."""
    spans = []
    for shape in shapes:
        crossings = sorted(
            x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1]) if (y0 <= y < y1) or (y1 <= y < y0)
        )
        spans += zip(crossings[::2], crossings[1::2])
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _cover(row, spans, scale, weight):
    for start, end in spans:
        start, end = start * scale, end * scale
        for x in range(max(int(start), 0), min(math.ceil(end), len(row))):
            row[x] += weight * (min(end, x + 1) - max(start, x))


def png(size, radius=RADIUS):
    """The mark as a size x size RGBA PNG, its corners rounded by ``radius`` (in the SVG's units)."""
    scale, square = size / SIZE, [rounded_square(radius)]
    rows = []
    for y in range(size):
        ground, letter = [0.0] * size, [0.0] * size
        for sub in range(SUBROWS):
            line = (y + (sub + 0.5) / SUBROWS) / scale
            _cover(ground, _spans(square, line), scale, 1 / SUBROWS)
            _cover(letter, _spans(LETTER, line), scale, 1 / SUBROWS)
        pixels = bytearray(b"\0")  # each row's filter: none
        for g, k in zip(ground, letter):
            g, k = min(g, 1.0), min(k, g, 1.0)
            colour = [round((w * k + a * (g - k)) / g) if g else 0 for w, a in zip(WHITE, ACCENT)]
            pixels += bytes(colour + [round(255 * g)])
        rows.append(bytes(pixels))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def ico(size=32):
    """A favicon.ico holding one PNG, as every browser since 2007 reads it."""
    image = png(size)
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), 22) + image


def write_icons(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "favicon.svg").write_text(svg())
    (folder / "favicon.ico").write_bytes(ico())
    for name, (size, radius) in PNG_SIZES.items():
        (folder / name).write_bytes(png(size, radius))


if __name__ == "__main__":
    write_icons(sys.argv[1])
