"""Helpers shared by the REST API views of every app: a refusal as a 400 answer, and a lookup that
answers 404 for anything outside the caller's reach."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response

from bmnn.core.errors import Refused
from bmnn.registry.serializers import RefusalSerializer

# The ``responses`` entry of an act that the law may refuse (for ``extend_schema``).
REFUSAL = {400: RefusalSerializer}


def refused(exc: Refused) -> Response:
    """A refusal as 400: the Vietnamese message, the rule id and citation, and every reason."""
    return Response({**exc.as_dict(), "reasons": exc.reasons}, status=status.HTTP_400_BAD_REQUEST)


def one(queryset: Any, pk: Any) -> Any:
    """The row among ``queryset`` or 404 (outside the caller's reach is the same as not existing);
    ``None`` when no id was given."""
    if pk is None:
        return None
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row
