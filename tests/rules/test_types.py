"""Levels, tags, citations and decisions (R-CLS-1, R-CLS-4, R-TX-7 and friends)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.rules import (
    AUTHORITY_TAGS,
    Citation,
    Level,
    Position,
    annual_report_period,
    check_field_level,
    check_host,
    check_non_document,
    container_level,
    highest,
    incident_duties,
    may_copy,
    may_execute_copy,
    next_inspection,
    protection_period,
    recall_due_date,
    report_year_for,
    review_years,
    route_incoming,
    tag_label,
)
from bmnn.rules.checklists import check_record, checklist_rules
from tests.rules.cases import ON, P_OFFICE


def test_r_cls_1_level_order_values_labels_slugs() -> None:
    assert Level.MAT < Level.TOI_MAT < Level.TUYET_MAT
    assert Level.TUYET_MAT > Level.MAT and Level.TUYET_MAT >= Level.TUYET_MAT and Level.MAT <= Level.MAT
    assert [lv.value for lv in Level] == ["MAT", "TOI_MAT", "TUYET_MAT"]
    assert [lv.label_vi for lv in Level] == ["Mật", "Tối mật", "Tuyệt mật"]
    assert [lv.slug for lv in Level] == ["mat", "toi-mat", "tuyet-mat"]
    assert Level.TOI_MAT.label_en == "Secret"
    assert Level.parse(Level.MAT) is Level.MAT and Level.parse("TỐI MẬT") is Level.TOI_MAT
    with pytest.raises(ValueError):
        Level.parse("x")
    assert Level.MAT.__lt__(1) is NotImplemented and Level.MAT.__le__(1) is NotImplemented
    assert Level.MAT.__gt__(1) is NotImplemented and Level.MAT.__ge__(1) is NotImplemented


def test_r_cls_4_container_level() -> None:
    assert container_level([Level.MAT, Level.TUYET_MAT, Level.TOI_MAT]) is Level.TUYET_MAT
    assert container_level([]) is None and highest([Level.MAT]) is Level.MAT


def test_authority_tags_vocabulary() -> None:
    for tag in (
        "central_party_body_head",
        "direct_superior_of_11_1",
        "commune_committee_office_head",
        "agency_head",
        "agency_leader",
        "deputy_minister_public_security",
    ):
        assert tag in AUTHORITY_TAGS
    assert tag_label("deputy:minister") == "Cấp phó của Bộ trưởng, Thủ trưởng cơ quan ngang bộ"
    assert tag_label("deputy:minister", "en").startswith("Deputy of Minister")
    assert tag_label("unknown") == "unknown"
    assert Position.of("deputy:minister", "agency_head").deputy_of() == frozenset({"minister"})


def test_citation_forms() -> None:
    c = Citation.parse("decree26:4:1:a")
    assert c.vi() == "Điều 4 khoản 1 điểm a Nghị định 26/2020/NĐ-CP"
    assert c.en() == "Decree 26/2020/ND-CP, Art. 4(1)(a)"
    assert Citation.parse("decree63").en() == "Decree 63/2026/ND-CP"
    with pytest.raises(ValueError):
        Citation.parse("nolaw:1")


def test_decision_serialisation() -> None:
    d = protection_period(Level.MAT, dt.date(2020, 2, 29))
    data = d.as_dict()
    assert data["allowed"] and data["info"]["expiry"] == "2030-02-28"
    assert data["context"][0]["rule_id"] == "R-REGIME-1"
    duties = incident_duties("lo", ON).as_dict()
    assert duties["info"]["duties"] == ["notify_head", "notify_classifying_body", "ad_hoc_report_mps"]
    assert bool(may_copy(Level.MAT, P_OFFICE, ON)) is True


def test_r_tx_7_routing() -> None:
    assert route_incoming(False, False, False, ON).info == {"route_to": "registry", "keep_unopened": False}
    assert route_incoming(True, False, True, ON).info["route_to"] == "agency_leader"
    assert route_incoming(True, False, False, ON).info["route_to"] == "hold_for_named_person"


def test_r_tx_9_and_reporting_dates() -> None:
    assert recall_due_date(dt.date(2026, 5, 1), 10) == dt.date(2026, 5, 11)
    assert annual_report_period(2026) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert report_year_for(dt.date(2026, 12, 15)) == 2027
    assert report_year_for(dt.date(2026, 12, 14)) == 2026
    assert review_years(2020, 2031) == (2020, 2025, 2030)
    assert next_inspection(dt.date(2026, 1, 31)) == dt.date(2027, 1, 31)


def test_bad_inputs_raise_value_errors() -> None:
    with pytest.raises(ValueError):
        may_copy(Level.MAT, P_OFFICE, ON, act="scan")
    with pytest.raises(ValueError):
        check_field_level("astrology", Level.MAT, ON)
    with pytest.raises(ValueError):
        check_non_document("cloud", True, ON)
    with pytest.raises(ValueError):
        may_execute_copy("robot", True, ON)
    with pytest.raises(ValueError):
        check_host(False, "wifi", ON)
    with pytest.raises(ValueError):
        incident_duties("fire", ON)


def test_checklist_catalogue() -> None:
    assert "R-IT-6" in checklist_rules(ON)
    missing = check_record("R-COPY-4", ["date"], ON)
    assert not missing.allowed and "người cho phép" in missing.message()
