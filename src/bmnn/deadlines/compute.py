"""Materialising deadlines in set-based SQL (1M items must not be instantiated one by one).

* Item deadlines (``source='item'``): for every determined/received item with an expiry date, the
  expiry (R-PERIOD-1, the last protected day) and the extension-decision deadline (R-EXT-1: at least
  60 days before expiry, the number of days coming from :func:`bmnn.rules.extension_alert_date`).
  Responsible: the approver (who must decide an extension) as the primary row, the custodian as a
  second row when different.
* Incoming recall (``source='recall'``): "TÀI LIỆU THU HỒI" entries not yet returned (R-TX-9).
* Annual report (``source='annual'``): one per active agency (R-REP-1, ``annual_report_due``).
* Providers (``source=<provider name>``): every ``Due`` from :mod:`bmnn.deadlines.providers`.

Rows hold the number-symbol (or ``#id``) only, never a title or summary.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.urls import reverse

from bmnn.deadlines import providers
from bmnn.deadlines.models import Deadline
from bmnn.rules import annual_report_due, extension_alert_date

log = logging.getLogger(__name__)

OPEN_STATUSES = ("determined", "received")
DEADLINE_COLUMNS = (
    "key",
    "source",
    "kind",
    "due_on",
    "agency_id",
    "unit_id",
    "person_id",
    '"primary"',
    "object_type",
    "object_id",
    "ref",
    "label",
    "rule_id",
    "url",
)


def _item_url_prefix() -> str:
    return reverse("registry_item", args=[987654321]).split("987654321")[0]


def _extension_offsets() -> list[tuple[dt.date | None, int]]:
    """(first expiry date, days before expiry) ranges of R-EXT-1 across regimes (60 days in both)."""
    ranges: list[tuple[dt.date | None, int]] = []
    day = dt.date(1990, 1, 1)
    while day < dt.date(2200, 1, 1):
        days = (day - extension_alert_date(day)).days
        if not ranges or ranges[-1][1] != days:
            ranges.append((None if not ranges else day, days))
        day += dt.timedelta(days=30)
    return ranges


def _minus_days_sql(column: str, days: int) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - {int(days)})"
    return f"date({column}, '-{int(days)} days')"


def _extension_due_sql(column: str) -> str:
    ranges = _extension_offsets()
    if len(ranges) == 1:
        return _minus_days_sql(column, ranges[0][1])
    parts = []
    for start, days in reversed(ranges[1:]):
        parts.append(f"WHEN {column} >= '{start.isoformat()}' THEN {_minus_days_sql(column, days)}")  # type: ignore[union-attr]
    return f"(CASE {' '.join(parts)} ELSE {_minus_days_sql(column, ranges[0][1])} END)"


def _item_select(kind: str, due_sql: str, rule_id: str, where: str, primary: bool) -> str:
    person = "COALESCE(i.approver_id, i.custodian_id)" if primary else "i.custodian_id"
    extra = (
        ""
        if primary
        else " AND i.custodian_id IS NOT NULL AND i.approver_id IS NOT NULL"
        " AND i.custodian_id <> i.approver_id"
    )
    true = "TRUE" if connection.vendor == "postgresql" else "1"
    false = "FALSE" if connection.vendor == "postgresql" else "0"
    cast = "CAST(i.id AS TEXT)"
    # Fixed identifiers and constants of this module only; values travel as parameters.
    head = f"SELECT '{kind}:registry.item:' || {cast}, 'item', '{kind}', {due_sql}, "
    sql = (
        head + "i.agency_id, i.unit_id, "
        f"{person}, {true if primary else false}, 'registry.item', i.id, "
        f"COALESCE(NULLIF(i.number_symbol, ''), '#' || {cast}), '', '{rule_id}', "
        f"%s || {cast} || '/' "
        f"FROM registry_item i WHERE i.status IN ('determined', 'received') "
        f"AND i.expires_on IS NOT NULL{where}{extra}"
    )
    return sql


def _insert_item_rows(where: str = "", params: Sequence[Any] = ()) -> int:
    selects = []
    for kind, due, rule in (
        ("expiry", "i.expires_on", "R-PERIOD-1"),
        ("extension_decision", _extension_due_sql("i.expires_on"), "R-EXT-1"),
    ):
        for primary in (True, False):
            selects.append(_item_select(kind, due, rule, where, primary))
    sql = f"INSERT INTO deadlines_deadline ({', '.join(DEADLINE_COLUMNS)}) " + " UNION ALL ".join(selects)
    with connection.cursor() as cur:
        cur.execute(sql, [_item_url_prefix(), *params] * len(selects))
        return max(cur.rowcount, 0)


def rebuild_items() -> int:
    """Rebuild every item deadline (first run, ``bmnn daily --full``)."""
    with transaction.atomic():
        Deadline.objects.filter(source="item").delete()
        n = _insert_item_rows()
    analyze()
    return n


def analyze() -> None:
    """Fresh planner statistics after a full build: stale ones (an empty table's) made PostgreSQL pick a
    bitmap scan + sort of a person's 100,000 rows for a page of 50.  SQLite samples (analysis_limit)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA analysis_limit=1000")
        cur.execute("ANALYZE deadlines_deadline")


def refresh_items(item_ids: Iterable[int]) -> int:
    """Recompute the deadlines of some items (called when an item is saved and for changed items)."""
    ids = sorted({int(i) for i in item_ids})
    total = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        with transaction.atomic():
            Deadline.objects.filter(source="item", object_id__in=chunk).delete()
            marks = ", ".join(["%s"] * len(chunk))
            total += _insert_item_rows(f" AND i.id IN ({marks})", chunk)
    return total


def refresh_changed_items(since: Any) -> int:
    """Recompute items updated at or after ``since`` (a catch-all for changes made without ``save()``)."""
    from bmnn.registry.models import Item

    # registry_item_updated (updated_at): a range seek, not a scan of 1M items; no ORDER BY.
    ids = list(Item.objects.filter(updated_at__gte=since).order_by().values_list("pk", flat=True))
    return refresh_items(ids) if ids else 0


def _recall_rows(entry_ids: list[int] | None = None) -> list[Deadline]:
    from bmnn.registry.models import RegisterEntry

    rows = []
    qs = RegisterEntry.objects.filter(recall_mark=True, return_due_on__isnull=False, returned_on__isnull=True)
    if entry_ids is not None:
        qs = qs.filter(pk__in=entry_ids)
    entries = qs.values(
        "pk",
        "agency_id",
        "unit_id",
        "return_due_on",
        "number_symbol",
        "seq",
        "year",
        "item_id",
        "item__custodian_id",
        "named_recipient_id",
    )
    prefix = _item_url_prefix()
    for e in entries.iterator(chunk_size=2000):
        person = e["item__custodian_id"] or e["named_recipient_id"]
        rows.append(
            Deadline(
                key=f"recall_return:registry.registerentry:{e['pk']}",
                source="recall",
                kind="recall_return",
                due_on=e["return_due_on"],
                agency_id=e["agency_id"],
                unit_id=e["unit_id"],
                person_id=person,
                primary=True,
                object_type="registry.registerentry",
                object_id=e["pk"],
                ref=e["number_symbol"] or f"{e['seq']}/{e['year']}",
                rule_id="R-TX-9",
                url=f"{prefix}{e['item_id']}/",
            )
        )
    return rows


# The compared attributes of a row (its columns but the source, which the caller fixes).
SYNC_FIELDS = tuple(c.strip('"') for c in DEADLINE_COLUMNS if c != "source")


def sync_source(source: str, rows: list[Deadline], object_ids: list[int] | None = None) -> int:
    """Make the stored rows of ``source`` (optionally only those of ``object_ids``) equal to ``rows``,
    writing only the differences: a steady day deletes and inserts next to nothing on a table of
    millions of rows with five indexes.  Returns the number of rows now stored."""
    qs = Deadline.objects.filter(source=source)
    if object_ids is not None:
        qs = qs.filter(object_id__in=object_ids)
    have: dict[tuple[Any, ...], list[int]] = {}
    for pk, *values in qs.order_by().values_list("pk", *SYNC_FIELDS).iterator(chunk_size=5000):
        have.setdefault(tuple(values), []).append(pk)
    new = []
    for row in rows:
        pks = have.get(tuple(getattr(row, f) for f in SYNC_FIELDS))
        if pks:
            pks.pop()
        else:
            new.append(row)
    stale = [pk for pks in have.values() for pk in pks]
    with transaction.atomic():
        for start in range(0, len(stale), 500):
            Deadline.objects.filter(pk__in=stale[start : start + 500]).delete()
        Deadline.objects.bulk_create(new, batch_size=1000)
    return len(rows)


def rebuild_recall() -> int:
    return sync_source("recall", _recall_rows())


def _annual_rows(day: dt.date) -> list[Deadline]:
    from bmnn.organizations.models import Agency, Person

    due = annual_report_due(day.year)
    if day > due:
        due = annual_report_due(day.year + 1)
    officers: dict[int, list[int]] = {}
    for pid, agency_id in (
        Person.objects.filter(status="active")
        .exclude(officer_role="")
        .order_by("pk")
        .values_list("pk", "agency_id")
    ):
        officers.setdefault(agency_id, []).append(pid)
    rows = []
    for agency_id in Agency.objects.filter(active=True).values_list("pk", flat=True):
        people: list[int | None] = list(officers.get(agency_id, [])) or [None]
        for n, pid in enumerate(people):
            rows.append(
                Deadline(
                    key=f"annual_report:organizations.agency:{agency_id}:{due.year}",
                    source="annual",
                    kind="annual_report",
                    due_on=due,
                    agency_id=agency_id,
                    person_id=pid,
                    primary=n == 0,
                    object_type="organizations.agency",
                    object_id=agency_id,
                    ref=str(due.year),
                    rule_id="R-REP-1",
                )
            )
    return rows


def _provider_rows(name: str, provider: providers.Provider, day: dt.date) -> list[Deadline]:
    rows = []
    for due in provider(day):
        people: list[int | None] = list(dict.fromkeys(due.person_ids)) or [None]
        for n, pid in enumerate(people):
            rows.append(
                Deadline(
                    key=f"{due.kind}:{due.object_type}:{due.object_id}"[:160],
                    source=name[:40],
                    kind=due.kind[:40],
                    due_on=due.due_on,
                    agency_id=due.agency_id,
                    unit_id=due.unit_id,
                    person_id=pid,
                    primary=n == 0,
                    object_type=due.object_type[:80],
                    object_id=due.object_id,
                    ref=due.extra.get("ref", "")[:200],
                    label=due.title[:200],
                    rule_id=due.rule_id[:32],
                    url=due.url[:300],
                )
            )
    return rows


BUILT_IN_SOURCES = ("item", "recall", "annual")


def rebuild_others(day: dt.date) -> tuple[dict[str, int], list[dict[str, str]]]:
    """Recall, annual report and every provider: small sets, synchronised on each run.

    Providers are isolated: one that raises (or yields a malformed row) is reported in the returned
    error list and its rows from the previous run are kept as they were (a bug in one app must neither
    stop the job nor make its open deadlines vanish); every other source is synchronised normally."""
    counts = {"recall": rebuild_recall()}
    counts["annual"] = sync_source("annual", _annual_rows(day))
    errors: list[dict[str, str]] = []
    registered = providers.all_providers()
    for name, provider in registered.items():
        source = name[:40]
        try:
            with transaction.atomic():
                counts[f"provider:{name}"] = sync_source(source, _provider_rows(name, provider, day))
        except Exception as exc:  # any failure of another app's code is isolated
            log.exception("deadline provider %r failed on %s", name, day)
            errors.append({"provider": name, "error": f"{type(exc).__name__}: {exc}"[:500]})
    gone = [*BUILT_IN_SOURCES, *(n[:40] for n in registered)]
    Deadline.objects.exclude(source__in=gone).delete()  # providers no longer registered
    return counts, errors


def refresh_recall_entry(entry_id: int) -> None:
    """Recompute one incoming recall entry (its return was recorded or its due date changed)."""
    sync_source("recall", _recall_rows(entry_ids=[entry_id]), object_ids=[entry_id])
