"""Writing audit events. Call ``record`` inside the same ``transaction.atomic()`` as the change it records."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from bmnn.core.audit.chain import EVENT_COLUMNS as _COLUMNS
from bmnn.core.audit.chain import GENESIS_HASH, checkpoint_message, event_hash, ts_text

DEFAULT_CHECKPOINT_EVERY = 1000


def checkpoint_every() -> int:
    """Sign a checkpoint every N events (BMNN_AUDIT_CHECKPOINT_EVERY, default 1000; 0 turns it off)."""
    from django.conf import settings

    value = getattr(settings, "AUDIT_CHECKPOINT_EVERY", None)
    if value is None:
        value = os.environ.get("BMNN_AUDIT_CHECKPOINT_EVERY") or DEFAULT_CHECKPOINT_EVERY
    return max(0, int(value))


def _actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "system" if actor is None else "anonymous"
    return actor.pk, _text(actor.get_username(), 255)


def _number(text: str) -> float | int:
    """A JSON number as PostgreSQL's jsonb gives it back: 1e+16 as the integer, -0.0 as 0.0."""
    _mantissa, _, exponent = text.lower().partition("e")
    if exponent and not exponent.startswith("-"):
        return int(Decimal(text))
    return float(text) + 0.0


# A JSON \u0000 escape not itself escaped: PostgreSQL cannot store NUL in text or jsonb.
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def _json_value(summary: dict[str, Any] | None) -> Any:
    """The summary exactly as it will read back from the database (so the stored hash stays valid)."""
    text = json.dumps(summary or {}, default=str, allow_nan=False, ensure_ascii=False)
    return json.loads(_JSON_NUL.sub(r"\1\\ufffd", text), parse_float=_number)


def _text(value: Any, limit: int | None = None) -> str:
    return str(value).replace("\x00", "\ufffd")[:limit]


def _insert_sql(vendor: str) -> str:
    marks = ", ".join("%s::jsonb" if c == "summary" and vendor == "postgresql" else "%s" for c in _COLUMNS)
    return f"INSERT INTO core_auditevent ({', '.join(_COLUMNS)}) VALUES ({marks}) RETURNING id"  # noqa: S608


def _lock_head(cursor: Any, vendor: str) -> tuple[int, str]:
    """Lock the head row (PostgreSQL: FOR UPDATE; SQLite: the IMMEDIATE transaction holds the write lock)."""
    lock = " FOR UPDATE" if vendor == "postgresql" else ""
    cursor.execute(f"SELECT seq, hash FROM core_audithead WHERE id = 1{lock}")  # noqa: S608
    row = cursor.fetchone()
    if row is None:  # normally created by migration 0002; recreated after a test flush
        cursor.execute(
            "INSERT INTO core_audithead (id, seq, hash) VALUES (1, 0, %s) ON CONFLICT (id) DO NOTHING",
            [GENESIS_HASH],
        )
        cursor.execute(f"SELECT seq, hash FROM core_audithead WHERE id = 1{lock}")  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]), str(row[1])


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    summary: dict[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> Any:
    """Append one event to the chain and return it.

    ``actor`` is a user (or None for the system). ``summary`` holds a JSON-able before/after description.
    Must run inside ``transaction.atomic()`` so that the event commits or rolls back with the change.
    The hot path is plain SQL (three statements) because every state change in the system comes here.
    """
    from bmnn.core.audit.models import AuditEvent
    from bmnn.core.middleware import current_ip, current_request_id

    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError(
            "audit.record() must be called inside transaction.atomic() with the change it records"
        )
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    actor_id, actor_name = _actor(actor)
    summary_value = _json_value(summary)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        seq, prev_hash = _lock_head(cursor, vendor)
        now = timezone.now()
        fields: dict[str, Any] = {
            "seq": seq + 1,
            "ts": ts_text(now),
            "actor_id": actor_id,
            "actor": actor_name,
            # cut to the column sizes here, so SQLite and PostgreSQL store (and hash) the same values
            "action": _text(action, 80),
            "object_type": _text(object_type, 80),
            "object_id": _text(object_id, 64),
            "object_repr": _text(object_repr, 255),
            "summary": summary_value,
            "request_id": _text(current_request_id(), 64),
            "ip": _text(current_ip(), 64),
            "prev_hash": prev_hash,
        }
        fields["hash"] = event_hash(fields)
        fields["ts"] = now
        params = [fields[c] for c in _COLUMNS]
        params[_COLUMNS.index("ts")] = connection.ops.adapt_datetimefield_value(now)
        params[_COLUMNS.index("summary")] = json.dumps(summary_value, ensure_ascii=False)
        cursor.execute(_insert_sql(vendor), params)
        pk = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [fields["seq"], fields["hash"]]
        )
    event = AuditEvent(id=pk, **fields)
    event._state.adding = False
    event._state.db = connection.alias
    every = checkpoint_every()
    if every and event.seq % every == 0:
        _sign(event.seq, event.hash)
    return event


def _sign(seq: int, head_hash: str) -> Any:
    from bmnn.core.audit import keys
    from bmnn.core.audit.models import AuditCheckpoint

    key = keys.signing_key()
    now = timezone.now()
    signature = key.sign(checkpoint_message(seq, head_hash, ts_text(now))).hex()
    return AuditCheckpoint.objects.create(
        seq=seq,
        head_hash=head_hash,
        ts=now,
        signature=signature,
        key_fingerprint=keys.fingerprint(key.public_key()),
    )


def checkpoint() -> Any:
    """Sign the current head now (``bmnn audit checkpoint``); returns the checkpoint, or None if empty.

    If the head already has a checkpoint, that one is returned unchanged.
    """
    from bmnn.core.audit.models import AuditCheckpoint

    with transaction.atomic():
        connection = transaction.get_connection()
        with connection.cursor() as cursor:
            seq, head_hash = _lock_head(cursor, connection.vendor)
        if seq == 0:
            return None
        existing = AuditCheckpoint.objects.filter(seq=seq).first()
        return existing or _sign(seq, head_hash)
