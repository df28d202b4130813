"""Sending the written notices and doing the re-marking; the ``notice`` deadline provider."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.deadlines.providers import Due
from bmnn.lifecycle.models import Notice, ReMarkTask
from bmnn.lifecycle.services.common import (
    act,
    actor_person,
    agency_head_of,
    is_registry_staff,
    system_refusal,
    today,
)
from bmnn.rules import check_notice
from bmnn.rules.dates import fmt

RULE_LABEL = {
    "R-EXT-3": "gia hạn",
    "R-ADJ-1": "điều chỉnh độ mật",
    "R-DECL-2": "giải mật",
    "R-DECL-4": "giải mật",
}


def _staff_of(actor: Any, person: Any, agency_id: int, on: dt.date, rule_id: str) -> None:
    head = agency_head_of(agency_id, on)
    if person.agency_id == agency_id and (is_registry_staff(actor) or (head and head.pk == person.pk)):
        return
    raise system_refusal("chỉ văn thư, cán bộ bảo mật hoặc người đứng đầu cơ quan gửi thông báo", rule_id, on)


def send_notice(actor: Any, notice: Notice, *, reference: str, on: dt.date | None = None) -> Notice:
    """Record that the written notice was sent (its number/symbol); a late one is recorded as late."""
    on = on or today()

    def body() -> Notice:
        person = actor_person(actor, on)
        row = Notice.objects.select_for_update().get(pk=notice.pk)
        _staff_of(actor, person, row.agency_id, on, row.rule_id)
        if row.sent_on is not None:
            raise system_refusal("thông báo đã được gửi", row.rule_id, on)
        if not reference.strip():
            raise Refused("Phải ghi số, ký hiệu văn bản thông báo.", field="reference")
        if row.rule_id in ("R-EXT-3", "R-ADJ-1", "R-DECL-4"):
            timely = check_notice(row.rule_id, row.decided_on, on).allowed
        else:
            timely = on <= row.due_on
        row.sent_on, row.sent_by, row.reference = on, person, reference.strip()
        row.save(update_fields=["sent_on", "sent_by", "reference"])
        audit.record(
            actor,
            "lifecycle.notice.send",
            row,
            summary={
                "item": row.item_id,
                "recipient": row.recipient,
                "due_on": fmt(row.due_on),
                "late": not timely,
            },
        )
        return row

    return act(actor, "lifecycle.notice.send", notice, body)


def remark_done(actor: Any, task: ReMarkTask, on: dt.date | None = None) -> ReMarkTask:
    on = on or today()

    def body() -> ReMarkTask:
        person = actor_person(actor, on)
        row = (
            ReMarkTask.objects.select_for_update(of=("self",)).select_related("copy", "entry").get(pk=task.pk)
        )
        holders = {row.copy.custodian_id} if row.copy_id and row.copy else set()
        agency_id = row.entry.agency_id if row.entry_id and row.entry else row.item.agency_id
        if person.pk not in holders and not (is_registry_staff(actor) and person.agency_id == agency_id):
            raise system_refusal(
                "chỉ người giữ bản sao hoặc văn thư nơi nhận được đóng dấu lại", "R-ADJ-1", on
            )
        if row.done_on is not None:
            raise system_refusal("đã đóng dấu lại", "R-ADJ-1", on)
        row.done_on, row.done_by = on, person
        row.save(update_fields=["done_on", "done_by"])
        audit.record(actor, "lifecycle.remark.done", row, summary={"item": row.item_id, "mark": row.mark})
        return row

    return act(actor, "lifecycle.remark.done", task, body)


def open_notices(day: dt.date) -> Iterator[Due]:
    """Deadline provider ``notice``: every written notice not yet sent."""
    rows = Notice.objects.filter(sent_on__isnull=True).select_related("item").order_by("due_on", "pk")
    for n in rows.iterator():
        what = RULE_LABEL.get(n.rule_id, "vòng đời")
        yield Due(
            kind="notice",
            due_on=n.due_on,
            title=f"Gửi thông báo {what} cho {n.recipient[:80]}",
            agency_id=n.agency_id,
            object_type="lifecycle.notice",
            object_id=n.pk,
            rule_id=n.rule_id,
            url=f"/vong-doi/tai-lieu/{n.item_id}/",
        )
