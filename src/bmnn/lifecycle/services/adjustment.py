"""Change of level: raising or lowering (Law Art. 21; R-ADJ-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.lifecycle.models import ActStatus, LevelChange, PeriodAfterAdjustment
from bmnn.lifecycle.services.common import (
    act,
    actor_person,
    check_clearance,
    decide_any,
    live_item,
    lock_item,
    make_notices,
    make_remark_tasks,
    refuse_act,
    require,
    system_refusal,
    today,
)
from bmnn.registry.models import RANK, Item, ListItem
from bmnn.rules import Level, adjustment_stamp, check_container_level, level_stamp, may_adjust, regime_for
from bmnn.rules.dates import fmt
from bmnn.rules.periods import default_years, expiry_date

KEEP = "keep"


def period_mode() -> str:
    """The setting ``BMNN_ADJUSTMENT_PERIOD``: what a change of level does to the protection period.

    Law Art. 21 (R-ADJ-1) and the legal spec say nothing about it, so the default is ``keep`` (the
    original expiry stays).  ``determination``: the new level's period counted from the determination
    date; ``adjustment``: counted from the adjustment decision.  See docs/lifecycle.md."""
    mode = str(getattr(settings, "BMNN_ADJUSTMENT_PERIOD", "") or KEEP)
    return mode if mode in PeriodAfterAdjustment.values else KEEP


def period_after(item: Item, new: Level, on: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
    """(mode applied, date the period counts from, expiry) after changing ``item`` to ``new``.

    The original expiry is kept whatever the setting when there is nothing to recompute from or a
    decision already set the period: no expiry (a place, R-PERIOD-3), an activity's shorter period
    (R-PERIOD-2) or an extension (R-EXT-2)."""
    mode = period_mode()
    extended = bool((item.marks or {}).get("extension_stamp"))
    if mode == KEEP or item.expires_on is None or item.custom_end or extended:
        return KEEP, None, item.expires_on
    start = item.determined_on if mode == "determination" else on
    if start is None:
        return KEEP, None, item.expires_on
    return mode, start, expiry_date(new, start)


def propose_adjustment(
    actor: Any,
    item: Item,
    *,
    new_level: str,
    basis: Iterable[ListItem] = (),
    reason: str = "",
    on: dt.date | None = None,
) -> LevelChange:
    on = on or today()
    basis = list(basis)

    def body() -> LevelChange:
        person = actor_person(actor, on)
        locked = lock_item(item)
        live_item(locked, "R-ADJ-1", on)
        if locked.origin != "created":
            raise system_refusal("chỉ cơ quan đã xác định độ mật được điều chỉnh độ mật", "R-ADJ-1", on)
        if new_level not in RANK:
            raise Refused("Độ mật mới không hợp lệ.", field="new_level")
        check_clearance(person, locked.level, on)
        change = LevelChange.objects.create(
            item=locked,
            agency_id=locked.agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            old_level=locked.level,
            new_level=new_level,
            regime=regime_for(on).id,
            created_by=actor,
        )
        change.basis.set(basis)
        audit.record(
            actor,
            "lifecycle.adjustment.propose",
            change,
            summary={
                "item": locked.pk,
                "from": locked.level,
                "to": new_level,
                "basis": [b.pk for b in basis],
            },
        )
        return change

    return act(actor, "lifecycle.adjustment.propose", item, body)


def decide_adjustment(
    actor: Any,
    change: LevelChange,
    *,
    approve: bool,
    decision_number: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> LevelChange:
    """The head who classified decides on a list basis; approval re-marks (Form 06), updates the item
    and every copy, and opens notices (15 days) and re-marking tasks."""
    on = on or today()
    action = "lifecycle.adjustment.approve" if approve else "lifecycle.adjustment.refuse"

    def body() -> LevelChange:
        person = actor_person(actor, on)
        row = LevelChange.objects.select_for_update().get(pk=change.pk)
        locked = lock_item(row.item)
        if row.status != ActStatus.PROPOSED:
            raise system_refusal("đề nghị điều chỉnh độ mật đã được quyết định", "R-ADJ-1", on)
        live_item(locked, "R-ADJ-1", on)
        basis = list(row.basis.all())
        old, new = Level[locked.level], Level[row.new_level]
        if not approve:
            return refuse_act(
                actor,
                action,
                row,
                person,
                on,
                note=note,
                items=[locked],
                rule_id="R-ADJ-1",
                what="điều chỉnh độ mật",
            )
        decision = decide_any(
            person,
            on,
            lambda p: may_adjust(
                old, new, p, on, classifying_agency=str(locked.agency_id), list_basis=bool(basis)
            ),
            "new_level",
        )
        row.decided_by, row.decided_on, row.note = person, on, note
        row.regime, row.reasons = decision.regime, [r.as_dict() for r in decision.reasons]
        require(check_container_level(new, [Level[b.level] for b in basis], on), "new_level")
        check_clearance(person, row.new_level, on, "new_level")
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định điều chỉnh độ mật.", field="decision_number")
        stamp = adjustment_stamp(old, new, on)
        row.status, row.decision_number, row.old_level = (
            ActStatus.APPROVED,
            decision_number.strip(),
            old.value,
        )
        row.stamp = list(stamp.lines)
        row.save()
        marks = dict(locked.marks or {})
        st = level_stamp(new, on)
        level_mark = dict(marks.get("level_stamp") or {})
        level_mark.update(text=st.text, form=st.form, width_mm=st.width_mm, height_mm=st.height_mm)
        marks["level_stamp"] = level_mark
        marks["adjustment_stamp"] = list(stamp.lines)
        mode, start, new_expiry = period_after(locked, new, on)
        row.old_expiry, row.new_expiry = locked.expires_on, new_expiry
        row.period_from, row.period_start = mode, start
        row.save(update_fields=["old_expiry", "new_expiry", "period_from", "period_start"])
        fields = ["level", "level_rank", "marks", "updated_at"]
        if mode != KEEP:
            locked.expires_on, locked.period_years = new_expiry, default_years(new, start or on)
            fields += ["expires_on", "period_years"]
        locked.level, locked.level_rank, locked.marks = new.value, RANK[new.value], marks
        locked.save(update_fields=fields)
        Copy.objects.filter(item=locked).exclude(status="destroyed").update(
            level=new.value, level_rank=RANK[new.value], expires_on=locked.expires_on
        )
        due = decision.info["notice_due"]
        notices = make_notices(locked, "adjustment", row.pk, "R-ADJ-1", on, due)
        tasks = make_remark_tasks(locked, "adjustment", row.pk, list(stamp.lines))
        audit.record(
            actor,
            action,
            row,
            summary={
                "item": locked.pk,
                "from": old.value,
                "to": new.value,
                "decision_number": row.decision_number,
                "notices": notices,
                "remark_tasks": tasks,
                "notice_due": fmt(due),
                "period_from": mode,
                "period_start": fmt(start) if start else None,
                "expiry": [
                    fmt(row.old_expiry) if row.old_expiry else None,
                    fmt(new_expiry) if new_expiry else None,
                ],
            },
        )
        return row

    return act(actor, action, change, body)
