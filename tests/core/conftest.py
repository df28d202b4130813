"""Fixtures for the audit trail tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from bmnn.core import audit
from bmnn.core.audit import integrity, protection


@pytest.fixture(autouse=True)
def _audit_key(settings: Any, tmp_path: Any) -> None:
    """A fresh signing key per test, and no automatic checkpoints unless a test asks for them."""
    settings.AUDIT_KEY_FILE = tmp_path / "keys" / "audit_ed25519.key"
    settings.AUDIT_CHECKPOINT_EVERY = 0


def append(n: int, **extra: Any) -> list[Any]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                audit.record(
                    None,
                    extra.get("action", "test.act"),
                    object_type="test.thing",
                    object_id=str(i),
                    object_repr=f"Vật thể {i}",
                    summary={"before": {"n": i}, "after": {"n": i + 1, "ghi chú": "đã đổi"}},
                )
            )
    return events


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """Change rows directly, as the database owner would: triggers off, statement, triggers back on."""
    with protection.suspended(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify() -> Any:
    return integrity.verify_database()


@pytest.fixture
def chain(db: Any) -> Callable[[int], list[Any]]:
    return append
