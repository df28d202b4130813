from django.urls import path

from bmnn.registry.views import files, items, lists, registers

urlpatterns = [
    path("", items.item_list, name="registry_items"),
    path("moi/", items.item_create, name="registry_item_create"),
    path("<int:pk>/", items.item_detail, name="registry_item"),
    path("<int:pk>/trinh/", items.item_submit, name="registry_item_submit"),
    path("<int:pk>/xac-dinh/", items.item_decide, name="registry_item_decide"),
    path("<int:pk>/vao-so-di/", items.item_register_out, name="registry_item_register_out"),
    path("<int:pk>/cho-phep/", items.item_grant, name="registry_item_grant"),
    path("<int:pk>/tep/", files.item_attach, name="registry_item_attach"),
    path("tep/<int:pk>/", files.item_file, name="registry_item_file"),
    path("so/<slug:register>/", registers.register_list, name="registry_register"),
    path("so/<slug:register>/in.<slug:fmt>", registers.register_print, name="registry_register_print"),
    path("den/moi/", registers.incoming_create, name="registry_incoming_create"),
    path("danh-muc/", lists.list_index, name="registry_lists"),
    path("danh-muc/nhap/", lists.list_import, name="registry_list_import"),
    path("su-co/", items.incidents, name="registry_incidents"),
]
