"""Reads for the movement pages: deny by default, 404 for what the user may not see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from bmnn.custody.models import Copy
from bmnn.movement.models import (
    Departure,
    DepartureStatus,
    Meeting,
    MeetingStatus,
    TakeOut,
    TakeOutStatus,
)
from bmnn.organizations import selectors as org_selectors
from bmnn.organizations.models import Person, PersonStatus
from bmnn.registry.models import Item
from bmnn.registry.services.common import is_registry_staff


def _person(user: Any) -> Person | None:
    return org_selectors.person_for(user)


def _staff_agencies(user: Any) -> Any:
    if is_registry_staff(user) or org_selectors.can_manage(user):
        return org_selectors.scope_agencies(user).values("pk")
    return None


def visible_take_outs(user: Any) -> QuerySet[TakeOut]:
    person = _person(user)
    if person is None:
        return TakeOut.objects.none()
    mine = Q(requested_by=person) | Q(carrier=person) | Q(approver=person)
    # the head of the managing agency sees the requests awaiting their decision
    mine |= Q(agency_id=person.agency_id, status=TakeOutStatus.REQUESTED) & Q(
        agency_id__in=_headed_agencies(person)
    )
    # … and so does a deputy holding a written delegation of that head for taking out (Law Art. 11.5)
    mine |= Q(status=TakeOutStatus.REQUESTED, agency_id__in=delegated_agencies(person, "take_out"))
    staff = _staff_agencies(user)
    if staff is not None:
        mine |= Q(agency_id__in=staff)
    return TakeOut.objects.filter(mine).select_related("item", "carrier", "approver")


def _headed_agencies(person: Person) -> list[int]:
    from bmnn.registry.selectors import heads_agency

    return [person.agency_id] if heads_agency(person) else []


def delegated_agencies(person: Person, act: str) -> list[int]:
    """Agencies whose head delegated ``act`` to ``person`` by a delegation in force today (the rules
    still judge the delegation when the deputy decides)."""
    rows = org_selectors.current_delegations(person).select_related("delegator_position")
    return [d.delegator_position.agency_id for d in rows if act in (d.acts or [])]


def take_out_for(user: Any, pk: int) -> TakeOut | None:
    return visible_take_outs(user).filter(pk=pk).first()


def overdue_take_outs(user: Any) -> QuerySet[TakeOut]:
    return visible_take_outs(user).filter(status=TakeOutStatus.OUT, due_on__lt=timezone.localdate())


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    person = _person(user)
    if person is None:
        return Meeting.objects.none()
    mine = Q(chair=person) | Q(approver=person) | Q(created_by=user) | Q(attendees=person)
    staff = _staff_agencies(user)
    if staff is not None:
        mine |= Q(agency_id__in=staff)
    from bmnn.registry.selectors import heads_agency

    if heads_agency(person):
        mine |= Q(agency_id=person.agency_id)
    mine |= Q(status=MeetingStatus.REQUESTED, agency_id__in=delegated_agencies(person, "meeting"))
    return Meeting.objects.filter(mine).distinct().select_related("chair", "approver")


def meeting_for(user: Any, pk: int) -> Meeting | None:
    return visible_meetings(user).filter(pk=pk).first()


def visible_departures(user: Any) -> QuerySet[Departure]:
    staff = _staff_agencies(user)
    if staff is None:
        return Departure.objects.none()
    return Departure.objects.filter(agency_id__in=staff).select_related("person", "agency")


def departure_for(user: Any, pk: int) -> Departure | None:
    return visible_departures(user).filter(pk=pk).first()


def people_in_scope(user: Any) -> QuerySet[Person]:
    staff = _staff_agencies(user)
    if staff is None:
        return Person.objects.none()
    return Person.objects.filter(agency_id__in=staff).order_by("full_name")


def people_with_items_out(user: Any) -> list[dict[str, Any]]:
    """People with a departure open, or no longer working, who still hold items or copies."""
    staff = _staff_agencies(user)
    if staff is None:
        return []
    open_ids = set(
        Departure.objects.filter(agency_id__in=staff, status=DepartureStatus.OPEN).values_list(
            "person_id", flat=True
        )
    )
    held_item = set(
        Item.objects.exclude(status="destroyed")
        .filter(custodian__agency_id__in=staff, custodian__status=PersonStatus.LEFT)
        .values_list("custodian_id", flat=True)
    )
    held_copy = set(
        Copy.objects.filter(
            status="active", custodian__agency_id__in=staff, custodian__status=PersonStatus.LEFT
        ).values_list("custodian_id", flat=True)
    )
    from bmnn.movement.services.departures import holdings

    rows = []
    for person in Person.objects.filter(pk__in=open_ids | held_item | held_copy).select_related("agency"):
        held = holdings(person)
        if not held:
            continue
        departure = Departure.objects.filter(person=person).first()
        rows.append({"person": person, "holdings": held, "departure": departure})
    rows.sort(key=lambda r: r["person"].full_name)
    return rows
