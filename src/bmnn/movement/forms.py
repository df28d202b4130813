"""Forms of the movement pages (labels are English msgids, shown in Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.custody.models import Location, ReceiptKind
from bmnn.movement.models import DepartureReason, VenueKind
from bmnn.organizations.models import Person, PersonStatus
from bmnn.organizations.selectors import person_for, scope_agencies
from bmnn.registry import selectors as registry_selectors
from bmnn.registry.models import Item


def _people(user: Any) -> Any:
    return Person.objects.filter(agency__in=scope_agencies(user), status=PersonStatus.ACTIVE).order_by(
        "full_name"
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.agency.short_name or obj.agency.name}"


class ReceiptMixin(forms.Form):
    receipt_kind = forms.ChoiceField(
        label=_("Acknowledgement"), choices=ReceiptKind.choices, initial="receipt"
    )
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60, required=False)


class StartDepartureForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none())
    reason = forms.ChoiceField(label=_("Reason"), choices=DepartureReason.choices)
    effective_on = forms.DateField(
        label=_("Effective on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(user).select_related("agency")  # type: ignore[attr-defined]


class RecallForm(ReceiptMixin):
    thing = forms.ChoiceField(label=_("Item or copy"))
    to_person = PersonChoice(label=_("Handed over to"), queryset=Person.objects.none())
    to_location = forms.ModelChoiceField(
        label=_("Storage location"), queryset=Location.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, user: Any, things: list[tuple[str, str]], exclude: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thing"].choices = things  # type: ignore[attr-defined]
        self.fields["to_person"].queryset = _people(user).exclude(pk=exclude).select_related("agency")  # type: ignore[attr-defined]
        self.fields["to_location"].queryset = Location.objects.filter(  # type: ignore[attr-defined]
            agency__in=scope_agencies(user), active=True
        )


class CommitmentForm(forms.Form):
    commitment = forms.FileField(label=_("Written protection commitment (scanned, signed)"))


class TakeOutForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none())
    carrier = PersonChoice(label=_("Carried by"), queryset=Person.objects.none())
    carrier_position = forms.CharField(label=_("Position"), max_length=255, required=False)
    carrier_unit = forms.CharField(label=_("Unit"), max_length=255, required=False)
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("Place of work"), max_length=255, required=False)
    starts_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_on = forms.DateField(
        label=_("Return due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    protection_measures = forms.CharField(
        label=_("Protection measures"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    abroad = forms.BooleanField(label=_("Abroad"), required=False)
    delegation_head = forms.CharField(
        label=_("Head of the working delegation"), max_length=255, required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = registry_selectors.visible_items(user).filter(  # type: ignore[attr-defined]
            status__in=["determined", "received"]
        )
        self.fields["carrier"].queryset = _people(user).select_related("agency")  # type: ignore[attr-defined]
        me = person_for(user)
        if me is not None and not self.is_bound:
            self.fields["carrier"].initial = me.pk


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report to the approver"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    chair = PersonChoice(label=_("Chair"), queryset=Person.objects.none())
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Outside guests (one a line: name, organisation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    venue_kind = forms.ChoiceField(label=_("Venue kind"), choices=VenueKind.choices)
    venue = forms.CharField(label=_("Venue"), max_length=255)
    security_check_ref = forms.CharField(
        label=_("Security-check request (number, date, police unit)"), max_length=255, required=False
    )
    protection_plan = forms.CharField(
        label=_("Protection plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    cryptographic_line = forms.BooleanField(label=_("Line protected by cryptography"), required=False)
    devices_allowed = forms.BooleanField(label=_("The chair allows attendee devices"), required=False)
    wired_microphones = forms.BooleanField(label=_("Wired microphones only"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = _people(user).select_related("agency")
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]


class MeetingHandOutForm(ReceiptMixin):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none())
    to_person = PersonChoice(label=_("Handed to"), queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = registry_selectors.visible_items(user).filter(  # type: ignore[attr-defined]
            status__in=["determined", "received"]
        )
        self.fields["to_person"].queryset = meeting.attendees.select_related("agency")  # type: ignore[attr-defined]
