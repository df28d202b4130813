"""REST API for items, registers and register entries: the same reads (selectors) and acts (services)
as the pages.  Invisible objects answer 404; a refused act answers 400 with the rule and citation."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.errors import Refused
from bmnn.organizations.selectors import visible_people, visible_units
from bmnn.registry import selectors, serializers
from bmnn.registry.models import RegisterKind
from bmnn.registry.printing import layout
from bmnn.registry.services import determination, registration
from bmnn.web.api import REFUSAL, refused


def _scoped(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Reject people and units outside the caller's scope as if they did not exist."""
    people = set(visible_people(user).values_list("pk", flat=True))
    for key in ("recipient_people",):
        if any(p.pk not in people for p in data.get(key, [])):
            raise Http404
    for key in ("named_recipient", "person"):
        if data.get(key) is not None and data[key].pk not in people:
            raise Http404
    if data.get("unit") is not None and not visible_units(user).filter(pk=data["unit"].pk).exists():
        raise Http404
    return data


class ItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ItemSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        q = self.request.query_params.get("q", "")
        return (
            selectors.search_items(self.request.user, q)
            .prefetch_related("basis__source_list")
            .order_by("-id")
        )

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="text, with or without diacritics")],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=serializers.ItemCreateSerializer, responses={201: serializers.ItemSerializer, **REFUSAL}
    )
    def create(self, request: Request) -> Response:
        data = serializers.ItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = determination.create_item(request.user, **_scoped(request.user, dict(data.validated_data)))
        except Refused as exc:
            return refused(exc)
        return Response(serializers.ItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: serializers.ItemSerializer, **REFUSAL})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        try:
            item = determination.propose(request.user, self.get_object())
        except Refused as exc:
            return refused(exc)
        return Response(serializers.ItemSerializer(item).data)

    @extend_schema(
        request=serializers.DecideSerializer, responses={200: serializers.ItemSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        data = serializers.DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = determination.decide(request.user, self.get_object(), **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return Response(serializers.ItemSerializer(item).data)

    @extend_schema(
        request=serializers.OutgoingSerializer, responses={201: serializers.EntrySerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"], url_path="register-outgoing")
    def register_outgoing(self, request: Request, pk: str) -> Response:
        data = serializers.OutgoingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = registration.register_outgoing(request.user, self.get_object(), **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return Response(serializers.EntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.GrantSerializer, responses={201: None, **REFUSAL})
    @action(detail=True, methods=["post"])
    def grants(self, request: Request, pk: str) -> Response:
        data = serializers.GrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        args = _scoped(request.user, dict(data.validated_data))
        try:
            determination.grant_access(request.user, self.get_object(), args["person"], args["reason"])
        except Refused as exc:
            return refused(exc)
        return Response(status=status.HTTP_201_CREATED)


class RegisterViewSet(viewsets.ViewSet):
    """The two registers of the caller's agency, with yearly statistics per level and their entries."""

    lookup_field = "register"
    lookup_value_regex = "out|in"

    def _year(self, request: Request) -> int:
        try:
            return int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError:
            raise Http404 from None

    def _one(self, register: str, year: int, user: Any) -> dict[str, Any]:
        lay = layout(register)
        stats = selectors.yearly_stats(user, register, year)
        return {"register": register, "form": lay.form, "title": lay.title, "year": year, "by_level": stats}

    @extend_schema(
        responses=serializers.RegisterSerializer(many=True), parameters=[OpenApiParameter("year", int)]
    )
    def list(self, request: Request) -> Response:
        year = self._year(request)
        return Response([self._one(r, year, request.user) for r in RegisterKind.values])

    @extend_schema(responses=serializers.RegisterSerializer, parameters=[OpenApiParameter("year", int)])
    def retrieve(self, request: Request, register: str) -> Response:
        return Response(self._one(register, self._year(request), request.user))

    @extend_schema(
        responses=serializers.EntrySerializer(many=True),
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("unit", int),
            OpenApiParameter("level", str),
            OpenApiParameter("q", str),
        ],
    )
    @action(detail=True, methods=["get"])
    def entries(self, request: Request, register: str) -> Response:
        params = request.query_params
        unit = params.get("unit")
        rows = selectors.register_page(
            request.user,
            register,
            year=self._year(request),
            unit=int(unit) if unit and unit.isdigit() else None,
            level=params.get("level", ""),
            text=params.get("q", ""),
        )
        from rest_framework.pagination import PageNumberPagination

        pager = PageNumberPagination()
        page = pager.paginate_queryset(rows, request, view=self)
        return pager.get_paginated_response(serializers.EntrySerializer(page, many=True).data)

    @extend_schema(
        request=serializers.IncomingSerializer, responses={201: serializers.EntrySerializer, **REFUSAL}
    )
    @action(detail=False, methods=["post"], url_path="in/register")
    def register_incoming(self, request: Request) -> Response:
        data = serializers.IncomingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = registration.register_incoming(
                request.user, **_scoped(request.user, dict(data.validated_data))
            )
        except Refused as exc:
            return refused(exc)
        return Response(serializers.EntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.EntrySerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.visible_entries(self.request.user).order_by("-year", "-seq")


class ListItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ListItemSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        return selectors.search_list_items(params.get("q", ""), level=params.get("level", ""))
