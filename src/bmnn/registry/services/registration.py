"""Outgoing (Form 14) and incoming (Form 15) registration with gap-free yearly numbers per agency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Sum

from bmnn.core import audit
from bmnn.organizations.models import Person, Unit
from bmnn.registry.models import (
    RANK,
    Incident,
    IncidentKind,
    Item,
    Origin,
    RegisterCounter,
    RegisterEntry,
    RegisterKind,
    Status,
)
from bmnn.registry.services.common import (
    act,
    actor_person,
    agency_heads,
    check_clearance,
    is_registry_staff,
    require,
    system_refusal,
    today,
)
from bmnn.registry.text import search_blob
from bmnn.rules import (
    Level,
    check_copy_count,
    check_copy_permitted,
    check_electronic_mark,
    check_incoming_condition,
    outgoing_summary_allowed,
    recall_due_date,
    regime_for,
    route_incoming,
)


def next_number(agency_id: int, register: str, year: int) -> int:
    """The next number of a register; call inside the registering transaction (row lock held to commit)."""
    RegisterCounter.objects.get_or_create(agency_id=agency_id, register=register, year=year)
    counter = RegisterCounter.objects.select_for_update().get(
        agency_id=agency_id, register=register, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _require_clerk(actor: Any, person: Person, agency_id: int, rule_id: str, on: dt.date) -> None:
    if not is_registry_staff(actor) or person.agency_id != agency_id:
        raise system_refusal("chỉ văn thư, cán bộ bảo mật của cơ quan được vào sổ đăng ký BMNN", rule_id, on)


def _entry(actor: Any, item: Item, register: str, on: dt.date, level: str, **fields: Any) -> RegisterEntry:
    """A new line of ``register`` in the item's agency, numbered inside the current transaction."""
    entry = RegisterEntry(
        agency_id=item.agency_id,
        register=register,
        year=on.year,
        seq=next_number(item.agency_id, str(register), on.year),
        item=item,
        registered_on=on,
        registered_by=actor,
        regime=regime_for(on).id,
        level=level,
        level_rank=RANK[level],
        **fields,
    )
    entry.search_text = _entry_search(entry)
    entry.save()
    return entry


def _entry_search(entry: RegisterEntry) -> str:
    return search_blob(
        entry.number_symbol, entry.summary, entry.signer, entry.recipients, entry.sender, entry.recipient_name
    )


def register_outgoing(
    actor: Any,
    item: Item,
    *,
    signer: str,
    recipients: str = "",
    file_keeper: str = "",
    copies: int | None = None,
    doc_type: str = "",
    number_symbol: str = "",
    doc_date: dt.date | None = None,
    notes: str = "",
    extra: dict[str, Any] | None = None,
    on: dt.date | None = None,
) -> RegisterEntry:
    """Enter a determined item in the outgoing register (R-TX-1) before dispatch."""
    on = on or today()

    def body() -> RegisterEntry:
        person = actor_person(actor, on)
        locked = (
            Item.objects.select_for_update(of=("self",)).select_related("unit", "approver").get(pk=item.pk)
        )
        _require_clerk(actor, person, locked.agency_id, "R-TX-1", on)
        determined = locked.status == Status.DETERMINED and bool(locked.level)
        require(check_electronic_mark(determined, False, False, on), "item")
        check_clearance(person, locked.level, on)
        wanted = locked.copies if copies is None else copies
        already = locked.entries.filter(register=RegisterKind.OUTGOING).aggregate(n=Sum("copies"))["n"] or 0
        if already + wanted > locked.copies:
            # More copies than determined means copying: forbidden unless the item allows it (R-COPY-3),
            # and even then only through the copy register within the authorised number (R-COPY-5).
            require(check_copy_permitted(locked.copy_allowed, person.pk == locked.approver_id, on), "copies")
            require(check_copy_count(locked.copies, already + wanted, 0, on), "copies")
        level = Level[locked.level]
        summary_ok = outgoing_summary_allowed(level, on, classifier_consent=locked.summary_consent)
        year = on.year
        entry = _entry(
            actor,
            locked,
            str(RegisterKind.OUTGOING),
            on,
            locked.level,
            unit=locked.unit,
            doc_date=doc_date or locked.doc_date or on,
            number_symbol=number_symbol or locked.number_symbol,
            doc_type=doc_type,
            summary=(locked.summary or locked.title) if summary_ok.allowed else "",
            signer=signer,
            recipients=recipients or locked.recipients,
            file_keeper=file_keeper,
            copies=wanted,
            notes=notes,
            extra=extra or {},
        )
        if entry.number_symbol and not locked.number_symbol:
            locked.number_symbol = entry.number_symbol
            locked.save(update_fields=["number_symbol", "updated_at"])
        audit.record(
            actor,
            "registry.entry.register_out",
            entry,
            summary={
                "item": locked.pk,
                "seq": entry.seq,
                "year": year,
                "level": locked.level,
                "summary_recorded": summary_ok.allowed,
                "summary_rule": summary_ok.rule_ids,
            },
        )
        return entry

    return act(actor, "registry.entry.register_out", item, body)


def register_incoming(
    actor: Any,
    *,
    sender: str,
    number_symbol: str,
    envelope_level: str,
    field: str,
    doc_date: dt.date | None = None,
    doc_type: str = "",
    summary: str = "",
    named_recipient: Person | None = None,
    named_only: bool = False,
    flash: bool = False,
    envelope_intact: bool = True,
    properly_protected: bool = True,
    recipient_name: str = "",
    unit: Unit | None = None,
    notes: str = "",
    extra: dict[str, Any] | None = None,
    named_absent: bool = False,
    recall_mark: bool = False,
    return_within_days: int | None = None,
    on: dt.date | None = None,
) -> RegisterEntry:
    """Register an item on receipt (R-TX-6), route it (R-TX-7), open an incident and record the notice to
    the sender if needed (R-TX-8), and set the due-back date of a "TÀI LIỆU THU HỒI" item (R-TX-9)."""
    on = on or today()

    def body() -> RegisterEntry:
        person = actor_person(actor, on)
        _require_clerk(actor, person, person.agency_id, "R-TX-6", on)
        if named_only and named_recipient is None:
            raise system_refusal("bì 'Chỉ người có tên mới được bóc bì' phải ghi người nhận", "R-TX-7", on)
        if named_recipient is not None and named_recipient.agency_id != person.agency_id:
            raise system_refusal(
                "người có tên trên bì không thuộc cơ quan nhận", "R-TX-7", on, field="named_recipient"
            )
        if recall_mark and not (return_within_days and return_within_days > 0):
            raise system_refusal(
                "tài liệu đóng dấu 'TÀI LIỆU THU HỒI' phải ghi thời hạn trả lại (số ngày)",
                "R-TX-9",
                on,
                field="return_within_days",
            )
        if not named_only:
            # The clerk opens the envelope, so must be cleared for its level.
            check_clearance(person, envelope_level, on, "envelope_level")
        present = named_recipient is not None and named_recipient.status == "active" and not named_absent
        routing = route_incoming(named_only, present, flash, on)
        condition = check_incoming_condition(properly_protected, not envelope_intact, on)
        reg = regime_for(on)
        custodian = _incoming_holder(
            person, named_recipient, str(routing.info["route_to"]), properly_protected, present, on
        )
        item = Item.objects.create(
            agency_id=person.agency_id,
            unit=unit or (named_recipient.unit if named_recipient else None),
            origin=Origin.RECEIVED,
            title=summary if (summary and not named_only) else number_symbol,
            summary="" if named_only else summary,
            number_symbol=number_symbol,
            doc_date=doc_date,
            field=field,
            status=Status.RECEIVED,
            proposed_level=envelope_level,
            level=envelope_level,
            level_rank=RANK[envelope_level],
            regime=reg.id,
            # Only the named person may open it; when a flash envelope goes to the head (or the head's
            # delegate) because the named person is absent, the one it was routed to may open it (R-TX-7).
            named_recipient=(custodian if routing.info["route_to"] == "agency_leader" else named_recipient)
            if named_only
            else None,
            custodian=custodian,
            created_by=actor,
            search_text=search_blob(number_symbol, summary, sender),
        )
        year = on.year
        entry = _entry(
            actor,
            item,
            str(RegisterKind.INCOMING),
            on,
            envelope_level,
            unit=item.unit,
            doc_date=doc_date,
            number_symbol=number_symbol,
            doc_type=doc_type,
            summary="" if named_only else summary,
            sender=sender,
            received_on=on,
            envelope_level=envelope_level,
            named_recipient=named_recipient,
            named_only=named_only,
            flash=flash,
            envelope_intact=envelope_intact,
            properly_protected=properly_protected,
            route_to=str(routing.info["route_to"]),
            recipient_name=recipient_name or (named_recipient.full_name if named_recipient else ""),
            recall_mark=recall_mark,
            return_due_on=recall_due_date(on, return_within_days or 0) if recall_mark else None,
            notes=notes,
            extra=extra or {},
        )
        notice = None
        if "notify_sender" in condition.info["actions"]:
            from bmnn.custody.services.receiving import record_sender_notice

            notice = record_sender_notice(actor, entry, condition.message("vi"), on)
        incident = None
        if not condition.allowed:
            actions = condition.info["actions"]
            kind = IncidentKind.NOT_PROTECTED
            if "raise_incident" in actions:
                kind = IncidentKind.ENVELOPE_OPENED
            heads = agency_heads(person.agency_id, on)
            incident = Incident.objects.create(
                agency_id=person.agency_id,
                kind=kind,
                item=item,
                entry=entry,
                description=condition.message("vi")
                + f" — hành động: {', '.join(actions)}; bên gửi: {sender}",
                notified=heads[0] if heads else None,
                opened_by=actor,
            )
        audit.record(
            actor,
            "registry.entry.register_in",
            entry,
            summary={
                "item": item.pk,
                "seq": entry.seq,
                "year": year,
                "level": envelope_level,
                "route_to": entry.route_to,
                "keep_unopened": routing.info["keep_unopened"],
                "incident": incident.pk if incident else None,
                "incident_rule": condition.rule_ids,
                "custodian": custodian.pk,
                "sender_notice": notice.pk if notice else None,
                "return_due_on": entry.return_due_on.isoformat() if entry.return_due_on else None,
            },
        )
        return entry

    return act(actor, "registry.entry.register_in", None, body)


def head_or_delegate(agency_id: int, on: dt.date) -> Person | None:
    """The agency head, or the head's deputy under a written delegation in force that covers incoming
    items (act ``receive_incoming``) when the head is not active (R-TX-7: "lãnh đạo hoặc người được ủy
    quyền")."""
    from bmnn.organizations.models import Delegation

    heads = agency_heads(agency_id, on)
    for head in heads:
        if head.status == "active":
            return head
    delegation = (
        Delegation.objects.filter(
            delegator__in=heads, start_date__lte=on, end_date__gte=on, revoked_on__isnull=True
        )
        .select_related("deputy")
        .first()
    )
    return delegation.deputy if delegation is not None else None


def _incoming_holder(
    clerk: Person,
    named: Person | None,
    route_to: str,
    properly_protected: bool,
    named_present: bool,
    on: dt.date,
) -> Person:
    """Who holds a received item first: the named person (R-TX-7), the head or the head's delegate for a
    flash envelope whose named person is absent (R-TX-7) or for an item received without the required
    protection (R-TX-8, unless a present named person takes it), otherwise the registering clerk."""
    if route_to == "agency_leader" or (not properly_protected and not (named is not None and named_present)):
        head = head_or_delegate(clerk.agency_id, on)
        if head is not None:
            return head
    if named is not None:
        return named
    return clerk
