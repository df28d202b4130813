"""Shared helpers of the lifecycle acts: deciders, notices to recipients, re-marking of copies and
incoming entries, and mirroring item changes onto copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.lifecycle.models import Notice, ReMarkTask
from bmnn.organizations.authority import competent, positions_of
from bmnn.organizations.models import Person
from bmnn.registry.models import Item, RegisterEntry, Status
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    is_registry_staff,
    require,
    system_refusal,
    today,
)
from bmnn.rules import Decision, Position, check_head_decides
from bmnn.rules.dates import add_days, fmt

__all__ = [
    "about",
    "act",
    "actor_person",
    "agency_head_of",
    "check_clearance",
    "decide_any",
    "is_registry_staff",
    "items_of",
    "live_item",
    "lock_item",
    "lock_items",
    "make_notices",
    "make_remark_tasks",
    "positions_of",
    "refuse_act",
    "require",
    "require_head",
    "system_refusal",
    "today",
]

LIVE = (Status.DETERMINED, Status.RECEIVED)


def decide_any(
    person: Person, on: dt.date, check: Callable[[Position], Decision], field: str = ""
) -> Decision:
    """The first allowing decision among the person's posts (not under delegations); else refuse with
    the first post's reasons."""
    return competent(person, on, lambda p, _d: check(p), field, delegated=False)[0]


def require_head(person: Person, agency_id: int, rule_id: str, on: dt.date, what: str) -> None:
    """The person heads ``agency_id`` (``bmnn.rules.check_head_decides`` on each of their posts);
    ``what`` names the act in Vietnamese ("quyết định giải mật")."""
    competent(
        person,
        on,
        lambda p, _delegation: check_head_decides(
            p, on, rule_id=rule_id, agency=str(agency_id), act_vi=what, act_en="take this decision"
        ),
        delegated=False,
    )


def lock_item(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).get(pk=item.pk)


def items_of(item: Item | Iterable[Item]) -> list[Item]:
    """One item or a list of items (duplicates dropped, order kept)."""
    listed = [item] if isinstance(item, Item) else list(item)
    seen: set[int] = set()
    return [i for i in listed if not (i.pk in seen or seen.add(i.pk))]  # type: ignore[func-returns-value]


def item_label(item: Item) -> str:
    return f"“{item.title}” ({item.number_symbol or f'BMNN-{item.pk}'})"


@contextmanager
def about(item: Item, many: bool = True) -> Iterator[None]:
    """A refusal raised for one item of a list names that item (the whole decision is refused)."""
    try:
        yield
    except Refused as exc:
        if many:
            exc.message = f"{item_label(item)}: {exc.message}"
            exc.args = (exc.message,)
        raise


def lock_items(items: list[Item], rule_id: str, on: dt.date) -> list[Item]:
    """Lock every item of a decision; they must all belong to the same classifying body."""
    if not items:
        raise Refused("Phải chọn ít nhất một tài liệu, vật chứa BMNN.", field="items")
    locked = [lock_item(i) for i in items]
    for other in locked[1:]:
        if other.agency_id != locked[0].agency_id:
            with about(other):
                raise system_refusal(
                    "một quyết định chỉ gồm tài liệu, vật chứa của cùng một cơ quan xác định BMNN",
                    rule_id,
                    on,
                    field="items",
                )
    return locked


def live_item(item: Item, rule_id: str, on: dt.date) -> None:
    """The item must still be classified (determined or received), not declassified or destroyed."""
    if item.status not in LIVE or not item.level:
        raise system_refusal(
            f"tài liệu đang ở trạng thái “{item.get_status_display()}”, không còn là BMNN đang bảo vệ",
            rule_id,
            on,
        )


def recipients_of(item: Item) -> list[tuple[str, Person | None, RegisterEntry | None]]:
    """Everyone the registers say received the item: outgoing lines, recipients in the system, and the
    recipients text when nothing else is recorded."""
    rows: list[tuple[str, Person | None, RegisterEntry | None]] = []
    seen: set[str] = set()
    for entry in RegisterEntry.objects.filter(item=item, register="out").order_by("year", "seq"):
        name = (entry.recipients or entry.recipient_name or "").strip()
        if name and name not in seen:
            seen.add(name)
            rows.append((name, None, entry))
    for person in item.recipient_people.all().order_by("pk"):
        if person.full_name not in seen:
            seen.add(person.full_name)
            rows.append((person.full_name, person, None))
    if not rows and item.recipients.strip():
        rows.append((item.recipients.strip(), None, None))
    return rows


def make_notices(item: Item, kind: str, act_id: int, rule_id: str, on: dt.date, due: dt.date) -> int:
    made = 0
    for name, person, entry in recipients_of(item):
        Notice.objects.create(
            item=item,
            agency_id=item.agency_id,
            act_kind=kind,
            act_id=act_id,
            rule_id=rule_id,
            recipient=name[:500],
            recipient_person=person,
            entry=entry,
            decided_on=on,
            due_on=due,
        )
        made += 1
    return made


def incoming_entries_of(item: Item) -> list[RegisterEntry]:
    """Recipients' incoming-register lines of this item (same number/symbol and document date)."""
    if not item.number_symbol:
        return []
    rows = RegisterEntry.objects.filter(register="in", number_symbol=item.number_symbol).exclude(item=item)
    if item.doc_date:
        rows = rows.filter(doc_date=item.doc_date)
    return list(rows)


def make_remark_tasks(item: Item, kind: str, act_id: int, mark: list[str]) -> int:
    made = 0
    for copy in Copy.objects.filter(item=item, status="active"):
        ReMarkTask.objects.create(item=item, act_kind=kind, act_id=act_id, copy=copy, mark=mark)
        made += 1
    for entry in incoming_entries_of(item):
        ReMarkTask.objects.create(item=item, act_kind=kind, act_id=act_id, entry=entry, mark=mark)
        made += 1
    return made


def notice_due(on: dt.date, days: int = 15) -> dt.date:
    return add_days(on, days)


def dates(**values: dt.date | None) -> dict[str, Any]:
    return {k: (fmt(v) if v else None) for k, v in values.items()}


def refuse_act(
    actor: Any,
    action: str,
    row: Any,
    person: Person,
    on: dt.date,
    *,
    note: str,
    items: list[Item],
    rule_id: str,
    what: str,
) -> Any:
    """The head decides not to approve a proposed act: a written reason is required; the act is
    closed as refused with one audit event.  ``what`` names the act in Vietnamese ("gia hạn")."""
    require_head(person, items[0].agency_id, rule_id, on, f"không {what}")
    if not note.strip():
        raise Refused(f"Phải ghi rõ lý do không {what}.", field="note")
    row.decided_by, row.decided_on, row.note, row.status = person, on, note, "refused"
    row.save()
    pks = [i.pk for i in items]
    audit.record(actor, action, row, summary={"item": pks[0], "items": pks, "note": note})
    return row


def agency_head_of(agency_id: int, on: dt.date) -> Person | None:
    from bmnn.registry.services.common import agency_heads

    heads = agency_heads(agency_id, on)
    return heads[0] if heads else None
