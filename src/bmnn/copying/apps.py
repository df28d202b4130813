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
        from bmnn.web import dashboard, navigation

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
