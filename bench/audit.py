"""Audit trail benchmark: append N events through the real ``audit.record()`` path, then verify them.

Prints events appended per second (batched, and one event per transaction on a smaller sample), events
verified per second by the same code as ``bmnn audit verify``, and plain SHA-256 over exactly the bytes
the chain hashes, so the ratios show what the chain costs on top of hashing alone.

    .venv/bin/python bench/audit.py                       # SQLite (WAL) in a temporary data directory
    .venv/bin/python bench/audit.py --events 100000
    .venv/bin/python bench/audit.py --database-url postgresql://postgres@127.0.0.1:5432/bmnn_audit_bench

A PostgreSQL database named in the URL is created if missing (and dropped afterwards unless --keep);
an existing one must not hold audit events yet.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000, help="events to append (default 1,000,000)")
    parser.add_argument("--batch", type=int, default=1000, help="events per transaction (default 1000)")
    parser.add_argument("--single", type=int, default=2000, help="sample appended one per transaction")
    parser.add_argument("--checkpoint-every", type=int, default=1000, help="signed checkpoint every N events")
    parser.add_argument("--database-url", default="", help="default: SQLite in a temporary data directory")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    return parser.parse_args()


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _pg_prepare(url: str) -> bool:
    """Create the database if missing; True if this run created it."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    try:
        psycopg.connect(url).close()
        return False
    except psycopg.OperationalError:
        _pg_admin(url, f'CREATE DATABASE "{name}"')
        return True


def _summary(i: int) -> dict:
    return {
        "before": {"trạng_thái": "đang soạn", "độ_mật": "Mật", "số": i},
        "after": {"trạng_thái": "đã đăng ký", "độ_mật": "Tối mật", "số": i, "ghi_chú": "Công văn số 12/CV"},
    }


def append_events(count: int, per_txn: int, offset: int) -> float:
    from django.db import transaction

    from bmnn.core import audit

    start = time.perf_counter()
    done = 0
    while done < count:
        size = min(per_txn, count - done)
        with transaction.atomic():
            for i in range(offset + done, offset + done + size):
                audit.record(
                    None,
                    "bench.item.update",
                    object_type="registry.item",
                    object_id=str(i),
                    object_repr=f"Hồ sơ mật số {i}/2025",
                    summary=_summary(i),
                )
        done += size
        if per_txn > 1 and done % 100_000 == 0:
            print(f"  … {done:,} appended", file=sys.stderr, flush=True)
    return time.perf_counter() - start


def hash_only() -> tuple[int, int, float, float]:
    """Plain SHA-256 (and canonical encoding + SHA-256) over the chain's bytes, timed without the DB."""
    from bmnn.core.audit import integrity
    from bmnn.core.audit.chain import event_hash, hashed_bytes

    count = nbytes = 0
    sha_time = enc_time = 0.0
    chunk: list[dict] = []

    def flush() -> None:
        nonlocal count, nbytes, sha_time, enc_time
        data = [hashed_bytes(e) for e in chunk]
        t0 = time.perf_counter()
        for b in data:
            hashlib.sha256(b).hexdigest()
        t1 = time.perf_counter()
        for e in chunk:
            event_hash(e)
        t2 = time.perf_counter()
        sha_time += t1 - t0
        enc_time += t2 - t1
        count += len(data)
        nbytes += sum(map(len, data))
        chunk.clear()

    for event in integrity.events_after(0):
        chunk.append(event)
        if len(chunk) == 10_000:
            flush()
    flush()
    return count, nbytes, sha_time, enc_time


def main() -> int:
    args = parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="bmnn-bench-audit-")
    os.environ["BMNN_DATA_DIR"] = tmp.name
    os.environ["BMNN_AUDIT_CHECKPOINT_EVERY"] = str(args.checkpoint_every)
    created = False
    if args.database_url:
        os.environ["BMNN_DATABASE_URL"] = args.database_url
        created = _pg_prepare(args.database_url)
    else:
        os.environ.pop("BMNN_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bmnn.core.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bmnn.core.audit import integrity
    from bmnn.core.audit.models import AuditCheckpoint, AuditEvent

    try:
        call_command("migrate", verbosity=0)
        if AuditEvent.objects.exists():
            print("The database already holds audit events; use a fresh one.", file=sys.stderr)
            return 2
        vendor = connection.vendor
        print(f"database: {vendor} ({connection.settings_dict['NAME']})")
        print(f"signed checkpoint every {args.checkpoint_every} events; Python {sys.version.split()[0]}")

        single_time = append_events(args.single, 1, 0)
        print(
            f"append, 1 event per transaction ({args.single:,} events): "
            f"{args.single / single_time:,.0f} events/s"
        )
        batch_time = append_events(args.events, args.batch, args.single)
        append_rate = args.events / batch_time
        print(
            f"append, {args.batch:,} events per transaction ({args.events:,} events): "
            f"{append_rate:,.0f} events/s ({batch_time:,.1f} s)"
        )

        t0 = time.perf_counter()
        report = integrity.verify_database()
        verify_time = time.perf_counter() - t0
        if not report.ok:
            print("\n".join(report.lines()), file=sys.stderr)
            return 1
        verify_rate = report.events / verify_time
        print(
            f"verify (bmnn audit verify: read + canonical JSON + SHA-256 + links + {report.checkpoints:,} "
            f"signatures), {report.events:,} events: {verify_rate:,.0f} events/s ({verify_time:,.1f} s)"
        )

        count, nbytes, sha_time, enc_time = hash_only()
        sha_rate, enc_rate = count / sha_time, count / enc_time
        print(
            f"plain hashlib.sha256 over the same bytes ({count:,} events, {nbytes / count:,.0f} B each): "
            f"{sha_rate:,.0f} events/s ({nbytes / sha_time / 1e6:,.0f} MB/s)"
        )
        print(f"canonical JSON encoding + SHA-256, no database: {enc_rate:,.0f} events/s")
        print(f"ratio plain SHA-256 / verify: {sha_rate / verify_rate:,.1f}x")
        print(f"ratio plain SHA-256 / batched append: {sha_rate / append_rate:,.1f}x")
        print(f"checkpoints signed: {AuditCheckpoint.objects.count():,}")
        return 0
    finally:
        connection.close()
        if created and not args.keep:
            name = urlsplit(args.database_url).path.lstrip("/")
            _pg_admin(args.database_url, f'DROP DATABASE "{name}"')
        tmp.cleanup()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.exit(main())
