"""Taking out of storage (Law Art. 14, Decree 26 Art. 5), meetings with BMNN content (Law Art. 17,
Decree 26 Art. 6) and recall on departure (Law Art. 26.2(d)).

Every change of holder of an item or a copy goes through ``custody.services.handover.hand_over``;
these models keep the acts around it (request, decision, notice, return, report, recall)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level


class TakeOutStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    OUT = "out", _("Taken out")
    RETURNED = "returned", _("Returned, report pending")
    CLOSED = "closed", _("Closed")


class TakeOut(models.Model):
    """A request to take items or copies out of storage, its decision, hand-out and return.

    The things carried are the request's lines (``TakeOutLine``); ``item``/``copy`` name the first line
    (for lists and titles) and ``level`` is the highest level of all lines (it decides the authority)."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="take_outs"
    )
    copy = models.ForeignKey(
        "custody.Copy",
        verbose_name=_("copy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="take_outs",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    requested_by = models.ForeignKey(
        "organizations.Person", verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    carrier = models.ForeignKey(
        "organizations.Person", verbose_name=_("carried by"), on_delete=models.PROTECT, related_name="+"
    )
    carrier_position = models.CharField(_("position"), max_length=255)
    carrier_unit = models.CharField(_("unit"), max_length=255)
    purpose = models.TextField(_("purpose"))
    place = models.CharField(_("place of work"), max_length=255)
    abroad = models.BooleanField(_("abroad"), default=False)
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("return due on"))
    protection_measures = models.TextField(_("protection measures"))
    delegation_head = models.CharField(_("head of the working delegation"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TakeOutStatus.choices, default=TakeOutStatus.REQUESTED
    )
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
    reasons = models.JSONField(default=list, blank=True)
    out_handover = models.ForeignKey(
        "custody.Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    return_handover = models.ForeignKey(
        "custody.Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.TextField(_("report to the approver"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("take-out")
        verbose_name_plural = _("take-outs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.item}"

    @property
    def reference(self) -> str:
        return f"MR-{self.pk}"

    @property
    def title(self) -> str:
        lines = list(self.lines.all())
        if len(lines) > 1:
            return f"{self.item.title} (+{len(lines) - 1})"
        return self.item.title


class TakeOutLine(models.Model):
    """One item or copy of a take-out, with its own hand-out and return (Form 16 lines)."""

    take_out = models.ForeignKey(TakeOut, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        "registry.Item", verbose_name=_("item"), on_delete=models.PROTECT, related_name="take_out_lines"
    )
    copy = models.ForeignKey(
        "custody.Copy",
        verbose_name=_("copy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="take_out_lines",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    out_handover = models.ForeignKey(
        "custody.Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_handover = models.ForeignKey(
        "custody.Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("take-out line")
        verbose_name_plural = _("take-out lines")

    def __str__(self) -> str:
        if self.copy_id:
            return f"{self.item.title} — {gettext('copy')} {self.copy.number:02d}"
        return self.item.title

    @property
    def holder(self) -> object:
        return self.copy if self.copy_id else self.item

    @property
    def is_out(self) -> bool:
        return self.out_handover_id is not None and self.return_handover_id is None

    @property
    def returned(self) -> bool:
        return self.return_handover_id is not None


class DelegationNotice(models.Model):
    """The notice to the head of the working delegation before a take-out abroad (Law Art. 14.2)."""

    take_out = models.ForeignKey(TakeOut, on_delete=models.PROTECT, related_name="notices")
    head_name = models.CharField(_("head of the working delegation"), max_length=255)
    text = models.TextField(_("notice"))
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.head_name} ({self.sent_on})"


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")
    CLOSED_INCIDENT = "closed_incident", _("Closed with items not returned")


class VenueKind(models.TextChoices):
    PREMISES = "premises", _("Closed room at the agency's premises")
    OUTSIDE = "outside", _("Elsewhere, with a police security check")


class Meeting(models.Model):
    """A meeting, conference or seminar with BMNN content."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=500)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    held_on = models.DateField(_("date"))
    chair = models.ForeignKey(
        "organizations.Person", verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    venue_kind = models.CharField(_("venue kind"), max_length=12, choices=VenueKind.choices)
    venue = models.CharField(_("venue"), max_length=255)
    security_check_ref = models.CharField(
        _("security-check request (number, date, police unit)"), max_length=255, blank=True
    )
    protection_plan = models.TextField(_("protection plan"))
    online = models.BooleanField(_("online"), default=False)
    cryptographic_line = models.BooleanField(_("line protected by cryptography"), default=False)
    devices_allowed = models.BooleanField(_("the chair allows attendee devices"), default=False)
    wired_microphones = models.BooleanField(_("wired microphones only"), default=True)
    # free text of meetings recorded before guests were records (``guest_list``); kept for reading
    guests = models.TextField(_("outside guests (one a line: name, organisation)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED
    )
    approver = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("approved by"),
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
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    attendees = models.ManyToManyField(
        "organizations.Person", verbose_name=_("attendees"), related_name="+", blank=True
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return f"HOP-{self.pk}"


class MeetingGuest(models.Model):
    """An outside guest of a meeting (not a person of the organisation tree), with their identity paper."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guest_list")
    full_name = models.CharField(_("full name"), max_length=255)
    organisation = models.CharField(_("organisation"), max_length=255)
    id_number = models.CharField(_("ID card or passport number"), max_length=40)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class MeetingDocument(models.Model):
    """An item or copy handed out at a meeting, and its return."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    item = models.ForeignKey("registry.Item", on_delete=models.PROTECT, related_name="+")
    copy = models.ForeignKey(
        "custody.Copy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey("organizations.Person", on_delete=models.PROTECT, related_name="+")
    out_handover = models.ForeignKey("custody.Handover", on_delete=models.PROTECT, related_name="+")
    return_handover = models.ForeignKey(
        "custody.Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incident = models.ForeignKey(
        "registry.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.item}"

    @property
    def returned(self) -> bool:
        return self.return_handover_id is not None


class DepartureReason(models.TextChoices):
    LEAVE = "leave", _("Leaves the job")
    TRANSFER = "transfer", _("Transferred")
    RETIRE = "retire", _("Retires")
    DEATH = "death", _("Died")
    UNASSIGNED = "unassigned", _("No longer assigned to BMNN duties")


class DepartureStatus(models.TextChoices):
    OPEN = "open", _("Open: recall under way")
    COMPLETED = "completed", _("Completed")


class Departure(models.Model):
    """Recall of everything a person holds before they leave (Law Art. 26.2(d); R-RECALL-1/2)."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=DepartureReason.choices)
    effective_on = models.DateField(_("effective on"))
    status = models.CharField(
        _("status"), max_length=12, choices=DepartureStatus.choices, default=DepartureStatus.OPEN
    )
    note = models.TextField(_("notes"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    commitment = models.ForeignKey(
        "vault.VaultBlob",
        verbose_name=_("written protection commitment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commitment_filename = models.CharField(max_length=255, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="open"), name="movement_one_open_departure"
            )
        ]
        verbose_name = _("departure")
        verbose_name_plural = _("departures")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_reason_display()}"

    @property
    def reference(self) -> str:
        return f"NV-{self.pk}"
