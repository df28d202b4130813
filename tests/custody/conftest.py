"""Custody tests reuse the registry's fixtures (demo province, shipped lists, a determined item)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "exam_item", "lists", "make_proposal"]


@pytest.fixture
def determined(demo: dict[str, Any], exam_item: Any) -> Any:
    """A Tối mật exam paper, proposed by cv.khaothi and determined by the department head."""
    item = make_proposal(demo, exam_item)
    return approve(demo, item)


def person(username: str) -> Any:
    from bmnn.organizations.models import Person

    return Person.objects.get(user__username=username)


def top_secret_item(demo: dict[str, Any], lists: dict[str, Any]) -> Any:
    """A Tuyệt mật report of the Provincial People's Committee (137/QĐ-TTg Art. 1 item 1, security field),
    drafted by the vice-chairman, determined by the chairman and registered outgoing by the provincial clerk
    (who holds Tuyệt mật clearance in the demo)."""
    from bmnn.registry.services import registration

    item = make_proposal(
        demo,
        lists["137/QĐ-TTg:TUYET_MAT:1"],
        drafter="phochutich",
        title="Báo cáo nhiệm vụ khoa học đặc biệt phục vụ an ninh",
        summary="Báo cáo tiến độ nhiệm vụ đặc biệt",
        field="security",
        proposed_level="TUYET_MAT",
        recipients="Bộ Công an",
        copies=1,
    )
    item = approve(demo, item, who="chutich")
    registration.register_outgoing(
        demo["vanthu"], item, signer="Nguyễn Văn An", number_symbol="05/BC-UBND", recipients="Bộ Công an"
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def top_secret(demo: dict[str, Any], lists: dict[str, Any]) -> Any:
    return top_secret_item(demo, lists)


def incoming(demo: dict[str, Any], number_symbol: str, **kw: Any) -> Any:
    """An incoming line of the Department of Education from the Ministry, registered by its clerk."""
    from bmnn.registry.services.registration import register_incoming

    args: dict[str, Any] = {
        "sender": "Bộ Giáo dục và Đào tạo",
        "envelope_level": "MAT",
        "field": "education_training",
        **kw,
    }
    return register_incoming(demo["vanthu.giaoduc"], number_symbol=number_symbol, **args)


def hand_to_head_of_exams(demo: dict[str, Any], item: Any, **receipt: Any) -> Any:
    """The drafter hands ``item`` to the head of the exams office (a transfer with ``receipt`` fields)."""
    from bmnn.custody.services.custody import transfer

    return transfer(
        demo["cv.khaothi"], item=item, purpose="transfer", to_person=person("tp.khaothi"), **receipt
    )
