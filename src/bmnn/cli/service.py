"""Service commands: run, serve, migrate, demo, check, manage."""

from __future__ import annotations

import argparse
import io
import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.core.settings")
    import django

    django.setup()


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run", help="migrate, load the demo agency if the database is empty, and serve"
    )
    _serve_args(run)
    run.add_argument("--no-demo", action="store_true", help="do not load the demo agency")
    run.set_defaults(func=cmd_run)

    serve = subparsers.add_parser("serve", help="serve the web UI (waitress)")
    _serve_args(serve)
    serve.set_defaults(func=cmd_serve)

    migrate = subparsers.add_parser("migrate", help="create or upgrade the database")
    migrate.set_defaults(func=cmd_migrate)

    demo = subparsers.add_parser("demo", help="load the demo agency (only into an empty database)")
    demo.set_defaults(func=cmd_demo)

    check = subparsers.add_parser("check", help="report misconfiguration in plain words")
    check.set_defaults(func=cmd_check)

    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)


def _serve_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("BMNN_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BMNN_PORT", "8000")))
    parser.add_argument("--threads", type=int, default=8)


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print("Cơ sở dữ liệu đã sẵn sàng.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from bmnn.organizations import demo

    if demo.has_data():
        print("Cơ sở dữ liệu đã có dữ liệu: không nạp dữ liệu mẫu.")
        return 0
    _print_demo(demo.load())
    return 0


def _print_demo(rows: list[tuple[str, str, str]]) -> None:
    from bmnn.organizations import demo

    print("Đã nạp dữ liệu mẫu: tỉnh Sông Hồng (UBND tỉnh, 3 sở, 2 xã, Công an tỉnh).")
    print(f"Mật khẩu của mọi tài khoản mẫu: {demo.DEMO_PASSWORD}")
    print("Lãnh đạo và quản trị phải thiết lập xác thực hai lớp (TOTP) ở lần đăng nhập đầu.")
    width = max(len(u) for u, _n, _t in rows)
    for username, name, title in rows:
        print(f"  {username:<{width}}  {name} — {title}")


def cmd_check(args: argparse.Namespace) -> int:
    from bmnn.core import config

    problems = config.check()
    if not problems:
        try:
            setup_django()
            from django.core.management import call_command
            from django.db import connection

            connection.ensure_connection()
            call_command("check", verbosity=0, stdout=io.StringIO())
            from django.db.migrations.executor import MigrationExecutor

            if MigrationExecutor(connection).migration_plan(
                MigrationExecutor(connection).loader.graph.leaf_nodes()
            ):
                problems.append("Cơ sở dữ liệu chưa được cập nhật: chạy 'bmnn migrate'.")
        except Exception as exc:  # noqa: BLE001 - every failure is reported in plain words
            problems.append(f"Không kết nối hoặc không kiểm tra được cơ sở dữ liệu: {exc}")
    if problems:
        print("Cấu hình có vấn đề:")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("Cấu hình hợp lệ.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    from waitress import serve

    from bmnn.core.wsgi import application

    print(f"Giao diện web: http://{args.host}:{args.port}/  (Ctrl+C để dừng)", flush=True)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="bmnn")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    cmd_migrate(args)
    from bmnn.organizations import demo

    if not args.no_demo and not demo.has_data():
        _print_demo(demo.load())
    elif not args.no_demo:
        print("Dùng dữ liệu hiện có (không nạp lại dữ liệu mẫu).")
    from bmnn.deadlines.scheduler import start_in_process

    if start_in_process() is not None:
        print("Công việc hằng ngày (thời hạn, nhắc hạn, giải mật tự động) chạy trong tiến trình này.")
    return cmd_serve(args)


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bmnn manage", *args.args])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1)
