from django.urls import path

from bmnn.deadlines import views

urlpatterns = [
    path("", views.mine, name="deadlines_mine"),
    path("can-bo/<int:pk>/", views.person_page, name="deadlines_person"),
    path("don-vi/<int:pk>/", views.unit_page, name="deadlines_unit"),
    path("lan-chay/", views.job_runs, name="deadlines_job_runs"),
    path("thong-bao/", views.notification_list, name="deadlines_notifications"),
    path("thong-bao/da-doc/", views.notification_read, name="deadlines_notifications_read"),
    path("lich/tao-lai/", views.calendar_regenerate, name="deadlines_calendar_regenerate"),
    path("lich/<str:token>.ics", views.calendar_feed, name="deadlines_calendar_feed"),
]
