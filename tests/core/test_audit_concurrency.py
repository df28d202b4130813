"""Concurrent appends serialise on the head row: sequence numbers never skip or repeat, the chain holds."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction
from tests.core.conftest import verify

from bmnn.core import audit
from bmnn.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 6
EACH = 5


def test_concurrent_appends_form_one_unbroken_chain():
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(EACH):
                with transaction.atomic():
                    audit.record(None, "test.concurrent", object_id=f"{worker}-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, WORKERS * EACH + 1))
    report = verify()
    assert report.ok, report.lines()
