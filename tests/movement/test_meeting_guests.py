"""Meeting guests as records (name, organisation, ID card or passport number), and hand-out/recall at a
meeting acknowledged by a signature drawn on screen."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.movement.models import Meeting, MeetingGuest
from bmnn.movement.services import meetings
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db

SIGNATURE = "M 5 5 L 60 40 L 90 10"


def _args(**kw: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "title": "Họp Hội đồng ra đề thi",
        "level": "TOI_MAT",
        "held_on": timezone.localdate(),
        "chair": person("gd.giaoduc"),
        "venue_kind": "premises",
        "venue": "Phòng họp số 2",
        "protection_plan": "Kiểm soát ra vào",
        "attendees": [person("tp.khaothi")],
    }
    args.update(kw)
    return args


def test_guests_are_recorded(demo: dict[str, Any]) -> None:
    guests = [
        {"full_name": "Nguyễn Văn Bảo", "organisation": "Bộ GD&ĐT", "id_number": "001088012345"},
        {"full_name": "Kim Min-su", "organisation": "Đại học Seoul", "id_number": "M12345678"},
    ]
    m = meetings.create_meeting(demo["vanthu.giaoduc"], **_args(guest_list=guests))
    rows = list(m.guest_list.values("full_name", "organisation", "id_number"))
    assert rows == guests
    assert AuditEvent.objects.get(action="movement.meeting.create").summary["guests"] == 2
    # guests alone make the attendee list of the meeting record (R-MEET-1)
    assert meetings.meeting_record(m)["attendees"] is True


def test_guest_without_identity_paper_is_refused(demo: dict[str, Any]) -> None:
    guests = [{"full_name": "Nguyễn Văn Bảo", "organisation": "Bộ GD&ĐT", "id_number": " "}]
    with pytest.raises(Refused) as err:
        meetings.create_meeting(demo["vanthu.giaoduc"], **_args(guest_list=guests))
    assert err.value.rule_id == "R-MEET-1" and err.value.field == "guests"
    assert not Meeting.objects.exists() and not MeetingGuest.objects.exists()
    assert AuditEvent.objects.filter(action="movement.meeting.create.refused").count() == 1


def _post_meeting(client: Any, guests: str) -> Any:
    return client.post(
        "/mang-ra/hop/moi/",
        {
            "title": "Họp ra đề",
            "level": "TOI_MAT",
            "held_on": timezone.localdate().isoformat(),
            "chair": person("gd.giaoduc").pk,
            "attendees": [person("tp.khaothi").pk],
            "guests": guests,
            "venue_kind": "premises",
            "venue": "Phòng họp 2",
            "protection_plan": "Kiểm soát ra vào",
            "wired_microphones": "on",
        },
    )


def test_guest_lines_through_the_page(client_as: Any, demo: dict[str, Any]) -> None:
    clerk = client_as("vanthu.giaoduc")
    bad = _post_meeting(clerk, "Nguyễn Văn Bảo; Bộ GD&ĐT")
    assert bad.status_code == 200 and not Meeting.objects.exists()
    assert "Nguyễn Văn Bảo; Bộ GD&amp;ĐT" in bad.content.decode()  # what was typed is kept
    ok = _post_meeting(
        clerk, "Nguyễn Văn Bảo; Bộ GD&ĐT; 001088012345\n\nKim Min-su; Đại học Seoul; M12345678"
    )
    assert ok.status_code == 302
    m = Meeting.objects.get()
    assert list(m.guest_list.values_list("id_number", flat=True)) == ["001088012345", "M12345678"]
    page = clerk.get(f"/mang-ra/hop/{m.pk}/").content.decode()
    assert "Kim Min-su" in page and "M12345678" in page


def test_hand_out_and_recall_signed_on_screen(client_as: Any, demo: dict[str, Any], determined: Any) -> None:
    m = meetings.create_meeting(demo["vanthu.giaoduc"], **_args())
    meetings.approve_meeting(demo["gd.giaoduc"], m)
    clerk = client_as("vanthu.giaoduc")
    clerk.post(
        f"/mang-ra/hop/{m.pk}/",
        {
            "act": "hand_out",
            "item": determined.pk,
            "to_person": person("tp.khaothi").pk,
            "receipt_kind": "signature",
            "signature_svg": SIGNATURE,
        },
    )
    doc = m.documents.get()
    assert doc.out_handover.receipt_kind == "signature" and doc.out_handover.signature_svg == SIGNATURE
    page = clerk.get(f"/mang-ra/hop/{m.pk}/").content.decode()
    assert "custody/signature.js" in page and 'data-testid="recall"' in page
    clerk.post(
        f"/mang-ra/hop/{m.pk}/",
        {"act": "recall", "doc": str(doc.pk), "receipt_kind": "signature", "signature_svg": SIGNATURE},
    )
    doc.refresh_from_db()
    assert doc.returned and doc.return_handover.signature_svg == SIGNATURE
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
