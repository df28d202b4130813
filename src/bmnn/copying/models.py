"""Copy requests (Decree 26 Art. 3; Forms 09–13, the copy register Form 12) and providing BMNN to
Vietnamese and foreign parties (Law Art. 15–16; Form 17).

The copies themselves are ``bmnn.custody.models.Copy`` rows; a request links the copies it produced.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.custody.models import CopyForm


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    EXECUTED = "executed", _("Copies made")


#: custody.CopyForm value -> the form code of bmnn.rules (Decree 26 Art. 3.1).
RULES_FORM = {"true_copy": "SAO_Y", "copy_of_copy": "SAO_LUC", "extract": "TRICH_SAO", "photo": "CHUP"}
#: custody.CopyForm value -> the act whose authority is checked (R-COPY-1).
RULES_ACT = {"true_copy": "copy", "copy_of_copy": "copy", "extract": "extract", "photo": "photo"}


class CopyRequest(models.Model):
    """A request to copy, extract or photograph an item; the decision; the execution (Form 12 line)."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="copy_requests"
    )
    form = models.CharField(_("form"), max_length=16, choices=CopyForm.choices)
    source_copy = models.ForeignKey(
        "custody.Copy",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    quantity = models.PositiveIntegerField(_("number of copies"))
    purpose = models.TextField(_("purpose"))
    recipient = models.ForeignKey(
        "organizations.Person", verbose_name=_("copies for"), on_delete=models.PROTECT, related_name="+"
    )
    addressed_to = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("submitted to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extract_content = models.TextField(_("extracted content"), blank=True)
    requested_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("requested on"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    level_rank = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    # The decision (R-COPY-1..3).
    approver = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegation = models.ForeignKey(
        "organizations.Delegation",
        verbose_name=_("under delegation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    regime = models.CharField(_("legal regime"), max_length=8, blank=True)
    # The execution (R-COPY-4..9) and its line in the copy register (Form 12).
    executor = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("copied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    executed_on = models.DateField(_("copied on"), null=True, blank=True)
    made = models.PositiveIntegerField(_("copies produced"), default=0)
    spoiled = models.PositiveIntegerField(_("spoiled or surplus copies destroyed"), default=0)
    device = models.CharField(_("copy or photo device"), max_length=200, blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("number"), null=True, blank=True)
    copy_numbers = models.CharField(_("copy numbers"), max_length=400, blank=True)
    # Form 13: the photographing record.
    photo_subject = models.TextField(_("what was photographed or recorded"), blank=True)
    photo_place = models.CharField(_("place"), max_length=200, blank=True)
    copies = models.ManyToManyField("custody.Copy", verbose_name=_("copies"), related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="copying_request_seq_unique")
        ]
        verbose_name = _("copy request")
        verbose_name_plural = _("copy requests")

    def __str__(self) -> str:
        return f"{self.get_form_display()} — {self.item}"


class PartyKind(models.TextChoices):
    DOMESTIC = "domestic", _("Vietnamese party")
    FOREIGN = "foreign", _("Foreign party")


class ProvisionStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    PROVIDED = "provided", _("Provided")


class Provision(models.Model):
    """A request to provide an item to a Vietnamese (Form 17) or foreign party, and its decision.

    Numbered yearly per agency in the providing register (counter ``prov``) when recorded."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number"))
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="provisions"
    )
    party_kind = models.CharField(_("party"), max_length=10, choices=PartyKind.choices)
    body = models.CharField(_("requesting body or organisation"), max_length=255)
    representative = models.CharField(_("representative"), max_length=255)
    position = models.CharField(_("position"), max_length=200)
    id_number = models.CharField(_("identity document number"), max_length=60, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    passport = models.CharField(_("passport number"), max_length=60, blank=True)
    programme = models.CharField(_("cooperation programme or official duty"), max_length=255, blank=True)
    secret_requested = models.TextField(_("state secret requested"))
    purpose = models.TextField(_("purpose"))
    commitment = models.TextField(_("protection commitment"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    level_rank = models.PositiveSmallIntegerField(default=1)
    requested_on = models.DateField(_("requested on"))
    recorded_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    # The person the request is submitted to for decision (Law Art. 15–16): they see the request (up to
    # their clearance) even when the item itself is outside their need-to-know.
    addressed_to = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("submitted to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProvisionStatus.choices, default=ProvisionStatus.REQUESTED
    )
    decider = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegation = models.ForeignKey(
        "organizations.Delegation",
        verbose_name=_("under delegation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note (reasons)"), blank=True)
    regime = models.CharField(_("legal regime"), max_length=8, blank=True)
    provided_on = models.DateField(_("provided on"), null=True, blank=True)
    receipt_no = models.CharField(_("receipt number"), max_length=60, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="copying_provision_seq_unique")
        ]
        verbose_name = _("provision of state secrets")
        verbose_name_plural = _("provisions of state secrets")

    def __str__(self) -> str:
        return f"{self.seq}/{self.year} — {self.body}"
