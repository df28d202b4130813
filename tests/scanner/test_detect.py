"""The detection rule on plain strings: every mark, and the hard negatives."""

from __future__ import annotations

import unicodedata

import pytest

from bmnn.scanner import detect_text
from bmnn.scanner.detect import KeywordMatcher, ocr_stamp_variant
from bmnn.scanner.normalise import decode_bytes, prepare

from .samples import to_cp1258


def marks(text: str, **kw: object) -> list[tuple[str, str, str | None]]:
    return [(f.kind, f.text, f.level) for f in detect_text(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TUYỆT MẬT", [("level", "TUYỆT MẬT", "TUYET_MAT")]),
        ("Số: 12/BC-UBND\nTỐI MẬT\nV/v báo cáo", [("level", "TỐI MẬT", "TOI_MAT")]),
        ("MẬT", [("level", "MẬT", "MAT")]),
        ("Hà Nội, ngày 02 tháng 12 năm 2024     TỐI MẬT", [("level", "TỐI MẬT", "TOI_MAT")]),
        ("Hà Nội, ngày 02 tháng 12 năm 2024 MẬT", [("level", "MẬT", "MAT")]),
        ("Độ mật: TỐI MẬT", [("level", "TỐI MẬT", "TOI_MAT")]),
        ("T Ố I  M Ậ T", [("level", "TỐI MẬT", "TOI_MAT")]),
        ("T U Y Ệ T   M Ậ T", [("level", "TUYỆT MẬT", "TUYET_MAT")]),
        ("M Ậ T", [("level", "MẬT", "MAT")]),
        (unicodedata.normalize("NFD", "TUYỆT MẬT"), [("level", "TUYỆT MẬT", "TUYET_MAT")]),
        ("GIẢI MẬT\nTừ: 05/01/2025", [("declassified", "GIẢI MẬT", None)]),
        ("TÀI LIỆU THU HỒI", [("recall", "TÀI LIỆU THU HỒI", None)]),
        ("Chỉ người có tên mới được bóc bì", [("named_recipient", "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", None)]),
        ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", [("named_recipient", "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", None)]),
        ("BẢN SAO SỐ: 02", [("copy", "BẢN SAO SỐ", None)]),
        ("SAO Y BẢN CHÍNH", [("copy", "SAO Y BẢN CHÍNH", None)]),
        ("SAO LỤC", [("copy", "SAO LỤC", None)]),
        ("TRÍCH SAO", [("extract", "TRÍCH SAO", None)]),
        ("MẬT\nTÀI LIỆU THU HỒI", [("level", "MẬT", "MAT"), ("recall", "TÀI LIỆU THU HỒI", None)]),
    ],
)
def test_marks_found(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert marks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Vui lòng nhập mật khẩu để đăng nhập.",
        "ĐỔI MẬT KHẨU ĐỊNH KỲ",
        "Mật độ dân số của tỉnh tăng 2%.",
        "MẬT ĐỘ XÂY DỰNG",
        "Bảo vệ bí mật kinh doanh của doanh nghiệp.",
        "BÍ MẬT KINH DOANH",
        "Mật ong rừng U Minh",
        "Quan hệ mật thiết giữa hai đơn vị",
        "Đề nghị bảo mật thông tin khách hàng.",
        "Trần Thị Mật, sinh năm 1980",
        "HỌ VÀ TÊN: NGUYỄN VĂN MẬT",
        "Tài liệu Tối mật phải được bảo quản trong két sắt.",
        "Bí mật nhà nước được phân loại theo ba độ mật: Tuyệt mật, Tối mật và Mật.",
        "BMNN gồm ba độ mật: TUYỆT MẬT, TỐI MẬT và MẬT.",
        'Phải đóng dấu "TỐI MẬT" vào văn bản.',
        "Dấu chỉ độ mật “TUYỆT MẬT” có kích thước 40x8 mm.",
        "Điều 8. Phân loại bí mật nhà nước theo độ mật\n"
        "1. Bí mật nhà nước độ Tuyệt mật là bí mật nhà nước liên quan",
        "LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Độ mật: ......",
        "ĐỘ MẬT: ................",
        "Việc giải mật được thực hiện theo quy định.",
        "HỘI ĐỒNG GIẢI MẬT",
        'Đóng dấu "TÀI LIỆU THU HỒI" vào tài liệu cần thu hồi.',
        "đóng dấu MẬT vào góc trên",
        "Phong bì có dấu “Chỉ người có tên mới được bóc bì” được chuyển ngay.",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert marks(text) == []


def test_finding_carries_snippet_where_and_confidence() -> None:
    long_line = "Văn bản " + "rất " * 40 + "dài MẬT"
    (f,) = detect_text(long_line, "trang 3")
    assert f.where == "trang 3"
    assert f.snippet is not None and len(f.snippet) <= 80 and f.snippet.endswith("MẬT")
    assert f.confidence == 0.8
    (g,) = detect_text("TỐI MẬT", "trang 1")
    assert g.confidence == 0.95
    (h,) = detect_text("TỐI MẬT", snippets=False)
    assert h.snippet is None


def test_ocr_confusions_in_stamp_crop() -> None:
    assert marks("| TUYẾT MẬT |", source="ocr") == [("level", "TUYỆT MẬT", "TUYET_MAT")]
    assert marks("tối mặt", source="ocr") == [("level", "TỐI MẬT", "TOI_MAT")]
    assert marks("BÍ MẶT NHÀ NƯỚC", source="ocr-page") == []


def test_legacy_tcvn3_and_vni() -> None:
    # .VnTimeH text typed as "TèI MËT"; body in .VnTime ("Bé Tµi chÝnh" = "Bộ Tài chính")
    assert prepare("Bé Tµi chÝnh")[0] == "Bộ Tài chính"
    assert marks("TèI MËT\nBé Tµi chÝnh") == [("level", "TỐI MẬT", "TOI_MAT")]
    assert marks("TUYEÄT MAÄT\nBaùo caùo") == [("level", "TUYỆT MẬT", "TUYET_MAT")]
    assert [f.source for f in detect_text("TèI MËT\nBé Tµi chÝnh")] == ["legacy"]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("TỐI MẬT\n".encode("utf-16"), "TỐI MẬT\n"),
        ("TỐI MẬT\n".encode("utf-16-le"), "TỐI MẬT\n"),
        ("\ufeffTỐI MẬT".encode(), "TỐI MẬT"),
        (to_cp1258("TỐI MẬT báo cáo"), "TỐI MẬT báo cáo"),
    ],
)
def test_decode_bytes(raw: bytes, text: str) -> None:
    assert prepare(decode_bytes(raw))[0] == text


def test_keywords_are_a_separate_kind() -> None:
    km = KeywordMatcher(["kế hoạch phòng thủ", "# comment", "Mã khoá"])
    found = km.find("Ban hành KẾ HOẠCH PHÒNG THỦ năm 2025; mã khoá đã đổi; kế hoạch phòng thủ", "trang 1")
    assert [(f.kind, f.text, f.where) for f in found] == [
        ("keyword", "kế hoạch phòng thủ", "trang 1"),
        ("keyword", "Mã khoá", "trang 1"),
    ]
    assert KeywordMatcher(["mật"]).find("mật khẩu bí mật") != []
    assert KeywordMatcher(["mật"]).find("mậtkhẩu") == []


@pytest.mark.parametrize(
    ("reading", "mark"),
    [
        ("TOI wM ẠT", "TỐI MẬT"),  # tesseract on bench corpus scan-00014
        ("TOI w ẠT", "TỐI MẬT"),  # scan-00051: the M read as "w"
        ("TUYẾỆT MẠT", "TUYỆT MẬT"),  # scan-00036: two tone marks in one syllable
        ("T0I MAT", "TỐI MẬT"),
        ("TUYET  MAT.", "TUYỆT MẬT"),
        ("GIAI MAT", "GIẢI MẬT"),
        ("wẠT", "MẬT"),
    ],
)
def test_ocr_stamp_variant_maps_damaged_stamps(reading: str, mark: str) -> None:
    assert ocr_stamp_variant(reading) == mark
    found = detect_text(reading, "trang 1 (dấu đỏ)", source="ocr")
    assert [(f.text, f.source) for f in found] == [(mark, "ocr")]
    assert found[0].confidence <= 0.8  # a reading that had to be repaired is less certain


@pytest.mark.parametrize(
    "reading",
    [
        "TÔI MẤT",  # "I lose": two real words, not a damaged stamp
        "tôi mất",
        "TÔI wMẤT",
        "TỚI MẶT",
        "mật khẩu",
        "MẬT KHẨU",
        "mật độ",
        "MẬT ĐỘ",
        "Đổi mật khẩu",
        "TOI MAT KHAU",
        "BÍ MẬT NHÀ NƯỚC",
        "TOI",
        "MAT TOI",
        "",
    ],
)
def test_ocr_stamp_variant_hard_negatives(reading: str) -> None:
    assert ocr_stamp_variant(reading) is None
    assert detect_text(reading, source="ocr") == []
    assert detect_text(reading, source="ocr-page") == []


def test_ocr_variants_never_apply_to_text_layers() -> None:
    for reading in ("TOI wM ẠT", "TOI w ẠT", "TUYẾỆT MẠT", "T0I MAT", "TOI MAT"):
        assert detect_text(reading) == []  # a text layer is read as it is
    for reading in ("TOI wM ẠT", "TOI w ẠT", "TUYẾỆT MẠT"):
        assert detect_text(reading, source="ocr-page") == []  # nor a page OCR'd in full: not the stamp
