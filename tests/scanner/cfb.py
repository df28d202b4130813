"""A small writer of Compound File Binary files (MS-CFB version 3, 512-byte sectors), for test samples.

Enough of the format to write real Outlook .msg files (MS-OXMSG) and other OLE containers: storages and
streams, the mini stream (64-byte mini sectors) for streams under 4,096 bytes, the FAT, the mini FAT and a
directory whose sibling trees are balanced red-black trees. No DIFAT sectors: files up to ~7 MB.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    clsid: bytes = b"\0" * 16
    children: dict[str, _Entry] = field(default_factory=dict)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _key(name: str) -> tuple[int, str]:
    """CFB order of sibling names: shorter first, then by upper-cased code units."""
    return (len(name.encode("utf-16-le")), name.upper())


def _tree(nodes: list[_Entry], depth: int, full_depth: int) -> int:
    """Balanced binary search tree over sorted ``nodes``; returns the root's id.

    Nodes below the last full level are red, the others black: every path has the same black count.
    """
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    node = nodes[mid]
    node.color = RED if depth > full_depth else BLACK
    node.left = _tree(nodes[:mid], depth + 1, full_depth)
    node.right = _tree(nodes[mid + 1 :], depth + 1, full_depth)
    return node.sid


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i + 1 < count else ENDOFCHAIN


def write_cfb(streams: dict[str, bytes], root_clsid: bytes = b"\0" * 16) -> bytes:
    """A compound file holding ``streams`` ({"storage/sub/stream": bytes}); storages are implied."""
    root = _Entry("Root Entry", ROOT, clsid=root_clsid)
    for path, data in streams.items():
        parts = path.split("/")
        node = root
        for part in parts[:-1]:
            node = node.children.setdefault(part, _Entry(part, STORAGE))
        node.children[parts[-1]] = _Entry(parts[-1], STREAM, data=bytes(data))
    # Directory ids, breadth first.
    order: list[_Entry] = [root]
    i = 0
    while i < len(order):
        order.extend(sorted(order[i].children.values(), key=lambda e: _key(e.name)))
        i += 1
    for sid, entry in enumerate(order):
        entry.sid = sid
    for entry in order:
        kids = sorted(entry.children.values(), key=lambda e: _key(e.name))
        full_depth = (len(kids) + 1).bit_length() - 2  # deepest level that is complete
        entry.child = _tree(kids, 0, full_depth)
    # Mini stream: small streams in 64-byte mini sectors.
    mini = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for entry in order:
        if entry.kind != STREAM:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            entry.start = ENDOFCHAIN
        elif entry.size < CUTOFF:
            first, count = len(minifat), -(-entry.size // MINI)
            minifat.extend([0] * count)
            _chain(minifat, first, count)
            entry.start = first
            mini += entry.data + b"\0" * (count * MINI - entry.size)
        else:
            big.append(entry)
    # Regular sectors: big streams, the mini stream, the mini FAT, the directory, then the FAT itself.
    regions: list[tuple[_Entry | str, bytes]] = [(e, e.data) for e in big]
    if mini:
        regions.append((root, bytes(mini)))
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat) if minifat else b""
    if minifat_bytes:
        regions.append(("minifat", minifat_bytes))
    regions.append(("dir", b""))  # filled below, its size is known
    dir_sectors = -(-len(order) * 128 // SECTOR)
    data_sectors = sum(-(-len(d) // SECTOR) for _, d in regions[:-1]) + dir_sectors
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < data_sectors + fat_sectors:
        fat_sectors += 1
    if fat_sectors > 109:
        raise ValueError("too large for a compound file without DIFAT sectors")
    total = data_sectors + fat_sectors
    fat = [FREESECT] * (fat_sectors * SECTOR // 4)
    body = bytearray()
    pos = 0
    starts: dict[str, int] = {}
    for owner, data in regions:
        count = dir_sectors if owner == "dir" else -(-len(data) // SECTOR)
        _chain(fat, pos, count)
        if isinstance(owner, _Entry):
            owner.start = pos
            if owner is root:
                owner.size = len(data)
        else:
            starts[owner] = pos
        if owner != "dir":
            body += data + b"\0" * (count * SECTOR - len(data))
        else:
            directory = b"".join(_dir_entry(e) for e in order)
            empty = _dir_entry(None)
            directory += empty * (dir_sectors * SECTOR // 128 - len(order))
            body += directory
        pos += count
    for k in range(fat_sectors):
        fat[pos + k] = FATSECT
    body += struct.pack(f"<{len(fat)}I", *fat)
    assert len(body) == total * SECTOR
    difat = list(range(pos, pos + fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # byte order: little-endian
        9,  # sector shift: 2**9
        6,  # mini sector shift: 2**6
        b"\0" * 6,
        0,  # directory sectors (always 0 in version 3)
        fat_sectors,
        starts["dir"],
        0,  # transaction signature
        CUTOFF,
        starts.get("minifat", ENDOFCHAIN),
        -(-len(minifat_bytes) // SECTOR),
        ENDOFCHAIN,  # first DIFAT sector: none
        0,
    ) + struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    return header + bytes(body)


def _dir_entry(e: _Entry | None) -> bytes:
    if e is None:
        return b"\0" * 64 + struct.pack(
            "<HBBIII16sIQQIQ", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0
        )
    name = e.name.encode("utf-16-le") + b"\0\0"
    if len(name) > 64:
        raise ValueError(f"name too long: {e.name}")
    return name.ljust(64, b"\0") + struct.pack(
        "<HBBIII16sIQQIQ",
        len(name),
        e.kind,
        e.color,
        e.left,
        e.right,
        e.child,
        e.clsid,
        0,  # state bits
        0,  # creation time
        0,  # modification time
        0 if e.kind == STORAGE else e.start,
        e.size,
    )


# --- Outlook .msg (MS-OXMSG) -----------------------------------------------------------------------------

MSG_CLSID = bytes.fromhex("0b0d020000000000c000000000000046")  # {00020D0B-0000-0000-C000-000000000046}
PT_LONG, PT_UNICODE, PT_BINARY = 0x0003, 0x001F, 0x0102
_READABLE_WRITABLE = 0x00000006


def _prop_entry(prop: int, ptype: int, value: bytes | int) -> bytes:
    tag = (prop << 16) | ptype
    if isinstance(value, int):  # fixed-length property: the value is in the entry
        return struct.pack("<IIQ", tag, _READABLE_WRITABLE, value)
    size = len(value)
    return struct.pack("<IIII", tag, _READABLE_WRITABLE, size, 0)


def msg(subject: str, body: str, attachments: list[tuple[str, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    """An Outlook message (.msg): subject, plain-text body (UTF-16LE) and attachments by value."""
    streams: dict[str, bytes] = {}
    props = []
    for prop, text in ((0x001A, "IPM.Note"), (0x0037, subject), (0x1000, body)):
        value = text.encode("utf-16-le") + b"\0\0"
        streams[f"__substg1.0_{prop:04X}{PT_UNICODE:04X}"] = value
        props.append(_prop_entry(prop, PT_UNICODE, value))
    for n, (name, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{n:08X}"
        fname = name.encode("utf-16-le") + b"\0\0"
        streams[f"{storage}/__substg1.0_3707001F"] = fname
        streams[f"{storage}/__substg1.0_3704001F"] = fname
        streams[f"{storage}/__substg1.0_37010102"] = data
        attach_props = [
            _prop_entry(0x3707, PT_UNICODE, fname),
            _prop_entry(0x3704, PT_UNICODE, fname),
            _prop_entry(0x3701, PT_BINARY, data),
            _prop_entry(0x3705, PT_LONG, 1),  # PR_ATTACH_METHOD = ATTACH_BY_VALUE
            _prop_entry(0x0E21, PT_LONG, n),  # PR_ATTACH_NUM
        ]
        streams[f"{storage}/__properties_version1.0"] = b"\0" * 8 + b"".join(attach_props)
    # Top-level property stream header: reserved, next recipient id, next attachment id, counts, reserved.
    head = struct.pack("<8sIIII8s", b"\0" * 8, 0, len(attachments), 0, len(attachments), b"\0" * 8)
    streams["__properties_version1.0"] = head + b"".join(props)
    # Named-property mapping storage (required by MS-OXMSG; empty: no named properties).
    for stream in ("00020102", "00030102", "00040102"):
        streams[f"__nameid_version1.0/__substg1.0_{stream}"] = b""
    return write_cfb(streams, root_clsid=MSG_CLSID)
