"""The department's clerk requests a take-out of a Tối mật item and one of its copies, the director
approves, the clerk hands the first line out with a signature drawn on screen and the second with a
receipt number, then records the return of both; the printed request is a PDF.
Screenshots go to test-artifacts/movement-take-out-*.png."""

from __future__ import annotations

import base64

import pytest
from django.db import connections
from django.utils import timezone
from django_otp.oath import totp

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def _sign(page, form: str) -> None:  # type: ignore[no-untyped-def]
    pad = page.locator(f"{form} [data-testid=signature-pad]")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + 40 + (step % 3) * 25)
    page.mouse.up()


def test_take_out_of_two_lines_signed_on_screen(live_server, browser_page, settings) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from bmnn.custody.models import Copy
    from bmnn.movement.models import TakeOut
    from bmnn.movement.services import takeouts
    from bmnn.organizations import demo
    from bmnn.registry.models import ListItem
    from bmnn.registry.services import lists
    from tests.movement.conftest import person
    from tests.registry.conftest import approve, make_proposal

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    users = {u.username: u for u in get_user_model().objects.all()}
    basis = ListItem.objects.get(source_list__decision_number="531/QĐ-TTg", level="TOI_MAT", number="1")
    item = approve(users, make_proposal(users, basis))
    clerk = person("vanthu.giaoduc")
    item.custodian = clerk
    item.save(update_fields=["custodian"])
    copy = Copy.objects.create(
        item=item,
        number=1,
        form="true_copy",
        level="TOI_MAT",
        custodian=clerk,
        made_on=timezone.localdate(),
        made_by=clerk,
    )
    connections.close_all()
    page, base = browser_page, live_server.url

    page.goto(f"{base}/mang-ra/moi/")
    page.fill("input[name=username]", "vanthu.giaoduc")
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    if "/xac-thuc/thiet-lap/" in page.url:
        page.fill("input[name=token]", _code(page.inner_text("[data-testid=totp-secret]").strip()))
        page.click("button[type=submit].primary")
    page.wait_for_url("**/mang-ra/moi/")

    # 1. The request carries the item and its copy.
    today = timezone.localdate().isoformat()
    page.select_option("select[name=things]", [f"item:{item.pk}", f"copy:{copy.pk}"])
    page.select_option("select[name=carrier]", str(person("tp.khaothi").pk))
    page.fill("input[name=carrier_position]", "Trưởng phòng Khảo thí")
    page.fill("input[name=carrier_unit]", "Phòng Khảo thí")
    page.fill("textarea[name=purpose]", "Làm việc với Hội đồng thi")
    page.fill("input[name=place]", "Trường THPT Chuyên")
    page.fill("input[name=starts_on]", today)
    page.fill("input[name=due_on]", today)
    page.fill("textarea[name=protection_measures]", "Cặp có khóa, luôn mang theo người")
    with page.expect_navigation():
        page.click("form.card button[type=submit].primary")
    take_out = TakeOut.objects.get()
    assert take_out.lines.count() == 2
    assert page.locator("[data-testid=lines] tbody tr").count() == 2
    shot(page, "movement-take-out-01-requested")

    # 2. The director approves (service, as the decision page is covered by the page tests).
    takeouts.decide(users["gd.giaoduc"], take_out, approve=True)
    connections.close_all()
    page.reload()

    # 3. First line handed out with a signature on screen.
    form = "[data-testid=hand-out]"
    first, second = take_out.lines.order_by("pk")
    page.select_option(f"{form} select[name=line]", str(first.pk))
    _sign(page, form)
    assert page.input_value(f"{form} input[name=signature_svg]").startswith("M ")
    assert page.input_value(f"{form} select[name=receipt_kind]") == "signature"
    shot(page, "movement-take-out-02-signing")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit].primary")
    first.refresh_from_db()
    assert first.out_handover is not None and first.out_handover.receipt_kind == "signature"

    # 4. The second line with a receipt number; then every line comes back, signed.
    page.select_option(f"{form} select[name=line]", str(second.pk))
    page.fill(f"{form} input[name=receipt_no]", "MR-02")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit].primary")
    form = "[data-testid=return]"
    page.select_option(f"{form} select[name=line]", "")
    _sign(page, form)
    with page.expect_navigation():
        page.click(f"{form} button[type=submit].primary")
    take_out.refresh_from_db()
    assert take_out.status == "returned"
    assert all(r.return_handover.receipt_kind == "signature" for r in take_out.lines.all())
    shot(page, "movement-take-out-03-returned")

    response = page.request.get(f"{base}/mang-ra/{take_out.pk}/de-nghi.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
