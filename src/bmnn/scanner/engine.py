"""Scanning one file or one byte string: sniff, extract, detect. Never raises."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from functools import lru_cache

from . import model as m
from .detect import KeywordMatcher, detect_hits
from .extract import SUPPORTED, Chunk, Context, get_extractor
from .sniff import IMAGE_TYPES, sniff

MAX_FINDINGS = 200  # per file; a stamp on each of 1,000 pages is reported 200 times at most


@lru_cache(maxsize=4)
def _matcher(keywords: tuple[str, ...]) -> KeywordMatcher | None:
    return KeywordMatcher(keywords) if keywords else None


def _line_no(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _collect(chunk: Chunk, ctx: Context, findings: list[m.Finding]) -> None:
    snippets = ctx.options.snippets
    where = chunk.where
    for hit in detect_hits(chunk.text, where, snippets=snippets, source=chunk.source):
        f = hit.finding
        if chunk.locate is not None:
            f = m.Finding(**{**f.to_dict(), "where": chunk.locate(_line_no(chunk.text, hit.offset))})
        findings.append(f)
    if ctx.keywords is not None and chunk.source != "ocr-stamp":
        findings.extend(ctx.keywords.find(chunk.text, where, snippets=snippets))


def _run(data: bytes, kind: str, ctx: Context, result: m.FileResult) -> None:
    findings: list[m.Finding] = []
    try:
        for chunk in get_extractor(kind)(data, ctx):
            _collect(chunk, ctx, findings)
            ctx.check_time()
    except m.ScanError as exc:
        result.error = m.error_dict(exc.code, exc.detail)
    except MemoryError:
        result.error = m.error_dict("too_large", "hết bộ nhớ")
    except RecursionError:
        result.error = m.error_dict("corrupt", "cấu trúc lồng quá sâu")
    except Exception as exc:  # noqa: BLE001 - hostile input must never crash the scan
        result.error = m.error_dict("corrupt", f"{type(exc).__name__}: {exc}")
    # Findings from the same place with the same mark are reported once.
    seen: set[tuple[str, str, str]] = set()
    unique: list[m.Finding] = []
    for f in findings:
        key = (f.kind, f.text, f.where)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    result.findings = unique[:MAX_FINDINGS]
    result.level = m.highest_level(result.findings)
    result.warnings = ctx.warnings
    serious = [w for w in ctx.warnings if w["code"] != "ocr_disabled"]
    if result.error is None and serious:
        w = serious[0]
        result.error = m.error_dict(w["code"], f"{w['member']}: {w.get('detail', '')}".rstrip(": "))


def _new_context(options: m.ScanOptions, name: str) -> Context:
    ctx = Context(options=options, deadline=time.monotonic() + options.timeout_s, name=name)
    ctx.budget[0] = options.max_archive_total
    ctx.keywords = _matcher(tuple(options.keywords))
    return ctx


def _scan_data(data: bytes, result: m.FileResult, options: m.ScanOptions) -> m.FileResult:
    start = time.monotonic()
    try:
        kind = sniff(data)
        result.type = kind
        if kind == "ooxml-encrypted":
            result.error = m.error_dict("encrypted", "Office")
        elif kind is None or kind not in SUPPORTED:
            result.skipped = "unsupported"
        elif kind in IMAGE_TYPES and not options.ocr:
            result.skipped = "ocr_disabled"
        else:
            _run(data, kind, _new_context(options, os.path.basename(result.path)), result)
    except Exception as exc:  # noqa: BLE001 - scan_bytes must never raise
        result.error = m.error_dict("internal", f"{type(exc).__name__}: {exc}")
    if options.hash or options.cache_path:
        result.digest = hashlib.sha256(data).hexdigest()
        if options.hash and result.level is not None:
            result.sha256 = result.digest
    result.elapsed_s = time.monotonic() - start
    return result


def scan_bytes(data: bytes, name: str = "", options: m.ScanOptions | None = None) -> m.FileResult:
    """Scan an in-memory file. Never raises: problems are reported in ``FileResult.error``."""
    options = options or m.ScanOptions()
    try:
        data = bytes(data)
    except Exception as exc:  # noqa: BLE001
        return m.FileResult(path=name, error=m.error_dict("internal", repr(exc)))
    result = m.FileResult(path=name, size=len(data))
    if len(data) > options.max_file_size:
        result.error = m.error_dict("too_large", f"{len(data)} byte")
        return result
    return _scan_data(data, result, options)


def scan_file(path: str | os.PathLike[str], options: m.ScanOptions | None = None) -> m.FileResult:
    """Scan one file on disk. Never raises."""
    options = options or m.ScanOptions()
    spath = os.fspath(path)
    result = m.FileResult(path=spath)
    try:
        st = os.stat(spath)
        result.size, result.mtime = st.st_size, st.st_mtime
        if not stat.S_ISREG(st.st_mode):
            result.skipped = "not_a_file"
            return result
        with open(spath, "rb") as fh:
            head = fh.read(8192)
            from .sniff import sniff_head

            if sniff_head(head) is None:  # unsupported binary: do not read the rest
                result.skipped = "unsupported"
                return result
            if st.st_size > options.max_file_size:
                result.error = m.error_dict("too_large", f"{st.st_size} byte")
                return result
            data = head + fh.read()
    except OSError as exc:
        result.error = m.error_dict("unreadable", exc.strerror or str(exc))
        return result
    except Exception as exc:  # noqa: BLE001
        result.error = m.error_dict("internal", repr(exc))
        return result
    return _scan_data(data, result, options)
