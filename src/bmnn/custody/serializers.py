"""API shapes of the custody app.  Serializers only describe data; acts go through the services and reads
through the selectors (``bmnn.custody.api``)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.custody.models import Copy, Dispatch, Handover, ReceiptKind
from bmnn.registry.models import Item


class HandoverSerializer(serializers.ModelSerializer):
    """One Form 16 line.  The captured signature itself is not given out, only whether there is one."""

    number_symbol = serializers.CharField(source="item.number_symbol", read_only=True)
    copy_number = serializers.IntegerField(source="copy.number", read_only=True, allow_null=True)
    signed_on_screen = serializers.SerializerMethodField()

    class Meta:
        model = Handover
        fields = [
            "id",
            "agency",
            "year",
            "seq",
            "item",
            "number_symbol",
            "copy",
            "copy_number",
            "purpose",
            "level",
            "from_person",
            "to_person",
            "to_party",
            "from_location",
            "to_location",
            "handed_at",
            "receipt_kind",
            "receipt_no",
            "signed_on_screen",
            "acknowledged_by_name",
            "reference",
            "note",
            "regime",
        ]
        read_only_fields = fields

    def get_signed_on_screen(self, obj: Handover) -> bool:
        return obj.receipt_kind == ReceiptKind.SIGNATURE and bool(obj.signature_svg)


class HeldItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "title", "number_symbol", "level", "status", "custodian", "location"]
        read_only_fields = fields


class HeldCopySerializer(serializers.ModelSerializer):
    class Meta:
        model = Copy
        fields = ["id", "item", "number", "form", "level", "expires_on", "custodian", "location", "status"]
        read_only_fields = fields


class HoldingsSerializer(serializers.Serializer):
    items = HeldItemSerializer(many=True)
    copies = HeldCopySerializer(many=True)


class EventSerializer(serializers.Serializer):
    at = serializers.CharField()
    kind = serializers.CharField()
    text = serializers.CharField()
    holder = serializers.CharField()
    location = serializers.CharField()
    handover = serializers.IntegerField(allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {
            "at": instance.at.isoformat(),
            "kind": instance.kind,
            "text": instance.text,
            "holder": instance.holder,
            "location": instance.location,
            "handover": instance.handover.pk if instance.handover else None,
        }


class CopyTimelineSerializer(serializers.Serializer):
    copy = HeldCopySerializer()
    events = EventSerializer(many=True)


class TimelineSerializer(serializers.Serializer):
    item = HeldItemSerializer()
    events = EventSerializer(many=True)
    copies = CopyTimelineSerializer(many=True)
    dispatches = serializers.ListField(child=serializers.IntegerField())


class DispatchSerializer(serializers.ModelSerializer):
    handover = HandoverSerializer(read_only=True)

    class Meta:
        model = Dispatch
        fields = [
            "id",
            "agency",
            "item",
            "entry",
            "level",
            "number_symbol",
            "recipient",
            "address",
            "named_mark",
            "letter",
            "envelopes",
            "handover",
            "dispatched_on",
        ]
        read_only_fields = fields


class ReceiptSerializer(serializers.Serializer):
    """The receiver's acknowledgement (R-TX-5): a printed receipt number or a signature drawn on screen
    (an SVG path of moves and lines)."""

    receipt_kind = serializers.ChoiceField(choices=ReceiptKind.choices, default=ReceiptKind.RECEIPT)
    receipt_no = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    signature_svg = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    acknowledged_by_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DispatchCreateSerializer(ReceiptSerializer):
    recipient = serializers.CharField(max_length=255)
    address = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    named_mark = serializers.BooleanField(required=False, default=False)
    to_person = serializers.IntegerField(required=False, allow_null=True, default=None)
    to_party = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class TransferSerializer(ReceiptSerializer):
    to_person = serializers.IntegerField()
    to_location = serializers.IntegerField(required=False, allow_null=True, default=None)
    copy = serializers.IntegerField(required=False, allow_null=True, default=None)


class MoveSerializer(serializers.Serializer):
    to_location = serializers.IntegerField()
    copy = serializers.IntegerField(required=False, allow_null=True, default=None)
    receipt_no = serializers.CharField(max_length=60)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReturnSerializer(ReceiptSerializer):
    pass
