"""Who a copying or providing request may be addressed to.  Who may decide (posts and written
delegations, Law Art. 11.5) is ``bmnn.organizations.authority``."""

from __future__ import annotations

import datetime as dt

from bmnn.organizations.models import Agency, Person
from bmnn.registry.services.common import check_clearance, system_refusal


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
