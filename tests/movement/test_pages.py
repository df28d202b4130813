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
        "/mang-ra/moi/", {"item": determined.pk, "carrier": "abc", "starts_on": "not a date"}
    )
    assert response.status_code == 200
    assert 'name="item"' in response.content.decode()
