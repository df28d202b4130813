"""mark_pdf: the marks are on every page, red where §19 puts them, in an embedded Vietnamese font."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import A4

from bmnn.core.marking import MarkingError, download_footer, level_box, mark_pdf
from bmnn.core.marking.fonts import font_path
from bmnn.rules.levels import Level
from bmnn.rules.marks import level_stamp
from tests.marking.conftest import nfc, sample_pdf

ON = dt.date(2026, 11, 23)
FOOTER = "Tải xuống bởi Nguyễn Văn An lúc 23/11/2026 14:05 — item-7f3a"
ARTIFACTS = Path(os.environ.get("BMNN_TEST_ARTIFACTS", "test-artifacts"))
SCALE = 2.0


def _mark(data: bytes, **kw):
    args = {"level": "TUYỆT MẬT", "number_symbol": "125/BMNN-SNV", "footer_text": FOOTER, "on": ON, **kw}
    return mark_pdf(data, **args)


def _texts(data: bytes) -> list[str]:
    return [nfc(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _red_pixels(image, box: tuple[int, int, int, int]) -> int:
    raw = image.convert("RGB").crop(box).tobytes()
    return sum(1 for i in range(0, len(raw), 3) if _is_red((raw[i], raw[i + 1], raw[i + 2])))


def _box_pixels(level: Level, page_height: float) -> tuple[int, int, int, int]:
    box = level_box(level_stamp(level, ON), page_height)
    return (
        int(box.x * SCALE),
        int((page_height - box.top) * SCALE),
        int((box.x + box.width) * SCALE) + 1,
        int((page_height - box.y) * SCALE) + 1,
    )


def test_every_page_carries_level_number_copy_number_and_footer(pdf_bytes):
    out = _mark(pdf_bytes, copy_number=1, regime_marks=["XEM XONG TRẢ LẠI"])
    texts = _texts(out)
    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert "TUYỆT MẬT" in text
        assert "125/BMNN-SNV" in text
        assert "BẢN SAO SỐ 01" in text
        assert "XEM XONG TRẢ LẠI" in text
        assert FOOTER in text
        assert f"Trang {number} dòng 1" in text  # the original content is still there


def test_no_copy_mark_on_an_original(pdf_bytes):
    assert all("BẢN SAO" not in text for text in _texts(_mark(pdf_bytes, level="MẬT")))


@pytest.mark.parametrize("level", list(Level))
def test_red_double_box_below_the_number_with_the_spec_size(pdf_bytes, level):
    out = _mark(pdf_bytes, level=level)
    page = pdfium.PdfDocument(out)[0]
    height = page.get_height()
    image = page.render(scale=SCALE).to_pil()
    x0, y0, x1, y1 = _box_pixels(level, height)
    assert _red_pixels(image, (x0, y0, x1, y1)) > 200
    # The box's red extent matches the stamp width (40/30/20 mm) within a millimetre.
    band = image.convert("RGB").crop((0, y0, image.width // 2, y1))
    reds = [x for x in range(band.width) if any(_is_red(band.getpixel((x, y))) for y in range(band.height))]
    width_mm = (max(reds) - min(reds)) / SCALE * 25.4 / 72
    assert abs(width_mm - level_stamp(level, ON).width_mm) < 1.0
    # Nothing red in the number line just above the box; the box sits below the number block.
    assert _red_pixels(image, (x0, y0 - int(6 * SCALE), x1, y0 - 2)) == 0


def _is_red(pixel) -> bool:
    r, g, b = pixel
    return r > 180 and g < 90 and b < 90


def test_sample_page_rendered_for_a_human(pdf_bytes):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = _mark(pdf_bytes, copy_number=2, regime_marks=["XEM XONG TRẢ LẠI"])
    pdfium.PdfDocument(out)[0].render(scale=1.5).to_pil().save(ARTIFACTS / "marking-page1.png")
    assert (ARTIFACTS / "marking-page1.png").stat().st_size > 1000


def test_font_is_embedded_as_truetype(pdf_bytes):
    reader = PdfReader(io.BytesIO(_mark(pdf_bytes)))
    embedded = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            for f in [font] + ([d.get_object() for d in descendants] if descendants else []):
                descriptor = f.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.add(str(f["/BaseFont"]))
    assert any("LiberationSerif-Bold" in name for name in embedded), embedded


def test_rotated_and_landscape_pages(landscape_pdf):
    rotated = sample_pdf(2, rotate=90)
    for data in (rotated, landscape_pdf):
        texts = _texts(_mark(data, copy_number=3))
        assert all("TUYỆT MẬT" in t and "BẢN SAO SỐ 03" in t and FOOTER in t for t in texts)


def test_crop_box_with_an_offset_origin(pdf_bytes):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    for page in writer.pages:
        page.mediabox = RectangleObject([-30, 40, A4[0] + 60, A4[1] + 40])
        page.cropbox = RectangleObject([20, 60, A4[0] + 20, A4[1] + 40])
    buf = io.BytesIO()
    writer.write(buf)
    page = pdfium.PdfDocument(_mark(buf.getvalue()))[0]
    image = page.render(scale=SCALE).to_pil()
    assert _red_pixels(image, _box_pixels(Level.TUYET_MAT, page.get_height())) > 200


def test_overlay_mode_keeps_page_size(pdf_bytes):
    reader = PdfReader(io.BytesIO(_mark(pdf_bytes, shrink=False)))
    assert [round(float(p.mediabox.width)) for p in reader.pages] == [round(A4[0])] * 3


def test_input_from_a_path(tmp_path, pdf_bytes):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes)
    assert "TUYỆT MẬT" in _texts(_mark(path))[0]


def _encrypted(pdf: bytes, user: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user, owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda pdf: b"",
        lambda pdf: b"this is not a pdf",
        lambda pdf: pdf[: len(pdf) // 3],
        lambda pdf: b"%PDF-1.7\n" + os.urandom(5000),
        lambda pdf: pdf.replace(b"/Type /Page", b"/Type /Xage").replace(b"/Type/Page", b"/Type/Xage"),
        lambda pdf: b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        lambda pdf: _encrypted(pdf, "user-secret"),
        lambda pdf: _encrypted(pdf, ""),
    ],
    ids=["empty", "text", "truncated", "random", "no-pages", "broken-tree", "encrypted", "owner-only"],
)
def test_bad_input_is_a_clear_vietnamese_refusal(pdf_bytes, make):
    with pytest.raises(MarkingError) as exc:
        _mark(make(pdf_bytes))
    assert "PDF" in exc.value.message


def test_encrypted_message_says_password(pdf_bytes):
    with pytest.raises(MarkingError, match="mật khẩu"):
        _mark(_encrypted(pdf_bytes, "x"))


def test_bad_arguments(pdf_bytes, tmp_path):
    with pytest.raises(MarkingError, match="Độ mật"):
        _mark(pdf_bytes, level="BÍ MẬT QUỐC GIA")
    with pytest.raises(MarkingError, match="bản sao"):
        _mark(pdf_bytes, copy_number=0)
    with pytest.raises(MarkingError, match="Không đọc được"):
        _mark(tmp_path / "missing.pdf")


def test_missing_font_is_explained(tmp_path):
    with pytest.raises(MarkingError, match="fonts-liberation2"):
        font_path("LiberationSerif-Bold.ttf", search=(tmp_path,))


def test_download_footer_uses_vietnam_time():
    when = dt.datetime(2026, 11, 23, 7, 5, tzinfo=dt.UTC)
    assert download_footer("Trần Thị B", when, "42") == "Tải xuống bởi Trần Thị B lúc 23/11/2026 14:05 — 42"
