"""The database triggers that keep the audit tables append-only, and a way to lift them.

Migration 0003 installs the triggers (PostgreSQL: refuse UPDATE, DELETE and TRUNCATE; SQLite: refuse
UPDATE and DELETE). ``suspended`` lifts them for the length of a block, as only the owner of the database
can: tests use it to play the attacker, and ``allow_test_flush`` lets the test runner empty the tables
between transactional tests. Nothing in the application calls either.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.db import connections, transaction

PROTECTED_TABLES = ("core_auditevent", "core_auditcheckpoint", "core_audithead")
EXPECTED_TRIGGERS = {
    "postgresql": frozenset(
        {
            "bmnn_audit_event_no_change",
            "bmnn_audit_event_no_truncate",
            "bmnn_audit_checkpoint_no_change",
            "bmnn_audit_checkpoint_no_truncate",
            "bmnn_audit_head_no_delete",
            "bmnn_audit_head_no_truncate",
            "bmnn_audit_head_forward",
        }
    ),
    "sqlite": frozenset(
        {
            "bmnn_audit_event_no_update",
            "bmnn_audit_event_no_delete",
            "bmnn_audit_checkpoint_no_update",
            "bmnn_audit_checkpoint_no_delete",
            "bmnn_audit_head_no_delete",
            "bmnn_audit_head_forward",
        }
    ),
}


@contextlib.contextmanager
def suspended(using: str = "default") -> Iterator[None]:
    """Disable the append-only triggers inside one transaction (needs owner rights on PostgreSQL)."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in PROTECTED_TABLES:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            yield
            for table in PROTECTED_TABLES:
                cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
        elif connection.vendor == "sqlite":
            marks = ",".join("%s" for _ in PROTECTED_TABLES)
            query = f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})"  # noqa: S608
            cursor.execute(query, PROTECTED_TABLES)
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            yield
            for _name, sql in triggers:
                cursor.execute(sql)
        else:  # pragma: no cover - other vendors have no triggers installed
            yield


def installed_triggers(using: str = "default") -> list[str]:
    """Names of the append-only triggers present (for ``bmnn audit verify`` to warn when one is missing)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY(%s) ORDER BY tgname",
                [list(PROTECTED_TABLES)],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", ["bmnn_audit_%"]
            )
        else:  # pragma: no cover
            return []
        return sorted(row[0] for row in cursor.fetchall())


def missing_triggers(using: str = "default") -> list[str]:
    """Append-only triggers that should be there for this database but are missing or disabled."""
    expected = EXPECTED_TRIGGERS.get(connections[using].vendor, frozenset())
    return sorted(expected - set(installed_triggers(using)))


def allow_test_flush() -> None:
    """Let Django's test flush empty the audit tables (call once from the test suite's conftest).

    Transactional tests end with a flush (TRUNCATE on PostgreSQL, DELETE on SQLite) which the triggers
    refuse; this wraps the flush in ``suspended``. Idempotent.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    original = BaseDatabaseOperations.execute_sql_flush
    if getattr(original, "_bmnn_audit", False):
        return

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        if not any(table in sql for sql in sql_list for table in PROTECTED_TABLES):
            return original(self, sql_list)
        with suspended(self.connection.alias):
            return original(self, sql_list)

    execute_sql_flush._bmnn_audit = True  # type: ignore[attr-defined]
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
