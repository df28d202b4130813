"""Helpers shared by the movement services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bmnn.organizations.models import Person
from bmnn.organizations.selectors import scope_agencies
from bmnn.registry.services.common import is_registry_staff, rules_positions
from bmnn.rules import Decision, Position


def staff_for(actor: Any, agency_id: int) -> bool:
    """Clerk or security officer whose scope (own agency and those below it) holds ``agency_id``."""
    return is_registry_staff(actor) and scope_agencies(actor).filter(pk=agency_id).exists()


def best_decision(person: Person, on: dt.date, check: Callable[[Position], Decision]) -> Decision:
    """The first allowing decision over the person's current posts, else the first refusal."""
    positions = rules_positions(person, on) or [Position.of()]
    first: Decision | None = None
    for position in positions:
        decision = check(position)
        if decision.allowed:
            return decision
        first = first or decision
    assert first is not None
    return first
