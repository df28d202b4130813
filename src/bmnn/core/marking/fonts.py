"""The embedded font: Liberation Serif 2.x (metric-compatible with Times New Roman, Vietnamese glyphs).

Looked up first in the vendored copy (``fonts/``, SIL OFL 1.1, see ``fonts/OFL.txt``), then in Debian's
``fonts-liberation2``. Liberation 1.x (package ``fonts-liberation``) lacks Vietnamese glyphs and is not
used.
"""

from __future__ import annotations

import functools
from pathlib import Path

from bmnn.core.marking.errors import MarkingError

VENDORED = Path(__file__).with_name("fonts")
SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/liberation2"),)
REGULAR = "BMNN-LiberationSerif"
BOLD = "BMNN-LiberationSerif-Bold"
_FILES = {REGULAR: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf"}


def font_path(filename: str, search: tuple[Path, ...] = (VENDORED, *SYSTEM_DIRS)) -> Path:
    for folder in search:
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    raise MarkingError(
        f"Thiếu phông chữ {filename} (Liberation Serif 2, có đủ dấu tiếng Việt) để đóng dấu PDF. "
        "Cài gói Debian fonts-liberation2 (apt-get install fonts-liberation2) hoặc cài lại phần mềm."
    )


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab once; return their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(filename))))
    return REGULAR, BOLD
