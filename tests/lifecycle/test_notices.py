"""Notices are tracked until sent; the ``notice`` deadline provider lists the open ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.deadlines import providers
from bmnn.lifecycle.models import Notice, ReMarkTask
from bmnn.lifecycle.services import extension, notices

pytestmark = pytest.mark.django_db


def _extended(demo: dict[str, Any], item: Any) -> Any:
    ext = extension.propose_extension(demo["cv.khaothi"], item, years=5, reason="Còn giá trị")
    return extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number="05/QĐ")


def test_provider_lists_open_notices_until_sent(demo: dict[str, Any], registered: Any) -> None:
    _extended(demo, registered)
    provider = providers.all_providers()["notice"]
    due = list(provider(dt.date.today()))
    assert len(due) == 2 and {d.kind for d in due} == {"notice"} and {d.rule_id for d in due} == {"R-EXT-3"}
    assert all(d.url == f"/vong-doi/tai-lieu/{registered.pk}/" for d in due)
    first = Notice.objects.order_by("pk").first()
    assert first is not None
    notices.send_notice(demo["vanthu.giaoduc"], first, reference="16/TB-SGDĐT")
    assert len(list(provider(dt.date.today()))) == 1
    event = AuditEvent.objects.get(action="lifecycle.notice.send")
    assert event.summary["late"] is False


def test_sending_by_someone_else_or_twice_is_refused(demo: dict[str, Any], registered: Any) -> None:
    _extended(demo, registered)
    notice = Notice.objects.order_by("pk").first()
    assert notice is not None
    with pytest.raises(Refused) as err:
        notices.send_notice(demo["cv.khaothi"], notice, reference="1/TB")
    assert err.value.rule_id == "R-EXT-3"
    notice.refresh_from_db()
    assert notice.sent_on is None
    notices.send_notice(demo["vanthu.giaoduc"], notice, reference="1/TB")
    with pytest.raises(Refused):
        notices.send_notice(demo["vanthu.giaoduc"], notice, reference="2/TB")
    notice.refresh_from_db()
    assert notice.reference == "1/TB"
    assert AuditEvent.objects.filter(action="lifecycle.notice.send.refused").count() == 2


def test_remark_by_copy_holder(demo: dict[str, Any], registered: Any) -> None:
    _extended(demo, registered)
    task = ReMarkTask.objects.get(copy__isnull=False)
    with pytest.raises(Refused):
        notices.remark_done(demo["gd.noivu"], task)
    notices.remark_done(demo["cv.khaothi"], task)
    task.refresh_from_db()
    assert task.done_on is not None
