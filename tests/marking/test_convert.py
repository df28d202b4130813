"""to_pdf_if_possible: LibreOffice only when installed; otherwise None (the original is offered)."""

from __future__ import annotations

import io
import zipfile

import pytest

from bmnn.core.marking import mark_pdf, to_pdf_if_possible
from bmnn.core.marking.convert import soffice_path

MINIMAL_DOCX = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Nội dung văn bản mật</w:t></w:r></w:p></w:body></w:document>"
    ),
}


def _docx(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in MINIMAL_DOCX.items():
            zf.writestr(name, text)
    path.write_bytes(buf.getvalue())
    return path


def test_no_converter_on_path_gives_none(tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert soffice_path() is None
    for name in ("a.docx", "b.xlsx", "c.odt"):
        (tmp_path / name).write_bytes(b"PK\x03\x04")
        assert to_pdf_if_possible(tmp_path / name) is None


def test_unknown_format_gives_none_and_pdf_passes_through(tmp_path, pdf_bytes):
    (tmp_path / "x.exe").write_bytes(b"MZ")
    assert to_pdf_if_possible(tmp_path / "x.exe") is None
    (tmp_path / "x.pdf").write_bytes(pdf_bytes)
    assert to_pdf_if_possible(tmp_path / "x.pdf") == pdf_bytes


@pytest.mark.slow
@pytest.mark.skipif(
    soffice_path() is None,
    reason="LibreOffice (soffice) is not installed; it is optional (apt-get install libreoffice-writer)",
)
def test_docx_converts_and_can_be_marked(tmp_path):
    pdf = to_pdf_if_possible(_docx(tmp_path / "vb.docx"))
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert mark_pdf(pdf, level="MẬT", number_symbol="1/X", footer_text="f").startswith(b"%PDF")
