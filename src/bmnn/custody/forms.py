"""Forms of the custody app (labels are English msgids translated in .i18n/custody.json)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.custody.models import Copy, Location, LocationKind, ReceiptKind
from bmnn.organizations.selectors import person_for, visible_people, visible_units


class ReceiptFields(forms.Form):
    """The receiver's acknowledgement (R-TX-5): a printed receipt number or a signature on screen."""

    receipt_kind = forms.ChoiceField(
        label=_("Acknowledgement"), choices=ReceiptKind.choices, initial=ReceiptKind.RECEIPT
    )
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60, required=False)
    signature_svg = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20000)
    acknowledged_by_name = forms.CharField(label=_("Acknowledged by (name)"), max_length=255, required=False)
    note = forms.CharField(label=_("Notes"), required=False, max_length=2000)


class DispatchForm(ReceiptFields):
    recipient = forms.CharField(label=_("Recipient (on the envelope)"), max_length=255)
    address = forms.CharField(
        label=_("Ordinary address on the outer envelope"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    named_mark = forms.BooleanField(label=_("Only the named person may open"), required=False)
    to_person = forms.ModelChoiceField(
        label=_("Handed to (person in the system)"), queryset=visible_people(None), required=False
    )
    to_party = forms.CharField(
        label=_("Handed to (courier or outside party)"), max_length=255, required=False
    )

    field_order = ["recipient", "address", "named_mark", "to_person", "to_party"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = visible_people(user).filter(status="active")  # type: ignore[attr-defined]


def _locations(user: Any) -> Any:
    person = person_for(user)
    if person is None:
        return Location.objects.none()
    return Location.objects.filter(agency_id=person.agency_id, active=True)


class TransferForm(ReceiptFields):
    to_person = forms.ModelChoiceField(label=_("Receiver"), queryset=visible_people(None))
    to_location = forms.ModelChoiceField(
        label=_("Storage location"), queryset=Location.objects.none(), required=False
    )
    copy = forms.ModelChoiceField(
        label=_("Copy (empty: the original)"), queryset=Copy.objects.none(), required=False
    )

    field_order = ["copy", "to_person", "to_location"]

    def __init__(self, *args: Any, user: Any = None, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = visible_people(user).filter(status="active")  # type: ignore[attr-defined]
        self.fields["to_location"].queryset = _locations(user)  # type: ignore[attr-defined]
        self.fields["copy"].queryset = Copy.objects.filter(item=item, status="active")  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    copy = forms.ModelChoiceField(
        label=_("Copy (empty: the original)"), queryset=Copy.objects.none(), required=False
    )
    to_location = forms.ModelChoiceField(label=_("Storage location"), queryset=Location.objects.none())
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60)
    note = forms.CharField(label=_("Notes"), required=False, max_length=2000)

    def __init__(self, *args: Any, user: Any = None, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_location"].queryset = _locations(user)  # type: ignore[attr-defined]
        self.fields["copy"].queryset = Copy.objects.filter(item=item, status="active")  # type: ignore[attr-defined]


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=LocationKind.choices)
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=visible_units(None), required=False)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = person_for(user)
        units = visible_units(user)
        self.fields["unit"].queryset = units.filter(agency_id=person.agency_id) if person else units.none()  # type: ignore[attr-defined]


class OpenForm(forms.Form):
    summary = forms.CharField(
        label=_("Content (summary), seen by you alone"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(ReceiptFields):
    pass
