"""Django choices shared by every app. Values match ``bmnn.rules.Level`` names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Classification levels, ordered MAT < TOI_MAT < TUYET_MAT (R-CLS-1)."""

    MAT = "MAT", _("Confidential (Mật)")
    TOI_MAT = "TOI_MAT", _("Secret (Tối mật)")
    TUYET_MAT = "TUYET_MAT", _("Top secret (Tuyệt mật)")


LEVEL_RANK = {Level.MAT: 1, Level.TOI_MAT: 2, Level.TUYET_MAT: 3}
