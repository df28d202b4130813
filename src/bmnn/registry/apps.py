from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def _routed(request: HttpRequest) -> bool:
    """Show the menu entry once the registry URLs are included in the site's URLconf."""
    try:
        reverse("registry_items")
    except NoReverseMatch:
        return False
    return bool(request.user.is_authenticated)


class RegistryConfig(AppConfig):
    name = "bmnn.registry"
    label = "registry"
    verbose_name = _("State secret registry")

    def ready(self) -> None:
        from bmnn.registry import selectors
        from bmnn.web import dashboard, navigation

        navigation.register(navigation.NavItem("registry_items", _("Classified items"), 20, _routed))
        dashboard.register(
            dashboard.Card(
                "registry_pending",
                _("Awaiting your determination"),
                lambda u: selectors.pending_determination(u).count(),
                order=50,
            )
        )
        dashboard.register(
            dashboard.Card(
                "registry_to_register",
                _("Determined, not yet registered"),
                lambda u: selectors.awaiting_registration(u).count(),
                order=51,
            )
        )
        dashboard.register(
            dashboard.Card(
                "registry_incidents",
                _("Open registry incidents"),
                lambda u: selectors.visible_incidents(u).filter(status="open").count(),
                order=52,
            )
        )
