"""Generators of sample files for the scanner tests: every format is built here, from code."""

# ruff: noqa: E501 - literal XML templates read better unwrapped

from __future__ import annotations

import io
import tarfile
import zipfile
from email.message import EmailMessage
from xml.sax.saxutils import escape

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def _zip(parts: dict[str, str | bytes], first: tuple[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if first:
            zf.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored, first (ODF "mimetype")
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


# --- Word -----------------------------------------------------------------------------------------------
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _w_runs(text: str, split: bool = False, caps: bool = False) -> str:
    rpr = "<w:rPr><w:caps/></w:rPr>" if caps else ""
    if split and len(text) > 2:
        half = len(text) // 2
        return "".join(
            f"<w:r>{rpr}<w:t xml:space='preserve'>{escape(t)}</w:t></w:r>" for t in (text[:half], text[half:])
        )
    return f"<w:r>{rpr}<w:t xml:space='preserve'>{escape(text)}</w:t></w:r>"


def w_para(text: str, **kw: bool) -> str:
    return f"<w:p>{_w_runs(text, **kw)}</w:p>"


def docx(
    body: list[str] | None = None,
    *,
    header: str | None = None,
    footer: str | None = None,
    table: list[str] | None = None,
    textbox: str | None = None,
    comment: str | None = None,
    split: bool = False,
    caps: bool = False,
) -> bytes:
    """A .docx written as raw XML, with text in the body, a header, a footer, a table, a text box…"""
    paras = "".join(w_para(t, split=split, caps=caps) for t in (body or []))
    if table:
        cells = "".join(f"<w:tc>{w_para(t, split=split)}</w:tc>" for t in table)
        paras += f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"
    if textbox:
        paras += (
            "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
            f"{w_para(textbox)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{paras}</w:body></w:document>',
    }
    if header is not None:
        parts["word/header1.xml"] = f"<w:hdr {W_NS}>{w_para(header, split=split)}</w:hdr>"
    if footer is not None:
        parts["word/footer1.xml"] = f"<w:ftr {W_NS}>{w_para(footer)}</w:ftr>"
    if comment is not None:
        parts["word/comments.xml"] = (
            f"<w:comments {W_NS}><w:comment w:id='0'>{w_para(comment)}</w:comment></w:comments>"
        )
    return _zip(parts)


# --- PowerPoint -----------------------------------------------------------------------------------------
def pptx(slides: list[list[str]], notes: str | None = None, master: str | None = None) -> bytes:
    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    parts: dict[str, str | bytes] = {"[Content_Types].xml": "<Types/>"}
    for i, texts in enumerate(slides, 1):
        shapes = "".join(
            f"<p:sp><p:txBody><a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p></p:txBody></p:sp>" for t in texts
        )
        parts[f"ppt/slides/slide{i}.xml"] = (
            f"<p:sld {ns}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>"
        )
    if notes:
        parts["ppt/notesSlides/notesSlide1.xml"] = (
            f"<p:notes {ns}><a:p><a:r><a:t>{escape(notes)}</a:t></a:r></a:p></p:notes>"
        )
    if master:
        parts["ppt/slideMasters/slideMaster1.xml"] = (
            f"<p:sldMaster {ns}><a:p><a:r><a:t>{escape(master)}</a:t></a:r></a:p></p:sldMaster>"
        )
    return _zip(parts)


# --- Excel ----------------------------------------------------------------------------------------------
def xlsx(
    cells: dict[str, str],
    *,
    sheet: str = "Sổ 1",
    header: str | None = None,
    comment: tuple[str, str] | None = None,
    write_only: bool = False,
) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment

    if write_only:  # inline strings, the way openpyxl's streaming writer stores text
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet(sheet)
        for _ref, value in sorted(cells.items()):
            ws.append([value])
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet
        for ref, value in cells.items():
            ws[ref] = value
        if header:
            ws.oddHeader.center.text = header
        if comment:
            ws[comment[0]].comment = Comment(comment[1], "Văn thư")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_raw_shared(strings: list[str], sheet: str = "Danh mục") -> bytes:
    """An .xlsx with a shared-strings table, as Excel writes it (string i in cell A{i+1})."""
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    rows = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(len(strings))
    )
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": f'<workbook {ns}><sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/sharedStrings.xml": f"<sst {ns}>{sst}</sst>",
            "xl/worksheets/sheet1.xml": f"<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>",
        }
    )


def xls(cells: list[str]) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    for i, v in enumerate(cells):
        ws.write(i, 0, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- OpenDocument ---------------------------------------------------------------------------------------
_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)


def odf(kind: str, body: list[str], *, header: str | None = None, section: str = "Trang1") -> bytes:
    mimetype = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}[kind]
    paras = "".join(f"<text:p>{escape(t)}</text:p>" for t in body)
    if kind == "ods":
        cells = "".join(f"<table:table-cell><text:p>{escape(t)}</text:p></table:table-cell>" for t in body)
        paras = f'<table:table table:name="{escape(section)}"><table:table-row>{cells}</table:table-row></table:table>'
    elif kind == "odp":
        paras = f'<draw:page draw:name="{escape(section)}"><draw:frame><draw:text-box>{paras}</draw:text-box></draw:frame></draw:page>'
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}><office:body>{paras}</office:body></office:document-content>'
    parts: dict[str, str | bytes] = {"content.xml": content}
    if header is not None:
        parts["styles.xml"] = (
            f"<office:document-styles {_ODF_NS}><office:master-styles><style:master-page><style:header>"
            f"<text:p>{escape(header)}</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"
        )
    return _zip(parts, first=("mimetype", f"application/vnd.oasis.opendocument.{mimetype}".encode()))


# --- PDF ------------------------------------------------------------------------------------------------
def pdf(
    pages: list[list[str]],
    *,
    stamp: str | None = None,
    stamp_page: int = 0,
    encrypt: str | None = None,
    stamp_on_date_line: bool = False,
) -> bytes:
    """A text PDF (DejaVu, Vietnamese). The stamp is red text in a double red box, as printed."""
    from reportlab.lib.colors import red
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for n, lines in enumerate(pages):
        y = 780.0
        for line in lines:
            c.setFont("DejaVu", 11)
            c.drawString(60, y, line)
            if stamp and n == stamp_page and stamp_on_date_line and line.startswith("Hà Nội"):
                _pdf_stamp(c, stamp, 400, y - 4, red)
            y -= 16
        if stamp and n == stamp_page and not stamp_on_date_line:
            _pdf_stamp(c, stamp, 70, 820, red)
        c.showPage()
    c.save()
    return buf.getvalue()


def _pdf_stamp(c: object, text: str, x: float, y: float, color: object) -> None:
    c.setStrokeColor(color)  # type: ignore[attr-defined]
    c.setFillColor(color)  # type: ignore[attr-defined]
    w = 12 + 9 * len(text)
    c.rect(x, y - 4, w, 20)  # type: ignore[attr-defined]
    c.rect(x + 2, y - 2, w - 4, 16)  # type: ignore[attr-defined]
    c.setFont("DejaVu", 12)  # type: ignore[attr-defined]
    c.drawString(x + 6, y + 1, text)  # type: ignore[attr-defined]
    c.setFillColorRGB(0, 0, 0)  # type: ignore[attr-defined]


def scan_image(
    stamp: str | None,
    *,
    lines: list[str] | None = None,
    dpi: int = 200,
    size_mm: tuple[int, int] = (210, 150),
    seal: bool = False,
    black_stamp: bool = False,
):
    """A page image like a scan: black body text, a red double-boxed stamp, optionally a round red seal."""
    from PIL import Image, ImageDraw, ImageFont

    px = lambda mm: int(mm * dpi / 25.4)  # noqa: E731
    img = Image.new("RGB", (px(size_mm[0]), px(size_mm[1])), "white")
    d = ImageDraw.Draw(img)
    body = ImageFont.truetype(FONT, px(3.5))
    y = px(50)
    for line in lines or [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/BC-UBND",
        "Báo cáo tình hình thực hiện nhiệm vụ.",
    ]:
        d.text((px(20), y), line, fill="black", font=body)
        y += px(7)
    if stamp:
        color = (20, 20, 20) if black_stamp else (215, 25, 30)
        f = ImageFont.truetype(FONT_BOLD, px(4.6))
        x0, y0 = px(20), px(25)
        tw = d.textlength(stamp, font=f)
        x1, y1 = x0 + int(tw) + px(6), y0 + px(9)
        d.rectangle((x0, y0, x1, y1), outline=color, width=max(2, px(0.4)))
        d.rectangle((x0 + px(1), y0 + px(1), x1 - px(1), y1 - px(1)), outline=color, width=max(1, px(0.3)))
        d.text((x0 + px(3), y0 + px(2)), stamp, fill=color, font=f)
    if seal:
        cx, cy, r = px(150), px(110), px(18)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(215, 25, 30), width=px(1))
    return img


def image_bytes(img: object, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt)  # type: ignore[attr-defined]
    return buf.getvalue()


def scanned_pdf(img: object) -> bytes:
    """A PDF with a page image and no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    w, h = img.size  # type: ignore[attr-defined]
    c = canvas.Canvas(buf, pagesize=(w * 72 / 200, h * 72 / 200))
    c.drawImage(ImageReader(img), 0, 0, w * 72 / 200, h * 72 / 200)
    c.showPage()
    c.save()
    return buf.getvalue()


# --- other text formats ---------------------------------------------------------------------------------
def rtf(lines: list[str], header: str | None = None) -> bytes:
    def enc(s: str) -> str:
        return "".join(
            c if ord(c) < 128 and c not in "\\{}" else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
            for c in s
        )

    head = f"{{\\header\\pard {enc(header)}\\par}}" if header else ""
    body = "".join(f"\\pard {enc(line)}\\par\n" for line in lines)
    return f"{{\\rtf1\\ansi\\ansicpg1258\\uc1{{\\fonttbl{{\\f0 Times New Roman;}}}}{{\\colortbl;\\red255\\green0\\blue0;}}{head}\n{body}}}".encode(
        "ascii"
    )


def to_cp1258(text: str) -> bytes:
    """Windows-1258: precomposed letters where the code page has them, tones as combining marks."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base, marks = decomposed[0], decomposed[1:]
            # keep the circumflex/breve/horn on the base when cp1258 has that letter; the tone follows
            for keep in [*marks, ""]:
                head = unicodedata.normalize("NFC", base + keep)
                rest = marks.replace(keep, "", 1) if keep else marks
                try:
                    out += head.encode("cp1258") + rest.encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
    return bytes(out)


def eml(subject: str, body: str, attachments: list[tuple[str, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    msg = EmailMessage()
    msg["From"] = "vanthu@example.gov.vn"
    msg["To"] = "lanhdao@example.gov.vn"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 02 Dec 2024 08:00:00 +0700"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def zip_of(members: dict[str, bytes]) -> bytes:
    return _zip(dict(members))


def zip_encrypted(members: dict[str, bytes]) -> bytes:
    """A zip whose members carry the 'encrypted' flag (traditional PKWARE), as password tools write."""
    data = bytearray(_zip(dict(members)))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers
        pos = data.find(signature)
        while pos != -1:
            data[pos + flag_offset] |= 0x01
            pos = data.find(signature, pos + 4)
    return bytes(data)


def zip_bomb(size_mb: int = 200) -> bytes:
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
        zf.open("zeros.txt", "w") as fh,
    ):
        block = b"\0" * (1 << 20)
        for _ in range(size_mb):
            fh.write(block)
    return buf.getvalue()


def tar_of(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def sevenzip_of(members: dict[str, bytes], password: str | None = None) -> bytes:
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password=password, header_encryption=bool(password)) as z:
        for name, data in members.items():
            z.writef(io.BytesIO(data), name)
    return buf.getvalue()


def encrypted_docx(plain: bytes, password: str = "matkhau") -> bytes:  # noqa: S107 - a test password
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()
