"""Detection of classification stamps and BMNN marks in extracted text.

The rule (see docs/scanner.md): a level counts only as an UPPER-CASE token that is used, not
mentioned: its neighbour words on the same line (not across a layout gap) are not all-caps, it is not
in quotes, it is not preceded by a word such as "dấu", and the line does not name two different
levels (an explanation of the three levels). Marks are found by the same rule. Text is NFC-normalised,
TCVN3/VNI mojibake is repaired, and letter-spaced stamps ("T Ố I  M Ậ T") are joined first.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from . import model as m
from .normalise import prepare

_SP = r"[ \u00a0]+"
_MARK_RE = re.compile(
    rf"(?<![^\W_])(?:"
    rf"(?P<tuyet>TUYỆT{_SP}MẬT)|(?P<toi>TỐI{_SP}MẬT)|(?P<giai>GIẢI{_SP}MẬT)|(?P<mat>MẬT)"
    rf"|(?P<recall>TÀI{_SP}LIỆU{_SP}THU{_SP}HỒI)"
    rf"|(?P<extract>TRÍCH{_SP}SAO)"
    rf"|(?P<copy>BẢN{_SP}SAO(?:{_SP}SỐ)?|SAO{_SP}Y(?:{_SP}BẢN{_SP}CHÍNH)?|SAO{_SP}LỤC|BẢN{_SP}CHỤP(?:{_SP}SỐ)?)"
    rf"|(?P<named>CHỈ{_SP}NGƯỜI{_SP}CÓ{_SP}TÊN{_SP}MỚI{_SP}ĐƯỢC{_SP}BÓC{_SP}BÌ)"
    rf")(?![^\W_])"
)
_GROUP_KIND = {
    "tuyet": (m.KIND_LEVEL, m.TUYET_MAT, "TUYỆT MẬT"),
    "toi": (m.KIND_LEVEL, m.TOI_MAT, "TỐI MẬT"),
    "mat": (m.KIND_LEVEL, m.MAT, "MẬT"),
    "giai": (m.KIND_DECLASSIFIED, None, "GIẢI MẬT"),
    "recall": (m.KIND_RECALL, None, "TÀI LIỆU THU HỒI"),
    "extract": (m.KIND_EXTRACT, None, "TRÍCH SAO"),
    "copy": (m.KIND_COPY, None, ""),
    "named": (m.KIND_NAMED, None, "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"),
}
# Case-insensitive level phrases, to recognise a line that explains the levels.
_ANY_LEVEL = re.compile(r"(?<![^\W_])(?:(tuyệt|tối|giải|bí|bảo|độ)\s+)?(mật)(?![^\W_])", re.IGNORECASE)
# Anchors: a cheap str.find pre-filter; only lines holding one of these are examined.
_ANCHORS = ("Ậ", "SAO", "THU HỒI", "BÓC BÌ", "bóc bì", "SAO", "CHỤP")
_NAMED_ANY = re.compile(r"chỉ\s+người\s+có\s+tên\s+mới\s+được\s+bóc\s+bì", re.IGNORECASE)
_LETTER_SPACED = re.compile(r"(?<!\S)[^\W\d_](?:[ \u00a0][^\W\d_]){2,}(?!\S)")
_GLUED = re.compile(r"(TUYỆT|TỐI|GIẢI)(MẬT)")
_GAP = re.compile(r"\t|[ \u00a0]{2,}")
_QUOTES = "\"'“”‘’«»„"
_MENTION_WORDS = frozenset({"dấu", "chữ", "cụm", "hiệu", "từ"})
_STRIP = "\"'“”‘’«»„()[]{}:;,.!?*-–—_|/\\<>"
# OCR output: accept common diacritic confusions (Ệ→Ế, Ậ→Ặ…) inside a red stamp crop.
_OCR_LEVEL = re.compile(
    r"(?P<tuyet>TUY[EÊẾỆỀỂỄÉÈẸ]T\s*M[AÂẬẤẦẨẪĂẶẠÁÀ]T)|(?P<toi>T[OÔỐỘỒỔỖƠỢÓÒỌ0]I\s*M[AÂẬẤẦẨẪĂẶẠÁÀ]T)"
    r"|(?P<giai>GI[AẢÁÀẠ]I\s*M[AÂẬẤẦẨẪĂẶẠÁÀ]T)|(?P<mat>(?<![A-ZÀ-Ỹ])M[AÂẬẤẦẨẪĂẶẠÁÀ]T(?![A-ZÀ-Ỹ]))"
)
# Readings of a stamp crop that are real words, not a damaged stamp ("TÔI MẤT" = "I lose"): a first word
# and a second word that are both well-formed and both differ from the stamp's words.
_OCR_REAL_FIRST = frozenset({"TÔI", "TỚI", "TỎI", "TƠI", "TỒI", "TUYẾT"})
_OCR_REAL_SECOND = frozenset({"MẤT", "MẶT", "MÁT", "MẠT", "MẮT"})
# Skeletons (letters only, no diacritics, doubled letters collapsed) of the marks a stamp crop can hold.
_OCR_SKELETONS = {"TUYETMAT": "tuyet", "TOIMAT": "toi", "GIAIMAT": "giai", "MAT": "mat"}
# Characters tesseract puts for the stamp's letters in a red crop (w for M, digits for O and I).
_OCR_CONFUSABLE = str.maketrans({"W": "M", "0": "O", "1": "I"})
_OCR_FUZZY_PENALTY = 0.25
MAX_SNIPPET = 80


@dataclass
class Hit:
    """A finding with its offset in the analysed text (used to locate it, e.g. the row of a sheet)."""

    offset: int
    finding: m.Finding


def _is_caps_word(word: str) -> bool:
    w = word.strip(_STRIP)
    return any(c.isalpha() for c in w) and w.isupper()


def _snippet(line: str, start: int, end: int) -> str:
    if len(line) <= MAX_SNIPPET:
        s = line
    else:
        room = max(0, MAX_SNIPPET - (end - start))
        lo = max(0, start - room // 2)
        hi = min(len(line), lo + MAX_SNIPPET)
        lo = max(0, hi - MAX_SNIPPET)
        s = line[lo:hi]
    return " ".join(s.split())[:MAX_SNIPPET]


def _neighbour(line: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before/after [start, end) on the line, or None across a layout gap."""
    before, after = line[:start], line[end:]
    prev = nxt = None
    b = before.rstrip(" \u00a0")
    if b and not _GAP.search(before[len(b) :]) and not b.endswith("\t"):
        prev = b.split()[-1] if b.split() else None
    a = after.lstrip(" \u00a0")
    if a and not _GAP.search(after[: len(after) - len(a)]) and not after.startswith("\t"):
        nxt = a.split()[0] if a.split() else None
    return prev, nxt


def _quoted(line: str, start: int, end: int) -> bool:
    b = line[:start].rstrip()
    a = line[end:].lstrip()
    return bool(b) and b[-1] in _QUOTES and bool(a) and a[0] in _QUOTES


def _standalone(line: str, start: int, end: int) -> bool:
    """The mark fills its segment (a line, or a part of it between layout gaps)."""
    seg_start = max((g.end() for g in _GAP.finditer(line, 0, start)), default=0)
    g = _GAP.search(line, end)
    seg_end = g.start() if g else len(line)
    return not (
        line[seg_start:start].strip(_STRIP + " \u00a0") or line[end:seg_end].strip(_STRIP + " \u00a0")
    )


def _levels_named(line: str) -> set[str]:
    """Levels named on a line in any case ("Tối mật", "TỐI MẬT"); a lone lower-case "mật" is not one."""
    names: set[str] = set()
    for x in _ANY_LEVEL.finditer(line):
        first = (x.group(1) or "").lower()
        if first in ("tuyệt", "tối"):
            names.add(first)
        elif not first and x.group(2) != "mật":
            names.add("mật")
    return names


def _analyse_line(line: str, where: str, source: str, snippets: bool) -> list[tuple[int, m.Finding]]:
    if "M Ậ T" in line or "M\u00a0Ậ\u00a0T" in line or _LETTER_SPACED.search(line):
        line = _LETTER_SPACED.sub(lambda mm: mm.group(0).replace(" ", "").replace("\u00a0", ""), line)
        line = _GLUED.sub(r"\1 \2", line)
    explanation = len(_levels_named(line)) >= 2
    out: list[tuple[int, m.Finding]] = []
    for match in _MARK_RE.finditer(line):
        group = match.lastgroup or ""
        kind, level, text = _GROUP_KIND[group]
        if kind == m.KIND_LEVEL and explanation:
            continue
        start, end = match.span()
        if _quoted(line, start, end):
            continue
        prev, nxt = _neighbour(line, start, end)
        if (prev and _is_caps_word(prev)) or (nxt and _is_caps_word(nxt)):
            continue
        if prev and prev.strip(_STRIP).lower() in _MENTION_WORDS:
            continue
        alone = _standalone(line, start, end)
        confidence = 0.95 if alone else 0.8
        if source == "legacy":
            confidence -= 0.1
        mark_text = text or " ".join(match.group(0).split())
        snip = _snippet(line, start, end) if snippets else None
        out.append((start, m.Finding(kind, mark_text, level, where, snip, round(confidence, 2), source)))
    if "bóc bì" in line.lower() and not any(f.kind == m.KIND_NAMED for _, f in out):
        nm = _NAMED_ANY.search(line)
        if nm and _standalone(line, *nm.span()) and not _quoted(line, *nm.span()):
            snip = _snippet(line, *nm.span()) if snippets else None
            out.append(
                (nm.start(), m.Finding(m.KIND_NAMED, _GROUP_KIND["named"][2], None, where, snip, 0.9, source))
            )
    return out


def _candidate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds an anchor, in order, without duplicates."""
    spans: set[tuple[int, int]] = set()
    for anchor in _ANCHORS:
        pos = text.find(anchor)
        while pos != -1:
            ls = text.rfind("\n", 0, pos) + 1
            le = text.find("\n", pos)
            le = len(text) if le == -1 else le
            spans.add((ls, le))
            pos = text.find(anchor, le)
    return sorted(spans)


def detect_hits(text: str, where: str = "", *, snippets: bool = True, source: str = "text") -> list[Hit]:
    text, legacy = prepare(text)
    if legacy and source == "text":
        source = "legacy"
    if source in ("ocr", "ocr-page"):
        return _detect_ocr(text, where, snippets, source)
    hits: list[Hit] = []
    for ls, le in _candidate_lines(text):
        line = text[ls:le].rstrip("\r")
        for off, finding in _analyse_line(line, where, source, snippets):
            hits.append(Hit(ls + off, finding))
    return hits


def _real_words(reading: str) -> bool:
    """``reading`` is two well-formed words that are not the stamp's ("TÔI MẤT"), not a damaged stamp."""
    words = "".join(c if c.isalpha() else " " for c in reading.upper()).split()
    return len(words) == 2 and words[0] in _OCR_REAL_FIRST and words[1] in _OCR_REAL_SECOND


def _ocr_canon(mm: re.Match[str]) -> str:
    if _real_words(mm.group(0)):
        return mm.group(0)
    return _GROUP_KIND[mm.lastgroup or "mat"][2]


def ocr_stamp_variant(line: str) -> str | None:
    """The mark a red stamp crop's OCR line stands for when tesseract damaged it, or None.

    Only for the text of a stamp crop (the whole line is the stamp), never for a text layer: the line's
    letters, without diacritics, with the OCR confusions w→M, 0→O, 1→I and doubled letters collapsed,
    must spell exactly one mark ("TOI wM ẠT", "TOI w ẠT" → TỐI MẬT; "TUYẾỆT MẠT" → TUYỆT MẬT). A reading
    with any other word ("MẬT KHẨU", "MẬT ĐỘ") or made of two real words ("TÔI MẤT") is not a stamp.
    """
    if _real_words(line) or _real_words(re.sub("[a-z]", "", line)):  # also without stray OCR letters
        return None
    base = unicodedata.normalize("NFD", line.upper().translate(_OCR_CONFUSABLE).replace("Đ", "D"))
    letters = [c for c in base if "A" <= c <= "Z"]
    if len(letters) > 12 or any(c.isalpha() and not ("A" <= c <= "Z") for c in base):
        return None  # prose, or letters of another script
    skeleton = "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
    group = _OCR_SKELETONS.get(skeleton)
    return _GROUP_KIND[group][2] if group else None


def _detect_ocr(text: str, where: str, snippets: bool, source: str) -> list[Hit]:
    """OCR output: level words read with diacritic confusions (Ệ→Ế, Ậ→Ặ…) are mapped to the canonical
    form, then the usual rule applies. A red stamp crop ("ocr") is upper-cased first: it is the stamp;
    a crop line that only spells a mark with OCR noise is mapped by ``ocr_stamp_variant``."""
    hits: list[Hit] = []
    pos = 0
    for raw in text.split("\n"):
        line = " ".join((raw.upper() if source == "ocr" else raw).split())
        canon = _OCR_LEVEL.sub(_ocr_canon, line)
        penalty = 0.15
        found = _analyse_line(canon, where, source, snippets)
        if not found and source == "ocr" and line:
            variant = ocr_stamp_variant(" ".join(raw.split()))
            if variant:
                canon, penalty = variant, _OCR_FUZZY_PENALTY
                found = [
                    (0, dataclasses.replace(f, snippet=_snippet(line, 0, len(line)) if snippets else None))
                    for _, f in _analyse_line(canon, where, source, snippets)
                ]
        for off, f in found:
            if canon != line:
                f = dataclasses.replace(f, confidence=round(f.confidence - penalty, 2))
            hits.append(Hit(pos + off, f))
        pos += len(raw) + 1
    return hits


def detect_text(
    text: str, where: str = "", *, snippets: bool = True, source: str = "text"
) -> list[m.Finding]:
    """Find classification stamps and BMNN marks in ``text``; ``where`` labels the findings."""
    return [h.finding for h in detect_hits(text, where, snippets=snippets, source=source)]


class KeywordMatcher:
    """Whole-word, case-insensitive matching of a keyword list (Aho-Corasick over lower-cased NFC)."""

    def __init__(self, keywords: Iterable[str]) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        count = 0
        for kw in keywords:
            key, _ = prepare(kw.strip())
            key = " ".join(key.lower().split())
            if key and not key.startswith("#"):
                self.automaton.add_word(key, (len(key), kw.strip()))
                count += 1
        self.empty = count == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, where: str = "", *, snippets: bool = True) -> list[m.Finding]:
        if self.empty:
            return []
        text, _ = prepare(text)
        low = text.lower()
        seen: set[str] = set()
        out: list[m.Finding] = []
        for end, (length, original) in self.automaton.iter(low):
            start = end - length + 1
            if original in seen:
                continue
            if (start > 0 and low[start - 1].isalnum()) or (end + 1 < len(low) and low[end + 1].isalnum()):
                continue
            seen.add(original)
            snip = None
            if snippets:
                ls = text.rfind("\n", 0, start) + 1
                le = text.find("\n", end)
                le = len(text) if le == -1 else le
                snip = _snippet(text[ls:le], start - ls, end + 1 - ls)
            out.append(m.Finding(m.KIND_KEYWORD, original, None, where, snip, 1.0, "text"))
        return out
