"""Sending (R-TX-1, R-TX-3, R-TX-4, R-TX-5): envelope plan, labels, the Form 16 line; refusals change
nothing and are audited."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Dispatch, Handover
from bmnn.custody.printing import envelope_labels
from bmnn.custody.services.dispatch import dispatch
from tests.custody.conftest import person


def _pages(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.django_db
def test_top_secret_dispatch_plans_two_envelopes_and_signs_form_16(
    demo: dict[str, Any], top_secret: Any
) -> None:
    sent = dispatch(
        demo["vanthu"],
        top_secret,
        recipient="Bộ Công an",
        address="44 Yết Kiêu, Hà Nội",
        named_mark=True,
        to_party="Bưu điện tỉnh (giao liên)",
        receipt_kind="signature",
        signature_svg="M 10 10 L 40 30 L 80 12",
        acknowledged_by_name="Nguyễn Giao Liên",
    )
    assert [e["role"] for e in sent.envelopes] == ["inner", "outer"]
    inner, outer = sent.envelopes
    assert "TUYỆT MẬT" in inner["marks"] and "05/BC-UBND" in inner["marks"]
    assert "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ" in inner["marks"]
    assert outer["marks"][-1] == "A" and not any("MẬT" in m for m in outer["marks"])
    line = Handover.objects.get()
    assert (line.purpose, line.to_party, line.receipt_kind, line.seq) == (
        "send",
        "Bưu điện tỉnh (giao liên)",
        "signature",
        1,
    )
    assert line.from_person_id == person("phochutich").pk  # the drafter held it until sending
    assert AuditEvent.objects.filter(action="custody.dispatch").count() == 1

    inner_text, outer_text = _pages(envelope_labels(sent))
    assert "05/BC-UBND" in inner_text and "Bộ Công an" in inner_text and "TUYỆT MẬT" in inner_text
    assert "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ" in inner_text
    assert "A" in outer_text.split() and "Bộ Công an" in outer_text
    for word in ("TUYỆT MẬT", "TỐI MẬT", "MẬT", top_secret.title):
        assert word not in outer_text


@pytest.mark.django_db
def test_secret_item_gets_one_envelope_with_b(demo: dict[str, Any], determined: Any) -> None:
    from bmnn.registry.services import registration

    registration.register_outgoing(
        demo["vanthu.giaoduc"], determined, signer="Hồ Thị Oanh", number_symbol="21/SGDĐT"
    )
    sent = dispatch(
        demo["vanthu.giaoduc"],
        determined,
        recipient="Hội đồng thi",
        to_person=person("tp.khaothi"),
        receipt_kind="receipt",
        receipt_no="PN-7",
    )
    assert [e["role"] for e in sent.envelopes] == ["single"] and sent.letter == "B"
    determined.refresh_from_db()
    assert determined.custodian_id == person("tp.khaothi").pk
    (page,) = _pages(envelope_labels(sent))
    assert "B" in page.split() and "TỐI MẬT" not in page


def _nothing_changed(item: Any) -> None:
    assert not Dispatch.objects.exists()
    assert not Handover.objects.exists()


@pytest.mark.django_db
def test_r_tx_1_not_registered_outgoing_is_refused(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        dispatch(demo["vanthu.giaoduc"], determined, recipient="Hội đồng thi", receipt_no="PN-1")
    assert err.value.rule_id == "R-TX-1"
    _nothing_changed(determined)
    determined.refresh_from_db()
    assert determined.custodian_id == determined.drafter_id
    assert AuditEvent.objects.filter(action="custody.dispatch.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_1_only_registry_staff_send(demo: dict[str, Any], top_secret: Any) -> None:
    with pytest.raises(Refused) as err:
        dispatch(demo["phochutich"], top_secret, recipient="Bộ Công an", receipt_no="PN-1")
    assert err.value.rule_id == "R-TX-1"
    _nothing_changed(top_secret)
    assert AuditEvent.objects.filter(action="custody.dispatch.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_4_level_words_on_the_outer_envelope_are_refused(demo: dict[str, Any], top_secret: Any) -> None:
    with pytest.raises(Refused) as err:
        dispatch(
            demo["vanthu"],
            top_secret,
            recipient="Bộ Công an",
            address="Tài liệu TUYỆT MẬT — 44 Yết Kiêu",
            receipt_no="PN-1",
        )
    assert err.value.rule_id == "R-TX-4"
    _nothing_changed(top_secret)
    top_secret.refresh_from_db()
    assert top_secret.custodian_id == top_secret.drafter_id
    assert AuditEvent.objects.filter(action="custody.dispatch.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_5_unsigned_handover_is_refused(demo: dict[str, Any], top_secret: Any) -> None:
    with pytest.raises(Refused) as err:
        dispatch(
            demo["vanthu"], top_secret, recipient="Bộ Công an", receipt_kind="signature", signature_svg=""
        )
    assert err.value.rule_id == "R-TX-5"
    _nothing_changed(top_secret)
    top_secret.refresh_from_db()
    assert top_secret.custodian_id == top_secret.drafter_id
    assert AuditEvent.objects.filter(action="custody.dispatch.refused").count() == 1
