from __future__ import annotations

from tests.copying.conftest import determined
from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "determined", "exam_item", "lists", "make_proposal"]
