from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from bmnn.web import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc/thiet-lap/", views.otp_setup, name="otp_setup"),
    path("xac-thuc/thiet-lap/qr.svg", views.otp_setup_qr, name="otp_setup_qr"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("suc-khoe/", views.health, name="health"),
    path("to-chuc/", include("bmnn.organizations.urls")),
    path("nhat-ky/", include("bmnn.core.urls")),
    path("so-dang-ky/", include("bmnn.registry.urls")),
    path("luu-giu/", include("bmnn.custody.urls")),
    path("sao-chup/", include("bmnn.copying.urls")),
    path("mang-ra/", include("bmnn.movement.urls")),
    path("kiem-ke/", include("bmnn.inventory.urls")),
    path("vong-doi/", include("bmnn.lifecycle.urls")),
    path("thoi-han/", include("bmnn.deadlines.urls")),
    path("api/", include("bmnn.registry.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
]

handler400 = "bmnn.web.views.error_400"
handler403 = "bmnn.web.views.error_403"
handler404 = "bmnn.web.views.error_404"
handler500 = "bmnn.web.views.error_500"
