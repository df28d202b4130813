"""Text extractors, one module per family of formats.

Every extractor is ``extract(data: bytes, ctx: Context) -> Iterator[Chunk]``. Containers (archives,
e-mails) hand their members back to ``ctx.member(name, data)``, which sniffs and recurses. Heavy
libraries are imported inside the modules, which are imported only when a file of that type shows up.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import ScanError, ScanOptions

if TYPE_CHECKING:
    from ..detect import KeywordMatcher


@dataclass
class Chunk:
    where: str
    text: str
    source: str = "text"  # "text" | "ocr" | "ocr-stamp"
    locate: Callable[[int], str] | None = None  # maps a line number in ``text`` to a finer ``where``


# kind -> (module, function)
_EXTRACTORS: dict[str, tuple[str, str]] = {
    "docx": ("ooxml", "extract_docx"),
    "xlsx": ("ooxml", "extract_xlsx"),
    "pptx": ("ooxml", "extract_pptx"),
    "odt": ("odf", "extract_odf"),
    "ods": ("odf", "extract_odf"),
    "odp": ("odf", "extract_odf"),
    "pdf": ("pdf", "extract_pdf"),
    "doc": ("legacy", "extract_doc"),
    "xls": ("legacy", "extract_xls"),
    "ppt": ("legacy", "extract_ppt"),
    "rtf": ("legacy", "extract_rtf"),
    "ole-broken": ("legacy", "extract_broken_ole"),
    "text": ("text", "extract_text"),
    "html": ("text", "extract_markup"),
    "xml": ("text", "extract_markup"),
    "eml": ("mail", "extract_eml"),
    "msg": ("mail", "extract_msg"),
    "zip": ("archive", "extract_zip"),
    "tar": ("archive", "extract_tar"),
    "7z": ("archive", "extract_libarchive"),
    "rar": ("archive", "extract_libarchive"),
    "gzip": ("archive", "extract_compressed"),
    "bzip2": ("archive", "extract_compressed"),
    "xz": ("archive", "extract_compressed"),
    "png": ("image", "extract_image"),
    "jpeg": ("image", "extract_image"),
    "tiff": ("image", "extract_image"),
    "bmp": ("image", "extract_image"),
    "gif": ("image", "extract_image"),
    "webp": ("image", "extract_image"),
}
SUPPORTED = frozenset(_EXTRACTORS)


def get_extractor(kind: str) -> Callable[[bytes, Context], Iterator[Chunk]]:
    module, func = _EXTRACTORS[kind]
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)  # type: ignore[no-any-return]


def _prefixed(name: str, locate: Callable[[int], str]) -> Callable[[int], str]:
    return lambda line: f"{name} > {locate(line)}"


@dataclass
class Context:
    """State shared by the extractors of one top-level file."""

    options: ScanOptions
    deadline: float
    name: str = ""
    depth: int = 0
    prefix: str = ""  # "a.zip > b.docx > " for members
    budget: list[int] = field(default_factory=lambda: [0])  # bytes still allowed out of archives
    warnings: list[dict[str, str]] = field(default_factory=list)
    keywords: KeywordMatcher | None = None

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ScanError("timeout")

    def remaining(self) -> float:
        return max(1.0, self.deadline - time.monotonic())

    def take(self, nbytes: int) -> None:
        """Account bytes unpacked from archives against the per-file budget."""
        self.budget[0] -= nbytes
        if self.budget[0] < 0:
            raise ScanError("bomb", "tổng dung lượng giải nén vượt giới hạn")

    def child(self, name: str) -> Context:
        if self.depth + 1 > self.options.max_depth:
            raise ScanError("too_deep", name)
        return Context(
            options=self.options,
            deadline=self.deadline,
            name=name,
            depth=self.depth + 1,
            prefix=f"{self.prefix}{name} > ",
            budget=self.budget,
            warnings=self.warnings,
            keywords=self.keywords,
        )

    def member(self, name: str, data: bytes) -> Iterator[Chunk]:
        """Sniff and extract an embedded file (archive member, attachment)."""
        from ..sniff import sniff

        child = self.child(name)
        kind = sniff(data)
        try:
            if kind == "ooxml-encrypted":
                raise ScanError("encrypted", "Office")
            if kind is None or kind not in SUPPORTED:
                return
            for chunk in get_extractor(kind)(data, child):
                chunk.where = f"{name} > {chunk.where}" if chunk.where else name
                if chunk.locate is not None:
                    chunk.locate = _prefixed(name, chunk.locate)
                yield chunk
        except ScanError as exc:
            if exc.code in ("timeout", "bomb"):
                raise
            # A member that cannot be read makes the whole file incompletely checked.
            self.warnings.append(
                {"code": exc.code, "member": child.prefix.rstrip(" >"), "detail": exc.detail}
            )
        except Exception as exc:  # noqa: BLE001 - a hostile member must not stop the scan
            self.warnings.append(
                {"code": "corrupt", "member": child.prefix.rstrip(" >"), "detail": repr(exc)[:200]}
            )
