"""Sign in with TOTP, create a unit, assign a person to a position, see the audit events."""

from __future__ import annotations

import base64
import time

import pytest
from django_otp.oath import totp

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def test_administrator_journey(live_server, browser_page):
    from bmnn.organizations import demo

    demo.load()
    page = browser_page
    page.goto(f"{live_server.url}/to-chuc/unit/")
    assert "/dang-nhap/" in page.url
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    shot(page, "01-sign-in")
    page.click("button[type=submit].primary")

    # First sign-in of an administrator: enrol an authenticator, confirm with a real TOTP code.
    page.wait_for_url("**/xac-thuc/thiet-lap/**")
    secret = page.inner_text("[data-testid=totp-secret]").strip()
    assert page.eval_on_selector("img.qr", "img => img.complete && img.naturalWidth > 0")  # the QR renders
    shot(page, "02-totp-setup")
    page.fill("input[name=token]", _code(secret))
    page.click("button[type=submit].primary")
    page.wait_for_url("**/to-chuc/unit/")
    shot(page, "03-units")

    # Create a unit.
    page.click("a.button.primary")
    page.select_option("select[name=agency]", label="Ủy ban nhân dân tỉnh Sông Hồng")
    page.fill("input[name=code]", "phong-bao-mat")
    page.fill("input[name=name]", "Phòng Bảo vệ bí mật nhà nước")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/to-chuc/unit/")
    assert "Phòng Bảo vệ bí mật nhà nước" in page.content()
    shot(page, "04-unit-created")

    # Assign a person to a position.
    page.goto(f"{live_server.url}/to-chuc/assignment/moi/")
    page.select_option("select[name=person]", label="Vũ Thị Giang")
    page.select_option("select[name=position]", label="Chánh Văn phòng UBND tỉnh — UBND tỉnh")
    page.fill("input[name=start_date]", time.strftime("%Y-%m-%d"))
    page.fill("input[name=decision_ref]", "QĐ 250/QĐ-UBND")
    shot(page, "05-assignment-form")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/to-chuc/assignment/")
    assert "Vũ Thị Giang" in page.content()

    # The audit trail shows both acts, newest first.
    page.goto(f"{live_server.url}/nhat-ky/")
    text = page.inner_text("main")
    assert "organizations.assignment.create" in text
    assert "organizations.unit.create" in text
    assert text.index("organizations.assignment.create") < text.index("organizations.unit.create")
    shot(page, "06-audit-trail")
