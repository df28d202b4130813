from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "bmnn.organizations"
    label = "organizations"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from bmnn.organizations import roles, selectors

        post_migrate.connect(roles.ensure_groups, dispatch_uid="bmnn_roles")
        from bmnn.web import dashboard, navigation

        navigation.register(navigation.NavItem("org_home", _("Organisation"), order=80))
        dashboard.register(
            dashboard.Card(
                "agencies", _("Agencies"), lambda u: selectors.scope_agencies(u).count(), "org_home", order=10
            )
        )
        dashboard.register(
            dashboard.Card(
                "people", _("People"), lambda u: selectors.visible_people(u).count(), "org_home", order=20
            )
        )
        dashboard.register(
            dashboard.Card(
                "officers",
                _("Designated BMNN officers"),
                lambda u: selectors.visible_people(u).exclude(officer_role="").count(),
                "org_home",
                order=30,
            )
        )
        dashboard.register(
            dashboard.Card(
                "delegations",
                _("Delegations in force"),
                lambda u: (
                    selectors.visible_delegations(u)
                    .filter(
                        start_date__lte=selectors.today(),
                        end_date__gte=selectors.today(),
                        revoked_on__isnull=True,
                    )
                    .count()
                ),
                "org_home",
                order=40,
            )
        )
