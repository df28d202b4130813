from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bmnn.core"
    label = "core"
    verbose_name = "Nền tảng"

    def ready(self) -> None:
        from bmnn.web import navigation

        navigation.register(
            navigation.NavItem(
                "audit_events",
                _("Audit trail"),
                order=90,
                visible=lambda r: r.user.has_perm("core.view_auditevent"),
            )
        )
