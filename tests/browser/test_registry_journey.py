"""Drafter proposes a Tối mật document on a list item → head approves with TOTP → clerk registers it
outgoing → the register PDF shows the entry.  Screenshots go to test-artifacts/registry-*.png."""

from __future__ import annotations

import base64
import subprocess

import pytest
from django.db import connections
from django_otp.oath import totp

from tests.browser.conftest import ARTIFACTS, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.registry.urls"),
]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def _sign_in(page, base: str, username: str, target: str) -> None:
    from bmnn.organizations import demo

    page.context.clear_cookies()
    page.goto(f"{base}{target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")


def test_registry_journey(live_server, browser_page, settings) -> None:
    from bmnn.organizations import demo
    from bmnn.registry.models import ListItem, RegisterEntry
    from bmnn.registry.services import lists

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    basis = ListItem.objects.get(source_list__decision_number="531/QĐ-TTg", level="TOI_MAT", number="1")
    connections.close_all()  # leave SQLite's write lock to the live server
    page, base = browser_page, live_server.url

    # 1. The drafter proposes a Tối mật document resting on 531/QĐ-TTg, Tối mật item 1.
    _sign_in(page, base, "cv.khaothi", "/so-dang-ky/moi/")
    page.wait_for_url("**/so-dang-ky/moi/")
    page.fill("input[name=title]", "Đề thi chọn học sinh giỏi cấp tỉnh môn Toán")
    page.fill("textarea[name=summary]", "Đề thi chính thức và hướng dẫn chấm")
    page.select_option("select[name=field]", "education_training")
    page.select_option("select[name=proposed_level]", "TOI_MAT")
    page.check(f"input[name=basis][value='{basis.pk}']")
    page.fill("textarea[name=recipients]", "Hội đồng thi; Lưu: VT, KT")
    page.fill("input[name=copies]", "2")
    # A full-page screenshot here leaves headless Chromium unable to submit the long form: viewport only.
    page.screenshot(path=str(ARTIFACTS / "registry-01-proposal.png"))
    with page.expect_navigation():
        page.click("form.card button[type=submit].primary")
    item_url = page.url
    assert page.inner_text("[data-testid=status]").strip() in (
        "Chờ xác định độ mật",
        "Awaiting determination",
    )
    shot(page, "registry-02-proposed")

    # 2. The head signs in with TOTP and approves.
    _sign_in(page, base, "gd.giaoduc", item_url.replace(base, ""))
    page.wait_for_url("**/xac-thuc/thiet-lap/**")
    secret = page.inner_text("[data-testid=totp-secret]").strip()
    page.fill("input[name=token]", _code(secret))
    page.click("button[type=submit].primary")
    page.wait_for_url(item_url)
    assert page.locator("[data-testid=decide]").count() == 1
    shot(page, "registry-03-head-decides")
    page.click("[data-testid=decide] button[type=submit].primary")
    page.wait_for_url(item_url)
    assert page.inner_text("[data-testid=level]").strip() == "TỐI MẬT"
    shot(page, "registry-04-determined")

    # 3. The clerk registers it in the outgoing register.
    _sign_in(page, base, "vanthu.giaoduc", item_url.replace(base, ""))
    page.wait_for_url(item_url)
    page.fill("[data-testid=register-out] input[name=number_symbol]", "21/SGDĐT-KT")
    page.fill("[data-testid=register-out] input[name=file_keeper]", "Văn thư Sở")
    shot(page, "registry-05-register-form")
    page.click("[data-testid=register-out] button[type=submit].primary")
    page.wait_for_url("**/so-dang-ky/so/out/")
    table = page.inner_text("[data-testid=register]")
    assert "21/SGDĐT-KT" in table and "Tối mật" in table
    shot(page, "registry-06-outgoing-register")
    assert RegisterEntry.objects.get().seq == 1

    # 4. The register prints as the statutory form and the PDF shows the entry.
    href = page.get_attribute("[data-testid=pdf]", "href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    (ARTIFACTS / "registry-07-outgoing-register.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = " ".join(text.split())
    assert "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI" in flat
    assert "21/SGDĐT-KT" in flat.replace("- ", "-") and "Đề thi chính thức và hướng dẫn chấm" in flat
