"""Declassification on the three grounds of Law Art. 22.1 (R-DECL-1..5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.lifecycle.models import ActStatus, Council, Declassification, DeclassificationGround
from bmnn.lifecycle.services.common import (
    about,
    act,
    actor_person,
    check_clearance,
    decide_any,
    items_of,
    live_item,
    lock_items,
    make_notices,
    make_remark_tasks,
    refuse_act,
    require,
    require_head,
    system_refusal,
    today,
)
from bmnn.lifecycle.services.councils import MemberInput, rules_council
from bmnn.lifecycle.services.flow import attach_council, council_dossier, lock_open, pending
from bmnn.organizations.models import Person
from bmnn.registry.models import Item, Status
from bmnn.rules import (
    check_delisted_declassification,
    check_notice,
    check_record,
    declassified_stamp,
    is_auto_declassified,
    may_declassify,
    regime_for,
)
from bmnn.rules.dates import fmt


def propose_declassification(
    actor: Any,
    item: Item | Sequence[Item],
    *,
    ground: str,
    reason: str,
    partial: bool = False,
    declassified_content: str = "",
    list_reference: str = "",
    on: dt.date | None = None,
) -> Declassification:
    """Propose declassifying one item or a list of items of the same classifying body (one decision)."""
    on = on or today()
    listed = items_of(item)

    def body() -> Declassification:
        person = actor_person(actor, on)
        if ground not in DeclassificationGround.values:
            raise Refused("Căn cứ giải mật không hợp lệ.", field="ground")
        if not reason.strip():
            raise Refused("Phải ghi lý do đề nghị giải mật.", field="reason")
        locked = lock_items(listed, "R-DECL-3", on)
        many = len(locked) > 1
        if partial and many:
            raise Refused("Giải mật một phần chỉ đề nghị cho từng tài liệu, vật chứa.", field="partial")
        for it in locked:
            with about(it, many):
                live_item(it, "R-DECL-3", on)
                if it.origin != "created":
                    raise system_refusal(
                        "tài liệu nhận từ cơ quan khác: cơ quan xác định BMNN quyết định giải mật",
                        "R-DECL-3",
                        on,
                    )
                check_clearance(person, it.level, on)
                if pending(Declassification, it, ["proposed"]):
                    raise system_refusal("đã có đề nghị giải mật đang chờ quyết định", "R-DECL-3", on)
        decl = Declassification.objects.create(
            item=locked[0],
            agency_id=locked[0].agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            ground=ground,
            partial=partial,
            declassified_content=declassified_content.strip(),
            list_reference=list_reference.strip(),
            regime=regime_for(on).id,
            created_by=actor,
        )
        decl.items.set(locked)
        audit.record(
            actor,
            "lifecycle.declassification.propose",
            decl,
            summary={
                "item": locked[0].pk,
                "items": [i.pk for i in locked],
                "ground": ground,
                "partial": partial,
            },
        )
        return decl

    return act(actor, "lifecycle.declassification.propose", listed[0] if listed else None, body)


def form_declassification_council(
    actor: Any,
    decl: Declassification,
    *,
    decision_number: str,
    chair: Person,
    members: Iterable[MemberInput],
    on: dt.date | None = None,
) -> Council:
    """Set up the council for a discretionary declassification and attach it to the proposal."""
    return attach_council(
        actor,
        decl,
        kind="declassification",
        open_=decl.ground == DeclassificationGround.NATIONAL_INTEREST and decl.status == ActStatus.PROPOSED,
        refusal="chỉ đề nghị giải mật vì lợi ích quốc gia đang chờ quyết định cần Hội đồng",
        rule_id="R-DECL-3",
        decision_number=decision_number,
        chair=chair,
        members=members,
        on=on or today(),
    )


def decide_declassification(
    actor: Any,
    decl: Declassification,
    *,
    approve: bool,
    decision_number: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Declassification:
    """The head of the classifying body decides.

    National interest: council (chair = a leader of the body, relevant bodies), minutes, a partial
    decision lists the content (R-DECL-3); notices within 15 days and the archived dossier (R-DECL-4).
    Removed from the list: the amending list is cited; GIẢI MẬT and immediate notices (R-DECL-2).
    Expired: only after the expiry date (R-DECL-1).  Whole declassification marks GIẢI MẬT "Từ: <date
    signed>" (R-DECL-5) and sets the item declassified; its metadata and history stay.
    """
    on = on or today()
    action = "lifecycle.declassification.approve" if approve else "lifecycle.declassification.refuse"

    def body() -> Declassification:
        person = actor_person(actor, on)
        row, locked, many = lock_open(
            Declassification,
            decl.pk,
            status="proposed",
            refusal="đề nghị giải mật đã được quyết định",
            rule_id="R-DECL-3",
            on=on,
            check=lambda it: live_item(it, "R-DECL-3", on),
        )
        agency_id = locked[0].agency_id
        if not approve:
            return refuse_act(
                actor, action, row, person, on, note=note, items=locked, rule_id="R-DECL-3", what="giải mật"
            )
        council = row.council
        minutes = council.minutes.order_by("-held_on", "-id").first() if council else None
        if row.ground == DeclassificationGround.NATIONAL_INTEREST:
            shape = rules_council(council, on) if council else None
            decision = decide_any(
                person,
                on,
                lambda p: may_declassify(
                    p,
                    on,
                    council=shape,
                    classifying_agency=str(agency_id),
                    minutes=minutes is not None,
                    partial=row.partial,
                    declassified_content=row.declassified_content,
                ),
            )
            rule_id = "R-DECL-4"
        elif row.ground == DeclassificationGround.DELISTED:
            require_head(person, agency_id, "R-DECL-2", on, "quyết định giải mật")
            if not row.list_reference:
                raise system_refusal(
                    "phải dẫn quyết định sửa đổi danh mục BMNN đã đưa nội dung này ra khỏi danh mục",
                    "R-DECL-2",
                    on,
                    field="list_reference",
                )
            decision = require(check_delisted_declassification(True, True, on))
            rule_id = "R-DECL-2"
        else:
            require_head(person, agency_id, "R-DECL-1", on, "xác nhận giải mật")
            for it in locked:
                with about(it, many):
                    decision = require(is_auto_declassified(it.expires_on, on))
            rule_id = ""
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định giải mật.", field="decision_number")
        stamp = declassified_stamp(on)
        row.decided_by, row.decided_on, row.note = person, on, note
        row.decision_number, row.status = decision_number.strip(), ActStatus.APPROVED
        row.regime, row.reasons = decision.regime, [r.as_dict() for r in decision.reasons]
        row.stamp = list(stamp.lines)
        due = None
        if rule_id:
            due = on if rule_id == "R-DECL-2" else check_notice(rule_id, on, None).info["notice_due"]
        notices = tasks = 0
        for it in locked:
            _mark(it, row, stamp.lines, on)
            if rule_id and due is not None:
                notices += make_notices(it, "declassification", row.pk, rule_id, on, due)
            tasks += make_remark_tasks(it, "declassification", row.pk, list(stamp.lines))
        if row.ground == DeclassificationGround.NATIONAL_INTEREST:
            dossier = council_dossier(council, minutes, locked, row.decision_number)
            require(check_record("R-DECL-4", dossier, on))
            row.dossier, row.archived_on = dossier, on
        row.save()
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": locked[0].pk,
                "items": [i.pk for i in locked],
                "ground": row.ground,
                "partial": row.partial,
                "decision_number": row.decision_number,
                "declassified_on": fmt(on),
                "regime": decision.regime,
                "notices": notices,
                "notice_due": fmt(due) if due else None,
                "remark_tasks": tasks,
            },
        )
        return row

    return act(actor, action, decl, body)


def _mark(item: Item, row: Declassification, lines: Sequence[str], on: dt.date) -> None:
    """Whole: GIẢI MẬT "Từ: <date>" (R-DECL-5) and the item declassified; partial: the content listed."""
    marks = dict(item.marks or {})
    if row.partial:
        parts = list(marks.get("partial_declassifications") or [])
        parts.append({"content": row.declassified_content, "from": fmt(on), "decision": row.decision_number})
        marks["partial_declassifications"] = parts
        item.marks = marks
        item.save(update_fields=["marks", "updated_at"])
    else:
        marks["declassified_stamp"] = list(lines)
        item.marks = marks
        item.status, item.declassified_on = Status.DECLASSIFIED, on
        item.save(update_fields=["marks", "status", "declassified_on", "updated_at"])
