"""A minimal RAR 5.0 writer for test samples: files in the "store" method (no compression), no solid mode,
no encryption. No RAR writer is packaged for Debian main or PyPI (``rar`` is non-free), so the tests
write the format themselves; ``unrar-free`` / libarchive read it back.

Layout (RAR 5.0 technote): signature ``Rar!\\x1a\\x07\\x01\\x00``, a main archive header, one file header
(+ data area) per file, an end-of-archive header. Every header is ``CRC32 | size (vint) | type (vint) |
flags (vint) | [extra size] | [data size] | fields``; the CRC32 covers everything from the size field on.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"Rar!\x1a\x07\x01\x00"
HEAD_MAIN, HEAD_FILE, HEAD_END = 1, 2, 5
HFL_DATA = 0x0002  # the header is followed by a data area
FHFL_UTIME, FHFL_CRC32 = 0x0002, 0x0004
HOST_UNIX = 1


def vint(n: int) -> bytes:
    """Variable-length integer: 7 bits per byte, least significant first, high bit = more bytes."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _header(htype: int, flags: int, fields: bytes, data_size: int | None = None) -> bytes:
    body = vint(htype) + vint(flags) + (vint(data_size) if data_size is not None else b"") + fields
    sized = vint(len(body)) + body
    return struct.pack("<I", zlib.crc32(sized)) + sized


def rar_of(members: dict[str, bytes], mtime: int = 1_733_101_200) -> bytes:
    """A RAR 5 archive holding ``members`` ({"folder/name.txt": bytes}) stored without compression."""
    out = bytearray(SIGNATURE)
    out += _header(HEAD_MAIN, 0, vint(0))  # archive flags: not a volume, not solid
    for name, data in members.items():
        encoded = name.encode("utf-8")
        fields = (
            vint(FHFL_UTIME | FHFL_CRC32)
            + vint(len(data))  # unpacked size
            + vint(0o100644)  # attributes (unix mode of a regular file)
            + struct.pack("<I", mtime)
            + struct.pack("<I", zlib.crc32(data))
            + vint(0)  # compression: version 0, not solid, method 0 = store, smallest dictionary
            + vint(HOST_UNIX)
            + vint(len(encoded))
            + encoded
        )
        out += _header(HEAD_FILE, HFL_DATA, fields, data_size=len(data)) + data
    out += _header(HEAD_END, 0, vint(0))
    return bytes(out)
