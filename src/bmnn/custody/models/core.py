"""The shared custody core: locations, copies, and the handover register (Form 16).

Invariant: at every moment each item (``registry.Item.custodian`` / ``.location``) and each copy
(``Copy.custodian`` / ``.location``) has one custodian and one location; every change of holder is a
``Handover`` line written by ``bmnn.custody.services.handover.hand_over``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class LocationKind(models.TextChoices):
    SAFE = "safe", _("Safe")
    CABINET = "cabinet", _("Locked cabinet")
    ROOM = "room", _("Secure room")
    OTHER = "other", _("Other place")


class Location(models.Model):
    """A place where classified items are kept (safe, cabinet, room) in one agency."""

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
    kind = models.CharField(_("kind"), max_length=12, choices=LocationKind.choices, default=LocationKind.SAFE)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency_id", "name"]
        verbose_name = _("storage location")
        verbose_name_plural = _("storage locations")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class CopyForm(models.TextChoices):
    """Decree 26 Art. 3: the forms of reproduction."""

    TRUE_COPY = "true_copy", _("True copy (sao y)")
    COPY_OF_COPY = "copy_of_copy", _("Copy of a copy (sao lục)")
    EXTRACT = "extract", _("Extract (trích sao)")
    PHOTO = "photo", _("Photograph or recording (chụp)")


class CopyStatus(models.TextChoices):
    ACTIVE = "active", _("In custody")
    SPOILED = "spoiled", _("Spoiled or surplus, destroyed at once")
    DESTROYED = "destroyed", _("Destroyed")
    RECALLED = "recalled", _("Recalled")
    MISSING = "missing", _("Missing")


class Copy(models.Model):
    """One numbered copy, extract or photograph of an item ("BẢN SAO SỐ 01").  It inherits the item's
    level, protection period and handling; ``level`` / ``expires_on`` are kept in step by the lifecycle."""

    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="copies_made"
    )
    number = models.PositiveIntegerField(_("copy number"))
    form = models.CharField(_("form"), max_length=16, choices=CopyForm.choices)
    source_copy = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    level_rank = models.PositiveSmallIntegerField(default=1)
    expires_on = models.DateField(_("protected until"), null=True, blank=True)
    marks = models.JSONField(_("marks"), default=dict, blank=True)
    custodian = models.ForeignKey(
        "organizations.Person", verbose_name=_("custodian"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    status = models.CharField(_("status"), max_length=12, choices=CopyStatus.choices, default="active")
    made_on = models.DateField(_("made on"))
    made_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("made by"), on_delete=models.PROTECT, related_name="+"
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item_id", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="custody_copy_number_unique")]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")

    def __str__(self) -> str:
        return f"{self.item} — {self.number:02d}"


class HandoverPurpose(models.TextChoices):
    TRANSFER = "transfer", _("Transfer between custodians")
    ISSUE = "issue", _("Issued to a reader")
    RETURN = "return", _("Returned")
    SEND = "send", _("Sent out")
    RECEIVE = "receive", _("Received")
    TAKE_OUT = "take_out", _("Taken out of storage")
    TAKE_OUT_RETURN = "take_out_return", _("Returned to storage after taking out")
    PROVIDE = "provide", _("Provided to another party")
    MEETING = "meeting", _("Handed out at a meeting")
    MEETING_RETURN = "meeting_return", _("Returned at the end of a meeting")
    RECALL = "recall", _("Recalled")
    MOVE = "move", _("Moved to another location")


class ReceiptKind(models.TextChoices):
    SIGNATURE = "signature", _("Signature captured on screen")
    RECEIPT = "receipt", _("Printed receipt number")


class Handover(models.Model):
    """One line of the handover register (Form 16): who gave what to whom, when, and the
    receiver's acknowledgement (R-TX-5).  Numbered per agency and year (register ``hand``)."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number"))
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="handovers"
    )
    copy = models.ForeignKey(
        Copy,
        verbose_name=_("copy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=HandoverPurpose.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    from_person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("handed over by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_party = models.CharField(_("receiving party outside the system"), max_length=255, blank=True)
    from_location = models.ForeignKey(
        Location,
        verbose_name=_("from location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_location = models.ForeignKey(
        Location,
        verbose_name=_("to location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handed_at = models.DateTimeField(_("handed over at"))
    receipt_kind = models.CharField(_("acknowledgement"), max_length=12, choices=ReceiptKind.choices)
    receipt_no = models.CharField(_("receipt number"), max_length=60, blank=True)
    signature_svg = models.TextField(_("signature (SVG path)"), blank=True)
    acknowledged_by_name = models.CharField(_("acknowledged by"), max_length=255, blank=True)
    reference = models.CharField(_("reference (request, entry, meeting)"), max_length=120, blank=True)
    note = models.TextField(_("notes"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    regime = models.CharField(_("legal regime"), max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="custody_handover_seq_unique")
        ]
        indexes = [models.Index(fields=["item", "handed_at"], name="custody_handover_item")]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self) -> str:
        return f"{self.seq}/{self.year}"
