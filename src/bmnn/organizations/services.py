"""Writes on the organisation tree. Each function: check permission and scope, validate, change, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict

from bmnn.core import audit
from bmnn.core.errors import NotFound, Refused, refuse
from bmnn.organizations import selectors
from bmnn.organizations.models import (
    Agency,
    Assignment,
    Delegation,
    Person,
    PersonStatus,
    Position,
    Unit,
    current_on,
)
from bmnn.organizations.roles import SECURITY_OFFICER

MANAGE_REFUSAL = (
    "Không được phép: chỉ quản trị viên hoặc cán bộ bảo mật được giao quản lý tổ chức mới được thay đổi "
    "danh mục cơ quan, đơn vị, chức vụ và con người (quy chế phân quyền của hệ thống)."
)


def _summary(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    data = model_to_dict(obj, fields=fields)
    return {k: (str(v) if isinstance(v, dt.date) else v) for k, v in data.items()}


def _require_manager(actor: Any, action: str) -> None:
    if not selectors.can_manage(actor):
        raise refuse(actor, action, Refused(MANAGE_REFUSAL))


def _require_agency_in_scope(actor: Any, agency: Agency | None) -> None:
    if agency is not None and not selectors.scope_agencies(actor).filter(pk=agency.pk).exists():
        raise NotFound


def validate_tags(tags: list[str]) -> list[str]:
    from bmnn import rules

    known = rules.AUTHORITY_TAGS
    prefix = rules.DEPUTY_PREFIX
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if not tag:
            continue
        base = tag.removeprefix(prefix)
        if base not in known:
            raise Refused(
                f"Thẻ thẩm quyền '{tag}' không có trong danh mục thẩm quyền của bmnn.rules.",
                field="authority_tags",
            )
        if tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def _set_path(agency: Agency) -> None:
    parent_path = agency.parent.path if agency.parent_id else "/"
    agency.path = f"{parent_path}{agency.pk}/"
    agency.save(update_fields=["path"])


def save_agency(actor: Any, agency: Agency) -> Agency:
    """Create or update an agency (the form has already validated the fields)."""
    action = "organizations.agency.update" if agency.pk else "organizations.agency.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, agency.parent)
    if agency.pk and not selectors.is_superuser(actor):
        _require_agency_in_scope(actor, Agency.objects.get(pk=agency.pk))
    if (
        agency.parent_id
        and agency.pk
        and agency.parent.path.startswith(Agency.objects.get(pk=agency.pk).path or "\x00")
    ):
        raise Refused(
            "Cơ quan cấp trên không thể là chính cơ quan này hoặc một cơ quan trực thuộc nó.", field="parent"
        )
    if agency.parent is None and not selectors.is_superuser(actor):
        raise Refused("Chỉ quản trị viên toàn hệ thống mới được tạo cơ quan cấp cao nhất.", field="parent")
    with transaction.atomic():
        before = _summary(Agency.objects.get(pk=agency.pk)) if agency.pk else None
        agency.save()
        _set_path(agency)
        for child in Agency.objects.filter(parent=agency):
            _set_path(child)
        audit.record(actor, action, agency, summary={"before": before, "after": _summary(agency)})
    return agency


def save_unit(actor: Any, unit: Unit) -> Unit:
    action = "organizations.unit.update" if unit.pk else "organizations.unit.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, unit.agency)
    if unit.parent_id and unit.parent.agency_id != unit.agency_id:
        raise Refused("Đơn vị cấp trên phải thuộc cùng cơ quan.", field="parent")
    with transaction.atomic():
        before = _summary(Unit.objects.get(pk=unit.pk)) if unit.pk else None
        unit.save()
        audit.record(actor, action, unit, summary={"before": before, "after": _summary(unit)})
    return unit


def save_position(actor: Any, position: Position) -> Position:
    action = "organizations.position.update" if position.pk else "organizations.position.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, position.agency)
    if position.unit_id and position.unit.agency_id != position.agency_id:
        raise Refused("Đơn vị của chức vụ phải thuộc cùng cơ quan.", field="unit")
    position.authority_tags = validate_tags(list(position.authority_tags or []))
    with transaction.atomic():
        before = _summary(Position.objects.get(pk=position.pk)) if position.pk else None
        position.save()
        audit.record(actor, action, position, summary={"before": before, "after": _summary(position)})
    return position


def save_person(actor: Any, person: Person, *, username: str = "", password: str = "") -> Person:
    """Create or update a person; with ``username`` and ``password``, also create their sign-in account."""
    action = "organizations.person.update" if person.pk else "organizations.person.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, person.agency)
    if person.unit_id and person.unit.agency_id != person.agency_id:
        raise Refused("Đơn vị phải thuộc cơ quan của người này.", field="unit")
    user_model = get_user_model()
    if username:
        if person.user_id:
            raise Refused("Người này đã có tài khoản đăng nhập.", field="username")
        if user_model.objects.filter(username=username).exists():
            raise Refused(f"Tên đăng nhập '{username}' đã được dùng.", field="username")
        try:
            validate_password(password, user_model(username=username))
        except ValidationError as exc:
            raise Refused(" ".join(exc.messages), field="password") from exc
    with transaction.atomic():
        before = _summary(Person.objects.get(pk=person.pk)) if person.pk else None
        if username:
            user = user_model(username=username, email=person.email)
            user.set_password(password)
            user.save()
            person.user = user
        person.save()
        audit.record(actor, action, person, summary={"before": before, "after": _summary(person)})
    return person


def assign(
    actor: Any,
    person: Person,
    position: Position,
    start_date: dt.date,
    end_date: dt.date | None = None,
    decision_ref: str = "",
) -> Assignment:
    """Appoint a person to a position for a dated term."""
    action = "organizations.assignment.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, person.agency)
    _require_agency_in_scope(actor, position.agency)
    if end_date is not None and end_date < start_date:
        raise refuse(
            actor, action, Refused("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", field="end_date")
        )
    overlap = Assignment.objects.filter(
        position=position, person=person, start_date__lte=end_date or dt.date.max
    )
    overlap = overlap.exclude(end_date__lt=start_date)
    if overlap.exists():
        raise refuse(
            actor,
            action,
            Refused("Người này đã giữ chức vụ này trong khoảng thời gian đó.", field="start_date"),
        )
    with transaction.atomic():
        assignment = Assignment.objects.create(
            person=person,
            position=position,
            start_date=start_date,
            end_date=end_date,
            decision_ref=decision_ref,
        )
        audit.record(actor, action, assignment, summary={"after": _summary(assignment)})
    return assignment


def end_assignment(actor: Any, assignment: Assignment, end_date: dt.date) -> Assignment:
    action = "organizations.assignment.end"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, assignment.person.agency)
    if end_date < assignment.start_date:
        raise refuse(
            actor, action, Refused("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", field="end_date")
        )
    with transaction.atomic():
        before = _summary(assignment)
        assignment.end_date = end_date
        assignment.save(update_fields=["end_date"])
        audit.record(actor, action, assignment, summary={"before": before, "after": _summary(assignment)})
    return assignment


def save_delegation(actor: Any, delegation: Delegation) -> Delegation:
    """Record a written delegation. The delegator must hold the delegated-from position on its first day."""
    action = "organizations.delegation.update" if delegation.pk else "organizations.delegation.create"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, delegation.delegator.agency)
    if delegation.end_date < delegation.start_date:
        raise refuse(actor, action, Refused("Ngày hết hiệu lực phải sau ngày bắt đầu.", field="end_date"))
    if delegation.delegator_id == delegation.deputy_id:
        raise refuse(actor, action, Refused("Không thể tự uỷ quyền cho chính mình.", field="deputy"))
    holds = selectors.current_assignments(delegation.delegator, delegation.start_date).filter(
        position=delegation.delegator_position
    )
    if not holds.exists():
        raise refuse(
            actor,
            action,
            Refused(
                "Người uỷ quyền không giữ chức vụ này vào ngày bắt đầu uỷ quyền, nên không thể uỷ quyền "
                "(Điều 11 khoản 5 Luật Bảo vệ bí mật nhà nước).",
                field="delegator_position",
            ),
        )
    with transaction.atomic():
        before = _summary(Delegation.objects.get(pk=delegation.pk)) if delegation.pk else None
        delegation.save()
        audit.record(actor, action, delegation, summary={"before": before, "after": _summary(delegation)})
    return delegation


def revoke_delegation(actor: Any, delegation: Delegation, on: dt.date) -> Delegation:
    action = "organizations.delegation.revoke"
    _require_manager(actor, action)
    _require_agency_in_scope(actor, delegation.delegator.agency)
    with transaction.atomic():
        delegation.revoked_on = on
        delegation.save(update_fields=["revoked_on"])
        audit.record(actor, action, delegation, summary={"revoked_on": str(on)})
    return delegation


DEPART_ACTION = "organizations.person.depart"


def _departure_refusal(message_vi: str, on: dt.date, field: str = "") -> Refused:
    """Access control refusal citing Law Art. 5 khoản 2 (unlawful access / acts are prohibited)."""
    from bmnn.rules import Citation, regime_for

    cite = Citation(regime_for(on).data["law"], "5", "2")
    return Refused(
        f"Không được phép: {message_vi} ({cite.vi()})",
        rule_id="ACCESS-GRANT",
        citation=cite.vi(),
        field=field,
    )


def may_end_for_departure(actor: Any, person: Person) -> bool:
    """An organisation manager, or a security officer whose scope holds the person's agency."""
    in_scope = selectors.scope_agencies(actor).filter(pk=person.agency_id).exists()
    if selectors.can_manage(actor):
        return in_scope
    is_officer = bool(
        getattr(actor, "is_authenticated", False) and actor.groups.filter(name=SECURITY_OFFICER).exists()
    )
    return is_officer and in_scope


def end_for_departure(
    actor: Any, person: Person, on: dt.date, reason: str, departure_ref: str
) -> list[Assignment]:
    """End the person's current posts and set them as left, as the last step of a completed recall on
    departure (Law Art. 26.2(d)).  Allowed to an organisation manager or to a security officer of the
    person's agency (scope), and only with the departure's reference.  One audit event per ended term
    (``organizations.assignment.end``) and one for the status change (``organizations.person.depart``);
    runs inside the caller's transaction when there is one."""
    if not may_end_for_departure(actor, person):
        raise refuse(
            actor,
            DEPART_ACTION,
            _departure_refusal(
                "chỉ quản trị tổ chức hoặc cán bộ bảo mật của cơ quan được kết thúc công tác của người "
                "nghỉ việc",
                on,
            ),
            person,
        )
    if not departure_ref.strip():
        raise refuse(
            actor,
            DEPART_ACTION,
            _departure_refusal("chỉ kết thúc công tác khi hoàn tất thủ tục thu hồi BMNN", on, "departure"),
            person,
        )
    if person.status != PersonStatus.ACTIVE:
        raise refuse(
            actor,
            DEPART_ACTION,
            _departure_refusal("người này không còn công tác", on, "person"),
            person,
        )
    via = {"departure": departure_ref.strip(), "reason": reason}
    ended: list[Assignment] = []
    with transaction.atomic():
        for assignment in Assignment.objects.filter(current_on(on), person=person).order_by("pk"):
            before = _summary(assignment)
            assignment.end_date = max(on, assignment.start_date)
            assignment.save(update_fields=["end_date"])
            audit.record(
                actor,
                "organizations.assignment.end",
                assignment,
                summary={"before": before, "after": _summary(assignment), **via},
            )
            ended.append(assignment)
        before = _summary(person, ["status"])
        person.status = PersonStatus.LEFT
        person.save(update_fields=["status"])
        audit.record(
            actor,
            DEPART_ACTION,
            person,
            summary={
                "before": before,
                "after": _summary(person, ["status"]),
                "assignments_ended": [a.pk for a in ended],
                **via,
            },
        )
    return ended
