from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

#: Items in someone's custody as state secrets: they may change holder or place, or be sent.
_HELD = ("determined", "received")


def _has_custody(user: Any, item: Any) -> bool:
    """A draft, a proposal or a refused proposal has no chain of custody yet."""
    return item.status not in ("draft", "proposed", "refused")


def _may_send(user: Any, item: Any) -> bool:
    from bmnn.custody.services.dispatch import may_dispatch
    from bmnn.organizations.selectors import person_for

    return item.status in _HELD and may_dispatch(user, person_for(user), item)


def _may_hand_over(user: Any, item: Any) -> bool:
    from bmnn.custody.services.handover import may_hand_over
    from bmnn.organizations.selectors import person_for

    person = person_for(user)
    return item.status in _HELD and person is not None and may_hand_over(user, person, item)


def _routed(request: HttpRequest) -> bool:
    try:
        reverse("custody_holdings")
    except NoReverseMatch:
        return False
    return bool(request.user.is_authenticated)


class CustodyConfig(AppConfig):
    name = "bmnn.custody"
    label = "custody"
    verbose_name = _("Custody of state secrets")

    def ready(self) -> None:
        from bmnn.custody import selectors
        from bmnn.web import dashboard, item_actions, navigation

        navigation.register(navigation.NavItem("custody_holdings", _("Custody"), 30, _routed))
        dashboard.register(
            dashboard.Card(
                "custody_overdue_recalls",
                _("Recalled items past their due-back date"),
                lambda u: selectors.overdue_recalls(u).count(),
                url_name="custody_recalls",
                order=60,
            )
        )
        dashboard.register(
            dashboard.Card(
                "custody_unopened",
                _("Envelopes for you, unopened"),
                lambda u: selectors.unopened_for_me(u).count(),
                url_name="custody_holdings",
                order=61,
            )
        )
        dashboard.register(
            dashboard.Card(
                "custody_to_send",
                _("Registered outgoing, not sent yet"),
                lambda u: selectors.awaiting_dispatch(u).count(),
                url_name="custody_holdings",
                order=62,
            )
        )
        item_actions.register(
            item_actions.ItemAction("custody_timeline", _("Custody timeline"), 30, _has_custody)
        )
        item_actions.register(item_actions.ItemAction("custody_dispatch_create", _("Send"), 31, _may_send))
        item_actions.register(item_actions.ItemAction("custody_transfer", _("Transfer"), 32, _may_hand_over))
        item_actions.register(item_actions.ItemAction("custody_move", _("Move"), 33, _may_hand_over))
