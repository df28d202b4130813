"""API shapes.  Serializers only describe data; the acts go through the services."""

from __future__ import annotations

from rest_framework import serializers

from bmnn.core.choices import Level
from bmnn.organizations.models import Person, Unit
from bmnn.registry.models import Item, ListItem, RegisterEntry
from bmnn.registry.models.items import Kind, Medium
from bmnn.registry.models.lists import FIELD_CHOICES


class ListItemSerializer(serializers.ModelSerializer):
    decision_number = serializers.CharField(source="source_list.decision_number", read_only=True)

    class Meta:
        model = ListItem
        fields = ["id", "decision_number", "level", "number", "text"]


class ItemSerializer(serializers.ModelSerializer):
    basis = ListItemSerializer(many=True, read_only=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "agency",
            "unit",
            "origin",
            "kind",
            "medium",
            "title",
            "summary",
            "number_symbol",
            "doc_date",
            "field",
            "status",
            "drafter",
            "proposed_level",
            "basis",
            "recipients",
            "copies",
            "copy_allowed",
            "custom_end",
            "approver",
            "level",
            "determined_on",
            "regime",
            "period_years",
            "expires_on",
            "marks",
            "decision_note",
        ]
        read_only_fields = fields


class ItemCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=Kind.choices, default="document")
    medium = serializers.ChoiceField(choices=Medium.choices, default="paper")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    number_symbol = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    doc_date = serializers.DateField(required=False, allow_null=True, default=None)
    field = serializers.ChoiceField(choices=FIELD_CHOICES)
    proposed_level = serializers.ChoiceField(choices=Level.choices)
    basis = serializers.PrimaryKeyRelatedField(queryset=ListItem.objects.all(), many=True, required=False)
    recipients = serializers.CharField(required=False, allow_blank=True, default="")
    recipient_people = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False
    )
    copies = serializers.IntegerField(min_value=1, max_value=10000, default=1)
    copy_allowed = serializers.BooleanField(default=False)
    custom_end = serializers.DateField(required=False, allow_null=True, default=None)
    submit = serializers.BooleanField(default=False)


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    copies = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True, default=None
    )
    copy_allowed = serializers.BooleanField(required=False, allow_null=True, default=None)
    summary_consent = serializers.BooleanField(default=False)


class OutgoingSerializer(serializers.Serializer):
    signer = serializers.CharField(max_length=255)
    recipients = serializers.CharField(required=False, allow_blank=True, default="")
    file_keeper = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    copies = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True, default=None
    )
    doc_type = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    number_symbol = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    doc_date = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class IncomingSerializer(serializers.Serializer):
    sender = serializers.CharField(max_length=255)
    number_symbol = serializers.CharField(max_length=120)
    envelope_level = serializers.ChoiceField(choices=Level.choices)
    field = serializers.ChoiceField(choices=FIELD_CHOICES)
    doc_date = serializers.DateField(required=False, allow_null=True, default=None)
    doc_type = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    named_recipient = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, default=None
    )
    named_only = serializers.BooleanField(default=False)
    flash = serializers.BooleanField(default=False)
    envelope_intact = serializers.BooleanField(default=True)
    properly_protected = serializers.BooleanField(default=True)
    recipient_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, allow_null=True, default=None
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class GrantSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    reason = serializers.CharField(max_length=300)


class EntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = RegisterEntry
        exclude = ["search_text", "registered_by"]
        read_only_fields = [f.name for f in RegisterEntry._meta.fields if f.name not in ("search_text",)]


class RegisterSerializer(serializers.Serializer):
    register = serializers.CharField()
    form = serializers.CharField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    by_level = serializers.DictField(child=serializers.IntegerField())


class RefusalSerializer(serializers.Serializer):
    message = serializers.CharField()
    rule_id = serializers.CharField()
    citation = serializers.CharField()
    field = serializers.CharField()
    reasons = serializers.ListField(child=serializers.DictField())
