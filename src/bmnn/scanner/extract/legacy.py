"""Legacy binary Office (doc via catdoc, ppt by its record tree, xls via python-calamine in a memory-limited
child process) and RTF."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

from ..model import ScanError
from ..normalise import decode_bytes
from . import Chunk, Context


def _ole_encrypted(data: bytes, kind: str) -> bool:
    """The FIB encryption flag (doc), a FILEPASS record (xls) or an encryption stream (ppt)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if kind == "doc" and ole.exists("WordDocument"):
                fib = ole.openstream("WordDocument").read(12)
                return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & 0x0100)
            if kind == "xls":
                name = "Workbook" if ole.exists("Workbook") else "Book"
                head = ole.openstream(name).read(4096)
                return b"\x2f\x00" in head[:4096] and _has_filepass(head)
            if kind == "ppt":
                return ole.exists("EncryptedSummary")
    except Exception:  # noqa: BLE001 - let the extractor report the real problem
        return False
    return False


def extract_broken_ole(data: bytes, ctx: Context) -> Iterator[Chunk]:
    """A file with the OLE (compound file) signature that olefile cannot open: report why, never skip it."""
    import olefile

    try:
        olefile.OleFileIO(io.BytesIO(data)).close()
    except Exception as exc:  # olefile raises many types on bad input
        msg = str(exc)
        sector = 4096 if data[30:32] == b"\x0c\x00" else 512  # sector shift 12 (version 4) or 9
        short = len(data) < 1536 or (len(data) - 512) % sector != 0 or "incomplete" in msg.lower()
        raise ScanError("truncated" if short else "corrupt", f"OLE: {msg}"[:200]) from exc
    raise ScanError("corrupt", "OLE")
    yield  # pragma: no cover - makes this a generator like the other extractors


def _has_filepass(stream: bytes) -> bool:
    pos = 0
    while pos + 4 <= len(stream):
        rtype = int.from_bytes(stream[pos : pos + 2], "little")
        size = int.from_bytes(stream[pos + 2 : pos + 4], "little")
        if rtype == 0x002F:
            return True
        if rtype == 0x0085:  # BOUNDSHEET: past the globals' header records
            return False
        pos += 4 + size
    return False


def _run_tool(tool: str, args: list[str], data: bytes, ctx: Context, package: str) -> str:
    exe = shutil.which(tool)
    if not exe:
        raise ScanError("tool_missing", f"chưa cài {package} ({tool})")
    fd, tmp = tempfile.mkstemp(prefix="bmnn-scan-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        out = subprocess.run(  # noqa: S603
            [exe, *args, tmp], capture_output=True, timeout=min(120.0, ctx.remaining()), check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ScanError("timeout", tool) from exc
    finally:
        os.unlink(tmp)
    if out.returncode != 0 and not out.stdout.strip():
        raise ScanError("corrupt", out.stderr.decode("utf-8", "replace")[:200])
    return out.stdout.decode("utf-8", "replace")


def extract_doc(data: bytes, ctx: Context) -> Iterator[Chunk]:
    if _ole_encrypted(data, "doc"):
        raise ScanError("encrypted", "Word 97-2003")
    # catdoc keeps headers and footers (antiword drops them); -w: one line per paragraph.
    yield Chunk("", _run_tool("catdoc", ["-d", "utf-8", "-w"], data, ctx, "catdoc"))


def ppt_text(stream: bytes) -> str:
    """Text atoms of a "PowerPoint Document" stream: TextCharsAtom (UTF-16) and TextBytesAtom (Latin-1),
    found by walking the record tree (containers have recVer 0xF); slides, notes, masters alike."""
    out: list[str] = []
    stack = [(0, len(stream))]
    while stack:
        pos, end = stack.pop()
        while pos + 8 <= end:
            ver_inst = int.from_bytes(stream[pos : pos + 2], "little")
            rtype = int.from_bytes(stream[pos + 2 : pos + 4], "little")
            rlen = int.from_bytes(stream[pos + 4 : pos + 8], "little")
            body_end = min(end, pos + 8 + rlen)
            if ver_inst & 0x000F == 0x000F:
                stack.append((body_end, end))
                pos, end = pos + 8, body_end
                continue
            if rtype == 0x0FA0:
                out.append(stream[pos + 8 : body_end].decode("utf-16-le", "replace"))
            elif rtype == 0x0FA8:
                out.append(stream[pos + 8 : body_end].decode("cp1252", "replace"))
            pos = body_end
    return "\n".join(t.replace("\r", "\n").replace("\x0b", "\n") for t in out)


def extract_ppt(data: bytes, ctx: Context) -> Iterator[Chunk]:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedSummary"):
                raise ScanError("encrypted", "PowerPoint 97-2003")
            stream = ole.openstream("PowerPoint Document").read()
    except ScanError:
        raise
    except Exception as exc:
        raise ScanError("corrupt", str(exc)[:200]) from exc
    yield Chunk("", ppt_text(stream))


def extract_xls(data: bytes, ctx: Context) -> Iterator[Chunk]:
    if _ole_encrypted(data, "xls"):
        raise ScanError("encrypted", "Excel 97-2003")
    import json
    import sys

    from . import xls_child

    try:
        out = subprocess.run(
            [sys.executable, "-m", "bmnn.scanner.extract.xls_child"],
            input=data,
            capture_output=True,
            timeout=min(60.0, ctx.remaining()),
            preexec_fn=xls_child.limit_memory,
            env={**os.environ, "RUST_BACKTRACE": "0"},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ScanError("timeout", "xls") from exc
    if out.returncode != 0:
        err = out.stderr.decode("utf-8", "replace")
        if "memory allocation" in err or "MemoryError" in err or out.returncode < 0:
            raise ScanError(
                "corrupt",
                "bộ đọc .xls vượt giới hạn bộ nhớ (cấu trúc tệp hỏng) / xls reader hit its memory limit",
            )
        msg = err.strip().splitlines()[-1][:200] if err.strip() else f"exit {out.returncode}"
        low = msg.lower()
        raise ScanError("encrypted" if "password" in low or "encrypt" in low else "corrupt", msg)
    for name, text in json.loads(out.stdout.decode("utf-8")):
        ctx.check_time()
        yield Chunk(f"sheet {name}", text)


# --- RTF ----------------------------------------------------------------------------------------------
_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.DOTALL
)
_SKIP_DEST = frozenset(
    {
        b"fonttbl",
        b"colortbl",
        b"stylesheet",
        b"pict",
        b"object",
        b"themedata",
        b"datastore",
        b"xmlnstbl",
        b"listtable",
        b"listoverridetable",
        b"rsidtbl",
        b"generator",
        b"latentstyles",
        b"bin",
        b"fldinst",
        b"objdata",
        b"blipuid",
        b"passwordhash",
        b"colorschememapping",
        b"mmathPr",
        b"wgrffmtfilter",
    }
)
_NEWLINE_WORDS = frozenset({b"par", b"line", b"cell", b"row", b"sect", b"page"})


def rtf_to_text(data: bytes) -> str:
    out: list[str] = []
    raw = bytearray()  # \'hh bytes waiting to be decoded with the document code page
    codepage = "cp1252"
    stack: list[tuple[bool, int]] = []
    skip, uc, pending_skip = False, 1, 0

    def flush() -> None:
        if raw:
            out.append(bytes(raw).decode(codepage, "replace"))
            raw.clear()

    for mt in _RTF_TOKEN.finditer(data):
        word, arg, hexb, sym, brace, text = mt.groups()
        if brace == b"{":
            stack.append((skip, uc))
            continue
        if brace == b"}":
            flush()
            skip, uc = stack.pop() if stack else (False, 1)
            continue
        if pending_skip and (hexb or text):
            if text and len(text) > pending_skip:
                text, pending_skip = text[pending_skip:], 0
            else:
                pending_skip -= 1 if hexb else len(text or b"")
                continue
        if skip:
            continue
        if word is not None:
            if word in _SKIP_DEST or (sym == b"*"):
                flush()
                skip = True
            elif word == b"ansicpg" and arg:
                codepage = f"cp{int(arg)}"
                try:
                    b"".decode(codepage)
                except LookupError:
                    codepage = "cp1252"
            elif word == b"uc" and arg:
                uc = int(arg)
            elif word == b"u" and arg:
                flush()
                out.append(chr(int(arg) % 65536))
                pending_skip = uc
            elif word in _NEWLINE_WORDS:
                flush()
                out.append("\n")
            elif word == b"tab":
                flush()
                out.append("\t")
        elif hexb is not None:
            raw.append(int(hexb, 16))
        elif sym is not None:
            if sym == b"*":
                skip = True
            elif sym in (b"\\", b"{", b"}"):
                flush()
                out.append(sym.decode())
            elif sym == b"~":
                out.append("\u00a0")
        elif text is not None:
            flush()
            out.append(text.decode(codepage, "replace"))
    flush()
    return "".join(out)


def extract_rtf(data: bytes, ctx: Context) -> Iterator[Chunk]:
    text = rtf_to_text(data)
    if not text.strip() and data.strip():
        text = decode_bytes(data)
    yield Chunk("", text)
