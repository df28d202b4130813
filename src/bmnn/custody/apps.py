from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


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
        from bmnn.web import dashboard, navigation

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
