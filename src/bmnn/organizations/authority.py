"""Who holds authority, as the law engine sees it (read-only): a person's posts (``bmnn.rules.Position``),
the written delegations they hold as a deputy (``bmnn.rules.Delegation``, Law Art. 11.5), and the first
post or delegation under which a rules check allows an act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q

from bmnn.core.errors import Refused, refused_by
from bmnn.organizations.models import Delegation as DelegationRow
from bmnn.organizations.models import Person
from bmnn.organizations.selectors import current_assignments
from bmnn.rules import Decision, Delegation, Level, Position

Ask = Callable[[Position, Delegation | None], Decision]


def rules_positions(person: Person, on: dt.date) -> list[Position]:
    """The person's current posts as the rules see them (tags, agency tier, agency id)."""
    return [
        Position.of(
            *a.position.authority_tags,
            tier=a.position.agency.tier,
            agency=str(a.position.agency_id),
        )
        for a in current_assignments(person, on)
    ]


def positions_of(person: Person, on: dt.date) -> list[Position]:
    """The person's current posts (tags, agency tier, agency id); a person without a post counts as a
    bare post in their agency, so a check still answers with its reasons."""
    return rules_positions(person, on) or [Position.of(agency=str(person.agency_id))]


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
    person: Person, on: dt.date, ask: Ask, field: str = "approver", *, delegated: bool = True
) -> tuple[Decision, DelegationRow | None]:
    """The first allowing decision over the person's posts (directly, then, when ``delegated``, under
    each delegation they hold) and the delegation it came under.

    Refused: raises with the most telling refusal (a delegation's, when the person holds one; else the
    first post's)."""
    positions = positions_of(person, on)
    first: Decision | None = None
    for pos in positions:
        decision = ask(pos, None)
        if decision.allowed:
            return decision, None
        if first is None:
            first = decision
    delegated_refusal: Decision | None = None
    for row, delegation in delegations_of(person, on) if delegated else []:
        for pos in positions:
            decision = ask(pos, delegation)
            if decision.allowed:
                return decision, row
            if delegated_refusal is None:
                delegated_refusal = decision
    worst = delegated_refusal if delegated_refusal is not None else first
    assert worst is not None
    raise refused_by(worst, field)


def is_competent(person: Person, on: dt.date, ask: Ask) -> bool:
    """Whether ``competent`` would allow (no audit, no exception): for lists of pending decisions."""
    try:
        competent(person, on, ask)
    except Refused:
        return False
    return True
