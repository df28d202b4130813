"""check_head_decides: acts reserved to the head of the body, refused for anyone else with the rule."""

from __future__ import annotations

import datetime as dt

from bmnn.rules import Position, check_head_decides

ON = dt.date(2026, 11, 23)


def _ask(position: Position, agency: str = "7"):
    return check_head_decides(
        position, ON, rule_id="R-DECL-2", agency=agency, act_vi="quyết định giải mật", act_en="declassify"
    )


def test_the_head_of_the_body_decides():
    decision = _ask(Position.of("agency_head", agency="7"))
    assert decision.allowed and decision.reasons[0].rule_id == "R-DECL-2"


def test_a_head_of_another_body_a_deputy_or_a_bare_post_is_refused_with_the_rule():
    for position in (
        Position.of("agency_head", agency="8"),
        Position.of("deputy:agency_head", agency="7"),
        Position.of(agency="7"),
    ):
        decision = _ask(position)
        assert not decision.allowed
        assert decision.reasons[0].rule_id == "R-DECL-2"
        assert "không phải người đứng đầu cơ quan" in decision.message("vi")
        assert "Điều" in decision.message("vi")


def test_any_agency_when_none_is_named():
    assert _ask(Position.of("agency_head", agency="9"), agency="").allowed
