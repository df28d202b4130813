from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CopyingConfig(AppConfig):
    name = "bmnn.copying"
    label = "copying"
    verbose_name = _("Copies, extracts and providing")
