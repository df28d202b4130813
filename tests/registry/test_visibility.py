"""Visibility: a fixed matrix of people × items with the exact set of visible items for each person.

Clearance AND need-to-know AND unit scope; "only the named person may open" items to the named person
alone; everyone else gets nothing (and 404 from the pages and the API).
"""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.registry import selectors
from bmnn.registry.models import Grant
from bmnn.registry.services import determination, registration
from tests.registry.conftest import approve, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(demo: dict[str, Any], lists: dict[str, Any]) -> dict[str, int]:
    exam, plan = lists["531/QĐ-TTg:TOI_MAT:1"], lists["531/QĐ-TTg:MAT:2"]
    tp = demo["tp.khaothi"].person
    a = make_proposal(demo, exam, submit=False, title="A bản nháp")
    b = make_proposal(demo, exam, title="B chờ xác định")
    c = approve(demo, make_proposal(demo, exam, title="C đã xác định", recipient_people=[tp]))
    d = approve(demo, make_proposal(demo, plan, proposed_level="MAT", title="D mật"))
    Grant.objects.create(
        item=d, person=demo["tp.noivu"].person, reason="ngoài phạm vi", granted_by=demo["gd.giaoduc"]
    )
    e = registration.register_incoming(
        demo["vanthu.giaoduc"],
        sender="Bộ GD&ĐT",
        number_symbol="E/BGDĐT",
        envelope_level="TOI_MAT",
        field="education_training",
        named_recipient=demo["gd.giaoduc"].person,
        named_only=True,
    ).item
    f = approve(demo, make_proposal(demo, exam, drafter="chuyenvien", title="F UBND tỉnh"), who="chutich")
    g = registration.register_incoming(
        demo["vanthu.giaoduc"],
        sender="Trường THPT",
        number_symbol="G/THPT",
        envelope_level="MAT",
        field="education_training",
        summary="G đến",
    ).item
    return {"A": a.pk, "B": b.pk, "C": c.pk, "D": d.pk, "E": e.pk, "F": f.pk, "G": g.pk}


MATRIX = {
    "cv.khaothi": {"A", "B", "C", "D"},  # drafter of A-D
    "tp.khaothi": {"C"},  # recipient of C only
    "gd.giaoduc": {"B", "C", "D", "E"},  # head: pending B, approver C/D, named recipient of E
    "vanthu.giaoduc": {"C", "D", "G"},  # clerk: determined/received items of the agency, not E
    "chutich": {"F"},  # approver of F; heads another agency than A-E
    "chuyenvien": {"F"},
    "vanthu": {"F"},
    "tp.noivu": set(),  # a grant on D, but Sở GD&ĐT is outside the Sở Nội vụ subtree
    "quantri": set(),
    "thanhtra": set(),
    "vanthu.anphu": set(),
}


@pytest.mark.parametrize("username", sorted(MATRIX))
def test_visible_item_sets(demo, items, username) -> None:
    names = {pk: name for name, pk in items.items()}
    visible = {names[pk] for pk in selectors.visible_items(demo[username]).values_list("pk", flat=True)}
    assert visible == MATRIX[username]


def test_clearance_below_level_hides_an_item(demo, items) -> None:
    tp = demo["tp.khaothi"]
    assert selectors.item_for(tp, items["C"]) is not None
    tp.person.clearance = "MAT"
    tp.person.save()
    assert selectors.item_for(tp, items["C"]) is None


def test_superuser_without_person_sees_nothing(demo, items, django_user_model) -> None:
    root = django_user_model.objects.create_superuser("root", password="x" * 16)
    assert list(selectors.visible_items(root)) == []
    assert list(selectors.visible_entries(root)) == []


def test_revoked_grant_and_left_person(demo, items) -> None:
    from django.utils import timezone

    tp = demo["tp.khaothi"]
    d = selectors.item_for(demo["gd.giaoduc"], items["D"])
    grant = determination.grant_access(demo["gd.giaoduc"], d, tp.person, "phối hợp")
    assert selectors.item_for(tp, items["D"]) is not None
    grant.revoked_at = timezone.now()
    grant.save()
    assert selectors.item_for(tp, items["D"]) is None
    cv = demo["cv.khaothi"]
    cv.person.status = "left"
    cv.person.save()
    assert list(selectors.visible_items(cv)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["declassified", "destroyed"])
def test_registry_staff_keep_seeing_declassified_and_destroyed_items(demo, exam_item, status):
    item = approve(demo, make_proposal(demo, exam_item))
    type(item).objects.filter(pk=item.pk).update(status=status)
    assert selectors.visible_items(demo["vanthu.giaoduc"]).filter(pk=item.pk).exists()
    assert not selectors.visible_items(demo["vanthu.taichinh"]).filter(pk=item.pk).exists()
