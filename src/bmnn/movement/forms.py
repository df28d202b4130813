"""Forms of the movement pages (labels are English msgids, shown in Vietnamese)."""

from __future__ import annotations

from typing import Any, TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from bmnn.core.choices import Level
from bmnn.custody.models import Copy, Location, ReceiptKind
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


class Receipt(TypedDict):
    receipt_kind: str
    receipt_no: str
    signature_svg: str


class ReceiptMixin(forms.Form):
    """The receiver's acknowledgement: a receipt number, or a signature drawn on screen (the custody
    signature pad, ``custody/_signature.html``, fills ``signature_svg``)."""

    receipt_kind = forms.ChoiceField(
        label=_("Acknowledgement"), choices=ReceiptKind.choices, initial="receipt"
    )
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60, required=False)
    signature_svg = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20000)

    def receipt(self) -> Receipt:
        data = self.cleaned_data
        return {
            "receipt_kind": data["receipt_kind"],
            "receipt_no": data["receipt_no"],
            "signature_svg": data.get("signature_svg") or "",
        }


class LineReceiptForm(ReceiptMixin):
    """Hand-out or return of one line of a take-out, or of every line at once."""

    line = forms.ChoiceField(label=_("Item or copy"), required=False)

    def __init__(self, *args: Any, lines: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(r.pk), str(r)) for r in lines]
        if len(choices) > 1:
            choices.insert(0, ("", _("Every line listed")))
        self.fields["line"].choices = choices  # type: ignore[attr-defined]
        self.order_fields(["line"])


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


def take_out_choices(user: Any) -> list[tuple[str, str]]:
    """Items the user sees that are under management, and their active copies, as ``item:<pk>`` /
    ``copy:<pk>`` choices."""
    items = list(
        registry_selectors.visible_items(user).filter(status__in=["determined", "received"]).order_by("pk")
    )
    copies = Copy.objects.filter(item__in=[i.pk for i in items], status="active").order_by(
        "item_id", "number"
    )
    by_item: dict[int, list[Any]] = {}
    for c in copies:
        by_item.setdefault(c.item_id, []).append(c)
    rows: list[tuple[str, str]] = []
    for i in items:
        rows.append((f"item:{i.pk}", f"{i.title} ({i.get_level_display()})"))
        rows += [(f"copy:{c.pk}", f"{i.title} — {_('copy')} {c.number:02d}") for c in by_item.get(i.pk, [])]
    return rows


class TakeOutForm(forms.Form):
    things = forms.MultipleChoiceField(
        label=_("Items or copies to take out"),
        help_text=_("Hold Ctrl to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
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
        self.fields["things"].choices = take_out_choices(user)  # type: ignore[attr-defined]
        self.fields["carrier"].queryset = _people(user).select_related("agency")  # type: ignore[attr-defined]
        me = person_for(user)
        if me is not None and not self.is_bound:
            self.fields["carrier"].initial = me.pk

    def service_data(self) -> dict[str, Any]:
        """The cleaned fields as ``request_take_out`` takes them (``things`` become the lines)."""
        data = dict(self.cleaned_data)
        keys = data.pop("things")
        copies = Copy.objects.select_related("item").in_bulk(
            [int(k[5:]) for k in keys if k.startswith("copy:")]
        )
        items = Item.objects.in_bulk([int(k[5:]) for k in keys if k.startswith("item:")])
        data["lines"] = [
            (items[int(k[5:])], None)
            if k.startswith("item:")
            else (copies[int(k[5:])].item, copies[int(k[5:])])
            for k in keys
        ]
        return data


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
        label=_("Outside guests"),
        help_text=_("One a line: full name; organisation; ID card or passport number"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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

    def clean_guests(self) -> list[dict[str, str]]:
        """Each line: full name; organisation; ID card or passport number (all three required)."""
        rows = []
        for n, raw in enumerate((self.cleaned_data.get("guests") or "").splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split(";")]
            if len(parts) != 3 or not all(parts):
                raise forms.ValidationError(
                    _("Line %(n)s: write full name; organisation; ID card or passport number."),
                    params={"n": n},
                )
            rows.append({"full_name": parts[0], "organisation": parts[1], "id_number": parts[2]})
        return rows


class MeetingHandOutForm(ReceiptMixin):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none())
    to_person = PersonChoice(label=_("Handed to"), queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = registry_selectors.visible_items(user).filter(  # type: ignore[attr-defined]
            status__in=["determined", "received"]
        )
        self.fields["to_person"].queryset = meeting.attendees.select_related("agency")  # type: ignore[attr-defined]


class MeetingRecallForm(ReceiptMixin):
    doc = forms.ChoiceField(label=_("Document to recall"))

    def __init__(self, *args: Any, docs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc"].choices = [  # type: ignore[attr-defined]
            (str(d.pk), f"{d.item.title}" + (f" — {d.copy.number:02d}" if d.copy else "") + f" ({d.holder})")
            for d in docs
        ]
        self.order_fields(["doc"])
