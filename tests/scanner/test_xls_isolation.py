"""Legacy .xls is parsed in a memory-limited child: a runaway parse becomes an error entry, not a crash.

Fuzzing found 5.6 KB .xls files on which python-calamine's CFB reader allocates without bound (24 GB
before the kernel killed it; a Rust abort under RLIMIT_AS). The child process contains that.
"""

from __future__ import annotations

from bmnn.scanner import scan_bytes

from . import samples


def test_xls_is_read_through_the_child():
    result = scan_bytes(samples.xls(["TỐI MẬT", "Báo cáo số 12"]), "bao-cao.xls")
    assert result.error is None
    assert result.level == "TOI_MAT"


def test_a_parse_that_exceeds_the_memory_limit_is_an_error_entry(monkeypatch):
    # A limit too small for the child to even start its reader stands in for the runaway allocation.
    monkeypatch.setenv("BMNN_XLS_MEMORY_MB", "12")
    result = scan_bytes(samples.xls(["TỐI MẬT"]), "bao-cao.xls")
    assert result.level is None
    assert result.error is not None and result.error["code"] == "corrupt"
