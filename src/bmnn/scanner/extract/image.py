"""Images (png, jpeg, tiff, bmp, gif, webp): red-stamp OCR, then the top of the first page."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..model import ScanError
from . import Chunk, Context

MASK_SIDE = 1400  # longer side of the image searched for red ink
MAX_FRAMES = 20


def extract_image(data: bytes, ctx: Context) -> Iterator[Chunk]:
    from PIL import Image

    from . import ocr

    ocr.require(ctx)
    try:
        img = Image.open(io.BytesIO(data))
        frames = getattr(img, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise ScanError("bomb", str(exc)) from exc
    except Exception as exc:
        raise ScanError("corrupt", str(exc)) from exc
    for n in range(min(frames, MAX_FRAMES, ctx.options.ocr_max_pages)):
        ctx.check_time()
        try:
            img.seek(n)
            frame = img.convert("RGB")
        except Image.DecompressionBombError as exc:
            raise ScanError("bomb", str(exc)) from exc
        except (OSError, ValueError, SyntaxError) as exc:
            code = "truncated" if "truncated" in str(exc).lower() else "corrupt"
            raise ScanError(code, str(exc)) from exc
        where = f"trang {n + 1}" if frames > 1 else "ảnh"
        scale = min(1.0, MASK_SIDE / max(frame.size))
        small = frame if scale == 1.0 else frame.resize((int(frame.width * scale), int(frame.height * scale)))
        boxes = ocr.red_boxes(small)
        for x0, y0, x1, y1 in boxes:
            crop = frame.crop((int(x0 / scale), int(y0 / scale), int(x1 / scale), int(y1 / scale)))
            text = ocr.read_stamp(crop, ctx)
            if text.strip():
                yield Chunk(f"{where} (dấu đỏ)", text, source="ocr")
        if not boxes and n == 0 and ctx.options.ocr_full_first_page:
            yield Chunk(f"{where} (OCR)", ocr.read_page_top(frame, ctx), source="ocr-page")
