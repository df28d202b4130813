"""Custody tests reuse the registry's fixtures (demo province, shipped lists, a determined item)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "exam_item", "lists", "make_proposal"]


@pytest.fixture
def determined(demo: dict[str, Any], exam_item: Any) -> Any:
    """A Tối mật exam paper, proposed by cv.khaothi and determined by the department head."""
    item = make_proposal(demo, exam_item)
    return approve(demo, item)
