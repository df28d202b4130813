"""bmnn.scanner: find documents that carry state-secret markings (pure Python, no Django).

Public API (kept stable for the CLI, the benchmark and the web app)::

    from bmnn.scanner import ScanOptions, scan_file, scan_bytes, scan_paths, detect_text
"""

from __future__ import annotations

from .detect import detect_text
from .engine import scan_bytes, scan_file
from .model import FileResult, Finding, ScanError, ScanOptions
from .walk import scan_paths

__all__ = [
    "FileResult",
    "Finding",
    "ScanError",
    "ScanOptions",
    "detect_text",
    "scan_bytes",
    "scan_file",
    "scan_paths",
]
