from django.urls import path

from bmnn.movement import views

urlpatterns = [
    path("", views.take_out_list, name="movement_take_outs"),
    path("moi/", views.take_out_new, name="movement_take_out_new"),
    path("<int:pk>/", views.take_out_detail, name="movement_take_out"),
    path("<int:pk>/thong-bao.pdf", views.take_out_notice_pdf, name="movement_take_out_notice"),
    path("<int:pk>/de-nghi.pdf", views.take_out_form_pdf, name="movement_take_out_form"),
    path("hop/", views.meeting_list, name="movement_meetings"),
    path("hop/moi/", views.meeting_new, name="movement_meeting_new"),
    path("hop/<int:pk>/", views.meeting_detail, name="movement_meeting"),
    path("nghi-viec/", views.departure_list, name="movement_departures"),
    path("nghi-viec/<int:pk>/", views.departure_detail, name="movement_departure"),
    path("nghi-viec/bao-cao/", views.recall_report, name="movement_recall_report"),
]
