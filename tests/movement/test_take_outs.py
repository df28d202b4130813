"""Taking out of storage: R-OUT-1 … R-OUT-4; every refusal changes nothing and is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Handover
from bmnn.deadlines.providers import all_providers
from bmnn.movement.models import DelegationNotice, TakeOut
from bmnn.movement.printing import notice_pdf
from bmnn.movement.selectors import overdue_take_outs
from bmnn.movement.services import takeouts
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db


def _request(demo: dict[str, Any], item: Any, **kw: Any) -> TakeOut:
    today = timezone.localdate()
    args: dict[str, Any] = {
        "item": item,
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


def test_domestic_take_out_full_cycle(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined)
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    assert t.status == "approved" and t.approver == person("gd.giaoduc")
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-01")
    determined.refresh_from_db()
    assert determined.custodian_id == person("tp.khaothi").pk
    assert [d.kind for d in all_providers()["take_out_return"](timezone.localdate())] == ["take_out_return"]
    takeouts.record_return(demo["tp.khaothi"], t, receipt_no="MR-02")
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
    assert list(Handover.objects.order_by("seq").values_list("purpose", flat=True)) == [
        "take_out",
        "take_out_return",
    ]
    takeouts.report_and_close(demo["tp.khaothi"], t, "Đã sử dụng đúng mục đích, nộp lại đủ.")
    assert TakeOut.objects.get().status == "closed"
    assert list(all_providers()["take_out_return"](timezone.localdate())) == []


def test_r_out_3_incomplete_request_is_refused(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        _request(demo, determined, protection_measures="", place="")
    assert err.value.rule_id == "R-OUT-3"
    assert "biện pháp bảo vệ" in err.value.message and "địa điểm công tác" in err.value.message
    assert not TakeOut.objects.exists()
    assert AuditEvent.objects.filter(action="movement.take_out.request.refused").count() == 1


def test_r_out_1_only_the_managing_head_decides(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined)
    with pytest.raises(Refused) as err:
        takeouts.decide(demo["gd.noivu"], t, approve=True)  # head of another agency
    assert err.value.rule_id == "R-OUT-1"
    t.refresh_from_db()
    assert t.status == "requested" and t.approver_id is None
    assert AuditEvent.objects.filter(action="movement.take_out.decide.refused").count() == 1


def test_r_out_2_abroad_needs_authority_and_notice(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined, abroad=True, delegation_head="Nguyễn Văn An", place="Viêng Chăn, Lào")
    # the department director may permit domestic take-outs only
    with pytest.raises(Refused) as err:
        takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    assert err.value.rule_id == "R-OUT-2"
    # the provincial chairman may, but the delegation head has not been informed yet
    with pytest.raises(Refused) as err:
        takeouts.decide(demo["chutich"], t, approve=True)
    assert err.value.rule_id == "R-OUT-2" and "Trưởng đoàn" in err.value.message
    t.refresh_from_db()
    assert t.status == "requested"
    assert AuditEvent.objects.filter(action="movement.take_out.decide.refused").count() == 2
    notice = takeouts.notify_delegation_head(demo["tp.khaothi"], t)
    assert notice_pdf(t, notice).startswith(b"%PDF")
    takeouts.decide(demo["chutich"], t, approve=True)
    assert TakeOut.objects.get().status == "approved"
    assert DelegationNotice.objects.count() == 1


def test_r_out_4_not_closed_without_return_and_report(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined)
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-01")
    with pytest.raises(Refused) as err:
        takeouts.report_and_close(demo["tp.khaothi"], t, "Báo cáo")
    assert err.value.rule_id == "R-OUT-4" and "chưa nộp lại" in err.value.message
    takeouts.record_return(demo["tp.khaothi"], t, receipt_no="MR-02")
    with pytest.raises(Refused) as err:
        takeouts.report_and_close(demo["tp.khaothi"], t, "   ")
    assert err.value.rule_id == "R-OUT-4" and "báo cáo" in err.value.message
    t.refresh_from_db()
    assert t.status == "returned" and t.reported_on is None
    assert AuditEvent.objects.filter(action="movement.take_out.close.refused").count() == 2


def test_hand_out_before_approval_is_refused(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined)
    with pytest.raises(Refused) as err:
        takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-01")
    assert err.value.rule_id == "R-OUT-1"
    assert not Handover.objects.exists()
    assert AuditEvent.objects.filter(action="movement.take_out.hand_out.refused").count() == 1


def test_overdue_take_out_alerts_the_security_officer(demo: dict[str, Any], determined: Any) -> None:
    t = _request(demo, determined)
    takeouts.decide(demo["gd.giaoduc"], t, approve=True)
    takeouts.hand_out(demo["vanthu.giaoduc"], t, receipt_no="MR-01")
    TakeOut.objects.filter(pk=t.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    assert list(overdue_take_outs(demo["baomat"])) == [t]
    assert list(overdue_take_outs(demo["chuyenvien"])) == []
    due = list(all_providers()["take_out_return"](timezone.localdate()))
    assert due[0].due_on < timezone.localdate() and person("tp.khaothi").pk in due[0].person_ids
    assert t.item.title not in due[0].title and f"phiếu số {t.pk}" in due[0].title
