"""Register numbers never skip or repeat under concurrency (row lock on PostgreSQL, IMMEDIATE on SQLite)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from bmnn.registry.models import RegisterCounter, RegisterEntry
from bmnn.registry.services import registration

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 12


def test_concurrent_incoming_registrations_get_numbers_1_to_n(demo: dict[str, Any]) -> None:
    clerk = demo["vanthu.giaoduc"]
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            registration.register_incoming(
                clerk,
                sender=f"Trường THPT số {i}",
                number_symbol=f"{i}/THPT",
                envelope_level="MAT",
                field="education_training",
                summary=f"Báo cáo số {i}",
            )
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    seqs = sorted(RegisterEntry.objects.filter(register="in").values_list("seq", flat=True))
    assert seqs == list(range(1, WORKERS + 1))
    counter = RegisterCounter.objects.get(register="in")
    assert counter.last == WORKERS
    assert connection.vendor in ("sqlite", "postgresql")
