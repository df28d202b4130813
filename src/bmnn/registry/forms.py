"""Forms of the registry pages.  They only parse input; the services decide and refuse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.organizations.selectors import visible_people, visible_units
from bmnn.registry.models import Kind, ListItem, Medium
from bmnn.registry.models.lists import FIELD_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BasisField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ListItem) -> str:  # type: ignore[override]
        text = obj.text if len(obj.text) <= 140 else obj.text[:137] + "…"
        return f"{obj.source_list.decision_number} — {obj.reference}: {text}"


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Item title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.DOCUMENT)
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices, initial=Medium.PAPER)
    number_symbol = forms.CharField(label=_("Number and symbol"), max_length=120, required=False)
    doc_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    field = forms.ChoiceField(label=_("Field"), choices=FIELD_CHOICES)
    proposed_level = forms.ChoiceField(label=_("Proposed level"), choices=Level.choices)
    basis = BasisField(
        label=_("Classification list basis"),
        queryset=ListItem.objects.select_related("source_list").filter(source_list__active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipient_people = forms.ModelMultipleChoiceField(
        label=_("Recipients who use this system"), queryset=visible_people(None), required=False
    )
    copies = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=10000, initial=1)
    copy_allowed = forms.BooleanField(label=_("Copying or photographing allowed"), required=False)
    custom_end = forms.DateField(
        label=_("Shorter protection end (activities only)"), required=False, widget=DATE
    )
    # Not "submit": a control with that name shadows HTMLFormElement.submit and blocks submission.
    submit_now = forms.BooleanField(label=_("Submit for determination now"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = self.fields["recipient_people"]
        people.queryset = visible_people(user).filter(status="active")  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        initial="approve",
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    copies = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=10000)
    copy_allowed = forms.BooleanField(label=_("Copying or photographing allowed"), required=False)
    summary_consent = forms.BooleanField(
        label=_("Agree to record the summary in the outgoing register (Top secret)"), required=False
    )
    note = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutgoingForm(forms.Form):
    number_symbol = forms.CharField(label=_("Number and symbol"), max_length=120, required=False)
    doc_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)
    doc_type = forms.CharField(label=_("Document type"), max_length=80, required=False)
    signer = forms.CharField(label=_("Signer"), max_length=255)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file_keeper = forms.CharField(label=_("Unit or person keeping the file"), max_length=255, required=False)
    copies = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=10000)
    notes = forms.CharField(label=_("Notes"), required=False)


class IncomingForm(forms.Form):
    sender = forms.CharField(label=_("Sender (issuing body)"), max_length=255)
    number_symbol = forms.CharField(label=_("Number and symbol"), max_length=120)
    doc_date = forms.DateField(label=_("Document date"), required=False, widget=DATE)
    doc_type = forms.CharField(label=_("Document type"), max_length=80, required=False)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    envelope_level = forms.ChoiceField(label=_("Level on the envelope"), choices=Level.choices)
    field = forms.ChoiceField(label=_("Field"), choices=FIELD_CHOICES)
    named_recipient = forms.ModelChoiceField(
        label=_("Named recipient"), queryset=visible_people(None), required=False
    )
    named_only = forms.BooleanField(label=_("Only the named person may open"), required=False)
    named_absent = forms.BooleanField(label=_("The named person is absent"), required=False)
    flash = forms.BooleanField(label=_("Flash (hỏa tốc)"), required=False)
    envelope_intact = forms.BooleanField(label=_("Envelope arrived intact"), required=False, initial=True)
    properly_protected = forms.BooleanField(
        label=_("Sent with the required protection"), required=False, initial=True
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=visible_units(None), required=False)
    recipient_name = forms.CharField(label=_("Recipient (unit or person)"), max_length=255, required=False)
    recall_mark = forms.BooleanField(label=_("Marked 'TÀI LIỆU THU HỒI' (to be returned)"), required=False)
    return_within_days = forms.IntegerField(
        label=_("Return within (days)"), required=False, min_value=1, max_value=3650
    )
    notes = forms.CharField(label=_("Notes"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_recipient"].queryset = visible_people(user).filter(status="active")  # type: ignore[attr-defined]
        self.fields["unit"].queryset = visible_units(user)  # type: ignore[attr-defined]


class RegisterFilter(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=visible_units(None), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Level.choices], required=False)
    q = forms.CharField(label=_("Text"), required=False, max_length=200)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user)  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List file (TOML, YAML or XLSX)"))


class GrantForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=visible_people(None))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = visible_people(user).filter(status="active")  # type: ignore[attr-defined]


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File"), max_length=255)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload
