"""The copy procedure: request → decision (R-COPY-1..3) → execution (R-COPY-4..9), with every refusal
changing nothing and leaving a ``.refused`` audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.copying.models import CopyRequest
from bmnn.copying.services import copies
from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, Handover
from bmnn.organizations.models import Assignment, Delegation, Person, Position
from tests.copying.conftest import person, refused_event

pytestmark = pytest.mark.django_db


def _request(demo: dict[str, Any], item: Any, **kw: Any) -> CopyRequest:
    args: dict[str, Any] = {"form": "true_copy", "quantity": 2, "purpose": "Phục vụ họp Hội đồng thi"}
    args.update(kw)
    return copies.request_copy(demo[args.pop("who", "cv.khaothi")], item, **args)


def _approved(demo: dict[str, Any], item: Any, **kw: Any) -> CopyRequest:
    return copies.decide_copy(demo["gd.giaoduc"], _request(demo, item, **kw), approve=True)


def _state(req: CopyRequest) -> tuple[Any, ...]:
    req.refresh_from_db()
    return (req.status, req.approver_id, req.seq, Copy.objects.count(), Handover.objects.count())


def test_request_approve_execute_numbers_inherits_and_registers(
    demo: dict[str, Any], determined: Any
) -> None:
    req = _approved(demo, determined, addressed_to=person("gd.giaoduc"))
    done = copies.execute_copy(demo["vanthu.giaoduc"], req, made=3, spoiled=1, device="Máy photocopy VT-01")
    assert (done.status, done.seq, done.year, done.copy_numbers) == (
        "executed",
        1,
        done.executed_on.year,
        "01, 02",
    )
    made = list(Copy.objects.filter(item=determined).order_by("number"))
    assert [(c.number, c.status) for c in made] == [(1, "active"), (2, "active"), (3, "spoiled")]
    for c in made:  # R-COPY-7: level and period of the original
        assert (c.level, c.expires_on) == (determined.level, determined.expires_on)
    assert made[0].marks["COPY_NUMBER"]["text"] == "BẢN SAO SỐ 01" and made[0].marks["COPY"]["form"] == "09"
    assert made[2].status_changed_on == done.executed_on
    # The copies were handed to the requester (Form 16 lines, purpose "issue").
    assert {c.custodian_id for c in made[:2]} == {person("cv.khaothi").pk}
    assert Handover.objects.filter(purpose="issue", copy__in=made[:2]).count() == 2
    assert AuditEvent.objects.filter(action="copying.request.execute").count() == 1
    # The register number is yearly per agency: a second execution takes number 2.
    second = copies.execute_copy(demo["vanthu.giaoduc"], _approved(demo, determined, quantity=1), made=1)
    assert second.seq == 2 and second.copy_numbers == "04"


def test_mat_only_authority_is_refused_r_copy_1(demo: dict[str, Any], determined: Any) -> None:
    req = _request(demo, determined, addressed_to=person("tp.khaothi"))
    before = _state(req)
    with pytest.raises(Refused) as err:
        copies.decide_copy(demo["tp.khaothi"], req, approve=True)
    assert err.value.rule_id == "R-COPY-1" and "Điều 11" in err.value.message
    assert _state(req) == before
    assert refused_event("copying.request.approve").summary["refusal"]["rule_id"] == "R-COPY-1"


def _deputy(demo: dict[str, Any], start: dt.date, end: dt.date) -> Any:
    """A deputy director of the education department holding a written delegation for copying."""
    from django.contrib.auth import get_user_model

    head = person("gd.giaoduc")
    user = get_user_model().objects.create(username="pgd.giaoduc")
    deputy = Person.objects.create(
        user=user,
        full_name="Lê Thị Phó",
        agency=head.agency,
        clearance="TOI_MAT",
        employment_category="civil_servant",
        has_bmnn_duties=True,
    )
    post = Position.objects.create(
        agency=head.agency, title="Phó Giám đốc Sở", authority_tags=["deputy:provincial_department_head"]
    )
    Assignment.objects.create(person=deputy, position=post, start_date=dt.date(2021, 7, 1))
    Delegation.objects.create(
        delegator=head,
        delegator_position=head.assignments.get().position,
        deputy=deputy,
        acts=["copy"],
        max_level="TOI_MAT",
        start_date=start,
        end_date=end,
        document_ref="Giấy ủy quyền số 05/GUQ-SGDĐT",
    )
    return user


def test_deputy_with_expired_delegation_is_refused_r_copy_2(demo: dict[str, Any], determined: Any) -> None:
    user = _deputy(demo, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    req = _request(demo, determined, addressed_to=user.person)
    before = _state(req)
    with pytest.raises(Refused) as err:
        copies.decide_copy(user, req, approve=False, note="Không cần thiết")
    assert err.value.rule_id == "R-COPY-2" and "ủy quyền" in err.value.message, err.value.message
    assert _state(req) == before
    assert refused_event("copying.request.refuse").summary["refusal"]["rule_id"] == "R-COPY-2"


def test_deputy_with_valid_delegation_decides(demo: dict[str, Any], determined: Any) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    user = _deputy(demo, today - dt.timedelta(days=10), today + dt.timedelta(days=100))
    req = copies.decide_copy(user, _request(demo, determined), approve=False, note="Đã có đủ bản")
    assert (req.status, req.delegation.document_ref) == ("refused", "Giấy ủy quyền số 05/GUQ-SGDĐT")


def test_copy_forbidden_item_refused_unless_classifier_r_copy_3(
    demo: dict[str, Any], determined: Any
) -> None:
    assert determined.copy_allowed is False
    req = _request(demo, determined, addressed_to=person("chutich"))
    before = _state(req)
    with pytest.raises(Refused) as err:  # the chairman has the authority but did not classify it
        copies.decide_copy(demo["chutich"], req, approve=True)
    assert err.value.rule_id == "R-COPY-3" and "không được sao, chụp" in err.value.message
    assert _state(req) == before
    assert refused_event("copying.request.approve").summary["refusal"]["rule_id"] == "R-COPY-3"
    assert copies.decide_copy(demo["gd.giaoduc"], req, approve=True).status == "approved"


def test_refusal_needs_written_reasons(demo: dict[str, Any], determined: Any) -> None:
    req = _request(demo, determined)
    with pytest.raises(Refused):
        copies.decide_copy(demo["gd.giaoduc"], req, approve=False, note="  ")
    assert _state(req)[0] == "requested"
    assert refused_event("copying.request.refuse") is not None


def _execute_refused(
    demo: dict[str, Any], req: CopyRequest, rule: str, who: str = "vanthu.giaoduc", **kw: Any
) -> None:
    before = _state(req)
    args: dict[str, Any] = {"made": req.quantity}
    args.update(kw)
    with pytest.raises(Refused) as err:
        copies.execute_copy(demo[who], req, **args)
    assert err.value.rule_id == rule, err.value.message
    assert _state(req) == before
    assert refused_event("copying.request.execute").summary["refusal"]["rule_id"] == rule


def test_more_copies_kept_than_authorised_r_copy_5(demo: dict[str, Any], determined: Any) -> None:
    _execute_refused(demo, _approved(demo, determined), "R-COPY-5", made=4, spoiled=1)


def test_photo_without_record_and_extract_without_text_r_copy_6(
    demo: dict[str, Any], determined: Any
) -> None:
    photo = _approved(demo, determined, form="photo", quantity=1)
    _execute_refused(demo, photo, "R-COPY-6", device="Máy ảnh KTS không kết nối mạng")
    extract = _approved(demo, determined, form="extract", quantity=1)
    _execute_refused(demo, extract, "R-COPY-6")
    done = copies.execute_copy(
        demo["vanthu.giaoduc"], photo, made=1, device="Máy ảnh KTS", photo_subject="Trang 1 đề thi"
    )
    assert done.copies.get().marks["PHOTO_RECORD"]["form"] == "13"


def test_copy_of_a_stale_copy_r_copy_7(demo: dict[str, Any], determined: Any) -> None:
    first = copies.execute_copy(demo["vanthu.giaoduc"], _approved(demo, determined, quantity=1), made=1)
    source = first.copies.get()
    req = _approved(demo, determined, form="copy_of_copy", source_copy=source, quantity=1)
    Copy.objects.filter(pk=source.pk).update(expires_on=dt.date(2030, 1, 1))  # out of step with the original
    _execute_refused(demo, req, "R-COPY-7")


def test_ineligible_executor_r_copy_8(demo: dict[str, Any], determined: Any) -> None:
    req = _approved(demo, determined)
    copier = demo["cv.khaothi"].person
    copier.employment_category = "other"  # e.g. a contract worker (Law Art. 11.6)
    copier.save(update_fields=["employment_category"])
    _execute_refused(demo, req, "R-COPY-8", who="cv.khaothi")


def test_networked_device_r_copy_9(demo: dict[str, Any], determined: Any) -> None:
    req = _approved(demo, determined)
    _execute_refused(demo, req, "R-COPY-9", device="Máy in mạng", device_networked=True)


def test_unapproved_request_cannot_be_executed(demo: dict[str, Any], determined: Any) -> None:
    _execute_refused(demo, _request(demo, determined), "R-COPY-1")


def test_request_for_an_invisible_item_is_refused(demo: dict[str, Any], determined: Any) -> None:
    count = CopyRequest.objects.count()
    with pytest.raises(Refused) as err:
        copies.request_copy(demo["gd.taichinh"], determined, form="true_copy", quantity=1, purpose="x")
    assert err.value.rule_id == "ACCESS-ITEM" and CopyRequest.objects.count() == count
    assert refused_event("copying.request.create") is not None
