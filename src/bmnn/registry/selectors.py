"""Reads with visibility applied in SQL.

An item is visible to a person when all three hold:

* clearance: the person's clearance rank ≥ the item's level rank (the proposed level while a draft);
* need-to-know: the person is the drafter, the approver, the custodian, a recipient in the system, holds
  an unrevoked grant, is a registry clerk/security officer of the item's own agency and the item is
  determined or received, or heads the item's agency and the item awaits determination;
* unit scope: the item's agency is the person's agency or below it.

"Only the named person may open" items are visible to the named person alone.  Anything else is not
found (views answer 404).  Users without a person record (even superusers) see nothing classified.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bmnn.organizations.models import Agency, Assignment, Person, current_on
from bmnn.organizations.selectors import person_for
from bmnn.registry.models import ClassificationList, Grant, Incident, Item, ListItem, RegisterEntry, Status
from bmnn.registry.services.common import CLERK_GROUPS, RANK, today
from bmnn.registry.text import fold


def _person(user: Any) -> Person | None:
    person = person_for(user)
    if person is None or person.status != "active" or not person.clearance:
        return None
    return person


def is_registry_staff(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.groups.filter(name__in=CLERK_GROUPS).exists()
    )


def heads_agency(person: Person, day: dt.date | None = None) -> bool:
    rows = Assignment.objects.filter(
        current_on(day or today()), person=person, position__agency=person.agency_id
    )
    return any("agency_head" in a.position.authority_tags for a in rows.select_related("position"))


def _scope_ids(person: Person) -> list[int]:
    """Unit scope: the person's agency and every agency below it (a short list, resolved once)."""
    return list(Agency.objects.filter(path__startswith=person.agency.path).values_list("pk", flat=True))


def _need_to_know(user: Any, person: Person, prefix: str = "") -> Q:
    """Clearance AND need-to-know AND the named-recipient rule, on Item fields under ``prefix``."""
    item_pk = OuterRef(f"{prefix}pk" if prefix else "pk")
    grants = Grant.objects.filter(item=item_pk, person=person, revoked_at__isnull=True)
    recipients = Item.recipient_people.through.objects.filter(item=item_pk, person=person)
    # Cheap column tests first: SQL evaluates OR terms left to right, the EXISTS probes last.
    terms = []
    if is_registry_staff(user):
        # Declassified and destroyed items stay on the registers (their metadata and history remain).
        statuses = [Status.DETERMINED, Status.RECEIVED, Status.DECLASSIFIED, Status.DESTROYED]
        terms.append(Q(**{f"{prefix}agency_id": person.agency_id, f"{prefix}status__in": statuses}))
    if heads_agency(person):
        terms.append(Q(**{f"{prefix}agency_id": person.agency_id, f"{prefix}status": Status.PROPOSED}))
    terms += [
        Q(**{f"{prefix}drafter": person}),
        Q(**{f"{prefix}approver": person}),
        Q(**{f"{prefix}custodian": person}),
        Q(Exists(recipients)),
        Q(Exists(grants)),
    ]
    need = terms[0]
    for term in terms[1:]:
        need |= term
    named = Q(**{f"{prefix}named_recipient__isnull": True}) | Q(**{f"{prefix}named_recipient": person})
    return need & named & Q(**{f"{prefix}level_rank__lte": RANK[person.clearance]})


def visible_items(user: Any) -> QuerySet[Item]:
    person = _person(user)
    if person is None:
        return Item.objects.none()
    return Item.objects.filter(_need_to_know(user, person), agency_id__in=_scope_ids(person))


def item_for(user: Any, pk: int) -> Item | None:
    return visible_items(user).select_related("agency", "unit", "drafter", "approver").filter(pk=pk).first()


def search_items(user: Any, text: str) -> QuerySet[Item]:
    rows = visible_items(user).order_by("-pk")  # newest first along the primary key: LIMIT stops early
    folded = fold(text)
    return rows.filter(search_text__contains=folded) if folded else rows


def pending_determination(user: Any) -> QuerySet[Item]:
    person = _person(user)
    if person is None or not heads_agency(person):
        return Item.objects.none()
    return visible_items(user).filter(status=Status.PROPOSED, agency_id=person.agency_id)


def awaiting_registration(user: Any) -> QuerySet[Item]:
    if not is_registry_staff(user):
        return Item.objects.none()
    out = RegisterEntry.objects.filter(item=OuterRef("pk"), register="out")
    return visible_items(user).filter(status=Status.DETERMINED).exclude(Exists(out))


def visible_entries(user: Any) -> QuerySet[RegisterEntry]:
    """Register lines: the registry staff of an agency see its whole register (up to their clearance);
    anyone else sees the lines of items visible to them.  Both branches stay inside the unit scope so the
    (agency, register, year) indexes apply."""
    person = _person(user)
    if person is None:
        return RegisterEntry.objects.none()
    scope = _scope_ids(person)
    need = _need_to_know(user, person, "item__")
    if not is_registry_staff(user):
        return RegisterEntry.objects.filter(need, agency_id__in=scope)
    # In their own agency the staff branch covers every line the need-to-know branch could show (an
    # entry's level is its item's), so that branch is only needed for the agencies below.
    cond = Q(agency_id=person.agency_id, level_rank__lte=RANK[person.clearance])
    others = [pk for pk in scope if pk != person.agency_id]
    if others:
        cond |= Q(need, agency_id__in=others)
    return RegisterEntry.objects.filter(cond)


def register_page(
    user: Any,
    register: str,
    *,
    year: int | None = None,
    unit: int | None = None,
    level: str = "",
    text: str = "",
) -> QuerySet[RegisterEntry]:
    rows = visible_entries(user).filter(register=register)
    if year:
        rows = rows.filter(year=year)
    if unit:
        rows = rows.filter(unit_id=unit)
    if level:
        rows = rows.filter(level=level)
    folded = fold(text)
    if folded:
        rows = rows.filter(search_text__contains=folded)
    return rows.select_related("unit", "agency", "named_recipient").order_by("-year", "-seq")


def yearly_stats(user: Any, register: str, year: int) -> dict[str, int]:
    """Entries per level in one year (R-IT-5: inventory by date and level)."""
    rows = visible_entries(user).filter(register=register, year=year)
    counts = {row["level"]: row["n"] for row in rows.values("level").annotate(n=Count("id")).order_by()}
    return {lv: counts.get(lv, 0) for lv in ("TUYET_MAT", "TOI_MAT", "MAT")}


def entry_for(user: Any, pk: int) -> RegisterEntry | None:
    return visible_entries(user).select_related("item", "unit", "agency").filter(pk=pk).first()


def visible_incidents(user: Any) -> QuerySet[Incident]:
    person = _person(user)
    if person is None:
        return Incident.objects.none()
    mine = Q(notified=person)
    if is_registry_staff(user):
        mine |= Q(agency_id=person.agency_id)
    return Incident.objects.filter(mine)


def lists() -> QuerySet[ClassificationList]:
    """The lists are public legal texts: every signed-in user may read them."""
    return ClassificationList.objects.annotate(n_items=Count("items"))


def search_list_items(text: str = "", *, level: str = "", decision: str = "") -> QuerySet[ListItem]:
    rows = ListItem.objects.select_related("source_list").filter(source_list__active=True)
    folded = fold(text)
    if folded:
        for word in folded.split():
            rows = rows.filter(search_text__contains=word)
    if level:
        rows = rows.filter(level=level)
    if decision:
        rows = rows.filter(source_list__decision_number=decision)
    return rows.order_by("source_list__decision_number", "-level", "number")
