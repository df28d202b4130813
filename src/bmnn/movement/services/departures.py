"""Recall on departure (Law Art. 26.2(d), R-RECALL-1; on death Law Art. 25, R-RECALL-2).

A departure lists everything the person holds; each thing is handed over (purpose ``recall``) through
the custody core; the written protection commitment is stored in the vault; completion is refused while
anything is held or the commitment is missing, and then ends the person's posts and sets them as left
through ``organizations.services.end_for_departure`` (in the same transaction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db.models import QuerySet

from bmnn.core import audit
from bmnn.custody.models import Copy, Handover, Location
from bmnn.custody.services.handover import hand_over
from bmnn.movement.models import (
    Departure,
    DepartureReason,
    DepartureStatus,
    MeetingDocument,
    TakeOut,
    TakeOutLine,
    TakeOutStatus,
)
from bmnn.movement.services.common import staff_for
from bmnn.movement.services.takeouts import mark_returned_by
from bmnn.organizations import selectors as org_selectors
from bmnn.organizations import services as org_services
from bmnn.organizations.models import Person, PersonStatus
from bmnn.registry.models import Item
from bmnn.registry.services.common import act, actor_person, system_refusal, today
from bmnn.rules import check_offboarding_recall
from bmnn.vault import services as vault

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Holdings:
    items: list[Item] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    take_outs: list[TakeOut] = field(default_factory=list)
    meeting_documents: list[MeetingDocument] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items) + len(self.copies) + len(self.take_outs) + len(self.meeting_documents)

    def __bool__(self) -> bool:
        return self.count > 0


def held_items(person: Person) -> QuerySet[Item]:
    return Item.objects.filter(custodian=person).exclude(status="destroyed").order_by("pk")


def held_copies(person: Person) -> QuerySet[Copy]:
    return Copy.objects.filter(custodian=person, status="active").select_related("item").order_by("pk")


def holdings(person: Person) -> Holdings:
    """Everything ``person`` still holds: items and active copies in their custody, take-outs they carry
    that are not returned, and meeting documents handed to them and not returned."""
    return Holdings(
        items=list(held_items(person)),
        copies=list(held_copies(person)),
        take_outs=list(
            TakeOut.objects.filter(carrier=person, status=TakeOutStatus.OUT).select_related("item")
        ),
        meeting_documents=list(
            MeetingDocument.objects.filter(holder=person, return_handover__isnull=True)
            .exclude(meeting__status__in=["closed", "closed_incident"])
            .select_related("item", "meeting")
        ),
    )


def _may_manage_departures(actor: Any, person: Person, on: dt.date) -> None:
    if not (staff_for(actor, person.agency_id) or org_selectors.can_manage(actor)):
        raise system_refusal(
            "chỉ cán bộ bảo mật, văn thư hoặc quản trị tổ chức của cơ quan được tổ chức thu hồi BMNN",
            "ACCESS-GRANT",
            on,
            article="5",
        )


def start_departure(
    actor: Any, person: Person, reason: str, effective_on: dt.date | None = None, note: str = ""
) -> Departure:
    on = today()

    def body() -> Departure:
        actor_person(actor, on)
        _may_manage_departures(actor, person, on)
        if reason not in DepartureReason.values:
            raise system_refusal("lý do nghỉ việc không hợp lệ", "R-RECALL-1", on, field="reason")
        if person.status != PersonStatus.ACTIVE:
            raise system_refusal("người này không còn công tác", "R-RECALL-1", on, field="person")
        if Departure.objects.filter(person=person, status=DepartureStatus.OPEN).exists():
            raise system_refusal(
                "đã có thủ tục thu hồi đang mở cho người này", "R-RECALL-1", on, field="person"
            )
        departure = Departure.objects.create(
            agency_id=person.agency_id,
            person=person,
            reason=reason,
            effective_on=effective_on or on,
            note=note,
            started_by=actor,
            started_on=on,
        )
        held = holdings(person)
        audit.record(
            actor,
            "movement.departure.start",
            departure,
            summary={
                "person": person.pk,
                "reason": reason,
                "items": [i.pk for i in held.items],
                "copies": [c.pk for c in held.copies],
            },
        )
        return departure

    return act(actor, "movement.departure.start", person, body)


def _open(departure: Departure, on: dt.date) -> None:
    if departure.status != DepartureStatus.OPEN:
        raise system_refusal("thủ tục thu hồi đã hoàn tất", "R-RECALL-1", on)


def recall(
    actor: Any,
    departure: Departure,
    *,
    item: Item,
    copy: Copy | None = None,
    to_person: Person,
    to_location: Location | None = None,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
    note: str = "",
) -> Handover:
    """Hand one item or copy the departing person holds over to ``to_person`` (purpose ``recall``).

    A take-out the person carries is marked returned, and a meeting document marked returned, by the
    same handover line."""
    on = today()

    def body() -> Handover:
        actor_person(actor, on)
        _may_manage_departures(actor, departure.person, on)
        _open(departure, on)
        holder = copy if copy is not None else item
        if holder.custodian_id != departure.person_id:
            raise system_refusal(
                "tài liệu, bản sao này không do người nghỉ việc đang giữ", "R-RECALL-1", on, field="item"
            )
        if to_person.pk == departure.person_id:
            raise system_refusal("người nhận phải là người khác", "R-RECALL-1", on, field="to_person")
        line = hand_over(
            actor,
            item=item,
            copy=copy,
            purpose="recall",
            to_person=to_person,
            to_location=to_location,
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            reference=departure.reference,
            note=note,
            audit_action="movement.departure.recall",
        )
        for row in TakeOutLine.objects.filter(
            take_out__carrier=departure.person,
            take_out__status=TakeOutStatus.OUT,
            item=item,
            copy=copy,
            out_handover__isnull=False,
            return_handover__isnull=True,
        ).select_related("take_out"):
            mark_returned_by(row.take_out, row, line, on)
        MeetingDocument.objects.filter(
            holder=departure.person, item=item, copy=copy, return_handover__isnull=True
        ).update(return_handover=line)
        return line

    return act(actor, "movement.departure.recall", departure, body)


def store_commitment(
    actor: Any, departure: Departure, fileobj: BinaryIO, filename: str, content_type: str = "", size: int = 0
) -> Departure:
    """Store the written protection commitment (encrypted in the vault)."""
    on = today()

    def body() -> Departure:
        actor_person(actor, on)
        _may_manage_departures(actor, departure.person, on)
        _open(departure, on)
        if size > MAX_BYTES:
            raise system_refusal("tệp cam kết quá lớn (tối đa 20 MB)", "R-RECALL-1", on, field="commitment")
        if not filename.strip():
            raise system_refusal("chưa chọn tệp cam kết", "R-RECALL-1", on, field="commitment")
        blob = vault.store(actor, fileobj, filename, content_type)
        departure.commitment = blob
        departure.commitment_filename = blob.original_filename
        departure.save(update_fields=["commitment", "commitment_filename"])
        audit.record(actor, "movement.departure.commitment", departure, summary={"blob": str(blob.pk)})
        return departure

    return act(actor, "movement.departure.commitment", departure, body)


def complete(actor: Any, departure: Departure) -> Departure:
    """R-RECALL-1 (R-RECALL-2 on death): refused while anything is held or the commitment is missing."""
    on = today()

    def body() -> Departure:
        actor_person(actor, on)
        _may_manage_departures(actor, departure.person, on)
        _open(departure, on)
        held = holdings(departure.person)
        decision = check_offboarding_recall(
            departure.reason, handed_over=not held, commitment=departure.commitment_id is not None, on=on
        )
        if not decision.allowed:
            from bmnn.core.errors import refused_by

            exc = refused_by(decision)
            if held:
                exc.message += f" — còn {held.count} tài liệu, bản sao chưa bàn giao"
            raise exc
        ended = org_services.end_for_departure(
            actor, departure.person, on, departure.reason, departure.reference
        )
        departure.status = DepartureStatus.COMPLETED
        departure.completed_on = on
        departure.completed_by = actor
        departure.save(update_fields=["status", "completed_on", "completed_by"])
        audit.record(
            actor,
            "movement.departure.complete",
            departure,
            summary={
                "person": departure.person_id,
                "assignments_ended": [a.pk for a in ended],
                "regime": decision.regime,
            },
        )
        return departure

    return act(actor, "movement.departure.complete", departure, body)
