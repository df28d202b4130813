"""Deadlines (materialised), reminders, daily job runs and calendar-feed tokens.

Deadlines are *materialised*: the daily job rebuilds the table in set-based SQL from the items, the
incoming register and the providers, and an item's rows are recomputed whenever the item is saved
(see ``apps.py``).  Pages then read one indexed table instead of joining 1M items per request.
Rows carry no title or summary of an item: only the register number / number-symbol and a level-free
label, so that lists, reminders, e-mails and the calendar feed never disclose content.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EXPIRY = "expiry", _("End of protection period")
    EXTENSION_DECISION = "extension_decision", _("Extension decision deadline")
    RECALL_RETURN = "recall_return", _("Return of a recalled document")
    ANNUAL_REPORT = "annual_report", _("Annual report")
    NOTICE = "notice", _("Written notice")
    TAKE_OUT_RETURN = "take_out_return", _("Return of a taken-out item")
    OTHER = "other", _("Other deadline")


class Deadline(models.Model):
    """One open deadline for one responsible person (``primary`` marks the row counted once per key)."""

    key = models.CharField(max_length=160)  # "<kind>:<object_type>:<object_id>"
    source = models.CharField(max_length=40)  # "item", "recall", "annual", or a provider name
    kind = models.CharField(_("kind"), max_length=40)
    due_on = models.DateField(_("due on"))
    # No single-column FK indexes: the composite indexes below lead with these columns, and a lone
    # ``unit_id`` index tempted SQLite into scanning a whole unit and sorting it.
    agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    person = models.ForeignKey(
        "organizations.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    primary = models.BooleanField(default=True)
    object_type = models.CharField(max_length=80)
    object_id = models.BigIntegerField()
    ref = models.CharField(_("reference"), max_length=200, blank=True)  # number-symbol, never a title
    label = models.CharField(_("label"), max_length=200, blank=True)  # provider's level-free label
    rule_id = models.CharField(max_length=32, blank=True)
    url = models.CharField(max_length=300, blank=True)

    class Meta:
        # Pages read "WHERE <owner> [AND primary] AND due_on <range> ORDER BY due_on, id LIMIT 50":
        # each composite index serves the filter and the order (no sort of a person's 100,000 rows).
        # The unit/agency indexes are partial on ``primary`` (Django writes ``WHERE "primary"``, a
        # bare boolean that cannot be an equality term of a composite index on SQLite).
        indexes = [
            models.Index(
                fields=["agency", "due_on", "id"], name="deadline_agency_due", condition=Q(primary=True)
            ),
            models.Index(
                fields=["unit", "due_on", "id"], name="deadline_unit_due", condition=Q(primary=True)
            ),
            models.Index(fields=["person", "due_on", "id"], name="deadline_person_due"),
            models.Index(fields=["source", "object_id"], name="deadline_source_object"),
            models.Index(fields=["due_on"], name="deadline_due"),
        ]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} {self.due_on}"


class Notification(models.Model):
    """An in-app reminder; at most one per person, deadline and lead time (``lead_days`` −1 = overdue)."""

    person = models.ForeignKey("organizations.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    due_key = models.CharField(max_length=160)
    due_on = models.DateField(_("due on"))
    lead_days = models.IntegerField(_("days before"))
    message = models.CharField(_("message"), max_length=500)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_on = models.DateField()  # the job day that raised it
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "due_key", "lead_days"], name="deadlines_notification_once"
            )
        ]
        indexes = [models.Index(fields=["person", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.due_key} ({self.lead_days})"


class JobRun(models.Model):
    """One run of the daily job per day; a finished row makes a second run that day a no-op."""

    day = models.DateField(unique=True)
    started = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)
    # Providers that raised during the run: [{"provider", "error", "at"}]; their previous rows are kept.
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.counts}"


class CalendarToken(models.Model):
    """The secret in a person's iCalendar feed URL; regenerating it revokes the old URL."""

    person = models.OneToOneField("organizations.Person", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person_id}"
