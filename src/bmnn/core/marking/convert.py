"""Office documents to PDF with LibreOffice, only if it is installed (it is not installed by default).

``to_pdf_if_possible`` returns None when ``soffice`` is not on PATH or the format is not convertible;
the caller then offers the original file for download and records the mark in the register instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from bmnn.core.marking.errors import MarkingError

CONVERTIBLE = frozenset({".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".odp", ".pptx", ".rtf"})
DEFAULT_TIMEOUT = 120


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf_if_possible(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> bytes | None:
    """PDF bytes of ``path`` (a PDF is returned as is), or None if no converter is available.

    Runs ``soffice --headless --convert-to pdf`` on a copy in a private temporary directory with its own
    LibreOffice profile (so concurrent conversions do not collide) and a timeout. Raises
    :class:`MarkingError` if LibreOffice is present but the conversion fails.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return source.read_bytes()
    if suffix not in CONVERTIBLE:
        return None
    exe = soffice_path()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="bmnn-convert-") as tmp:
        work = Path(tmp)
        copy = work / f"input{suffix}"
        shutil.copyfile(source, copy)
        profile = (work / "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(copy),
        ]
        env = {**os.environ, "HOME": tmp}
        # Own session, so that on timeout the whole group (soffice wrapper + soffice.bin) is killed.
        proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            cmd,
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise MarkingError(
                f"Chuyển {source.name} sang PDF quá {int(timeout)} giây nên đã dừng; hãy tải bản gốc."
            ) from exc
        result = work / "out" / "input.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise MarkingError(f"LibreOffice không chuyển được {source.name} sang PDF; hãy tải bản gốc.")
        return result.read_bytes()
