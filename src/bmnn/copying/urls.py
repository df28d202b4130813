from django.urls import include, path

from bmnn.copying.views import copies, providing

urlpatterns = [
    path("", copies.request_list, name="copying_requests"),
    path("cho-quyet-dinh/", copies.awaiting, name="copying_awaiting"),
    path("api/", include("bmnn.copying.api_urls")),
    path("moi/", copies.request_create, name="copying_request_create"),
    path("<int:pk>/", copies.request_detail, name="copying_request"),
    path("<int:pk>/quyet-dinh/", copies.request_decide, name="copying_request_decide"),
    path("<int:pk>/thuc-hien/", copies.request_execute, name="copying_request_execute"),
    path("<int:pk>/van-ban.pdf", copies.request_document, name="copying_request_document"),
    path("so/", copies.register, name="copying_register"),
    path("so/in.<slug:fmt>", copies.register_print, name="copying_register_print"),
    path("cung-cap/", providing.provision_list, name="copying_provisions"),
    path("cung-cap/moi/", providing.provision_create, name="copying_provision_create"),
    path("cung-cap/in.<slug:fmt>", providing.provision_print, name="copying_provision_print"),
    path("cung-cap/<int:pk>/", providing.provision_detail, name="copying_provision"),
    path("cung-cap/<int:pk>/quyet-dinh/", providing.provision_decide, name="copying_provision_decide"),
    path("cung-cap/<int:pk>/da-cung-cap/", providing.provision_provided, name="copying_provision_provided"),
    path("cung-cap/<int:pk>/tu-choi.pdf", providing.provision_refusal, name="copying_provision_refusal"),
]
