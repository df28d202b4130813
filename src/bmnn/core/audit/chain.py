"""Canonical encoding and hashing of audit events. Standard library only.

This module is copied verbatim into every audit export, so that the exported trail can be checked with
nothing but Python's standard library (and ``cryptography`` for the checkpoint signatures).

An event's hash is SHA-256 over ``prev_hash`` (hex, ASCII) + ``"\\n"`` + the canonical JSON of its fields:
keys sorted, no insignificant white space, UTF-8, non-ASCII kept as is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64

# The fields covered by the hash, in the order used by exports. ``hash`` itself is not covered.
HASHED_FIELDS = (
    "seq",
    "ts",
    "actor_id",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "summary",
    "request_id",
    "ip",
    "prev_hash",
)
# The stored (and exported) columns of an event: the hashed fields and the hash.
EVENT_COLUMNS = (*HASHED_FIELDS, "hash")


def ts_text(value: dt.datetime) -> str:
    """The canonical text of an event or checkpoint time: UTC, ISO 8601, microseconds."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def key_fingerprint(raw_public_key: bytes) -> str:
    """SHA-256 (hex) of the raw 32-byte Ed25519 public key."""
    return hashlib.sha256(raw_public_key).hexdigest()


def hashed_bytes(fields: dict[str, Any]) -> bytes:
    """Exactly the bytes an event's hash is taken over."""
    return str(fields["prev_hash"]).encode() + b"\n" + canonical(fields)


def canonical(fields: dict[str, Any]) -> bytes:
    """Canonical JSON bytes of the hashed fields of an event."""
    payload = {name: fields.get(name) for name in HASHED_FIELDS}
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def event_hash(fields: dict[str, Any]) -> str:
    """The hash of one event given its hashed fields (``prev_hash`` included)."""
    return hashlib.sha256(hashed_bytes(fields)).hexdigest()


def checkpoint_message(seq: int, head_hash: str, ts: str) -> bytes:
    """The bytes a checkpoint signature covers."""
    return f"bmnn-audit-checkpoint\n{seq}\n{head_hash}\n{ts}".encode("ascii")
