"""The same act dated 15/02/2026 (regime 2018) and 15/03/2026 (regime 2025) where the regimes differ."""

from __future__ import annotations

import pytest

from bmnn.rules import Level, may_copy, may_provide_foreign, outgoing_summary_allowed
from tests.rules.cases import D18, D25, P_COMMUNE, P_COMMUNE_OFFICE, P_DEP_MINISTER

CASES = [
    (
        "R-REGIME-3/R-COPY-1 commune chair copies Tối mật",
        lambda on: may_copy(Level.TOI_MAT, P_COMMUNE, on),
        False,
        True,
    ),
    (
        "R-REGIME-3/R-COPY-1 commune office copies Mật",
        lambda on: may_copy(Level.MAT, P_COMMUNE_OFFICE, on),
        False,
        True,
    ),
    (
        "R-PROV-2/R-PROV-3 deputy minister provides Tối mật abroad",
        lambda on: may_provide_foreign(Level.TOI_MAT, P_DEP_MINISTER, on),
        False,
        True,
    ),
    (
        "R-TX-2 Tuyệt mật summary with the classifier's consent",
        lambda on: outgoing_summary_allowed(Level.TUYET_MAT, on, classifier_consent=True),
        True,
        False,
    ),
]


@pytest.mark.parametrize(("label", "act", "in_2018", "in_2025"), CASES, ids=[c[0] for c in CASES])
def test_same_act_two_regimes(label, act, in_2018: bool, in_2025: bool) -> None:
    before, after = act(D18), act(D25)
    assert (before.regime, after.regime) == ("2018", "2025")
    assert (before.allowed, after.allowed) == (in_2018, in_2025)
    refused = before if not in_2018 else after
    assert "Luật Bảo vệ bí mật nhà nước 20" in refused.message() or "Nghị định" in refused.message()


def test_r_prov_3_citation_names_the_2025_law() -> None:
    decision = may_provide_foreign(Level.TOI_MAT, P_DEP_MINISTER, D25)
    assert decision.reasons[0].rule_id == "R-PROV-3"
    assert decision.reasons[0].citation.vi() == "Điều 16 khoản 1 Luật Bảo vệ bí mật nhà nước 2025"


def test_r_copy_1_refusal_message_format() -> None:
    decision = may_copy(Level.TOI_MAT, P_COMMUNE, D18)
    assert decision.message() == (
        "Không được phép: Chủ tịch Ủy ban nhân dân cấp xã không có thẩm quyền quyết định việc sao tài liệu "
        "Tối mật (Điều 11 khoản 2 Luật Bảo vệ bí mật nhà nước 2018)"
    )
    assert decision.message("en").startswith("Not allowed: Chairman of a commune People's Committee")
