"""Destruction (Law Art. 23; R-DEST-1..6): by council and decision, or urgently by the custodian.

The item's metadata and audit history stay; the item, its copies and its encrypted files are destroyed
(files crypto-shredded: the key is erased so the ciphertext can never be opened again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.lifecycle.models import ActStatus, Council, Destruction, DestructionCase, Minutes
from bmnn.lifecycle.services.common import (
    about,
    act,
    actor_person,
    agency_head_of,
    check_clearance,
    decide_any,
    is_registry_staff,
    items_of,
    lock_item,
    lock_items,
    positions_of,
    refuse_act,
    require,
    system_refusal,
    today,
)
from bmnn.lifecycle.services.councils import MemberInput, rules_council
from bmnn.lifecycle.services.flow import attach_council, council_dossier, lock_open, pending
from bmnn.organizations.models import Person
from bmnn.registry.models import Item, ItemFile, Status
from bmnn.rules import Decision, Level, Position, check_record, may_destroy, regime_for
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


def _carry_out(actor: Any, row: Destruction, items: list[Item], person: Person, on: dt.date) -> None:
    copies = shredded = 0
    for item in items:
        live = Copy.objects.filter(item=item).exclude(status__in=["destroyed", "spoiled"])
        copies += live.update(status="destroyed", status_changed_on=on)
        for f in ItemFile.objects.filter(item=item).select_related("blob"):
            if not f.blob.is_shredded:
                why = row.decision_number or "báo cáo tiêu hủy khẩn cấp"
                vault.shred(actor, f.blob, f"Tiêu hủy BMNN theo {why}")
                shredded += 1
        item.status, item.destroyed_on = Status.DESTROYED, on
        marks = dict(item.marks or {})
        marks["destroyed"] = {"on": fmt(on), "method": row.method, "case": row.case}
        item.marks = marks
        item.save(update_fields=["status", "destroyed_on", "marks", "updated_at"])
    row.copies_destroyed, row.files_shredded = copies, shredded
    row.executed_on, row.executed_by, row.status = on, person, ActStatus.DONE


def _destruction_minutes(row: Destruction, council: Council | None, person: Person, on: dt.date) -> None:
    Minutes.objects.create(
        kind="destruction",
        council=council,
        destruction=row,
        held_on=on,
        place=row.place,
        attendees=row.witnesses,
        content=f"Phương pháp tiêu hủy: {row.method}",
        conclusion="Tài liệu, vật chứa BMNN đã bị thay đổi hình dạng, tính năng, không thể phục hồi.",
        recorded_by=person,
    )


def propose_destruction(
    actor: Any, item: Item | Sequence[Item], *, reason: str, on: dt.date | None = None
) -> Destruction:
    """Propose destroying one item or a list of items of the same body that are no longer needed
    (Art. 23.1(a)); the council reviews and the head decides them in one decision."""
    on = on or today()
    listed = items_of(item)

    def body() -> Destruction:
        person = actor_person(actor, on)
        if not reason.strip():
            raise Refused("Phải ghi lý do đề nghị tiêu hủy.", field="reason")
        locked = lock_items(listed, "R-DEST-1", on)
        many = len(locked) > 1
        for it in locked:
            with about(it, many):
                _destroyable(it, on)
                check_clearance(person, it.level, on)
                if pending(Destruction, it, ["proposed", "approved"]):
                    raise system_refusal("đã có đề nghị tiêu hủy đang xử lý", "R-DEST-1", on)
        row = Destruction.objects.create(
            item=locked[0],
            agency_id=locked[0].agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            case=DestructionCase.NO_LONGER_NEEDED,
            regime=regime_for(on).id,
            created_by=actor,
        )
        row.items.set(locked)
        audit.record(
            actor,
            "lifecycle.destruction.propose",
            row,
            summary={"item": locked[0].pk, "items": [i.pk for i in locked]},
        )
        return row

    return act(actor, "lifecycle.destruction.propose", listed[0] if listed else None, body)


def form_destruction_council(
    actor: Any,
    row: Destruction,
    *,
    decision_number: str,
    chair: Person,
    members: Iterable[MemberInput],
    on: dt.date | None = None,
) -> Council:
    return attach_council(
        actor,
        row,
        kind="destruction",
        open_=row.status == ActStatus.PROPOSED,
        refusal="đề nghị tiêu hủy không còn chờ quyết định",
        rule_id="R-DEST-3",
        decision_number=decision_number,
        chair=chair,
        members=members,
        on=on or today(),
    )


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
        row, locked, many = lock_open(
            Destruction,
            destruction.pk,
            status="proposed",
            refusal="đề nghị tiêu hủy đã được quyết định",
            rule_id="R-DEST-2",
            on=on,
            check=lambda it: _destroyable(it, on),
        )
        pks = [i.pk for i in locked]
        if not approve:
            return refuse_act(
                actor, action, row, person, on, note=note, items=locked, rule_id="R-DEST-2", what="tiêu hủy"
            )
        council = row.council
        shape = rules_council(council, on) if council else None

        def may(it: Item) -> Callable[[Position], Decision]:
            return lambda p: may_destroy(
                Level[it.level], p, on, case=row.case, council=shape, holding_agency=str(it.agency_id)
            )

        for it in locked:  # the decider needs the authority for every item's level (Art. 11.1/11.2)
            with about(it, many):
                decision = decide_any(person, on, may(it))
        row.decided_by, row.decided_on, row.note = person, on, note
        row.regime, row.reasons = decision.regime, [r.as_dict() for r in decision.reasons]
        if council is None or not council.minutes.exists():
            require(check_record("R-DEST-5", {"council_decision": council, "items": pks}, on))
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định tiêu hủy.", field="decision_number")
        row.decision_number, row.status = decision_number.strip(), ActStatus.APPROVED
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": pks[0],
                "items": pks,
                "decision_number": row.decision_number,
                "regime": decision.regime,
            },
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
        row, locked, _many = lock_open(
            Destruction,
            destruction.pk,
            status="approved",
            refusal="chưa có quyết định tiêu hủy",
            rule_id="R-DEST-2",
            on=on,
            check=lambda it: _destroyable(it, on),
        )
        council = row.council
        allowed = {row.decided_by_id, *(i.custodian_id for i in locked)}
        if council is not None:
            allowed |= set(council.members.values_list("person_id", flat=True))
        if person.pk not in allowed and not (
            is_registry_staff(actor) and person.agency_id == locked[0].agency_id
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
            place.strip(),
        )
        _destruction_minutes(row, council, person, on)
        minutes = council.minutes.filter(kind="council").first() if council else None
        dossier = council_dossier(council, minutes, locked, row.decision_number)
        dossier["destruction_minutes"] = True
        require(check_record("R-DEST-5", dossier, on))
        _carry_out(actor, row, locked, person, on)
        row.dossier, row.archived_on = dossier, on
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": locked[0].pk,
                "items": dossier["items"],
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
                positions_of(person, on)[0],
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
        row.items.set([locked])
        _destruction_minutes(row, None, person, on)
        _carry_out(actor, row, [locked], person, on)
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
