"""Checks that a headless browser's screenshot of a page shows something: PAGE.png is a valid
PNG (signature, IHDR, IDAT that inflates to the rows IHDR announces) and, once its rows are
unfiltered, holds text and colour, where BLANK.png (the same browser, an empty page) is one
colour. No imaging library: the PNG filters are a few lines (ISO/IEC 15948, section 9).

Usage: check_screenshot.py PAGE.png BLANK.png ; prints "ok: ..." or what is wrong (exit 1).
"""
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples a pixel (8-bit, no palette)


def chunks(data):
    at = len(SIGNATURE)
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        crc, = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in chunk {kind!r}")
        yield kind, body
        at += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(kind, line, previous, bpp, y):
    """One row's bytes with its filter undone; a loop a filter type, for speed."""
    n = len(line)
    if kind == 0:
        pass
    elif kind == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
    elif kind == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(n):
            if i >= bpp:
                line[i] = (line[i] + paeth(line[i - bpp], previous[i], previous[i - bpp])) & 0xFF
            else:
                line[i] = (line[i] + previous[i]) & 0xFF
    else:
        raise ValueError(f"row {y}: filter type {kind}")
    return line


def pixels(path):
    """(width, height, rows), each row the bytes of its pixels."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG: no signature")
    width = height = bpp = None
    idat = b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in CHANNELS or interlace != 0:
                raise ValueError(f"unexpected PNG form: depth {depth}, colour type {colour}")
            bpp = CHANNELS[colour]
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if width is None or not idat:
        raise ValueError("no IHDR or no IDAT")
    raw = zlib.decompress(idat)
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError(f"IDAT holds {len(raw)} bytes, not {height} rows of {stride + 1}")
    rows = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        rows.append(unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous,
                             bpp, y))
        previous = rows[-1]
    rows = [bytes(row) for row in rows]
    return width, height, rows, bpp


def colours(rows, bpp):
    seen = {}
    for row in rows:
        for x in range(0, len(row), bpp):
            pixel = row[x:x + bpp]
            seen[pixel] = seen.get(pixel, 0) + 1
    return seen


def main(page_path, blank_path):
    width, height, rows, bpp = pixels(page_path)
    blank_width, blank_height, blank_rows, blank_bpp = pixels(blank_path)
    if (width, height) != (blank_width, blank_height):
        print(f"page {width}x{height}, blank {blank_width}x{blank_height}")
        return 1
    blank = colours(blank_rows, blank_bpp)
    if len(blank) != 1:
        print(f"the empty page shows {len(blank)} colours: the comparison means nothing")
        return 1
    page = colours(rows, bpp)
    background = max(page.values())
    drawn = 1 - background / (width * height)
    distinct_rows = len(set(rows))
    # Text, tables and coloured badges: many colours (anti-aliasing), many distinct rows.
    if len(page) < 16 or distinct_rows < height // 10 or drawn < 0.01:
        print(f"looks blank: {len(page)} colours, {distinct_rows} distinct rows of {height}, "
              f"{drawn:.1%} of pixels off the background")
        return 1
    print(f"ok: {width}x{height}, {len(page)} colours, {distinct_rows} distinct rows, "
          f"{drawn:.1%} of pixels drawn")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except (ValueError, zlib.error, struct.error, OSError) as error:
        print(f"not a valid PNG: {error}")
        sys.exit(1)
