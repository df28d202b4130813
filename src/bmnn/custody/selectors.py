"""Reads of the custody app, with the registry's visibility applied (invisible → None → 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from bmnn.custody.models import Copy, Dispatch, EnvelopeOpening, Handover, Location, SenderNotice
from bmnn.organizations.selectors import person_for
from bmnn.registry import selectors as reg
from bmnn.registry.models import Item, RegisterEntry, RegisterKind
from bmnn.registry.services.common import today


def _person(user: Any) -> Any:
    return reg._person(user)


def my_items(user: Any) -> QuerySet[Item]:
    person = _person(user)
    if person is None:
        return Item.objects.none()
    # A determined item whose holder was never recorded is held by its drafter (see services.custody).
    mine = Q(custodian=person) | Q(custodian__isnull=True, drafter=person)
    return reg.visible_items(user).filter(mine).select_related("location").order_by("-pk")


def my_copies(user: Any) -> QuerySet[Copy]:
    person = _person(user)
    if person is None:
        return Copy.objects.none()
    items = reg.visible_items(user).values("pk")
    return Copy.objects.filter(custodian=person, status="active", item__in=items).select_related(
        "item", "location"
    )


def visible_handovers(user: Any) -> QuerySet[Handover]:
    """Form 16 lines: registry staff see their agency's register up to their clearance; others see the
    lines of items visible to them."""
    person = _person(user)
    if person is None:
        return Handover.objects.none()
    items = reg.visible_items(user).values("pk")
    cond = Q(item__in=items)
    if reg.is_registry_staff(user):
        cond |= Q(agency_id=person.agency_id, item__level_rank__lte=reg.RANK.get(person.clearance or "", 0))
    return Handover.objects.filter(cond).select_related(
        "item", "copy", "from_person", "to_person", "from_location", "to_location"
    )


def handover_lines(
    user: Any, *, year: int | None = None, level: str = "", text: str = ""
) -> QuerySet[Handover]:
    """The Form 16 lines the user sees, filtered by year, level and a text found in what the register
    shows (number and symbol, people, outside party, acknowledgement, reference, notes); an unknown level
    is ignored."""
    rows = visible_handovers(user)
    if year is not None:
        rows = rows.filter(year=year)
    if level in reg.RANK:
        rows = rows.filter(level=level)
    for word in text.split()[:8]:
        rows = rows.filter(
            Q(item__number_symbol__icontains=word)
            | Q(from_person__full_name__icontains=word)
            | Q(to_person__full_name__icontains=word)
            | Q(to_party__icontains=word)
            | Q(acknowledged_by_name__icontains=word)
            | Q(reference__icontains=word)
            | Q(note__icontains=word)
        )
    return rows


def handover_for(user: Any, pk: int) -> Handover | None:
    return visible_handovers(user).filter(pk=pk).first()


def awaiting_dispatch(user: Any) -> QuerySet[RegisterEntry]:
    """Outgoing lines of the staff's agency whose item was not sent yet."""
    person = _person(user)
    if person is None or not reg.is_registry_staff(user):
        return RegisterEntry.objects.none()
    sent = Dispatch.objects.filter(entry=OuterRef("pk"))
    return (
        reg.visible_entries(user)
        .filter(register=RegisterKind.OUTGOING, agency_id=person.agency_id)
        .exclude(Exists(sent))
        .select_related("item")
        .order_by("-year", "-seq")
    )


def dispatch_for(user: Any, pk: int) -> Dispatch | None:
    person = _person(user)
    if person is None:
        return None
    row = Dispatch.objects.select_related("item", "entry", "handover", "agency").filter(pk=pk).first()
    if row is None:
        return None
    if reg.item_for(user, row.item_id) is None:
        return None
    return row


def overdue_recalls(user: Any, day: dt.date | None = None) -> QuerySet[RegisterEntry]:
    """R-TX-9: "TÀI LIỆU THU HỒI" lines past their due-back date and not returned."""
    return (
        reg.visible_entries(user)
        .filter(
            register=RegisterKind.INCOMING,
            recall_mark=True,
            returned_on__isnull=True,
            return_due_on__lt=day or today(),
        )
        .select_related("item")
        .order_by("return_due_on")
    )


def recalls(user: Any) -> QuerySet[RegisterEntry]:
    return (
        reg.visible_entries(user)
        .filter(register=RegisterKind.INCOMING, recall_mark=True)
        .select_related("item")
        .order_by("returned_on", "return_due_on")
    )


def unopened_for_me(user: Any) -> QuerySet[RegisterEntry]:
    """Named-only envelopes routed to the user and not opened yet."""
    person = _person(user)
    if person is None:
        return RegisterEntry.objects.none()
    opened = EnvelopeOpening.objects.filter(entry=OuterRef("pk"))
    return (
        RegisterEntry.objects.filter(
            register=RegisterKind.INCOMING, named_only=True, item__named_recipient=person
        )
        .exclude(Exists(opened))
        .select_related("item")
        .order_by("-pk")
    )


def incoming_for(user: Any, pk: int) -> RegisterEntry | None:
    row = reg.entry_for(user, pk)
    if row is None or row.register != RegisterKind.INCOMING:
        return None
    return row


def locations(user: Any) -> QuerySet[Location]:
    person = person_for(user)
    if person is None:
        return Location.objects.none()
    return Location.objects.filter(agency_id=person.agency_id).select_related("unit")


def notice_for(user: Any, pk: int) -> SenderNotice | None:
    row = SenderNotice.objects.select_related("entry", "agency").filter(pk=pk).first()
    if row is None or reg.entry_for(user, row.entry_id) is None:
        return None
    return row


@dataclass(frozen=True)
class Event:
    at: Any
    kind: str
    text: str
    holder: str = ""
    location: str = ""
    handover: Handover | None = None


def _name(p: Any) -> str:
    return p.full_name if p is not None else ""


def timeline(item: Item) -> list[Event]:
    """The chain of custody of the original: creation or receipt, determination, registers, every Form 16
    line, openings and dispatches, in time order."""
    events: list[Event] = []
    for entry in item.entries.all().order_by("created_at"):
        label = "Vào sổ BMNN đi" if entry.register == RegisterKind.OUTGOING else "Vào sổ BMNN đến"
        events.append(Event(entry.created_at, "register", f"{label} số {entry.seq}/{entry.year}"))
    if item.origin == "created":
        events.append(Event(item.created_at, "create", "Dự thảo, đề xuất độ mật", _name(item.drafter)))
    for det in item.determinations.filter(act__in=("approved", "changed")).select_related("person"):
        events.append(Event(det.created_at, "determine", "Xác định độ mật", _name(det.person)))
    for line in item.handovers.filter(copy__isnull=True).select_related(
        "from_person", "to_person", "to_location"
    ):
        events.append(
            Event(
                line.handed_at,
                "handover",
                f"{line.get_purpose_display()} — Sổ chuyển giao số {line.seq}/{line.year}",
                _name(line.to_person) or line.to_party,
                str(line.to_location or ""),
                line,
            )
        )
    for opening in EnvelopeOpening.objects.filter(entry__item=item).select_related("person"):
        events.append(Event(opening.opened_at, "open", "Người có tên bóc bì", _name(opening.person)))
    return sorted(events, key=_when)


def copy_timeline(copy: Copy) -> list[Event]:
    events = [
        Event(
            copy.made_on, "copy", f"Bản số {copy.number:02d} — {copy.get_form_display()}", _name(copy.made_by)
        )
    ]
    for line in copy.handovers.select_related("from_person", "to_person", "to_location"):
        events.append(
            Event(
                line.handed_at,
                "handover",
                f"{line.get_purpose_display()} — Sổ chuyển giao số {line.seq}/{line.year}",
                _name(line.to_person) or line.to_party,
                str(line.to_location or ""),
                line,
            )
        )
    return sorted(events, key=_when)


def _when(event: Event) -> dt.datetime:
    value = event.at
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)
