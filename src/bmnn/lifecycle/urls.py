from django.urls import path

from bmnn.lifecycle import views

urlpatterns = [
    path("", views.index, name="lifecycle_index"),
    path("tai-lieu/<int:pk>/", views.item_page, name="lifecycle_item"),
    path("dong-dau-lai/<int:pk>/", views.remark_done, name="lifecycle_remark_done"),
    path("hoi-dong/<int:pk>/", views.council_page, name="lifecycle_council"),
    path("van-ban/<slug:kind>/<int:pk>.<slug:fmt>", views.document, name="lifecycle_document"),
    path("ho-so-cu/", views.legacy_list, name="lifecycle_legacy_list"),
    path("ho-so-cu/<int:pk>/", views.legacy_detail, name="lifecycle_legacy"),
]
