"""REST API of the custody app (under ``/luu-giu/api/``): my holdings, an item's custody timeline, the
handover register (Form 16) lines, sending, transfers and moves, the return of a recalled incoming item.
The same reads (selectors) and acts (services) as the pages.  Objects the caller may not see — items,
incoming lines, people, storage locations, copies — answer 404; a refused act answers 400 with
``{message, rule_id, citation, field, reasons[]}``."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bmnn.core.errors import Refused
from bmnn.custody import selectors, serializers
from bmnn.custody.models import Copy, Location
from bmnn.custody.services import dispatch as dispatching
from bmnn.custody.services import locations as location_services
from bmnn.custody.services import receiving
from bmnn.custody.services.custody import transfer
from bmnn.organizations.selectors import visible_people
from bmnn.registry import selectors as reg
from bmnn.registry.serializers import EntrySerializer
from bmnn.web.api import REFUSAL, one, refused


def _item(user: Any, pk: Any) -> Any:
    try:
        item = reg.item_for(user, int(pk))
    except (TypeError, ValueError):
        item = None
    if item is None:
        raise Http404
    return item


def _person(user: Any, pk: Any) -> Any:
    return one(visible_people(user).filter(status="active"), pk)


def _location(user: Any, pk: Any) -> Location | None:
    return one(selectors.locations(user).filter(active=True), pk)  # type: ignore[no-any-return]


def _copy(item: Any, pk: Any) -> Copy | None:
    return one(Copy.objects.filter(item=item, status="active"), pk)  # type: ignore[no-any-return]


class HoldingsView(APIView):
    """The items and copies the caller holds now."""

    @extend_schema(responses=serializers.HoldingsSerializer)
    def get(self, request: Request) -> Response:
        data = {
            "items": selectors.my_items(request.user)[:500],
            "copies": selectors.my_copies(request.user)[:500],
        }
        return Response(serializers.HoldingsSerializer(data).data)


class ItemCustodyViewSet(viewsets.ViewSet):
    """Custody of one item the caller sees: its timeline and the acts on it."""

    @extend_schema(responses=serializers.TimelineSerializer)
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str) -> Response:
        item = _item(request.user, pk)
        copies = Copy.objects.filter(item=item).select_related("custodian", "location", "made_by")
        data = {
            "item": item,
            "events": selectors.timeline(item),
            "copies": [{"copy": c, "events": selectors.copy_timeline(c)} for c in copies],
            "dispatches": list(item.dispatches.values_list("pk", flat=True)),
        }
        return Response(serializers.TimelineSerializer(data).data)

    def _act(
        self, request: Request, pk: str, shape: Any, run: Any, out: Any = serializers.HandoverSerializer
    ) -> Response:
        """Validate the body with ``shape``, resolve its ids within the caller's reach (404 otherwise),
        run the service; 201 with ``out`` of the result, or 400 with the refusal."""
        item = _item(request.user, pk)
        data = shape(data=request.data)
        data.is_valid(raise_exception=True)
        args = dict(data.validated_data)
        if "to_person" in args:
            args["to_person"] = _person(request.user, args["to_person"])
        if "to_location" in args:
            args["to_location"] = _location(request.user, args["to_location"])
        if "copy" in args:
            args["copy"] = _copy(item, args["copy"])
        try:
            result = run(item, args)
        except Refused as exc:
            return refused(exc)
        return Response(out(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.DispatchCreateSerializer,
        responses={201: serializers.DispatchSerializer, **REFUSAL},
    )
    @action(detail=True, methods=["post"], url_path="dispatch")
    def send(self, request: Request, pk: str) -> Response:
        """Send the item (R-TX-1, R-TX-3, R-TX-4, R-TX-5): envelopes from the rules, a Form 16 line."""
        return self._act(
            request,
            pk,
            serializers.DispatchCreateSerializer,
            lambda item, args: dispatching.dispatch(request.user, item, **args),
            serializers.DispatchSerializer,
        )

    @extend_schema(
        request=serializers.TransferSerializer, responses={201: serializers.HandoverSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: str) -> Response:
        """Hand the item (or one of its copies) over to another custodian (R-TX-5)."""
        return self._act(
            request,
            pk,
            serializers.TransferSerializer,
            lambda item, args: transfer(request.user, item=item, purpose="transfer", **args),
        )

    @extend_schema(
        request=serializers.MoveSerializer, responses={201: serializers.HandoverSerializer, **REFUSAL}
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        """Move the item (or one of its copies) to another storage location; the holder stays."""
        return self._act(
            request,
            pk,
            serializers.MoveSerializer,
            lambda item, args: location_services.move(request.user, item=item, **args),
        )


class HandoverViewSet(viewsets.ReadOnlyModelViewSet):
    """The handover register (Form 16) lines the caller sees."""

    serializer_class = serializers.HandoverSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        year = params.get("year", "")
        return selectors.handover_lines(
            self.request.user,
            year=int(year) if year.isdigit() else None,
            level=params.get("level", ""),
            text=params.get("q", ""),
        ).order_by("-year", "-seq", "-pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("level", str, description="MAT, TOI_MAT or TUYET_MAT"),
            OpenApiParameter("q", str, description="number and symbol, people, party, reference, notes"),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class IncomingViewSet(viewsets.ViewSet):
    """Acts on an incoming register line the caller sees."""

    @extend_schema(request=serializers.ReturnSerializer, responses={200: EntrySerializer, **REFUSAL})
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_sender(self, request: Request, pk: str) -> Response:
        """Return a "TÀI LIỆU THU HỒI" item to its sender (R-TX-9) with a Form 16 line."""
        try:
            entry = selectors.incoming_for(request.user, int(pk))
        except ValueError:
            entry = None
        if entry is None:
            raise Http404
        data = serializers.ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = receiving.record_return(request.user, entry, **data.validated_data)
        except Refused as exc:
            return refused(exc)
        return Response(EntrySerializer(entry).data)
