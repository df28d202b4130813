"""Providing a Tối mật exam paper to a foreign party: the clerk records the request (nationality,
passport, cooperation programme, commitment) submitted to the provincial chairman → the department head
(not competent for a foreign party) is refused with R-PROV-3 citing Art. 16 → the chairman, who cannot
see the item itself, approves from the "awaiting my decision" list → the providing register shows the
line.  A domestic request refused in writing gives the refusal letter as PDF.
Screenshots: test-artifacts/copying-foreign-*."""

from __future__ import annotations

import pytest
from django.db import connections

from tests.browser.conftest import shot
from tests.browser.test_copying_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUS_REQUESTED = ("Chờ quyết định", "Awaiting decision")


def _item():  # type: ignore[no-untyped-def]
    from bmnn.organizations import demo
    from bmnn.organizations.models import Person
    from bmnn.registry.models import ListItem
    from bmnn.registry.services import determination, lists

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
    return item, users


def _fill_common(page, item_pk: int, body: str) -> None:  # type: ignore[no-untyped-def]
    page.select_option("select[name=item]", str(item_pk))
    page.fill("input[name=body]", body)
    page.fill("input[name=representative]", "Somsak Vongsa")
    page.fill("input[name=position]", "Phó Hiệu trưởng")
    page.fill("textarea[name=secret_requested]", "Đề thi chọn học sinh giỏi môn Toán")
    page.fill("textarea[name=purpose]", "Trao đổi kinh nghiệm ra đề")
    page.fill("textarea[name=commitment]", "Cam kết không tiết lộ cho bên thứ ba")


def test_foreign_provision_chairman_decides(live_server, browser_page, settings) -> None:
    from bmnn.copying.models import Provision

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    item, users = _item()
    connections.close_all()  # leave SQLite's write lock to the live server
    page, base = browser_page, live_server.url

    # 1. The clerk records the foreign party's request, submitted to the provincial chairman.
    _sign_in(page, base, "vanthu.giaoduc", "/sao-chup/cung-cap/moi/")
    _fill_common(page, item.pk, "Đại học Quốc gia Lào")
    page.select_option("select[name=party_kind]", "foreign")
    page.fill("input[name=nationality]", "Lào")
    page.fill("input[name=passport]", "P1234567")
    page.fill("input[name=programme]", "Chương trình hợp tác giáo dục Việt - Lào 2026")
    page.check("input[name=in_cooperation]")
    page.select_option("select[name=addressed_to]", str(users["chutich"].pk))
    shot(page, "copying-foreign-01-request")
    with page.expect_navigation():
        page.click("[data-testid=create] button[type=submit].primary")
    path = page.url.replace(base, "")
    assert page.inner_text("[data-testid=status]").strip() in STATUS_REQUESTED
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=addressed-to]")

    # 2. The department head may not provide to a foreign party: refused, the page citing the rule.
    _sign_in(page, base, "gd.giaoduc", path, totp_setup=True)
    page.check("[data-testid=decide] input[name=decision][value=approve]")
    page.click("[data-testid=decide] button[type=submit].primary")
    page.wait_for_selector("[data-testid=decide] .errors")
    error = page.inner_text("[data-testid=decide] .errors")
    assert "R-PROV-3" in error and "Điều 16" in error, error
    assert page.inner_text("[data-testid=status]").strip() in STATUS_REQUESTED
    shot(page, "copying-foreign-02-refused")

    # 3. The chairman finds it awaiting his decision and approves; he never sees the item page.
    _sign_in(page, base, "chutich", "/sao-chup/cho-quyet-dinh/", totp_setup=True)
    assert "Đại học Quốc gia Lào" in page.inner_text("[data-testid=awaiting-provisions]")
    shot(page, "copying-foreign-03-awaiting")
    with page.expect_navigation():
        page.click(f"[data-testid=awaiting-provisions] a[href='{path}']")
    assert "P1234567" in page.content()
    assert page.locator("[data-testid=provided]").count() == 0
    page.check("[data-testid=decide] input[name=decision][value=approve]")
    with page.expect_navigation():
        page.click("[data-testid=decide] button[type=submit].primary")
    assert page.inner_text("[data-testid=status]").strip() in ("Đã phê duyệt", "Approved")
    assert "Nguyễn Văn An" in page.inner_text("[data-testid=decision]")
    shot(page, "copying-foreign-04-approved")
    response = page.request.get(f"{base}/so-dang-ky/{item.pk}/")
    assert response.status == 404

    # 4. The providing register of the department shows the line with the decision.
    _sign_in(page, base, "vanthu.giaoduc", "/sao-chup/cung-cap/")
    register = page.inner_text("[data-testid=register]")
    assert "Đại học Quốc gia Lào" in register and "Nguyễn Văn An" in register and "P1234567" in register
    shot(page, "copying-foreign-05-register")
    assert Provision.objects.get().status == "approved"


def test_refused_request_gives_the_refusal_letter(live_server, browser_page, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    item, _users = _item()
    connections.close_all()
    page, base = browser_page, live_server.url

    _sign_in(page, base, "vanthu.giaoduc", "/sao-chup/cung-cap/moi/")
    _fill_common(page, item.pk, "Trường THPT chuyên Sông Hồng")
    page.select_option("select[name=party_kind]", "domestic")
    page.fill("input[name=id_number]", "001080001234")
    with page.expect_navigation():
        page.click("[data-testid=create] button[type=submit].primary")
    path = page.url.replace(base, "")

    # Refusing without reasons is refused (R-PROV-5); the head then refuses in writing.
    _sign_in(page, base, "gd.giaoduc", path, totp_setup=True)
    page.check("[data-testid=decide] input[name=decision][value=refuse]")
    page.click("[data-testid=decide] button[type=submit].primary")
    page.wait_for_selector("[data-testid=decide] .has-error .error")
    assert "R-PROV-5" in page.inner_text("[data-testid=decide] .has-error .error")
    page.check("[data-testid=decide] input[name=decision][value=refuse]")
    page.fill("[data-testid=decide] textarea[name=note]", "Mục đích không phù hợp với nhiệm vụ")
    with page.expect_navigation():
        page.click("[data-testid=decide] button[type=submit].primary")
    assert page.inner_text("[data-testid=status]").strip() in ("Bị từ chối", "Refused")
    shot(page, "copying-foreign-06-refused-in-writing")
    href = page.get_attribute("[data-testid=refusal-pdf]", "href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
