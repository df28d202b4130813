"""Destruction (Law Art. 23; R-DEST-1..6): by council and decision, or urgently by the custodian.

The item's metadata and audit history stay; the item, its copies and its encrypted files are destroyed
(files crypto-shredded: the key is erased so the ciphertext can never be opened again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.lifecycle.models import ActStatus, Council, Destruction, DestructionCase, Minutes
from bmnn.lifecycle.services.common import (
    act,
    actor_person,
    agency_head_of,
    check_clearance,
    decide_any,
    is_registry_staff,
    lock_item,
    require,
    require_head,
    system_refusal,
    today,
)
from bmnn.lifecycle.services.councils import MemberInput, form_council, rules_council
from bmnn.organizations.models import Person
from bmnn.registry.models import Item, ItemFile, Status
from bmnn.rules import Level, check_record, may_destroy, regime_for
from bmnn.rules.dates import fmt
from bmnn.vault import services as vault

DESTROYABLE = (Status.DETERMINED, Status.RECEIVED, Status.DECLASSIFIED)


def _destroyable(item: Item, on: dt.date) -> None:
    if item.status not in DESTROYABLE or not item.level:
        raise system_refusal(
            f"tài liệu đang ở trạng thái “{item.get_status_display()}”, không thể tiêu hủy", "R-DEST-1", on
        )


def _method_checks(method: str, witnesses: str, unrecoverable: bool, on: dt.date) -> None:
    record = {
        "method": method.strip(),
        "witnesses": witnesses.strip(),
        "unrecoverable": unrecoverable or None,
    }
    require(check_record("R-DEST-6", record, on), "method")


def _carry_out(actor: Any, row: Destruction, item: Item, person: Person, on: dt.date) -> None:
    copies = Copy.objects.filter(item=item).exclude(status__in=["destroyed", "spoiled"])
    row.copies_destroyed = copies.update(status="destroyed", status_changed_on=on)
    shredded = 0
    for f in ItemFile.objects.filter(item=item).select_related("blob"):
        if not f.blob.is_shredded:
            vault.shred(
                actor, f.blob, f"Tiêu hủy BMNN theo {row.decision_number or 'báo cáo tiêu hủy khẩn cấp'}"
            )
            shredded += 1
    row.files_shredded = shredded
    row.executed_on, row.executed_by, row.status = on, person, ActStatus.DONE
    item.status, item.destroyed_on = Status.DESTROYED, on
    marks = dict(item.marks or {})
    marks["destroyed"] = {"on": fmt(on), "method": row.method, "case": row.case}
    item.marks = marks
    item.save(update_fields=["status", "destroyed_on", "marks", "updated_at"])


def propose_destruction(actor: Any, item: Item, *, reason: str, on: dt.date | None = None) -> Destruction:
    """Propose destroying an item that is no longer needed (Art. 23.1(a))."""
    on = on or today()

    def body() -> Destruction:
        person = actor_person(actor, on)
        locked = lock_item(item)
        _destroyable(locked, on)
        check_clearance(person, locked.level, on)
        if not reason.strip():
            raise Refused("Phải ghi lý do đề nghị tiêu hủy.", field="reason")
        if Destruction.objects.filter(
            item=locked, status__in=[ActStatus.PROPOSED, ActStatus.APPROVED]
        ).exists():
            raise system_refusal("đã có đề nghị tiêu hủy đang xử lý", "R-DEST-1", on)
        row = Destruction.objects.create(
            item=locked,
            agency_id=locked.agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            case=DestructionCase.NO_LONGER_NEEDED,
            regime=regime_for(on).id,
            created_by=actor,
        )
        audit.record(actor, "lifecycle.destruction.propose", row, summary={"item": locked.pk})
        return row

    return act(actor, "lifecycle.destruction.propose", item, body)


def form_destruction_council(
    actor: Any,
    row: Destruction,
    *,
    decision_number: str,
    chair: Person,
    members: Iterable[MemberInput],
    on: dt.date | None = None,
) -> Council:
    on = on or today()
    if row.status != ActStatus.PROPOSED:
        raise system_refusal("đề nghị tiêu hủy không còn chờ quyết định", "R-DEST-3", on)
    council = form_council(
        actor,
        kind="destruction",
        agency_id=row.agency_id,
        decision_number=decision_number,
        chair=chair,
        members=members,
        on=on,
    )
    Destruction.objects.filter(pk=row.pk).update(council=council)
    row.council = council
    return council


def decide_destruction(
    actor: Any,
    destruction: Destruction,
    *,
    approve: bool,
    decision_number: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Destruction:
    """An Art. 11.1/11.2 authority decides after the council met (R-DEST-2/3)."""
    on = on or today()
    action = "lifecycle.destruction.approve" if approve else "lifecycle.destruction.refuse"

    def body() -> Destruction:
        person = actor_person(actor, on)
        row = Destruction.objects.select_for_update().get(pk=destruction.pk)
        locked = lock_item(row.item)
        if row.status != ActStatus.PROPOSED:
            raise system_refusal("đề nghị tiêu hủy đã được quyết định", "R-DEST-2", on)
        _destroyable(locked, on)
        if not approve:
            require_head(person, locked.agency_id, "R-DEST-2", on, "không tiêu hủy")
            if not note.strip():
                raise Refused("Phải ghi rõ lý do không tiêu hủy.", field="note")
            row.decided_by, row.decided_on, row.note = person, on, note
            row.status = ActStatus.REFUSED
            row.save()
            audit.record(actor, action, row, summary={"item": locked.pk, "note": note})
            return row
        council = row.council
        shape = rules_council(council, on) if council else None
        decision = decide_any(
            person,
            on,
            lambda p: may_destroy(
                Level[locked.level],
                p,
                on,
                case=row.case,
                council=shape,
                holding_agency=str(locked.agency_id),
            ),
        )
        row.decided_by, row.decided_on, row.note = person, on, note
        row.regime, row.reasons = decision.regime, [r.as_dict() for r in decision.reasons]
        if council is None or not council.minutes.exists():
            require(check_record("R-DEST-5", {"council_decision": council, "items": [locked.pk]}, on))
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định tiêu hủy.", field="decision_number")
        row.decision_number, row.status = decision_number.strip(), ActStatus.APPROVED
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={"item": locked.pk, "decision_number": row.decision_number, "regime": decision.regime},
        )
        return row

    return act(actor, action, destruction, body)


def execute_destruction(
    actor: Any,
    destruction: Destruction,
    *,
    method: str,
    witnesses: str,
    unrecoverable: bool,
    place: str = "",
    on: dt.date | None = None,
) -> Destruction:
    """Carry out a decided destruction and record the destruction minutes (R-DEST-5/6)."""
    on = on or today()
    action = "lifecycle.destruction.execute"

    def body() -> Destruction:
        person = actor_person(actor, on)
        row = Destruction.objects.select_for_update().get(pk=destruction.pk)
        locked = lock_item(row.item)
        if row.status != ActStatus.APPROVED:
            raise system_refusal("chưa có quyết định tiêu hủy", "R-DEST-2", on)
        _destroyable(locked, on)
        council = row.council
        allowed = {row.decided_by_id, locked.custodian_id}
        if council is not None:
            allowed |= set(council.members.values_list("person_id", flat=True))
        if person.pk not in allowed and not (
            is_registry_staff(actor) and person.agency_id == locked.agency_id
        ):
            raise system_refusal(
                "chỉ thành viên Hội đồng, người quản lý hoặc cán bộ bảo mật thực hiện tiêu hủy",
                "R-DEST-3",
                on,
            )
        _method_checks(method, witnesses, unrecoverable, on)
        row.method, row.witnesses, row.unrecoverable, row.place = (
            method.strip(),
            witnesses.strip(),
            True,
            place,
        )
        Minutes.objects.create(
            kind="destruction",
            council=council,
            destruction=row,
            held_on=on,
            place=place.strip(),
            attendees=witnesses.strip(),
            content=f"Phương pháp tiêu hủy: {method.strip()}",
            conclusion="Tài liệu, vật chứa BMNN đã bị thay đổi hình dạng, tính năng, không thể phục hồi.",
            recorded_by=person,
        )
        minutes = council.minutes.filter(kind="council").first() if council else None
        dossier = {
            "council_decision": council.decision_number if council else "",
            "items": [locked.pk],
            "minutes": minutes.pk if minutes else None,
            "decision": row.decision_number,
            "destruction_minutes": True,
        }
        require(check_record("R-DEST-5", dossier, on))
        _carry_out(actor, row, locked, person, on)
        row.dossier, row.archived_on = dossier, on
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": locked.pk,
                "destroyed_on": fmt(on),
                "method": row.method,
                "witnesses": row.witnesses,
                "copies": row.copies_destroyed,
                "files_shredded": row.files_shredded,
            },
        )
        return row

    return act(actor, action, destruction, body)


def destroy_urgent(
    actor: Any,
    item: Item,
    *,
    reason: str,
    method: str,
    witnesses: str,
    unrecoverable: bool,
    report: str,
    place: str = "",
    on: dt.date | None = None,
) -> Destruction:
    """Art. 23.1(b), 23.3(c): the custodian destroys at once when keeping it would cause harm, and files
    a written report to the head immediately (R-DEST-4)."""
    on = on or today()
    action = "lifecycle.destruction.urgent"

    def body() -> Destruction:
        person = actor_person(actor, on)
        locked = lock_item(item)
        _destroyable(locked, on)
        require(
            may_destroy(
                Level[locked.level],
                positions_first(person, on),
                on,
                case="URGENT_HARM",
                is_custodian=locked.custodian_id == person.pk,
                report_filed=bool(report.strip()),
            ),
            "report",
        )
        if not reason.strip():
            raise Refused("Phải ghi lý do tiêu hủy khẩn cấp.", field="reason")
        _method_checks(method, witnesses, unrecoverable, on)
        row = Destruction.objects.create(
            item=locked,
            agency_id=locked.agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            case=DestructionCase.URGENT_HARM,
            decided_by=person,
            decided_on=on,
            regime=regime_for(on).id,
            method=method.strip(),
            witnesses=witnesses.strip(),
            unrecoverable=True,
            place=place.strip(),
            report=report.strip(),
            report_to=agency_head_of(locked.agency_id, on),
            created_by=actor,
        )
        Minutes.objects.create(
            kind="destruction",
            destruction=row,
            held_on=on,
            place=place.strip(),
            attendees=witnesses.strip(),
            content=f"Phương pháp tiêu hủy: {method.strip()}",
            conclusion="Tài liệu, vật chứa BMNN đã bị thay đổi hình dạng, tính năng, không thể phục hồi.",
            recorded_by=person,
        )
        _carry_out(actor, row, locked, person, on)
        row.dossier = {"report": True, "destruction_minutes": True, "items": [locked.pk]}
        row.archived_on = on
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": locked.pk,
                "destroyed_on": fmt(on),
                "report_to": row.report_to_id,
                "copies": row.copies_destroyed,
                "files_shredded": row.files_shredded,
            },
        )
        return row

    return act(actor, action, item, body)


def positions_first(person: Person, on: dt.date) -> Any:
    from bmnn.lifecycle.services.common import positions_of

    return positions_of(person, on)[0]
