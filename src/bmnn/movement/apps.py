from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementConfig(AppConfig):
    name = "bmnn.movement"
    label = "movement"
    verbose_name = _("Taking out, meetings and recall")
