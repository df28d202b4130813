"""Request gates: deny by default, two-factor for approvers and administrators, idle timeout."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# URL names anyone may reach without signing in (the explicit allow-list).
# "deadlines_calendar_feed": a person's iCalendar feed, authorised by the secret token in its URL.
PUBLIC_URL_NAMES = frozenset({"login", "health", "set_language", "deadlines_calendar_feed"})
# URL names a signed-in user may reach before completing two-factor verification.
PRE_2FA_URL_NAMES = frozenset({"logout", "otp_verify", "otp_setup", "otp_setup_qr", "set_language"})
PUBLIC_PATH_PREFIXES = ("/static/",)

_request_id: ContextVar[str] = ContextVar("bmnn_request_id", default="")
_request_ip: ContextVar[str] = ContextVar("bmnn_request_ip", default="")


def current_request_id() -> str:
    return _request_id.get()


def current_ip() -> str:
    return _request_ip.get()


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class RequestContextMiddleware:
    """Give each request an id (echoed in X-Request-ID) and remember the client IP for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = uuid.uuid4().hex
        ip = request.META.get("REMOTE_ADDR", "")
        t1, t2 = _request_id.set(rid), _request_ip.set(ip)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(t1)
            _request_ip.reset(t2)
        response["X-Request-ID"] = rid
        return response


class IdleTimeoutMiddleware:
    """Sign the user out after BMNN_SESSION_IDLE_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get("bmnn_last_seen")
            if isinstance(last, int) and now - last > settings.BMNN_SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}&idle=1")
            request.session["bmnn_last_seen"] = now
        return self.get_response(request)


class LoginRequiredMiddleware:
    """Deny by default: every view needs a signed-in user unless its URL name is on the allow-list."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated or request.path_info.startswith(PUBLIC_PATH_PREFIXES):
            return self.get_response(request)
        if _url_name(request) in PUBLIC_URL_NAMES:
            return self.get_response(request)
        if _is_api(request.path_info):
            return HttpResponse(
                status=401, content=b'{"detail": "authentication required"}', content_type="application/json"
            )
        return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")


def _is_api(path: str) -> bool:
    """The site API (``/api/…``) and the apps' own APIs (``/sao-chup/api/…``, ``/luu-giu/api/…``)."""
    return path.startswith("/api/") or "/api/" in path


class TwoFactorRequiredMiddleware:
    """Users who approve legal acts and administrators must pass TOTP before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(PUBLIC_PATH_PREFIXES):
            return self.get_response(request)
        from bmnn.organizations.selectors import requires_two_factor

        if user.is_verified() or not requires_two_factor(user):
            return self.get_response(request)
        if _url_name(request) in PRE_2FA_URL_NAMES | PUBLIC_URL_NAMES:
            return self.get_response(request)
        from django_otp import devices_for_user

        target = "otp_verify" if any(True for _ in devices_for_user(user, confirmed=True)) else "otp_setup"
        if _is_api(request.path_info):
            return HttpResponse(
                status=403,
                content=b'{"detail": "two-factor verification required"}',
                content_type="application/json",
            )
        return redirect(f"{settings.OTP_URL_PATHS[target]}?next={request.path}")
