"""API routes of the copying app, included from ``bmnn.copying.urls`` under ``api/``
(so ``/sao-chup/api/requests/…`` and ``/sao-chup/api/provisions/…``)."""

from rest_framework.routers import SimpleRouter

from bmnn.copying import api

router = SimpleRouter()
router.register("requests", api.CopyRequestViewSet, basename="copying-request")
router.register("provisions", api.ProvisionViewSet, basename="copying-provision")

urlpatterns = router.urls
