"""Taking BMNN out of storage (Law Art. 14; Decree 26 Art. 5 / Decree 63 Art. 7): R-OUT-1 … R-OUT-4.

request → (abroad: notice to the delegation head) → decide → hand out (custody ``take_out``) →
return (custody ``take_out_return``) → report to the approver, which closes it (R-OUT-4).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import Copy, Location
from bmnn.custody.services.handover import hand_over
from bmnn.movement.models import DelegationNotice, TakeOut, TakeOutStatus
from bmnn.movement.services.common import best_decision, staff_for
from bmnn.organizations.models import Person
from bmnn.registry.models import Item
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    require,
    system_refusal,
    today,
)
from bmnn.rules import Level, check_record, check_take_out_closed, may_take_out

ACTIVE_ITEM = ("determined", "received")


def request_record(
    carrier: Person, position: str, unit: str, item: Item, level: str, **fields: Any
) -> dict[str, Any]:
    """The R-OUT-3 record (Decree 26 Art. 5) of a take-out request, keyed as ``checklists.toml``."""
    starts_on, due_on = fields.get("starts_on"), fields.get("due_on")
    return {
        "full_name": carrier.full_name,
        "position": position.strip(),
        "unit": unit.strip(),
        "item_name": item.title,
        "item_type": item.get_kind_display(),
        "summary": item.summary or item.title,
        "level": level,
        "purpose": (fields.get("purpose") or "").strip(),
        "time": f"{starts_on} – {due_on}" if starts_on and due_on else "",
        "place": (fields.get("place") or "").strip(),
        "protection_measures": (fields.get("protection_measures") or "").strip(),
    }


def request_take_out(
    actor: Any,
    *,
    item: Item,
    carrier: Person,
    carrier_position: str,
    carrier_unit: str,
    purpose: str,
    place: str,
    starts_on: dt.date | None,
    due_on: dt.date | None,
    protection_measures: str,
    abroad: bool = False,
    delegation_head: str = "",
    copy: Copy | None = None,
) -> TakeOut:
    """The written request (R-OUT-3): every field of Decree 26 Art. 5 must be filled."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if item.status not in ACTIVE_ITEM or not item.level:
            raise system_refusal("tài liệu chưa được xác định độ mật hoặc không còn quản lý", "R-OUT-3", on)
        if copy is not None and (copy.item_id != item.pk or copy.status != "active"):
            raise system_refusal("bản sao không thuộc tài liệu hoặc không còn quản lý", "R-OUT-3", on)
        level = copy.level if copy is not None else item.level
        check_clearance(carrier, level, on, field="carrier")
        record = request_record(
            carrier,
            carrier_position,
            carrier_unit,
            item,
            level,
            purpose=purpose,
            place=place,
            starts_on=starts_on,
            due_on=due_on,
            protection_measures=protection_measures,
        )
        require(check_record("R-OUT-3", record, on))
        assert starts_on is not None and due_on is not None
        if due_on < starts_on:
            raise system_refusal("ngày hoàn trả phải sau ngày mang ra", "R-OUT-3", on, field="due_on")
        if abroad and not delegation_head.strip():
            raise system_refusal(
                "mang ra nước ngoài phải ghi Trưởng đoàn công tác", "R-OUT-2", on, field="delegation_head"
            )
        take_out = TakeOut.objects.create(
            agency_id=item.agency_id,
            item=item,
            copy=copy,
            level=level,
            requested_by=person,
            carrier=carrier,
            carrier_position=carrier_position.strip(),
            carrier_unit=carrier_unit.strip(),
            purpose=purpose.strip(),
            place=place.strip(),
            abroad=abroad,
            starts_on=starts_on,
            due_on=due_on,
            protection_measures=protection_measures.strip(),
            delegation_head=delegation_head.strip(),
            created_by=actor,
        )
        audit.record(
            actor, "movement.take_out.request", take_out, summary={"item": item.pk, "abroad": abroad}
        )
        return take_out

    return act(actor, "movement.take_out.request", item, body)


def notify_delegation_head(actor: Any, take_out: TakeOut, text: str = "") -> DelegationNotice:
    """Record the notice to the head of the working delegation (Law Art. 14.2) before the decision."""
    on = today()

    def body() -> DelegationNotice:
        person = actor_person(actor, on)
        if not take_out.abroad:
            raise system_refusal("chỉ mang ra nước ngoài mới báo cáo Trưởng đoàn", "R-OUT-2", on)
        if take_out.status != TakeOutStatus.REQUESTED:
            raise system_refusal("đề nghị đã được quyết định", "R-OUT-2", on)
        if not (person.pk == take_out.requested_by_id or staff_for(actor, take_out.agency_id)):
            raise system_refusal(
                "chỉ người đề nghị hoặc văn thư, cán bộ bảo mật được báo cáo Trưởng đoàn",
                "ACCESS-GRANT",
                on,
                article="5",
            )
        notice = DelegationNotice.objects.create(
            take_out=take_out,
            head_name=take_out.delegation_head,
            text=text.strip() or notice_text(take_out),
            sent_on=on,
            sent_by=actor,
        )
        audit.record(actor, "movement.take_out.notice", take_out, summary={"notice": notice.pk})
        return notice

    return act(actor, "movement.take_out.notice", take_out, body)


def notice_text(take_out: TakeOut) -> str:
    return (
        f"Kính gửi {take_out.delegation_head}, Trưởng đoàn công tác. "
        f"Thông báo: {take_out.carrier.full_name} ({take_out.carrier_position}, {take_out.carrier_unit}) "
        f'mang tài liệu "{take_out.item.title}", độ {Level[take_out.level].label_vi}, ra nước ngoài '
        f"tại {take_out.place} từ {take_out.starts_on:%d/%m/%Y} đến {take_out.due_on:%d/%m/%Y} "
        f"với mục đích: {take_out.purpose}. Biện pháp bảo vệ: {take_out.protection_measures}."
    )


def decide(actor: Any, take_out: TakeOut, approve: bool, note: str = "") -> TakeOut:
    """R-OUT-1 (domestic: head of the managing agency or authorised deputy) / R-OUT-2 (abroad: Art. 14.2
    authorities, after the notice to the delegation head).  A refusal by the authority is recorded too."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status != TakeOutStatus.REQUESTED:
            raise system_refusal("đề nghị đã được quyết định", "R-OUT-1", on)
        notified = take_out.notices.exists()
        decision = best_decision(
            person,
            on,
            lambda p: may_take_out(
                Level[take_out.level],
                p,
                on,
                abroad=take_out.abroad,
                managing_agency=str(take_out.agency_id),
                delegation_head_notified=notified,
            ),
        )
        require(decision)
        take_out.status = TakeOutStatus.APPROVED if approve else TakeOutStatus.REFUSED
        take_out.approver = person
        take_out.decided_on = on
        take_out.decision_note = note.strip()
        take_out.reasons = [r.as_dict() for r in decision.reasons]
        take_out.save(update_fields=["status", "approver", "decided_on", "decision_note", "reasons"])
        audit.record(
            actor,
            "movement.take_out.decide",
            take_out,
            summary={"approve": approve, "rule_ids": list(decision.rule_ids), "regime": decision.regime},
        )
        return take_out

    return act(actor, "movement.take_out.decide", take_out, body)


def _holder(take_out: TakeOut) -> Any:
    return take_out.copy if take_out.copy is not None else take_out.item


def hand_out(
    actor: Any,
    take_out: TakeOut,
    *,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
) -> TakeOut:
    """The holder (or registry staff) hands the approved item to the carrier (custody ``take_out``)."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status != TakeOutStatus.APPROVED:
            raise system_refusal("chưa được người có thẩm quyền cho phép mang ra", "R-OUT-1", on)
        holder = _holder(take_out)
        if not (holder.custodian_id == person.pk or staff_for(actor, take_out.agency_id)):
            raise system_refusal(
                "chỉ người đang giữ hoặc văn thư, cán bộ bảo mật được giao tài liệu", "R-TX-5", on
            )
        line = hand_over(
            actor,
            item=take_out.item,
            copy=take_out.copy,
            purpose="take_out",
            to_person=take_out.carrier,
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            reference=take_out.reference,
            audit_action="movement.take_out.hand_out",
        )
        take_out.status = TakeOutStatus.OUT
        take_out.out_handover = line
        take_out.save(update_fields=["status", "out_handover"])
        return take_out

    return act(actor, "movement.take_out.hand_out", take_out, body)


def record_return(
    actor: Any,
    take_out: TakeOut,
    *,
    to_person: Person | None = None,
    to_location: Location | None = None,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
) -> TakeOut:
    """The return record: the carrier gives the item back (custody ``take_out_return``); by default to
    the person who handed it out, at the place it came from."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status != TakeOutStatus.OUT:
            raise system_refusal("tài liệu không ở trạng thái đang mang ra", "R-OUT-4", on)
        if not (person.pk == take_out.carrier_id or staff_for(actor, take_out.agency_id)):
            raise system_refusal(
                "chỉ người mang ra hoặc văn thư, cán bộ bảo mật được lập biên bản nộp lại", "R-TX-5", on
            )
        out = take_out.out_handover
        receiver = to_person or (out.from_person if out else None)
        if receiver is None:
            raise system_refusal("phải ghi người nhận lại", "R-TX-5", on, field="to_person")
        line = hand_over(
            actor,
            item=take_out.item,
            copy=take_out.copy,
            purpose="take_out_return",
            to_person=receiver,
            to_location=to_location if to_location is not None else (out.from_location if out else None),
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            reference=take_out.reference,
            audit_action="movement.take_out.return",
        )
        take_out.status = TakeOutStatus.RETURNED
        take_out.returned_on = on
        take_out.return_handover = line
        take_out.save(update_fields=["status", "returned_on", "return_handover"])
        return take_out

    return act(actor, "movement.take_out.return", take_out, body)


def report_and_close(actor: Any, take_out: TakeOut, report: str) -> TakeOut:
    """R-OUT-4: closed only with the return record and the report to the approver."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status not in (TakeOutStatus.OUT, TakeOutStatus.RETURNED):
            raise system_refusal("việc mang ra chưa bắt đầu hoặc đã kết thúc", "R-OUT-4", on)
        if not (person.pk == take_out.carrier_id or staff_for(actor, take_out.agency_id)):
            raise system_refusal("chỉ người mang ra hoặc văn thư, cán bộ bảo mật được báo cáo", "R-OUT-4", on)
        returned = take_out.return_handover_id is not None
        require(check_take_out_closed(returned, bool(report.strip()), on), field="report")
        take_out.report = report.strip()
        take_out.reported_on = on
        take_out.status = TakeOutStatus.CLOSED
        take_out.save(update_fields=["report", "reported_on", "status"])
        audit.record(actor, "movement.take_out.close", take_out, summary={"approver": take_out.approver_id})
        return take_out

    return act(actor, "movement.take_out.close", take_out, body)


def overdue(day: dt.date | None = None) -> Any:
    day = day or timezone.localdate()
    return TakeOut.objects.filter(status=TakeOutStatus.OUT, due_on__lt=day)
