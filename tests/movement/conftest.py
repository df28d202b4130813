"""Movement tests reuse the registry's fixtures (demo province, lists, a determined Tối mật item)."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.organizations.models import Person
from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "exam_item", "lists", "make_proposal"]


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


@pytest.fixture
def determined(demo: dict[str, Any], exam_item: Any) -> Any:
    """A Tối mật exam paper of Sở GD&ĐT, determined by its director, kept by the department's clerk."""
    item = approve(demo, make_proposal(demo, exam_item))
    item.custodian = person("vanthu.giaoduc")
    item.save(update_fields=["custodian"])
    return item
