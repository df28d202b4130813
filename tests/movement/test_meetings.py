"""Meetings with BMNN content: R-MEET-1 … R-MEET-3 refuse the approval; R-RECALL-3 opens an incident."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.movement.models import Meeting
from bmnn.movement.services import meetings
from bmnn.registry.models import Incident
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db


def _meeting(demo: dict[str, Any], **kw: Any) -> Meeting:
    args: dict[str, Any] = {
        "title": "Họp Hội đồng ra đề thi",
        "level": "TOI_MAT",
        "held_on": timezone.localdate(),
        "chair": person("gd.giaoduc"),
        "venue_kind": "premises",
        "venue": "Phòng họp số 2, trụ sở Sở GD&ĐT",
        "protection_plan": "Kiểm soát ra vào; thu điện thoại tại cửa",
        "attendees": [person("tp.khaothi"), person("cv.khaothi")],
    }
    args.update(kw)
    return meetings.create_meeting(demo["vanthu.giaoduc"], **args)


def _refused(action: str) -> int:
    return AuditEvent.objects.filter(action=f"{action}.refused").count()


def test_full_meeting_recalls_everything(demo: dict[str, Any], determined: Any) -> None:
    m = _meeting(demo)
    meetings.approve_meeting(demo["gd.giaoduc"], m)
    doc = meetings.hand_out_document(
        demo["vanthu.giaoduc"], m, item=determined, to_person=person("tp.khaothi"), receipt_no="H-1"
    )
    determined.refresh_from_db()
    assert determined.custodian_id == person("tp.khaothi").pk
    meetings.recall_document(demo["vanthu.giaoduc"], doc, receipt_no="H-2")
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
    meetings.close_meeting(demo["vanthu.giaoduc"], m)
    assert Meeting.objects.get().status == "closed" and not Incident.objects.exists()


def test_r_recall_3_unreturned_document_opens_an_incident(demo: dict[str, Any], determined: Any) -> None:
    m = _meeting(demo)
    meetings.approve_meeting(demo["gd.giaoduc"], m)
    meetings.hand_out_document(
        demo["vanthu.giaoduc"], m, item=determined, to_person=person("cv.khaothi"), receipt_no="H-1"
    )
    meetings.close_meeting(demo["vanthu.giaoduc"], m)
    m.refresh_from_db()
    assert m.status == "closed_incident"
    incident = Incident.objects.get()
    assert incident.rule_id == "R-RECALL-3" and incident.kind == "loss" and incident.item_id == determined.pk
    assert "chưa được thu hồi" in incident.description and incident.notified == person("gd.giaoduc")


def test_r_meet_1_approver_without_authority(demo: dict[str, Any]) -> None:
    m = _meeting(demo)
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(demo["tp.khaothi"], m)
    assert err.value.rule_id == "R-MEET-1"
    m.refresh_from_db()
    assert m.status == "requested" and m.approver_id is None
    assert _refused("movement.meeting.approve") == 1


def test_r_meet_1_record_without_protection_plan(demo: dict[str, Any]) -> None:
    m = _meeting(demo, protection_plan="")
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(demo["gd.giaoduc"], m)
    assert err.value.rule_id == "R-MEET-1" and "phương án bảo vệ" in err.value.message
    assert Meeting.objects.get().status == "requested"
    assert _refused("movement.meeting.approve") == 1


def test_r_meet_2_outside_venue_needs_security_check(demo: dict[str, Any]) -> None:
    m = _meeting(demo, venue_kind="outside", venue="Khách sạn Sông Hồng")
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(demo["gd.giaoduc"], m)
    assert err.value.rule_id == "R-MEET-2"
    assert Meeting.objects.get().status == "requested"
    assert _refused("movement.meeting.approve") == 1
    Meeting.objects.filter(pk=m.pk).update(security_check_ref="Công văn 12/SGDĐT ngày 20/11/2026 gửi PA03")
    meetings.approve_meeting(demo["gd.giaoduc"], Meeting.objects.get())
    assert Meeting.objects.get().status == "approved"


def test_r_meet_3_devices_banned_at_toi_mat(demo: dict[str, Any]) -> None:
    m = _meeting(demo, devices_allowed=True)
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(demo["gd.giaoduc"], m)
    assert err.value.rule_id == "R-MEET-3"
    assert Meeting.objects.get().status == "requested"
    assert _refused("movement.meeting.approve") == 1


def test_r_meet_3_online_without_cryptographic_line(demo: dict[str, Any]) -> None:
    m = _meeting(demo, online=True, cryptographic_line=False)
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(demo["gd.giaoduc"], m)
    assert err.value.rule_id == "R-MEET-3" and "mật mã" in err.value.message
    assert Meeting.objects.get().status == "requested"
    assert _refused("movement.meeting.approve") == 1


def test_hand_out_to_non_attendee_is_refused(demo: dict[str, Any], determined: Any) -> None:
    m = _meeting(demo)
    meetings.approve_meeting(demo["gd.giaoduc"], m)
    with pytest.raises(Refused) as err:
        meetings.hand_out_document(
            demo["vanthu.giaoduc"], m, item=determined, to_person=person("gd.noivu"), receipt_no="1"
        )
    assert err.value.rule_id == "R-MEET-1"
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
    assert _refused("movement.meeting.hand_out") == 1
