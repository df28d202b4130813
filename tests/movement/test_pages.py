"""The movement pages: visible to the right people, 404 otherwise; refusals shown in Vietnamese."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.movement.models import Departure
from bmnn.movement.services import departures
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db


def test_pages_render_for_the_security_officer(client_as: Any, determined: Any) -> None:
    client = client_as("baomat")
    for url in (
        "/mang-ra/",
        "/mang-ra/moi/",
        "/mang-ra/hop/",
        "/mang-ra/hop/moi/",
        "/mang-ra/nghi-viec/",
        "/mang-ra/nghi-viec/bao-cao/",
    ):
        assert client.get(url).status_code == 200, url


def test_departure_page_is_hidden_from_staff(client_as: Any, demo: dict[str, Any]) -> None:
    dep = departures.start_departure(demo["baomat"], person("cv.khaothi"), "leave")
    assert client_as("baomat").get(f"/mang-ra/nghi-viec/{dep.pk}/").status_code == 200
    assert client_as("chuyenvien").get(f"/mang-ra/nghi-viec/{dep.pk}/").status_code == 404
    assert client_as("chuyenvien").get("/mang-ra/take-out-does-not-exist/").status_code == 404


def test_complete_refusal_is_shown(client_as: Any, demo: dict[str, Any], determined: Any) -> None:
    determined.custodian = person("cv.khaothi")
    determined.save(update_fields=["custodian"])
    dep = departures.start_departure(demo["baomat"], person("cv.khaothi"), "leave")
    response = client_as("baomat").post(f"/mang-ra/nghi-viec/{dep.pk}/", {"act": "complete"})
    assert response.status_code == 200
    assert "R-RECALL-1" in response.content.decode()
    assert Departure.objects.get().status == "open"


def test_malformed_take_out_request_loses_nothing(client_as: Any, determined: Any) -> None:
    response = client_as("tp.khaothi").post(
        "/mang-ra/moi/",
        {"things": [f"item:{determined.pk}", "item:999999"], "carrier": "abc", "starts_on": "not a date"},
    )
    assert response.status_code == 200
    assert 'name="things"' in response.content.decode()


def test_take_out_through_the_pages(client_as: Any, determined: Any) -> None:
    from django.utils import timezone

    from bmnn.movement.models import TakeOut

    today = timezone.localdate().isoformat()
    response = client_as("cv.khaothi").post(
        "/mang-ra/moi/",
        {
            "things": [f"item:{determined.pk}"],
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
    take_out = TakeOut.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mang-ra/{take_out.pk}/"
    head = client_as("gd.giaoduc")
    assert head.get(f"/mang-ra/{take_out.pk}/").status_code == 200
    head.post(f"/mang-ra/{take_out.pk}/", {"act": "decide", "approve": "1", "note": ""})
    take_out.refresh_from_db()
    assert take_out.status == "approved"
    assert client_as("chuyenvien").get(f"/mang-ra/{take_out.pk}/").status_code == 404


def test_meeting_through_the_pages(client_as: Any, determined: Any) -> None:
    from django.utils import timezone

    from bmnn.movement.models import Meeting

    response = client_as("vanthu.giaoduc").post(
        "/mang-ra/hop/moi/",
        {
            "title": "Họp ra đề",
            "level": "TOI_MAT",
            "held_on": timezone.localdate().isoformat(),
            "chair": person("gd.giaoduc").pk,
            "attendees": [person("tp.khaothi").pk],
            "venue_kind": "premises",
            "venue": "Phòng họp 2",
            "protection_plan": "Kiểm soát ra vào",
            "wired_microphones": "on",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = client_as("gd.giaoduc").get(f"/mang-ra/hop/{meeting.pk}/").content.decode()
    assert 'data-testid="device-rules"' in page
    client_as("gd.giaoduc").post(f"/mang-ra/hop/{meeting.pk}/", {"act": "approve"})
    meeting.refresh_from_db()
    assert meeting.status == "approved"
