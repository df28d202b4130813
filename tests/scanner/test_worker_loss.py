"""A worker lost between taking a file and reporting that it started must not hang the walk.

The workers are made to fail by the test hook ``BMNN_SCANNER_TEST_WORKER_FAULT`` (``die:NAME`` kills the
worker with SIGKILL right after it took file NAME, ``hang:NAME`` makes it hang there). Each walk runs in its
own Python process with a subprocess timeout, so a regression shows as a failed test, not a stuck suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bmnn.scanner.walk import TEST_FAULT_ENV

WALK_BOUND_S = 120  # far above the few seconds a healthy run takes; only a hang reaches it


def run_walk(
    root: Path, fault: str, *, timeout_s: float = 60, grace_s: float | None = None
) -> dict[str, object]:
    script = (
        "import json, os\n"
        "from bmnn.scanner import ScanOptions, scan_paths, walk\n"
        + (f"walk.HARD_GRACE_S = {grace_s!r}\n" if grace_s is not None else "")
        + f"opts = ScanOptions(workers=2, timeout_s={timeout_s!r})\n"
        f"for r in scan_paths([{str(root)!r}], opts):\n"
        "    print('RESULT', json.dumps([os.path.basename(r.path), r.level, r.error]), flush=True)\n"
    )
    env = {**os.environ, TEST_FAULT_ENV: fault}
    # Its own session, so that on a hang the walk and its workers are ended together (no orphans left).
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=WALK_BOUND_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        pytest.fail(f"the walk hung (no end after {WALK_BOUND_S} s); output so far: {out!r}")
    assert proc.returncode == 0, err
    rows = [json.loads(line[len("RESULT ") :]) for line in out.splitlines() if line.startswith("RESULT ")]
    names = [row[0] for row in rows]
    assert len(names) == len(set(names)), names  # one result per file
    return {row[0]: row for row in rows}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for i in range(6):
        (tmp_path / f"mat-{i}.txt").write_text("MẬT", encoding="utf-8")
    (tmp_path / "chet.txt").write_text("TỐI MẬT " * 50, encoding="utf-8")  # largest: dispatched first
    return tmp_path


def test_a_worker_killed_before_reporting_start_gives_an_error_entry_and_the_walk_ends(tree: Path) -> None:
    res = run_walk(tree, "die:chet.txt")
    assert sorted(res) == ["chet.txt", *[f"mat-{i}.txt" for i in range(6)]]
    _, level, error = res["chet.txt"]  # type: ignore[misc]
    assert level is None and error["code"] == "internal", error
    assert "dừng đột ngột" in error["message"]
    for i in range(6):  # the other files are scanned by the replacement worker(s)
        assert res[f"mat-{i}.txt"] == [f"mat-{i}.txt", "MAT", None]


def test_the_time_limit_applies_to_a_file_whose_start_was_never_reported(tree: Path) -> None:
    res = run_walk(tree, "hang:chet.txt", timeout_s=1, grace_s=1)
    _, level, error = res["chet.txt"]  # type: ignore[misc]
    assert level is None and error["code"] == "timeout", error
    for i in range(6):
        assert res[f"mat-{i}.txt"] == [f"mat-{i}.txt", "MAT", None]
