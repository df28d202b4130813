"""Handovers (Form 16): the only way an item or a copy changes custodian or location.

``hand_over`` is called inside the caller's act (it joins the caller's transaction) or on its own
through ``record_handover``; either way the register line, the new holder and one audit event are
written together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import Copy, CopyStatus, Handover, HandoverPurpose, Location, ReceiptKind
from bmnn.custody.signature import strokes
from bmnn.organizations.models import Person
from bmnn.registry.models import Item
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    is_registry_staff,
    require,
    system_refusal,
)
from bmnn.registry.services.registration import next_number
from bmnn.rules import check_handover_signed, regime_for


def _check_receipt(receipt_kind: str, receipt_no: str, signature_svg: str, on: dt.date) -> None:
    signed = (receipt_kind == ReceiptKind.RECEIPT and bool(receipt_no.strip())) or (
        receipt_kind == ReceiptKind.SIGNATURE and bool(signature_svg) and bool(strokes(signature_svg))
    )
    require(check_handover_signed(signed, on), field="receipt_no")


def hand_over(
    actor: Any,
    *,
    item: Item,
    purpose: str,
    to_person: Person | None,
    to_location: Location | None = None,
    copy: Copy | None = None,
    to_party: str = "",
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
    acknowledged_by_name: str = "",
    reference: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    audit_action: str = "custody.handover",
) -> Handover:
    """Write one Form 16 line and move the item (or the copy) to ``to_person`` / ``to_location``.

    Must run inside a transaction (use ``record_handover`` from views).  ``to_person`` is None only when
    the thing leaves the system (sent, provided to an outside party): then ``to_party`` names the receiver
    and the custodian stays recorded as the last holder inside the agency.
    """
    at = at or timezone.now()
    on = timezone.localdate(at)
    purpose = HandoverPurpose(purpose)
    receipt_kind = ReceiptKind(receipt_kind)
    if purpose not in HandoverPurpose.values:  # pragma: no cover - the enum call above already refuses
        raise ValueError(purpose)
    if copy is not None and copy.item_id != item.pk:
        raise system_refusal("bản sao không thuộc tài liệu này", "CUSTODY-COPY", on, article="5")
    if item.status == "destroyed":
        raise system_refusal(
            "tài liệu đã bị tiêu hủy, chỉ còn hồ sơ, không còn gì để chuyển giao",
            "CUSTODY-ITEM",
            on,
            article="5",
        )
    if copy is not None and copy.status != CopyStatus.ACTIVE:
        raise system_refusal(
            "bản sao không còn được quản lý (đã hủy, thu hồi hoặc mất)", "CUSTODY-COPY", on, article="5"
        )
    if to_person is None and not to_party.strip():
        raise system_refusal("phải ghi người hoặc nơi nhận", "R-TX-5", on)
    level = (copy.level if copy is not None else item.level) or item.proposed_level
    if to_person is not None:
        check_clearance(to_person, level, on, field="to_person")
    if to_location is not None and to_location.agency_id != item.agency_id and to_person is None:
        raise system_refusal(
            "nơi cất giữ không thuộc cơ quan giữ tài liệu", "CUSTODY-LOCATION", on, article="5"
        )
    _check_receipt(receipt_kind, receipt_no, signature_svg, on)

    holder = copy if copy is not None else item
    from_person_id = holder.custodian_id
    from_location_id = holder.location_id
    line = Handover.objects.create(
        agency_id=item.agency_id,
        year=on.year,
        seq=next_number(item.agency_id, "hand", on.year),
        item=item,
        copy=copy,
        purpose=purpose,
        level=level,
        from_person_id=from_person_id,
        to_person=to_person,
        to_party=to_party.strip(),
        from_location_id=from_location_id,
        to_location=to_location,
        handed_at=at,
        receipt_kind=receipt_kind,
        receipt_no=receipt_no.strip(),
        signature_svg=signature_svg if receipt_kind == ReceiptKind.SIGNATURE else "",
        acknowledged_by_name=acknowledged_by_name.strip() or (to_person.full_name if to_person else ""),
        reference=reference,
        note=note,
        registered_by=actor,
        regime=regime_for(on).id,
    )
    if to_person is not None:
        holder.custodian = to_person
        holder.location = to_location
        holder.save(update_fields=["custodian", "location"])
    audit.record(
        actor,
        audit_action,
        line,
        summary={
            "item": item.pk,
            "copy": copy.pk if copy else None,
            "purpose": str(purpose),
            "from": from_person_id,
            "to": to_person.pk if to_person else None,
            "to_party": line.to_party,
            "to_location": to_location.pk if to_location else None,
            "seq": f"{line.seq}/{line.year}",
        },
    )
    return line


def is_agency_staff(actor: Any, person: Person, agency_id: int) -> bool:
    """Registry staff (clerk, security officer) of the agency ``agency_id``."""
    return person.agency_id == agency_id and is_registry_staff(actor)


def may_hand_over(actor: Any, person: Person, item: Item, copy: Copy | None = None) -> bool:
    """The current holder of the item (or of the copy), or registry staff of the item's agency, may hand it
    over or move it (R-TX-5: the handover is between named people and is signed for).  An item recorded
    before determination put it in its drafter's custody counts as held by its drafter."""
    holder_id = copy.custodian_id if copy is not None else (item.custodian_id or item.drafter_id)
    return holder_id == person.pk or is_agency_staff(actor, person, item.agency_id)


def ensure_custodian(actor: Any, item: Item, fallback_id: int | None = None) -> None:
    """Inside a transaction: an item recorded before determination put it in its drafter's custody (no
    custodian) enters custody with its drafter — or its approver, or ``fallback_id`` — with an audit event
    of its own."""
    if item.custodian_id is not None:
        return
    holder = item.drafter_id or item.approver_id or fallback_id
    if holder is None:
        return
    item.custodian_id = holder
    item.save(update_fields=["custodian"])
    audit.record(actor, "custody.initial_custodian", item, summary={"custodian": holder})


def record_handover(actor: Any, **kwargs: Any) -> Handover:
    """A handover as an act of its own (``purpose`` "transfer" between custodians, "move" to another
    place — the holder stays): the actor must be the current holder, or registry staff of the item's
    agency (``may_hand_over``); then ``hand_over`` writes the Form 16 line, all in one transaction."""
    item: Item = kwargs.pop("item")
    copy: Copy | None = kwargs.pop("copy", None)

    def body() -> Handover:
        on = timezone.localdate(kwargs.get("at") or timezone.now())
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update(of=("self",)).get(pk=item.pk)
        held = Copy.objects.select_for_update().get(pk=copy.pk) if copy is not None else None
        ensure_custodian(actor, locked)
        if not may_hand_over(actor, person, locked, held):
            raise system_refusal(
                "chỉ người đang giữ hoặc văn thư, cán bộ bảo mật của cơ quan được chuyển giao", "R-TX-5", on
            )
        if kwargs.get("purpose") == "move":
            kwargs["to_person"] = (held or locked).custodian
        return hand_over(actor, item=locked, copy=held, **kwargs)

    return act(actor, "custody.handover", copy or item, body)
