"""A drafter asks for copies of a Tối mật exam paper → a Mật-only authority (head of an office-level
unit) tries to approve and is refused, the page citing R-COPY-1 → the department head approves → the
clerk makes the copies and the copy register (Form 12) shows them.  Screenshots: test-artifacts/copying-*."""

from __future__ import annotations

import base64

import pytest
from django.db import connections
from django_otp.oath import totp

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def _sign_in(page, base: str, username: str, target: str, *, totp_setup: bool = False) -> None:
    from bmnn.organizations import demo

    page.context.clear_cookies()
    page.goto(f"{base}{target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    if totp_setup:
        page.wait_for_url("**/xac-thuc/thiet-lap/**")
        secret = page.inner_text("[data-testid=totp-secret]").strip()
        page.fill("input[name=token]", _code(secret))
        page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}{target}")


def test_copy_request_refused_then_approved(live_server, browser_page, settings) -> None:
    from bmnn.copying.models import CopyRequest
    from bmnn.organizations import demo
    from bmnn.organizations.models import Person
    from bmnn.registry.models import ListItem
    from bmnn.registry.services import determination, lists

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    basis = ListItem.objects.get(source_list__decision_number="531/QĐ-TTg", level="TOI_MAT", number="1")
    users = {p.user.username: p for p in Person.objects.select_related("user")}
    item = determination.create_item(
        users["cv.khaothi"].user,
        title="Đề thi chọn học sinh giỏi cấp tỉnh môn Toán",
        summary="Đề thi chính thức và hướng dẫn chấm",
        field="education_training",
        proposed_level="TOI_MAT",
        basis=[basis],
        recipients="Hội đồng thi; Lưu: VT, KT",
        copies=2,
        copy_allowed=False,
        submit=True,
    )
    determination.decide(users["gd.giaoduc"].user, item, approve=True)
    connections.close_all()  # leave SQLite's write lock to the live server
    page, base = browser_page, live_server.url

    # 1. The drafter asks for two true copies, submitted to the head of the examinations office.
    _sign_in(page, base, "cv.khaothi", "/sao-chup/moi/")
    page.select_option("select[name=item]", str(item.pk))
    page.select_option("select[name=form]", "true_copy")
    page.fill("input[name=quantity]", "2")
    page.fill("textarea[name=purpose]", "Phục vụ họp Hội đồng ra đề")
    page.select_option("select[name=addressed_to]", str(users["tp.khaothi"].pk))
    shot(page, "copying-01-request")
    with page.expect_navigation():
        page.click("[data-testid=create] button[type=submit].primary")
    request_path = page.url.replace(base, "")
    assert page.inner_text("[data-testid=status]").strip() in ("Chờ quyết định", "Awaiting decision")

    # 2. A Mật-only authority is refused, the page citing the rule and the article.
    _sign_in(page, base, "tp.khaothi", request_path, totp_setup=True)
    page.check("[data-testid=decide] input[name=decision][value=approve]")
    page.click("[data-testid=decide] button[type=submit].primary")
    page.wait_for_selector("[data-testid=decide] .errors")
    error = page.inner_text("[data-testid=decide] .errors")
    assert "R-COPY-1" in error and "Điều 11" in error and "Tối mật" in error
    assert page.inner_text("[data-testid=status]").strip() in ("Chờ quyết định", "Awaiting decision")
    shot(page, "copying-02-refused-mat-only")

    # 3. The department head (Art. 11.2, and the classifier of this copy-forbidden item) approves.
    _sign_in(page, base, "gd.giaoduc", request_path, totp_setup=True)
    page.check("[data-testid=decide] input[name=decision][value=approve]")
    with page.expect_navigation():
        page.click("[data-testid=decide] button[type=submit].primary")
    assert page.inner_text("[data-testid=status]").strip() in ("Đã phê duyệt", "Approved")
    assert "Hồ Thị Oanh" in page.inner_text("[data-testid=approver]")
    shot(page, "copying-03-approved")

    # 4. The clerk makes the copies (one spoiled, destroyed at once); the register shows the line.
    _sign_in(page, base, "vanthu.giaoduc", request_path)
    page.fill("[data-testid=execute] input[name=made]", "3")
    page.fill("[data-testid=execute] input[name=spoiled]", "1")
    page.fill("[data-testid=execute] input[name=device]", "Máy sao chụp VT-01 (không nối mạng)")
    with page.expect_navigation():
        page.click("[data-testid=execute] button[type=submit].primary")
    copies_table = page.inner_text("[data-testid=copies]")
    assert "BẢN SAO SỐ 01" in copies_table and "BẢN SAO SỐ 02" in copies_table
    shot(page, "copying-04-executed")
    page.goto(f"{base}/sao-chup/so/")
    register = page.inner_text("[data-testid=register]")
    assert "01, 02" in register and "Hồ Thị Oanh" in register
    shot(page, "copying-05-register")
    assert CopyRequest.objects.get().seq == 1
