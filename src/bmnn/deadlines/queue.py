"""The task queue for scheduled work (huey).

Embedded default: ``SqliteHuey`` in the data directory (no broker); ``bmnn run`` also starts an
in-process scheduler thread (:mod:`bmnn.deadlines.scheduler`), so a single process needs nothing else.
At scale: ``BMNN_QUEUE_URL=redis://host:6379/0`` selects ``RedisHuey``; run ``bmnn worker`` processes
(the consumer runs the periodic task, and any process may enqueue the job).

The periodic task fires every hour at minute 5 (Vietnam time); the job itself is a no-op once the day's
run has finished, so the hourly tick only catches up after downtime.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab


def make_huey(queue_url: str = "", data_dir: Any = None, *, name: str = "bmnn") -> Huey:
    if queue_url:
        return RedisHuey(name, url=queue_url, utc=False)
    from pathlib import Path

    path = Path(data_dir) / "queue.sqlite3"
    return SqliteHuey(name, filename=str(path), utc=False)


def register_tasks(huey: Huey) -> dict[str, Any]:
    """Attach the deadline tasks to ``huey`` (used for the configured queue and by tests)."""

    @huey.task(name="deadlines.daily")
    def daily(day: str = "", force: bool = False) -> dict[str, Any]:
        from django.db import close_old_connections

        from bmnn.deadlines.services.daily import run_daily

        close_old_connections()
        try:
            return run_daily(dt.date.fromisoformat(day) if day else None, force=force)
        finally:
            close_old_connections()

    @huey.periodic_task(crontab(minute="5"), name="deadlines.daily_tick")
    def daily_tick() -> dict[str, Any]:
        return daily.call_local()  # type: ignore[no-any-return]

    return {"daily": daily, "daily_tick": daily_tick}


@lru_cache(maxsize=1)
def configured() -> tuple[Huey, dict[str, Any]]:
    """The queue chosen by the settings, with its tasks."""
    from django.conf import settings

    huey = make_huey(getattr(settings, "BMNN_QUEUE_URL", ""), settings.DATA_DIR)
    return huey, register_tasks(huey)
