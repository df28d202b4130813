"""The acts: each is proposed, then decided (approved or refused) with the regime of its own date."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class MultiItemAct:
    """An act whose decision may list several items: ``item`` plus ``items`` (which include it)."""

    def all_items(self) -> list[Any]:
        rows = list(self.items.order_by("pk"))  # type: ignore[attr-defined]
        return rows or [self.item]  # type: ignore[attr-defined]


class ActStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Decided")
    REFUSED = "refused", _("Not approved")
    DONE = "done", _("Carried out")


class LifecycleAct(models.Model):
    """Common columns: the item, who proposed and when, who decided and when, the decision number."""

    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActStatus.choices, default="proposed")
    proposed_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField(_("proposed on"))
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number and symbol"), max_length=120, blank=True)
    regime = models.CharField(_("legal regime"), max_length=8, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Extension(LifecycleAct):
    """R-EXT-*: extending the protection period (Law Art. 20)."""

    years = models.PositiveSmallIntegerField(_("extension (years)"))
    old_expiry = models.DateField(_("current expiry"), null=True, blank=True)
    new_expiry = models.DateField(_("new expiry"), null=True, blank=True)
    stamp = models.JSONField(_("stamp"), default=list, blank=True)

    class Meta(LifecycleAct.Meta):
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"Gia hạn #{self.pk} — {self.item}"


class PeriodAfterAdjustment(models.TextChoices):
    """Which date the protection period counts from after a change of level (setting
    ``BMNN_ADJUSTMENT_PERIOD``; Law Art. 21 is silent, see docs/lifecycle.md)."""

    KEEP = "keep", _("The original expiry is kept")
    DETERMINATION = "determination", _("New level's period counted from the determination date")
    ADJUSTMENT = "adjustment", _("New level's period counted from the adjustment decision")


class LevelChange(LifecycleAct):
    """R-ADJ-1: raising or lowering the level (Law Art. 21)."""

    old_level = models.CharField(_("current level"), max_length=16, choices=Level.choices)
    new_level = models.CharField(_("new level"), max_length=16, choices=Level.choices)
    old_expiry = models.DateField(_("expiry before the change"), null=True, blank=True)
    new_expiry = models.DateField(_("expiry after the change"), null=True, blank=True)
    period_from = models.CharField(
        _("period counted from"), max_length=16, choices=PeriodAfterAdjustment.choices, blank=True
    )
    period_start = models.DateField(_("period start date"), null=True, blank=True)
    basis = models.ManyToManyField(
        "registry.ListItem", verbose_name=_("list basis"), related_name="+", blank=True
    )
    stamp = models.JSONField(_("stamp"), default=list, blank=True)

    class Meta(LifecycleAct.Meta):
        verbose_name = _("change of level")
        verbose_name_plural = _("changes of level")

    def __str__(self) -> str:
        return f"Điều chỉnh độ mật #{self.pk} — {self.item}"


class CouncilKind(models.TextChoices):
    DECLASSIFICATION = "declassification", _("Declassification council")
    DESTRUCTION = "destruction", _("Destruction council")


class Council(models.Model):
    """A council set up by decision (R-DECL-3, R-DEST-3): chair, members, and the decision number."""

    kind = models.CharField(_("kind"), max_length=16, choices=CouncilKind.choices)
    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField(_("decision setting up the council"), max_length=120)
    established_on = models.DateField(_("set up on"))
    established_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("set up by"), on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        "organizations.Person", verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    regime = models.CharField(_("legal regime"), max_length=8, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-established_on", "-id"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decision_number}"


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    body = models.CharField(_("body represented"), max_length=255, blank=True)
    role = models.CharField(_("role on the council"), max_length=120, blank=True)
    is_custodian = models.BooleanField(_("direct custodian of the items"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DeclassificationGround(models.TextChoices):
    """Law Art. 22.1 (a), (b), (c)."""

    EXPIRED = "expired", _("The protection period has ended")
    NATIONAL_INTEREST = "national_interest", _("Declassified to serve national interests (council)")
    DELISTED = "delisted", _("Removed from the classification list")


class Declassification(MultiItemAct, LifecycleAct):
    """R-DECL-*: declassification on one of the three grounds; whole or in part.  One decision may cover
    a list of items of the same classifying body (``items``; ``item`` is the first of them)."""

    ground = models.CharField(_("ground"), max_length=20, choices=DeclassificationGround.choices)
    council = models.ForeignKey(
        Council, verbose_name=_("council"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partial = models.BooleanField(_("in part"), default=False)
    declassified_content = models.TextField(_("declassified content"), blank=True)
    list_reference = models.CharField(_("list amendment removing the item"), max_length=255, blank=True)
    items = models.ManyToManyField("registry.Item", verbose_name=_("items"), related_name="+", blank=True)
    stamp = models.JSONField(_("stamp"), default=list, blank=True)
    dossier = models.JSONField(_("archived dossier"), default=dict, blank=True)
    archived_on = models.DateField(_("dossier archived on"), null=True, blank=True)

    class Meta(LifecycleAct.Meta):
        verbose_name = _("declassification")
        verbose_name_plural = _("declassifications")

    def __str__(self) -> str:
        return f"Giải mật #{self.pk} — {self.item}"


class DestructionCase(models.TextChoices):
    """Law Art. 23.1 (a), (b)."""

    NO_LONGER_NEEDED = "NO_LONGER_NEEDED", _("No longer needed")
    URGENT_HARM = "URGENT_HARM", _("Urgent: keeping it would cause harm")


class Destruction(MultiItemAct, LifecycleAct):
    """R-DEST-*: destruction of items, their copies and electronic files (crypto-shredded).  One decision
    may cover a list of items of the same body (``items``; ``item`` is the first of them)."""

    case = models.CharField(_("case"), max_length=20, choices=DestructionCase.choices)
    council = models.ForeignKey(
        Council, verbose_name=_("council"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    items = models.ManyToManyField("registry.Item", verbose_name=_("items"), related_name="+", blank=True)
    method = models.TextField(_("method"), blank=True)
    witnesses = models.TextField(_("witnesses"), blank=True)
    unrecoverable = models.BooleanField(_("confirmed unrecoverable"), default=False)
    place = models.CharField(_("place"), max_length=255, blank=True)
    executed_on = models.DateField(_("destroyed on"), null=True, blank=True)
    executed_by = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("destroyed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.TextField(_("written report to the head"), blank=True)
    report_to = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("report addressed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    copies_destroyed = models.PositiveIntegerField(default=0)
    files_shredded = models.PositiveIntegerField(default=0)
    dossier = models.JSONField(_("archived dossier"), default=dict, blank=True)
    archived_on = models.DateField(_("dossier archived on"), null=True, blank=True)

    class Meta(LifecycleAct.Meta):
        verbose_name = _("destruction")
        verbose_name_plural = _("destructions")

    def __str__(self) -> str:
        return f"Tiêu hủy #{self.pk} — {self.item}"


class Minutes(models.Model):
    """Minutes of a council meeting, or the destruction minutes (method, witnesses)."""

    KIND_CHOICES = (("council", _("Council meeting minutes")), ("destruction", _("Destruction minutes")))
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default="council")
    council = models.ForeignKey(
        Council, null=True, blank=True, on_delete=models.PROTECT, related_name="minutes"
    )
    destruction = models.ForeignKey(
        Destruction, null=True, blank=True, on_delete=models.PROTECT, related_name="minutes"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    attendees = models.TextField(_("present"), blank=True)
    content = models.TextField(_("content"))
    conclusion = models.TextField(_("conclusion"), blank=True)
    recorded_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"Biên bản {self.held_on:%d/%m/%Y}"
