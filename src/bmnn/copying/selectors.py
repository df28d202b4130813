"""Reads with visibility: a copy request or a provision is visible with its item (registry visibility),
and to the person a copy request is submitted to (up to their clearance)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.copying.models import CopyRequest, Provision, RequestStatus
from bmnn.custody.models import Copy
from bmnn.organizations.selectors import person_for
from bmnn.registry.selectors import visible_items
from bmnn.registry.services.common import RANK
from bmnn.registry.text import fold


def _person(user: Any):  # type: ignore[no-untyped-def]
    person = person_for(user)
    if person is None or person.status != "active" or not person.clearance:
        return None
    return person


def visible_requests(user: Any) -> QuerySet[CopyRequest]:
    person = _person(user)
    if person is None:
        return CopyRequest.objects.none()
    addressed = Q(addressed_to=person, level_rank__lte=RANK[person.clearance])
    return CopyRequest.objects.filter(Q(item__in=visible_items(user)) | addressed).select_related(
        "item", "recipient", "requested_by", "approver", "executor", "addressed_to"
    )


def request_for(user: Any, pk: int) -> CopyRequest | None:
    return visible_requests(user).filter(pk=pk).first()


def awaiting_my_decision(user: Any) -> QuerySet[CopyRequest]:
    person = _person(user)
    if person is None:
        return CopyRequest.objects.none()
    return visible_requests(user).filter(status=RequestStatus.REQUESTED, addressed_to=person)


def copy_register(
    user: Any, *, year: int, form: str = "", level: str = "", text: str = ""
) -> QuerySet[CopyRequest]:
    """Executed requests of the year (Form 12 lines), newest first."""
    rows = visible_requests(user).filter(status=RequestStatus.EXECUTED, year=year)
    if form:
        rows = rows.filter(form=form)
    if level:
        rows = rows.filter(level=level)
    folded = fold(text)
    if folded:
        rows = rows.filter(item__search_text__contains=folded)
    return rows.order_by("-seq")


def visible_copies(user: Any) -> QuerySet[Copy]:
    return Copy.objects.filter(item__in=visible_items(user)).select_related("item", "custodian", "location")


def visible_provisions(user: Any) -> QuerySet[Provision]:
    if _person(user) is None:
        return Provision.objects.none()
    return Provision.objects.filter(item__in=visible_items(user)).select_related("item", "decider")


def provision_for(user: Any, pk: int) -> Provision | None:
    return visible_provisions(user).filter(pk=pk).first()
