"""Lifecycle acts on classified items: extension, change of level, declassification, destruction,
their councils, minutes, written notices, re-marking tasks and the legacy review."""

from bmnn.lifecycle.models.acts import (
    ActStatus,
    Council,
    CouncilKind,
    CouncilMember,
    Declassification,
    DeclassificationGround,
    Destruction,
    DestructionCase,
    Extension,
    LevelChange,
    Minutes,
    PeriodAfterAdjustment,
)
from bmnn.lifecycle.models.notices import (
    LegacyCutoff,
    LegacyImport,
    LegacyOutcome,
    LegacyReviewLine,
    Notice,
    ReMarkTask,
)

__all__ = [
    "ActStatus",
    "Council",
    "CouncilKind",
    "CouncilMember",
    "Declassification",
    "DeclassificationGround",
    "Destruction",
    "DestructionCase",
    "Extension",
    "LegacyCutoff",
    "LegacyImport",
    "LegacyOutcome",
    "LegacyReviewLine",
    "LevelChange",
    "Minutes",
    "Notice",
    "PeriodAfterAdjustment",
    "ReMarkTask",
]
