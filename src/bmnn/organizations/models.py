"""Organisation tree and people.

Writes go through ``services.py``; reads that depend on who is asking go through ``selectors.py``.
Authority tags are the vocabulary of ``bmnn.rules`` (``bmnn.rules.AUTHORITY_TAGS``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class Tier(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (historical)")
    COMMUNE = "commune", _("Commune")


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    PEOPLES_COUNCIL = "peoples_council", _("People's Council")
    DEPARTMENT = "department", _("Department (sở, ban, ngành)")
    MINISTRY = "ministry", _("Ministry or ministerial-level agency")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    PARTY = "party", _("Party body")
    COURT_PROCURACY = "court_procuracy", _("Court or procuracy")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Public service unit")
    OTHER = "other", _("Other")


class Agency(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("superior agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/<id>/<id>/…/" so that a whole subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    is_reporting_body = models.BooleanField(
        _("reports to the Ministry of Public Security (Decree 26 Art. 7.1)"), default=False
    )
    active = models.BooleanField(_("active"), default=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    is_office = models.BooleanField(
        _("office or general-administration unit (holds the full-time BMNN officer)"), default=False
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency__path", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.short_name or self.agency.name}"


class Position(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(_("title"), max_length=255)
    authority_tags = models.JSONField(_("legal authority tags"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency__path", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.title} — {self.agency.short_name or self.agency.name}"


class OfficerRole(models.TextChoices):
    NONE = "", _("Not a BMNN officer")
    FULL_TIME = "full_time", _("Full-time BMNN officer")
    PART_TIME = "part_time", _("Part-time BMNN officer")


class EmploymentCategory(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Cadre or civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    CRYPTOGRAPHY_WORKER = "cryptography_worker", _("Cryptography worker")
    OTHER = "other", _("Other (contract worker, …)")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Working")
    LEFT = "left", _("Left")


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    full_name = models.CharField(_("full name"), max_length=255)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="people"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    clearance = models.CharField(_("clearance"), max_length=16, choices=Level.choices, blank=True)
    officer_role = models.CharField(_("BMNN officer"), max_length=16, choices=OfficerRole.choices, blank=True)
    employment_category = models.CharField(
        _("employment category"),
        max_length=24,
        choices=EmploymentCategory.choices,
        default=EmploymentCategory.CIVIL_SERVANT,
    )
    has_bmnn_duties = models.BooleanField(_("has duties related to state secrets"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


def current_on(day: dt.date) -> Q:
    """Filter for terms and delegations in force on ``day`` (inclusive bounds)."""
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


class Assignment(models.Model):
    """A person holding a position over a dated term."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="assignments"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    decision_ref = models.CharField(_("appointment decision"), max_length=120, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            )
        ]
        verbose_name = _("term in a position")
        verbose_name_plural = _("terms in positions")

    def __str__(self) -> str:
        return f"{self.person} — {self.position.title}"


class Delegation(models.Model):
    """A written delegation from a holder of authority to a deputy (Law Art. 11.5, Art. 14)."""

    delegator = models.ForeignKey(
        Person,
        verbose_name=_("delegating person"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegator_position = models.ForeignKey(
        Position, verbose_name=_("position delegated from"), on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        Person, verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="delegations_received"
    )
    acts = models.JSONField(_("acts delegated"), default=list)
    max_level = models.CharField(_("highest level"), max_length=16, choices=Level.choices)
    start_date = models.DateField(_("valid from"))
    end_date = models.DateField(_("valid to"))
    document_ref = models.CharField(_("written delegation (number, date)"), max_length=160)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="delegation_end_after_start"
            )
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return f"{self.delegator} → {self.deputy} ({self.document_ref})"
