"""``bmnn scan PATH...``: find files that carry state-secret markings.

Exit codes: 0 nothing found, 1 classified files found, 2 errors (some file could not be checked) or bad usage.
Registration is cheap: the scanner itself is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "scan",
        help="quét tệp/thư mục tìm tài liệu mang dấu độ mật",
        description="Quét tệp và thư mục để tìm tài liệu mang dấu độ mật (TUYỆT MẬT, TỐI MẬT, MẬT) "
        "và các dấu BMNN khác. Mã thoát: 0 = không phát hiện, 1 = có tệp mang dấu độ mật, 2 = có lỗi.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["jsonl", "csv", "sarif", "html"], default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="ghi kết quả ra tệp (mặc định: đầu ra chuẩn)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="số tiến trình quét song song")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="bỏ qua đường dẫn khớp mẫu")
    p.add_argument("--exclude-from", metavar="FILE", help="tệp danh sách mẫu bỏ qua, mỗi dòng một mẫu")
    p.add_argument(
        "--incremental", action="store_true", help="dùng bộ đệm để lần quét sau chỉ đọc tệp đã đổi"
    )
    p.add_argument(
        "--cache", metavar="FILE", help="đường dẫn bộ đệm (mặc định ~/.cache/bmnn/scan-cache.sqlite)"
    )
    p.add_argument("--no-snippet", action="store_true", help="không ghi trích đoạn văn bản quanh dấu")
    p.add_argument("--hash", action="store_true", help="ghi SHA-256 của tệp mang dấu độ mật")
    p.add_argument("--keywords", metavar="FILE", help="danh sách từ khoá (mỗi dòng một cụm từ)")
    p.add_argument("--no-ocr", action="store_true", help="không nhận dạng chữ trên ảnh và bản scan")
    p.add_argument("--timeout", type=float, default=120.0, help="thời gian tối đa cho một tệp (giây)")
    p.add_argument("--max-size", type=int, default=256, metavar="MB", help="bỏ qua tệp lớn hơn (MB)")
    p.add_argument(
        "--memory-limit",
        type=int,
        default=2048,
        metavar="MB",
        help="giới hạn bộ nhớ (không gian địa chỉ) của mỗi tiến trình quét; 0 = không giới hạn",
    )
    p.add_argument("--max-depth", type=int, default=5, help="số tầng nén lồng nhau tối đa")
    p.add_argument("--only-flagged", action="store_true", help="chỉ ghi tệp có phát hiện hoặc lỗi")
    p.add_argument("--no-follow-symlinks", action="store_true", help="không đi theo liên kết tượng trưng")
    p.add_argument("-q", "--quiet", action="store_true", help="không hiện thanh tiến độ và bảng tổng hợp")
    p.set_defaults(func=run)


def _read_list(path: str) -> list[str]:
    with open(path, encoding="utf-8-sig") as fh:
        return [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]


def build_options(args: argparse.Namespace) -> Any:
    from .model import ScanOptions

    exclude = list(args.exclude)
    if args.exclude_from:
        exclude += _read_list(args.exclude_from)
    cache = args.cache
    if args.incremental and not cache:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        os.makedirs(os.path.join(base, "bmnn"), exist_ok=True)
        cache = os.path.join(base, "bmnn", "scan-cache.sqlite")
    return ScanOptions(
        workers=max(1, args.workers),
        timeout_s=args.timeout,
        max_file_size=args.max_size << 20,
        max_depth=args.max_depth,
        snippets=not args.no_snippet,
        hash=args.hash,
        keywords=tuple(_read_list(args.keywords)) if args.keywords else (),
        exclude=tuple(exclude),
        cache_path=cache,
        ocr=not args.no_ocr,
        follow_symlinks=not args.no_follow_symlinks,
        memory_limit_mb=max(0, args.memory_limit),
    )


def run(args: argparse.Namespace) -> int:
    from . import model as m
    from .outputs import write_csv, write_html, write_jsonl, write_sarif
    from .walk import scan_paths

    try:
        options = build_options(args)
    except OSError as exc:
        print(f"Lỗi: không đọc được tệp tuỳ chọn: {exc}", file=sys.stderr)
        return EXIT_ERROR
    interactive = sys.stderr.isatty() and not args.quiet
    started = time.monotonic()
    stats = {
        "files": 0,
        "bytes": 0,
        "errors": 0,
        "skipped": 0,
        "cached": 0,
        m.TUYET_MAT: 0,
        m.TOI_MAT: 0,
        m.MAT: 0,
        "marks": 0,
        "keywords": 0,
    }
    collected: list[m.FileResult] = []
    stream = args.format in ("jsonl", "csv")
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "csv":
            import csv

            from .outputs import CSV_FIELDS

            csv.writer(out).writerow(CSV_FIELDS)
        progress = _Progress(interactive)
        with progress:
            for res in scan_paths(args.paths, options):
                _count(stats, res)
                progress.advance(res)
                if args.only_flagged and not (res.findings or res.error):
                    continue
                if not stream:
                    collected.append(res)
                elif args.format == "jsonl":
                    write_jsonl([res], out)
                else:
                    _csv_rows(res, out, write_csv)
                out.flush()
        elapsed = time.monotonic() - started
        summary = _summary(stats, elapsed)
        if args.format == "sarif":
            write_sarif(collected, out)
        elif args.format == "html":
            write_html(collected, out, summary)
    except BrokenPipeError:
        return EXIT_ERROR
    finally:
        if args.output:
            out.close()
    if interactive:
        _print_summary(summary)
    if stats[m.TUYET_MAT] or stats[m.TOI_MAT] or stats[m.MAT]:
        return EXIT_FOUND
    return EXIT_ERROR if stats["errors"] else EXIT_CLEAN


def _csv_rows(res: Any, out: Any, write_csv: Any) -> None:
    import io

    buf = io.StringIO()
    write_csv([res], buf)
    out.write(buf.getvalue().split("\n", 1)[1] if "\n" in buf.getvalue() else "")


def _count(stats: dict[str, int], res: Any) -> None:
    stats["files"] += 1
    stats["bytes"] += res.size
    stats["errors"] += bool(res.error)
    stats["skipped"] += bool(res.skipped)
    stats["cached"] += bool(res.cached)
    if res.level:
        stats[res.level] += 1
    stats["marks"] += sum(1 for f in res.findings if f.kind not in ("level", "keyword"))
    stats["keywords"] += sum(1 for f in res.findings if f.kind == "keyword")


def _summary(stats: dict[str, int], elapsed: float) -> dict[str, Any]:
    return {
        "Số tệp": stats["files"],
        "Dung lượng (MB)": round(stats["bytes"] / 1e6, 1),
        "TUYỆT MẬT": stats["TUYET_MAT"],
        "TỐI MẬT": stats["TOI_MAT"],
        "MẬT": stats["MAT"],
        "Dấu khác (sao, thu hồi, giải mật…)": stats["marks"],
        "Từ khoá": stats["keywords"],
        "Lỗi": stats["errors"],
        "Bỏ qua (không hỗ trợ)": stats["skipped"],
        "Lấy từ bộ đệm": stats["cached"],
        "Thời gian (giây)": round(elapsed, 1),
    }


def _print_summary(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Kết quả quét")
    table.add_column("Mục")
    table.add_column("Giá trị", justify="right")
    for k, v in summary.items():
        table.add_row(k, str(v))
    Console(stderr=True).print(table)


class _Progress:
    """A rich progress bar on a terminal; nothing at all in pipes."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} tệp"),
                BarColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=None)
        return self

    def advance(self, res: Any) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=os.path.basename(res.path)[:40])

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
