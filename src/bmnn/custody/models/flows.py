"""Sending and receiving records of the custody app: dispatches with their envelope plan (R-TX-3/4),
the named person's opening of a named-only envelope (R-TX-7) and notices to senders (R-TX-8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class Dispatch(models.Model):
    """One sending of an outgoing item: the envelopes planned by the rules (``envelopes`` as a list of
    ``{"role", "marks", "sealed"}``), the outer address and the Form 16 line of the handover."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="dispatches"
    )
    entry = models.ForeignKey(
        "registry.RegisterEntry",
        verbose_name=_("outgoing register entry"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    number_symbol = models.CharField(_("number and symbol"), max_length=120, blank=True)
    recipient = models.CharField(_("recipient"), max_length=255)
    address = models.TextField(_("address on the outer envelope"), blank=True)
    named_mark = models.BooleanField(_("only the named person may open"), default=False)
    letter = models.CharField(_("envelope letter"), max_length=2)
    envelopes = models.JSONField(_("envelopes"), default=list)
    handover = models.OneToOneField(
        "custody.Handover",
        verbose_name=_("handover"),
        on_delete=models.PROTECT,
        related_name="dispatch",
    )
    dispatched_on = models.DateField(_("sent on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dispatched_on", "-id"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return f"{self.number_symbol or self.item_id} → {self.recipient}"


class EnvelopeOpening(models.Model):
    """The named person opened (acknowledged) a "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ" envelope."""

    entry = models.OneToOneField(
        "registry.RegisterEntry",
        verbose_name=_("incoming register entry"),
        on_delete=models.PROTECT,
        related_name="opening",
    )
    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("envelope opening")
        verbose_name_plural = _("envelope openings")

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.person_id}"


class SenderNotice(models.Model):
    """The record that the sender of an item received without the required protection was told (R-TX-8);
    printable as a letter."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        "registry.RegisterEntry",
        verbose_name=_("incoming register entry"),
        on_delete=models.PROTECT,
        related_name="sender_notices",
    )
    sender = models.CharField(_("sender"), max_length=255)
    text = models.TextField(_("notice"))
    notified_on = models.DateField(_("notified on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_on", "-id"]
        verbose_name = _("notice to the sender")
        verbose_name_plural = _("notices to senders")

    def __str__(self) -> str:
        return f"{self.sender} ({self.notified_on})"
