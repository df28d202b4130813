"""No code path and no database statement short of disabling the triggers can change or delete events."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from tests.core.conftest import append, verify

from bmnn.core.audit import protection
from bmnn.core.audit.models import AppendOnlyError, AuditCheckpoint, AuditEvent, AuditHead
from bmnn.core.audit.service import checkpoint

pytestmark = pytest.mark.django_db(transaction=True)


def _refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as info, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    return str(info.value)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'x' WHERE seq = 2",
        "UPDATE core_auditevent SET summary = '{}'",
        "DELETE FROM core_auditevent WHERE seq = 2",
        "DELETE FROM core_auditevent",
        "UPDATE core_auditcheckpoint SET head_hash = 'x'",
        "DELETE FROM core_auditcheckpoint",
        "DELETE FROM core_audithead",
        "UPDATE core_audithead SET seq = 1",
        "UPDATE core_audithead SET seq = 4, hash = 'x'",
    ],
)
def test_the_database_refuses_changes_to_the_trail(sql):
    append(3)
    checkpoint()
    message = _refused(sql)
    assert "append-only" in message or "advance" in message
    assert verify().ok
    assert AuditEvent.objects.count() == 3


def test_postgresql_refuses_truncate():
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    append(2)
    for table in protection.PROTECTED_TABLES:
        assert "append-only" in _refused(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() == 2


def test_all_triggers_are_installed():
    assert protection.missing_triggers() == []
    assert set(protection.installed_triggers()) == protection.EXPECTED_TRIGGERS[connection.vendor]


def test_the_head_still_advances_through_record():
    append(4)
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (4, AuditEvent.objects.get(seq=4).hash)


def test_the_orm_refuses_to_change_or_delete():
    event = append(1)[0]
    checkpoint()
    cp = AuditCheckpoint.objects.get()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=1).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["action"])
    with pytest.raises(AppendOnlyError):
        event.delete()
    event.action = "x"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        cp.delete()
    with pytest.raises(AppendOnlyError):
        AuditCheckpoint.objects.all().update(seq=5)
    assert AuditEvent.objects.get(seq=1).action == "test.act"


def test_no_permission_can_delete_or_change_events():
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(content_type__app_label="core").values_list("codename", flat=True)
    )
    assert codenames == {"view_auditevent"}


def test_suspending_the_triggers_is_needed_to_tamper_and_they_come_back():
    append(2)
    with protection.suspended(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE seq = 1")
    assert protection.missing_triggers() == []
    assert "append-only" in _refused("DELETE FROM core_auditevent")
    assert verify().first.seq == 1
