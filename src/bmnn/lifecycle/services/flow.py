"""The flow shared by the council-backed acts, declassification (R-DECL-3/4) and destruction
(R-DEST-2/3/5): a pending proposal, the council attached to it, locking an open act with its items,
and the archived dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from django.db.models import Q

from bmnn.lifecycle.models import Council, Minutes
from bmnn.lifecycle.models.acts import LifecycleAct, MultiItemAct
from bmnn.lifecycle.services.common import about, lock_items, system_refusal
from bmnn.lifecycle.services.councils import MemberInput, form_council
from bmnn.organizations.models import Person
from bmnn.registry.models import Item

A = TypeVar("A", bound=LifecycleAct)


def pending(model: type[LifecycleAct], item: Item, statuses: Sequence[str]) -> bool:
    """An act of ``model`` in one of ``statuses`` already lists the item (alone or in a list)."""
    return (
        model._default_manager.filter(Q(item=item) | Q(items=item), status__in=list(statuses))
        .distinct()
        .exists()
    )


def attach_council(
    actor: Any,
    row: Any,
    *,
    kind: str,
    open_: bool,
    refusal: str,
    rule_id: str,
    decision_number: str,
    chair: Person,
    members: Iterable[MemberInput],
    on: dt.date,
) -> Council:
    """Set up the act's council (``form_council``) and attach it to the proposal; ``open_`` false
    refuses with ``refusal`` under ``rule_id`` before anything is formed."""
    if not open_:
        raise system_refusal(refusal, rule_id, on)
    council = form_council(
        actor,
        kind=kind,
        agency_id=row.agency_id,
        decision_number=decision_number,
        chair=chair,
        members=members,
        on=on,
    )
    type(row)._default_manager.filter(pk=row.pk).update(council=council)
    row.council = council
    return council


def lock_open(
    model: type[A],
    pk: int,
    *,
    status: str,
    refusal: str,
    rule_id: str,
    on: dt.date,
    check: Callable[[Item], None],
) -> tuple[A, list[Item], bool]:
    """Lock the act and every item it lists; the act must be in ``status`` (else ``refusal``) and each
    item passes ``check`` (a refusal names the item when there are several).  Returns the row, the
    locked items and whether there are several."""
    row = model._default_manager.select_for_update().get(pk=pk)
    if row.status != status:
        raise system_refusal(refusal, rule_id, on)
    locked = lock_items(cast(MultiItemAct, row).all_items(), rule_id, on)
    many = len(locked) > 1
    for it in locked:
        with about(it, many):
            check(it)
    return row, locked, many


def council_dossier(
    council: Council | None, minutes: Minutes | None, items: Sequence[Item], decision_number: str
) -> dict[str, Any]:
    """The archived dossier of a council-backed decision (R-DECL-4, R-DEST-5)."""
    return {
        "council_decision": council.decision_number if council else "",
        "items": [i.pk for i in items],
        "minutes": minutes.pk if minutes else None,
        "decision": decision_number,
    }
