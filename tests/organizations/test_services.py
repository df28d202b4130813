"""Organisation services: permission, scope, validation, one audit event per change."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.core.errors import NotFound, Refused
from bmnn.core.models import AuditEvent
from bmnn.organizations import selectors, services
from bmnn.organizations.models import Agency, Assignment, Delegation, Person, Position, Unit

pytestmark = pytest.mark.django_db


def test_administrator_creates_unit_with_audit_event(demo):
    admin = demo["quantri"]
    agency = Agency.objects.get(code="so-noi-vu")
    before = AuditEvent.objects.count()
    unit = services.save_unit(admin, Unit(agency=agency, code="phong-moi", name="Phòng Mới"))
    event = AuditEvent.objects.get(action="organizations.unit.create", object_id=str(unit.pk))
    assert AuditEvent.objects.count() == before + 1
    assert event.actor == "quantri" and event.summary["after"]["name"] == "Phòng Mới"


def test_clerk_may_not_change_the_organisation_and_the_refusal_is_audited(demo):
    clerk = demo["vanthu"]
    agency = Agency.objects.get(code="so-noi-vu")
    with pytest.raises(Refused) as exc:
        services.save_unit(clerk, Unit(agency=agency, code="x", name="X"))
    assert "Không được phép" in exc.value.message
    assert not Unit.objects.filter(code="x").exists()
    assert AuditEvent.objects.filter(action="organizations.unit.create.refused", actor="vanthu").count() == 1


def test_agency_outside_scope_is_not_found(demo):
    from django.contrib.auth.models import Group

    commune_admin = demo["vanthu.anphu"]
    commune_admin.groups.add(Group.objects.get(name="administrator"))
    commune_admin = type(commune_admin).objects.get(pk=commune_admin.pk)  # fresh permission cache
    other = Agency.objects.get(code="xa-binh-minh")
    with pytest.raises(NotFound):
        services.save_unit(commune_admin, Unit(agency=other, code="y", name="Y"))


def test_unknown_authority_tag_is_refused(demo):
    admin = demo["quantri"]
    agency = Agency.objects.get(code="so-gddt")
    with pytest.raises(Refused) as exc:
        services.save_position(admin, Position(agency=agency, title="X", authority_tags=["khong_ton_tai"]))
    assert exc.value.field == "authority_tags"
    position = services.save_position(
        admin,
        Position(agency=agency, title="Phó Giám đốc", authority_tags=["deputy:provincial_department_head"]),
    )
    assert position.authority_tags == ["deputy:provincial_department_head"]


def test_assignment_terms_and_overlap(demo):
    admin = demo["quantri"]
    person = Person.objects.get(user__username="chuyenvien")
    position = Position.objects.get(title="Chánh Văn phòng UBND tỉnh")
    today = selectors.today()
    assignment = services.assign(admin, person, position, today, None, "QĐ 1")
    assert selectors.current_assignments(person).filter(pk=assignment.pk).exists()
    with pytest.raises(Refused):
        services.assign(admin, person, position, today + dt.timedelta(days=3))
    with pytest.raises(Refused):
        services.end_assignment(admin, assignment, today - dt.timedelta(days=1))
    services.end_assignment(admin, assignment, today)
    assert (
        not selectors.current_assignments(person, today + dt.timedelta(days=1))
        .filter(pk=assignment.pk)
        .exists()
    )
    assert Assignment.objects.get(pk=assignment.pk).end_date == today


def test_delegation_needs_the_delegator_to_hold_the_position(demo):
    admin = demo["quantri"]
    chairman = Person.objects.get(user__username="chutich")
    deputy = Person.objects.get(user__username="phochutich")
    wrong_position = Position.objects.get(title="Giám đốc Sở Nội vụ")
    today = selectors.today()
    bad = Delegation(
        delegator=chairman,
        delegator_position=wrong_position,
        deputy=deputy,
        acts=["copy"],
        max_level="TOI_MAT",
        start_date=today,
        end_date=today + dt.timedelta(days=10),
        document_ref="GUQ 2",
    )
    with pytest.raises(Refused) as exc:
        services.save_delegation(admin, bad)
    assert "Điều 11 khoản 5" in exc.value.message
    assert AuditEvent.objects.filter(action="organizations.delegation.create.refused").exists()
    self_delegation = Delegation(
        delegator=chairman,
        delegator_position=Position.objects.get(title="Chủ tịch UBND tỉnh"),
        deputy=chairman,
        acts=["copy"],
        max_level="MAT",
        start_date=today,
        end_date=today,
        document_ref="GUQ 3",
    )
    with pytest.raises(Refused):
        services.save_delegation(admin, self_delegation)


def test_agency_subtree_paths(demo):
    admin = demo["quantri"]
    root = Agency.objects.get(code="ubnd-tinh")
    new = services.save_agency(admin, Agency(code="so-moi", name="Sở Mới", tier="province", parent=root))
    assert new.path == f"{root.path}{new.pk}/"
    assert selectors.scope_agencies(demo["gd.noivu"]).filter(pk=new.pk).count() == 0
    assert selectors.scope_agencies(admin).filter(pk=new.pk).count() == 1
    with pytest.raises(Refused):
        services.save_agency(admin, Agency(code="goc", name="Gốc", tier="central"))


def test_demo_values_are_valid_choices(demo):
    from bmnn.core.choices import Level
    from bmnn.organizations.models import OfficerRole

    people = Person.objects.all()
    assert people.count() == 23
    assert {p.clearance for p in people} <= set(Level.values)
    assert {p.officer_role for p in people} <= set(OfficerRole.values)
    assert {"full_time", "part_time"} <= {p.officer_role for p in people}
    for person in people:
        person.full_clean()  # every demo row passes model validation
