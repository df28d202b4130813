from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.custody.models import Location
from bmnn.inventory.models import Outcome
from bmnn.organizations.models import Person, Unit
from bmnn.organizations.selectors import person_for


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none(), required=False)
    custodian = forms.ModelChoiceField(label=_("Custodian"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        me = person_for(user)
        agency = me.agency_id if me else None
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=agency)  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.filter(agency_id=agency)  # type: ignore[attr-defined]
        self.fields["custodian"].queryset = Person.objects.filter(agency_id=agency)  # type: ignore[attr-defined]


class UnexpectedForm(forms.Form):
    item = forms.IntegerField(label=_("Item number in the system"), min_value=1)
    copy_number = forms.IntegerField(
        label=_("Copy number (empty for the original)"), min_value=1, required=False
    )
    note = forms.CharField(label=_("Notes"), max_length=500, required=False)


class CompleteForm(forms.Form):
    note = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )


class LineFilter(forms.Form):
    """Filters of the stock-taking list (on screen and in the PDF/XLSX print)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
    custodian = forms.ModelChoiceField(label=_("Custodian"), queryset=Person.objects.none(), required=False)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none(), required=False)

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["custodian"].queryset = Person.objects.filter(agency_id=agency_id)  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.filter(agency_id=agency_id)  # type: ignore[attr-defined]

    def apply(self, lines: Any) -> Any:
        """The lines narrowed by the valid filters (invalid values are shown as errors and ignored)."""
        if not self.is_bound:
            return lines
        self.is_valid()
        data = self.cleaned_data
        if data.get("outcome"):
            lines = lines.filter(outcome=data["outcome"])
        if data.get("custodian") is not None:
            lines = lines.filter(custodian=data["custodian"])
        if data.get("location") is not None:
            lines = lines.filter(location=data["location"])
        return lines
