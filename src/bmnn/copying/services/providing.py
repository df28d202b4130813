"""Providing BMNN to Vietnamese parties (Law Art. 15; Form 17) and to foreign parties (Law Art. 16):
request, decision by the competent person, refusal in writing with reasons, register rows (``prov``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn.copying.models import PartyKind, Provision, ProvisionStatus
from bmnn.copying.services.authority import check_addressee
from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.services.handover import hand_over
from bmnn.organizations.authority import competent, is_competent
from bmnn.organizations.models import Person
from bmnn.registry.models import RANK, Item, Status
from bmnn.registry.services.common import (
    act,
    actor_person,
    check_clearance,
    is_registry_staff,
    require,
    system_refusal,
    today,
)
from bmnn.registry.services.registration import next_number
from bmnn.rules import (
    Level,
    check_foreign_recipient,
    check_provision_refusal,
    check_record,
    may_provide,
    may_provide_foreign,
    regime_for,
)

FIELDS = ("body", "representative", "position", "id_number", "nationality", "passport", "programme")
TEXTS = ("secret_requested", "purpose", "commitment")


def _require_staff(actor: Any, agency_id: int, rule_id: str, on: dt.date) -> None:
    person = actor_person(actor, on)
    if not is_registry_staff(actor) or person.agency_id != agency_id:
        raise system_refusal("chỉ văn thư, cán bộ bảo mật của cơ quan được vào sổ cung cấp BMNN", rule_id, on)


def request_provision(
    actor: Any,
    item: Item,
    *,
    party_kind: str,
    in_cooperation: bool = False,
    addressed_to: Person | None = None,
    on: dt.date | None = None,
    **data: str,
) -> Provision:
    """Registry staff record a request to provide ``item`` (domestic: Form 17, R-PROV-5; foreign: the
    contents of Law Art. 16.2–16.3, R-PROV-4) and give it the next number of the providing register."""
    on = on or today()
    values = {k: (data.get(k) or "").strip() for k in (*FIELDS, *TEXTS)}
    unknown = set(data) - set(values)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    rule_id = "R-PROV-4" if party_kind == PartyKind.FOREIGN else "R-PROV-5"

    def body() -> Provision:
        person = actor_person(actor, on)
        locked = Item.objects.select_for_update(of=("self",)).get(pk=item.pk)
        _require_staff(actor, locked.agency_id, rule_id, on)
        if locked.status not in (Status.DETERMINED, Status.RECEIVED) or not locked.level:
            raise system_refusal("chỉ cung cấp tài liệu đã xác định độ mật, còn quản lý", rule_id, on)
        check_clearance(person, locked.level, on)
        if addressed_to is not None:
            check_addressee(addressed_to, locked.agency_id, locked.level, on, rule_id)
        filled: dict[str, object] = {k: v for k, v in values.items() if v}
        if party_kind == PartyKind.FOREIGN:
            require(check_foreign_recipient(in_cooperation, filled, on))
        elif party_kind == PartyKind.DOMESTIC:
            require(check_record("R-PROV-5", filled, on))
        else:
            raise Refused("Bên nhận không hợp lệ.", field="party_kind")
        row = Provision.objects.create(
            agency_id=locked.agency_id,
            year=on.year,
            seq=next_number(locked.agency_id, "prov", on.year),
            item=locked,
            party_kind=party_kind,
            level=locked.level,
            level_rank=RANK[locked.level],
            requested_on=on,
            recorded_by=person,
            addressed_to=addressed_to,
            registered_by=actor,
            **values,
        )
        audit.record(
            actor,
            "copying.provision.create",
            row,
            summary={
                "item": locked.pk,
                "party": party_kind,
                "body": row.body,
                "seq": f"{row.seq}/{row.year}",
                "addressed_to": addressed_to.pk if addressed_to else None,
            },
        )
        return row

    return act(actor, "copying.provision.create", item, body)


def _ask(row: Provision, on: dt.date, within_remit: bool = True):  # type: ignore[no-untyped-def]
    level = Level[row.level]
    if row.party_kind == PartyKind.FOREIGN:
        return lambda pos, d: may_provide_foreign(level, pos, on, within_remit=within_remit)
    return lambda pos, d: may_provide(level, pos, on, delegation=d)


def may_decide_provision(person: Person, row: Provision, on: dt.date | None = None) -> bool:
    """Whether ``person`` is a competent decider (R-PROV-1/2/3), without recording anything."""
    on = on or today()
    return RANK.get(person.clearance or "", 0) >= RANK[row.level] and is_competent(person, on, _ask(row, on))


def decide_provision(
    actor: Any,
    row: Provision,
    *,
    approve: bool,
    note: str = "",
    within_remit: bool = True,
    on: dt.date | None = None,
) -> Provision:
    """The competent person decides: domestic by the Art. 11 tiers (R-PROV-1, deputies under a written
    delegation); foreign per regime (R-PROV-2 / R-PROV-3).  A refusal is written, with reasons (R-PROV-5)."""
    on = on or today()
    action = "copying.provision.approve" if approve else "copying.provision.refuse"

    def body() -> Provision:
        person = actor_person(actor, on)
        locked = Provision.objects.select_for_update(of=("self",)).select_related("item").get(pk=row.pk)
        if locked.status != ProvisionStatus.REQUESTED:
            raise system_refusal("đề nghị không ở trạng thái chờ quyết định", "R-PROV-5", on)
        item = locked.item
        if item.status not in (Status.DETERMINED, Status.RECEIVED) or item.level != locked.level:
            # The request described the item as it was; a changed level or a closed item needs a new one.
            rule = "R-PROV-4" if locked.party_kind == PartyKind.FOREIGN else "R-PROV-5"
            raise system_refusal("độ mật hoặc tình trạng tài liệu đã thay đổi từ khi đề nghị", rule, on)
        check_clearance(person, locked.level, on)
        _d, delegation = competent(person, on, _ask(locked, on, within_remit))
        if not approve:
            require(check_provision_refusal(True, bool(note.strip()), on), "note")
        locked.status = ProvisionStatus.APPROVED if approve else ProvisionStatus.REFUSED
        locked.decider, locked.delegation, locked.decided_on = person, delegation, on
        locked.decision_note, locked.regime = note.strip(), regime_for(on).id
        locked.save()
        audit.record(actor, action, locked, summary={"item": locked.item_id, "note": locked.decision_note})
        return locked

    return act(actor, action, row, body)


def record_provided(actor: Any, row: Provision, *, receipt_no: str, on: dt.date | None = None) -> Provision:
    """Registry staff record the handing over to the party (a Form 16 line with its receipt)."""
    on = on or today()

    def body() -> Provision:
        locked = Provision.objects.select_for_update(of=("self",)).select_related("item").get(pk=row.pk)
        _require_staff(actor, locked.agency_id, "R-TX-5", on)
        if locked.status != ProvisionStatus.APPROVED:
            raise system_refusal("việc cung cấp chưa được người có thẩm quyền cho phép", "R-PROV-1", on)
        hand_over(
            actor,
            item=locked.item,
            purpose="provide",
            to_person=None,
            to_party=f"{locked.body} — {locked.representative}",
            receipt_kind="receipt",
            receipt_no=receipt_no,
            reference=f"Sổ cung cấp BMNN số {locked.seq}/{locked.year}",
            audit_action="copying.provision.handover",
        )
        locked.status, locked.provided_on, locked.receipt_no = (
            ProvisionStatus.PROVIDED,
            on,
            receipt_no.strip(),
        )
        locked.save(update_fields=["status", "provided_on", "receipt_no"])
        audit.record(actor, "copying.provision.provided", locked, summary={"receipt_no": locked.receipt_no})
        return locked

    return act(actor, "copying.provision.provided", row, body)
