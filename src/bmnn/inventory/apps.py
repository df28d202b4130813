from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _staff(request: HttpRequest) -> bool:
    from bmnn.registry.selectors import is_registry_staff

    return bool(request.user.is_authenticated and is_registry_staff(request.user))


class InventoryConfig(AppConfig):
    name = "bmnn.inventory"
    label = "inventory"
    verbose_name = _("Stock-taking")

    def ready(self) -> None:
        from bmnn.web import navigation

        navigation.register(navigation.NavItem("inventory_sessions", _("Stock-taking"), 35, _staff))
