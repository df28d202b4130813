"""Councils (R-DECL-3, R-DEST-3) and their meeting minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.lifecycle.models import Council, CouncilKind, CouncilMember, Minutes
from bmnn.lifecycle.services.common import (
    act,
    actor_person,
    positions_of,
    require,
    require_head,
    today,
)
from bmnn.organizations.models import Person
from bmnn.rules import Council as RulesCouncil
from bmnn.rules import Position, regime_for
from bmnn.rules.lifecycle import council_pairs

RULE = {"declassification": "R-DECL-3", "destruction": "R-DEST-3"}


@dataclass(frozen=True)
class MemberInput:
    name: str
    body: str = ""
    role: str = ""
    person: Person | None = None
    is_custodian: bool = False


def _leader_position(person: Person, agency_id: int, on: dt.date) -> Position:
    positions = positions_of(person, on)
    for p in positions:
        if p.agency == str(agency_id) and p.head_tags() & {"agency_head", "agency_leader"}:
            return p
    return positions[0]


def rules_council(council: Council, on: dt.date) -> RulesCouncil:
    """The council as the rules see it: the chair's post, members' posts, whether the custodian sits."""
    members = tuple(
        positions_of(m.person, on)[0] if m.person else Position.of(agency="")
        for m in council.members.all()
        if m.person_id != council.chair_id
    )
    return RulesCouncil(
        chair=_leader_position(council.chair, council.agency_id, on),
        members=members,
        custodian_included=any(m.is_custodian for m in council.members.all()),
    )


def form_council(
    actor: Any,
    *,
    kind: str,
    agency_id: int,
    decision_number: str,
    chair: Person,
    members: Iterable[MemberInput],
    on: dt.date | None = None,
) -> Council:
    """The head sets up a council by decision; the composition is checked against R-DECL-3 / R-DEST-3
    (chair = a leader of the body, representatives of relevant bodies; destruction: the custodian)."""
    on = on or today()
    members = list(members)
    rule_id = RULE.get(kind, "R-DECL-3")

    def body() -> Council:
        person = actor_person(actor, on)
        if kind not in CouncilKind.values:
            raise Refused("Loại Hội đồng không hợp lệ.", field="kind")
        require_head(person, agency_id, rule_id, on, "quyết định thành lập Hội đồng")
        if not decision_number.strip():
            raise Refused("Phải ghi số, ký hiệu quyết định thành lập Hội đồng.", field="decision_number")
        reg = regime_for(on)
        council = Council.objects.create(
            kind=kind,
            agency_id=agency_id,
            decision_number=decision_number.strip(),
            established_on=on,
            established_by=person,
            chair=chair,
            regime=reg.id,
            created_by=actor,
        )
        CouncilMember.objects.create(
            council=council,
            person=chair,
            name=chair.full_name,
            body=chair.agency.name,
            role="Chủ tịch Hội đồng",
        )
        for m in members:
            if not m.name.strip():
                continue
            CouncilMember.objects.create(
                council=council,
                person=m.person,
                name=m.name.strip(),
                body=m.body.strip(),
                role=m.role.strip() or "Thành viên",
                is_custodian=m.is_custodian,
            )
        shape = rules_council(council, on)
        pairs = council_pairs(reg, rule_id, shape, str(agency_id), need_custodian=kind == "destruction")
        require(reg.decide(on, pairs), "chair")
        audit.record(
            actor,
            "lifecycle.council.form",
            council,
            summary={
                "kind": kind,
                "decision_number": council.decision_number,
                "chair": chair.pk,
                "members": council.members.count(),
            },
        )
        return council

    return act(actor, "lifecycle.council.form", None, body)


def record_minutes(
    actor: Any,
    council: Council,
    *,
    content: str,
    conclusion: str,
    attendees: str = "",
    place: str = "",
    on: dt.date | None = None,
) -> Minutes:
    """The council's secretary (a member, the chair, or the body's head) records the meeting minutes."""
    on = on or today()
    rule_id = RULE.get(council.kind, "R-DECL-3")

    def body() -> Minutes:
        person = actor_person(actor, on)
        member_ids = set(council.members.values_list("person_id", flat=True))
        if person.pk not in member_ids:
            require_head(person, council.agency_id, rule_id, on, "ghi biên bản họp Hội đồng")
        if not content.strip() or not conclusion.strip():
            raise Refused("Biên bản phải có nội dung và kết luận của Hội đồng.", field="content")
        minutes = Minutes.objects.create(
            kind="council",
            council=council,
            held_on=on,
            place=place.strip(),
            attendees=attendees.strip() or "; ".join(m.name for m in council.members.all()),
            content=content.strip(),
            conclusion=conclusion.strip(),
            recorded_by=person,
        )
        audit.record(actor, "lifecycle.council.minutes", council, summary={"minutes": minutes.pk})
        return minutes

    return act(actor, "lifecycle.council.minutes", council, body)
