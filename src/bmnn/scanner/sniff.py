"""Content-type detection by magic bytes and structure, never by file extension."""

from __future__ import annotations

import io
import re
import zipfile

_EMAIL_HEADER = re.compile(
    rb"^(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|X-[\w-]+|Content-Type)"
    rb":[ \t]",
    re.IGNORECASE | re.MULTILINE,
)
_OOXML_DIRS = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    "application/vnd.oasis.opendocument.presentation-template": "odp",
}
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
IMAGE_TYPES = frozenset({"png", "jpeg", "tiff", "bmp", "gif", "webp"})


_MAGIC: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((b"PK\x03\x04", b"PK\x05\x06"), "zip"),
    ((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), "ole"),
    ((b"{\\rtf",), "rtf"),
    ((b"7z\xbc\xaf\x27\x1c",), "7z"),
    ((b"Rar!\x1a\x07",), "rar"),
    ((b"\x1f\x8b",), "gzip"),
    ((b"\xfd7zXZ\x00",), "xz"),
    ((b"\x89PNG\r\n\x1a\n",), "png"),
    ((b"\xff\xd8\xff",), "jpeg"),
    ((b"II*\x00", b"MM\x00*"), "tiff"),
    ((b"GIF87a", b"GIF89a"), "gif"),
)


def sniff_head(head: bytes) -> str | None:
    """Classify from the first bytes. Zip and OLE containers are refined by ``sniff_zip``/``sniff_ole``."""
    for prefixes, kind in _MAGIC:
        if head.startswith(prefixes):
            return kind
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return "bzip2"
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    return _sniff_text(head)


def _sniff_text(head: bytes) -> str | None:
    if not head:
        return "text"
    sample = head[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    zeros = sample.count(0)
    if zeros:
        # UTF-16 text without BOM: NULs in every other byte.
        if zeros > len(sample) // 4 and (sample[0::2].count(0) < 4 or sample[1::2].count(0) < 4):
            return "text"
        return None
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if control > len(sample) // 100 + 1:
        return None
    stripped = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<html" in stripped[:1024]:
        return "html"
    if stripped.startswith((b"<?xml", b"<")):
        return "xml"
    if len(_EMAIL_HEADER.findall(sample[:4096])) >= 3 and re.match(rb"^[\w-]+:[ \t]", sample):
        return "eml"
    return "text"


def sniff_zip(data: bytes) -> str:
    """docx / xlsx / pptx / odt / ods / odp / ooxml-encrypted or a plain zip."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"
    with zf:
        names = zf.namelist()
        if "mimetype" in names:
            try:
                mt = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
            except Exception:  # noqa: BLE001 - an unreadable mimetype member just means "plain zip"
                mt = ""
            if mt in _ODF_TYPES:
                return _ODF_TYPES[mt]
        if "[Content_Types].xml" in names:
            for prefix, kind in _OOXML_DIRS:
                if any(n.startswith(prefix) for n in names):
                    return kind
    return "zip"


def sniff_ole(data: bytes) -> str:
    """doc / xls / ppt / msg / encrypted OOXML in an OLE compound file; "ole-broken" if it does not open."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - olefile raises many types on bad input
        return "ole-broken"  # an OLE signature that does not open: truncated or corrupt, reported
    try:
        streams = {"/".join(e).lower() for e in ole.listdir(streams=True, storages=True)}
    except Exception:  # noqa: BLE001
        return "ole-broken"
    finally:
        ole.close()
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return "ooxml-encrypted"
    if "worddocument" in streams:
        return "doc"
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "powerpoint document" in streams:
        return "ppt"
    if any(s.startswith(("__substg1.0_", "__properties_version1.0")) for s in streams):
        return "msg"
    return "ole"


def sniff(data: bytes) -> str | None:
    kind = sniff_head(data[:8192])
    if kind == "zip":
        return sniff_zip(data)
    if kind == "ole":
        return sniff_ole(data)
    return kind
