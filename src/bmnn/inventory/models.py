"""Stock-taking (kiểm kê): a session lists what each custodian and location should hold (items and
copies), and the reconciliation records each line as found, missing or unexpected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not yet checked")
    FOUND = "found", _("Found")
    MISSING = "missing", _("Missing")
    UNEXPECTED = "unexpected", _("Found, not expected here")


class StockTake(models.Model):
    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.ForeignKey(
        "custody.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    custodian = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("custodian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    started_on = models.DateField(_("started on"))
    started_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=SessionStatus.choices, default="open")
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("stock-taking")
        verbose_name_plural = _("stock-takings")

    def __str__(self) -> str:
        return self.title


class StockLine(models.Model):
    """One thing expected (or found unexpectedly): an item's original, or one numbered copy."""

    session = models.ForeignKey(StockTake, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    copy = models.ForeignKey(
        "custody.Copy",
        verbose_name=_("copy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=16)
    level_rank = models.PositiveSmallIntegerField(default=1)
    expected = models.BooleanField(_("expected"), default=True)
    custodian = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("custodian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.ForeignKey(
        "custody.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default="pending")
    note = models.CharField(_("notes"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    incident = models.ForeignKey(
        "registry.Incident",
        verbose_name=_("incident"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["custodian_id", "location_id", "item_id", "copy_id"]
        verbose_name = _("stock-taking line")
        verbose_name_plural = _("stock-taking lines")

    def __str__(self) -> str:
        return f"{self.item} {self.copy.number if self.copy else ''}".strip()
