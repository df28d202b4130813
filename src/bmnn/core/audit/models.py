"""Append-only, hash-chained audit events and their signed checkpoints.

The ORM refuses to change or delete these rows; database triggers (migration 0003) refuse it again below
the ORM. Neither stops someone who owns the database: the hash chain and the signed checkpoints are what
make such changes visible (``bmnn audit verify``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event or checkpoint."""


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit records cannot be deleted.")

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit records cannot be changed.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit records cannot be changed.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Audit records cannot be changed.")


class AppendOnlyModel(models.Model):
    """A row that can be inserted once and never changed or deleted through the ORM."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit records cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit records cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    seq = models.BigIntegerField(_("sequence"), unique=True)
    ts = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor = models.CharField(_("actor"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip = models.CharField(_("IP address"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditCheckpoint(AppendOnlyModel):
    """The chain's head at ``seq``, signed with the Ed25519 key kept in the data directory."""

    seq = models.BigIntegerField(unique=True)
    head_hash = models.CharField(max_length=64)
    ts = models.DateTimeField()
    signature = models.CharField(max_length=128)  # hex of the 64-byte Ed25519 signature
    key_fingerprint = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"checkpoint #{self.seq}"


class AuditHead(models.Model):
    """A single row holding the chain's last sequence number and hash; locked while appending."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"head #{self.seq}"
