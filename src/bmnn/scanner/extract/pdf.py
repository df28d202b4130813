"""PDF: the text layer through pypdfium2; pages without text go to the red-stamp OCR path."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ScanError
from . import Chunk, Context

MIN_TEXT = 20  # a page with fewer characters is treated as a scan
MASK_DPI = 100  # resolution of the red-ink search
TOP_DPI = 200
OCR_DPI = 300  # resolution of the crops read by tesseract


def extract_pdf(data: bytes, ctx: Context) -> Iterator[Chunk]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ScanError("encrypted", "PDF") from exc
        raise ScanError("corrupt", str(exc)) from exc
    scans: list[int] = []
    try:
        n = len(doc)
        for i in range(n):
            ctx.check_time()
            page = doc[i]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
                if len(text.strip()) < MIN_TEXT:
                    scans.append(i)
                yield Chunk(f"trang {i + 1}", text.replace("\r\n", "\n").replace("\r", "\n"))
            finally:
                page.close()
        if scans and ctx.options.ocr:
            yield from _ocr_pages(doc, scans, ctx)
        elif scans:
            ctx.warnings.append(
                {"code": "ocr_disabled", "member": ctx.prefix.rstrip(" >") or "", "detail": ""}
            )
    finally:
        doc.close()


def _ocr_pages(doc: object, pages: list[int], ctx: Context) -> Iterator[Chunk]:
    from . import ocr

    ocr.require(ctx)
    for n, i in enumerate(pages[: ctx.options.ocr_max_pages]):
        ctx.check_time()
        page = doc[i]  # type: ignore[index]
        try:
            low = page.render(scale=MASK_DPI / 72, rev_byteorder=True).to_pil().convert("RGB")
            boxes = ocr.red_boxes(low)
            for box in boxes:
                x0, y0, x1, y1 = box
                w, h = page.get_size()
                s = 72 / MASK_DPI
                # crop = distances (in points) to trim from the left, bottom, right and top edges
                crop = (x0 * s, max(0.0, h - y1 * s), max(0.0, w - x1 * s), y0 * s)
                img = page.render(scale=OCR_DPI / 72, crop=crop, rev_byteorder=True).to_pil().convert("RGB")
                text = ocr.read_stamp(img, ctx)
                if text.strip():
                    yield Chunk(f"trang {i + 1} (dấu đỏ)", text, source="ocr")
            if not boxes and n == 0 and ctx.options.ocr_full_first_page:
                # Render only the top share of the page, at a resolution that still reads 13 pt capitals.
                w, h = page.get_size()
                top_crop = (0.0, h * (1 - ocr.TOP_SHARE), 0.0, 0.0)
                img = page.render(scale=TOP_DPI / 72, crop=top_crop, grayscale=True).to_pil()
                text = ocr.read_page_top(img, ctx)
                yield Chunk(f"trang {i + 1} (OCR)", text, source="ocr-page")
        finally:
            page.close()
