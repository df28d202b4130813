"""Reads with visibility: a copy request or a provision is visible with its item (registry visibility),
and to the person a copy request is submitted to (up to their clearance)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.copying.models import CopyRequest, Provision, ProvisionStatus, RequestStatus
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


def _decider_terms(person: Any, decided_by: str) -> Q:
    """What a decider sees without seeing the item: requests submitted to them, those they decided, and
    unaddressed pending ones of their own agency (whose competence is then checked row by row)."""
    return (
        Q(addressed_to=person)
        | Q(**{decided_by: person})
        | Q(addressed_to__isnull=True, status="requested", agency_id=person.agency_id)
    ) & Q(level_rank__lte=RANK[person.clearance])


def _unaddressed_competent(person: Any, rows: Any, decided_by: str, may_decide: Any, kind: str) -> list[int]:
    """Ids of the decider-only rows that are unaddressed and pending, for which ``person`` is competent.

    Competence depends only on the level and the kind of act (copy form, party), so the rules are
    asked once per combination, not once per row."""
    pending = rows.filter(addressed_to__isnull=True, status="requested").exclude(**{decided_by: person})
    verdict: dict[tuple[str, str], bool] = {}
    out = []
    for row in pending.only("pk", "level", "level_rank", kind)[:2000]:
        key = (row.level, getattr(row, kind))
        if key not in verdict:
            verdict[key] = may_decide(person, row)
        if verdict[key]:
            out.append(row.pk)
    return out


def item_visible_requests(user: Any) -> QuerySet[CopyRequest]:
    """Requests whose item the user may see (the full record, the copy register)."""
    if _person(user) is None:
        return CopyRequest.objects.none()
    return CopyRequest.objects.filter(item__in=visible_items(user)).select_related(*REQUEST_RELATED)


REQUEST_RELATED = ("item", "recipient", "requested_by", "approver", "executor", "addressed_to")


def _decider_requests(person: Any) -> QuerySet[CopyRequest]:
    from bmnn.copying.services.copies import may_decide_copy

    rows = CopyRequest.objects.filter(_decider_terms(person, "approver"))
    unaddressed = _unaddressed_competent(person, rows, "approver", may_decide_copy, "form")
    keep = Q(addressed_to=person) | Q(approver=person) | Q(pk__in=unaddressed)
    return rows.filter(keep)


def visible_requests(user: Any) -> QuerySet[CopyRequest]:
    """The item's viewers, plus the decider: the person the request is submitted to, the one who
    decided it, or a competent decider of the agency for an unaddressed pending request — each up to
    their clearance.  Everyone else: 404."""
    person = _person(user)
    if person is None:
        return CopyRequest.objects.none()
    decider = _decider_requests(person).values("pk")
    return CopyRequest.objects.filter(Q(item__in=visible_items(user)) | Q(pk__in=decider)).select_related(
        *REQUEST_RELATED
    )


def request_for(user: Any, pk: int) -> CopyRequest | None:
    return visible_requests(user).filter(pk=pk).first()


def sees_item(user: Any, obj: CopyRequest | Provision) -> bool:
    """Whether the user sees the whole record (the item) or only what the decision needs."""
    return visible_items(user).filter(pk=obj.item_id).exists()


def awaiting_my_decision(user: Any) -> QuerySet[CopyRequest]:
    person = _person(user)
    if person is None:
        return CopyRequest.objects.none()
    return (
        visible_requests(user)
        .filter(status=RequestStatus.REQUESTED)
        .filter(
            Q(addressed_to=person)
            | Q(pk__in=_decider_requests(person).values("pk"), addressed_to__isnull=True)
        )
    )


def awaiting_provisions(user: Any) -> QuerySet[Provision]:
    person = _person(user)
    if person is None:
        return Provision.objects.none()
    return (
        visible_provisions(user)
        .filter(status=ProvisionStatus.REQUESTED)
        .filter(
            Q(addressed_to=person)
            | Q(pk__in=_decider_provisions(person).values("pk"), addressed_to__isnull=True)
        )
    )


def awaiting_count(user: Any) -> int:
    return awaiting_my_decision(user).count() + awaiting_provisions(user).count()


def copy_register(
    user: Any, *, year: int, form: str = "", level: str = "", text: str = ""
) -> QuerySet[CopyRequest]:
    """Executed requests of the year (Form 12 lines), newest first."""
    rows = item_visible_requests(user).filter(status=RequestStatus.EXECUTED, year=year)
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


def register_provisions(user: Any) -> QuerySet[Provision]:
    """The providing register: provisions whose item the user may see."""
    if _person(user) is None:
        return Provision.objects.none()
    return Provision.objects.filter(item__in=visible_items(user)).select_related(*PROVISION_RELATED)


PROVISION_RELATED = ("item", "decider", "addressed_to", "recorded_by")


def _decider_provisions(person: Any) -> QuerySet[Provision]:
    from bmnn.copying.services.providing import may_decide_provision

    rows = Provision.objects.filter(_decider_terms(person, "decider"))
    unaddressed = _unaddressed_competent(person, rows, "decider", may_decide_provision, "party_kind")
    keep = Q(addressed_to=person) | Q(decider=person) | Q(pk__in=unaddressed)
    return rows.filter(keep)


def visible_provisions(user: Any) -> QuerySet[Provision]:
    """As for copy requests: the item's viewers plus the decider (submitted to, decided, or competent
    for an unaddressed pending one of their agency), up to their clearance."""
    person = _person(user)
    if person is None:
        return Provision.objects.none()
    decider = _decider_provisions(person).values("pk")
    return Provision.objects.filter(Q(item__in=visible_items(user)) | Q(pk__in=decider)).select_related(
        *PROVISION_RELATED
    )


def provision_for(user: Any, pk: int) -> Provision | None:
    return visible_provisions(user).filter(pk=pk).first()
