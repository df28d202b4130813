"""Deadlines benchmark: the daily job on N items (default 1,000,000) on SQLite or PostgreSQL.

    .venv/bin/python bench/deadlines.py --db sqlite
    .venv/bin/python bench/deadlines.py --db postgres     # creates and drops bmnn_bench_deadlines_<pid>

Items are loaded with plain bulk INSERTs as they would stand the evening before the bench day D
(2026-11-23): determined between 2006 and 2026 with the statutory period of their level, the ones whose
period ended before D−1 already declassified, custodian ≠ approver (so two responsible people per
deadline), plus 1% "TÀI LIỆU THU HỒI" incoming entries with a due-back date.  Printed (seconds):

  * the first run (day D−1): full build of the materialised deadlines;
  * the steady daily run (day D): declassifies the items whose period ended on D−1 (one audit event
    each), refreshes the changed items, rebuilds recall/annual/provider rows, raises the reminders;
  * the second run the same day (a no-op), a forced rerun (nothing created) and a forced full rebuild;
  * p50/p95 ms of a person's page (default window: overdue + next 12 months; and all dates) and a unit's
    page for the next 12 months: 50 rows sorted by due date and the count capped at 1,001, through
    ``selectors.filtered`` and ``selectors.paginate`` exactly as the views do.

Timings are figures, never assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DAY = dt.date(2026, 11, 23)
LEVELS = [("MAT", 1, 10)] * 14 + [("TOI_MAT", 2, 20)] * 5 + [("TUYET_MAT", 3, 30)]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def setup(db: str) -> str:
    data = Path(tempfile.gettempdir()) / f"bmnn-bench-deadlines-{db}"
    data.mkdir(exist_ok=True)
    os.environ["BMNN_DATA_DIR"] = str(data)
    name = ""
    if db == "postgres":
        import psycopg

        name = f"bmnn_bench_deadlines_{os.getpid()}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["BMNN_DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(data / "bench.sqlite3") + suffix).unlink(missing_ok=True)
        os.environ["BMNN_DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.core.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return name


def drop(name: str) -> None:
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    marks = ", ".join(["%s"] * len(columns))
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 - fixed names
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def _constant_columns(model: Any, varying: set[str]) -> dict[str, Any]:
    """Every other concrete column of ``model`` with its default, adapted once for the database."""
    from django.db import connection
    from django.db.models.fields import NOT_PROVIDED

    out: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.column in varying or f.primary_key:
            continue
        if f.null and f.default is NOT_PROVIDED:
            value = None
        else:
            value = f.get_db_prep_save(f.get_default(), connection)
        out[f.column] = value
    return out


def load(n_items: int, seed: int = 11) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from bmnn.organizations import demo
    from bmnn.organizations.models import Person, Unit
    from bmnn.registry.models import Item, RegisterEntry
    from bmnn.rules import add_years

    rng = random.Random(seed)
    demo.load()
    people: dict[int, list[int]] = {}
    for pk, agency in Person.objects.values_list("pk", "agency_id"):
        people.setdefault(agency, []).append(pk)
    units: dict[int, list[int]] = {}
    for pk, agency in Unit.objects.values_list("pk", "agency_id"):
        units.setdefault(agency, []).append(pk)
    agencies = sorted(a for a in people if len(people[a]) >= 2)
    admin = get_user_model().objects.order_by("pk").first()
    assert admin is not None
    now = timezone.now() - dt.timedelta(days=3)  # rows last changed before the previous run
    varying = [
        "id", "agency_id", "unit_id", "title", "number_symbol", "field", "status", "drafter_id",
        "proposed_level", "level", "level_rank", "approver_id", "custodian_id", "determined_on",
        "period_years", "expires_on", "regime", "declassified_on", "created_by_id", "created_at",
        "updated_at",
    ]  # fmt: skip
    const = _constant_columns(Item, set(varying))
    item_cols = varying + list(const)
    entry_varying = [
        "agency_id", "unit_id", "register", "year", "seq", "item_id", "registered_on", "registered_by_id",
        "regime", "level", "level_rank", "number_symbol", "recall_mark", "received_on", "return_due_on",
        "created_at",
    ]  # fmt: skip
    entry_const = _constant_columns(RegisterEntry, set(entry_varying))
    entry_cols = entry_varying + list(entry_const)
    seqs: dict[int, int] = {}
    started = time.perf_counter()
    item_id, batch = 0, 20_000
    span = (DAY - dt.date(2006, 1, 1)).days
    while item_id < n_items:
        items, entries = [], []
        for _ in range(min(batch, n_items - item_id)):
            item_id += 1
            agency = rng.choice(agencies)
            drafter, approver = rng.sample(people[agency], 2)
            unit = rng.choice(units[agency]) if units.get(agency) else None
            level, rank, years = rng.choice(LEVELS)
            determined = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randrange(span))
            expires = add_years(determined, years)
            done = expires < DAY - dt.timedelta(days=1)
            number = f"{item_id}/QĐ-{agency}"
            items.append(
                (
                    item_id, agency, unit, "Tài liệu mật", number, "education_training",
                    "declassified" if done else "determined", drafter, level, level, rank, approver,
                    drafter, determined, years, expires, "2018",
                    expires + dt.timedelta(days=1) if done else None, admin.pk, now, now,
                    *const.values(),
                )
            )  # fmt: skip
            if not done and item_id % 100 == 0:
                seqs[agency] = seqs.get(agency, 0) + 1
                received = DAY - dt.timedelta(days=rng.randrange(1, 60))
                entries.append(
                    (
                        agency, unit, "in", DAY.year, seqs[agency], item_id, received, admin.pk, "2018",
                        level, rank, f"{item_id}/CV-BCA", True, received,
                        received + dt.timedelta(days=rng.choice([15, 30, 60])), now, *entry_const.values(),
                    )
                )  # fmt: skip
        with transaction.atomic():
            _insert("registry_item", item_cols, items)
            if entries:
                _insert("registry_registerentry", entry_cols, entries)
        rate = item_id / (time.perf_counter() - started)
        print(f"\r  loaded {item_id:,} items ({rate:,.0f}/s)", end="", flush=True)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT setval(pg_get_serial_sequence('registry_item','id'), %s)", [item_id])
        cur.execute("ANALYZE")
    print(f"\n  load: {time.perf_counter() - started:,.0f} s")


def timed(label: str, fn: Any) -> Any:
    t = time.perf_counter()
    result = fn()
    print(f"  {label}: {time.perf_counter() - t:,.2f} s  {result}", flush=True)
    return result


def page_timings(runs: int, explain: bool = False) -> None:
    from django.db import connection

    from bmnn.deadlines import selectors
    from bmnn.deadlines.models import Deadline
    from bmnn.organizations.models import Person, Unit

    rng = random.Random(3)
    persons = list(Person.objects.values_list("pk", flat=True))
    unit_ids = list(Unit.objects.values_list("pk", flat=True))

    def sample(fn: Any) -> tuple[float, float]:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        out.sort()
        return statistics.median(out), out[min(len(out) - 1, round(0.95 * (len(out) - 1)))]

    def person_page(**opts: Any) -> Any:
        def run() -> None:
            qs = selectors.filtered(Deadline.objects.filter(person_id=rng.choice(persons)), today=DAY, **opts)
            selectors.paginate(qs, 1)

        return run

    def unit_page() -> None:
        qs = selectors.filtered(
            Deadline.objects.filter(unit_id=rng.choice(unit_ids), primary=True),
            start=DAY,
            end=DAY + dt.timedelta(days=365),
            today=DAY,
        )
        selectors.paginate(qs, 1)

    print(f"  deadline rows: {Deadline.objects.count():,} ({connection.vendor})")
    for label, fn in (
        ("person page, default window (50 rows + capped count)", person_page()),
        ("person page, all dates (50 rows + capped count)", person_page(all_dates=True)),
        ("unit page, next 12 months (50 rows + capped count)", unit_page),
    ):
        p50, p95 = sample(fn)
        print(f"  {label}: p50 {p50:,.1f} ms, p95 {p95:,.1f} ms")
    if explain:
        person = Deadline.objects.filter(person_id=persons[0])
        for label, qs in (
            ("person page, default window", selectors.filtered(person, today=DAY)[:50]),
            ("person page, all dates", selectors.filtered(person, today=DAY, all_dates=True)[:50]),
        ):
            print(f"  plan of the {label}:")
            for line in qs.explain().splitlines():
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print the query plans of the pages")
    args = parser.parse_args()
    name = setup(args.db)
    try:
        print(f"deadlines bench on {args.db}, {args.items:,} items, day {DAY}")
        load(args.items)
        from bmnn.deadlines.services.daily import run_daily

        timed("first run (D-1, full build)", lambda: run_daily(DAY - dt.timedelta(days=1)))
        timed("daily run (D)", lambda: run_daily(DAY))
        timed("second run same day (no-op)", lambda: run_daily(DAY))
        timed("forced rerun same day", lambda: run_daily(DAY, force=True))
        timed("forced full rebuild same day (--full)", lambda: run_daily(DAY, force=True, full=True))
        page_timings(args.runs, args.explain)
    finally:
        if name:
            drop(name)


if __name__ == "__main__":
    main()
