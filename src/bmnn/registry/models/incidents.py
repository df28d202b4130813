"""Incident stubs: opened by the registry (R-TX-8), by stock-taking and by meeting recall (leak or loss,
R-INC-1 / R-RECALL-3); the compliance app builds on them later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentKind(models.TextChoices):
    ENVELOPE_OPENED = "envelope_opened", _("Envelope opened or tampered with")
    ENVELOPE_DAMAGED = "envelope_damaged", _("Envelope damaged")
    NOT_PROTECTED = "not_protected", _("Item not sent with the required protection")
    LOSS = "loss", _("Leak or loss suspected (missing at stock-taking or not returned)")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Incident(models.Model):
    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=IncidentKind.choices)
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), null=True, on_delete=models.PROTECT, related_name="incidents"
    )
    entry = models.ForeignKey(
        "registry.RegisterEntry",
        verbose_name=_("register entry"),
        null=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    description = models.TextField(_("description"))
    rule_id = models.CharField(_("rule"), max_length=20, default="R-TX-8")
    status = models.CharField(_("status"), max_length=12, choices=IncidentStatus.choices, default="open")
    notified = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("head notified"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
