"""Deny by default, scope 404s, two-factor gate, lockout, idle timeout, security headers."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from bmnn.core.middleware import PUBLIC_URL_NAMES
from bmnn.organizations.models import Agency, Person

pytestmark = pytest.mark.django_db


def _concrete_paths() -> list[str]:
    """Every named route, with sample arguments filled in."""
    samples = {"key": "agency", "pk": 1, "register": "out", "fmt": "pdf", "kind": "decision", "line": 1}
    resolver = get_resolver()
    paths = set()
    for name in resolver.reverse_dict:
        if not isinstance(name, str) or name in PUBLIC_URL_NAMES:
            continue
        params = resolver.reverse_dict.getlist(name)[0][0][0][1]
        paths.add(reverse(name, kwargs={p: samples[p] for p in params}))
    return sorted(paths)


def test_anonymous_is_sent_to_sign_in_from_every_page(demo):
    paths = _concrete_paths()
    assert {"/", "/to-chuc/agency/", "/nhat-ky/", "/so-dang-ky/", "/api/registry/items/"} <= set(paths)
    client = Client()
    for path in paths:
        response = client.get(path)
        if "/api/" in path:
            assert response.status_code == 401, path
        else:
            assert response.status_code == 302, path
            assert response["Location"].startswith("/dang-nhap/?next="), path


def test_sign_in_page_and_health_are_public():
    client = Client()
    assert client.get("/dang-nhap/").status_code == 200
    assert client.get("/suc-khoe/").json() == {"status": "ok"}


def test_object_outside_scope_is_404(demo, client_as):
    other = Agency.objects.get(code="xa-binh-minh")
    own = Agency.objects.get(code="xa-an-phu")
    officer = demo["quantri"]
    # the provincial administrator sees both communes
    admin = client_as("quantri")
    assert admin.get(f"/to-chuc/agency/{other.pk}/").status_code == 200
    # a commune clerk sees their own commune only
    clerk = client_as("vanthu.anphu")
    assert clerk.get(f"/to-chuc/agency/{own.pk}/").status_code == 200
    assert clerk.get(f"/to-chuc/agency/{other.pk}/").status_code == 404
    stranger = Person.objects.get(user__username="vanthu.binhminh")
    assert clerk.get(f"/to-chuc/person/{stranger.pk}/").status_code == 404
    assert clerk.get("/to-chuc/khong-co/").status_code == 404
    assert officer.username == "quantri"


def test_list_pages_show_only_the_scope(demo, client_as):
    clerk = client_as("vanthu.anphu")
    page = clerk.get("/to-chuc/person/").content.decode()
    assert "Chu Văn Việt" in page
    assert "Đinh Văn Yên" not in page  # another commune
    assert "Nguyễn Văn An" not in page  # the province above


def test_approvers_and_administrators_must_pass_two_factor(demo, client_as):
    for username in ("chutich", "quantri", "gd.noivu", "cvp.anphu"):
        response = client_as(username, verified=False).get("/")
        assert response.status_code == 302, username
        assert response["Location"].startswith("/xac-thuc/thiet-lap/"), username
    # a clerk without authority tags or delegations goes straight in
    assert client_as("vanthu", verified=False).get("/").status_code == 200
    # and so does a verified approver
    assert client_as("chutich").get("/").status_code == 200


def test_deputy_with_delegation_needs_two_factor(demo, client_as):
    assert client_as("phochutich", verified=False).get("/")["Location"].startswith("/xac-thuc/")


def test_lockout_after_repeated_failures(demo):
    client = Client()
    for _ in range(5):
        response = client.post("/dang-nhap/", {"username": "vanthu", "password": "sai-mat-khau"})
        assert response.status_code in (200, 429)
    response = client.post("/dang-nhap/", {"username": "vanthu", "password": "BaoMat@2026!"})
    assert response.status_code == 429
    assert "tạm khoá" in response.content.decode().lower() or "tạm thời" in response.content.decode().lower()


def test_successful_sign_in_is_audited(demo):
    from bmnn.core.models import AuditEvent

    client = Client()
    response = client.post("/dang-nhap/", {"username": "vanthu", "password": "BaoMat@2026!"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="auth.sign_in").last()
    assert event is not None and event.actor == "vanthu"


def test_idle_session_is_signed_out(demo, client_as, settings):
    client = client_as("vanthu")
    assert client.get("/").status_code == 200
    session = client.session
    session["bmnn_last_seen"] = int(time.time()) - settings.BMNN_SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "idle=1" in response["Location"]


def test_strict_content_security_policy(demo, client_as):
    response = client_as("vanthu").get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "<script>" not in response.content.decode()  # no inline script


def test_vietnamese_by_default(demo, client_as):
    page = Client().get("/dang-nhap/").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page
