"""Sector classification lists (danh mục BMNN, Law Art. 9) and their items."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.rules import FIELDS
from bmnn.rules import Level as RuleLevel

FIELD_CHOICES = [(key, vi) for key, (vi, _en) in FIELDS.items()]


class ClassificationList(models.Model):
    """One Prime Minister decision "ban hành Danh mục BMNN thuộc lĩnh vực …"."""

    decision_number = models.CharField(_("decision number"), max_length=60, unique=True)
    decision_date = models.DateField(_("decision date"))
    title = models.CharField(_("title"), max_length=400)
    field = models.CharField(_("field"), max_length=40, choices=FIELD_CHOICES)
    issuer = models.CharField(_("issuer"), max_length=120, default="Thủ tướng Chính phủ")
    replaces = models.CharField(_("replaces"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True)
    active = models.BooleanField(_("in force"), default=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "decision_number"]
        verbose_name = _("classification list")
        verbose_name_plural = _("classification lists")

    def __str__(self) -> str:
        return f"{self.decision_number} — {self.get_field_display()}"


class ListItem(models.Model):
    """One class of information at one level (Art. 1 Tuyệt mật, Art. 2 Tối mật, Art. 3 Mật)."""

    source_list = models.ForeignKey(
        ClassificationList, verbose_name=_("list"), on_delete=models.CASCADE, related_name="items"
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    number = models.CharField(_("item number"), max_length=20)
    text = models.TextField(_("content"))
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["source_list", "level", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source_list", "level", "number"], name="list_item_unique")
        ]
        verbose_name = _("list item")
        verbose_name_plural = _("list items")

    def __str__(self) -> str:
        return f"{self.source_list.decision_number} — {self.get_level_display()} {self.number}"

    @property
    def reference(self) -> str:
        """The basis as cited on a determination: level article and item number."""
        return f"{RuleLevel[self.level].label_vi} mục {self.number}"
