"""Plain text (txt, md, csv…) in any common encoding, and HTML / XML with the markup stripped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..normalise import decode_bytes
from . import Chunk, Context

_CHUNK = 8 << 20  # characters per chunk, cut at a line end
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_DROP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(
    r"<(?:br|/p|/div|/tr|/td|/th|/li|/h\d|/title|/table|/w:p|/text:p|/a:p)\b[^>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")


def _chunks(text: str, where: str) -> Iterator[Chunk]:
    if len(text) <= _CHUNK:
        yield Chunk(where, text)
        return
    start, part = 0, 1
    while start < len(text):
        end = text.find("\n", start + _CHUNK)
        end = len(text) if end == -1 else end + 1
        yield Chunk(f"{where} (phần {part})" if where else f"phần {part}", text[start:end])
        start, part = end, part + 1


def extract_text(data: bytes, ctx: Context) -> Iterator[Chunk]:
    yield from _chunks(decode_bytes(data), "")


def markup_to_text(text: str) -> str:
    text = _DROP.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def extract_markup(data: bytes, ctx: Context) -> Iterator[Chunk]:
    m = _DECLARED.search(data[:2048])
    declared = m.group(1).decode("ascii", "replace") if m else None
    yield from _chunks(markup_to_text(decode_bytes(data, declared)), "")
