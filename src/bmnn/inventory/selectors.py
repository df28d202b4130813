"""Stock-taking sessions are seen by the registry staff of their agency; lines up to their clearance."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.inventory.models import StockLine, StockTake
from bmnn.organizations.selectors import person_for
from bmnn.registry.selectors import is_registry_staff
from bmnn.registry.services.common import RANK


def visible_sessions(user: Any) -> QuerySet[StockTake]:
    person = person_for(user)
    if person is None or not person.clearance or not is_registry_staff(user):
        return StockTake.objects.none()
    return StockTake.objects.filter(agency_id=person.agency_id)


def session_for(user: Any, pk: int) -> StockTake | None:
    return visible_sessions(user).filter(pk=pk).first()


def lines_for(user: Any, session: StockTake) -> QuerySet[StockLine]:
    person = person_for(user)
    rank = RANK.get(getattr(person, "clearance", "") or "", 0)
    return (
        session.lines.filter(level_rank__lte=rank)
        .select_related("item", "copy", "custodian", "location", "incident")
        .order_by("custodian__full_name", "location__name", "item_id", "copy__number")
    )
