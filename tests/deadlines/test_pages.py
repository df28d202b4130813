"""Deadline pages, notifications and the tokened iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.deadlines import ics
from bmnn.deadlines.models import CalendarToken, Notification
from bmnn.deadlines.services import tokens
from bmnn.deadlines.services.daily import run_daily
from tests.deadlines.conftest import SUMMARY, TITLE, at

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def loaded(make_item: Any) -> list[Any]:
    items = [make_item(D(2027, 1, 22)), make_item(D(2026, 12, 20)), make_item(D(2030, 6, 1))]
    with at(TODAY - dt.timedelta(days=1)):
        run_daily()
    with at(TODAY):
        run_daily()
    return items


def _get(client: Client, url: str) -> Any:
    with at(TODAY, hour=10):
        return client.get(url)


def test_person_page_lists_own_deadlines_sorted_and_filtered(loaded: list[Any], client_as: Any) -> None:
    client = client_as("cv.khaothi")
    body = _get(client, "/thoi-han/").content.decode()
    # Default window: overdue + the next 12 months (2030 is beyond), with a link to all dates.
    assert loaded[0].number_symbol in body and loaded[1].number_symbol in body
    assert loaded[2].number_symbol not in body and "all_dates=on" in body
    assert "Deadlines found: 4." in body or "Số thời hạn tìm thấy: 4." in body
    assert TITLE not in body and SUMMARY not in body
    body = _get(client, "/thoi-han/?all_dates=on").content.decode()
    assert all(i.number_symbol in body for i in loaded)
    # the extension decision of loaded[1] (21/10/2026, overdue) comes first
    assert body.index(loaded[1].number_symbol) < body.index(loaded[2].number_symbol)
    body = _get(client, "/thoi-han/?kind=expiry&sort=-due&all_dates=on").content.decode()
    assert body.index(loaded[2].number_symbol) < body.index(loaded[0].number_symbol)
    assert "Hạn quyết định gia hạn" not in body.split('data-testid="deadlines"')[1]
    overdue = _get(client, "/thoi-han/?overdue=on").content.decode().split('data-testid="deadlines"')[1]
    assert loaded[1].number_symbol in overdue
    assert loaded[0].number_symbol not in overdue and loaded[2].number_symbol not in overdue
    ranged = _get(client, "/thoi-han/?start=01/06/2030&end=30/06/2030").content.decode()
    assert loaded[2].number_symbol in ranged.split('data-testid="deadlines"')[1]
    assert loaded[0].number_symbol not in ranged.split('data-testid="deadlines"')[1]
    bad = _get(client, "/thoi-han/?start=31/31/2030&kind=nonsense")
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_page_count_is_capped(loaded: list[Any], client_as: Any, monkeypatch: Any) -> None:
    from bmnn.deadlines import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    body = _get(client_as("cv.khaothi"), "/thoi-han/?all_dates=on").content.decode()
    assert "More than 2 deadlines" in body or "Hơn 2 thời hạn" in body
    rows = body.split('data-testid="deadlines"')[1].split("</table>")[0]
    assert rows.count("<tr") == 1 + 2  # header + the capped count's rows on one page of 50


def test_unit_page_for_clerk_and_head_only(loaded: list[Any], client_as: Any, people: dict[str, Any]) -> None:
    unit = people["cv.khaothi"].unit_id
    assert _get(client_as("vanthu.giaoduc"), f"/thoi-han/don-vi/{unit}/").status_code == 200
    body = _get(client_as("gd.giaoduc"), f"/thoi-han/don-vi/{unit}/").content.decode()
    assert loaded[0].number_symbol in body and body.count(loaded[0].number_symbol) == 2  # expiry + extension
    assert _get(client_as("cv.khaothi"), f"/thoi-han/don-vi/{unit}/").status_code == 404
    assert _get(client_as("vanthu"), f"/thoi-han/don-vi/{unit}/").status_code == 404  # other agency
    assert _get(client_as("vanthu.giaoduc"), "/thoi-han/don-vi/999999/").status_code == 404
    other = people["gd.giaoduc"].pk
    assert _get(client_as("cv.khaothi"), f"/thoi-han/can-bo/{other}/").status_code == 404
    assert _get(client_as("vanthu.giaoduc"), f"/thoi-han/can-bo/{other}/").status_code == 200


def test_notifications_list_and_mark_read(loaded: list[Any], client_as: Any, people: dict[str, Any]) -> None:
    me = people["cv.khaothi"]
    mine = Notification.objects.filter(person=me)
    # loaded[0]: expiry 60 days ahead (raised today), extension decision due today (1-day lead, yesterday);
    # loaded[1] on the first run (22/11): expiry 28 days ahead (30-day lead), extension decision overdue.
    assert sorted((n.kind, n.lead_days) for n in mine) == [
        ("expiry", 30),
        ("expiry", 60),
        ("extension_decision", -1),
        ("extension_decision", 1),
    ]
    client = client_as("cv.khaothi")
    body = _get(client, "/thoi-han/thong-bao/").content.decode()
    assert all(n.message in body for n in mine)
    first = mine.first()
    other = Notification.objects.exclude(person=me).first()
    with at(TODAY, hour=10):
        client.post("/thoi-han/thong-bao/da-doc/", {"id": [first.pk, other.pk, "x"]})
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.read_at is not None and other.read_at is None  # another person's stays unread
    with at(TODAY, hour=10):
        client.post("/thoi-han/thong-bao/da-doc/", {"all": "1"})
    assert not mine.filter(read_at__isnull=True).exists()


def test_calendar_feed_by_token_only(loaded: list[Any], client_as: Any, demo: dict[str, Any]) -> None:
    client = client_as("cv.khaothi")
    with at(TODAY, hour=10):
        client.post("/thoi-han/lich/tao-lai/")
    token = CalendarToken.objects.get(person=demo["cv.khaothi"].person).token
    assert token in _get(client, "/thoi-han/").content.decode()
    assert AuditEvent.objects.filter(action=tokens.ACTION, actor_id=demo["cv.khaothi"].pk).count() == 1
    anonymous = Client()
    res = _get(anonymous, f"/thoi-han/lich/{token}.ics")
    assert res.status_code == 200 and res["Content-Type"].startswith("text/calendar")
    text = res.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 6
    assert "DTSTART;VALUE=DATE:20270122" in text
    assert TITLE not in text and SUMMARY not in text and "Tối mật" not in text and "TOI_MAT" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert _get(anonymous, "/thoi-han/lich/wrong.ics").status_code == 404
    # Regenerating kills the old address.
    with at(TODAY, hour=10):
        assert client.post("/thoi-han/lich/tao-lai/").url == "/thoi-han/"
    assert _get(anonymous, f"/thoi-han/lich/{token}.ics").status_code == 404
    assert AuditEvent.objects.filter(action=tokens.ACTION).count() == 2


def test_token_refused_without_person(demo: dict[str, Any]) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("nobody", password="x")
    with pytest.raises(Refused) as exc:
        tokens.regenerate(user)
    assert exc.value.rule_id == "ACCESS-PERSON"
    assert not CalendarToken.objects.exists()
    assert AuditEvent.objects.filter(action=f"{tokens.ACTION}.refused", actor_id=user.pk).count() == 1


def test_ics_escaping_and_folding() -> None:
    text = ics.calendar(
        [ics.Event("a;b@x", D(2027, 1, 2), "Hạn, số 1/QĐ; kèm\\ dòng\nhai " + "ư" * 60)],
        name="T",
        stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    lines = text.split("\r\n")
    assert "UID:a\\;b@x" in lines
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary.startswith("SUMMARY:Hạn\\, số 1/QĐ\\; kèm\\\\ dòng\\nhai ")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "ư" * 60 in unfolded


def test_dashboard_cards(loaded: list[Any], client_as: Any) -> None:
    from bmnn.deadlines import selectors

    user = client_as("cv.khaothi") and loaded[0].custodian.user
    with at(TODAY, hour=10):
        assert selectors.unread_count(user) == Notification.objects.filter(person=user.person).count()
        assert selectors.overdue_count(user) == 1
