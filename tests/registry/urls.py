"""The site's URLconf plus the registry, until the lead includes it in bmnn.web.urls."""

from django.urls import include, path

from bmnn.web.urls import handler400, handler403, handler404, handler500
from bmnn.web.urls import urlpatterns as site

urlpatterns = [
    *[p for p in site if "so-dang-ky" not in str(p.pattern) and str(p.pattern) != "api/"],
    path("so-dang-ky/", include("bmnn.registry.urls")),
    path("api/", include("bmnn.registry.api_urls")),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
