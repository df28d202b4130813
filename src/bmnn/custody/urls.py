from django.urls import include, path

from bmnn.custody import views

urlpatterns = [
    path("", views.holdings, name="custody_holdings"),
    path("api/", include("bmnn.custody.api_urls")),
    path("gui/<int:pk>/", views.dispatch_create, name="custody_dispatch_create"),
    path("phieu-gui/<int:pk>/", views.dispatch_detail, name="custody_dispatch"),
    path("phieu-gui/<int:pk>/nhan-bi.pdf", views.dispatch_labels, name="custody_dispatch_labels"),
    path("so-chuyen-giao/", views.handover_register, name="custody_handovers"),
    path("so-chuyen-giao/in.<slug:fmt>", views.handover_print, name="custody_handovers_print"),
    path("den/<int:pk>/", views.incoming_detail, name="custody_incoming"),
    path("den/<int:pk>/boc-bi/", views.incoming_open, name="custody_incoming_open"),
    path("den/<int:pk>/tra-lai/", views.incoming_return, name="custody_incoming_return"),
    path("thu-hoi/", views.recall_list, name="custody_recalls"),
    path("thong-bao/<int:pk>.pdf", views.notice_pdf, name="custody_notice_pdf"),
    path("tai-lieu/<int:pk>/", views.item_timeline, name="custody_timeline"),
    path("tai-lieu/<int:pk>/chuyen-giao/", views.item_transfer, name="custody_transfer"),
    path("tai-lieu/<int:pk>/di-chuyen/", views.item_move, name="custody_move"),
    path("noi-cat-giu/", views.location_list, name="custody_locations"),
    path("noi-cat-giu/<int:pk>/", views.location_edit, name="custody_location_edit"),
]
