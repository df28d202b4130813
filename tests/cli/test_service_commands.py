"""bmnn check / demo / migrate, run as real subprocesses on a throw-away data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _bmnn(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "BMNN_DATA_DIR": str(data_dir), "BMNN_DATABASE_URL": "", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bmnn", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        check=False,
    )


def test_check_reports_problems_in_plain_words(tmp_path):
    result = _bmnn(tmp_path, "check", env={"BMNN_DEBUG": "maybe"})
    assert result.returncode == 1
    assert "BMNN_DEBUG" in result.stdout and "không hợp lệ" in result.stdout

    result = _bmnn(tmp_path, "check", env={"BMNN_DATABASE_URL": "mysql://x/y"})
    assert result.returncode == 1 and "BMNN_DATABASE_URL" in result.stdout

    result = _bmnn(tmp_path, "check", env={"BMNN_ADJUSTMENT_PERIOD": "sometimes"})
    assert result.returncode == 1 and "BMNN_ADJUSTMENT_PERIOD" in result.stdout

    result = _bmnn(tmp_path, "check")
    assert result.returncode == 1 and "bmnn migrate" in result.stdout  # database not migrated yet


def test_migrate_demo_check_and_key_files(tmp_path):
    assert _bmnn(tmp_path, "migrate").returncode == 0
    first = _bmnn(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "quantri" in first.stdout and "BaoMat@2026!" in first.stdout
    second = _bmnn(tmp_path, "demo")
    assert "không nạp" in second.stdout  # data exists: nothing loaded twice
    ok = _bmnn(tmp_path, "check")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    key = tmp_path / "secret_key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    key.chmod(0o644)
    loose = _bmnn(tmp_path, "check")
    assert loose.returncode == 1 and "0600" in loose.stdout


def test_python_dash_m_and_help(tmp_path):
    result = _bmnn(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("run", "serve", "check", "audit", "rules", "scan"):
        assert command in result.stdout


def test_audit_verify_on_demo_data_then_detects_a_direct_edit(tmp_path):
    import sqlite3

    assert _bmnn(tmp_path, "migrate").returncode == 0
    assert _bmnn(tmp_path, "demo").returncode == 0
    ok = _bmnn(tmp_path, "audit", "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    db = sqlite3.connect(tmp_path / "bmnn.sqlite3")
    db.execute("DROP TRIGGER bmnn_audit_event_no_update")  # what a database owner could do
    db.execute("UPDATE core_auditevent SET summary = '{\"agencies\": 1}' WHERE seq = 1")
    db.commit()
    db.close()
    broken = _bmnn(tmp_path, "audit", "verify")
    assert broken.returncode == 1
    assert "#1" in broken.stdout
