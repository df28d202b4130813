"""Extension of the protection period (Law Art. 20; R-EXT-1/2/3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.lifecycle.models import ActStatus, Extension
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
    system_refusal,
    today,
)
from bmnn.registry.models import Item
from bmnn.rules import Level, extension_stamp, may_extend, regime_for
from bmnn.rules.dates import fmt


def _classified_here(item: Item, on: dt.date) -> None:
    # R-EXT-3: only the head of the classifying body extends; an item received from another body was
    # classified there, so this agency can only ask the sender.
    if item.origin != "created":
        raise system_refusal(
            "tài liệu nhận từ cơ quan khác: chỉ người đứng đầu cơ quan xác định BMNN được gia hạn",
            "R-EXT-3",
            on,
        )


def propose_extension(
    actor: Any, item: Item, *, years: int, reason: str, on: dt.date | None = None
) -> Extension:
    """A custodian, drafter or security officer proposes extending the period by ``years``."""
    on = on or today()

    def body() -> Extension:
        person = actor_person(actor, on)
        locked = lock_item(item)
        live_item(locked, "R-EXT-1", on)
        _classified_here(locked, on)
        check_clearance(person, locked.level, on)
        if not reason.strip():
            raise Refused("Phải ghi lý do đề nghị gia hạn.", field="reason")
        if Extension.objects.filter(item=locked, status=ActStatus.PROPOSED).exists():
            raise system_refusal("đã có đề nghị gia hạn đang chờ quyết định", "R-EXT-1", on)
        ext = Extension.objects.create(
            item=locked,
            agency_id=locked.agency_id,
            proposed_by=person,
            proposed_on=on,
            reason=reason.strip(),
            years=years,
            old_expiry=locked.expires_on,
            regime=regime_for(on).id,
            created_by=actor,
        )
        audit.record(
            actor,
            "lifecycle.extension.propose",
            ext,
            summary={
                "item": locked.pk,
                "years": years,
                "expires_on": fmt(locked.expires_on) if locked.expires_on else None,
            },
        )
        return ext

    return act(actor, "lifecycle.extension.propose", item, body)


def decide_extension(
    actor: Any,
    extension: Extension,
    *,
    approve: bool,
    decision_number: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Extension:
    """The head of the classifying body decides, at least 60 days before the expiry (R-EXT-1/2/3).

    Approval sets the new expiry on the item and its copies, records the Form 04 extension stamp, and
    opens a written notice (due in 15 days) to every recipient in the registers and a re-marking task
    for every copy and recipient's incoming entry.
    """
    on = on or today()
    action = "lifecycle.extension.approve" if approve else "lifecycle.extension.refuse"

    def body() -> Extension:
        person = actor_person(actor, on)
        ext = Extension.objects.select_for_update().get(pk=extension.pk)
        locked = lock_item(ext.item)
        if ext.status != ActStatus.PROPOSED:
            raise system_refusal("đề nghị gia hạn đã được quyết định", "R-EXT-3", on)
        live_item(locked, "R-EXT-1", on)
        _classified_here(locked, on)
        if locked.expires_on is None:
            raise system_refusal("BMNN không có thời hạn bảo vệ theo ngày để gia hạn", "R-PERIOD-3", on)
        previous = Extension.objects.filter(item=locked, status=ActStatus.APPROVED).count()
        if not approve:
            return refuse_act(
                actor, action, ext, person, on, note=note, items=[locked], rule_id="R-EXT-3", what="gia hạn"
            )
        decision = decide_any(
            person,
            on,
            lambda p: may_extend(
                Level[locked.level],
                locked.expires_on,  # type: ignore[arg-type]
                on,
                ext.years,
                p,
                classifying_agency=str(locked.agency_id),
                previous_extensions=previous,
            ),
            "years",
        )
        ext.decided_by, ext.decided_on, ext.note = person, on, note
        ext.regime = decision.regime
        ext.reasons = [r.as_dict() for r in decision.reasons]
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định gia hạn.", field="decision_number")
        new_expiry: dt.date = decision.info["new_expiry"]
        stamp = extension_stamp(new_expiry, on)
        ext.status, ext.decision_number = ActStatus.APPROVED, decision_number.strip()
        ext.old_expiry, ext.new_expiry, ext.stamp = locked.expires_on, new_expiry, list(stamp.lines)
        ext.save()
        locked.expires_on = new_expiry
        locked.period_years = (locked.period_years or 0) + ext.years
        marks = dict(locked.marks or {})
        marks["extension_stamp"] = list(stamp.lines)
        marks["extension_form"] = stamp.form
        locked.marks = marks
        locked.save(update_fields=["expires_on", "period_years", "marks", "updated_at"])
        Copy.objects.filter(item=locked).exclude(status="destroyed").update(expires_on=new_expiry)
        due = decision.info["notice_due"]
        notices = make_notices(locked, "extension", ext.pk, "R-EXT-3", on, due)
        tasks = make_remark_tasks(locked, "extension", ext.pk, list(stamp.lines))
        audit.record(
            actor,
            action,
            ext,
            summary={
                "item": locked.pk,
                "decision_number": ext.decision_number,
                "years": ext.years,
                "old_expiry": fmt(ext.old_expiry) if ext.old_expiry else None,
                "new_expiry": fmt(new_expiry),
                "regime": decision.regime,
                "notices": notices,
                "remark_tasks": tasks,
                "notice_due": fmt(due),
            },
        )
        return ext

    return act(actor, action, extension, body)
