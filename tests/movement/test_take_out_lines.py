"""A take-out carrying several items or copies: hand-out and return per line, closing only when every
line is back (R-OUT-4); the printed request (R-OUT-3 fields, signer blocks); a signature drawn on
screen instead of a receipt number."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, Handover
from bmnn.movement.models import TakeOut, TakeOutLine
from bmnn.movement.printing import request_pdf
from bmnn.movement.services import departures, takeouts
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db

SIGNATURE = "M 10 10 L 40 30 L 80 12"


@pytest.fixture
def copy(determined: Any) -> Copy:
    return Copy.objects.create(
        item=determined,
        number=1,
        form="true_copy",
        level="TOI_MAT",
        custodian=person("vanthu.giaoduc"),
        made_on=determined.determined_on,
        made_by=person("vanthu.giaoduc"),
    )


def _request(demo: dict[str, Any], lines: list[Any], **kw: Any) -> TakeOut:
    today = timezone.localdate()
    args: dict[str, Any] = {
        "lines": lines,
        "carrier": person("tp.khaothi"),
        "carrier_position": "Trưởng phòng Khảo thí",
        "carrier_unit": "Phòng Khảo thí",
        "purpose": "Làm việc với Hội đồng thi",
        "place": "Hội đồng thi THPT Chuyên",
        "starts_on": today,
        "due_on": today + dt.timedelta(days=2),
        "protection_measures": "Cặp có khóa, luôn mang theo người",
    }
    args.update(kw)
    return takeouts.request_take_out(demo["tp.khaothi"], **args)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_two_lines_handed_out_and_returned_one_by_one(
    demo: dict[str, Any], determined: Any, copy: Copy
) -> None:
    t = _request(demo, [(determined, None), (determined, copy)])
    first, second = TakeOutLine.objects.filter(take_out=t).order_by("pk")
    assert (first.copy_id, second.copy_id) == (None, copy.pk) and t.level == "TOI_MAT"
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    carrier = person("tp.khaothi")

    takeouts.hand_out(demo["vanthu.giaoduc"], t, line=first, receipt_no="MR-1")
    determined.refresh_from_db()
    copy.refresh_from_db()
    assert t.status == "out" and determined.custodian_id == carrier.pk
    assert copy.custodian_id == person("vanthu.giaoduc").pk  # the second line is not out yet
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_kind="signature", signature_svg=SIGNATURE)
    copy.refresh_from_db()
    assert copy.custodian_id == carrier.pk
    second.refresh_from_db()
    assert second.out_handover.receipt_kind == "signature" and second.out_handover.signature_svg == SIGNATURE

    takeouts.record_return(demo["tp.khaothi"], t, line=first, receipt_no="MR-2")
    t.refresh_from_db()
    assert t.status == "out"  # one line still out
    with pytest.raises(Refused) as err:
        takeouts.report_and_close(demo["tp.khaothi"], t, "Đã sử dụng đúng mục đích.")
    assert err.value.rule_id == "R-OUT-4" and "còn 1/2 tài liệu chưa nộp lại" in err.value.message
    t.refresh_from_db()
    assert t.status == "out" and t.reported_on is None and t.report == ""
    assert AuditEvent.objects.filter(action="movement.take_out.close.refused").count() == 1

    takeouts.record_return(
        demo["tp.khaothi"], t, line=second, receipt_kind="signature", signature_svg=SIGNATURE
    )
    t.refresh_from_db()
    copy.refresh_from_db()
    assert t.status == "returned" and t.returned_on == timezone.localdate()
    assert copy.custodian_id == person("vanthu.giaoduc").pk
    takeouts.report_and_close(demo["tp.khaothi"], t, "Đã sử dụng đúng mục đích, nộp lại đủ.")
    assert TakeOut.objects.get().status == "closed"
    assert Handover.objects.filter(reference=t.reference).count() == 4
    assert AuditEvent.objects.filter(action="movement.take_out.hand_out").count() == 2
    assert AuditEvent.objects.filter(action="movement.take_out.return").count() == 2


def test_a_line_handed_out_twice_is_refused(demo: dict[str, Any], determined: Any, copy: Copy) -> None:
    t = _request(demo, [(determined, None), (determined, copy)])
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    first = t.lines.order_by("pk").first()
    takeouts.hand_out(demo["vanthu.giaoduc"], t, line=first, receipt_no="MR-1")
    with pytest.raises(Refused) as err:
        takeouts.hand_out(demo["vanthu.giaoduc"], t, line=first, receipt_no="MR-1b")
    assert err.value.rule_id == "R-OUT-1"
    assert Handover.objects.count() == 1
    assert AuditEvent.objects.filter(action="movement.take_out.hand_out.refused").count() == 1


def test_duplicate_line_is_refused(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        _request(demo, [(determined, None), (determined, None)])
    assert err.value.rule_id == "R-OUT-3" and "hai lần" in err.value.message
    assert not TakeOut.objects.exists() and not TakeOutLine.objects.exists()
    assert AuditEvent.objects.filter(action="movement.take_out.request.refused").count() == 1


def test_return_without_signature_or_receipt_is_refused(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, [(determined, None)])
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-1")
    with pytest.raises(Refused) as err:
        takeouts.record_return(demo["tp.khaothi"], t, receipt_kind="signature", signature_svg="")
    assert err.value.rule_id == "R-TX-5"
    t.refresh_from_db()
    determined.refresh_from_db()
    assert t.status == "out" and determined.custodian_id == person("tp.khaothi").pk
    assert not t.lines.filter(return_handover__isnull=False).exists()
    assert AuditEvent.objects.filter(action="movement.take_out.return.refused").count() == 1


def test_recall_on_departure_returns_the_carried_line(
    demo: dict[str, Any], determined: Any, copy: Copy
) -> None:
    t = _request(demo, [(determined, None), (determined, copy)])
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-1")
    dep = departures.start_departure(demo["baomat"], person("tp.khaothi"), "transfer")
    determined.refresh_from_db()
    copy.refresh_from_db()
    departures.recall(
        demo["baomat"], dep, item=determined, to_person=person("vanthu.giaoduc"), receipt_no="B1"
    )
    t.refresh_from_db()
    assert t.status == "out" and t.lines.filter(return_handover__isnull=True).count() == 1
    departures.recall(
        demo["baomat"], dep, item=determined, copy=copy, to_person=person("vanthu.giaoduc"), receipt_no="B2"
    )
    t.refresh_from_db()
    assert t.status == "returned" and not t.lines.filter(return_handover__isnull=True).exists()


def test_printed_request_form(demo: dict[str, Any], determined: Any, copy: Copy) -> None:
    t = _request(demo, [(determined, None), (determined, copy)])
    text = _text(request_pdf(t))
    assert "PHIẾU ĐỀ NGHỊ MANG TÀI LIỆU" in text and t.reference in text
    for label in ("Họ và tên", "Chức vụ", "Đơn vị công tác", "Trích yếu", "Độ mật", "Mục đích sử dụng"):
        assert label in text
    assert "Biện pháp bảo vệ" in text and "Cặp có khóa" in text and "Tối mật" in text
    assert "bản sao số 01" in text
    assert "NGƯỜI ĐỀ NGHỊ" in text and "NGƯỜI MANG RA" in text and "NGƯỜI CHO PHÉP" in text
    assert "Hồ Thị Oanh" in text  # addressed to the director of the managing agency
    takeouts.decide(demo["gd.giaoduc"], t, approve=True, note="Bảo quản cẩn thận")
    text = _text(request_pdf(t))
    assert "Đồng ý cho mang ra." in text and "Bảo quản cẩn thận" in text


def test_pages_with_two_lines_and_a_signature(
    client_as: Any, demo: dict[str, Any], determined: Any, copy: Copy
) -> None:
    today = timezone.localdate().isoformat()
    response = client_as("cv.khaothi").post(
        "/mang-ra/moi/",
        {
            "things": [f"item:{determined.pk}", f"copy:{copy.pk}"],
            "carrier": person("tp.khaothi").pk,
            "carrier_position": "Trưởng phòng",
            "carrier_unit": "Phòng Khảo thí",
            "purpose": "Họp Hội đồng thi",
            "place": "Trường THPT Chuyên",
            "starts_on": today,
            "due_on": today,
            "protection_measures": "Cặp có khóa",
        },
    )
    if response.status_code != 302:
        import re

        raise AssertionError(re.findall(r'role="alert">(.*?)<', response.content.decode()))
    t = TakeOut.objects.get()
    assert t.lines.count() == 2
    client_as("gd.giaoduc").post(f"/mang-ra/{t.pk}/", {"act": "decide", "approve": "1", "note": ""})
    clerk = client_as("vanthu.giaoduc")
    page = clerk.get(f"/mang-ra/{t.pk}/").content.decode()
    assert "data-signature" in page and "custody/signature.js" in page and 'name="signature_svg"' in page
    first = t.lines.order_by("pk").first()
    clerk.post(
        f"/mang-ra/{t.pk}/",
        {"act": "hand_out", "line": str(first.pk), "receipt_kind": "signature", "signature_svg": SIGNATURE},
    )
    first.refresh_from_db()
    assert first.out_handover is not None and first.out_handover.signature_svg == SIGNATURE
    # a malformed line id is a clear error and changes nothing
    response = clerk.post(
        f"/mang-ra/{t.pk}/",
        {"act": "hand_out", "line": "x", "receipt_kind": "receipt", "receipt_no": "1"},
        follow=True,
    )
    # shown in Vietnamese once the lead merges .i18n/movement.json ("Biểu mẫu có lỗi.")
    assert any(m in response.content.decode() for m in ("The form has errors.", "Biểu mẫu có lỗi."))
    assert Handover.objects.count() == 1
    pdf = clerk.get(f"/mang-ra/{t.pk}/de-nghi.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client_as("chuyenvien").get(f"/mang-ra/{t.pk}/de-nghi.pdf").status_code == 404
