"""Forms of the lifecycle pages.  They only parse input; the services decide and refuse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.lifecycle.models import DeclassificationGround, LegacyCutoff
from bmnn.lifecycle.services.councils import MemberInput
from bmnn.organizations.models import Person
from bmnn.registry.forms import BasisField
from bmnn.registry.models import Item, ListItem

TEXT = forms.Textarea(attrs={"rows": 3})


class ExtensionForm(forms.Form):
    years = forms.IntegerField(label=_("Extension (years)"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=(("approve", _("Approve")), ("refuse", _("Do not approve")))
    )
    decision_number = forms.CharField(label=_("Decision number and symbol"), max_length=120, required=False)
    note = forms.CharField(label=_("Note or reason for not approving"), required=False, widget=TEXT)


class AdjustmentForm(forms.Form):
    new_level = forms.ChoiceField(label=_("New level"), choices=Level.choices)
    basis = BasisField(
        label=_("Classification list basis"),
        queryset=ListItem.objects.select_related("source_list").filter(source_list__active=True),
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), widget=TEXT, required=False)


class ItemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Item) -> str:  # type: ignore[override]
        number = obj.number_symbol or f"BMNN-{obj.pk}"
        return f"{number} — {obj.title} ({obj.get_level_display()})"


class ListForm(forms.Form):
    """A proposal that may list other items of the same body in the same decision."""

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["also"] = ItemChoice(
            label=_("Other items in the same decision"),
            queryset=candidates if candidates is not None else Item.objects.none(),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 5}),
        )

    def listed(self, item: Item) -> list[Item]:
        return [item, *self.cleaned_data.get("also", [])]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "also"}


class DeclassificationForm(ListForm):
    ground = forms.ChoiceField(label=_("Ground"), choices=DeclassificationGround.choices)
    reason = forms.CharField(label=_("Reason"), widget=TEXT)
    partial = forms.BooleanField(label=_("Declassify in part"), required=False)
    declassified_content = forms.CharField(
        label=_("Declassified content (for a partial decision)"), widget=TEXT, required=False
    )
    list_reference = forms.CharField(
        label=_("List amendment removing the item (for that ground)"), max_length=255, required=False
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:  # type: ignore[override]
        return obj.full_name


class CouncilForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision setting up the council (number)"), max_length=120)
    chair = PersonChoice(label=_("Chair"), queryset=Person.objects.none())
    custodian = PersonChoice(
        label=_("Direct custodian sitting on the council"), queryset=Person.objects.none(), required=False
    )
    members = forms.CharField(
        label=_("Other members, one per line: name | body represented | role"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(agency_id=agency_id, status="active").order_by("full_name")
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["custodian"].queryset = people  # type: ignore[attr-defined]

    def member_inputs(self) -> list[MemberInput]:
        rows: list[MemberInput] = []
        custodian = self.cleaned_data.get("custodian")
        if custodian is not None:
            rows.append(
                MemberInput(
                    name=custodian.full_name,
                    body=custodian.unit.name if custodian.unit else custodian.agency.name,
                    role="Người trực tiếp quản lý",
                    person=custodian,
                    is_custodian=True,
                )
            )
        for line in (self.cleaned_data.get("members") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if parts and parts[0]:
                rows.append(
                    MemberInput(
                        name=parts[0],
                        body=parts[1] if len(parts) > 1 else "",
                        role=parts[2] if len(parts) > 2 else "",
                    )
                )
        return rows


class MinutesForm(forms.Form):
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    attendees = forms.CharField(label=_("Present"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    content = forms.CharField(label=_("Content of the meeting"), widget=TEXT)
    conclusion = forms.CharField(label=_("Conclusion of the council"), widget=TEXT)


class DestructionForm(ListForm):
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class ExecuteForm(forms.Form):
    method = forms.CharField(label=_("Destruction method"), widget=forms.Textarea(attrs={"rows": 2}))
    witnesses = forms.CharField(label=_("Witnesses"), widget=forms.Textarea(attrs={"rows": 2}))
    unrecoverable = forms.BooleanField(label=_("Confirmed: the item cannot be recovered"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)


class UrgentForm(ExecuteForm):
    reason = forms.CharField(label=_("Why keeping it would cause harm"), widget=TEXT)
    report = forms.CharField(label=_("Written report to the head"), widget=TEXT, required=False)


class NoticeForm(forms.Form):
    reference = forms.CharField(label=_("Notice number and symbol"), max_length=120)


class LegacyImportForm(forms.Form):
    cutoff = forms.ChoiceField(label=_("Records classified"), choices=LegacyCutoff.choices)
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
