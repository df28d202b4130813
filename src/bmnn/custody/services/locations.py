"""Storage locations (safes, locked cabinets, secure rooms) of an agency, kept by its security officer or
administrator; moving an item or a copy to another location is a Form 16 line like any other handover."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import Copy, Handover, Location, LocationKind
from bmnn.organizations.models import Unit
from bmnn.registry.models import Item
from bmnn.registry.services.common import act, actor_person, system_refusal

MANAGER_GROUPS = ("security_officer", "administrator")


def may_manage_locations(actor: Any) -> bool:
    return bool(actor.groups.filter(name__in=MANAGER_GROUPS).exists())


def save_location(
    actor: Any,
    *,
    name: str,
    kind: str,
    code: str = "",
    unit: Unit | None = None,
    active: bool = True,
    location: Location | None = None,
    on: dt.date | None = None,
) -> Location:
    """Create (``location`` None) or change a location of the actor's own agency.  Keeping the places
    where secrets are stored is the security officer's duty (Law Art. 13; access control Art. 5.2)."""
    on = on or timezone.localdate()

    def body() -> Location:
        person = actor_person(actor, on)
        if not may_manage_locations(actor):
            raise system_refusal(
                "chỉ cán bộ bảo mật hoặc quản trị của cơ quan được quản lý nơi cất giữ",
                "CUSTODY-LOCATION",
                on,
                article="5",
            )
        if kind not in LocationKind.values:
            raise system_refusal(
                "loại nơi cất giữ không hợp lệ", "CUSTODY-LOCATION", on, field="kind", article="5"
            )
        if unit is not None and unit.agency_id != person.agency_id:
            raise system_refusal(
                "đơn vị không thuộc cơ quan", "CUSTODY-LOCATION", on, field="unit", article="5"
            )
        if location is not None:
            row = Location.objects.select_for_update().get(pk=location.pk)
            if row.agency_id != person.agency_id:
                raise system_refusal("nơi cất giữ không thuộc cơ quan", "CUSTODY-LOCATION", on, article="5")
            if not active and _holds_anything(row):
                raise system_refusal(
                    "nơi cất giữ còn tài liệu, phải chuyển đi trước khi ngừng sử dụng",
                    "CUSTODY-LOCATION",
                    on,
                    field="active",
                    article="5",
                )
            action = "custody.location.update"
        else:
            row = Location(agency_id=person.agency_id)
            action = "custody.location.create"
        row.name, row.kind, row.code, row.unit, row.active = name.strip(), kind, code.strip(), unit, active
        row.save()
        audit.record(actor, action, row, summary={"name": row.name, "kind": row.kind, "active": row.active})
        return row

    return act(actor, "custody.location.save", location, body)


def _holds_anything(location: Location) -> bool:
    return (
        Item.objects.filter(location=location).exists()
        or Copy.objects.filter(location=location, status="active").exists()
    )


def move(
    actor: Any,
    *,
    item: Item,
    to_location: Location,
    copy: Copy | None = None,
    receipt_no: str = "",
    note: str = "",
) -> Handover:
    """Move an item or a copy to another place; the holder stays the same (a Form 16 line "moved")."""
    from bmnn.custody.services.custody import transfer

    return transfer(
        actor,
        item=item,
        copy=copy,
        purpose="move",
        to_person=None,
        to_location=to_location,
        receipt_kind="receipt",
        receipt_no=receipt_no,
        note=note,
    )
