"""Office Open XML (docx/docm/dotx, xlsx/xlsm, pptx): zipfile + one bytes regex per part.

All text parts count: body, headers, footers, foot/endnotes, comments, text boxes and shapes (inside
the part XML), SmartArt data, sheet headers/footers, cell comments, drawings, slide masters and notes.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator

from ..model import ScanError
from . import Chunk, Context
from .zipsafe import open_zip, read_member

# --- Word ---------------------------------------------------------------------------------------------
_W_TOKENS = re.compile(
    rb"<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>|</w:p>|<w:tab/>|<w:br\b[^>]*/>|<w:cr/>"
)
_W_TOKENS_CAPS = re.compile(
    rb"<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>|</w:p>|<w:tab/>|<w:br\b[^>]*/>|<w:cr/>"
    rb"|<w:caps(?: w:val=\"(?:true|1|on)\")?/>|</w:r>"
)
_W_PARTS = re.compile(
    r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments\w*|glossary/document)\.xml$"
    r"|^word/diagrams/data\d*\.xml$"
)
_SEPARATORS = {b"</w:p>": "\n", b"<w:tab/>": "\t", b"<w:cr/>": "\n"}


def word_xml_text(xml: bytes) -> str:
    out: list[str] = []
    if b"<w:caps" not in xml:
        for mt in _W_TOKENS.finditer(xml):
            text = mt.group(1)
            if text is not None:
                out.append(text.decode("utf-8", "replace"))
            else:
                out.append(_SEPARATORS.get(mt.group(0), "\n"))
    else:  # runs formatted as ALL CAPS show upper-case letters: restore them
        caps = False
        for mt in _W_TOKENS_CAPS.finditer(xml):
            text, tok = mt.group(1), mt.group(0)
            if text is not None:
                s = text.decode("utf-8", "replace")
                out.append(html.unescape(s).upper() if caps else s)
            elif tok.startswith(b"<w:caps"):
                caps = True
            elif tok == b"</w:r>":
                caps = False
            else:
                out.append(_SEPARATORS.get(tok, "\n"))
    return html.unescape("".join(out))


_A_TOKENS = re.compile(rb"<a:t>([^<]*)</a:t>|<a:t\s[^>]*>([^<]*)</a:t>|</a:p>|<a:br\b[^>]*/>")


def drawing_xml_text(xml: bytes) -> str:
    out: list[str] = []
    for mt in _A_TOKENS.finditer(xml):
        text = mt.group(1) if mt.group(1) is not None else mt.group(2)
        out.append(text.decode("utf-8", "replace") if text is not None else "\n")
    return html.unescape("".join(out))


def _part_label(name: str) -> str:
    return name.rsplit("/", 1)[-1].removesuffix(".xml")


def extract_docx(data: bytes, ctx: Context) -> Iterator[Chunk]:
    with open_zip(data) as zf:
        for info in zf.infolist():
            if _W_PARTS.match(info.filename):
                yield Chunk(_part_label(info.filename), word_xml_text(read_member(zf, info, ctx)))
        yield from _embedded(zf, ctx, "word/embeddings/")


def _embedded(zf: zipfile.ZipFile, ctx: Context, prefix: str) -> Iterator[Chunk]:
    """Embedded documents (an .xlsx inside a .docx, …) are scanned like archive members."""
    for info in zf.infolist():
        if info.filename.startswith(prefix) and not info.is_dir():
            yield from ctx.member(info.filename.rsplit("/", 1)[-1], read_member(zf, info, ctx))


# --- PowerPoint ---------------------------------------------------------------------------------------
_P_PART = re.compile(
    r"^ppt/(slides/slide|notesSlides/notesSlide|slideMasters/slideMaster|slideLayouts/slideLayout"
    r"|comments/\w*?comment\w*?|diagrams/data)(\d*)\.xml$"
)
_P_COMMENT = re.compile(rb"<p:text>([^<]*)</p:text>")
_P_LABEL = {"slides/slide": "slide", "notesSlides/notesSlide": "notes", "slideMasters/slideMaster": "master"}


def extract_pptx(data: bytes, ctx: Context) -> Iterator[Chunk]:
    with open_zip(data) as zf:
        parts = []
        for info in zf.infolist():
            mt = _P_PART.match(info.filename)
            if mt:
                num = int(mt.group(2)) if mt.group(2) else 0
                parts.append((mt.group(1), num, info))
        parts.sort(key=lambda p: (p[0] != "slides/slide", p[0], p[1]))
        for family, num, info in parts:
            xml = read_member(zf, info, ctx)
            if "comment" in family:
                text = html.unescape("\n".join(t.decode("utf-8", "replace") for t in _P_COMMENT.findall(xml)))
            else:
                text = drawing_xml_text(xml)
            label = _P_LABEL.get(family)
            yield Chunk(f"{label} {num}" if label else _part_label(info.filename), text)
        yield from _embedded(zf, ctx, "ppt/embeddings/")


# --- Excel --------------------------------------------------------------------------------------------
_XML_TAG = re.compile(rb"<[^>]*>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)
_T = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?Target="([^"]*)"')
_REL2 = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?\bId="([^"]*)"')
_INLINE = re.compile(rb"<c\b[^>]*>(?:(?!</c>).)*?</c>", re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_STR_V = re.compile(rb'<c\b[^>]*\bt="str"[^>]*>.*?<v>([^<]*)</v>', re.DOTALL)
_HF = re.compile(rb"<(odd|even|first)(Header|Footer)>([^<]*)</")
_HF_CODES = re.compile(r'&(?:"[^"]*"|\d+|[LCRPNDTFAZGHKSXYBIUE])')


def _sheet_names(zf: zipfile.ZipFile, ctx: Context) -> dict[str, str]:
    """xl/worksheets/sheetN.xml -> sheet name as shown in Excel."""
    try:
        wb = read_member(zf, zf.getinfo("xl/workbook.xml"), ctx)
        rels = read_member(zf, zf.getinfo("xl/_rels/workbook.xml.rels"), ctx)
    except KeyError:
        return {}
    targets = dict(_REL.findall(rels))
    targets.update({rid: tgt for tgt, rid in _REL2.findall(rels)})
    names: dict[str, str] = {}
    for name, rid in _SHEET.findall(wb):
        tgt = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        path = tgt if tgt.startswith("xl/") else f"xl/{tgt}"
        names[path] = html.unescape(name.decode("utf-8", "replace"))
    return names


def _shared_locator(zf: zipfile.ZipFile, ctx: Context, names: dict[str, str]) -> Callable[[int], str]:
    def locate(index: int) -> str:
        pattern = re.compile(
            rb'<c\b[^>]*?r="([A-Z]+\d+)"[^>]*?t="s"[^>]*>\s*<v>' + str(index).encode() + rb"</v>"
        )
        for path, sheet in names.items():
            try:
                mt = pattern.search(read_member(zf, zf.getinfo(path), ctx))
            except KeyError:
                continue
            if mt:
                return f"sheet {sheet}!{mt.group(1).decode()}"
        return "shared strings"

    return locate


def extract_xlsx(data: bytes, ctx: Context) -> Iterator[Chunk]:
    with open_zip(data) as zf:
        names = _sheet_names(zf, ctx)
        try:
            sst = read_member(zf, zf.getinfo("xl/sharedStrings.xml"), ctx)
        except KeyError:
            sst = b""
        if sst:
            # One line per shared string, so that a finding maps back to the cell that uses it.
            flat = sst.replace(b"\r", b" ").replace(b"\n", b" ")
            flat = flat.replace(b"</si>", b"\n").replace(b"<si/>", b"\n")
            flat = _XML_TAG.sub(b"", _PHONETIC.sub(b"", flat))
            text = html.unescape(flat.decode("utf-8", "replace"))
            yield Chunk("shared strings", text, locate=_shared_locator(zf, ctx, names))
        for info in zf.infolist():
            fn = info.filename
            if fn.startswith("xl/worksheets/") and fn.endswith(".xml"):
                yield from _sheet_chunks(read_member(zf, info, ctx), names.get(fn, _part_label(fn)))
            elif re.match(
                r"^xl/(comments\d*|comments/comment\d*|threadedComments/\w+|drawings/drawing\d*)\.xml$", fn
            ):
                xml = read_member(zf, info, ctx)
                text = (
                    drawing_xml_text(xml)
                    if "drawing" in fn
                    else "\n".join(t.decode("utf-8", "replace") for t in _T.findall(xml))
                )
                yield Chunk(_part_label(fn), html.unescape(text))
        yield from _embedded(zf, ctx, "xl/embeddings/")


def _sheet_chunks(xml: bytes, sheet: str) -> Iterator[Chunk]:
    lines: list[str] = []
    refs: list[str] = []
    if b"inlineStr" in xml:
        for cell in _INLINE.finditer(xml):
            c = cell.group(0)
            if b"inlineStr" in c[:200]:
                ref = _CELL_REF.search(c[:200])
                lines.append(" ".join(t.decode("utf-8", "replace") for t in _T.findall(c)))
                refs.append(ref.group(1).decode() if ref else "")
    if b't="str"' in xml:
        for v in _STR_V.findall(xml):
            lines.append(v.decode("utf-8", "replace"))
            refs.append("")
    for _, kind, body in _HF.findall(xml):
        lines.append(_HF_CODES.sub(" ", html.unescape(body.decode("utf-8", "replace"))))
        refs.append(kind.decode().lower())
    if lines:
        text = html.unescape("\n".join(line.replace("\n", " ") for line in lines))
        yield Chunk(
            f"sheet {sheet}",
            text,
            locate=lambda i: f"sheet {sheet}!{refs[i]}" if refs[i] else f"sheet {sheet}",
        )


def require_zip(data: bytes) -> None:
    if not data.startswith(b"PK"):
        raise ScanError("corrupt", "không phải tệp zip")
