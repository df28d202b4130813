"""``bmnn audit verify | export DIR | checkpoint``: check, export and sign the audit trail."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.core.settings")
    import django

    django.setup()


def register(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser("audit", help="verify, export or sign the audit trail")
    sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    verify = sub.add_parser("verify", help="check the whole hash chain and the signed checkpoints")
    verify.add_argument(
        "--public-key",
        action="append",
        type=Path,
        default=[],
        help="a public key kept outside the data directory (repeatable); default: the data directory's key",
    )
    verify.add_argument(
        "--checkpoints",
        action="append",
        type=Path,
        default=[],
        help="checkpoints.jsonl of an earlier export that must still hold (repeatable)",
    )
    verify.set_defaults(func=cmd_verify)

    export = sub.add_parser("export", help="write events, checkpoints, public key and a standalone verifier")
    export.add_argument("directory", type=Path, help="an empty or new directory")
    export.set_defaults(func=cmd_export)

    checkpoint = sub.add_parser("checkpoint", help="sign a checkpoint at the current head now")
    checkpoint.set_defaults(func=cmd_checkpoint)


def cmd_verify(args: argparse.Namespace) -> int:
    _setup()
    from bmnn.core.audit import integrity, keys, protection

    try:
        report = integrity.verify_database(args.public_key, args.checkpoints)
    except keys.AuditKeyError as exc:
        print(exc, file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    missing = protection.missing_triggers()
    if missing:
        print(
            "Cảnh báo: thiếu hoặc đã tắt trigger chỉ-ghi-thêm / warning: append-only triggers missing or "
            f"disabled: {', '.join(missing)}",
            file=sys.stderr,
        )
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    _setup()
    from bmnn.core.audit.export import ExportError, export

    try:
        result = export(args.directory)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 2
    head = result.head or {"seq": 0}
    print(
        f"Đã xuất {result.events} sự kiện và {result.checkpoints} điểm kiểm tra (đầu chuỗi #{head['seq']}) "
        f"vào {result.directory}."
    )
    print(f"Dấu vân tay khoá công khai / public key fingerprint: {result.fingerprint}")
    print(f"Kiểm tra / verify: python {result.directory / 'verify.py'} {result.directory}")
    return 0


def cmd_checkpoint(args: argparse.Namespace) -> int:
    _setup()
    from bmnn.core.audit import keys
    from bmnn.core.audit.service import checkpoint

    try:
        cp = checkpoint()
    except keys.AuditKeyError as exc:
        print(exc, file=sys.stderr)
        return 2
    if cp is None:
        print("Nhật ký còn trống: chưa có gì để ký. / The audit trail is empty: nothing to sign.")
        return 0
    print(
        f"Đã ký điểm kiểm tra tại sự kiện #{cp.seq} ({cp.head_hash[:16]}…), khoá {cp.key_fingerprint[:16]}…"
    )
    print(f"Signed checkpoint at event #{cp.seq}, key {cp.key_fingerprint[:16]}…")
    return 0
