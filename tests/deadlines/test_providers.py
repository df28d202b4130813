"""Provider isolation: a provider that raises does not fail the daily run; its error is recorded in the
JobRun and the audit log and shown to the security officer/admin; the other providers' rows (and its own
rows from the previous run) are kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.deadlines import providers
from bmnn.deadlines.models import Deadline, JobRun
from bmnn.deadlines.providers import Due
from bmnn.deadlines.services.daily import PROVIDER_FAILED, run_daily
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 11, 23)


class Flaky:
    """A real provider: yields one notice until told to fail, then raises as a broken app would."""

    def __init__(self, agency_id: int, person_id: int, object_id: int) -> None:
        self.agency_id, self.person_id, self.object_id = agency_id, person_id, object_id
        self.broken = False

    def __call__(self, day: dt.date) -> Iterator[Due]:
        yield Due(
            kind="notice",
            due_on=day + dt.timedelta(days=5),
            title="Hạn thông báo bằng văn bản",
            agency_id=self.agency_id,
            object_type="tests.notice",
            object_id=self.object_id,
            person_ids=(self.person_id,),
            rule_id="R-TEST",
        )
        if self.broken:
            raise RuntimeError("bảng thông báo không đọc được")


@pytest.fixture
def two_providers(people: dict[str, Any]) -> Iterator[tuple[Flaky, Flaky]]:
    me = people["cv.khaothi"]
    good, bad = Flaky(me.agency_id, me.pk, 1), Flaky(me.agency_id, me.pk, 2)
    providers.register("test_good", good)
    providers.register("test_bad", bad)
    try:
        yield good, bad
    finally:
        providers.unregister("test_good")
        providers.unregister("test_bad")


def _run(day: dt.date, **kw: Any) -> dict[str, Any]:
    with at(day):
        return run_daily(**kw)


def test_failing_provider_is_isolated_recorded_and_shown(
    two_providers: tuple[Flaky, Flaky], make_item: Any, client_as: Any
) -> None:
    _good, bad = two_providers
    item = make_item(D(2027, 1, 22))
    first = _run(DAY - dt.timedelta(days=1))
    assert first["provider_errors"] == 0
    assert first["provider:test_good"] == 1 and first["provider:test_bad"] == 1
    bad_row = Deadline.objects.get(source="test_bad")

    bad.broken = True
    counts = _run(DAY)
    assert counts["provider_errors"] == 1 and "provider:test_bad" not in counts
    assert counts["provider:test_good"] == 1
    run = JobRun.objects.get(day=DAY)
    assert run.finished is not None
    assert [e["provider"] for e in run.errors] == ["test_bad"]
    assert "RuntimeError: bảng thông báo không đọc được" in run.errors[0]["error"]
    # The others' rows and the failing provider's rows of the previous run are kept.
    assert Deadline.objects.filter(source="test_good").count() == 1
    assert list(Deadline.objects.filter(source="test_bad")) == [bad_row]
    assert Deadline.objects.filter(source="item", object_id=item.pk).count() == 4
    event = AuditEvent.objects.get(action=PROVIDER_FAILED)
    assert event.actor_id is None and event.object_id == "test_bad"
    assert event.summary["job_day"] == DAY.isoformat() and "RuntimeError" in event.summary["error"]

    # The security officer and the admin see it; a drafter does not.
    for name in ("baomat", "quantri"):
        with at(DAY, hour=10):
            body = client_as(name).get("/thoi-han/lan-chay/").content.decode()
        errors = body.split('data-testid="job-runs"')[1]
        assert "test_bad" in errors and "bảng thông báo không đọc được" in errors
    with at(DAY, hour=10):
        assert client_as("cv.khaothi").get("/thoi-han/lan-chay/").status_code == 404

    # Fixed the next day: no error, its rows synchronised again.
    bad.broken = False
    assert _run(DAY + dt.timedelta(days=1))["provider_errors"] == 0
    assert JobRun.objects.get(day=DAY + dt.timedelta(days=1)).errors == []
    assert Deadline.objects.get(source="test_bad").due_on == DAY + dt.timedelta(days=6)
    assert AuditEvent.objects.filter(action=PROVIDER_FAILED).count() == 1


def test_unregistered_provider_rows_are_dropped(two_providers: tuple[Flaky, Flaky]) -> None:
    _run(DAY - dt.timedelta(days=1))
    providers.unregister("test_bad")
    _run(DAY)
    assert not Deadline.objects.filter(source="test_bad").exists()
    assert Deadline.objects.filter(source="test_good").count() == 1
