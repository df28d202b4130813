"""Outgoing and incoming registers: numbering, Tuyệt mật summaries, copies, routing and incidents."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.registry import selectors
from bmnn.registry.models import Incident, Item, RegisterEntry, Status
from bmnn.registry.services import determination, registration
from bmnn.rules import check_record, today_vn
from tests.registry.conftest import approve, make_proposal

pytestmark = pytest.mark.django_db


def _determined(demo, exam_item, **kw):
    return approve(demo, make_proposal(demo, exam_item, **kw))


def _entries() -> list[tuple]:
    return list(RegisterEntry.objects.order_by("pk").values_list("pk", "register", "seq"))


def test_r_tx_10_the_register_table_holds_every_form_14_and_15_field() -> None:
    columns = {f.name for f in RegisterEntry._meta.get_fields()}
    mapping = {
        "seq": "seq",
        "doc_date": "doc_date",
        "number_symbol": "number_symbol",
        "summary": "summary",
        "level": "level",
        "signer_or_author": "signer",
        "recipients": "recipients",
        "file_keeper": "file_keeper",
        "notes": "notes",
    }
    assert set(mapping.values()) <= columns
    assert check_record("R-TX-10", list(mapping), today_vn()).allowed
    assert {"sender", "received_on", "envelope_level", "named_recipient", "envelope_intact"} <= columns


def test_clerk_registers_outgoing_with_yearly_numbers(demo, exam_item) -> None:
    first = registration.register_outgoing(
        demo["vanthu.giaoduc"], _determined(demo, exam_item), signer="Hồ Thị Oanh", file_keeper="VT"
    )
    second = registration.register_outgoing(
        demo["vanthu.giaoduc"], _determined(demo, exam_item), signer="Hồ Thị Oanh"
    )
    assert (first.seq, second.seq, first.year) == (1, 2, today_vn().year)
    assert first.summary == "Đề thi chính thức và đáp án"
    assert (first.level, first.copies, first.unit.code) == ("TOI_MAT", 3, "phong-khao-thi")
    event = AuditEvent.objects.get(action="registry.entry.register_out", object_id=str(first.pk))
    assert event.summary["seq"] == 1
    # Another agency's outgoing register starts at 1.
    other = approve(
        demo,
        make_proposal(demo, exam_item, drafter="chuyenvien", field="education_training"),
        who="chutich",
    )
    assert registration.register_outgoing(demo["vanthu"], other, signer="Nguyễn Văn An").seq == 1


def test_registering_an_undetermined_item_is_refused(demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    with pytest.raises(Refused) as err:
        registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="X")
    assert err.value.rule_id == "R-CLS-7"
    assert _entries() == []
    assert AuditEvent.objects.filter(action="registry.entry.register_out.refused").count() == 1


def test_only_a_clerk_of_the_agency_registers(demo, exam_item) -> None:
    item = _determined(demo, exam_item)
    for who in ("cv.khaothi", "vanthu"):
        with pytest.raises(Refused) as err:
            registration.register_outgoing(demo[who], item, signer="X")
        assert err.value.rule_id == "R-TX-1"
    assert _entries() == []


def test_copy_forbidden_refuses_extra_copies_and_changes_nothing(demo, exam_item) -> None:
    item = _determined(demo, exam_item)
    registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="X", copies=3)
    before = _entries()
    with pytest.raises(Refused) as err:
        registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="X", copies=1)
    assert err.value.rule_id == "R-COPY-3"
    assert "không được sao, chụp" in err.value.message
    assert _entries() == before
    event = AuditEvent.objects.get(action="registry.entry.register_out.refused")
    assert event.summary["refusal"]["rule_id"] == "R-COPY-3"


def test_copy_allowed_still_limited_to_the_authorised_number(demo, exam_item) -> None:
    item = _determined(demo, exam_item, copy_allowed=True)
    with pytest.raises(Refused) as err:
        registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="X", copies=4)
    assert err.value.rule_id == "R-COPY-5"


@pytest.mark.parametrize(
    ("act_date", "consent", "regime", "recorded"),
    [
        (dt.date(2025, 6, 2), True, "2018", True),
        (dt.date(2025, 6, 2), False, "2018", False),
        (dt.date(2026, 6, 2), True, "2025", False),
    ],
    ids=["2018-consent", "2018-no-consent", "2025-never"],
)
def test_r_tx_2_tuyet_mat_summary_follows_the_regime(
    demo, lists, act_date, consent, regime, recorded
) -> None:
    clerk = demo["baomat"]
    clerk.person.clearance = "TUYET_MAT"
    clerk.person.save()
    item = make_proposal(
        demo,
        lists["137/QĐ-TTg:TUYET_MAT:1"],
        proposed_level="TUYET_MAT",
        field="defence",
        drafter="chutich",
        title="Thuyết minh nhiệm vụ đặc biệt",
        summary="Nội dung tuyệt mật",
    )
    done = determination.decide(demo["chutich"], item, approve=True, summary_consent=consent, on=act_date)
    assert (done.regime, done.determined_on, done.expires_on) == (
        regime,
        act_date,
        act_date.replace(year=act_date.year + 30),
    )
    entry = registration.register_outgoing(clerk, done, signer="Nguyễn Văn An", on=act_date)
    assert (entry.regime, entry.year, entry.seq) == (regime, act_date.year, 1)
    assert entry.summary == ("Nội dung tuyệt mật" if recorded else "")
    event = AuditEvent.objects.get(action="registry.entry.register_out")
    assert event.summary["summary_rule"] == ["R-TX-2"]


def test_clerk_clearance_below_level_is_refused(demo, lists) -> None:
    item = make_proposal(
        demo,
        lists["137/QĐ-TTg:TUYET_MAT:1"],
        proposed_level="TUYET_MAT",
        field="defence",
        drafter="chutich",
    )
    done = approve(demo, item, who="chutich")
    clerk = demo["vanthu"].person
    clerk.clearance = "TOI_MAT"  # the demo clerk of the province holds Tuyệt mật: lower it for this case
    clerk.save(update_fields=["clearance"])
    with pytest.raises(Refused) as err:
        registration.register_outgoing(demo["vanthu"], done, signer="Nguyễn Văn An")
    assert err.value.rule_id == "ACCESS-CLEARANCE"
    assert _entries() == []


def test_incoming_registration_routes_named_envelopes(demo) -> None:
    named = demo["gd.giaoduc"].person
    entry = registration.register_incoming(
        demo["vanthu.giaoduc"],
        sender="Bộ Giáo dục và Đào tạo",
        number_symbol="12/BGDĐT-QLCL",
        envelope_level="TOI_MAT",
        field="education_training",
        named_recipient=named,
        named_only=True,
    )
    assert (entry.seq, entry.route_to, entry.summary) == (1, "named_person", "")
    assert entry.item.status == Status.RECEIVED
    assert selectors.item_for(demo["gd.giaoduc"], entry.item_id) is not None
    # Only the named person may open: the clerk who registered it does not see the item.
    assert selectors.item_for(demo["vanthu.giaoduc"], entry.item_id) is None
    # The clerk still sees the register line (written from the outer marks).
    assert selectors.entry_for(demo["vanthu.giaoduc"], entry.pk) is not None
    assert Incident.objects.count() == 0


def test_damaged_envelope_opens_an_incident_for_the_head(demo) -> None:
    entry = registration.register_incoming(
        demo["vanthu.giaoduc"],
        sender="Sở Giáo dục tỉnh Bên Cạnh",
        number_symbol="5/SGDĐT",
        envelope_level="MAT",
        field="education_training",
        summary="Kế hoạch coi thi",
        envelope_intact=False,
    )
    incident = Incident.objects.get()
    assert (incident.kind, incident.status, incident.rule_id) == ("envelope_opened", "open", "R-TX-8")
    assert incident.notified == demo["gd.giaoduc"].person
    assert (incident.entry, incident.item) == (entry, entry.item)
    event = AuditEvent.objects.get(action="registry.entry.register_in")
    assert event.summary["incident"] == incident.pk
    assert list(selectors.visible_incidents(demo["gd.giaoduc"])) == [incident]


def test_incoming_clerk_must_be_cleared_unless_named_only(demo) -> None:
    with pytest.raises(Refused) as err:
        registration.register_incoming(
            demo["vanthu.anphu"],
            sender="UBND tỉnh",
            number_symbol="1/UBND",
            envelope_level="TOI_MAT",
            field="economy",
        )
    assert err.value.rule_id == "ACCESS-CLEARANCE"
    assert Item.objects.count() == 0


def test_yearly_statistics_per_level(demo, exam_item, lists) -> None:
    registration.register_outgoing(demo["vanthu.giaoduc"], _determined(demo, exam_item), signer="X")
    mat = approve(demo, make_proposal(demo, lists["531/QĐ-TTg:MAT:2"], proposed_level="MAT"))
    registration.register_outgoing(demo["vanthu.giaoduc"], mat, signer="X")
    stats = selectors.yearly_stats(demo["vanthu.giaoduc"], "out", today_vn().year)
    assert stats == {"TUYET_MAT": 0, "TOI_MAT": 1, "MAT": 1}
    assert selectors.yearly_stats(demo["vanthu.anphu"], "out", today_vn().year) == {
        "TUYET_MAT": 0,
        "TOI_MAT": 0,
        "MAT": 0,
    }


def test_register_page_filters_and_text_search(demo, exam_item) -> None:
    entry = registration.register_outgoing(
        demo["vanthu.giaoduc"],
        _determined(demo, exam_item, number_symbol="15/SGDĐT-KT"),
        signer="Hồ Thị Oanh",
    )
    page = selectors.register_page
    clerk = demo["vanthu.giaoduc"]
    year = today_vn().year
    assert list(page(clerk, "out", year=year, text="de thi chinh")) == [entry]
    assert list(page(clerk, "out", year=year, text="ĐỀ THI")) == [entry]
    assert list(page(clerk, "out", year=year, unit=entry.unit_id, level="TOI_MAT")) == [entry]
    assert list(page(clerk, "out", year=year - 1)) == []
    assert list(page(clerk, "out", level="MAT")) == []
    assert list(page(clerk, "in")) == []
