from rest_framework.routers import SimpleRouter

from bmnn.registry import api

router = SimpleRouter()
router.register("registry/items", api.ItemViewSet, basename="registry-item")
router.register("registry/registers", api.RegisterViewSet, basename="registry-register")
router.register("registry/entries", api.EntryViewSet, basename="registry-entry")
router.register("registry/list-items", api.ListItemViewSet, basename="registry-list-item")

urlpatterns = router.urls
