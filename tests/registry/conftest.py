"""Fixtures for the registry tests: the demo province plus the shipped classification lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import verified_client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The demo creates ~25 accounts; PBKDF2 at full strength dominates the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def lists(demo: dict[str, Any]) -> dict[str, Any]:
    from bmnn.registry.models import ListItem
    from bmnn.registry.services import lists as list_services

    list_services.load_shipped()
    return {
        f"{i.source_list.decision_number}:{i.level}:{i.number}": i
        for i in ListItem.objects.select_related("source_list")
    }


@pytest.fixture
def exam_item(lists: dict[str, Any]) -> Any:
    """531/QĐ-TTg, Tối mật item 1 (exam papers)."""
    return lists["531/QĐ-TTg:TOI_MAT:1"]


def make_proposal(demo: dict[str, Any], basis: Any, **kw: Any) -> Any:
    from bmnn.registry.services import determination

    args: dict[str, Any] = {
        "title": "Đề thi chọn học sinh giỏi cấp tỉnh môn Toán năm 2026",
        "summary": "Đề thi chính thức và đáp án",
        "field": "education_training",
        "proposed_level": "TOI_MAT",
        "basis": basis if isinstance(basis, list) else ([basis] if basis else []),
        "recipients": "Hội đồng thi; Lưu: VT, KT",
        "copies": 3,
        "copy_allowed": False,
        "submit": True,
    }
    args.update(kw)
    drafter = args.pop("drafter", "cv.khaothi")
    return determination.create_item(demo[drafter], **args)


def approve(demo: dict[str, Any], item: Any, who: str = "gd.giaoduc", **kw: Any) -> Any:
    from bmnn.registry.services import determination

    return determination.decide(demo[who], item, approve=True, **kw)


@pytest.fixture
def client_for(demo: dict[str, Any]):  # type: ignore[no-untyped-def]
    return lambda username: verified_client(demo[username])
