"""OCR where stamps can be: find red ink, crop each red box, read it with ``tesseract --psm 7 -l vie``.

Level stamps are red boxes (Circular 24/2020 Art. 3.2). A page is searched for red at about 100 dpi;
each wide red component (a round seal is not wide) is cropped from a 300-dpi rendering, its frame is
removed and the crop is read as one text line. Full-page OCR is reserved for the top of page 1 of a
scan without red ink. tesseract runs with OMP_THREAD_LIMIT=1 (threads only slow it down here).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import deque
from functools import lru_cache
from typing import Any

from ..model import ScanError
from . import Context

CELL = 6  # px of the ~100-dpi mask per grid cell
MAX_BOXES = 4


@lru_cache(maxsize=1)
def available() -> str:
    """ "" when tesseract with Vietnamese is usable, else the reason."""
    exe = shutil.which("tesseract")
    if not exe:
        return "chưa cài tesseract-ocr"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)  # noqa: S603
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if "vie" not in out.stdout.split():
        return "chưa cài tesseract-ocr-vie"
    return ""


def require(ctx: Context) -> None:
    reason = available()
    if reason:
        raise ScanError("ocr_unavailable", reason)


def _red_mask(arr: Any) -> Any:
    import numpy as np

    r, g, b = (arr[..., i].astype(np.int16) for i in range(3))
    return (r > 110) & (r - g > 50) & (r - b > 50)


def red_boxes(img: Any) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) in ``img`` pixels of wide red components (stamp candidates)."""
    import numpy as np

    arr = np.asarray(img.convert("RGB"))
    mask = _red_mask(arr)
    h, w = mask.shape
    gh, gw = h // CELL, w // CELL
    if gh == 0 or gw == 0:
        return []
    grid = mask[: gh * CELL, : gw * CELL].reshape(gh, CELL, gw, CELL).sum(axis=(1, 3)) >= 2
    if not grid.any() or grid.mean() > 0.25:  # nothing red, or a red photo rather than a stamp
        return []
    dil = grid.copy()
    dil[1:, :] |= grid[:-1, :]
    dil[:-1, :] |= grid[1:, :]
    dil[:, 1:] |= grid[:, :-1]
    dil[:, :-1] |= grid[:, 1:]
    seen = np.zeros_like(dil)
    boxes: list[tuple[int, int, int, int, int]] = []
    for y, x in zip(*np.nonzero(dil), strict=True):
        if seen[y, x]:
            continue
        q = deque([(int(y), int(x))])
        seen[y, x] = True
        y0 = y1 = int(y)
        x0 = x1 = int(x)
        count = 0
        while q:
            cy, cx = q.popleft()
            count += 1
            y0, y1, x0, x1 = min(y0, cy), max(y1, cy), min(x0, cx), max(x1, cx)
            for ny, nx in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                if 0 <= ny < gh and 0 <= nx < gw and dil[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    q.append((ny, nx))
        bw, bh = (x1 - x0 + 1) * CELL, (y1 - y0 + 1) * CELL
        if bw >= 40 and 12 <= bh <= 200 and bw / bh >= 1.4:
            boxes.append((bw * bh, x0 * CELL, y0 * CELL, (x1 + 1) * CELL, (y1 + 1) * CELL))
    boxes.sort(reverse=True)
    out = []
    for _, bx0, by0, bx1, by1 in boxes[:MAX_BOXES]:
        pad = max(6, (by1 - by0) // 5)
        out.append((max(0, bx0 - pad), max(0, by0 - pad), min(w, bx1 + pad), min(h, by1 + pad)))
    return out


def _component(ink: Any, seed: tuple[int, int]) -> Any:
    """The 8-connected component of ``ink`` that holds ``seed`` (y, x), as a boolean mask."""
    import numpy as np

    h, w = ink.shape
    comp = np.zeros_like(ink)
    comp[seed] = True
    q = deque([seed])
    while q:
        y, x = q.popleft()
        for ny in (y - 1, y, y + 1):
            for nx in (x - 1, x, x + 1):
                if 0 <= ny < h and 0 <= nx < w and ink[ny, nx] and not comp[ny, nx]:
                    comp[ny, nx] = True
                    q.append((ny, nx))
    return comp


def _drop_frames(ink: Any) -> Any:
    """Remove up to two rectangular frames (the double border of a stamp) from a boolean ink mask."""
    import numpy as np

    for _ in range(2):
        ys, xs = np.nonzero(ink)
        if len(ys) == 0 or len(ys) > 400_000:
            break
        top = int(ys.min())
        comp = _component(ink, (top, int(xs[ys == top][0])))
        cy, cx = np.nonzero(comp)
        span_w = (cx.max() - cx.min() + 1) / (xs.max() - xs.min() + 1)
        span_h = (cy.max() - cy.min() + 1) / (ys.max() - ys.min() + 1)
        if span_w < 0.8 or span_h < 0.8:
            break
        ink = ink & ~comp
    return ink


def _tesseract(img: Any, psm: int, ctx: Context) -> str:
    buf = io.BytesIO()
    # Uncompressed PNM: PNG's deflate cost as much as the OCR itself on full-page images.
    img.save(buf, format="PPM")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        out = subprocess.run(  # noqa: S603
            ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(psm)],  # noqa: S607
            input=buf.getvalue(),
            capture_output=True,
            timeout=min(60.0, ctx.remaining()),
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ScanError("timeout", "tesseract") from exc
    except OSError as exc:
        raise ScanError("ocr_unavailable", str(exc)) from exc
    return out.stdout.decode("utf-8", "replace")


def read_stamp(img: Any, ctx: Context) -> str:
    """Binarise the red ink of a crop, drop its frame and read it as one line (then as a block)."""
    import numpy as np
    from PIL import Image, ImageOps

    arr = np.asarray(img.convert("RGB"))
    ink = _drop_frames(_red_mask(arr))
    if not ink.any():
        return ""
    ys, xs = np.nonzero(ink)
    ink = ink[max(0, ys.min() - 2) : ys.max() + 3, max(0, xs.min() - 2) : xs.max() + 3]
    bw = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), "L")
    if bw.height < 40:
        bw = bw.resize((bw.width * 40 // max(1, bw.height), 40))
    elif bw.height > 300:
        bw = bw.resize((max(1, bw.width * 300 // bw.height), 300))
    bw = ImageOps.expand(bw, border=20, fill=255)
    text = _tesseract(bw, 7, ctx)
    if "M" not in text.upper():
        text += "\n" + _tesseract(bw, 6, ctx)
    return text


TOP_SHARE = 0.4


def read_page_top(img: Any, ctx: Context) -> str:
    """Full OCR of the top 40% of a page (where Decree 30/2020 puts the level mark).

    ``img`` may already be just that top part (callers that render only the top pass it as is).
    """
    top = img.convert("L")
    if top.height > top.width:  # a whole portrait page: keep the top share
        top = top.crop((0, 0, img.width, max(1, int(img.height * TOP_SHARE))))
    return _tesseract(top, 6, ctx)
