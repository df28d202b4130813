"""Marks, stamps, envelopes and forms: R-TX-3, R-TX-4, R-COPY-6, R-DECL-5, R-FORM-*, R-MARK-1."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.rules import (
    Level,
    adjustment_stamp,
    check_outer_envelope,
    copy_number_mark,
    declassified_stamp,
    envelope_plan,
    extension_stamp,
    form_catalogue,
    level_stamp,
    mark_layout,
    meeting_device_rules,
    period_stamp,
    stamp,
)
from tests.rules.cases import D18, D25, ON

ENVELOPES = [
    ("R-TX-3 Tuyệt mật two envelopes", Level.TUYET_MAT, ("inner", "outer"), "A"),
    ("R-TX-3 Tối mật one envelope B", Level.TOI_MAT, ("single",), "B"),
    ("R-TX-3 Mật one envelope C", Level.MAT, ("single",), "C"),
]


@pytest.mark.parametrize(("label", "level", "roles", "letter"), ENVELOPES, ids=[e[0] for e in ENVELOPES])
def test_r_tx_3_envelope_plan(label: str, level: Level, roles: tuple[str, ...], letter: str) -> None:
    plan = envelope_plan(level, ON, number_symbol="12/UBND", recipient="Sở Tư pháp")
    assert tuple(e.role for e in plan.envelopes) == roles
    assert plan.letter == letter
    outer = plan.envelopes[-1]
    assert letter in outer.marks
    assert check_outer_envelope(outer.marks, ON).allowed  # R-TX-4


def test_r_tx_3_tuyet_mat_inner_envelope_named_recipient() -> None:
    plan = envelope_plan(Level.TUYET_MAT, D18, number_symbol="01/TM", recipient="Ông A", named_recipient=True)
    inner, outer = plan.envelopes
    assert inner.marks[:3] == ("01/TM", "Ông A", "TUYỆT MẬT")
    assert "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ" in inner.marks and inner.sealed
    assert "TUYỆT MẬT" not in outer.marks and "A" in outer.marks
    assert plan.verified  # 2018 envelope rules are verified
    assert not envelope_plan(Level.TUYET_MAT, D25).verified  # 2025 details unverified


def test_r_tx_3_named_single_envelope() -> None:
    plan = envelope_plan(Level.MAT, ON, named_recipient=True)
    assert plan.envelopes[0].marks == ("C", "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ")


@pytest.mark.parametrize(
    ("level", "size", "verified"),
    [(Level.TUYET_MAT, (40, 8), True), (Level.TOI_MAT, (30, 8), True), (Level.MAT, (20, 8), False)],
    ids=["R-FORM-3 TUYỆT MẬT 40x8", "R-FORM-3 TỐI MẬT 30x8", "R-FORM-3 MẬT 20x8 unverified"],
)
def test_r_form_3_level_stamps(level: Level, size: tuple[int, int], verified: bool) -> None:
    st = level_stamp(level, ON)
    assert (st.width_mm, st.height_mm) == size
    assert st.text == level.stamp_text and st.colour == "red"  # R-FORM-2
    assert st.verified is verified


def test_r_decl_5_giai_mat_stamp_carries_date() -> None:
    st = declassified_stamp(dt.date(2026, 4, 2))
    assert st.lines == ("GIẢI MẬT", "Từ: 02/04/2026")
    assert (st.width_mm, st.height_mm, st.form) == (30, 13, "05")


def test_r_copy_6_copy_number_mark() -> None:
    assert copy_number_mark(3, ON).lines == ("BẢN SAO SỐ 03",)
    assert copy_number_mark(3, ON).form == "11"
    with pytest.raises(ValueError):
        copy_number_mark(0, ON)


def test_r_ext_3_period_extension_and_adjustment_stamps() -> None:
    assert period_stamp(dt.date(2036, 5, 1), ON).lines[1] == "Đến ngày: 01/05/2036"
    assert extension_stamp(dt.date(2046, 5, 1), ON).lines[0] == "GIA HẠN THỜI HẠN BẢO VỆ BMNN"
    assert adjustment_stamp(Level.MAT, Level.TOI_MAT, ON).lines[1] == "MẬT thành TỐI MẬT"
    assert stamp("RECALL", ON).text == "TÀI LIỆU THU HỒI"


def test_r_mark_1_layout_boxes() -> None:
    assert mark_layout(ON) == {"level_box": "10a", "urgency_box": "10b", "circulation_box": "11"}


def test_r_form_1_catalogue_has_19_forms() -> None:
    forms = form_catalogue(D18)
    assert [f[0] for f in forms] == [f"{n:02d}" for n in range(1, 20)]
    assert forms[13][1] == "Sổ đăng ký BMNN đi"


def test_r_meet_3_device_rules_table() -> None:
    assert meeting_device_rules(Level.TUYET_MAT, ON)["guards_and_incident_plan"]
    assert meeting_device_rules(Level.MAT, ON)["attendee_devices_by_chair"]
    assert meeting_device_rules(Level.TOI_MAT, ON)["attendee_devices_banned"]
