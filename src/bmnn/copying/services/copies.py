"""The copy procedure (Law Art. 11; Decree 26 Art. 3): request → decision → execution (Form 12 line).

Every function is one legal act: one transaction, one audit event; a refusal changes nothing and is
recorded as ``<action>.refused`` with the rule id and citation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max

from bmnn.copying.models import RULES_ACT, RULES_FORM, CopyRequest, RequestStatus
from bmnn.copying.services.authority import check_addressee
from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, CopyForm, CopyStatus
from bmnn.custody.services.handover import hand_over
from bmnn.organizations.authority import competent, is_competent
from bmnn.organizations.models import Person
from bmnn.registry.models import RANK, Item, Status
from bmnn.registry.selectors import visible_items
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    is_registry_staff,
    require,
    system_refusal,
    today,
)
from bmnn.registry.services.registration import next_number
from bmnn.rules import (
    Level,
    check_copy_count,
    check_copy_device,
    check_copy_inherits,
    check_copy_marks,
    check_copy_permitted,
    check_record,
    copy_number_mark,
    level_stamp,
    may_copy,
    may_execute_copy,
    period_stamp,
    regime_for,
    stamp,
)
from bmnn.rules.dates import fmt

ACTIVE_ITEM = (Status.DETERMINED, Status.RECEIVED)


def _see(actor: Any, item: Item, on: dt.date) -> None:
    if not visible_items(actor).filter(pk=item.pk).exists():
        raise system_refusal("không được tiếp cận tài liệu này", "ACCESS-ITEM", on, article="5")


def request_copy(
    actor: Any,
    item: Item,
    *,
    form: str,
    quantity: int,
    purpose: str,
    recipient: Person | None = None,
    addressed_to: Person | None = None,
    source_copy: Copy | None = None,
    extract_content: str = "",
    on: dt.date | None = None,
) -> CopyRequest:
    """Anyone who may see the item asks for copies, an extract or a photograph of it."""
    on = on or today()

    def body() -> CopyRequest:
        person = actor_person(actor, on)
        _see(actor, item, on)
        locked = Item.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if locked.status not in ACTIVE_ITEM or not locked.level:
            raise system_refusal("chỉ sao, chụp tài liệu đã xác định độ mật, còn quản lý", "R-COPY-1", on)
        if form not in CopyForm.values:
            raise Refused("Hình thức sao, chụp không hợp lệ.", field="form")
        if quantity < 1:
            raise Refused("Số lượng bản phải từ 1 trở lên.", field="quantity")
        if not purpose.strip():
            raise Refused("Phải ghi mục đích sao, chụp.", field="purpose")
        if form == CopyForm.COPY_OF_COPY:
            if source_copy is None or source_copy.item_id != locked.pk:
                raise Refused("Sao lục phải chỉ rõ bản sao của tài liệu này được sao.", field="source_copy")
            if source_copy.status != CopyStatus.ACTIVE:
                raise Refused("Bản sao nguồn không còn được quản lý.", field="source_copy")
        elif source_copy is not None:
            raise Refused("Chỉ sao lục mới sao từ một bản sao.", field="source_copy")
        target = recipient or person
        check_clearance(target, locked.level, on, "recipient")
        if addressed_to is not None:
            check_addressee(addressed_to, locked.agency_id, locked.level, on, "R-COPY-1")
        req = CopyRequest.objects.create(
            agency_id=locked.agency_id,
            item=locked,
            form=form,
            source_copy=source_copy if form == CopyForm.COPY_OF_COPY else None,
            quantity=quantity,
            purpose=purpose.strip(),
            recipient=target,
            addressed_to=addressed_to,
            extract_content=extract_content.strip() if form == CopyForm.EXTRACT else "",
            requested_by=person,
            requested_on=on,
            level=locked.level,
            level_rank=RANK[locked.level],
        )
        audit.record(
            actor,
            "copying.request.create",
            req,
            summary={"item": locked.pk, "form": form, "quantity": quantity, "recipient": target.pk},
        )
        return req

    return act(actor, "copying.request.create", item, body)


def _ask(req: CopyRequest, on: dt.date):  # type: ignore[no-untyped-def]
    level = Level[req.level]
    return lambda pos, d: may_copy(level, pos, on, delegation=d, act=RULES_ACT[req.form])


def may_decide_copy(person: Person, req: CopyRequest, on: dt.date | None = None) -> bool:
    """Whether ``person`` is an authorised decider for the request (R-COPY-1/2), without recording."""
    on = on or today()
    return RANK.get(person.clearance or "", 0) >= RANK[req.level] and is_competent(person, on, _ask(req, on))


def decide_copy(
    actor: Any, req: CopyRequest, *, approve: bool, note: str = "", on: dt.date | None = None
) -> CopyRequest:
    """The authorised person (Art. 11 tier, or a deputy under a written delegation) approves or refuses
    in writing.  A copy-forbidden item may be copied only on its classifier's approval (R-COPY-3)."""
    on = on or today()
    action = "copying.request.approve" if approve else "copying.request.refuse"

    def body() -> CopyRequest:
        person = actor_person(actor, on)
        locked = CopyRequest.objects.select_for_update(of=("self",)).select_related("item").get(pk=req.pk)
        if locked.status != RequestStatus.REQUESTED:
            raise system_refusal("đề nghị không ở trạng thái chờ quyết định", "R-COPY-1", on)
        item = locked.item
        if item.status not in ACTIVE_ITEM or item.level != locked.level:
            raise system_refusal("độ mật hoặc tình trạng tài liệu đã thay đổi từ khi đề nghị", "R-COPY-7", on)
        check_clearance(person, locked.level, on)
        _decision, delegation = competent(person, on, _ask(locked, on))
        if approve:
            require(check_copy_permitted(item.copy_allowed, person.pk == item.approver_id, on))
        elif not note.strip():
            raise Refused("Phải ghi rõ lý do từ chối bằng văn bản.", field="note")
        locked.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
        locked.approver, locked.delegation, locked.decided_on = person, delegation, on
        locked.decision_note, locked.regime = note.strip(), regime_for(on).id
        locked.save()
        audit.record(
            actor,
            action,
            locked,
            summary={
                "item": item.pk,
                "note": locked.decision_note,
                "delegation": delegation.document_ref if delegation else None,
            },
        )
        return locked

    return act(actor, action, req, body)


def _marks(req: CopyRequest, number: int, on: dt.date, expiry: dt.date | None) -> dict[str, Any]:
    """What each copy carries (R-COPY-6): the copy stamp (Form 09), the number (Form 11), the extract
    mark (Form 10) or the photographing record (Form 13), plus the inherited level and period."""
    rules_form = RULES_FORM[req.form]
    marks: dict[str, Any] = {
        "form": rules_form,
        "level_stamp": level_stamp(Level[req.level], on).text,
        "period_stamp": list(period_stamp(expiry, on).lines) if expiry else [],
    }
    if rules_form != "CHUP":
        marks["COPY"] = {"text": stamp("COPY", on).text, "form": stamp("COPY", on).form}
    if rules_form in ("SAO_Y", "SAO_LUC"):
        mark = copy_number_mark(number, on)
        marks["COPY_NUMBER"] = {"text": mark.lines[0], "form": mark.form}
    if rules_form == "TRICH_SAO" and req.extract_content:
        marks["EXTRACT"] = {"text": stamp("EXTRACT", on).text, "form": stamp("EXTRACT", on).form}
    if rules_form == "CHUP" and req.photo_subject and req.device:
        marks["PHOTO_RECORD"] = {"form": "13", "subject": req.photo_subject, "device": req.device}
    return marks


def _can_execute(actor: Any, person: Person, req: CopyRequest, on: dt.date) -> None:
    staff = is_registry_staff(actor) and person.agency_id == req.agency_id
    if not staff and person.pk != req.requested_by_id:
        raise system_refusal(
            "chỉ người đề nghị hoặc văn thư, cán bộ bảo mật của cơ quan được thực hiện việc sao, chụp",
            "R-COPY-8",
            on,
        )


def execute_copy(
    actor: Any,
    req: CopyRequest,
    *,
    made: int,
    spoiled: int = 0,
    device: str = "",
    device_networked: bool = False,
    cryptography_exempt: bool = False,
    extract_content: str | None = None,
    photo_subject: str = "",
    photo_place: str = "",
    on: dt.date | None = None,
) -> CopyRequest:
    """The eligible copier makes the approved copies: numbered, inheriting level, period and handling,
    spoiled or surplus ones recorded as destroyed at once, one line in the copy register (Form 12)."""
    on = on or today()

    def body() -> CopyRequest:
        person = actor_person(actor, on)
        locked = (
            CopyRequest.objects.select_for_update(of=("self",))
            .select_related("item", "source_copy", "approver", "recipient")
            .get(pk=req.pk)
        )
        if locked.status != RequestStatus.APPROVED:
            raise system_refusal("đề nghị chưa được người có thẩm quyền cho phép", "R-COPY-1", on)
        item = Item.objects.select_for_update(of=("self",)).get(pk=locked.item_id)
        _can_execute(actor, person, locked, on)
        check_clearance(person, locked.level, on)
        require(
            may_execute_copy(person.employment_category or "other", person.has_bmnn_duties, on), "executor"
        )
        require(check_copy_device(device_networked, cryptography_exempt, on), "device_networked")
        if made < 1:
            raise Refused("Số bản đã làm phải từ 1 trở lên.", field="made")
        require(check_copy_count(locked.quantity, made, spoiled, on), "made")
        if made - spoiled < 1:
            raise Refused("Phải còn ít nhất một bản sao được giữ.", field="spoiled")
        # R-COPY-7: the copy takes the original's level and period (a copy of a copy: its source's,
        # which must still match the original).
        src = locked.source_copy
        level, expiry = (src.level, src.expires_on) if src else (item.level, item.expires_on)
        require(check_copy_inherits(Level[item.level], Level[level], item.expires_on, expiry, on))
        if extract_content is not None and locked.form == CopyForm.EXTRACT:
            locked.extract_content = extract_content.strip()
        locked.device, locked.photo_subject, locked.photo_place = (
            device.strip(),
            photo_subject.strip(),
            photo_place,
        )
        base = (Copy.objects.filter(item=item).aggregate(n=Max("number"))["n"] or 0) + 1
        kept = made - spoiled
        require(check_copy_marks(RULES_FORM[locked.form], set(_marks(locked, base, on, expiry)), on), "form")
        year = on.year
        locked.seq, locked.year = next_number(locked.agency_id, "copy", year), year
        copies = []
        for offset in range(made):
            number = base + offset
            good = offset < kept
            copies.append(
                Copy.objects.create(
                    item=item,
                    number=number,
                    form=locked.form,
                    source_copy=src,
                    level=level,
                    level_rank=RANK[level],
                    expires_on=expiry,
                    marks=_marks(locked, number, on, expiry),
                    custodian=person,
                    location=None,
                    status=CopyStatus.ACTIVE if good else CopyStatus.SPOILED,
                    status_changed_on=None if good else on,
                    made_on=on,
                    made_by=person,
                )
            )
        numbers = [c.number for c in copies if c.status == CopyStatus.ACTIVE]
        locked.copy_numbers = ", ".join(f"{n:02d}" for n in numbers)
        record = {
            "date": fmt(on),
            "item": str(item),
            "form": RULES_FORM[locked.form],
            "quantity": kept,
            "approver": locked.approver.full_name if locked.approver else "",
            "executor": person.full_name,
            "recipients": locked.recipient.full_name,
            "copy_numbers": locked.copy_numbers,
        }
        require(check_record("R-COPY-4", record, on))
        locked.executor, locked.executed_on = person, on
        locked.made, locked.spoiled, locked.status = made, spoiled, RequestStatus.EXECUTED
        locked.save()
        locked.copies.set(copies)
        audit.record(
            actor,
            "copying.request.execute",
            locked,
            summary={
                "item": item.pk,
                "register": f"{locked.seq}/{year}",
                "numbers": locked.copy_numbers,
                "made": made,
                "spoiled": spoiled,
            },
        )
        if locked.recipient_id != person.pk:
            for c in copies[:kept]:
                hand_over(
                    actor,
                    item=item,
                    copy=c,
                    purpose="issue",
                    to_person=locked.recipient,
                    receipt_kind="receipt",
                    receipt_no=f"SC-{locked.seq}/{year}-{c.number:02d}",
                    reference=f"Sổ sao, chụp số {locked.seq}/{year}",
                    audit_action="copying.copy.issue",
                )
        return locked

    return act(actor, "copying.request.execute", req, body)
