from django.urls import path

from bmnn.inventory import views

urlpatterns = [
    path("", views.session_list, name="inventory_sessions"),
    path("<int:pk>/", views.session_detail, name="inventory_session"),
    path("<int:pk>/dong/<int:line>/", views.line_record, name="inventory_line_record"),
    path("<int:pk>/ngoai-danh-sach/", views.unexpected, name="inventory_unexpected"),
    path("<int:pk>/ket-thuc/", views.complete, name="inventory_complete"),
    path("<int:pk>/in.<slug:fmt>", views.session_print, name="inventory_print"),
]
