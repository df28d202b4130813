"""bmnn.rules imports nothing outside the standard library (checked in a clean subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

SCRIPT = f"""
import sys
sys.path.insert(0, {str(SRC)!r})
before = set(sys.modules)
import bmnn.rules, bmnn.rules.cli
import datetime as dt
r = bmnn.rules
r.may_copy(r.Level.MAT, r.Position.of("office_level_unit_head"), dt.date(2026, 5, 1))
new = {{m.split(".")[0] for m in set(sys.modules) - before}}
stdlib = set(sys.stdlib_module_names) | {{"bmnn"}}
bad = sorted(m for m in new if m not in stdlib and not m.startswith("_"))
print(",".join(bad))
"""


def test_import_needs_only_the_standard_library() -> None:
    result = subprocess.run(
        [sys.executable, "-S", "-I", "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
    assert "django" not in result.stdout.lower()
