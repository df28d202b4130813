"""API routes of the custody app, included from ``bmnn.custody.urls`` under ``api/`` (so
``/luu-giu/api/holdings/``, ``/luu-giu/api/items/{id}/timeline/`` …)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from bmnn.custody import api

router = SimpleRouter()
router.register("items", api.ItemCustodyViewSet, basename="custody-item")
router.register("handovers", api.HandoverViewSet, basename="custody-handover")
router.register("incoming", api.IncomingViewSet, basename="custody-incoming")

urlpatterns = [path("holdings/", api.HoldingsView.as_view(), name="custody-holdings-api"), *router.urls]
