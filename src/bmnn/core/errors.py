"""Refusals raised by services. Every refusal names the rule and its citation in Vietnamese."""

from __future__ import annotations

from typing import Any

from django.db import transaction


class Refused(Exception):
    """An act the actor may not do, or a value the law or the system does not accept.

    ``message`` is Vietnamese and is shown to the user as is. ``reasons`` optionally carries the
    ``bmnn.rules`` reasons (rule id, citation) behind it.
    """

    def __init__(
        self,
        message: str,
        *,
        rule_id: str = "",
        citation: str = "",
        field: str = "",
        reasons: list[Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.rule_id = rule_id
        self.citation = citation
        self.field = field
        self.reasons = reasons or []

    def as_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "rule_id": self.rule_id,
            "citation": self.citation,
            "field": self.field,
        }


def refused_by(decision: Any, field: str = "") -> Refused:
    """A ``Refused`` carrying a ``bmnn.rules.Decision``'s Vietnamese message, first rule id and citation."""
    first = decision.reasons[0] if decision.reasons else None
    return Refused(
        decision.message("vi"),
        rule_id=first.rule_id if first else "",
        citation=first.citation.vi() if first else "",
        field=field,
        reasons=[r.as_dict() for r in decision.reasons],
    )


class NotFound(Exception):
    """The object does not exist or is outside the actor's scope (views answer 404)."""


def refuse(actor: Any, action: str, exc: Refused, obj: Any = None, **extra: Any) -> Refused:
    """Record the refusal as an audit event in its own transaction and return the exception to raise.

    Call it *outside* the transaction of the act that was refused, so the refused change rolls back
    while the refusal itself stays on the record.
    """
    from bmnn.core import audit

    with transaction.atomic():
        audit.record(actor, f"{action}.refused", obj, summary={"refusal": exc.as_dict(), **extra})
    return exc
