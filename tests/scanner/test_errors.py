"""Corrupted, truncated, password-protected and bomb-like inputs give an error entry, never an exception."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from bmnn.scanner import ScanOptions, scan_bytes, scan_paths

from . import cfb, rar
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
    # An OLE signature that does not open is reported; a sound compound file of unknown use is skipped.
    assert code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, opts) in ("corrupt", "truncated")
    unknown = scan_bytes(cfb.write_cfb({"Dữ liệu": "TỐI MẬT".encode()}), "x", opts)
    assert (unknown.type, unknown.error, unknown.skipped) == ("ole", None, "unsupported")
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
        _msg(),
        rar.rar_of({"a.txt": b"MAT", "b.docx": s.docx(["MẬT"])}),
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


def _msg() -> bytes:
    return cfb.msg("Báo cáo", "TỐI MẬT\r\nNội dung", [("bc.docx", s.docx([], header="MẬT"))])


def test_truncated_and_corrupted_msg(opts: ScanOptions) -> None:
    data = _msg()
    for cut in (len(data) // 2, len(data) - 100, 1000):
        r = scan_bytes(data[:cut], "thu.msg", opts)
        assert r.error is not None and r.error["code"] == "truncated", cut
    # Garbage over the mini FAT: the body still reads, the attachment does not -> error, findings kept.
    (minifat,) = struct.unpack_from("<I", data, 60)
    bad = bytearray(data)
    bad[512 + minifat * 512 : 512 + (minifat + 1) * 512] = struct.pack("<128I", *([0x00ABCDEF] * 128))
    r = scan_bytes(bytes(bad), "thu.msg", opts)
    assert r.type == "msg" and r.error is not None and r.error["code"] in ("corrupt", "truncated")
    assert r.level == "TOI_MAT"


def test_truncated_and_corrupted_rar(opts: ScanOptions) -> None:
    data = rar.rar_of({"a.txt": "TUYỆT MẬT".encode(), "b.txt": b"y" * 3000})
    for cut in (len(data) // 2, len(data) - 8, 20):  # inside a member, before the end header, in the header
        r = scan_bytes(data[:cut], "x.rar", opts)
        assert r.error is not None and r.error["code"] == "truncated", cut
    assert scan_bytes(data[: len(data) // 2], "x.rar", opts).level == "TUYET_MAT"  # members read so far count
    bad = bytearray(data)
    bad[12] ^= 0xFF  # inside the main header: its CRC32 no longer matches
    assert code(bytes(bad), opts) == "corrupt"


def test_broken_msg_and_rar_do_not_stop_the_walk(tmp_path: Path) -> None:
    msg, arc = _msg(), rar.rar_of({"a.txt": "MẬT".encode()})
    (tmp_path / "cut.msg").write_bytes(msg[: len(msg) // 2])
    (tmp_path / "cut.rar").write_bytes(arc[:-8])
    (tmp_path / "ok.msg").write_bytes(msg)
    (tmp_path / "ok.rar").write_bytes(arc)
    res = {r.path.rsplit("/", 1)[-1]: r for r in scan_paths([tmp_path], ScanOptions(workers=2))}
    assert {n: (r.error or {}).get("code") for n, r in res.items()} == {
        "cut.msg": "truncated",
        "cut.rar": "truncated",
        "ok.msg": None,
        "ok.rar": None,
    }
    assert (res["ok.msg"].level, res["ok.rar"].level) == ("TOI_MAT", "MAT")
