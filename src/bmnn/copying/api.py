"""REST API for copy requests and provisions: the same reads (selectors) and acts (services) as the
pages.  Invisible objects (and people or items outside the caller's reach) answer 404; a refused act
answers 400 with ``{message, rule_id, citation, field, reasons[]}``."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.copying import forms, selectors, serializers
from bmnn.copying.models import ProvisionStatus, RequestStatus
from bmnn.copying.services import copies, providing
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.registry.models import Status
from bmnn.registry.selectors import visible_items
from bmnn.web.api import REFUSAL, one, refused


def _item(user: Any, pk: int) -> Any:
    return one(visible_items(user).filter(status__in=[Status.DETERMINED, Status.RECEIVED]), pk)


class _Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        obj = getattr(self, "_object", None)
        if obj is not None:
            context["full"] = selectors.sees_item(self.request.user, obj)
        return context

    def get_object(self):  # type: ignore[no-untyped-def]
        self._object = super().get_object()
        return self._object

    def _out(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        self._object = obj
        return Response(self.get_serializer(obj).data, status=code)

    def _full(self) -> Any:
        obj = self.get_object()
        if not selectors.sees_item(self.request.user, obj):
            raise Http404
        return obj


class CopyRequestViewSet(_Base):
    """Copy, extract and photograph requests (Decree 26 Art. 3): request → decision → execution."""

    serializer_class = serializers.CopyRequestSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        rows = selectors.visible_requests(self.request.user).order_by("-pk")
        wanted = self.request.query_params.get("status", "")
        if self.action == "list" and wanted in RequestStatus.values:
            rows = rows.filter(status=wanted)
        return rows

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # In a list every row is shown as its caller may see it.
        page = self.paginate_queryset(self.get_queryset())
        rows = [self._out(r).data for r in page] if page is not None else []
        return self.get_paginated_response(rows)

    @extend_schema(
        request=serializers.CopyRequestCreateSerializer,
        responses={201: serializers.CopyRequestSerializer, **REFUSAL},
    )
    def create(self, request: Request) -> Response:
        data = serializers.CopyRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = request.user
        item = _item(user, v.pop("item"))
        people = forms.people_choices(user)
        v["recipient"] = one(people, v.get("recipient"))
        v["addressed_to"] = one(forms.decider_choices(user), v.get("addressed_to"))
        v["source_copy"] = one(Copy.objects.filter(item=item), v.get("source_copy"))
        try:
            req = copies.request_copy(user, item, **v)
        except Refused as exc:
            return refused(exc)
        return self._out(req, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.DecideSerializer, responses={200: serializers.CopyRequestSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        data = serializers.DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            req = copies.decide_copy(request.user, self.get_object(), **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return self._out(req)

    @extend_schema(
        request=serializers.ExecuteSerializer, responses={200: serializers.CopyRequestSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def execute(self, request: Request, pk: str) -> Response:
        req = self._full()
        data = serializers.ExecuteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            req = copies.execute_copy(request.user, req, **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return self._out(req)

    @extend_schema(responses=serializers.CopyRequestSerializer(many=True))
    @action(detail=False, methods=["get"])
    def awaiting(self, request: Request) -> Response:
        rows = selectors.awaiting_my_decision(request.user).order_by("requested_on", "pk")[:200]
        return Response([self._out(r).data for r in rows])


class ProvisionViewSet(_Base):
    """Providing to Vietnamese (Law Art. 15; Form 17) and foreign parties (Art. 16)."""

    serializer_class = serializers.ProvisionSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        rows = selectors.visible_provisions(self.request.user).order_by("-year", "-seq")
        params = self.request.query_params
        if self.action == "list":
            if params.get("status", "") in ProvisionStatus.values:
                rows = rows.filter(status=params["status"])
            year = params.get("year", "")
            if year.isdigit():
                rows = rows.filter(year=int(year))
        return rows

    @extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("year", int)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = [self._out(r).data for r in page] if page is not None else []
        return self.get_paginated_response(rows)

    @extend_schema(
        request=serializers.ProvisionCreateSerializer,
        responses={201: serializers.ProvisionSerializer, **REFUSAL},
    )
    def create(self, request: Request) -> Response:
        data = serializers.ProvisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = request.user
        item = _item(user, v.pop("item"))
        addressed_to = one(forms.decider_choices(user), v.pop("addressed_to", None))
        kind, coop = v.pop("party_kind"), v.pop("in_cooperation")
        try:
            row = providing.request_provision(
                user, item, party_kind=kind, in_cooperation=coop, addressed_to=addressed_to, **v
            )
        except Refused as exc:
            return refused(exc)
        return self._out(row, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ProvisionDecideSerializer,
        responses={200: serializers.ProvisionSerializer, **REFUSAL},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        data = serializers.ProvisionDecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            row = providing.decide_provision(request.user, self.get_object(), **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return self._out(row)

    @extend_schema(
        request=serializers.ProvidedSerializer, responses={200: serializers.ProvisionSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def execute(self, request: Request, pk: str) -> Response:
        """Record the handing over to the party (the provision's execution)."""
        row = self._full()
        data = serializers.ProvidedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            row = providing.record_provided(request.user, row, **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return self._out(row)

    @extend_schema(responses=serializers.ProvisionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def awaiting(self, request: Request) -> Response:
        rows = selectors.awaiting_provisions(request.user).order_by("requested_on", "pk")[:200]
        return Response([self._out(r).data for r in rows])
