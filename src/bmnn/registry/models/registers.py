"""Outgoing (Form 14) and incoming (Form 15) registers with yearly numbering per agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class RegisterKind(models.TextChoices):
    OUTGOING = "out", _("Outgoing register (Form 14)")
    INCOMING = "in", _("Incoming register (Form 15)")


class RegisterCounter(models.Model):
    """The last number given in one register of one agency in one year; locked while registering."""

    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, related_name="+")
    # "out", "in" (RegisterKind) and the registers kept by other apps: "copy" (Form 12), "hand" (Form 16).
    register = models.CharField(max_length=4)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "register", "year"], name="register_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.register}/{self.year}: {self.last}"


class RegisterEntry(models.Model):
    """One line of a register.  Columns not verified in the spec are kept here and chosen per layout
    (``printing/layouts.toml``); ``extra`` holds agency-specific columns."""

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
    register = models.CharField(_("register"), max_length=4, choices=RegisterKind.choices)
    year = models.PositiveIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number"))
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="entries"
    )
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    regime = models.CharField(_("legal regime"), max_length=8)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    level_rank = models.PositiveSmallIntegerField(default=1)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    number_symbol = models.CharField(_("number and symbol"), max_length=120, blank=True)
    doc_type = models.CharField(_("document type"), max_length=80, blank=True)
    summary = models.TextField(_("summary (trích yếu)"), blank=True)
    signer = models.CharField(_("signer / issuing body"), max_length=255, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    file_keeper = models.CharField(_("unit or person keeping the file"), max_length=255, blank=True)
    copies = models.PositiveIntegerField(_("number of copies"), default=1)
    notes = models.TextField(_("notes"), blank=True)
    # Incoming (Form 15) fields.
    sender = models.CharField(_("sender (issuing body)"), max_length=255, blank=True)
    received_on = models.DateField(_("date received"), null=True, blank=True)
    envelope_level = models.CharField(
        _("level on the envelope"), max_length=16, choices=Level.choices, blank=True
    )
    named_recipient = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("named recipient"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    named_only = models.BooleanField(_("only the named person may open"), default=False)
    flash = models.BooleanField(_("flash (hỏa tốc)"), default=False)
    envelope_intact = models.BooleanField(_("envelope intact"), default=True)
    properly_protected = models.BooleanField(_("sent with the required protection"), default=True)
    route_to = models.CharField(_("routed to"), max_length=32, blank=True)
    recipient_name = models.CharField(_("recipient (unit or person)"), max_length=255, blank=True)
    # "TÀI LIỆU THU HỒI" (R-TX-9): the sender wants it back by a date.
    recall_mark = models.BooleanField(_("marked for recall (tài liệu thu hồi)"), default=False)
    return_due_on = models.DateField(_("to be returned by"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "register", "year", "seq"], name="register_entry_seq_unique"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "register", "year", "unit"], name="registry_entry_page"),
            models.Index(fields=["agency", "register", "year", "level"], name="registry_entry_stats"),
            models.Index(
                fields=["agency", "register", "unit", "year", "seq"], name="registry_entry_unit_page"
            ),
        ]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return f"{self.get_register_display()} {self.seq}/{self.year}"
