"""Files of an item, kept encrypted in the vault (``vault.VaultBlob``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemFile(models.Model):
    item = models.ForeignKey("registry.Item", on_delete=models.PROTECT, related_name="files")
    blob = models.ForeignKey("vault.VaultBlob", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("item file")
        verbose_name_plural = _("item files")

    def __str__(self) -> str:
        return self.filename
