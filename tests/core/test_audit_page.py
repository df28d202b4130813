"""The events page: only for holders of core.view_auditevent, filtered, paginated, newest first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from tests.core.conftest import append

from bmnn.core import audit
from bmnn.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/nhat-ky/"


@pytest.mark.parametrize("username", ["quantri", "baomat", "thanhtra"])
def test_officers_and_inspectors_see_the_trail(client_as, username):
    response = client_as(username).get(URL)
    assert response.status_code == 200
    assert b"demo.load" in response.content
    assert b'href="/nhat-ky/"' in response.content  # the menu entry


@pytest.mark.parametrize("username", ["vanthu", "chutich"])
def test_others_get_404_and_no_menu_entry(client_as, username):
    client = client_as(username)
    assert client.get(URL).status_code == 404
    assert b'href="/nhat-ky/"' not in client.get("/").content


def test_anonymous_is_sent_to_sign_in():
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_newest_first_50_per_page_and_filters_kept_across_pages(client_as):
    append(120, action="test.bulk")
    client = client_as("baomat")
    first = client.get(URL, {"action": "test.bulk"})
    seqs = [e.seq for e, _ in first.context["rows"]]
    assert len(seqs) == 50 and seqs == sorted(seqs, reverse=True)
    assert seqs[0] == AuditEvent.objects.filter(action="test.bulk").order_by("-seq").first().seq
    assert b"action=test.bulk&amp;page=2" in first.content
    last = client.get(URL, {"action": "test.bulk", "page": 3})
    assert len(last.context["rows"]) == 20


def test_filters(client_as):
    with transaction.atomic():
        audit.record(
            None,
            "registry.item.register",
            object_type="registry.item",
            object_id="77",
            object_repr="Công văn số 12/CV-MẬT",
            summary={"after": {"ref": "HS-7781"}},
        )
    append(3)
    client = client_as("thanhtra")

    def seqs(**params: str) -> set[int]:
        return {e.seq for e, _ in client.get(URL, params).context["rows"]}

    target = AuditEvent.objects.get(action="registry.item.register").seq
    assert seqs(object_type="registry.item") == {target}
    assert seqs(object_id="77") == {target}
    assert seqs(q="12/CV") == {target}
    assert seqs(q="Công văn") == {target}
    assert seqs(q="hs-7781") == {target}  # inside the before/after summary
    assert target not in seqs(actor="anonymous")
    assert target in seqs(actor="system")
    today = timezone.localdate()
    assert target in seqs(date_from=today.strftime("%d/%m/%Y"), date_to=today.strftime("%d/%m/%Y"))
    tomorrow = today + dt.timedelta(days=1)
    assert seqs(date_from=tomorrow.strftime("%d/%m/%Y")) == set()
    assert (
        client.get(URL, {"date_from": "31/02/2025"}).status_code == 200
    )  # a bad date is an error, not a crash


def test_the_page_offers_no_way_to_change_events(client_as):
    content = client_as("quantri").get(URL).content.decode()
    assert 'method="post"' not in content.split("<main>", 1)[1]
    assert AuditEvent.objects.count() >= 1
