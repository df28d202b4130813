"""Custody: where every item and every copy is and who holds it; copies; the handover register."""

from bmnn.custody.models.core import (
    Copy,
    CopyForm,
    CopyStatus,
    Handover,
    HandoverPurpose,
    Location,
    LocationKind,
    ReceiptKind,
)
from bmnn.custody.models.flows import Dispatch, EnvelopeOpening, SenderNotice

__all__ = [
    "Copy",
    "CopyForm",
    "CopyStatus",
    "Dispatch",
    "EnvelopeOpening",
    "Handover",
    "HandoverPurpose",
    "Location",
    "LocationKind",
    "ReceiptKind",
    "SenderNotice",
]
