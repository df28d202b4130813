"""Sending an outgoing item (R-TX-1, R-TX-3, R-TX-4, R-TX-5): the envelope plan from the rules, the check
of the outer envelope, and the handover of the envelope as a Form 16 line with the receiver's
acknowledgement — one act, one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import Dispatch
from bmnn.custody.services.handover import ensure_custodian, hand_over, is_agency_staff
from bmnn.organizations.models import Person
from bmnn.registry.models import Item, RegisterEntry, RegisterKind
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    require,
    system_refusal,
)
from bmnn.rules import Level, check_outer_envelope, check_registered_before_dispatch, envelope_plan
from bmnn.rules.marks import EnvelopePlan


def plan_for(
    level: str, on: dt.date, *, number_symbol: str, recipient: str, named_mark: bool
) -> EnvelopePlan:
    return envelope_plan(
        Level[level], on, number_symbol=number_symbol, recipient=recipient, named_recipient=named_mark
    )


def outer_marks(plan: EnvelopePlan, address: str) -> list[str]:
    """Everything written on the envelope the public sees: the outer (or single) envelope's marks and the
    ordinary address the clerk typed."""
    outer = next(e for e in plan.envelopes if e.role in ("outer", "single"))
    return [*outer.marks, *(line for line in address.splitlines() if line.strip())]


def last_outgoing_entry(item: Item) -> RegisterEntry | None:
    return item.entries.filter(register=RegisterKind.OUTGOING).order_by("-year", "-seq").first()


def may_dispatch(actor: Any, person: Person | None, item: Item) -> bool:
    """Registry staff of the item's agency may send it once it is in the outgoing register (R-TX-1)."""
    return (
        person is not None
        and is_agency_staff(actor, person, item.agency_id)
        and last_outgoing_entry(item) is not None
    )


def dispatch(
    actor: Any,
    item: Item,
    *,
    recipient: str,
    address: str = "",
    named_mark: bool = False,
    to_person: Person | None = None,
    to_party: str = "",
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
    acknowledged_by_name: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> Dispatch:
    """Pack and send ``item``: it must be in the outgoing register (R-TX-1); the envelopes follow R-TX-3,
    the outer envelope shows no level word (R-TX-4) and the handover is signed for (R-TX-5)."""
    at = at or timezone.now()
    on = timezone.localdate(at)

    def body() -> Dispatch:
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if not is_agency_staff(actor, person, locked.agency_id):
            raise system_refusal(
                "chỉ văn thư, cán bộ bảo mật của cơ quan ban hành được gửi tài liệu BMNN", "R-TX-1", on
            )
        entry = last_outgoing_entry(locked)
        require(check_registered_before_dispatch(entry is not None, False, on), "item")
        assert entry is not None
        check_clearance(person, entry.level, on)
        if not recipient.strip():
            raise system_refusal("phải ghi nơi nhận trên bì", "R-TX-3", on, field="recipient")
        plan = plan_for(
            entry.level,
            on,
            number_symbol=entry.number_symbol,
            recipient=recipient.strip(),
            named_mark=named_mark,
        )
        require(check_outer_envelope(outer_marks(plan, address), on), "address")
        # The item enters custody here if nobody was recorded yet: its drafter (or the approver) held it.
        ensure_custodian(actor, locked, fallback_id=person.pk)
        line = hand_over(
            actor,
            item=locked,
            purpose="send",
            to_person=to_person,
            to_party=to_party or ("" if to_person else recipient),
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            acknowledged_by_name=acknowledged_by_name,
            reference=f"Sổ đi số {entry.seq}/{entry.year}",
            note=note,
            at=at,
        )
        sent = Dispatch.objects.create(
            agency_id=locked.agency_id,
            item=locked,
            entry=entry,
            level=entry.level,
            number_symbol=entry.number_symbol,
            recipient=recipient.strip(),
            address=address.strip(),
            named_mark=named_mark,
            letter=plan.letter,
            envelopes=[{"role": e.role, "marks": list(e.marks), "sealed": e.sealed} for e in plan.envelopes],
            handover=line,
            dispatched_on=on,
            created_by=actor,
        )
        audit.record(
            actor,
            "custody.dispatch",
            sent,
            summary={
                "item": locked.pk,
                "entry": entry.pk,
                "letter": plan.letter,
                "envelopes": [e.role for e in plan.envelopes],
                "handover": f"{line.seq}/{line.year}",
                "plan_verified": plan.verified,
            },
        )
        return sent

    return act(actor, "custody.dispatch", item, body)
