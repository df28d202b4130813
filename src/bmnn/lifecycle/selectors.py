"""Reads for the lifecycle pages, with visibility applied in SQL.

An item's lifecycle page is visible to whoever sees the item in the registry, and also — once it is
declassified or destroyed, when the registry lists stop showing it to the clerks — to the registry
staff and the head of its own agency (clearance and the named-recipient rule still apply).  Lists of
acts are scoped to the person's agency and clearance; staff and heads see all of them, others only the
acts they proposed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from bmnn.lifecycle.models import (
    ActStatus,
    Council,
    Declassification,
    Destruction,
    Extension,
    LegacyImport,
    LevelChange,
    Notice,
    ReMarkTask,
)
from bmnn.organizations.models import Person
from bmnn.organizations.selectors import person_for
from bmnn.registry import selectors as registry
from bmnn.registry.models import RANK, Item, Status
from bmnn.registry.services.common import today

ACT_MODELS = {
    "extension": Extension,
    "adjustment": LevelChange,
    "declassification": Declassification,
    "destruction": Destruction,
}


def _person(user: Any) -> Person | None:
    person = person_for(user)
    if person is None or person.status != "active" or not person.clearance:
        return None
    return person


def is_manager(user: Any, person: Person) -> bool:
    """Registry staff or the head of the person's agency."""
    return registry.is_registry_staff(user) or registry.heads_agency(person)


def item_for(user: Any, pk: int) -> Item | None:
    item = registry.item_for(user, pk)
    if item is not None:
        return item
    person = _person(user)
    if person is None or not is_manager(user, person):
        return None
    named = Q(named_recipient__isnull=True) | Q(named_recipient=person)
    return (
        Item.objects.filter(
            named,
            pk=pk,
            agency_id=person.agency_id,
            status__in=[Status.DECLASSIFIED, Status.DESTROYED],
            level_rank__lte=RANK[person.clearance],
        )
        .select_related("agency", "unit", "drafter", "approver")
        .first()
    )


def _scoped(user: Any, rows: QuerySet[Any], prefix: str = "item__") -> QuerySet[Any]:
    person = _person(user)
    if person is None:
        return rows.none()
    rows = rows.filter(agency_id=person.agency_id)
    if prefix:
        rows = rows.filter(**{f"{prefix}level_rank__lte": RANK[person.clearance]})
    if not is_manager(user, person) and hasattr(rows.model, "proposed_by"):
        rows = rows.filter(proposed_by=person)
    return rows


def acts(user: Any, kind: str) -> QuerySet[Any]:
    model = ACT_MODELS[kind]
    rows = _scoped(user, model.objects.select_related("item", "proposed_by", "decided_by"))
    person = _person(user)
    if person is not None and hasattr(model, "items"):  # a listed item above the person's clearance
        rows = rows.exclude(items__level_rank__gt=RANK[person.clearance])
    return rows


def awaiting_decision(user: Any) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for kind in ACT_MODELS:
        for row in acts(user, kind).filter(status=ActStatus.PROPOSED).order_by("proposed_on", "pk")[:100]:
            rows.append((kind, row))
    return rows


def awaiting_decision_count(user: Any) -> int:
    person = _person(user)
    if person is None or not registry.heads_agency(person):
        return 0
    return sum(acts(user, k).filter(status=ActStatus.PROPOSED).count() for k in ACT_MODELS)


def covering(model: Any, item: Item | int) -> QuerySet[Any]:
    """The acts of ``model`` about ``item``: its own, or a decision listing it among several items."""
    if hasattr(model, "items"):
        ids = model.objects.filter(Q(item=item) | Q(items=item)).values("pk")
        return model.objects.filter(pk__in=ids)
    return model.objects.filter(item=item)


def item_acts(item: Item) -> dict[str, QuerySet[Any]]:
    return {
        kind: covering(model, item).select_related("proposed_by", "decided_by")
        for kind, model in ACT_MODELS.items()
    }


def act_items_for(user: Any, row: Any) -> tuple[list[Item], int]:
    """The items of a decision the user sees, and how many others it lists."""
    listed = row.all_items() if hasattr(row, "all_items") else [row.item]
    seen = [i for i in listed if item_for(user, i.pk) is not None]
    return seen, len(listed) - len(seen)


def sees_every_item(user: Any, row: Any) -> bool:
    return act_items_for(user, row)[1] == 0


def candidates(user: Any, item: Item, statuses: tuple[str, ...], created_only: bool) -> QuerySet[Item]:
    """Other items the user sees, of the same classifying body, that one decision may list with ``item``."""
    rows = registry.visible_items(user).filter(agency_id=item.agency_id, status__in=statuses)
    if created_only:
        rows = rows.filter(origin="created")
    return rows.exclude(pk=item.pk).order_by("-pk")


def near_expiry(user: Any, days: int = 180, day: dt.date | None = None) -> QuerySet[Item]:
    day = day or today()
    return (
        registry.visible_items(user)
        .filter(status=Status.DETERMINED, expires_on__gte=day, expires_on__lte=day + dt.timedelta(days=days))
        .order_by("expires_on", "pk")
    )


def councils(user: Any) -> QuerySet[Council]:
    person = _person(user)
    if person is None:
        return Council.objects.none()
    rows = Council.objects.filter(agency_id=person.agency_id).select_related("chair")
    if not is_manager(user, person):
        rows = rows.filter(members__person=person).distinct()
    return rows


def council_for(user: Any, pk: int) -> Council | None:
    return councils(user).filter(pk=pk).first()


def destructions(user: Any) -> QuerySet[Destruction]:
    return acts(user, "destruction")


def legacy_imports(user: Any) -> QuerySet[LegacyImport]:
    person = _person(user)
    if person is None or not is_manager(user, person):
        return LegacyImport.objects.none()
    return LegacyImport.objects.filter(agency_id=person.agency_id)


def open_notices(user: Any) -> QuerySet[Notice]:
    person = _person(user)
    if person is None or not is_manager(user, person):
        return Notice.objects.none()
    return Notice.objects.filter(
        agency_id=person.agency_id, sent_on__isnull=True, item__level_rank__lte=RANK[person.clearance]
    ).select_related("item")


def item_notices(item: Item) -> QuerySet[Notice]:
    return Notice.objects.filter(item=item).order_by("act_kind", "act_id", "pk")


def item_tasks(item: Item) -> QuerySet[ReMarkTask]:
    return ReMarkTask.objects.filter(item=item).select_related("copy", "entry")


def has_acts(item: Item) -> bool:
    return any(covering(model, item).exists() for model in ACT_MODELS.values())


def shows_lifecycle_link(user: Any, item: Item) -> bool:
    """The registry item page links to the lifecycle page for who may act there (an active, cleared
    person of the item's agency who sees it) or see acts already taken on it."""
    person = _person(user)
    if person is None or item_for(user, item.pk) is None:
        return False
    return person.agency_id == item.agency_id or has_acts(item)
