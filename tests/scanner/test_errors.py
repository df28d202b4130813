"""Corrupted, truncated, password-protected and bomb-like inputs give an error entry, never an exception."""

from __future__ import annotations

import random

import pytest

from bmnn.scanner import ScanOptions, scan_bytes

from . import samples as s


def code(data: bytes, opts: ScanOptions) -> str | None:
    r = scan_bytes(data, "x", opts)
    return r.error["code"] if r.error else None


def test_encrypted_inputs(opts: ScanOptions) -> None:
    assert code(s.encrypted_docx(s.docx(["MẬT"])), opts) == "encrypted"
    assert code(s.pdf([["TỐI MẬT"]], encrypt="matkhau"), opts) == "encrypted"
    assert code(s.zip_encrypted({"a.txt": b"MAT"}), opts) == "encrypted"
    assert code(s.sevenzip_of({"a.txt": b"x"}, password="pw"), opts) == "encrypted"
    r = scan_bytes(s.pdf([["x"]], encrypt="pw"), "", opts)
    assert r.error == {"code": "encrypted", "message": "Tệp được mã hoá bằng mật khẩu, không đọc được (PDF)"}


def test_truncated_inputs(opts: ScanOptions) -> None:
    doc = s.docx(["TỐI MẬT"] * 50)
    assert code(doc[: len(doc) // 2], opts) == "truncated"
    pdf = s.pdf([["TỐI MẬT"]] * 3)
    assert code(pdf[: len(pdf) // 2], opts) in ("corrupt", "truncated")
    tgz = s.tar_of({"a.txt": b"x" * 100_000})
    assert code(tgz[: len(tgz) // 2], opts) in ("corrupt", "truncated")


def test_corrupted_inputs(opts: ScanOptions) -> None:
    assert code(b"PK\x03\x04" + b"\x00garbage" * 20, opts) in ("corrupt", "truncated")
    assert code(b"%PDF-1.7\n" + b"\x01\x02" * 100, opts) == "corrupt"
    assert code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, opts) is None  # unknown OLE: skipped
    assert code(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, opts) in ("corrupt", "truncated", "ocr_unavailable")


def test_zip_bomb_is_stopped(opts: ScanOptions) -> None:
    r = scan_bytes(s.zip_bomb(60), "bomb.zip", opts)
    assert r.error is not None and r.error["code"] == "bomb"


def test_total_unpacked_budget() -> None:
    many = s.zip_of({f"f{i}.txt": bytes(random.Random(i).randbytes(300_000)) for i in range(5)})
    r = scan_bytes(many, "", ScanOptions(workers=1, max_archive_total=1_000_000))
    assert r.error is not None and r.error["code"] == "bomb"


def test_depth_limit() -> None:
    data = "TỐI MẬT".encode()
    for i in range(4):
        data = s.zip_of({f"lop{i}.zip" if i else "a.txt": data})
    r = scan_bytes(data, "", ScanOptions(workers=1, max_depth=2))
    assert r.error is not None and r.error["code"] == "too_deep"
    assert scan_bytes(data, "", ScanOptions(workers=1, max_depth=5)).level == "TOI_MAT"


def test_member_error_keeps_other_findings(opts: ScanOptions) -> None:
    bad = s.encrypted_docx(s.docx(["x"]))
    r = scan_bytes(s.zip_of({"ok.txt": "MẬT".encode(), "khoa.docx": bad}), "", opts)
    assert r.level == "MAT"
    assert r.error is not None and r.error["code"] == "encrypted"


def test_too_large_and_timeout() -> None:
    assert (
        scan_bytes(b"x" * 2000, "", ScanOptions(workers=1, max_file_size=1000)).error["code"] == "too_large"
    )  # type: ignore[index]
    r = scan_bytes(s.pdf([["a"]] * 3), "", ScanOptions(workers=1, timeout_s=-1))
    assert r.error is not None and r.error["code"] == "timeout"


@pytest.mark.parametrize("seed", range(3))
def test_scan_bytes_never_raises_on_mutated_input(seed: int) -> None:
    opts = ScanOptions(workers=1, ocr=False)
    rng = random.Random(seed)
    bases = [
        s.docx(["TỐI MẬT"]),
        s.pdf([["MẬT"]]),
        s.xlsx({"A1": "MẬT"}),
        s.tar_of({"a": b"MAT"}),
        s.rtf(["MẬT"]),
        s.eml("a", "b", [("x.zip", s.zip_of({"y.txt": b"z"}))]),
        s.xls(["MẬT"]),
    ]
    for base in bases:
        for _ in range(15):
            data = bytearray(base)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            r = scan_bytes(bytes(data), "f", opts)
            assert r.error is None or r.error["code"] in {
                "corrupt",
                "truncated",
                "encrypted",
                "bomb",
                "internal",
                "too_deep",
            }
    assert scan_bytes(b"", "", opts).error is None
