"""Reading the chain out of the database for verification and export.

Rows are read with raw SQL in pages keyed by ``seq`` (memory stays flat for millions of events) and turned
into plain dictionaries with the same values the hash was computed over. A row that was tampered with so
badly that it no longer parses is passed on as it is; its hash then fails to match.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection

from bmnn.core.audit import keys
from bmnn.core.audit.chain import EVENT_COLUMNS, ts_text
from bmnn.core.audit.verifier import ChainVerifier, Report, read_jsonl

CHECKPOINT_COLUMNS = ("seq", "head_hash", "ts", "signature", "key_fingerprint")
PAGE = 5000


def _ts(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # SQLite keeps UTC without an offset
            value = value.replace(tzinfo=dt.UTC)
        return ts_text(value)
    return value


def _json(value: Any) -> Any:
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def events_after(seq: int, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Events with a sequence number above ``seq``, in order, one page of rows in memory at a time."""
    columns = ", ".join(EVENT_COLUMNS)
    sql = f"SELECT {columns} FROM core_auditevent WHERE seq > %s ORDER BY seq LIMIT %s"  # noqa: S608
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [seq, page])
            rows = cursor.fetchall()
        for row in rows:
            event = dict(zip(EVENT_COLUMNS, row, strict=True))
            event["ts"] = _ts(event["ts"])
            event["summary"] = _json(event["summary"])
            yield event
        if len(rows) < page:
            return
        seq = rows[-1][0]


def checkpoints() -> list[dict[str, Any]]:
    columns = ", ".join(CHECKPOINT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM core_auditcheckpoint ORDER BY seq")  # noqa: S608
        rows = cursor.fetchall()
    out = []
    for row in rows:
        cp = dict(zip(CHECKPOINT_COLUMNS, row, strict=True))
        cp["ts"] = _ts(cp["ts"])
        out.append(cp)
    return out


def head() -> dict[str, Any] | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq, hash FROM core_audithead WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else {"seq": row[0], "hash": row[1]}


def walk(on_event: Callable[[dict[str, Any]], None]) -> dict[str, Any] | None:
    """Pass every event to ``on_event`` in order and return the head read after them.

    Events appended while walking are caught up with, so the head returned always covers the events
    passed on unless the table was tampered with.
    """
    last = 0
    for event in events_after(0):
        on_event(event)
        last = max(last, event["seq"])
    current = head()
    while current is not None and isinstance(current["seq"], int) and current["seq"] > last:
        before = last
        for event in events_after(last):
            on_event(event)
            last = max(last, event["seq"])
        if last == before:
            break
        current = head()
    return current


def public_keys(paths: Iterable[Path] = ()) -> list[Any]:
    """The keys checkpoints are checked against: the given PEM files, else the data directory's key."""
    given = [keys.load_public_key(Path(p)) for p in paths]
    if given:
        return given
    try:
        return [keys.signing_key(create=False).public_key()]
    except keys.AuditKeyError:
        return []


def verify_database(key_files: Iterable[Path] = (), checkpoint_files: Iterable[Path] = ()) -> Report:
    """Verify the whole chain in the database (plus checkpoints kept elsewhere, e.g. an older export)."""
    signed = checkpoints()
    for path in checkpoint_files:
        signed.extend(read_jsonl(Path(path)))
    verifier = ChainVerifier(signed, public_keys(key_files))
    return verifier.finish(walk(verifier.feed))
