"""Vietnamese-aware text normalisation: NFC, legacy TCVN3 (ABC) / VNI font encodings, byte decoding."""

from __future__ import annotations

import codecs
import re
import unicodedata

# --- TCVN3 (ABC, the .VnTime fonts): one byte per Vietnamese letter, read back as Latin-1 characters.
_TCVN3_SRC = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_DST = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
assert len(_TCVN3_SRC) == len(_TCVN3_DST)
_TCVN3_TABLE = str.maketrans(_TCVN3_SRC, _TCVN3_DST)
# Characters that are rare in any other Latin-1 text: their presence suggests TCVN3.
_TCVN3_HINT = re.compile("[µ¸¶·¹¨»¾¼½©®ª«¬¡¢§£¤¥¦ÇÌÐÑ×Ýß]")

# --- VNI (the VNI-Times fonts): a base letter followed by a modifier byte, read back as Windows-1252.
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # acute, grave, hook, tilde, dot below
_VNI_PLAIN = "ùøûõï"  # tone bytes after a, e, o, u, y, ơ (ô), ư (ö)
_VNI_CIRC = "áàåãä"  # tone bytes after â, ê, ô (base + â)
_VNI_BREVE = "éèúüë"  # tone bytes after ă (a + ê)


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, base: str, marks: str) -> None:
        for s, b in ((seq, base), (seq.upper(), base.upper())):
            table[s] = unicodedata.normalize("NFC", b + marks)

    for v in "aeouy":
        for byte, tone in zip(_VNI_PLAIN, _TONES, strict=True):
            add(v + byte, v, tone)
    for v in "aeo":
        add(v + "â", v, "\u0302")
        for byte, tone in zip(_VNI_CIRC, _TONES, strict=True):
            add(v + byte, v, "\u0302" + tone)
    add("aê", "a", "\u0306")
    for byte, tone in zip(_VNI_BREVE, _TONES, strict=True):
        add("a" + byte, "a", "\u0306" + tone)
    for seq, base in (("ô", "o"), ("ö", "u")):  # ơ, ư carry the horn
        add(seq, base, "\u031b")
        for byte, tone in zip(_VNI_PLAIN, _TONES, strict=True):
            add(seq + byte, base, "\u031b" + tone)
    for seq, out in (("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ"), ("ñ", "đ")):
        table[seq] = out
        table[seq.upper()] = out.upper()
    return table


_VNI_TABLE = _build_vni()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_TABLE), key=len, reverse=True)))
_VNI_HINT = re.compile("[aeouyAEOUY][ùøûõïáàåãäéèúüëâêÙØÛÕÏÁÀÅÃÄÉÈÚÜËÂÊ]|[ôö][ùøûõï]")
# Real Vietnamese (Unicode) letters: when present, a line is not legacy-encoded.
_VIET_UNICODE = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
_NON_ASCII = re.compile("[\x80-\xff]")


def nfc(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _upper_if_caps(word: re.Match[str]) -> str:
    """.VnTimeH / VNI-TimesH fonts show lower-case codes as capitals: restore the capitals."""
    w = word.group(0)
    ascii_letters = [c for c in w if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
        return w.upper()
    return w


_WORD = re.compile(r"\S+")


def tcvn3_to_unicode(text: str) -> str:
    return _WORD.sub(_upper_if_caps, text.translate(_TCVN3_TABLE))


def vni_to_unicode(text: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_TABLE[m.group(0)], text)


# Latin-1 letters that Vietnamese Unicode text never uses but TCVN3/VNI text is full of.
_LEGACY_CHARS = re.compile("[µ¸¶·¹¨»¾¼½©®ª«¬¡¢§£¤¥¦×ÝßøûïäëüåØÛÏÄËÜÅöÖñÑæÆîÎ]")


def legacy_kind(text: str) -> str | None:
    """Return "tcvn3" or "vni" when ``text`` looks like a legacy Vietnamese font encoding."""
    if not _NON_ASCII.search(text) or not _LEGACY_CHARS.search(text):
        return None
    tcvn = len(_TCVN3_HINT.findall(text))
    vni = len(_VNI_HINT.findall(text))
    if max(tcvn, vni) < 2:
        return None
    return "tcvn3" if tcvn >= vni else "vni"


def fix_legacy(text: str) -> tuple[str, bool]:
    """Convert the lines of ``text`` that are TCVN3/VNI mojibake to Unicode; report whether any was."""
    kind = legacy_kind(text)
    if kind is None:
        return text, False
    convert = tcvn3_to_unicode if kind == "tcvn3" else vni_to_unicode
    out: list[str] = []
    for line in text.split("\n"):
        if _NON_ASCII.search(line) and not _VIET_UNICODE.search(line):
            line = convert(line)
        out.append(line)
    return "\n".join(out), True


def prepare(text: str) -> tuple[str, bool]:
    """NFC + legacy-font repair. Returns the text and whether a legacy conversion happened."""
    text = nfc(text)
    text, legacy = fix_legacy(text)
    return (nfc(text), True) if legacy else (text, False)


# --- byte decoding -------------------------------------------------------------------------------------

_CP1258_TONE_BYTES = frozenset(b"\xcc\xec\xd2\xde\xf2")  # combining tone marks in Windows-1258


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text of unknown encoding: BOM, UTF-16 without BOM, UTF-8, then Windows-1258 or 1252.

    TCVN3/VNI byte forms are decoded as Windows-1252 here and repaired by ``prepare``.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        if data.startswith(bom):
            return data[4:].decode(enc, "replace")
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", "replace")
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", "replace")
    head = data[:4096]
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return data.decode("utf-16-le" if odd > even else "utf-16-be", "replace")
    if declared:
        try:
            return data.decode(declared, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1258 writes tones as combining marks right after a vowel.
    tones = sum(
        1
        for i in range(1, min(len(data), 65536))
        if data[i] in _CP1258_TONE_BYTES and (chr(data[i - 1]).isalpha() or data[i - 1] >= 0xC0)
    )
    if tones >= 2:
        cp1258 = data.decode("cp1258", "replace")
        if legacy_kind(cp1258[:65536]) is None:
            return cp1258
    return data.decode("cp1252", "replace")
