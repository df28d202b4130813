"""The notification bell in the top bar: the signed-in person's unread reminders, linking to the list."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bmnn.deadlines.models import Notification
from bmnn.deadlines.services.daily import run_daily
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
BELL = re.compile(
    r'<a class="topbar-badge( empty)?" href="/thoi-han/thong-bao/" data-testid="badge-deadlines_bell"'
    r'[^>]*><img src="/static/web/bell[^"]*\.svg" alt="" width="18" height="18">'
    r'<span class="badge-count">([^<]*)</span></a>'
)


def _bell(client: Any) -> tuple[bool, str]:
    with at(TODAY, hour=10):
        body = client.get("/").content.decode()
    m = BELL.search(body)
    assert m is not None, "bell missing"
    assert "<script>" not in body and 'style="' not in m.group(0)  # strict CSP: nothing inline
    return bool(m.group(1)), m.group(2)


def test_bell_counts_the_users_own_unread_reminders(make_item: Any, client_as: Any, people: dict) -> None:
    make_item(dt.date(2027, 1, 22))  # extension decision due today, expiry in 60 days
    make_item(dt.date(2026, 12, 20), custodian=people["gd.giaoduc"])  # the head's only
    with at(TODAY):
        run_daily()
    mine = Notification.objects.filter(person=people["cv.khaothi"])
    head = Notification.objects.filter(person=people["gd.giaoduc"])
    assert mine.count() == 2 and head.count() == 4
    assert _bell(client_as("cv.khaothi")) == (False, "2")
    assert _bell(client_as("gd.giaoduc")) == (False, "4")
    clerk = Notification.objects.filter(person=people["vanthu.giaoduc"])  # the annual report's (officer)
    assert _bell(client_as("vanthu.giaoduc")) == (False, str(clerk.count()))
    clerk.update(read_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    assert _bell(client_as("vanthu.giaoduc")) == (True, "0")  # muted, still there
    head.filter(pk=head.first().pk).update(read_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    assert _bell(client_as("gd.giaoduc")) == (False, "3")
    assert _bell(client_as("cv.khaothi")) == (False, "2")  # another person's reading changes nothing


def test_no_bell_when_signed_out(client: Any, demo: dict) -> None:
    with at(TODAY, hour=10):
        body = client.get("/dang-nhap/", follow=True).content.decode()
    assert "badge-deadlines_bell" not in body
