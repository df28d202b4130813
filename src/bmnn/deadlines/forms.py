from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.deadlines.models import Kind

SORT_CHOICES = [
    ("due", _("Due date, earliest first")),
    ("-due", _("Due date, latest first")),
    ("kind", _("Kind")),
    ("ref", _("Number and symbol")),
]


class DeadlineFilter(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Kind.choices], required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)
    all_dates = forms.BooleanField(label=_("All dates (not only the next 12 months)"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
