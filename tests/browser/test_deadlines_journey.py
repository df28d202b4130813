"""An item near expiry → the daily job runs (service call, on today's date) → the custodian sees the bell
count, the reminders, the deadline on their page with filters, and downloads the .ics through the token
URL without a session: it parses (folded lines), and carries no title, summary or level.
Screenshots go to test-artifacts/deadlines-*.png."""

from __future__ import annotations

import datetime as dt
import urllib.request

import pytest
from django.db import connections

from tests.browser.conftest import shot
from tests.browser.test_registry_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phương án bảo vệ kỳ thi tuyển sinh lớp 10 — tuyệt đối không được lộ"
SUMMARY = "Đề thi và đáp án dự phòng"


def _parse_ics(raw: bytes) -> list[dict[str, str]]:
    """RFC 5545 the strict way: CRLF lines of ≤ 75 octets, unfolded, split into VEVENT property maps."""
    assert raw.endswith(b"\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical)  # at least one folded line
    text = raw.decode("utf-8").replace("\r\n ", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events, current = [], None
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def test_deadline_reminder_bell_page_and_calendar(live_server, browser_page, settings) -> None:
    from django.contrib.auth import get_user_model

    from bmnn.deadlines.models import Notification
    from bmnn.deadlines.services.daily import run_daily
    from bmnn.organizations import demo
    from bmnn.registry.models import Item
    from bmnn.rules import today_vn

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    users = {u.username: u for u in get_user_model().objects.select_related("person")}
    head, drafter = users["gd.giaoduc"].person, users["cv.khaothi"].person
    today = today_vn()
    expires = today + dt.timedelta(days=20)  # expiry in 20 days; extension decision (−60 d) overdue
    item = Item.objects.create(
        agency_id=head.agency_id,
        unit_id=drafter.unit_id,
        title=TITLE,
        summary=SUMMARY,
        number_symbol="15/QĐ-SGDĐT",
        field="education_training",
        status="determined",
        drafter=drafter,
        proposed_level="TOI_MAT",
        level="TOI_MAT",
        level_rank=2,
        approver=head,
        custodian=drafter,
        determined_on=expires.replace(year=expires.year - 20),
        period_years=20,
        expires_on=expires,
        regime="2018",
        created_by=users["cv.khaothi"],
    )
    counts = run_daily(today)  # first-ever run: the most urgent passed lead of each deadline
    assert counts["reminders"] >= 4
    mine = list(Notification.objects.filter(person=drafter).order_by("kind"))
    assert [(n.kind, n.lead_days) for n in mine] == [("expiry", 30), ("extension_decision", -1)]
    connections.close_all()  # leave SQLite's write lock to the live server
    page, base = browser_page, live_server.url

    # 1. The custodian signs in: the bell shows their 2 unread reminders and leads to them.
    _sign_in(page, base, "cv.khaothi", "/")
    bell = page.locator("[data-testid=badge-deadlines_bell]")
    assert bell.locator(".badge-count").inner_text().strip() == "2"
    shot(page, "deadlines-01-bell")
    with page.expect_navigation():
        bell.click()
    assert "/thoi-han/thong-bao/" in page.url
    table = page.inner_text("[data-testid=notifications]")
    assert "15/QĐ-SGDĐT" in table and "còn 20 ngày" in table and "đã quá hạn" in table
    assert TITLE not in table and "Tối mật" not in table
    shot(page, "deadlines-02-notifications")

    # 2. My deadlines: both kinds; the kind filter and "overdue only" narrow the list.
    page.goto(f"{base}/thoi-han/")
    rows = page.locator("[data-testid=deadlines] tbody tr")
    assert rows.count() == 2 and "15/QĐ-SGDĐT" in rows.nth(0).inner_text()
    page.select_option("select[name=kind]", "expiry")
    with page.expect_navigation():
        page.click("[data-testid=deadline-filter] button[type=submit]")
    assert rows.count() == 1 and expires.strftime("%d/%m/%Y") in rows.nth(0).inner_text()
    page.select_option("select[name=kind]", "")
    page.check("input[name=overdue]")
    with page.expect_navigation():
        page.click("[data-testid=deadline-filter] button[type=submit]")
    overdue = rows.nth(0).inner_text()
    assert rows.count() == 1 and (expires - dt.timedelta(days=60)).strftime("%d/%m/%Y") in overdue
    assert "15/QĐ-SGDĐT" in overdue
    shot(page, "deadlines-03-filtered")

    # 3. The calendar address, then the feed downloaded without any session.
    page.goto(f"{base}/thoi-han/")
    with page.expect_navigation():
        page.click("[data-testid=calendar] button[type=submit]")
    feed = page.inner_text("[data-testid=feed-url]").strip()
    assert feed.startswith(base) and feed.endswith(".ics")
    shot(page, "deadlines-04-calendar")
    with urllib.request.urlopen(feed) as res:  # noqa: S310 - the live test server on 127.0.0.1
        assert res.headers["Content-Type"].startswith("text/calendar")
        raw = res.read()
    events = _parse_ics(raw)
    assert len(events) == 2
    assert {e["DTSTART;VALUE=DATE"] for e in events} == {
        expires.strftime("%Y%m%d"),
        (expires - dt.timedelta(days=60)).strftime("%Y%m%d"),
    }
    assert all("15/QĐ-SGDĐT" in e["SUMMARY"] for e in events)
    text = raw.decode("utf-8").replace("\r\n ", "")
    for secret in (TITLE, SUMMARY, "Tối mật", "TOI_MAT", "Mật"):
        assert secret not in text
    assert item.pk and f"/{item.pk}/" in events[0]["URL"]
