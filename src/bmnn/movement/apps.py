from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _routed(request: HttpRequest) -> bool:
    try:
        reverse("movement_take_outs")
    except NoReverseMatch:
        return False
    return bool(request.user.is_authenticated)


def _staff(request: HttpRequest) -> bool:
    from bmnn.registry.services.common import is_registry_staff

    return _routed(request) and is_registry_staff(request.user)


def take_out_returns(day: dt.date) -> Iterator[Any]:
    """Deadline provider: every take-out still out is due back on its return date (R-OUT-4); the carrier
    and the agency's security officers must act."""
    from bmnn.deadlines.providers import Due
    from bmnn.movement.models import TakeOut, TakeOutStatus
    from bmnn.organizations.models import Person

    rows = TakeOut.objects.filter(status=TakeOutStatus.OUT).select_related("item")
    officers: dict[int, tuple[int, ...]] = {}
    for t in rows:
        if t.agency_id not in officers:
            officers[t.agency_id] = tuple(
                Person.objects.filter(
                    agency_id=t.agency_id, status="active", user__groups__name="security_officer"
                ).values_list("pk", flat=True)
            )
        yield Due(
            kind="take_out_return",
            due_on=t.due_on,
            # Never the item's title: reminders, e-mails and calendar feeds leave the secure pages.
            title=f"Nộp lại tài liệu mang ra (phiếu số {t.pk}; {t.item.number_symbol or f'#{t.item_id}'})",
            agency_id=t.agency_id,
            object_type="movement.takeout",
            object_id=t.pk,
            person_ids=(t.carrier_id, *officers[t.agency_id]),
            rule_id="R-OUT-4",
            url=reverse("movement_take_out", kwargs={"pk": t.pk}),
        )


class MovementConfig(AppConfig):
    name = "bmnn.movement"
    label = "movement"
    verbose_name = _("Taking out, meetings and recall")

    def ready(self) -> None:
        from bmnn.deadlines import providers
        from bmnn.movement import selectors
        from bmnn.web import dashboard, navigation

        navigation.register(navigation.NavItem("movement_take_outs", _("Taking out"), 40, _routed))
        navigation.register(navigation.NavItem("movement_meetings", _("Meetings"), 41, _routed))
        navigation.register(navigation.NavItem("movement_departures", _("Departures and recall"), 42, _staff))
        providers.register("take_out_return", take_out_returns)
        dashboard.register(
            dashboard.Card(
                "movement_overdue",
                _("Take-outs overdue for return"),
                lambda u: selectors.overdue_take_outs(u).count(),
                url_name="movement_take_outs",
                order=60,
            )
        )
        dashboard.register(
            dashboard.Card(
                "movement_items_out",
                _("People leaving with items still out"),
                lambda u: len(selectors.people_with_items_out(u)),
                url_name="movement_recall_report",
                order=61,
            )
        )
