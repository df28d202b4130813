"""Forms of the copying app (labels are English msgids; the UI shows Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bmnn.copying.models import PartyKind
from bmnn.core.choices import Level
from bmnn.custody.models import Copy, CopyForm, CopyStatus
from bmnn.organizations.models import Person
from bmnn.organizations.selectors import person_for
from bmnn.registry.models import Status
from bmnn.registry.selectors import visible_items

DECISIONS = [("approve", _("Approve")), ("refuse", _("Refuse"))]


def people_choices(user: Any) -> Any:
    me = person_for(user)
    rows = Person.objects.filter(status="active").exclude(clearance="")
    if me is not None:
        rows = rows.filter(agency_id=me.agency_id)
    return rows.order_by("full_name")


def decider_choices(user: Any) -> Any:
    """Whom a request may be submitted to: active cleared people of the user's agency or a body above."""
    me = person_for(user)
    if me is None:
        return Person.objects.none()
    ancestors = [int(x) for x in me.agency.path.strip("/").split("/") if x.isdigit()]
    return (
        Person.objects.filter(status="active", agency_id__in={me.agency_id, *ancestors})
        .exclude(clearance="")
        .select_related("agency")
        .order_by("agency__path", "full_name")
    )


class CopyRequestForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=None)  # type: ignore[arg-type]
    form = forms.ChoiceField(label=_("Form of copying"), choices=CopyForm.choices)
    source_copy = forms.ModelChoiceField(
        label=_("Copied from (copy of a copy)"), queryset=Copy.objects.none(), required=False
    )
    quantity = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=999, initial=1)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    recipient = forms.ModelChoiceField(label=_("Copies for"), queryset=None, required=False)  # type: ignore[arg-type]
    addressed_to = forms.ModelChoiceField(label=_("Submit to"), queryset=None, required=False)  # type: ignore[arg-type]
    extract_content = forms.CharField(
        label=_("Extracted content"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = visible_items(user).filter(status__in=[Status.DETERMINED, Status.RECEIVED]).order_by("-pk")
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.fields["source_copy"].queryset = Copy.objects.filter(  # type: ignore[attr-defined]
            item__in=items, status=CopyStatus.ACTIVE
        ).select_related("item")
        people = people_choices(user)
        self.fields["recipient"].queryset = people  # type: ignore[attr-defined]
        self.fields["addressed_to"].queryset = decider_choices(user)  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect, initial="approve"
    )
    note = forms.CharField(
        label=_("Note (reasons, required when refusing)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class ExecuteForm(forms.Form):
    made = forms.IntegerField(label=_("Copies produced"), min_value=1, max_value=999)
    spoiled = forms.IntegerField(
        label=_("Spoiled or surplus copies (destroyed at once)"), min_value=0, max_value=999, initial=0
    )
    device = forms.CharField(label=_("Copy or photo device"), max_length=200, required=False)
    device_networked = forms.BooleanField(label=_("The device is connected to a network"), required=False)
    cryptography_exempt = forms.BooleanField(
        label=_("The connection is protected under cryptography law"), required=False
    )
    extract_content = forms.CharField(
        label=_("Extracted content"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    photo_subject = forms.CharField(
        label=_("What was photographed or recorded"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
    photo_place = forms.CharField(label=_("Place"), max_length=200, required=False)


class RegisterFilter(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    form = forms.ChoiceField(
        label=_("Form of copying"), choices=[("", "—"), *CopyForm.choices], required=False
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Level.choices], required=False)
    q = forms.CharField(label=_("Search"), max_length=200, required=False)

    def year_or_now(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return timezone.localdate().year


class ProvisionForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=None)  # type: ignore[arg-type]
    party_kind = forms.ChoiceField(label=_("Party"), choices=PartyKind.choices)
    body = forms.CharField(label=_("Requesting body or organisation"), max_length=255)
    representative = forms.CharField(label=_("Representative"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=200)
    id_number = forms.CharField(label=_("Identity document number"), max_length=60, required=False)
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    passport = forms.CharField(label=_("Passport number"), max_length=60, required=False)
    programme = forms.CharField(
        label=_("Cooperation programme or official duty"), max_length=255, required=False
    )
    in_cooperation = forms.BooleanField(
        label=_("The foreign party takes part in that programme or duty"), required=False
    )
    secret_requested = forms.CharField(
        label=_("State secret requested"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    commitment = forms.CharField(
        label=_("Protection commitment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    addressed_to = forms.ModelChoiceField(label=_("Submit to"), queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = visible_items(user).filter(status__in=[Status.DETERMINED, Status.RECEIVED]).order_by("-pk")
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.fields["addressed_to"].queryset = decider_choices(user)  # type: ignore[attr-defined]


class ProvisionDecideForm(DecideForm):
    within_remit = forms.BooleanField(
        label=_("Within the decider's remit (foreign parties)"), required=False, initial=True
    )


class ProvidedForm(forms.Form):
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60)
