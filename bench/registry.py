"""Registry benchmark: load N items with 3 register entries each, then time the hot reads.

    .venv/bin/python bench/registry.py --db sqlite --items 1000000
    .venv/bin/python bench/registry.py --db postgres --items 1000000   # bmnn_registry_bench on 127.0.0.1

Rows are generated with plain INSERTs (the services are exercised by the test suite; this measures reads).
Printed: p50/p95 in milliseconds of
  * one register page: 50 rows of the outgoing register filtered by unit and year, visibility applied,
    for a clerk (registry-staff path) and for a drafter (need-to-know path);
  * a text search over items without diacritics ("de thi"), visibility applied, first 50;
  * the yearly statistics per level of the outgoing register.
Timings are figures, never assertions.
"""

from __future__ import annotations

import argparse
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

WORDS = [
    "Đề",
    "thi",
    "chính",
    "thức",
    "đáp",
    "án",
    "kế",
    "hoạch",
    "báo",
    "cáo",
    "tờ",
    "trình",
    "phương",
    "án",
    "bảo",
    "vệ",
    "nhân",
    "sự",
    "hội",
    "đồng",
    "vận",
    "chuyển",
    "ngân",
    "sách",
    "dự",
    "trữ",
    "quốc",
    "gia",
    "kiểm",
    "tra",
    "thanh",
    "tra",
    "tổ",
    "chức",
    "cán",
    "bộ",
    "tài",
    "liệu",
    "thuyết",
    "minh",
    "nhiệm",
    "vụ",
    "khoa",
    "học",
    "công",
    "nghệ",
    "quốc",
    "phòng",
    "an",
    "ninh",
    "đối",
    "ngoại",
    "kinh",
    "tế",
    "y",
    "tế",
    "dân",
    "số",
    "lao",
    "động",
    "xã",
    "hội",
    "văn",
    "hóa",
    "thể",
    "thao",
]
LEVELS = [("MAT", 1)] * 14 + [("TOI_MAT", 2)] * 5 + [("TUYET_MAT", 3)]
YEARS = list(range(2020, 2027))


def setup(db: str) -> None:
    data = Path(tempfile.gettempdir()) / f"bmnn-bench-registry-{db}"
    data.mkdir(exist_ok=True)
    os.environ["BMNN_DATA_DIR"] = str(data)
    if db == "postgres":
        os.environ["BMNN_DATABASE_URL"] = os.environ.get(
            "BMNN_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/bmnn_registry_bench"
        )
    else:
        os.environ["BMNN_DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.core.settings")
    import django

    django.setup()


def reset(db: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    if db == "postgres":
        import psycopg

        url = os.environ["BMNN_DATABASE_URL"]
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        connection.close()
        path = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - fixed names
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def load(n_items: int, per_item: int, seed: int = 7) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from bmnn.organizations import demo
    from bmnn.organizations.models import Person, Unit
    from bmnn.registry.services import lists
    from bmnn.registry.text import search_blob

    rng = random.Random(seed)
    demo.load()
    lists.load_shipped()
    people = list(Person.objects.select_related("agency"))
    units = {}
    for unit in Unit.objects.all():
        units.setdefault(unit.agency_id, []).append(unit.pk)
    by_agency: dict[int, list[Person]] = {}
    for p in people:
        by_agency.setdefault(p.agency_id, []).append(p)
    agencies = sorted(by_agency)
    admin = get_user_model().objects.order_by("pk").first()
    now = timezone.now()
    item_cols = [
        "id",
        "agency_id",
        "unit_id",
        "origin",
        "kind",
        "medium",
        "title",
        "summary",
        "number_symbol",
        "doc_date",
        "field",
        "status",
        "drafter_id",
        "proposed_level",
        "recipients",
        "copies",
        "copy_allowed",
        "level_rank",
        "approver_id",
        "level",
        "determined_on",
        "regime",
        "period_years",
        "expires_on",
        "summary_consent",
        "marks",
        "decision_note",
        "search_text",
        "created_by_id",
        "created_at",
        "updated_at",
        "custom_end",
        "named_recipient_id",
        "custodian_id",
    ]
    entry_cols = [
        "agency_id",
        "unit_id",
        "register",
        "year",
        "seq",
        "item_id",
        "registered_on",
        "registered_by_id",
        "regime",
        "level",
        "level_rank",
        "doc_date",
        "number_symbol",
        "doc_type",
        "summary",
        "signer",
        "recipients",
        "file_keeper",
        "copies",
        "notes",
        "sender",
        "received_on",
        "envelope_level",
        "named_only",
        "flash",
        "envelope_intact",
        "properly_protected",
        "route_to",
        "recipient_name",
        "extra",
        "search_text",
        "created_at",
        "named_recipient_id",
    ]
    counters: dict[tuple[int, str, int], int] = {}
    batch = 20_000
    started = time.perf_counter()
    item_id = 0
    while item_id < n_items:
        items, entries = [], []
        for _ in range(min(batch, n_items - item_id)):
            item_id += 1
            agency = rng.choice(agencies)
            unit = rng.choice(units[agency]) if units.get(agency) else None
            drafter = rng.choice(by_agency[agency])
            level, rank = rng.choice(LEVELS)
            year = rng.choice(YEARS)
            day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            title = " ".join(rng.choice(WORDS) for _ in range(8))
            number = f"{item_id}/BC-{agency}"
            blob = search_blob(title, number)
            items.append(
                (
                    item_id,
                    agency,
                    unit,
                    "created",
                    "document",
                    "paper",
                    title,
                    title,
                    number,
                    day,
                    "education_training",
                    "determined",
                    drafter.pk,
                    level,
                    "Nơi nhận",
                    2,
                    False,
                    rank,
                    drafter.pk,
                    level,
                    day,
                    "2018" if year < 2026 else "2025",
                    10,
                    day,
                    False,
                    "{}",
                    "",
                    blob,
                    admin.pk,
                    now,
                    now,
                    None,
                    None,
                    None,
                )
            )
            for k in range(per_item):
                register = "out" if k == 0 else "in"
                key = (agency, register, year)
                counters[key] = counters.get(key, 0) + 1
                entries.append(
                    (
                        agency,
                        unit,
                        register,
                        year,
                        counters[key],
                        item_id,
                        day,
                        admin.pk,
                        "2018",
                        level,
                        rank,
                        day,
                        number,
                        "Báo cáo",
                        title,
                        "Người ký",
                        "Nơi nhận",
                        "VT",
                        1,
                        "",
                        "Cơ quan gửi",
                        day,
                        level,
                        False,
                        False,
                        True,
                        True,
                        "registry",
                        "",
                        "{}",
                        blob,
                        now,
                        None,
                    )
                )
        with transaction.atomic():
            _insert("registry_item", item_cols, items)
            _insert("registry_registerentry", entry_cols, entries)
        rate = item_id / (time.perf_counter() - started)
        print(f"\r  loaded {item_id:,} items ({rate:,.0f}/s)", end="", flush=True)
    with transaction.atomic():
        _insert(
            "registry_registercounter",
            ["agency_id", "register", "year", "last"],
            [(a, r, y, n) for (a, r, y), n in counters.items()],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT setval(pg_get_serial_sequence('registry_item','id'), %s)", [item_id])
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"\n  load: {time.perf_counter() - started:,.0f} s")
    return {"units": units}


def timed(fn: Any, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def measure(runs: int) -> list[tuple[str, float, float]]:
    from django.contrib.auth import get_user_model

    from bmnn.registry import selectors

    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["vanthu.giaoduc", "cv.khaothi"])
    }
    clerk, drafter = users["vanthu.giaoduc"], users["cv.khaothi"]
    units = list(clerk.person.agency.units.values_list("pk", flat=True))
    rng = random.Random(1)

    def page(user: Any) -> Any:
        return lambda: list(
            selectors.register_page(user, "out", year=rng.choice(YEARS), unit=rng.choice(units))[:50]
        )

    out = []
    out.append(("register page, clerk (50 rows, unit+year)", *timed(page(clerk), runs)))
    out.append(("register page, drafter (50 rows, unit+year)", *timed(page(drafter), runs)))
    out.append(
        (
            "text search 'de thi', clerk (50 rows)",
            *timed(lambda: list(selectors.search_items(clerk, "de thi")[:50]), runs),
        )
    )
    out.append(
        (
            "yearly statistics per level, clerk",
            *timed(lambda: selectors.yearly_stats(clerk, "out", rng.choice(YEARS)), runs),
        )
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--entries-per-item", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="measure the data already loaded")
    args = parser.parse_args()
    setup(args.db)
    from django.db import connection

    if not args.reuse:
        reset(args.db)
        load(args.items, args.entries_per_item)
    from bmnn.registry.models import Item, RegisterEntry

    counts = f"{Item.objects.count():,} items, {RegisterEntry.objects.count():,} register entries"
    print(f"{connection.vendor}: {counts}")
    print(f"{'query':50} {'p50 ms':>10} {'p95 ms':>10}")
    for name, p50, p95 in measure(args.runs):
        print(f"{name:50} {p50:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
