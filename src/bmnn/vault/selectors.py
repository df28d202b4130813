"""Reads of vault metadata. Visibility of the *items* that own blobs is the registry's business; these
selectors are for services and operators and never return plaintext."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from bmnn.core.errors import NotFound
from bmnn.vault.models import VaultBlob


def get_blob(blob_id: uuid.UUID | str) -> VaultBlob:
    """The blob with this id, or :class:`NotFound`."""
    try:
        return VaultBlob.objects.get(pk=blob_id)
    except (VaultBlob.DoesNotExist, ValueError, ValidationError) as exc:
        raise NotFound from exc


def live_blobs() -> QuerySet[VaultBlob]:
    """Blobs whose key still exists (not crypto-shredded)."""
    return VaultBlob.objects.filter(shredded_at__isnull=True)


def blobs_wrapped_with(key_id: str) -> QuerySet[VaultBlob]:
    """Live blobs whose data key is wrapped under master key ``key_id`` (for rotation)."""
    return live_blobs().filter(key_id=key_id)


def stats() -> dict[str, Any]:
    """Counts for the operator: live, shredded, and live bytes."""
    from django.db.models import Count, Sum

    live = live_blobs().aggregate(n=Count("id"), size=Sum("size"))
    return {
        "live": live["n"] or 0,
        "live_bytes": live["size"] or 0,
        "shredded": VaultBlob.objects.filter(shredded_at__isnull=False).count(),
    }
