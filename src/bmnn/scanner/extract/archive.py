"""Archives (zip, tar.*, 7z, rar) and single compressed streams (gz, bz2, xz), recursively.

Limits: nesting depth (``max_depth``), per-member ratio (``max_archive_ratio``), bytes unpacked per
top-level file (``max_archive_total``) and member count (``max_archive_members``). Reaching a limit is a
"bomb" error; the members read so far keep their findings.
"""

from __future__ import annotations

import bz2
import io
import lzma
import tarfile
import zlib
from collections.abc import Iterator
from typing import Any

from ..model import ScanError
from . import Chunk, Context
from .zipsafe import open_zip, read_member

_BLOCK = 1 << 20


def _check_count(n: int, ctx: Context) -> None:
    if n > ctx.options.max_archive_members:
        raise ScanError("bomb", f"hơn {ctx.options.max_archive_members} tệp trong tệp nén")


def extract_zip(data: bytes, ctx: Context) -> Iterator[Chunk]:
    with open_zip(data) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        _check_count(len(infos), ctx)
        for info in infos:
            ctx.check_time()
            yield from ctx.member(info.filename, read_member(zf, info, ctx))


def _read_capped(fh: Any, limit: int, ctx: Context, name: str) -> bytes:
    out = bytearray()
    while True:
        block = fh.read(_BLOCK)
        if not block:
            return bytes(out)
        out += block
        ctx.take(len(block))
        if len(out) > limit:
            raise ScanError("bomb", name)
        ctx.check_time()


def _limit(ctx: Context, compressed: int) -> int:
    return min(ctx.options.max_file_size, max(1 << 20, int(compressed * ctx.options.max_archive_ratio)))


def extract_tar(data: bytes, ctx: Context) -> Iterator[Chunk]:
    try:
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")  # noqa: SIM115 - closed below
    except (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError) as exc:
        raise ScanError("truncated" if isinstance(exc, EOFError) else "corrupt", str(exc)) from exc
    limit = _limit(ctx, len(data))
    n = 0
    try:
        with tf:
            for member in tf:
                if not member.isreg():  # links, devices, fifos are never followed
                    continue
                n += 1
                _check_count(n, ctx)
                if member.size > limit:
                    raise ScanError("bomb", f"{member.name}: {member.size} byte")
                fh = tf.extractfile(member)
                if fh is not None:
                    yield from ctx.member(member.name, _read_capped(fh, limit, ctx, member.name))
    except (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError) as exc:
        raise ScanError(
            "truncated" if isinstance(exc, EOFError | tarfile.ReadError) else "corrupt", str(exc)
        ) from exc


def extract_compressed(data: bytes, ctx: Context) -> Iterator[Chunk]:
    """A lone .gz/.bz2/.xz stream: a compressed tar, or one compressed file."""
    limit = _limit(ctx, len(data))
    try:
        if data[:2] == b"\x1f\x8b":
            import gzip

            raw = _read_capped(gzip.GzipFile(fileobj=io.BytesIO(data)), limit, ctx, "gzip")
        elif data[:3] == b"BZh":
            raw = _read_capped(bz2.BZ2File(io.BytesIO(data)), limit, ctx, "bzip2")
        else:
            raw = _read_capped(lzma.LZMAFile(io.BytesIO(data)), limit, ctx, "xz")  # noqa: SIM115
    except ScanError:
        raise
    except EOFError as exc:
        raise ScanError("truncated", str(exc)) from exc
    except (OSError, zlib.error, lzma.LZMAError, ValueError) as exc:
        raise ScanError("corrupt", str(exc)) from exc
    name = ctx.name.rsplit(".", 1)[0] if "." in ctx.name else "nội dung giải nén"
    if len(raw) > 262 and raw[257:262] == b"ustar":
        yield from extract_tar(raw, ctx)
    else:
        yield from ctx.member(name, raw)


def extract_libarchive(data: bytes, ctx: Context) -> Iterator[Chunk]:
    """7z and rar through libarchive (libarchive-c + the system libarchive13)."""
    try:
        import libarchive
    except (ImportError, OSError) as exc:
        raise ScanError("tool_missing", "chưa cài libarchive13 / libarchive-c") from exc
    limit = _limit(ctx, len(data))
    n = 0
    # The format comes from the signature: with "all", libarchive's seekable zip reader outbids the rar
    # reader when the archive ends with a stored zip (a .docx as last member) and reads only that zip.
    if data.startswith(b"Rar!\x1a\x07\x01\x00"):
        fmt = "rar5"
    elif data.startswith(b"Rar!\x1a\x07"):
        fmt = "rar"
    elif data.startswith(b"7z\xbc\xaf\x27\x1c"):
        fmt = "7zip"
    else:
        fmt = "all"
    try:
        with libarchive.memory_reader(data, format_name=fmt) as archive:
            for entry in archive:
                if not entry.isfile:
                    continue
                n += 1
                _check_count(n, ctx)
                if entry.size is not None and entry.size > limit:
                    raise ScanError("bomb", f"{entry.pathname}: {entry.size} byte")
                out = bytearray()
                for block in entry.get_blocks():
                    out += block
                    ctx.take(len(block))
                    if len(out) > limit:
                        raise ScanError("bomb", entry.pathname)
                ctx.check_time()
                yield from ctx.member(entry.pathname, bytes(out))
        if fmt == "rar5" and not _rar5_ends(data):
            raise ScanError("truncated", "rar: thiếu khối kết thúc")
    except libarchive.ArchiveError as exc:
        msg = str(exc).lower()
        if "passphrase" in msg or "encrypt" in msg or "password" in msg:
            raise ScanError("encrypted", "7z/rar") from exc
        cut = ("truncated", "premature", "unexpected end", "unstoring")  # "unstoring": stored data cut short
        code = "truncated" if any(word in msg for word in cut) else "corrupt"
        raise ScanError(code, str(exc)[:200]) from exc


def _rar5_ends(data: bytes) -> bool:
    """A RAR 5 archive ends with its end-of-archive header (CRC32, size 3, type 5, flags 0, end flags);
    libarchive reads an archive cut at a header boundary without complaint."""
    import zlib

    tail = data[-8:]
    return (
        len(data) >= 16
        and tail[4:7] == b"\x03\x05\x00"
        and int.from_bytes(tail[:4], "little") == zlib.crc32(tail[4:])
    )
