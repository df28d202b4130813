from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated)


class CopyingConfig(AppConfig):
    name = "bmnn.copying"
    label = "copying"
    verbose_name = _("Copies, extracts and providing")

    def ready(self) -> None:
        from bmnn.copying import selectors
        from bmnn.web import dashboard, item_actions, navigation

        def _in_force(user: object, item: object) -> bool:
            return getattr(item, "status", "") in ("determined", "received")

        item_actions.register(
            item_actions.ItemAction(
                "copying_request_create", _("Request a copy"), 30, _in_force, query="item"
            )
        )
        item_actions.register(
            item_actions.ItemAction("copying_provision_create", _("Provide"), 31, _in_force, query="item")
        )

        navigation.register(navigation.NavItem("copying_requests", _("Copies and extracts"), 30, _signed_in))
        navigation.register(navigation.NavItem("copying_provisions", _("Providing"), 31, _signed_in))
        dashboard.register(
            dashboard.Card(
                "copying_awaiting",
                _("Copy and providing requests awaiting your decision"),
                lambda u: selectors.awaiting_count(u),
                url_name="copying_awaiting",
                order=60,
            )
        )
