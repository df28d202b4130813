"""Writing audit events. Call ``record`` inside the same ``transaction.atomic()`` as the change it records."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

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


def _lock_head() -> Any:
    from bmnn.core.audit.models import AuditHead

    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # normally created by migration 0002; recreate after a test flush
        AuditHead.objects.bulk_create([AuditHead(pk=1, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True)
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


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
    """
    from bmnn.core.audit.models import AuditEvent, AuditHead
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
    head = _lock_head()
    actor_id, actor_name = _actor(actor)
    now = timezone.now()
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "ts": ts_text(now),
        "actor_id": actor_id,
        "actor": actor_name,
        "action": _text(action),
        "object_type": _text(object_type),
        "object_id": _text(object_id),
        "object_repr": _text(object_repr, 255),
        "summary": _json_value(summary),
        "request_id": current_request_id(),
        "ip": current_ip(),
        "prev_hash": head.hash,
    }
    fields["hash"] = event_hash(fields)
    fields["ts"] = now
    event = AuditEvent.objects.create(**fields)
    AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
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
        head = _lock_head()
        if head.seq == 0:
            return None
        existing = AuditCheckpoint.objects.filter(seq=head.seq).first()
        return existing or _sign(head.seq, head.hash)
