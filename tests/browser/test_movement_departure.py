"""The security officer starts a departure for a drafter who still holds a Tối mật item: completion is
refused with R-RECALL-1; after the handover and the commitment upload, completion succeeds.
Screenshots go to test-artifacts/movement-*.png."""

from __future__ import annotations

import base64

import pytest
from django.db import connections
from django_otp.oath import totp

from tests.browser.conftest import ARTIFACTS, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def test_departure_blocked_until_handover(live_server, browser_page, settings, tmp_path) -> None:
    from bmnn.movement.models import Departure
    from bmnn.organizations import demo
    from bmnn.organizations.models import Person
    from bmnn.registry.services import lists
    from tests.movement.conftest import person
    from tests.registry.conftest import approve, make_proposal

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    from bmnn.registry.models import ListItem

    basis = ListItem.objects.get(source_list__decision_number="531/QĐ-TTg", level="TOI_MAT", number="1")
    item = approve(users, make_proposal(users, basis))
    leaver = person("cv.khaothi")
    item.custodian = leaver
    item.save(update_fields=["custodian"])
    connections.close_all()
    page, base = browser_page, live_server.url

    # The security officer signs in (TOTP set-up) and opens the departures page.
    page.goto(f"{base}/mang-ra/nghi-viec/")
    page.fill("input[name=username]", "baomat")
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    if "/xac-thuc/thiet-lap/" in page.url:  # roles that must use TOTP set it up on first sign-in
        page.fill("input[name=token]", _code(page.inner_text("[data-testid=totp-secret]").strip()))
        page.click("button[type=submit].primary")
    page.wait_for_url("**/mang-ra/nghi-viec/")

    # 1. Start the departure of the drafter (transfer).
    page.select_option("[data-testid=start-departure] select[name=person]", str(leaver.pk))
    page.select_option("[data-testid=start-departure] select[name=reason]", "transfer")
    with page.expect_navigation():
        page.click("[data-testid=start-departure] button[type=submit].primary")
    assert "Đề thi chọn học sinh giỏi" in page.inner_text("[data-testid=holdings]")
    shot(page, "movement-01-departure-holdings")

    # 2. Completion is refused: R-RECALL-1, in Vietnamese.
    with page.expect_navigation():
        page.click("[data-testid=complete] button[type=submit]")
    error = page.inner_text("[data-testid=error]")
    assert "R-RECALL-1" in error and "chưa bàn giao BMNN" in error and "Điều 26" in error
    shot(page, "movement-02-completion-refused")
    assert Departure.objects.get().status == "open"

    # 3. Hand the item over to the department's clerk, with a receipt number.
    clerk = person("vanthu.giaoduc")
    page.select_option("[data-testid=recall] select[name=to_person]", str(clerk.pk))
    page.fill("[data-testid=recall] input[name=receipt_no]", "BN-2026-01")
    with page.expect_navigation():
        page.click("[data-testid=recall] button[type=submit].primary")
    assert page.locator("[data-testid=recall]").count() == 0

    # 4. Upload the written protection commitment.
    commitment = tmp_path / "cam-ket.pdf"
    commitment.write_bytes(b"%PDF-1.4\n% cam ket bao ve BMNN\n")
    page.set_input_files("[data-testid=commitment-form] input[name=commitment]", str(commitment))
    with page.expect_navigation():
        page.click("[data-testid=commitment-form] button[type=submit].primary")
    assert "cam-ket.pdf" in page.inner_text("[data-testid=commitment]")
    shot(page, "movement-03-handed-over")

    # 5. Completion now succeeds.
    with page.expect_navigation():
        page.click("[data-testid=complete] button[type=submit]")
    assert page.locator("[data-testid=error]").count() == 0
    assert page.inner_text("[data-testid=status]").strip() in ("Hoàn tất", "Completed")
    shot(page, "movement-04-completed")
    assert Departure.objects.get().status == "completed"
    assert Person.objects.get(pk=leaver.pk).status == "left"
    assert (ARTIFACTS / "movement-04-completed.png").exists()
