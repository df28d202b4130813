"""Writing audit events. Call ``record`` inside the same ``transaction.atomic()`` as the change it records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from bmnn.core.audit.chain import GENESIS_HASH, event_hash


def _actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "system" if actor is None else "anonymous"
    return actor.pk, actor.get_username()


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
        raise RuntimeError("audit.record() must be called inside transaction.atomic() with the change it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditHead.objects.create(pk=1, seq=0, hash=GENESIS_HASH)
    actor_id, actor_name = _actor(actor)
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "ts": timezone.now().isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor": actor_name,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr[:255],
        "summary": summary or {},
        "request_id": current_request_id(),
        "ip": current_ip(),
        "prev_hash": head.hash,
    }
    fields["hash"] = event_hash(fields)
    fields["ts"] = dt.datetime.fromisoformat(fields["ts"])
    event = AuditEvent.objects.create(**fields)
    AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
    return event
