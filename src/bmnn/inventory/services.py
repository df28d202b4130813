"""Stock-taking acts: open a session (expected holdings), record a line's outcome, add an unexpected
find, complete the session.  Each is one transaction with its audit event; a refusal changes nothing.

A missing line opens a ``registry.Incident`` stub of kind ``loss``, rule R-INC-1 (leak or loss: notify
the head at once, Law Art. 2, 26; Decree 26 Art. 8.1(b)), with a description that says it is a loss
found at stock-taking; the line keeps its own link to the incident.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, CopyStatus, Location
from bmnn.inventory.models import Outcome, SessionStatus, StockLine, StockTake
from bmnn.organizations.models import Person, Unit
from bmnn.registry.models import RANK, Incident, Item, Status
from bmnn.registry.services.common import (
    act,
    actor_person,
    agency_heads,
    is_registry_staff,
    system_refusal,
    today,
)

RULE = "R-IT-5"  # the inventory of BMNN containers (Law Art. 12.1)
LOSS_RULE = "R-INC-1"


def _staff(actor: Any, agency_id: int, on: dt.date) -> Person:
    person = actor_person(actor, on)
    if not is_registry_staff(actor) or person.agency_id != agency_id:
        raise system_refusal("chỉ văn thư, cán bộ bảo mật của cơ quan được kiểm kê BMNN", RULE, on)
    return person


def _level_ok(person: Person, level: str) -> bool:
    return RANK.get(person.clearance or "", 0) >= RANK.get(level, 3)


def open_session(
    actor: Any,
    *,
    title: str,
    unit: Unit | None = None,
    location: Location | None = None,
    custodian: Person | None = None,
    on: dt.date | None = None,
) -> StockTake:
    """Registry staff open a stock-taking of their agency (optionally one unit, location or custodian):
    the expected lines are the active originals and copies held there, up to the staff's clearance."""
    on = on or today()

    def body() -> StockTake:
        person = actor_person(actor, on)
        agency_id = person.agency_id
        _staff(actor, agency_id, on)
        if not title.strip():
            raise Refused("Phải ghi tên đợt kiểm kê.", field="title")
        for obj, name in ((unit, "unit"), (location, "location"), (custodian, "custodian")):
            if obj is not None and obj.agency_id != agency_id:
                raise Refused("Phạm vi kiểm kê phải thuộc cơ quan.", field=name)
        session = StockTake.objects.create(
            agency_id=agency_id,
            unit=unit,
            location=location,
            custodian=custodian,
            title=title.strip(),
            started_on=on,
            started_by=person,
            created_by=actor,
        )
        items = Item.objects.filter(
            agency_id=agency_id,
            status__in=[Status.DETERMINED, Status.RECEIVED],
            level_rank__lte=RANK[person.clearance],
        ).filter(Q(custodian__isnull=False) | Q(location__isnull=False))
        copies = Copy.objects.filter(
            item__agency_id=agency_id, status=CopyStatus.ACTIVE, level_rank__lte=RANK[person.clearance]
        )
        if unit is not None:
            items, copies = items.filter(unit=unit), copies.filter(item__unit=unit)
        if location is not None:
            items, copies = items.filter(location=location), copies.filter(location=location)
        if custodian is not None:
            items, copies = items.filter(custodian=custodian), copies.filter(custodian=custodian)
        lines = [
            StockLine(
                session=session,
                item=i,
                level=i.level,
                level_rank=i.level_rank,
                custodian_id=i.custodian_id,
                location_id=i.location_id,
            )
            for i in items
        ] + [
            StockLine(
                session=session,
                item_id=c.item_id,
                copy=c,
                level=c.level,
                level_rank=c.level_rank,
                custodian_id=c.custodian_id,
                location_id=c.location_id,
            )
            for c in copies
        ]
        StockLine.objects.bulk_create(lines)
        audit.record(actor, "inventory.session.open", session, summary={"expected": len(lines)})
        return session

    return act(actor, "inventory.session.open", None, body)


def _open(session_id: int, on: dt.date) -> StockTake:
    session = StockTake.objects.select_for_update().get(pk=session_id)
    if session.status != SessionStatus.OPEN:
        raise system_refusal("đợt kiểm kê đã kết thúc", RULE, on)
    return session


def record_outcome(
    actor: Any, line: StockLine, *, outcome: str, note: str = "", on: dt.date | None = None
) -> StockLine:
    """Mark an expected line found or missing.  Missing: the copy is marked missing and an incident stub
    is opened for the head (R-INC-1)."""
    on = on or today()

    def body() -> StockLine:
        session = _open(line.session_id, on)
        person = _staff(actor, session.agency_id, on)
        locked = (
            StockLine.objects.select_for_update(of=("self",)).select_related("item", "copy").get(pk=line.pk)
        )
        if outcome not in (Outcome.FOUND, Outcome.MISSING) or not locked.expected:
            raise Refused("Kết quả kiểm kê không hợp lệ.", field="outcome")
        if locked.outcome != Outcome.PENDING:
            raise Refused("Dòng này đã được ghi kết quả.", field="outcome")
        locked.outcome, locked.note, locked.checked_by = outcome, note.strip(), person
        if outcome == Outcome.MISSING:
            what = f"bản sao số {locked.copy.number:02d} của " if locked.copy else "bản gốc "
            heads = agency_heads(session.agency_id, on)
            locked.incident = Incident.objects.create(
                agency_id=session.agency_id,
                kind="loss",
                item=locked.item,
                description=(
                    f"Kiểm kê «{session.title}» ngày {on:%d/%m/%Y}: không tìm thấy {what}tài liệu "
                    f"«{locked.item}» (mất BMNN, phải báo cáo ngay). {locked.note}"
                ).strip(),
                rule_id=LOSS_RULE,
                notified=heads[0] if heads else None,
                opened_by=actor,
            )
            if locked.copy is not None:
                Copy.objects.filter(pk=locked.copy_id).update(status=CopyStatus.MISSING, status_changed_on=on)
        locked.save()
        audit.record(
            actor,
            "inventory.line.record",
            locked,
            summary={"session": session.pk, "outcome": outcome, "incident": locked.incident_id},
        )
        return locked

    return act(actor, "inventory.line.record", line, body)


def add_unexpected(
    actor: Any,
    session: StockTake,
    *,
    item: Item,
    copy: Copy | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> StockLine:
    """Something found that the list did not expect here (or not at all)."""
    on = on or today()

    def body() -> StockLine:
        locked = _open(session.pk, on)
        person = _staff(actor, locked.agency_id, on)
        if item.agency_id != locked.agency_id or (copy is not None and copy.item_id != item.pk):
            raise Refused("Tài liệu không thuộc cơ quan kiểm kê.", field="item")
        level = copy.level if copy else item.level
        if not level or not _level_ok(person, level):
            raise system_refusal("không được tiếp cận tài liệu này", "ACCESS-CLEARANCE", on, article="5")
        row = StockLine.objects.create(
            session=locked,
            item=item,
            copy=copy,
            level=level,
            level_rank=RANK[level],
            expected=False,
            custodian_id=(copy or item).custodian_id,
            location_id=(copy or item).location_id,
            outcome=Outcome.UNEXPECTED,
            note=note.strip(),
            checked_by=person,
        )
        audit.record(actor, "inventory.line.unexpected", row, summary={"session": locked.pk, "item": item.pk})
        return row

    return act(actor, "inventory.line.unexpected", session, body)


def complete(actor: Any, session: StockTake, *, note: str = "", on: dt.date | None = None) -> StockTake:
    """Close the session once every expected line has an outcome."""
    on = on or today()

    def body() -> StockTake:
        locked = _open(session.pk, on)
        person = _staff(actor, locked.agency_id, on)
        pending = locked.lines.filter(outcome=Outcome.PENDING).count()
        if pending:
            raise system_refusal(f"còn {pending} dòng chưa kiểm", RULE, on)
        locked.status, locked.completed_on, locked.completed_by = SessionStatus.COMPLETED, on, person
        locked.note = note.strip()
        locked.save()
        counts = {
            o: locked.lines.filter(outcome=o).count()
            for o in (Outcome.FOUND, Outcome.MISSING, Outcome.UNEXPECTED)
        }
        audit.record(
            actor, "inventory.session.complete", locked, summary={str(k): v for k, v in counts.items()}
        )
        return locked

    return act(actor, "inventory.session.complete", session, body)
