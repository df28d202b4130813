"""Shared pieces of the registry services: who the actor is, rules positions, refusals from decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from bmnn.core.errors import Refused, refuse, refused_by
from bmnn.organizations.models import Person
from bmnn.organizations.selectors import person_for
from bmnn.rules import Citation, Decision, Level, regime_for

T = TypeVar("T")

CLERK_GROUPS = ("clerk", "security_officer")
RANK = {"MAT": 1, "TOI_MAT": 2, "TUYET_MAT": 3}


def today() -> dt.date:
    return timezone.localdate()


def require(decision: Decision, field: str = "") -> Decision:
    if not decision.allowed:
        raise refused_by(decision, field)
    return decision


def system_refusal(message_vi: str, rule_id: str, on: dt.date, field: str = "", article: str = "") -> Refused:
    """A refusal the system makes on a rule's ground (the citation comes from the rule catalogue, or
    from the Law in force when ``article`` is given: access control cites Art. 5 khoản 2)."""
    reg = regime_for(on)
    cite = Citation(reg.data["law"], article, "2") if article else reg.cite(rule_id)
    return Refused(
        f"Không được phép: {message_vi} ({cite.vi()})", rule_id=rule_id, citation=cite.vi(), field=field
    )


def actor_person(actor: Any, on: dt.date) -> Person:
    person = person_for(actor)
    if person is None or person.status != "active":
        raise system_refusal("tài khoản không gắn với cán bộ đang công tác", "ACCESS-PERSON", on, article="5")
    return person


def check_clearance(person: Person, level: str, on: dt.date, field: str = "") -> None:
    """Clearance ≥ level (system access control; unlawful access is prohibited by Law Art. 5.2)."""
    if RANK.get(person.clearance or "", 0) < RANK[level]:
        label = Level[level].label_vi
        raise system_refusal(
            f"{person.full_name} không được tiếp cận BMNN độ {label} (mức được tiếp cận thấp hơn)",
            "ACCESS-CLEARANCE",
            on,
            field=field,
            article="5",
        )


def is_registry_staff(actor: Any) -> bool:
    return bool(actor.groups.filter(name__in=CLERK_GROUPS).exists())


def agency_heads(agency_id: int, on: dt.date) -> list[Person]:
    """People holding a post tagged ``agency_head`` (not as deputy) in the agency on ``on``."""
    from bmnn.organizations.models import Assignment, current_on

    rows = Assignment.objects.filter(current_on(on), position__agency_id=agency_id).select_related(
        "person", "position"
    )
    return [a.person for a in rows if "agency_head" in a.position.authority_tags]


def act(actor: Any, action: str, obj: Any, body: Callable[[], T]) -> T:
    """Run ``body`` in one transaction; a refusal rolls it back and is recorded as ``<action>.refused``."""
    try:
        with transaction.atomic():
            return body()
    except Refused as exc:
        raise refuse(actor, action, exc, obj) from None
