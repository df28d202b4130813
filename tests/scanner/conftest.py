from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bmnn.scanner import ScanOptions


@pytest.fixture
def opts() -> ScanOptions:
    return ScanOptions(workers=1, timeout_s=60)


@pytest.fixture(scope="session")
def office_legacy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """.doc and .ppt converted by LibreOffice from generated .docx/.pptx (skipped without soffice)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is needed to generate .doc/.ppt samples")
    d = tmp_path_factory.mktemp("legacy")
    import docx  # python-docx: a package LibreOffice opens (with a page header)

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "TỐI MẬT"
    document.add_paragraph("Nội dung báo cáo; đổi mật khẩu")
    document.save(str(d / "stamp.docx"))
    (d / "slides.fodp").write_text(FODP.format(text="TUYỆT MẬT"), encoding="utf-8")
    out: dict[str, bytes] = {}
    for src, fmt in (("stamp.docx", "doc"), ("slides.fodp", "ppt")):
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{d}/profile",
                "--convert-to",
                fmt,
                "--outdir",
                str(d),
                str(d / src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out[fmt] = (d / (Path(src).stem + "." + fmt)).read_bytes()
    return out


FODP = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation><draw:page draw:name="p1">
<draw:frame svg:x="2cm" svg:y="2cm" svg:width="10cm" svg:height="2cm"><draw:text-box><text:p>{text}</text:p>
<text:p>Kế hoạch</text:p></draw:text-box></draw:frame>
</draw:page></office:presentation></office:body></office:document>
"""
