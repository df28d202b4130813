from django.urls import path

from bmnn.core import views

urlpatterns = [
    path("", views.audit_events, name="audit_events"),
]
