from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "bmnn.vault"
    label = "vault"
    verbose_name = "Kho tệp mã hoá"
