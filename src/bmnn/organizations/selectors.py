"""Reads that depend on who is asking. Scope: a person sees their own agency's subtree; superusers see all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from bmnn.organizations.models import Agency, Assignment, Delegation, Person, Position, Unit, current_on

MANAGE_PERMISSION = "organizations.change_agency"


def today() -> dt.date:
    return timezone.localdate()


def person_for(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person  # type: ignore[no-any-return]
    except Person.DoesNotExist:
        return None


def can_manage(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(MANAGE_PERMISSION))


def scope_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies the user may see: their agency and everything below it (all for superusers)."""
    if getattr(user, "is_superuser", False):
        return Agency.objects.all()
    person = person_for(user)
    if person is None:
        return Agency.objects.none()
    return Agency.objects.filter(path__startswith=person.agency.path)


def _scope(user: Any, field: str) -> Q:
    """Filter on ``<field>__path`` limiting rows to the user's agency subtree."""
    if getattr(user, "is_superuser", False):
        return Q()
    person = person_for(user)
    if person is None:
        return Q(pk__in=[])
    return Q(**{f"{field}__path__startswith": person.agency.path})


def visible_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.select_related("agency").filter(_scope(user, "agency"))


def visible_positions(user: Any) -> QuerySet[Position]:
    return Position.objects.select_related("agency", "unit").filter(_scope(user, "agency"))


def visible_people(user: Any) -> QuerySet[Person]:
    return Person.objects.select_related("agency", "unit", "user").filter(_scope(user, "agency"))


def visible_assignments(user: Any) -> QuerySet[Assignment]:
    return Assignment.objects.select_related("person", "position", "position__agency").filter(
        _scope(user, "person__agency")
    )


def visible_delegations(user: Any) -> QuerySet[Delegation]:
    return Delegation.objects.select_related("delegator", "deputy", "delegator_position").filter(
        _scope(user, "delegator__agency")
    )


def current_assignments(person: Person, day: dt.date | None = None) -> QuerySet[Assignment]:
    return person.assignments.select_related("position", "position__agency").filter(
        current_on(day or today())
    )


def current_delegations(person: Person, day: dt.date | None = None) -> QuerySet[Delegation]:
    day = day or today()
    return person.delegations_received.filter(start_date__lte=day, end_date__gte=day, revoked_on__isnull=True)


def requires_two_factor(user: Any) -> bool:
    """Administrators and anyone who approves legal acts (holds an authority tag or a delegation)."""
    if user.is_superuser or user.is_staff or can_manage(user):
        return True
    person = person_for(user)
    if person is None:
        return False
    if any(a.position.authority_tags for a in current_assignments(person)):
        return True
    return current_delegations(person).exists()


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))
