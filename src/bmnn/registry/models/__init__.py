"""Models of the registry, split by entity."""

from bmnn.registry.models.files import ItemFile
from bmnn.registry.models.incidents import Incident, IncidentKind, IncidentStatus
from bmnn.registry.models.items import (
    RANK,
    DecisionAct,
    Determination,
    Grant,
    Item,
    Kind,
    Medium,
    Origin,
    Status,
)
from bmnn.registry.models.lists import ClassificationList, ListItem
from bmnn.registry.models.registers import RegisterCounter, RegisterEntry, RegisterKind

__all__ = [
    "RANK",
    "ClassificationList",
    "DecisionAct",
    "Determination",
    "Grant",
    "Incident",
    "IncidentKind",
    "IncidentStatus",
    "Item",
    "ItemFile",
    "Kind",
    "ListItem",
    "Medium",
    "Origin",
    "RegisterCounter",
    "RegisterEntry",
    "RegisterKind",
    "Status",
]
