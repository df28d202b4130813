"""OpenDocument (odt/ods/odp): content.xml (body, tables, frames, annotations) and styles.xml
(page headers and footers), with the markup stripped by regex."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from . import Chunk, Context
from .zipsafe import open_zip, read_member

_BREAK = re.compile(rb"</text:(?:p|h)>|<text:line-break/>|</table:table-cell>|<table:covered-table-cell/>")
_TAB = re.compile(rb"<text:tab/>")
_SPACES = re.compile(rb'<text:s(?: text:c="(\d+)")?/>')
_TAG = re.compile(rb"<[^>]*>")
_SECTION = re.compile(rb'<(?:table:table|draw:page)\b[^>]*?\b(?:table|draw):name="([^"]*)"')


def odf_xml_text(xml: bytes) -> str:
    xml = _BREAK.sub(b"\n", xml)
    xml = _TAB.sub(b"\t", xml)
    xml = _SPACES.sub(lambda m: b" " * min(int(m.group(1) or 1), 100), xml)
    return html.unescape(_TAG.sub(b"", xml).decode("utf-8", "replace"))


def extract_odf(data: bytes, ctx: Context) -> Iterator[Chunk]:
    with open_zip(data) as zf:
        names = set(zf.namelist())
        if "content.xml" in names:
            xml = read_member(zf, zf.getinfo("content.xml"), ctx)
            cuts = list(_SECTION.finditer(xml))
            if cuts:  # one chunk per sheet (ods) or slide (odp)
                head = xml[: cuts[0].start()]
                if head.strip():
                    yield Chunk("content", odf_xml_text(head))
                for i, cut in enumerate(cuts):
                    end = cuts[i + 1].start() if i + 1 < len(cuts) else len(xml)
                    label = html.unescape(cut.group(1).decode("utf-8", "replace"))
                    kind = "sheet" if cut.group(0).startswith(b"<table") else "slide"
                    yield Chunk(f"{kind} {label}", odf_xml_text(xml[cut.start() : end]))
            else:
                yield Chunk("content", odf_xml_text(xml))
        if "styles.xml" in names:
            yield Chunk(
                "styles (header/footer)", odf_xml_text(read_member(zf, zf.getinfo("styles.xml"), ctx))
            )
        for name in sorted(names):  # embedded objects: Object 1/content.xml
            if name.endswith("/content.xml"):
                yield Chunk(name, odf_xml_text(read_member(zf, zf.getinfo(name), ctx)))
