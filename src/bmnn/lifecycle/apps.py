from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _routed(request: HttpRequest) -> bool:
    try:
        reverse("lifecycle_index")
    except NoReverseMatch:
        return False
    return bool(request.user.is_authenticated)


class LifecycleConfig(AppConfig):
    name = "bmnn.lifecycle"
    label = "lifecycle"
    verbose_name = _("Lifecycle of state secrets")

    def ready(self) -> None:
        from bmnn.deadlines import providers
        from bmnn.lifecycle import selectors
        from bmnn.lifecycle.services.notices import open_notices
        from bmnn.web import dashboard, item_actions, navigation

        providers.register("notice", open_notices)
        item_actions.register(
            item_actions.ItemAction("lifecycle_item", _("Lifecycle"), 40, selectors.shows_lifecycle_link)
        )
        navigation.register(navigation.NavItem("lifecycle_index", _("Lifecycle"), 30, _routed))
        dashboard.register(
            dashboard.Card(
                "lifecycle_awaiting",
                _("Lifecycle proposals awaiting your decision"),
                lambda u: selectors.awaiting_decision_count(u),
                order=60,
            )
        )
        dashboard.register(
            dashboard.Card(
                "lifecycle_notices",
                _("Lifecycle notices to send"),
                lambda u: selectors.open_notices(u).count(),
                order=61,
            )
        )
