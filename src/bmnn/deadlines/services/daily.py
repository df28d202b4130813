"""The daily job: declassify expired items (R-DECL-1), refresh deadlines, raise reminders.

Idempotent per day: a finished ``JobRun`` for the day makes a second run a no-op, and even a forced
rerun creates nothing twice (reminders are unique per person, deadline and lead time; declassification
only touches items still determined/received).  A job missed for several days catches up: reminder
windows run from the last finished day (exclusive) to the run day (inclusive), and declassification
looks at every item whose expiry date is before the run day.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bmnn.core.audit import record
from bmnn.deadlines import compute
from bmnn.deadlines.models import Deadline, JobRun
from bmnn.deadlines.services import reminders
from bmnn.rules import is_auto_declassified, today_vn

log = logging.getLogger(__name__)

AUTO_ACTION = "lifecycle.declassify.automatic"
PROVIDER_FAILED = "deadlines.provider.failed"
STALE_RUN = dt.timedelta(hours=2)
FIRST_RUN_SINCE = dt.date(1900, 1, 1)


def declassify_expired(day: dt.date, batch: int = 200) -> int:
    """R-DECL-1: items whose protection period (with any extension) ended before ``day`` become
    declassified without a council, from the day after expiry; one audit event per item, actor system.
    Copies (``custody.Copy``) and every other row of the item stay."""
    from bmnn.registry.models import Item

    candidates = list(
        # registry_item_status_expiry (status, expires_on): one range seek per open status; no ORDER BY
        # (the model's default ordering would sort the candidates for nothing).
        Item.objects.filter(status__in=compute.OPEN_STATUSES, expires_on__isnull=False, expires_on__lt=day)
        .order_by()
        .values_list("pk", "expires_on", "status", "number_symbol")
    )
    done = 0
    for start in range(0, len(candidates), batch):
        with transaction.atomic():
            for pk, expires_on, status, number in candidates[start : start + batch]:
                decision = is_auto_declassified(expires_on, day)
                if not decision.allowed:
                    continue
                declassified_on = expires_on + dt.timedelta(days=1)
                changed = Item.objects.filter(pk=pk, status=status, expires_on=expires_on).update(
                    status="declassified", declassified_on=declassified_on, updated_at=timezone.now()
                )
                if not changed:  # changed meanwhile (an extension, a manual act): leave it
                    continue
                reason = decision.reasons[0]
                record(
                    None,
                    AUTO_ACTION,
                    object_type="registry.item",
                    object_id=str(pk),
                    object_repr=number or f"#{pk}",
                    summary={
                        "mode": "automatic",
                        "status": [status, "declassified"],
                        "expires_on": expires_on.isoformat(),
                        "declassified_on": declassified_on.isoformat(),
                        "rule_id": reason.rule_id,
                        "citation": reason.citation.vi(),
                        "reason": reason.message_vi,
                        "job_day": day.isoformat(),
                    },
                )
                Deadline.objects.filter(source="item", object_id=pk).delete()
                done += 1
    return done


def _claim(day: dt.date, force: bool) -> tuple[JobRun | None, JobRun | None]:
    """The run row for ``day`` (None if another process runs it or it is done) and the previous run."""
    now = timezone.now()
    previous = JobRun.objects.filter(day__lt=day, finished__isnull=False).order_by("-day").first()
    try:
        with transaction.atomic():
            run, created = JobRun.objects.get_or_create(day=day, defaults={"started": now})
    except IntegrityError:
        return None, previous
    if created:
        return run, previous
    if run.finished is not None and not force:
        return None, previous
    if run.finished is None and now - run.started < STALE_RUN and not force:
        return None, previous  # running elsewhere
    run.started, run.finished = now, None
    run.save(update_fields=["started", "finished"])
    return run, previous


def run_daily(day: dt.date | None = None, *, force: bool = False, full: bool = False) -> dict[str, Any]:
    """Run the job for ``day`` (default: today in Vietnam).  Returns the counts (``skipped`` if done)."""
    day = day or today_vn()
    run, previous = _claim(day, force)
    if run is None:
        return {"day": day.isoformat(), "skipped": True}
    last_refresh = (
        JobRun.objects.filter(finished__isnull=False).exclude(pk=run.pk).order_by("-started").first()
    )
    counts: dict[str, Any] = {"day": day.isoformat()}
    counts["declassified"] = declassify_expired(day)
    if full or last_refresh is None or not Deadline.objects.filter(source="item").exists():
        counts["item_deadlines"] = compute.rebuild_items()
        counts["refresh"] = "full"
    else:
        counts["item_deadlines"] = compute.refresh_changed_items(
            last_refresh.started - dt.timedelta(minutes=5)
        )
        counts["refresh"] = "changed"
    others, errors = compute.rebuild_others(day)
    counts.update(others)
    counts["provider_errors"] = len(errors)
    if last_refresh is None:
        # First run ever: every deadline already past one of its lead times gets its most urgent one
        # (an act overdue before the system was installed is reminded as overdue, once).
        since = FIRST_RUN_SINCE
    elif previous is not None:
        since = previous.day
    else:
        since = day - dt.timedelta(days=1)
    created = reminders.raise_reminders(since, day)
    counts["reminders"] = len(created)
    counts["emails"] = reminders.send_emails(created)
    counts["overdue"] = Deadline.objects.filter(primary=True, due_on__lt=day).count()
    run.finished = timezone.now()
    run.counts = counts
    run.errors = [{**e, "at": run.finished.isoformat()} for e in errors]
    with transaction.atomic():
        for error in errors:  # one audit event per failed provider, with the run that records it
            record(
                None,
                PROVIDER_FAILED,
                object_type="deadlines.provider",
                object_id=error["provider"][:64],
                object_repr=error["provider"],
                summary={**error, "job_day": day.isoformat()},
            )
        run.save(update_fields=["finished", "counts", "errors"])
    log.info("deadlines daily job %s: %s", day, counts)
    return counts
