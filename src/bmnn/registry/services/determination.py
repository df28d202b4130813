"""The determination workflow (Law Art. 10; Decree 26 Art. 2): the drafter proposes, the head decides.

Every function is one legal act: one transaction, one audit event; a refusal changes nothing and is
recorded as ``<action>.refused`` with the rule id and citation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.organizations.authority import competent
from bmnn.organizations.models import Person
from bmnn.registry.models import RANK, DecisionAct, Determination, Grant, Item, ListItem, Status
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    require,
    system_refusal,
    today,
)
from bmnn.registry.text import search_blob
from bmnn.rules import (
    Level,
    check_container_level,
    check_field_level,
    check_level,
    check_list_basis,
    check_non_document,
    check_record,
    envelope_plan,
    level_stamp,
    mark_layout,
    may_determine,
    period_stamp,
    protection_period,
    regime_for,
)
from bmnn.rules.dates import fmt


def _refresh_search(item: Item) -> None:
    item.search_text = search_blob(item.title, item.summary, item.number_symbol, item.recipients)


def _basis_checks(item: Item, level: str, basis: list[ListItem], on: dt.date) -> None:
    first = basis[0] if basis else None
    require(
        check_list_basis(
            first.source_list.decision_number if first else None,
            ", ".join(b.reference for b in basis) if basis else None,
            on,
        ),
        "basis",
    )
    require(check_level(level, on), "level")
    require(check_field_level(item.field, Level[level], on), "field")
    require(check_container_level(Level[level], [Level[b.level] for b in basis], on), "level")


def create_item(
    actor: Any,
    *,
    title: str,
    field: str,
    proposed_level: str,
    kind: str = "document",
    medium: str = "paper",
    summary: str = "",
    number_symbol: str = "",
    doc_date: dt.date | None = None,
    basis: Iterable[ListItem] = (),
    recipients: str = "",
    recipient_people: Iterable[Person] = (),
    copies: int = 1,
    copy_allowed: bool = False,
    custom_end: dt.date | None = None,
    submit: bool = False,
) -> Item:
    """A drafter creates an item (a draft, protected like an issued item) and optionally submits it."""
    on = today()
    basis = list(basis)

    def body() -> Item:
        person = actor_person(actor, on)
        check_clearance(person, proposed_level, on, "proposed_level")
        item = Item(
            agency=person.agency,
            unit=person.unit,
            kind=kind,
            medium=medium,
            title=title,
            summary=summary,
            number_symbol=number_symbol,
            doc_date=doc_date,
            field=field,
            drafter=person,
            proposed_level=proposed_level,
            recipients=recipients,
            copies=copies,
            copy_allowed=copy_allowed,
            custom_end=custom_end,
            level_rank=RANK[proposed_level],
            created_by=actor,
        )
        _refresh_search(item)
        item.save()
        item.basis.set(basis)
        item.recipient_people.set(list(recipient_people))
        if submit:
            _propose(item, person, on)
        audit.record(
            actor,
            "registry.item.create",
            item,
            summary={"level": proposed_level, "submitted": submit, "basis": [b.pk for b in basis]},
        )
        return item

    return act(actor, "registry.item.create", None, body)


def _propose(item: Item, person: Person, on: dt.date) -> None:
    basis = list(item.basis.select_related("source_list"))
    _basis_checks(item, item.proposed_level, basis, on)
    proposal = {
        "level": item.proposed_level,
        "recipients": item.recipients,
        "copies": item.copies,
        "copy_allowed": item.copy_allowed,
    }
    require(check_record("R-CLS-5", proposal, on))
    # Non-documents are proposed in a written determination (Form 01), which this record is.
    require(check_non_document(item.kind, True, on))
    item.status = Status.PROPOSED
    item.save(update_fields=["status", "updated_at"])
    Determination.objects.create(
        item=item,
        act=DecisionAct.PROPOSED,
        person=person,
        on=on,
        regime=regime_for(on).id,
        level=item.proposed_level,
        note="Mẫu 01" if item.kind != "document" else "Tờ trình / Phiếu trình",
    )


def propose(actor: Any, item: Item) -> Item:
    """The drafter submits a draft for determination."""
    on = today()

    def body() -> Item:
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if locked.drafter_id != person.pk:
            raise system_refusal("chỉ người soạn thảo được trình đề xuất độ mật", "R-CLS-5", on)
        if locked.status not in (Status.DRAFT, Status.REFUSED):
            raise system_refusal("tài liệu đã được trình hoặc đã xác định độ mật", "R-CLS-5", on)
        check_clearance(person, locked.proposed_level, on)
        _propose(locked, person, on)
        audit.record(actor, "registry.item.propose", locked, summary={"level": locked.proposed_level})
        return locked

    return act(actor, "registry.item.propose", item, body)


def _competent(person: Person, item: Item, on: dt.date) -> None:
    proposal = {
        "level": item.proposed_level,
        "recipients": item.recipients,
        "copies": item.copies,
        "copy_allowed": item.copy_allowed,
    }
    competent(
        person,
        on,
        lambda p, _delegation: may_determine(p, on, agency=str(item.agency_id), proposal=proposal),
        "approver",
        delegated=False,  # determination is the head's own act (Law Art. 10.2), never delegated here
    )


def _marks(item: Item, level: Level, on: dt.date, expiry: dt.date | None) -> dict[str, Any]:
    st = level_stamp(level, on)
    plan = envelope_plan(level, on, number_symbol=item.number_symbol)
    drafter = item.drafter.full_name if item.drafter else ""
    record = {
        "recipients": item.recipients,
        "copies": item.copies,
        "drafter": drafter,
        "copy_allowed": item.copy_allowed,
    }
    require(check_record("R-CLS-6", record, on))
    return {
        "level_stamp": {
            "text": st.text,
            "form": st.form,
            "width_mm": st.width_mm,
            "height_mm": st.height_mm,
            "colour": st.colour,
            "verified": st.verified,
        },
        "period_stamp": list(period_stamp(expiry, on).lines) if expiry else [],
        "layout": mark_layout(on),
        "envelope_letter": plan.letter,
        "recipients_block": {
            "recipients": item.recipients,
            "copies": item.copies,
            "drafter": drafter,
            "copy": "Được sao, chụp" if item.copy_allowed else "Không được sao, chụp",
        },
        "electronic_mark": item.medium in ("electronic", "both"),
        "form_01": item.kind != "document",
    }


def decide(
    actor: Any,
    item: Item,
    *,
    approve: bool,
    level: str = "",
    note: str = "",
    copies: int | None = None,
    copy_allowed: bool | None = None,
    summary_consent: bool = False,
    on: dt.date | None = None,
) -> Item:
    """The competent person approves (possibly changing level, copies, copying) or refuses with a reason."""
    on = on or today()
    action = "registry.item.approve" if approve else "registry.item.refuse"

    def body() -> Item:
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update(of=("self",)).select_related("drafter").get(pk=item.pk)
        if locked.status != Status.PROPOSED:
            raise system_refusal("tài liệu không ở trạng thái chờ xác định độ mật", "R-CLS-5", on)
        _competent(person, locked, on)
        reg = regime_for(on)
        if not approve:
            if not note.strip():
                raise Refused("Phải ghi rõ lý do từ chối.", field="note")
            locked.status, locked.decision_note, locked.approver = Status.REFUSED, note, person
            locked.save(update_fields=["status", "decision_note", "approver", "updated_at"])
            Determination.objects.create(
                item=locked, act=DecisionAct.REFUSED, person=person, on=on, regime=reg.id, note=note
            )
            audit.record(actor, action, locked, summary={"note": note})
            return locked
        chosen = level or locked.proposed_level
        changed = chosen != locked.proposed_level or copies not in (None, locked.copies)
        changed = changed or copy_allowed not in (None, locked.copy_allowed)
        check_clearance(person, chosen, on, "level")
        basis = list(locked.basis.select_related("source_list"))
        _basis_checks(locked, chosen, basis, on)
        if copies is not None:
            locked.copies = copies
        if copy_allowed is not None:
            locked.copy_allowed = copy_allowed
        period = require(protection_period(Level[chosen], on, kind=locked.kind, custom_end=locked.custom_end))
        expiry = period.info.get("expiry")
        locked.level, locked.level_rank = chosen, RANK[chosen]
        locked.determined_on, locked.regime, locked.approver = on, reg.id, person
        locked.expires_on = expiry
        locked.period_years = (expiry.year - on.year) if expiry else None
        locked.summary_consent = summary_consent
        locked.marks = _marks(locked, Level[chosen], on, expiry)
        locked.decision_note = note
        locked.status = Status.DETERMINED
        if locked.custodian_id is None:
            # From now on the item is in custody: the drafter holds it until a handover (bmnn.custody).
            locked.custodian_id = locked.drafter_id
        locked.save()
        Determination.objects.create(
            item=locked,
            act=DecisionAct.CHANGED if changed else DecisionAct.APPROVED,
            person=person,
            on=on,
            regime=reg.id,
            level=chosen,
            note=note,
            reasons=[r.as_dict() for r in period.reasons],
        )
        audit.record(
            actor,
            action,
            locked,
            summary={
                "level": chosen,
                "proposed": locked.proposed_level,
                "regime": reg.id,
                "expires_on": fmt(expiry) if expiry else None,
                "changed": changed,
                "custodian": locked.custodian_id,
            },
        )
        return locked

    return act(actor, action, item, body)


def grant_access(actor: Any, item: Item, person: Person, reason: str) -> Grant:
    """The item's classifier (or the drafter, for a draft) gives one person need-to-know."""
    on = today()

    def body() -> Grant:
        me = actor_person(actor, on)
        if me.pk not in (item.approver_id, item.drafter_id):
            raise system_refusal(
                "chỉ người xác định độ mật hoặc người soạn thảo được cho phép tiếp cận",
                "ACCESS-GRANT",
                on,
                article="5",
            )
        check_clearance(person, item.effective_level, on, "person")
        grant = Grant.objects.create(item=item, person=person, reason=reason, granted_by=actor)
        audit.record(actor, "registry.item.grant", item, summary={"person": person.pk, "reason": reason})
        return grant

    return act(actor, "registry.item.grant", item, body)
