"""Marked PDF output: the level stamp, number, copy number and a per-download footer on every page.

No Django import: callers pass plain values. See docs/marking.md.
"""

from bmnn.core.marking.convert import CONVERTIBLE, to_pdf_if_possible
from bmnn.core.marking.errors import MarkingError
from bmnn.core.marking.overlay import DEFAULT_LAYOUT, MarkLayout, download_footer, level_box
from bmnn.core.marking.pdf import mark_pdf

__all__ = [
    "CONVERTIBLE",
    "DEFAULT_LAYOUT",
    "MarkLayout",
    "MarkingError",
    "download_footer",
    "level_box",
    "mark_pdf",
    "to_pdf_if_possible",
]
