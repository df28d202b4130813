"""Meetings, conferences and seminars with BMNN content (Law Art. 17; Decree 26 Art. 6):
R-MEET-1 (approval and record), R-MEET-2 (venue), R-MEET-3 (devices), R-RECALL-3 (recall at the end)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from bmnn.core import audit
from bmnn.custody.models import Copy, Location
from bmnn.custody.services.handover import hand_over
from bmnn.movement.models import Meeting, MeetingDocument, MeetingGuest, MeetingStatus, VenueKind
from bmnn.movement.services.common import staff_for
from bmnn.organizations.authority import competent
from bmnn.organizations.models import Person
from bmnn.registry.models import Incident, Item
from bmnn.registry.services.common import (
    RANK,
    act,
    actor_person,
    agency_heads,
    require,
    system_refusal,
    today,
)
from bmnn.rules import (
    Level,
    check_meeting_devices,
    check_meeting_recall,
    check_meeting_venue,
    may_hold_meeting,
)

# A document not returned at the end of a meeting: a suspected leak or loss (rule R-RECALL-3).
INCIDENT_KIND = "loss"


def create_meeting(
    actor: Any,
    *,
    title: str,
    level: str,
    held_on: dt.date,
    chair: Person,
    venue_kind: str,
    venue: str,
    protection_plan: str,
    attendees: list[Person],
    security_check_ref: str = "",
    guests: str = "",
    guest_list: Sequence[Mapping[str, str]] = (),
    online: bool = False,
    cryptographic_line: bool = False,
    devices_allowed: bool = False,
    wired_microphones: bool = True,
) -> Meeting:
    on = today()

    def body() -> Meeting:
        person = actor_person(actor, on)
        if level not in Level.__members__:
            raise system_refusal("độ mật không hợp lệ", "R-MEET-1", on, field="level")
        if venue_kind not in VenueKind.values:
            raise system_refusal("loại địa điểm không hợp lệ", "R-MEET-2", on, field="venue_kind")
        records = [_guest(g, on) for g in guest_list]
        meeting = Meeting.objects.create(
            agency_id=person.agency_id,
            title=title.strip(),
            level=level,
            held_on=held_on,
            chair=chair,
            venue_kind=venue_kind,
            venue=venue.strip(),
            security_check_ref=security_check_ref.strip(),
            protection_plan=protection_plan.strip(),
            guests=guests.strip(),
            online=online,
            cryptographic_line=cryptographic_line,
            devices_allowed=devices_allowed,
            wired_microphones=wired_microphones,
            created_by=actor,
        )
        meeting.attendees.set(attendees)
        for record in records:
            record.meeting = meeting
        MeetingGuest.objects.bulk_create(records)
        audit.record(
            actor,
            "movement.meeting.create",
            meeting,
            summary={"level": level, "title": meeting.title, "guests": len(records)},
        )
        return meeting

    return act(actor, "movement.meeting.create", None, body)


def _guest(row: Mapping[str, str], on: dt.date) -> MeetingGuest:
    """An outside guest: full name, organisation and identity paper are all required (the attendee
    list of the meeting record, Law Art. 17.1)."""
    name, org, paper = ((row.get(k) or "").strip() for k in ("full_name", "organisation", "id_number"))
    if not (name and org and paper):
        raise system_refusal(
            "khách mời phải ghi đủ họ tên, cơ quan, tổ chức và số căn cước hoặc hộ chiếu",
            "R-MEET-1",
            on,
            field="guests",
        )
    return MeetingGuest(full_name=name[:255], organisation=org[:255], id_number=paper[:40])


def meeting_record(meeting: Meeting, approving: bool = True) -> dict[str, Any]:
    """The R-MEET-1 record (Law Art. 17.1), keyed as ``checklists.toml``."""
    return {
        "approval": approving,
        "attendees": meeting.attendees.exists()
        or meeting.guest_list.exists()
        or bool(meeting.guests.strip()),
        "venue": bool(meeting.venue.strip()),
        # the equipment itself is judged by R-MEET-3 (check_meeting_devices) in the same approval
        "equipment": True,
        "protection_plan": meeting.protection_plan.strip(),
        # recall is the system's own step: every handed-out document is recalled at closing.
        "recall_plan": True,
    }


def approve_meeting(actor: Any, meeting: Meeting) -> Meeting:
    """R-MEET-1 (authority and record), R-MEET-2 (venue), R-MEET-3 (devices)."""
    on = today()

    def body() -> Meeting:
        person = actor_person(actor, on)
        if meeting.status != MeetingStatus.REQUESTED:
            raise system_refusal("cuộc họp đã được phê duyệt hoặc đã kết thúc", "R-MEET-1", on)
        level = Level[meeting.level]
        record = meeting_record(meeting)
        _decision, delegation = competent(
            person, on, lambda p, d: may_hold_meeting(level, p, on, record=record, delegation=d)
        )
        inside = meeting.venue_kind == VenueKind.PREMISES
        require(
            check_meeting_venue(inside, inside, bool(meeting.security_check_ref.strip()), on),
            field="security_check_ref",
        )
        require(
            check_meeting_devices(
                level,
                on,
                attendee_devices=meeting.devices_allowed,
                chair_allows_devices=meeting.devices_allowed,
                wired_microphones=meeting.wired_microphones,
                online=meeting.online,
                cryptographic_line=meeting.cryptographic_line,
            ),
            field="devices_allowed",
        )
        meeting.status = MeetingStatus.APPROVED
        meeting.approver = person
        meeting.delegation = delegation
        meeting.approved_on = on
        meeting.save(update_fields=["status", "approver", "delegation", "approved_on"])
        audit.record(
            actor,
            "movement.meeting.approve",
            meeting,
            summary={"approver": person.pk, "delegation": delegation.pk if delegation else None},
        )
        return meeting

    return act(actor, "movement.meeting.approve", meeting, body)


def _organiser(actor: Any, person: Person, meeting: Meeting, on: dt.date) -> None:
    if not (person.pk == meeting.chair_id or staff_for(actor, meeting.agency_id)):
        raise system_refusal(
            "chỉ chủ trì cuộc họp hoặc văn thư, cán bộ bảo mật được phát, thu hồi tài liệu", "R-MEET-1", on
        )


def hand_out_document(
    actor: Any,
    meeting: Meeting,
    *,
    item: Item,
    to_person: Person,
    copy: Copy | None = None,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
) -> MeetingDocument:
    on = today()

    def body() -> MeetingDocument:
        person = actor_person(actor, on)
        if meeting.status != MeetingStatus.APPROVED:
            raise system_refusal("cuộc họp chưa được người có thẩm quyền phê duyệt", "R-MEET-1", on)
        _organiser(actor, person, meeting, on)
        if not meeting.attendees.filter(pk=to_person.pk).exists():
            raise system_refusal(
                "người nhận không có trong danh sách tham dự", "R-MEET-1", on, field="to_person"
            )
        level = copy.level if copy is not None else item.level
        if RANK[level] > RANK[meeting.level]:
            raise system_refusal(
                "tài liệu có độ mật cao hơn độ mật của cuộc họp", "R-MEET-1", on, field="item"
            )
        line = hand_over(
            actor,
            item=item,
            copy=copy,
            purpose="meeting",
            to_person=to_person,
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            reference=meeting.reference,
            audit_action="movement.meeting.hand_out",
        )
        return MeetingDocument.objects.create(
            meeting=meeting, item=item, copy=copy, holder=to_person, out_handover=line
        )

    return act(actor, "movement.meeting.hand_out", meeting, body)


def recall_document(
    actor: Any,
    document: MeetingDocument,
    *,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
    to_location: Location | None = None,
) -> MeetingDocument:
    """The attendee gives the document back to whoever handed it out (custody ``meeting_return``)."""
    on = today()
    meeting = document.meeting

    def body() -> MeetingDocument:
        person = actor_person(actor, on)
        _organiser(actor, person, meeting, on)
        if document.returned or meeting.status != MeetingStatus.APPROVED:
            raise system_refusal("tài liệu đã được thu hồi hoặc cuộc họp đã kết thúc", "R-RECALL-3", on)
        out = document.out_handover
        line = hand_over(
            actor,
            item=document.item,
            copy=document.copy,
            purpose="meeting_return",
            to_person=out.from_person,
            to_location=to_location if to_location is not None else out.from_location,
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            reference=meeting.reference,
            audit_action="movement.meeting.recall",
        )
        document.return_handover = line
        document.save(update_fields=["return_handover"])
        return document

    return act(actor, "movement.meeting.recall", meeting, body)


def close_meeting(actor: Any, meeting: Meeting) -> Meeting:
    """R-RECALL-3: anything not returned opens a leak/loss incident stub (one per document)."""
    on = today()

    def body() -> Meeting:
        person = actor_person(actor, on)
        _organiser(actor, person, meeting, on)
        if meeting.status != MeetingStatus.APPROVED:
            raise system_refusal("cuộc họp chưa được phê duyệt hoặc đã kết thúc", "R-MEET-1", on)
        docs = list(meeting.documents.select_related("item", "holder"))
        missing = [d for d in docs if not d.returned]
        decision = check_meeting_recall(len(docs), len(docs) - len(missing), on)
        heads = agency_heads(meeting.agency_id, on)
        for doc in missing:
            incident = Incident.objects.create(
                agency_id=meeting.agency_id,
                kind=INCIDENT_KIND,
                item=doc.item,
                description=(
                    f'Nghi lộ, mất BMNN: tài liệu "{doc.item.title}"'
                    + (f" (bản sao số {doc.copy.number:02d})" if doc.copy else "")
                    + f' phát cho {doc.holder.full_name} tại cuộc họp "{meeting.title}" ngày '
                    f"{meeting.held_on:%d/%m/%Y} chưa được thu hồi khi kết thúc cuộc họp (R-RECALL-3)."
                ),
                rule_id="R-RECALL-3",
                notified=heads[0] if heads else None,
                opened_by=actor,
            )
            doc.incident = incident
            doc.save(update_fields=["incident"])
            audit.record(actor, "movement.meeting.incident", incident, summary={"meeting": meeting.pk})
        meeting.status = MeetingStatus.CLOSED_INCIDENT if missing else MeetingStatus.CLOSED
        meeting.closed_on = on
        meeting.save(update_fields=["status", "closed_on"])
        audit.record(
            actor,
            "movement.meeting.close",
            meeting,
            summary={"distributed": len(docs), "missing": len(missing), "allowed": decision.allowed},
        )
        return meeting

    return act(actor, "movement.meeting.close", meeting, body)
