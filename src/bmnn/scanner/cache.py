"""Incremental mode: a local SQLite cache of results keyed by path, size, mtime and content hash."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import asdict

from . import model as m

CACHE_VERSION = "1"
_NOT_CACHED = frozenset({"timeout", "internal", "unreadable"})  # transient: retried on the next scan


def fingerprint(options: m.ScanOptions) -> str:
    """Options that change results: a different fingerprint invalidates cached entries."""
    relevant = {
        k: v
        for k, v in asdict(options).items()
        if k
        in (
            "keywords",
            "ocr",
            "snippets",
            "max_depth",
            "max_archive_ratio",
            "max_file_size",
            "ocr_full_first_page",
            "ocr_max_pages",
        )
    }
    return hashlib.sha256(
        (CACHE_VERSION + json.dumps(relevant, sort_keys=True, default=list)).encode()
    ).hexdigest()[:16]


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ResultCache:
    def __init__(self, path: str, options: m.ScanOptions) -> None:
        self.fp = fingerprint(options)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
            " sha256 TEXT, fp TEXT, result TEXT)"
        )
        self.db.execute("CREATE INDEX IF NOT EXISTS files_sha ON files (sha256, fp)")
        self.pending = 0

    def lookup(self, path: str, st: os.stat_result) -> m.FileResult | None:
        row = self.db.execute(
            "SELECT size, mtime_ns, sha256, fp, result FROM files WHERE path = ?", (path,)
        ).fetchone()
        if row and row[3] == self.fp and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return self._load(row[4], path, st)
        # Touched but unchanged content, or a copy / rename of a known file: compare hashes.
        if (row and row[3] == self.fp and row[0] == st.st_size) or self._has_size(st.st_size):
            try:
                digest = file_sha256(path)
            except OSError:
                return None
            hit = self.db.execute(
                "SELECT result FROM files WHERE sha256 = ? AND fp = ? AND size = ? LIMIT 1",
                (digest, self.fp, st.st_size),
            ).fetchone()
            if hit:
                res = self._load(hit[0], path, st)
                self.store(res, st, digest)
                return res
        return None

    def _has_size(self, size: int) -> bool:
        return (
            self.db.execute(
                "SELECT 1 FROM files WHERE size = ? AND fp = ? LIMIT 1", (size, self.fp)
            ).fetchone()
            is not None
        )

    @staticmethod
    def _load(blob: str, path: str, st: os.stat_result) -> m.FileResult:
        res = m.FileResult.from_dict(json.loads(blob))
        res.path, res.size, res.mtime, res.cached = path, st.st_size, st.st_mtime, True
        return res

    def store(self, res: m.FileResult, st: os.stat_result, digest: str | None) -> None:
        if res.error and res.error.get("code") in _NOT_CACHED:
            return
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (
                res.path,
                st.st_size,
                st.st_mtime_ns,
                digest,
                self.fp,
                json.dumps(res.to_dict(), ensure_ascii=False),
            ),
        )
        self.pending += 1
        if self.pending >= 500:
            self.commit()

    def commit(self) -> None:
        self.db.commit()
        self.pending = 0

    def close(self) -> None:
        self.commit()
        self.db.close()
