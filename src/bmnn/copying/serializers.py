"""API shapes for copy requests and provisions.  Serializers only describe data; acts go through the
services.  A decider who does not see the item gets only what the decision needs (no copies, no
execution or handing-over details)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.copying.models import CopyRequest, PartyKind, Provision
from bmnn.custody.models import CopyForm


class CopyBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    level = serializers.CharField()
    expires_on = serializers.DateField(allow_null=True)
    custodian = serializers.IntegerField(source="custodian_id", allow_null=True)
    status = serializers.CharField()


REQUEST_DECISION_FIELDS = [
    "id",
    "agency",
    "item",
    "item_title",
    "form",
    "source_copy",
    "quantity",
    "purpose",
    "recipient",
    "addressed_to",
    "extract_content",
    "requested_by",
    "requested_on",
    "level",
    "status",
    "approver",
    "delegation",
    "decided_on",
    "decision_note",
    "regime",
]
REQUEST_EXECUTION_FIELDS = [
    "executor",
    "executed_on",
    "made",
    "spoiled",
    "device",
    "year",
    "seq",
    "copy_numbers",
    "photo_subject",
    "photo_place",
    "copies",
]


class CopyRequestSerializer(serializers.ModelSerializer):
    item_title = serializers.CharField(source="item.title", read_only=True)
    copies = serializers.SerializerMethodField()

    class Meta:
        model = CopyRequest
        fields = REQUEST_DECISION_FIELDS + REQUEST_EXECUTION_FIELDS
        read_only_fields = fields

    def get_copies(self, obj: CopyRequest) -> list[dict[str, Any]]:
        rows = obj.copies.order_by("number")
        return [dict(CopyBriefSerializer(c).data) for c in rows]

    def to_representation(self, instance: CopyRequest) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("full", True):
            for key in REQUEST_EXECUTION_FIELDS:
                data.pop(key, None)
        return data  # type: ignore[no-any-return]


class CopyRequestCreateSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    form = serializers.ChoiceField(choices=CopyForm.choices)
    quantity = serializers.IntegerField(min_value=1, max_value=999)
    purpose = serializers.CharField(max_length=2000)
    recipient = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    addressed_to = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    source_copy = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    extract_content = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ProvisionDecideSerializer(DecideSerializer):
    within_remit = serializers.BooleanField(required=False, default=True)


class ExecuteSerializer(serializers.Serializer):
    made = serializers.IntegerField(min_value=1, max_value=999)
    spoiled = serializers.IntegerField(min_value=0, max_value=999, required=False, default=0)
    device = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    device_networked = serializers.BooleanField(required=False, default=False)
    cryptography_exempt = serializers.BooleanField(required=False, default=False)
    extract_content = serializers.CharField(max_length=20000, required=False, allow_null=True, default=None)
    photo_subject = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    photo_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


PROVISION_DECISION_FIELDS = [
    "id",
    "agency",
    "year",
    "seq",
    "item",
    "item_title",
    "party_kind",
    "body",
    "representative",
    "position",
    "id_number",
    "nationality",
    "passport",
    "programme",
    "secret_requested",
    "purpose",
    "commitment",
    "level",
    "requested_on",
    "recorded_by",
    "addressed_to",
    "status",
    "decider",
    "delegation",
    "decided_on",
    "decision_note",
    "regime",
]
PROVISION_HANDOVER_FIELDS = ["provided_on", "receipt_no"]


class ProvisionSerializer(serializers.ModelSerializer):
    item_title = serializers.CharField(source="item.title", read_only=True)

    class Meta:
        model = Provision
        fields = PROVISION_DECISION_FIELDS + PROVISION_HANDOVER_FIELDS
        read_only_fields = fields

    def to_representation(self, instance: Provision) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("full", True):
            for key in PROVISION_HANDOVER_FIELDS:
                data.pop(key, None)
        return data  # type: ignore[no-any-return]


class ProvisionCreateSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    party_kind = serializers.ChoiceField(choices=PartyKind.choices)
    in_cooperation = serializers.BooleanField(required=False, default=False)
    addressed_to = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    body = serializers.CharField(max_length=255)
    representative = serializers.CharField(max_length=255)
    position = serializers.CharField(max_length=200)
    id_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    nationality = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    passport = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    programme = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    secret_requested = serializers.CharField(max_length=4000)
    purpose = serializers.CharField(max_length=4000)
    commitment = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ProvidedSerializer(serializers.Serializer):
    receipt_no = serializers.CharField(max_length=60)
