"""The in-process scheduler that ``bmnn run`` starts in the embedded default (no broker, no worker).

A daemon thread runs the daily job at start-up and then every ``interval`` seconds; the job is a no-op
once the day's run has finished, so the thread catches up after the machine was off and otherwise costs
one query per tick.  With ``BMNN_QUEUE_URL`` set (scale) the thread is not started: ``bmnn worker``
processes run the periodic task instead.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
_thread: threading.Thread | None = None
_stop = threading.Event()


def _loop(interval: float) -> None:
    from django.db import close_old_connections

    from bmnn.deadlines.services.daily import run_daily

    while not _stop.is_set():
        try:
            close_old_connections()
            counts = run_daily()
            if not counts.get("skipped"):
                log.warning("daily job: %s", counts)
        except Exception:  # the scheduler must outlive one failed run; the next tick retries
            log.exception("daily job failed")
        finally:
            close_old_connections()
        _stop.wait(interval)


def start_in_process(interval: float = 600.0) -> threading.Thread | None:
    """Start the scheduler thread once (None when a queue URL is configured)."""
    global _thread
    from django.conf import settings

    if getattr(settings, "BMNN_QUEUE_URL", ""):
        return None
    if _thread is not None and _thread.is_alive():
        return _thread
    _stop.clear()
    _thread = threading.Thread(target=_loop, args=(interval,), name="bmnn-daily", daemon=True)
    _thread.start()
    return _thread


def stop() -> None:
    _stop.set()
