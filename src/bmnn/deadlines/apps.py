from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated)


def _item_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Keep an item's materialised deadlines in step with the item (expiry moved by an extension,
    status changed, custodian handed over).  Derived data only: no law is applied here."""
    if raw or instance.pk is None:
        return
    from bmnn.deadlines import compute

    compute.refresh_items([instance.pk])


def _entry_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not instance.recall_mark:
        return
    from bmnn.deadlines import compute

    compute.refresh_recall_entry(instance.pk)


class DeadlinesConfig(AppConfig):
    name = "bmnn.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines and reminders")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from bmnn.deadlines import selectors
        from bmnn.web import dashboard, navigation, topbar

        post_save.connect(_item_saved, sender="registry.Item", dispatch_uid="deadlines_item_saved")
        post_save.connect(_entry_saved, sender="registry.RegisterEntry", dispatch_uid="deadlines_entry_saved")
        navigation.register(navigation.NavItem("deadlines_mine", _("Deadlines"), 70, _signed_in))
        topbar.register(
            topbar.Badge(
                "deadlines_bell",
                _("Unread reminders"),
                selectors.unread_count,
                url_name="deadlines_notifications",
                order=10,
                visible=lambda u: selectors.active_person(u) is not None,
            )
        )
        navigation.register(
            navigation.NavItem(
                "deadlines_job_runs", _("Daily job"), 71, lambda r: selectors.may_see_job_runs(r.user)
            )
        )
        dashboard.register(
            dashboard.Card(
                "deadlines_unread",
                _("Unread reminders"),
                lambda u: selectors.unread_count(u),
                url_name="deadlines_notifications",
                order=10,
            )
        )
        dashboard.register(
            dashboard.Card(
                "deadlines_overdue",
                _("My overdue deadlines"),
                lambda u: selectors.overdue_count(u),
                url_name="deadlines_mine",
                order=11,
            )
        )
