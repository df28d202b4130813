"""Taking BMNN out of storage (Law Art. 14; Decree 26 Art. 5 / Decree 63 Art. 7): R-OUT-1 … R-OUT-4.

request (one or several items/copies: the lines) → (abroad: notice to the delegation head) → decide →
hand out each line (custody ``take_out``) → return each line (custody ``take_out_return``) → report to
the approver, which closes it once every line is back (R-OUT-4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.core.errors import refused_by
from bmnn.custody.models import Copy, Handover, Location
from bmnn.custody.services.handover import hand_over
from bmnn.movement.models import DelegationNotice, TakeOut, TakeOutLine, TakeOutStatus
from bmnn.movement.services.common import staff_for
from bmnn.organizations.authority import competent
from bmnn.organizations.models import Person
from bmnn.registry.models import Item
from bmnn.registry.services.common import (
    RANK,
    act,
    actor_person,
    check_clearance,
    require,
    system_refusal,
    today,
)
from bmnn.rules import Level, check_record, check_take_out_closed, may_take_out

ACTIVE_ITEM = ("determined", "received")


Line = tuple[Item, Copy | None]


def request_record(
    carrier: Person, position: str, unit: str, item: Item | Sequence[Line], level: str, **fields: Any
) -> dict[str, Any]:
    """The R-OUT-3 record (Decree 26 Art. 5) of a take-out request, keyed as ``checklists.toml``.

    ``item`` is one item or the request's lines (item, copy); several are listed one after another."""
    lines: list[Line] = [(item, None)] if isinstance(item, Item) else list(item)
    starts_on, due_on = fields.get("starts_on"), fields.get("due_on")
    return {
        "full_name": carrier.full_name,
        "position": position.strip(),
        "unit": unit.strip(),
        "item_name": "; ".join(line_label(i, c) for i, c in lines),
        "item_type": "; ".join(dict.fromkeys(i.get_kind_display() for i, _c in lines)),
        "summary": "; ".join(i.summary or i.title for i, _c in lines),
        "level": level,
        "purpose": (fields.get("purpose") or "").strip(),
        "time": f"{starts_on} – {due_on}" if starts_on and due_on else "",
        "place": (fields.get("place") or "").strip(),
        "protection_measures": (fields.get("protection_measures") or "").strip(),
    }


def line_label(item: Item, copy: Copy | None) -> str:
    return f"{item.title} (bản sao số {copy.number:02d})" if copy is not None else item.title


def _check_lines(lines: Sequence[Line], on: dt.date) -> list[tuple[Item, Copy | None, str]]:
    """Each line an active item (or an active copy of it), no line twice, one managing agency."""
    if not lines:
        raise system_refusal("chưa chọn tài liệu, vật chứa BMNN mang ra", "R-OUT-3", on, field="item")
    checked: list[tuple[Item, Copy | None, str]] = []
    seen: set[tuple[int, int | None]] = set()
    for item, copy in lines:
        if item.status not in ACTIVE_ITEM or not item.level:
            raise system_refusal(
                f'tài liệu "{item.title}" chưa được xác định độ mật hoặc không còn quản lý', "R-OUT-3", on
            )
        if copy is not None and (copy.item_id != item.pk or copy.status != "active"):
            raise system_refusal("bản sao không thuộc tài liệu hoặc không còn quản lý", "R-OUT-3", on)
        key = (item.pk, copy.pk if copy is not None else None)
        if key in seen:
            raise system_refusal(f'"{line_label(item, copy)}" được ghi hai lần', "R-OUT-3", on, field="item")
        seen.add(key)
        if item.agency_id != lines[0][0].agency_id:
            # R-OUT-1: the head of the agency managing the items decides; one request, one decider.
            raise system_refusal(
                "các tài liệu của một đề nghị phải do cùng một cơ quan quản lý", "R-OUT-1", on, field="item"
            )
        checked.append((item, copy, copy.level if copy is not None else item.level))
    return checked


def request_take_out(
    actor: Any,
    *,
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
    item: Item | None = None,
    copy: Copy | None = None,
    lines: Sequence[Line] | None = None,
) -> TakeOut:
    """The written request (R-OUT-3): every field of Decree 26 Art. 5 must be filled.  One request may
    carry several items or copies (``lines``; or one ``item`` with an optional ``copy``)."""
    on = today()
    wanted: list[Line] = list(lines) if lines else ([(item, copy)] if item is not None else [])

    def body() -> TakeOut:
        person = actor_person(actor, on)
        checked = _check_lines(wanted, on)
        level = max((lv for _i, _c, lv in checked), key=lambda lv: RANK[lv])
        check_clearance(carrier, level, on, field="carrier")
        record = request_record(
            carrier,
            carrier_position,
            carrier_unit,
            wanted,
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
        first_item, first_copy, _lv = checked[0]
        take_out = TakeOut.objects.create(
            agency_id=first_item.agency_id,
            item=first_item,
            copy=first_copy,
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
        TakeOutLine.objects.bulk_create(
            TakeOutLine(take_out=take_out, item=i, copy=c, level=lv) for i, c, lv in checked
        )
        audit.record(
            actor,
            "movement.take_out.request",
            take_out,
            summary={
                "items": [i.pk for i, _c, _lv in checked],
                "copies": [c.pk for _i, c, _lv in checked if c is not None],
                "level": level,
                "abroad": abroad,
            },
        )
        return take_out

    return act(actor, "movement.take_out.request", wanted[0][0] if wanted else None, body)


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
    labels = [f'"{line_label(r.item, r.copy)}"' for r in take_out.lines.select_related("item", "copy")]
    things = ("tài liệu " if len(labels) == 1 else "các tài liệu ") + ", ".join(labels)
    return (
        f"Kính gửi {take_out.delegation_head}, Trưởng đoàn công tác. "
        f"Thông báo: {take_out.carrier.full_name} ({take_out.carrier_position}, {take_out.carrier_unit}) "
        f"mang {things}, độ {Level[take_out.level].label_vi}, ra nước ngoài "
        f"tại {take_out.place} từ {take_out.starts_on:%d/%m/%Y} đến {take_out.due_on:%d/%m/%Y} "
        f"với mục đích: {take_out.purpose}. Biện pháp bảo vệ: {take_out.protection_measures}."
    )


def decide(actor: Any, take_out: TakeOut, approve: bool, note: str = "") -> TakeOut:
    """R-OUT-1 (domestic: head of the managing agency or authorised deputy) / R-OUT-2 (abroad: Art. 14.2
    authorities, after the notice to the delegation head).  A refusal by the authority is recorded too.

    A deputy decides under a written delegation (Law Art. 11.5, ``organizations.Delegation``): the rules
    judge its term, acts and level (``organizations.authority.competent``)."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status != TakeOutStatus.REQUESTED:
            raise system_refusal("đề nghị đã được quyết định", "R-OUT-1", on)
        notified = take_out.notices.exists()
        decision, delegation = competent(
            person,
            on,
            lambda p, d: may_take_out(
                Level[take_out.level],
                p,
                on,
                abroad=take_out.abroad,
                managing_agency=str(take_out.agency_id),
                delegation=d,
                delegation_head_notified=notified,
            ),
        )
        take_out.status = TakeOutStatus.APPROVED if approve else TakeOutStatus.REFUSED
        take_out.approver = person
        take_out.delegation = delegation
        take_out.decided_on = on
        take_out.decision_note = note.strip()
        take_out.reasons = [r.as_dict() for r in decision.reasons]
        take_out.save(
            update_fields=["status", "approver", "delegation", "decided_on", "decision_note", "reasons"]
        )
        audit.record(
            actor,
            "movement.take_out.decide",
            take_out,
            summary={
                "approve": approve,
                "rule_ids": list(decision.rule_ids),
                "regime": decision.regime,
                "delegation": delegation.pk if delegation else None,
            },
        )
        return take_out

    return act(actor, "movement.take_out.decide", take_out, body)


def _lines(take_out: TakeOut, line: TakeOutLine | None, on: dt.date, rule_id: str) -> list[TakeOutLine]:
    if line is not None and line.take_out_id != take_out.pk:
        raise system_refusal("dòng này không thuộc đề nghị mang ra", rule_id, on, field="line")
    rows = list(take_out.lines.select_related("item", "copy", "out_handover").order_by("pk"))
    return [r for r in rows if r.pk == line.pk] if line is not None else rows


def hand_out(
    actor: Any,
    take_out: TakeOut,
    *,
    line: TakeOutLine | None = None,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
) -> TakeOut:
    """The holder (or registry staff) hands the approved items to the carrier (custody ``take_out``):
    one line, or every line not yet handed out; each line is its own Form 16 line."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status not in (TakeOutStatus.APPROVED, TakeOutStatus.OUT):
            raise system_refusal("chưa được người có thẩm quyền cho phép mang ra", "R-OUT-1", on)
        pending = [r for r in _lines(take_out, line, on, "R-OUT-1") if r.out_handover_id is None]
        if not pending:
            raise system_refusal("tài liệu đã được giao cho người mang ra", "R-OUT-1", on, field="line")
        staff = staff_for(actor, take_out.agency_id)
        for row in pending:
            if not (staff or row.holder.custodian_id == person.pk):  # type: ignore[attr-defined]
                raise system_refusal(
                    "chỉ người đang giữ hoặc văn thư, cán bộ bảo mật được giao tài liệu", "R-TX-5", on
                )
            row.out_handover = hand_over(
                actor,
                item=row.item,
                copy=row.copy,
                purpose="take_out",
                to_person=take_out.carrier,
                receipt_kind=receipt_kind,
                receipt_no=receipt_no,
                signature_svg=signature_svg,
                reference=take_out.reference,
                audit_action="movement.take_out.hand_out",
            )
            row.save(update_fields=["out_handover"])
        take_out.status = TakeOutStatus.OUT
        take_out.out_handover = take_out.out_handover or pending[0].out_handover
        take_out.save(update_fields=["status", "out_handover"])
        return take_out

    return act(actor, "movement.take_out.hand_out", take_out, body)


def record_return(
    actor: Any,
    take_out: TakeOut,
    *,
    line: TakeOutLine | None = None,
    to_person: Person | None = None,
    to_location: Location | None = None,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
) -> TakeOut:
    """The return record: the carrier gives back one line, or every line still out (custody
    ``take_out_return``); by default to the person who handed it out, at the place it came from.
    The take-out counts as returned when every line is back."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status != TakeOutStatus.OUT:
            raise system_refusal("tài liệu không ở trạng thái đang mang ra", "R-OUT-4", on)
        if not (person.pk == take_out.carrier_id or staff_for(actor, take_out.agency_id)):
            raise system_refusal(
                "chỉ người mang ra hoặc văn thư, cán bộ bảo mật được lập biên bản nộp lại", "R-TX-5", on
            )
        out = [r for r in _lines(take_out, line, on, "R-OUT-4") if r.is_out]
        if not out:
            raise system_refusal("tài liệu này không đang được mang ra", "R-OUT-4", on, field="line")
        receipt = {"receipt_kind": receipt_kind, "receipt_no": receipt_no, "signature_svg": signature_svg}
        for row in out:
            given = row.out_handover
            receiver = to_person or (given.from_person if given else None)
            if receiver is None:
                raise system_refusal("phải ghi người nhận lại", "R-TX-5", on, field="to_person")
            row.return_handover = _return_line(actor, take_out, row, receiver, to_location, given, receipt)
            row.returned_on = on
            row.save(update_fields=["return_handover", "returned_on"])
        _mark_if_all_returned(take_out, on, out[-1].return_handover)
        return take_out

    return act(actor, "movement.take_out.return", take_out, body)


def _return_line(
    actor: Any,
    take_out: TakeOut,
    row: TakeOutLine,
    receiver: Person,
    to_location: Location | None,
    given: Handover | None,
    receipt: dict[str, str],
) -> Handover:
    return hand_over(
        actor,
        item=row.item,
        copy=row.copy,
        purpose="take_out_return",
        to_person=receiver,
        to_location=to_location if to_location is not None else (given.from_location if given else None),
        receipt_kind=receipt["receipt_kind"],
        receipt_no=receipt["receipt_no"],
        signature_svg=receipt["signature_svg"],
        reference=take_out.reference,
        audit_action="movement.take_out.return",
    )


def _mark_if_all_returned(take_out: TakeOut, on: dt.date, last: Handover | None) -> None:
    """Every line back: the take-out is returned (the report to the approver closes it, R-OUT-4)."""
    if take_out.lines.filter(return_handover__isnull=True).exists():
        return
    take_out.status = TakeOutStatus.RETURNED
    take_out.returned_on = on
    take_out.return_handover = last
    take_out.save(update_fields=["status", "returned_on", "return_handover"])


def mark_returned_by(take_out: TakeOut, line: TakeOutLine, handover: Handover, on: dt.date) -> None:
    """A line given back by another act (recall on departure): record it and mark the take-out."""
    line.return_handover = handover
    line.returned_on = on
    line.save(update_fields=["return_handover", "returned_on"])
    _mark_if_all_returned(take_out, on, handover)


def report_and_close(actor: Any, take_out: TakeOut, report: str) -> TakeOut:
    """R-OUT-4: closed only with the return record and the report to the approver."""
    on = today()

    def body() -> TakeOut:
        person = actor_person(actor, on)
        if take_out.status not in (TakeOutStatus.OUT, TakeOutStatus.RETURNED):
            raise system_refusal("việc mang ra chưa bắt đầu hoặc đã kết thúc", "R-OUT-4", on)
        if not (person.pk == take_out.carrier_id or staff_for(actor, take_out.agency_id)):
            raise system_refusal("chỉ người mang ra hoặc văn thư, cán bộ bảo mật được báo cáo", "R-OUT-4", on)
        lines = list(take_out.lines.all())
        returned = bool(lines) and all(r.returned for r in lines)
        decision = check_take_out_closed(returned, bool(report.strip()), on)
        if not decision.allowed:
            exc = refused_by(decision, "report")
            outstanding = sum(1 for r in lines if not r.returned)
            if outstanding:
                exc.message += f" — còn {outstanding}/{len(lines)} tài liệu chưa nộp lại"
            raise exc
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
