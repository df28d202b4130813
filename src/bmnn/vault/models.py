"""Metadata of encrypted files. The ciphertext lives in a blob store; the data key only wrapped here."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VaultBlob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=255, blank=True)
    size = models.BigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    # Null once crypto-shredded: without the wrapped key the ciphertext can never be decrypted.
    wrapped_key = models.BinaryField(_("wrapped data key"), null=True, editable=False)
    key_id = models.CharField(_("master key id"), max_length=64, db_index=True)
    storage_ref = models.CharField(_("storage reference"), max_length=255)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shredded_at = models.DateTimeField(_("shredded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("encrypted file")
        verbose_name_plural = _("encrypted files")

    def __str__(self) -> str:
        return self.original_filename

    @property
    def is_shredded(self) -> bool:
        return self.shredded_at is not None

    @property
    def context(self) -> bytes:
        """The bytes the wrapped key is bound to (the blob's id)."""
        return self.id.bytes
