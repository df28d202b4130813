"""The daily job through the task queue: SqliteHuey (embedded default, no broker) and RedisHuey."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest

from bmnn.deadlines.models import JobRun
from bmnn.deadlines.queue import make_huey, register_tasks
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2027, 3, 11)


def _through(huey: Any, make_item: Any) -> None:
    from bmnn.registry.models import Item

    expired, kept = make_item(dt.date(2027, 3, 10)), make_item(dt.date(2027, 3, 12))
    tasks = register_tasks(huey)
    tasks["daily"](DAY.isoformat())  # enqueued, not run
    assert not JobRun.objects.exists()
    with at(DAY):
        task = huey.dequeue()
        assert task is not None
        huey.execute(task)
    assert Item.objects.get(pk=expired.pk).status == "declassified"
    assert Item.objects.get(pk=kept.pk).status == "determined"
    assert list(JobRun.objects.values_list("day", flat=True)) == [DAY]
    # The periodic tick the same day is a no-op.
    with at(DAY, hour=9):
        assert tasks["daily_tick"].call_local() == {"day": DAY.isoformat(), "skipped": True}


def test_daily_job_through_sqlite_huey(tmp_path: Path, make_item: Any) -> None:
    _through(make_huey("", tmp_path, name=f"t-{uuid.uuid4().hex[:8]}"), make_item)


def test_daily_job_through_redis_huey(make_item: Any) -> None:
    redis = pytest.importorskip("redis", reason="the redis client (scale extra) is not installed")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means no broker here
        pytest.skip(f"Redis unreachable at {url}: {exc}")
    huey = make_huey(url, name=f"bmnn-test-{uuid.uuid4().hex[:8]}")
    try:
        _through(huey, make_item)
    finally:
        huey.flush()
