"""Reminders at each lead time, exactly once, on consecutive days and on a second run the same day;
catch-up after missed days; e-mail through the configured backend without any item content."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.core import mail

from bmnn.deadlines.models import Notification
from bmnn.deadlines.services.daily import run_daily
from tests.deadlines.conftest import SUMMARY, TITLE, at

pytestmark = pytest.mark.django_db
D = dt.date
X = D(2027, 3, 10)  # expiry; the extension decision is due 60 days before: 09/01/2027


def _run(day: dt.date, **kw: Any) -> dict[str, Any]:
    with at(day):
        return run_daily(**kw)


def _item_notes(item: Any) -> list[tuple[str, int, int, dt.date]]:
    rows = Notification.objects.filter(object_type="registry.item", object_id=item.pk)
    return sorted((n.kind, n.lead_days, n.person_id, n.created_on) for n in rows)


def test_reminders_fire_once_at_each_lead_time(make_item: Any, people: dict[str, Any]) -> None:
    item = make_item(X)
    head, drafter = people["gd.giaoduc"].pk, people["cv.khaothi"].pk
    day = X - dt.timedelta(days=70)
    while day <= X + dt.timedelta(days=3):
        _run(day)
        assert _run(day)["skipped"] is True  # twice the same day
        day += dt.timedelta(days=1)
    _run(X + dt.timedelta(days=3), force=True)  # a forced rerun creates nothing either

    ext_due = X - dt.timedelta(days=60)
    expected = []
    for person in (head, drafter):
        # Extension decision (due 09/01/2027): the first-ever run on X−70 (10 days before it) raises the
        # most urgent lead already passed (30 days) once; then the 7- and 1-day leads and overdue.
        expected += [
            ("extension_decision", 30, person, X - dt.timedelta(days=70)),
            ("extension_decision", 7, person, ext_due - dt.timedelta(days=7)),
            ("extension_decision", 1, person, ext_due - dt.timedelta(days=1)),
            ("extension_decision", -1, person, ext_due + dt.timedelta(days=1)),
        ]
        # Expiry: 60, 30, 7, 1 days before; no overdue (declassified automatically the day after).
        expected += [("expiry", lead, person, X - dt.timedelta(days=lead)) for lead in (60, 30, 7, 1)]
    assert _item_notes(item) == sorted(expected)
    assert Counter(lead for _k, lead, _p, _d in _item_notes(item)) == {7: 4, 1: 4, 60: 2, 30: 4, -1: 2}


def test_lead_times_are_configurable(make_item: Any, settings: Any) -> None:
    settings.BMNN_REMINDER_LEAD_DAYS = (10,)
    item = make_item(X)
    for offset in range(12, 8, -1):
        _run(X - dt.timedelta(days=offset))
    expiry = [(k, lead) for k, lead, _p, _d in _item_notes(item) if k == "expiry"]
    assert expiry == [("expiry", 10), ("expiry", 10)]


def test_catch_up_after_missed_days_raises_the_most_urgent_lead_once(make_item: Any) -> None:
    item = make_item(X)
    _run(X - dt.timedelta(days=70))
    before = set(_item_notes(item))
    _run(X - dt.timedelta(days=5))  # missed 64 days: the 60, 30 and 7-day leads of the expiry crossed
    new = [n for n in _item_notes(item) if n not in before]
    expiry = sorted((k, lead) for k, lead, _p, _d in _item_notes(item) if k == "expiry")
    assert expiry == [("expiry", 7), ("expiry", 7)]
    assert all(created == X - dt.timedelta(days=5) for _k, _l, _p, created in new)
    _run(X - dt.timedelta(days=1))
    expiry = sorted((k, lead) for k, lead, _p, _d in _item_notes(item) if k == "expiry")
    assert expiry == [("expiry", 1), ("expiry", 1), ("expiry", 7), ("expiry", 7)]


def test_messages_and_emails_carry_no_item_content(make_item: Any, people: dict[str, Any]) -> None:
    item = make_item(X)
    _run(X - dt.timedelta(days=61))
    mail.outbox.clear()
    counts = _run(X - dt.timedelta(days=60))
    notes = Notification.objects.filter(object_id=item.pk, kind="expiry")
    assert notes.count() == 2
    for n in notes:
        assert n.message.startswith("Hết thời hạn bảo vệ – số ")
        assert item.number_symbol in n.message and "còn 60 ngày" in n.message
        assert TITLE not in n.message and SUMMARY not in n.message and "Tối mật" not in n.message
    recipients = {m.to[0] for m in mail.outbox}
    assert {people["gd.giaoduc"].email, people["cv.khaothi"].email} <= recipients
    assert counts["emails"] == len(mail.outbox)
    for m in mail.outbox:
        assert TITLE not in m.body and SUMMARY not in m.body and "Tối mật" not in m.body
        assert TITLE not in m.subject
    mine = [m for m in mail.outbox if m.to == [people["cv.khaothi"].email]]
    assert len(mine) == 1 and item.number_symbol in mine[0].body
    assert all(n.emailed_at is not None for n in notes)


def test_no_email_without_smtp(make_item: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    make_item(X)
    _run(X - dt.timedelta(days=61))
    counts = _run(X - dt.timedelta(days=60))
    assert counts["reminders"] >= 2 and counts["emails"] == 0
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_first_ever_run_raises_the_most_urgent_passed_lead_of_every_open_deadline(
    make_item: Any, people: dict[str, Any]
) -> None:
    """Legacy deadlines when the system is installed: nobody misses an act already overdue or close,
    and nothing is raised twice by the next run."""
    day = D(2026, 11, 23)
    overdue = make_item(D(2026, 12, 20))  # extension decision due 21/10/2026: overdue; expiry in 27 days
    soon = make_item(D(2027, 1, 25))  # extension decision due 26/11/2026 (in 3 days: 7-day lead)
    far = make_item(D(2030, 1, 1))  # nothing crossed yet
    _run(day)
    head = people["gd.giaoduc"].pk

    def leads(item: Any) -> list[tuple[str, int]]:
        return sorted((k, lead) for k, lead, p, _d in _item_notes(item) if p == head)

    assert leads(overdue) == [("expiry", 30), ("extension_decision", -1)]
    assert leads(soon) == [("extension_decision", 7)]
    assert leads(far) == []
    msg = Notification.objects.get(object_id=overdue.pk, kind="extension_decision", person_id=head).message
    assert "đã quá hạn từ ngày 21/10/2026" in msg
    total = Notification.objects.count()
    # The next day only new crossings are raised (no replay of older lead times).
    counts = _run(day + dt.timedelta(days=1))
    assert Notification.objects.count() == total + counts["reminders"]
    assert leads(overdue) == [("expiry", 30), ("extension_decision", -1)]
