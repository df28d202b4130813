"""The walk (parallel workers, symlink loops, excludes, incremental cache) and ``bmnn scan``."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from bmnn.cli import main
from bmnn.scanner import ScanOptions, scan_paths

from . import samples as s


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "may-tinh"
    (root / "tai-lieu" / "2024").mkdir(parents=True)
    (root / "tai-lieu" / "bao-cao.docx").write_bytes(s.docx(["Nội dung"], header="TỐI MẬT"))
    (root / "tai-lieu" / "2024" / "so.xlsx").write_bytes(s.xlsx_raw_shared(["Sổ", "MẬT"]))
    (root / "tai-lieu" / "2024" / "ghi-chu.txt").write_text("Đổi mật khẩu hằng tháng.", encoding="utf-8")
    (root / "tai-lieu" / "video.bin").write_bytes(bytes(range(256)) * 40)
    (root / "node_modules").mkdir()
    (root / "node_modules" / "x.txt").write_text("TUYỆT MẬT", encoding="utf-8")
    os.symlink(root, root / "tai-lieu" / "vong-lap")  # a symlink loop back to the top
    return root


def by_name(results: list) -> dict[str, object]:  # type: ignore[type-arg]
    return {os.path.basename(r.path): r for r in results}


@pytest.mark.parametrize("workers", [1, 2])
def test_walk_parallel_loop_and_exclude(tree: Path, workers: int) -> None:
    res = by_name(list(scan_paths([tree], ScanOptions(workers=workers, exclude=("node_modules",)))))
    assert sorted(res) == ["bao-cao.docx", "ghi-chu.txt", "so.xlsx", "video.bin"]
    assert res["bao-cao.docx"].level == "TOI_MAT"  # type: ignore[attr-defined]
    assert res["so.xlsx"].level == "MAT"  # type: ignore[attr-defined]
    assert res["ghi-chu.txt"].level is None  # type: ignore[attr-defined]
    assert res["video.bin"].skipped == "unsupported"  # type: ignore[attr-defined]


def test_incremental_cache(tree: Path, tmp_path: Path) -> None:
    opts = ScanOptions(workers=1, cache_path=str(tmp_path / "cache.sqlite"), exclude=("node_modules",))
    first = by_name(list(scan_paths([tree], opts)))
    assert not any(r.cached for r in first.values())  # type: ignore[attr-defined]
    second = by_name(list(scan_paths([tree], opts)))
    assert all(r.cached for r in second.values())  # type: ignore[attr-defined]
    assert second["bao-cao.docx"].level == "TOI_MAT"  # type: ignore[attr-defined]
    # a changed file is scanned again; a touched but identical file is recognised by its hash
    (tree / "tai-lieu" / "2024" / "ghi-chu.txt").write_text("MẬT", encoding="utf-8")
    docx = tree / "tai-lieu" / "bao-cao.docx"
    os.utime(docx, (1_000_000, 1_000_000))
    third = by_name(list(scan_paths([tree], opts)))
    assert third["ghi-chu.txt"].cached is False and third["ghi-chu.txt"].level == "MAT"  # type: ignore[attr-defined]
    assert third["bao-cao.docx"].cached is True  # type: ignore[attr-defined]


def run_cli(*args: str) -> int:
    return main(["scan", "-q", *args])


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("mật khẩu", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("TỐI MẬT", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(s.docx(["x"] * 40)[:300])
    assert run_cli(str(clean)) == 0
    assert run_cli(str(secret), str(clean)) == 1
    assert run_cli(str(broken), str(clean)) == 2
    assert run_cli(str(tmp_path / "missing.txt")) == 2
    capsys.readouterr()


def test_jsonl_output_and_hash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.docx"
    f.write_bytes(s.docx(["TUYỆT MẬT"]))
    assert run_cli(str(f), "--hash", "--no-snippet") == 1
    (line,) = capsys.readouterr().out.splitlines()
    obj = json.loads(line)
    assert obj["path"] == str(f) and obj["level"] == "TUYET_MAT" and obj["error"] is None
    assert obj["findings"][0]["snippet"] is None and len(obj["sha256"]) == 64


def test_csv_sarif_html_outputs(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text("MẬT", encoding="utf-8")
    (d / "b.zip").write_bytes(s.zip_encrypted({"x.txt": b"x"}))
    out = tmp_path / "out"
    assert run_cli(str(d), "--format", "csv", "-o", f"{out}.csv") == 1
    rows = list(csv.DictReader(Path(f"{out}.csv").read_text(encoding="utf-8").splitlines()))
    assert {(Path(r["path"]).name, r["level"], r["error_code"]) for r in rows} == {
        ("a.txt", "MAT", ""),
        ("b.zip", "", "encrypted"),
    }
    assert run_cli(str(d), "--format", "sarif", "-o", f"{out}.sarif") == 1
    sarif = json.loads(Path(f"{out}.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["BMNN-LEVEL-MAT"]
    assert (
        sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "encrypted"
    )
    assert run_cli(str(d), "--format", "html", "-o", f"{out}.html") == 1
    page = Path(f"{out}.html").read_text(encoding="utf-8")
    assert (
        "<!DOCTYPE html>" in page
        and "a.txt" in page
        and "mã hoá bằng mật khẩu" in page
        and "<script" not in page
    )


def test_keywords_and_exclude_from_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text("Phương án bảo vệ mục tiêu trọng yếu", encoding="utf-8")
    (d / "b.txt").write_text("TỐI MẬT", encoding="utf-8")
    kw = tmp_path / "kw.txt"
    kw.write_text("# danh mục\nbảo vệ mục tiêu trọng yếu\n", encoding="utf-8")
    ex = tmp_path / "ex.txt"
    ex.write_text("b.txt\n", encoding="utf-8")
    assert (
        run_cli(str(d), "--keywords", str(kw), "--exclude-from", str(ex)) == 0
    )  # keywords alone do not fail
    (line,) = capsys.readouterr().out.splitlines()
    assert [f["kind"] for f in json.loads(line)["findings"]] == ["keyword"]


def test_worker_memory_limit_turns_a_runaway_file_into_an_error(tmp_path: Path) -> None:
    import gzip

    assert ScanOptions().memory_limit_mb == 2048  # on by default
    with gzip.GzipFile(tmp_path / "khong.gz", "wb", compresslevel=1) as gz:  # 400 MB of zeros, ~0.4 MB
        block = b"\0" * (1 << 20)
        for _ in range(400):
            gz.write(block)
    (tmp_path / "mat.txt").write_text("MẬT", encoding="utf-8")
    # Ratio and size limits opened wide: only the 300 MB address-space limit of the worker stops it.
    opts = ScanOptions(workers=2, memory_limit_mb=300, max_archive_ratio=1e6, max_file_size=1 << 30)
    res = by_name(list(scan_paths([tmp_path], opts)))
    err = res["khong.gz"].error  # type: ignore[attr-defined]
    assert err is not None and err["code"] in ("too_large", "internal"), err
    assert res["mat.txt"].level == "MAT" and res["mat.txt"].error is None  # type: ignore[attr-defined]


def test_a_memory_limit_too_small_to_start_a_worker_is_raised_to_the_floor(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("MẬT", encoding="utf-8")
    # 1 MB of address space would kill (or hang) every worker before its first file: 256 MB is used instead.
    res = list(scan_paths([tmp_path], ScanOptions(workers=2, memory_limit_mb=1)))
    assert sorted((os.path.basename(r.path), r.level, r.error) for r in res) == [
        ("a.txt", "MAT", None),
        ("b.txt", "MAT", None),
        ("c.txt", "MAT", None),
    ]


def test_workers_that_cannot_start_end_the_run_with_errors(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("MẬT", encoding="utf-8")
    (tmp_path / "b.txt").write_text("MẬT", encoding="utf-8")
    # A program read from stdin cannot be re-imported by spawned workers: every worker dies at start.
    script = (
        "from bmnn.scanner import ScanOptions, scan_paths\n"
        f"for r in scan_paths([{str(tmp_path)!r}], ScanOptions(workers=2)):\n"
        "    print('RESULT', r.error['code'] if r.error else None)\n"
    )
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert [line for line in done.stdout.splitlines() if line.startswith("RESULT")] == ["RESULT internal"] * 2
