"""Search text: Vietnamese without diacritics, lower case, so "Đề thi" matches "de thi" and "ĐỀ THI"."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """NFD-strip combining marks, map đ/Đ to d, lower-case and collapse whitespace."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def search_blob(*parts: object) -> str:
    """The stored search column: every part folded and joined with a space."""
    return fold(" ".join(str(p) for p in parts if p not in (None, "")))
