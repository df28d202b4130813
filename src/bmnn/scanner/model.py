"""Data types of the scanner: options, findings, per-file results and error codes."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

# Level codes, the same spelling as ``bmnn.rules.levels.Level`` (the scanner does not import rules).
MAT = "MAT"
TOI_MAT = "TOI_MAT"
TUYET_MAT = "TUYET_MAT"
LEVEL_RANK = {MAT: 1, TOI_MAT: 2, TUYET_MAT: 3}
LEVEL_LABEL = {MAT: "MẬT", TOI_MAT: "TỐI MẬT", TUYET_MAT: "TUYỆT MẬT"}

# Finding kinds. "level" findings carry a level; the marks do not set the file's level on their own.
KIND_LEVEL = "level"
KIND_COPY = "copy"  # BẢN SAO SỐ, SAO Y BẢN CHÍNH, SAO LỤC (Decree 26/2020 Art. 3; Circular 24 Form 09/11)
KIND_EXTRACT = "extract"  # TRÍCH SAO
KIND_RECALL = "recall"  # TÀI LIỆU THU HỒI (Circular 24 Form 07)
KIND_NAMED = "named_recipient"  # CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ (Form 07)
KIND_DECLASSIFIED = "declassified"  # GIẢI MẬT (Form 05)
KIND_KEYWORD = "keyword"  # an item of a user-supplied keyword list: a separate, weaker kind of finding

# Error codes (English) with the Vietnamese message shown to users.
ERROR_MESSAGES: dict[str, str] = {
    "encrypted": "Tệp được mã hoá bằng mật khẩu, không đọc được",
    "corrupt": "Tệp bị hỏng hoặc không đúng định dạng, không đọc được",
    "truncated": "Tệp bị cắt cụt (thiếu phần cuối), không đọc được",
    "too_large": "Tệp vượt quá kích thước tối đa được quét",
    "bomb": (
        "Tệp nén có dấu hiệu 'bom nén' (tỉ lệ nén hoặc dung lượng giải nén vượt giới hạn), đã dừng giải nén"
    ),
    "too_deep": "Tệp nén lồng nhau quá nhiều tầng, đã dừng giải nén",
    "timeout": "Quá thời gian xử lý cho phép đối với một tệp",
    "unreadable": "Không đọc được tệp (không có quyền hoặc lỗi vào/ra)",
    "ocr_unavailable": "OCR không khả dụng: chưa cài tesseract-ocr và tesseract-ocr-vie",
    "tool_missing": "Thiếu công cụ hệ thống để đọc định dạng này",
    "ocr_disabled": "Có trang scan/ảnh chưa được kiểm tra vì đã tắt OCR (--no-ocr)",
    "internal": "Lỗi nội bộ của trình quét khi xử lý tệp",
}


def error_dict(code: str, detail: str = "") -> dict[str, str]:
    message = ERROR_MESSAGES.get(code, ERROR_MESSAGES["internal"])
    if detail:
        message = f"{message} ({detail[:200]})"
    return {"code": code, "message": message}


class ScanError(Exception):
    """An expected failure to read (part of) a file; becomes ``FileResult.error``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class ScanOptions:
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_depth: int = 5  # nesting of archives / attachments
    max_archive_ratio: float = 100.0  # uncompressed : compressed, per member
    max_archive_total: int = 1 << 30  # bytes unpacked from one top-level file
    max_archive_members: int = 10_000
    max_file_size: int = 256 << 20  # bytes; larger files get "too_large"
    timeout_s: float = 120.0  # per top-level file
    snippets: bool = True
    hash: bool = False  # SHA-256 of flagged files in the output
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # glob patterns matched against the path and each path component
    cache_path: str | None = None  # incremental mode when set
    ocr: bool = True
    ocr_max_pages: int = 20  # pages (per document) examined for red stamps
    ocr_full_first_page: bool = True  # OCR the top of page 1 of a scan when no red stamp is found
    follow_symlinks: bool = True  # symlinked files/dirs are followed, loops are not
    # Address-space limit (RLIMIT_AS) of each worker process and the tools it starts (0 = none): a
    # hostile file that makes a parser allocate without bound becomes an error entry, not a dead machine.
    memory_limit_mb: int = 2048


@dataclass(frozen=True)
class Finding:
    kind: str  # see KIND_*
    text: str  # the canonical mark, e.g. "TỐI MẬT", or the keyword as listed
    level: str | None = None  # MAT / TOI_MAT / TUYET_MAT for level findings
    where: str = ""  # "page 2", "sheet Sổ 1", "word/header1.xml", "a.zip > b.docx > page 1"
    snippet: str | None = None
    confidence: float = 1.0
    source: str = "text"  # "text" | "ocr" | "legacy" (converted from TCVN3/VNI)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FileResult:
    path: str
    level: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: dict[str, str] | None = None
    size: int = 0
    mtime: float = 0.0
    sha256: str | None = None
    type: str | None = None  # detected content type, e.g. "docx", "pdf", "zip"
    skipped: str | None = None  # reason a file was not examined (unsupported type, excluded…)
    warnings: list[dict[str, str]] = field(default_factory=list)  # errors inside members of containers
    elapsed_s: float = 0.0
    cached: bool = False
    digest: str | None = None  # SHA-256 of the content, kept for the cache (not in the output)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "level": self.level,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error,
            "size": self.size,
            "sha256": self.sha256,
            "type": self.type,
            "skipped": self.skipped,
            "warnings": self.warnings,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            path=data["path"],
            level=data.get("level"),
            findings=[Finding(**f) for f in data.get("findings", [])],
            error=data.get("error"),
            size=data.get("size", 0),
            sha256=data.get("sha256"),
            type=data.get("type"),
            skipped=data.get("skipped"),
            warnings=list(data.get("warnings", [])),
        )

    @property
    def flagged(self) -> bool:
        return self.level is not None


def highest_level(findings: list[Finding]) -> str | None:
    best: str | None = None
    for f in findings:
        if f.level and (best is None or LEVEL_RANK[f.level] > LEVEL_RANK[best]):
            best = f.level
    return best
