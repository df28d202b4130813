"""Written notices to recipients, re-marking tasks, and the legacy review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level

ACT_KINDS = (
    ("extension", _("Extension")),
    ("adjustment", _("Change of level")),
    ("declassification", _("Declassification")),
    ("destruction", _("Destruction")),
    ("legacy", _("Legacy review")),
)


class Notice(models.Model):
    """A written notice of an act to one recipient (R-EXT-3, R-ADJ-1, R-DECL-2/4); tracked until sent."""

    item = models.ForeignKey("registry.Item", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, related_name="+")
    act_kind = models.CharField(_("act"), max_length=20, choices=ACT_KINDS)
    act_id = models.PositiveIntegerField()
    rule_id = models.CharField(max_length=16)
    recipient = models.CharField(_("recipient"), max_length=500)
    recipient_person = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        "registry.RegisterEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("act dated"))
    due_on = models.DateField(_("to be sent by"), db_index=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("notice number and symbol"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["sent_on", "due_on"], name="lifecycle_notice_open")]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"Thông báo {self.get_act_kind_display()} → {self.recipient}"


class ReMarkTask(models.Model):
    """A copy or a recipient's incoming entry that must be re-marked after an act."""

    item = models.ForeignKey("registry.Item", on_delete=models.PROTECT, related_name="+")
    act_kind = models.CharField(_("act"), max_length=20, choices=ACT_KINDS)
    act_id = models.PositiveIntegerField()
    copy = models.ForeignKey(
        "custody.Copy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        "registry.RegisterEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mark = models.JSONField(_("mark to apply"), default=list)
    done_on = models.DateField(_("re-marked on"), null=True, blank=True)
    done_by = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("re-marking task")
        verbose_name_plural = _("re-marking tasks")

    def __str__(self) -> str:
        target = f"bản sao {self.copy}" if self.copy_id else f"sổ đến {self.entry}"
        return f"Đóng dấu lại {target}"


class LegacyCutoff(models.TextChoices):
    BEFORE_2019 = "2019", _("Classified before 01/01/2019 (Ordinance 30/2000)")
    BEFORE_2026 = "2026", _("Classified before 01/03/2026 (Law of 2018)")


class LegacyOutcome(models.TextChoices):
    KEEP = "KEEP", _("Keep")
    ADJUST = "ADJUST", _("Adjust the level")
    DECLASSIFY = "DECLASSIFY", _("Declassify")


class LegacyImport(models.Model):
    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, related_name="+")
    cutoff = models.CharField(_("records classified"), max_length=4, choices=LegacyCutoff.choices)
    filename = models.CharField(_("file name"), max_length=255)
    imported_by = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, related_name="+")
    imported_on = models.DateField(_("imported on"))
    closed_on = models.DateField(_("review closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("legacy import")
        verbose_name_plural = _("legacy imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_on:%d/%m/%Y})"


class LegacyReviewLine(models.Model):
    batch = models.ForeignKey(LegacyImport, on_delete=models.CASCADE, related_name="lines")
    row = models.PositiveIntegerField(_("row"))
    item = models.ForeignKey(
        "registry.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number_symbol = models.CharField(_("number and symbol"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    determined_on = models.DateField(_("determination date"))
    flag = models.CharField(_("flag"), max_length=12)
    period_start = models.DateField(_("period counted from"))
    expires_on = models.DateField(_("protected until"), null=True, blank=True)
    regime = models.CharField(_("legal regime"), max_length=8)
    outcome = models.CharField(_("outcome"), max_length=12, choices=LegacyOutcome.choices, blank=True)
    new_level = models.CharField(_("new level"), max_length=16, choices=Level.choices, blank=True)
    reviewed_by = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["batch_id", "row"]
        verbose_name = _("legacy review line")
        verbose_name_plural = _("legacy review lines")

    def __str__(self) -> str:
        return f"{self.number_symbol or self.title} ({self.flag})"
