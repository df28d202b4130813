"""Copying tests reuse the registry's fixtures (demo province, shipped lists, a determined item)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "exam_item", "lists", "make_proposal"]


@pytest.fixture
def determined(demo: dict[str, Any], exam_item: Any) -> Any:
    """A Tối mật exam paper (copying not allowed), proposed by cv.khaothi, determined by gd.giaoduc."""
    return approve(demo, make_proposal(demo, exam_item))


def person(username: str) -> Any:
    from bmnn.organizations.models import Person

    return Person.objects.get(user__username=username)


def refused_event(action: str) -> Any:
    from bmnn.core.audit.models import AuditEvent

    return AuditEvent.objects.filter(action=f"{action}.refused").order_by("-pk").first()
