from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bmnn.core"
    label = "core"
    verbose_name = "Nền tảng"
