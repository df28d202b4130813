"""Transfers and moves from the custody pages.  A determined item whose holder was never recorded (the
registry's determination does not set one) enters custody here: its drafter — or the approver — holds it,
written in the same transaction as the handover (one custodian at every moment)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import Copy, Handover
from bmnn.registry.models import Item
from bmnn.registry.services.common import act, actor_person, is_registry_staff, system_refusal


def initial_holder_id(item: Item) -> int | None:
    return item.custodian_id or item.drafter_id or item.approver_id


def ensure_custodian(actor: Any, item: Item) -> None:
    """Inside a transaction: record the initial custodian of ``item`` if none is recorded yet."""
    if item.custodian_id is not None:
        return
    holder = item.drafter_id or item.approver_id
    if holder is None:
        return
    item.custodian_id = holder
    item.save(update_fields=["custodian"])
    audit.record(actor, "custody.initial_custodian", item, summary={"custodian": holder})


def transfer(actor: Any, *, item: Item, copy: Copy | None = None, **kwargs: Any) -> Handover:
    """A handover between custodians (or to another location): the actor is the holder or registry staff
    of the item's agency; the receiver acknowledges it (R-TX-5)."""
    from bmnn.custody.services.handover import hand_over

    def body() -> Handover:
        on = timezone.localdate(kwargs.get("at") or timezone.now())
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update(of=("self",)).get(pk=item.pk)
        ensure_custodian(actor, locked)
        holder = copy if copy is not None else locked
        staff = is_registry_staff(actor) and person.agency_id == locked.agency_id
        if holder.custodian_id != person.pk and not staff:
            raise system_refusal(
                "chỉ người đang giữ hoặc văn thư, cán bộ bảo mật của cơ quan được chuyển giao", "R-TX-5", on
            )
        if kwargs.get("purpose") == "move":
            kwargs["to_person"] = holder.custodian
        return hand_over(actor, item=locked, copy=copy, **kwargs)

    return act(actor, "custody.handover", copy or item, body)
