"""A deputy decides under a written delegation (Law Art. 11.5): taking out (R-OUT-1) and meetings
(R-MEET-1).  An expired delegation is refused: rule id, nothing changed, ``.refused`` event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.movement.models import Meeting, TakeOut
from bmnn.movement.services import meetings, takeouts
from bmnn.organizations import services as org
from bmnn.organizations.models import Agency, Delegation, Person, Position
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db


def _deputy(demo: dict[str, Any], acts: list[str], days_left: int) -> tuple[Any, Delegation]:
    """A deputy director of Sở GD&ĐT holding a written delegation from the director, made through the
    organisation services as an administrator would; ``days_left`` < 0 makes it expired."""
    admin = demo["quantri"]
    agency = Agency.objects.get(code="so-gddt")
    post = org.save_position(
        admin,
        Position(
            agency=agency,
            title="Phó Giám đốc Sở Giáo dục và Đào tạo",
            authority_tags=["deputy:provincial_department_head", "agency_leader"],
        ),
    )
    deputy = org.save_person(
        admin,
        Person(full_name="Lê Thị Phó", agency=agency, clearance="TOI_MAT"),
        username="pgd.giaoduc",
        password="BaoMat@2026!xyz",
    )
    today = timezone.localdate()
    org.assign(admin, deputy, post, today - dt.timedelta(days=60))
    director = person("gd.giaoduc")
    delegation = org.save_delegation(
        admin,
        Delegation(
            delegator=director,
            delegator_position=Position.objects.get(agency=agency, title="Giám đốc Sở Giáo dục và Đào tạo"),
            deputy=deputy,
            acts=acts,
            max_level="TOI_MAT",
            start_date=today - dt.timedelta(days=30),
            end_date=today + dt.timedelta(days=days_left),
            document_ref="Giấy ủy quyền số 05/GUQ-SGDĐT",
        ),
    )
    assert deputy.user is not None
    return deputy.user, delegation


def _take_out(demo: dict[str, Any], item: Any) -> TakeOut:
    today = timezone.localdate()
    return takeouts.request_take_out(
        demo["tp.khaothi"],
        item=item,
        carrier=person("tp.khaothi"),
        carrier_position="Trưởng phòng Khảo thí",
        carrier_unit="Phòng Khảo thí",
        purpose="Làm việc với Hội đồng thi",
        place="Hội đồng thi THPT Chuyên",
        starts_on=today,
        due_on=today + dt.timedelta(days=1),
        protection_measures="Cặp có khóa",
    )


def _meeting(demo: dict[str, Any]) -> Meeting:
    return meetings.create_meeting(
        demo["vanthu.giaoduc"],
        title="Họp Hội đồng ra đề thi",
        level="TOI_MAT",
        held_on=timezone.localdate(),
        chair=person("gd.giaoduc"),
        venue_kind="premises",
        venue="Phòng họp số 2",
        protection_plan="Kiểm soát ra vào",
        attendees=[person("tp.khaothi")],
    )


def test_deputy_with_a_valid_delegation_approves_a_take_out(demo: dict[str, Any], determined: Any) -> None:
    user, delegation = _deputy(demo, ["take_out"], days_left=30)
    t = _take_out(demo, determined)
    takeouts.decide(user, t, approve=True)
    t.refresh_from_db()
    assert t.status == "approved" and t.approver == user.person and t.delegation == delegation
    assert any("05/GUQ-SGDĐT" in r["message_vi"] for r in t.reasons)
    event = AuditEvent.objects.get(action="movement.take_out.decide")
    assert event.summary["delegation"] == delegation.pk


def test_expired_delegation_is_refused(demo: dict[str, Any], determined: Any) -> None:
    user, _delegation = _deputy(demo, ["take_out", "meeting"], days_left=-1)
    t = _take_out(demo, determined)
    with pytest.raises(Refused) as err:
        takeouts.decide(user, t, approve=True)
    assert err.value.rule_id == "R-OUT-1" and "không còn hiệu lực" in err.value.message
    t.refresh_from_db()
    assert t.status == "requested" and t.approver_id is None and t.delegation_id is None
    assert AuditEvent.objects.filter(action="movement.take_out.decide.refused").count() == 1
    m = _meeting(demo)
    with pytest.raises(Refused) as err:
        meetings.approve_meeting(user, m)
    # bmnn.rules judges a meeting approver's delegation under the Art. 11.5 delegation rule (R-COPY-2)
    assert err.value.rule_id == "R-COPY-2" and "không còn hiệu lực" in err.value.message
    m.refresh_from_db()
    assert m.status == "requested" and m.approver_id is None and m.delegation_id is None
    assert AuditEvent.objects.filter(action="movement.meeting.approve.refused").count() == 1


def test_delegation_not_covering_the_act_is_refused(demo: dict[str, Any], determined: Any) -> None:
    user, _delegation = _deputy(demo, ["copy"], days_left=30)
    t = _take_out(demo, determined)
    with pytest.raises(Refused) as err:
        takeouts.decide(user, t, approve=True)
    assert err.value.rule_id == "R-OUT-1" and "không bao gồm" in err.value.message
    assert TakeOut.objects.get().status == "requested"
    assert AuditEvent.objects.filter(action="movement.take_out.decide.refused").count() == 1


def test_deputy_with_a_valid_delegation_approves_a_meeting(demo: dict[str, Any]) -> None:
    user, delegation = _deputy(demo, ["meeting"], days_left=10)
    m = _meeting(demo)
    meetings.approve_meeting(user, m)
    m.refresh_from_db()
    assert m.status == "approved" and m.approver == user.person and m.delegation == delegation
    assert AuditEvent.objects.get(action="movement.meeting.approve").summary["delegation"] == delegation.pk


def test_deputy_sees_and_decides_the_request_on_its_page(demo: dict[str, Any], determined: Any) -> None:
    from tests.conftest import verified_client

    user, delegation = _deputy(demo, ["take_out"], days_left=30)
    t = _take_out(demo, determined)
    client = verified_client(user)
    listing = client.get("/mang-ra/").content.decode()
    assert t.reference in listing
    client.post(f"/mang-ra/{t.pk}/", {"act": "decide", "approve": "1", "note": ""})
    t.refresh_from_db()
    assert t.status == "approved" and t.delegation == delegation
    assert delegation.document_ref in client.get(f"/mang-ra/{t.pk}/").content.decode()


def test_deputy_with_an_expired_delegation_does_not_see_the_request(
    demo: dict[str, Any], determined: Any
) -> None:
    from tests.conftest import verified_client

    user, _delegation = _deputy(demo, ["take_out"], days_left=-1)
    t = _take_out(demo, determined)
    assert verified_client(user).get(f"/mang-ra/{t.pk}/").status_code == 404
