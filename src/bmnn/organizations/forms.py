from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.organizations import selectors
from bmnn.organizations.models import Agency, Assignment, Delegation, Person, Position, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DELEGABLE_ACTS = [
    ("copy", _("Authorise copying, photographing, extracting")),
    ("take_out", _("Approve taking out of storage")),
    ("provide", _("Decide on providing to Vietnamese parties")),
    ("provide_foreign", _("Decide on providing to foreign parties")),
    ("meeting", _("Approve meetings with state-secret content")),
]


class ScopedForm(forms.ModelForm):
    """A model form whose choice fields only offer objects inside the user's scope."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        querysets = {
            "agency": selectors.scope_agencies(user),
            "parent": None,
            "unit": selectors.visible_units(user),
            "person": selectors.visible_people(user),
            "position": selectors.visible_positions(user).filter(active=True),
            "delegator": selectors.visible_people(user),
            "deputy": selectors.visible_people(user),
            "delegator_position": selectors.visible_positions(user),
        }
        for name, qs in querysets.items():
            if name in self.fields and qs is not None:
                self.fields[name].queryset = qs  # type: ignore[attr-defined]


class AgencyForm(ScopedForm):
    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "tier",
            "kind",
            "parent",
            "is_reporting_body",
            "active",
            "dissolved_on",
        ]
        widgets = {"dissolved_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.scope_agencies(self.user)  # type: ignore[attr-defined]


class UnitForm(ScopedForm):
    class Meta:
        model = Unit
        fields = ["agency", "parent", "code", "name", "is_office", "active"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.visible_units(self.user)  # type: ignore[attr-defined]


class PositionForm(ScopedForm):
    tags = forms.MultipleChoiceField(
        label=_("Legal authority tags"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Position
        fields = ["agency", "unit", "title", "active"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from bmnn import rules

        choices = []
        for tag, (label_vi, _label_en) in rules.AUTHORITY_TAGS.items():
            choices.append((tag, label_vi))
            choices.append((f"{rules.DEPUTY_PREFIX}{tag}", f"Cấp phó: {label_vi}"))
        self.fields["tags"].choices = choices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["tags"] = self.instance.authority_tags

    def save(self, commit: bool = True) -> Position:
        position: Position = super().save(commit=False)
        position.authority_tags = list(self.cleaned_data.get("tags") or [])
        return position


class PersonForm(ScopedForm):
    username = forms.CharField(label=_("Create sign-in: user name"), required=False, max_length=150)
    password = forms.CharField(label=_("Initial password"), required=False, widget=forms.PasswordInput)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "agency",
            "unit",
            "email",
            "clearance",
            "officer_role",
            "employment_category",
            "has_bmnn_duties",
            "status",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("username") and not data.get("password"):
            self.add_error("password", _("Give an initial password for the new account."))
        return data


class AssignmentForm(ScopedForm):
    class Meta:
        model = Assignment
        fields = ["person", "position", "start_date", "end_date", "decision_ref"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}


class DelegationForm(ScopedForm):
    acts = forms.MultipleChoiceField(
        label=_("Acts delegated"), choices=DELEGABLE_ACTS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Delegation
        fields = [
            "delegator",
            "delegator_position",
            "deputy",
            "acts",
            "max_level",
            "start_date",
            "end_date",
            "document_ref",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}
