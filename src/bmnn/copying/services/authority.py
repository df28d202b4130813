"""Who may decide: the actor's posts, and the written delegations they hold as a deputy (Law Art. 11.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q

from bmnn.core.errors import Refused
from bmnn.organizations.models import Agency, Person
from bmnn.organizations.models import Delegation as DelegationRow
from bmnn.registry.services.common import check_clearance, refused_by, rules_positions, system_refusal
from bmnn.rules import Decision, Delegation, Level, Position


def delegations_of(person: Person, on: dt.date) -> list[tuple[DelegationRow, Delegation]]:
    """Unrevoked written delegations the person holds as deputy, as the rules see them.

    Rows out of term are kept: the rules explain why they do not apply (R-COPY-2)."""
    rows = (
        DelegationRow.objects.filter(deputy=person)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .select_related("delegator_position", "delegator_position__agency")
    )
    out = []
    for row in rows:
        pos = row.delegator_position
        delegator = Position.of(*pos.authority_tags, tier=pos.agency.tier, agency=str(pos.agency_id))
        out.append(
            (
                row,
                Delegation(
                    delegator=delegator,
                    acts=frozenset(row.acts),
                    max_level=Level[row.max_level],
                    valid_from=row.start_date,
                    valid_to=row.end_date,
                    written=bool(row.document_ref.strip()),
                    reference=row.document_ref,
                ),
            )
        )
    return out


def competent(
    person: Person,
    on: dt.date,
    ask: Callable[[Position, Delegation | None], Decision],
    field: str = "approver",
) -> tuple[Decision, DelegationRow | None]:
    """The first allowing decision over the person's posts (directly, then under each delegation).

    Refused: raises with the most telling refusal (a delegation's, when the person holds one)."""
    positions = rules_positions(person, on) or [Position.of(agency=str(person.agency_id))]
    first: Decision | None = None
    for pos in positions:
        decision = ask(pos, None)
        if decision.allowed:
            return decision, None
        if first is None:
            first = decision
    delegated: Decision | None = None
    for row, delegation in delegations_of(person, on):
        for pos in positions:
            decision = ask(pos, delegation)
            if decision.allowed:
                return decision, row
            if delegated is None:
                delegated = decision
    worst = delegated if delegated is not None else first
    assert worst is not None
    raise refused_by(worst, field)


def is_competent(person: Person, on: dt.date, ask: Callable[[Position, Delegation | None], Decision]) -> bool:
    """Whether ``competent`` would allow (no audit, no exception): for lists of pending decisions."""
    try:
        competent(person, on, ask)
    except Refused:
        return False
    return True


def check_addressee(person: Person, agency_id: int, level: str, on: dt.date, rule_id: str) -> None:
    """The person a request is submitted to must be active, belong to the item's agency or one of the
    bodies above it (the Art. 11 / Art. 15–16 deciders sit there), and hold a sufficient clearance.

    System check (no rule in ``bmnn.rules`` names who a request may be addressed to): Law Art. 5.2
    forbids giving access to a person who may not know the secret."""
    path = Agency.objects.filter(pk=agency_id).values_list("path", flat=True).first() or ""
    ancestors = {int(x) for x in path.strip("/").split("/") if x.isdigit()}
    if person.status != "active" or person.agency_id not in (ancestors | {agency_id}):
        raise system_refusal(
            "người được trình phải thuộc cơ quan quản lý tài liệu hoặc cơ quan cấp trên",
            rule_id,
            on,
            field="addressed_to",
        )
    check_clearance(person, level, on, "addressed_to")
