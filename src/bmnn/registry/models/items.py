"""Classified items (tài liệu, vật chứa BMNN): the proposal, the determination and who may see them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.registry.models.lists import FIELD_CHOICES, ListItem


class Kind(models.TextChoices):
    """Values match ``bmnn.rules.classification.CONTAINER_KINDS`` (documents vs. Form 01 kinds)."""

    DOCUMENT = "document", _("Document")
    OBJECT = "object", _("Object")
    PLACE = "place", _("Place")
    SPEECH = "speech", _("Speech")
    ACTIVITY = "activity", _("Activity")
    OTHER = "other", _("Other form")


class Medium(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper and electronic")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Awaiting determination")
    DETERMINED = "determined", _("Determined")
    REFUSED = "refused", _("Refused")
    RECEIVED = "received", _("Received")
    DECLASSIFIED = "declassified", _("Declassified")
    DESTROYED = "destroyed", _("Destroyed")


class Origin(models.TextChoices):
    CREATED = "created", _("Created by the agency")
    RECEIVED = "received", _("Received from outside")


RANK = {"MAT": 1, "TOI_MAT": 2, "TUYET_MAT": 3}


class Item(models.Model):
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
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices, default=Origin.CREATED)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DOCUMENT)
    medium = models.CharField(_("medium"), max_length=12, choices=Medium.choices, default=Medium.PAPER)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary (trích yếu)"), blank=True)
    number_symbol = models.CharField(_("number and symbol"), max_length=120, blank=True)
    doc_date = models.DateField(_("document date"), null=True, blank=True)
    field = models.CharField(_("field"), max_length=40, choices=FIELD_CHOICES)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    # The drafter's proposal (Decree 26 Art. 2.1; Form 01 for non-documents).
    drafter = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("drafter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_level = models.CharField(_("proposed level"), max_length=16, choices=Level.choices)
    basis = models.ManyToManyField(ListItem, verbose_name=_("list basis"), related_name="registry_items")
    recipients = models.TextField(_("recipients (nơi nhận)"), blank=True)
    recipient_people = models.ManyToManyField(
        "organizations.Person", verbose_name=_("recipients in the system"), related_name="+", blank=True
    )
    copies = models.PositiveIntegerField(_("number of copies"), default=1)
    copy_allowed = models.BooleanField(_("copying or photographing allowed"), default=False)
    custom_end = models.DateField(_("shorter protection end (activities)"), null=True, blank=True)
    named_recipient = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("only the named person may open"),
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
    # Where the original is kept; changed only by a handover (bmnn.custody).
    location = models.ForeignKey(
        "custody.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Visibility uses the rank of the level in force, or the proposed level while a draft.
    level_rank = models.PositiveSmallIntegerField(default=1, db_index=True)

    # The determination by the competent person.
    approver = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("determined by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    determined_on = models.DateField(_("determination date"), null=True, blank=True)
    regime = models.CharField(_("legal regime"), max_length=8, blank=True)
    period_years = models.PositiveSmallIntegerField(_("protection period (years)"), null=True, blank=True)
    expires_on = models.DateField(_("protected until"), null=True, blank=True)
    summary_consent = models.BooleanField(_("classifier agrees to record the summary"), default=False)
    marks = models.JSONField(_("marks"), default=dict, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    # Set by the lifecycle (bmnn.lifecycle); the item's metadata and history stay after either.
    declassified_on = models.DateField(_("declassified on"), null=True, blank=True)
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)

    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status"], name="registry_item_agency_status"),
            # The daily job of bmnn.deadlines: expiries by status, and items changed since the last run.
            models.Index(fields=["status", "expires_on"], name="registry_item_status_expiry"),
            models.Index(fields=["updated_at"], name="registry_item_updated"),
        ]
        verbose_name = _("classified item")
        verbose_name_plural = _("classified items")

    def __str__(self) -> str:
        return self.number_symbol or self.title[:80]

    @property
    def effective_level(self) -> str:
        return self.level or self.proposed_level


class Grant(models.Model):
    """An explicit need-to-know grant of one item to one person."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.item_id}"


class DecisionAct(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    CHANGED = "changed", _("Approved with changes")
    REFUSED = "refused", _("Refused")


class Determination(models.Model):
    """History of proposals and decisions on an item, each with the regime in force on its date."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="determinations")
    act = models.CharField(max_length=12, choices=DecisionAct.choices)
    person = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    regime = models.CharField(max_length=8)
    level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    note = models.TextField(blank=True)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.act} {self.item_id} ({self.on})"
