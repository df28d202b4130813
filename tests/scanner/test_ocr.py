"""Scans and images: the red boxed stamp is found and read (tesseract-ocr-vie)."""

from __future__ import annotations

import pytest

from bmnn.scanner import ScanOptions, scan_bytes
from bmnn.scanner.extract import ocr

from . import samples as s

pytestmark = pytest.mark.skipif(bool(ocr.available()), reason="tesseract-ocr-vie is not installed")


@pytest.mark.parametrize(
    ("fmt", "stamp", "level"),
    [("PNG", "TỐI MẬT", "TOI_MAT"), ("JPEG", "TUYỆT MẬT", "TUYET_MAT"), ("TIFF", "MẬT", "MAT")],
)
def test_red_stamp_on_image(fmt: str, stamp: str, level: str, opts: ScanOptions) -> None:
    r = scan_bytes(s.image_bytes(s.scan_image(stamp, seal=True), fmt), "", opts)
    assert r.error is None
    assert [(f.level, f.where, f.source) for f in r.findings] == [(level, "ảnh (dấu đỏ)", "ocr")]


def test_scanned_pdf(opts: ScanOptions) -> None:
    r = scan_bytes(s.scanned_pdf(s.scan_image("TỐI MẬT")), "", opts)
    assert [(f.level, f.where) for f in r.findings] == [("TOI_MAT", "trang 1 (dấu đỏ)")]


def test_declassified_stamp_on_image(opts: ScanOptions) -> None:
    r = scan_bytes(s.image_bytes(s.scan_image("GIẢI MẬT"), "PNG"), "", opts)
    assert [(f.kind, f.level) for f in r.findings] == [("declassified", None)]


def test_black_stamp_found_by_page_top_ocr(opts: ScanOptions) -> None:
    r = scan_bytes(s.image_bytes(s.scan_image("TỐI MẬT", black_stamp=True), "PNG"), "", opts)
    assert [(f.level, f.where) for f in r.findings] == [("TOI_MAT", "ảnh (OCR)")]


def test_clean_scan_and_prose(opts: ScanOptions) -> None:
    img = s.scan_image(None, lines=["LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Đổi mật khẩu hàng tháng"], seal=True)
    r = scan_bytes(s.image_bytes(img, "PNG"), "", opts)
    assert r.error is None and r.findings == []


def test_no_ocr_option_skips_images() -> None:
    r = scan_bytes(s.image_bytes(s.scan_image("MẬT"), "PNG"), "", ScanOptions(workers=1, ocr=False))
    assert r.skipped == "ocr_disabled" and r.findings == []
