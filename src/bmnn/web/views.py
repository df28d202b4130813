"""Shell views: sign-in, two-factor, dashboard, health, error pages."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.core import audit
from bmnn.web import forms, selectors


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        with transaction.atomic():
            audit.record(
                self.request.user, "auth.sign_in", summary={"username": self.request.user.get_username()}
            )
        return response


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return default


def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: a 6-digit code from the authenticator app."""
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                with transaction.atomic():
                    audit.record(request.user, "auth.two_factor_verified", summary={"device": device.name})
                return redirect(_safe_next(request))
        with transaction.atomic():
            audit.record(request.user, "auth.two_factor_failed", summary={})
        form.add_error(
            "token", _("The code is wrong or has expired. Check the clock of your phone and try again.")
        )
    return render(request, "web/otp_verify.html", {"form": form, "next": _safe_next(request)})


def _pending_device(request: HttpRequest) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    return device


@never_cache
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP authenticator: show the secret as a QR code, confirm with a first code."""
    if any(True for _d in devices_for_user(request.user, confirmed=True)) and not request.user.is_verified():
        return redirect("otp_verify")
    device = _pending_device(request)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit.record(
                    request.user, "auth.two_factor_enrolled", obj=None, summary={"device": device.name}
                )
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return redirect(_safe_next(request))
        form.add_error(
            "token", _("The code does not match. Scan the QR code again and enter the current code.")
        )
    secret = device.bin_key.hex()
    return render(
        request,
        "web/otp_setup.html",
        {
            "form": form,
            "secret_b32": selectors.base32_secret(device),
            "secret_hex": secret,
            "next": _safe_next(request),
        },
    )


@never_cache
@require_GET
def otp_setup_qr(request: HttpRequest) -> HttpResponse:
    device = _pending_device(request)
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/dashboard.html", {"counts": selectors.dashboard_counts(request.user)})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "code": 404,
            "title": _("Not found"),
            "message": _("The page does not exist or you are not allowed to see it."),
        },
        status=404,
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "code": 403,
            "title": _("Not allowed"),
            "message": str(exception)
            if exception and str(exception)
            else _("You are not allowed to do this."),
        },
        status=403,
    )


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"code": 400, "title": _("Bad request"), "message": _("The request could not be understood.")},
        status=400,
    )


def error_500(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "code": 500,
            "title": _("System error"),
            "message": _(
                "Something went wrong. Nothing was saved. Please try again or tell the administrator."
            ),
        },
        status=500,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {
            "code": 403,
            "title": _("Form expired"),
            "message": _("The form has expired. Go back, reload the page and send it again."),
        },
        status=403,
    )
