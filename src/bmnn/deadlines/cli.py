"""``bmnn daily`` (run the daily job once) and ``bmnn worker`` (the queue consumer)."""

from __future__ import annotations

import argparse
import datetime as dt
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    daily = subparsers.add_parser(
        "daily", help="run the daily deadline job once (declassify expired items, reminders)"
    )
    daily.add_argument("--on", metavar="YYYY-MM-DD", help="the day to run for (default: today)")
    daily.add_argument("--force", action="store_true", help="run again even if the day is done")
    daily.add_argument("--full", action="store_true", help="rebuild every item deadline")
    daily.set_defaults(func=cmd_daily)

    worker = subparsers.add_parser("worker", help="run the background worker (huey consumer)")
    worker.add_argument("--workers", type=int, default=1)
    worker.set_defaults(func=cmd_worker)


def cmd_daily(args: argparse.Namespace) -> int:
    from bmnn.cli.service import setup_django

    day = None
    if args.on:
        try:
            day = dt.date.fromisoformat(args.on)
        except ValueError:
            print(f"Ngày không hợp lệ: {args.on!r} (định dạng YYYY-MM-DD).")
            return 2
    setup_django()
    from bmnn.deadlines.services.daily import run_daily

    counts = run_daily(day, force=args.force, full=args.full)
    if counts.get("skipped"):
        print(f"Công việc ngày {counts['day']} đã chạy xong trước đó: không thay đổi gì.")
    else:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from bmnn.cli.service import setup_django

    setup_django()
    from huey.consumer import Consumer

    from bmnn.deadlines.queue import configured

    huey, _tasks = configured()
    print(f"Tiến trình nền: hàng đợi {type(huey).__name__} (Ctrl+C để dừng).", flush=True)
    Consumer(huey, workers=args.workers, periodic=True).run()
    return 0
