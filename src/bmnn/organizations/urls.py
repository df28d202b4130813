from django.urls import path
from django.views.generic import RedirectView

from bmnn.organizations import views

urlpatterns = [
    path(
        "", RedirectView.as_view(pattern_name="org_list", permanent=False), {"key": "agency"}, name="org_home"
    ),
    path("<slug:key>/", views.entity_list, name="org_list"),
    path("<slug:key>/moi/", views.entity_edit, name="org_create"),
    path("<slug:key>/<int:pk>/", views.entity_edit, name="org_edit"),
]
