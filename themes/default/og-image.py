#!/usr/bin/env python3
# Makes static/og-image.png, the default og:image (run it after changing the design).
# Rasterises the favicon's design (a document on blue) into a 1200x630 PNG
# for og:image, with a pure-Python PNG writer (no imaging library here).
import struct, zlib
W, H = 1200, 630
blue, white = (0x0b, 0x57, 0xb0), (0xff, 0xff, 0xff)
scale = 16
ox, oy = W / 2 - 16.5 * scale, H / 2 - 16 * scale
def to_units(x, y):
    return (x - ox) / scale, (y - oy) / scale
doc = [(9, 7), (20, 7), (24, 11), (24, 25), (9, 25)]
def inside(px, py, poly):
    c = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > py) != (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1:
            c = not c
    return c
lines = [(12, 21, 14), (12, 21, 18), (12, 18, 22)]
rows = []
for y in range(H):
    row = bytearray([0])
    for x in range(W):
        ux, uy = to_units(x + 0.5, y + 0.5)
        colour = blue
        if inside(ux, uy, doc):
            colour = white
            for x1, x2, ly in lines:
                if x1 <= ux <= x2 and abs(uy - ly) <= 1:
                    colour = blue
        row.extend(colour)
    rows.append(bytes(row))
raw = zlib.compress(b"".join(rows), 9)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "static", "og-image.png"), "wb").write(png)
print(len(png))
