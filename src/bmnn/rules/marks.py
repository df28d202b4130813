"""Marks, stamps, envelopes, registers and forms: R-TX-2/3/4, R-COPY-6, R-DECL-5, R-FORM-*, R-MARK-1."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bmnn.rules.dates import fmt, vn_date
from bmnn.rules.decision import Decision
from bmnn.rules.levels import Level
from bmnn.rules.regimes import regime_for


@dataclass(frozen=True)
class Stamp:
    """A stamp or mark to render: text, form number, size (0 = not specified), border, font, colour."""

    key: str
    text: str
    form: str
    width_mm: int
    height_mm: int
    border: str
    font: str
    colour: str
    verified: bool
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Envelope:
    """One envelope: ``marks`` are the texts/stamps to put on it, in order."""

    role: str  # "inner" | "outer" | "single"
    marks: tuple[str, ...]
    sealed: bool


@dataclass(frozen=True)
class EnvelopePlan:
    """R-TX-3: how to pack an outgoing item of ``level``."""

    level: Level
    envelopes: tuple[Envelope, ...]
    letter: str
    verified: bool


def stamp(key: str, on: dt.date, *, lines: tuple[str, ...] = ()) -> Stamp:
    """The stamp ``key`` of the regime data.

    Keys: ``TUYET_MAT``, ``TOI_MAT``, ``MAT``, ``GIAI_MAT``, ``PERIOD``, ``EXTENSION``, ``ADJUSTMENT``,
    ``RECALL``, ``NAMED``, ``COPY``, ``COPY_NUMBER``, ``EXTRACT``, ``LETTER``.
    """
    row = regime_for(vn_date(on)).provision("stamps")[key]
    return Stamp(
        key,
        row["text"],
        row["form"],
        int(row["width_mm"]),
        int(row["height_mm"]),
        row["border"],
        row["font"],
        row["colour"],
        bool(row["verified"]),
        lines or (row["text"],),
    )


def level_stamp(level: Level, on: dt.date) -> Stamp:
    """R-FORM-2/3: the level stamp (red; TUYỆT MẬT 40×8, TỐI MẬT 30×8, MẬT 20×8 [unverified])."""
    return stamp(level.value, on)


def declassified_stamp(signed_on: dt.date, on: dt.date | None = None) -> Stamp:
    """R-DECL-5: GIẢI MẬT with "Từ: dd/mm/yyyy" = the date the declassification decision was signed
    (or the date a declassification notice was received)."""
    base = stamp("GIAI_MAT", on or signed_on)
    return stamp("GIAI_MAT", on or signed_on, lines=(base.text, f"Từ: {fmt(signed_on)}"))


def period_stamp(expiry: dt.date, on: dt.date) -> Stamp:
    """Form 04: the protection-period stamp, ending on ``expiry``."""
    return stamp("PERIOD", on, lines=("THỜI HẠN BẢO VỆ BMNN", f"Đến ngày: {fmt(expiry)}"))


def extension_stamp(new_expiry: dt.date, on: dt.date) -> Stamp:
    """Form 04: the extension stamp with the new expiry (R-EXT-3)."""
    return stamp("EXTENSION", on, lines=("GIA HẠN THỜI HẠN BẢO VỆ BMNN", f"Đến ngày: {fmt(new_expiry)}"))


def adjustment_stamp(old: Level, new: Level, on: dt.date) -> Stamp:
    """Form 06: the level-adjustment stamp (R-ADJ-1)."""
    return stamp("ADJUSTMENT", on, lines=("ĐIỀU CHỈNH ĐỘ MẬT", f"{old.stamp_text} thành {new.stamp_text}"))


def copy_number_mark(copy_number: int, on: dt.date) -> Stamp:
    """Form 11 / CV 4114: "BẢN SAO SỐ n" on each copy (R-COPY-6)."""
    if copy_number < 1:
        raise ValueError("copy numbers start at 1")
    return stamp("COPY_NUMBER", on, lines=(f"BẢN SAO SỐ {copy_number:02d}",))


def envelope_plan(
    level: Level,
    on: dt.date,
    *,
    number_symbol: str = "",
    recipient: str = "",
    named_recipient: bool = False,
) -> EnvelopePlan:
    """R-TX-3/R-TX-4: Tuyệt mật: inner envelope (number/symbol, recipient, TUYỆT MẬT, seal; named
    recipient stamp if addressed to a person) and outer envelope (ordinary address + "A", no level words).
    Tối mật / Mật: one envelope with "B" / "C"."""
    reg = regime_for(vn_date(on))
    table = reg.provision("envelopes")
    letter = table["letters"][level.value]
    address = tuple(x for x in (number_symbol, recipient) if x)
    named = (table["named_recipient_text"],) if named_recipient else ()
    if level.value in table["two_envelopes"]:
        inner = Envelope("inner", (*address, level.stamp_text, "NIÊM PHONG (dấu cơ quan)", *named), True)
        outer = Envelope("outer", (*address, letter), False)
        envelopes: tuple[Envelope, ...] = (inner, outer)
    else:
        envelopes = (Envelope("single", (*address, letter, *named), True),)
    return EnvelopePlan(level, envelopes, letter, bool(table["verified"]))


def check_outer_envelope(marks: tuple[str, ...] | list[str], on: dt.date) -> Decision:
    """R-TX-4: the outer envelope never shows the level words, only A, B or C."""
    on = vn_date(on)
    reg = regime_for(on)
    words = [lv.stamp_text for lv in Level]
    bad = [m for m in marks if any(w in m.upper() for w in words)]
    reason = reg.reason(
        "R-TX-4",
        "bì ngoài ghi độ mật: " + ", ".join(bad) if bad else "bì ngoài chỉ có ký hiệu A, B, C",
        "outer envelope shows the level: " + ", ".join(bad) if bad else "outer envelope shows only A, B or C",
    )
    return reg.decide(on, [(not bad, reason)])


def outgoing_summary_allowed(level: Level, on: dt.date, *, classifier_consent: bool = False) -> Decision:
    """R-TX-2: may the outgoing register show the summary (trích yếu)?

    Regime 2018: for Tuyệt mật only with the classifying authority's consent.  Regime 2025: never for
    Tuyệt mật.  Other levels: always.
    """
    on = vn_date(on)
    reg = regime_for(on)
    policy = reg.provision("outgoing_register")["tuyet_mat_summary"]
    if level != Level.TUYET_MAT or policy == "always":
        ok = True
        msg = ("được ghi trích yếu", "the summary may be recorded")
    elif policy == "consent":
        ok = classifier_consent
        msg = (
            ("người có thẩm quyền xác định độ mật đồng ý ghi trích yếu", "the classifier consented")
            if ok
            else (
                "tài liệu Tuyệt mật chỉ ghi trích yếu khi người xác định độ mật đồng ý",
                "Top Secret summary only with the classifier's consent",
            )
        )
    else:
        ok = False
        msg = (
            "không được ghi trích yếu tài liệu Tuyệt mật",
            "no summary may be recorded for Top Secret items",
        )
    return reg.decide(on, [(ok, reg.reason("R-TX-2", *msg, provision="outgoing_register"))])


def check_stamp_colour(level: Level, colour: str, on: dt.date) -> Decision:
    """R-FORM-2: level stamps are red."""
    on = vn_date(on)
    reg = regime_for(on)
    expected = level_stamp(level, on).colour
    ok = colour.strip().lower() in (expected, "đỏ", "do")
    reason = reg.reason("R-FORM-2", "dấu chỉ độ mật phải dùng mực màu đỏ", "level stamps must be red")
    return reg.decide(on, [(ok, reason)])


def check_stamp_size(level: Level, width_mm: float, height_mm: float, on: dt.date) -> Decision:
    """R-FORM-3: the rendered stamp has the statutory size (±0.5 mm)."""
    on = vn_date(on)
    reg = regime_for(on)
    st = level_stamp(level, on)
    ok = abs(width_mm - st.width_mm) <= 0.5 and abs(height_mm - st.height_mm) <= 0.5
    reason = reg.reason(
        "R-FORM-3",
        f"dấu {st.text} kích thước {st.width_mm}×{st.height_mm} mm",
        f"{st.text} stamp is {st.width_mm}×{st.height_mm} mm",
        verified=st.verified,
    )
    return reg.decide(on, [(ok, reason)])


def mark_layout(on: dt.date) -> dict[str, str]:
    """R-MARK-1: boxes for the level mark (10a), urgency (10b) and circulation (11) [UNVERIFIED]."""
    table = regime_for(vn_date(on)).provision("layout")
    return {k: str(v) for k, v in table.items() if k != "verified"}


def form_catalogue(on: dt.date) -> tuple[tuple[str, str, str], ...]:
    """R-FORM-1/R-FORM-5: (number, Vietnamese title, English title) of the forms in force."""
    return tuple(tuple(row) for row in regime_for(vn_date(on)).provision("forms")["catalogue"])  # type: ignore[misc]


def check_form(number: str, on: dt.date) -> Decision:
    """R-FORM-1 (2018) / R-FORM-5 (2025): ``number`` is a form of the catalogue in force."""
    on = vn_date(on)
    reg = regime_for(on)
    rule_id = "R-FORM-5" if reg.id == "2025" else "R-FORM-1"
    titles = {n: vi for n, vi, _ in form_catalogue(on)}
    ok = number in titles
    reason = reg.reason(
        rule_id,
        f"Mẫu {number}: {titles[number]}" if ok else f"không có Mẫu {number} trong danh mục biểu mẫu",
        f"Form {number}" if ok else f"no Form {number} in the catalogue",
        provision="forms",
    )
    return reg.decide(on, [(ok, reason)])
