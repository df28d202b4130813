"""REST API of the custody app: the same acts as the pages; 404 for what the caller may not see (items,
incoming lines, people, locations, copies); refusals as 400 with rule, citation, field and reasons; nothing
changes on a refusal and the refusal is on the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.custody.models import Dispatch, Handover, Location
from bmnn.registry.models import RegisterEntry
from tests.custody.conftest import incoming, person

pytestmark = pytest.mark.django_db

API = "/luu-giu/api"
JSON = "application/json"
REFUSAL_KEYS = {"message", "rule_id", "citation", "field", "reasons"}


def test_transfer_move_holdings_and_timeline(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    drafter = client_as("cv.khaothi")
    held = drafter.get(f"{API}/holdings/").json()
    assert [i["id"] for i in held["items"]] == [determined.pk] and held["copies"] == []
    safe = Location.objects.create(agency_id=determined.agency_id, name="Két Khảo thí", code="K1")
    body = {
        "to_person": person("tp.khaothi").pk,
        "to_location": safe.pk,
        "receipt_kind": "signature",
        "signature_svg": "M 1 1 L 20 30 L 40 5",
    }
    response = drafter.post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON)
    assert response.status_code == 201, response.content
    line = response.json()
    assert (line["purpose"], line["from_person"], line["to_person"], line["signed_on_screen"]) == (
        "transfer",
        person("cv.khaothi").pk,
        person("tp.khaothi").pk,
        True,
    )
    assert "signature_svg" not in line
    assert drafter.get(f"{API}/holdings/").json()["items"] == []
    holder = client_as("tp.khaothi")
    assert [i["id"] for i in holder.get(f"{API}/holdings/").json()["items"]] == [determined.pk]
    cabinet = Location.objects.create(agency_id=determined.agency_id, name="Tủ Khảo thí", kind="cabinet")
    response = holder.post(
        f"{API}/items/{determined.pk}/move/",
        {"to_location": cabinet.pk, "receipt_no": "DC-1"},
        content_type=JSON,
    )
    assert response.status_code == 201 and response.json()["to_person"] == person("tp.khaothi").pk
    determined.refresh_from_db()
    assert (determined.custodian_id, determined.location_id) == (person("tp.khaothi").pk, cabinet.pk)
    timeline = holder.get(f"{API}/items/{determined.pk}/timeline/").json()
    assert [e["kind"] for e in timeline["events"]] == ["create", "determine", "handover", "handover"]
    assert timeline["events"][-1]["location"] == "Tủ Khảo thí"
    assert AuditEvent.objects.filter(action="custody.handover").count() == 2


def test_refusals_answer_400_and_change_nothing(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    # The approver neither holds the item nor keeps the registers (R-TX-5).
    body = {"to_person": person("gd.giaoduc").pk, "receipt_no": "X-1"}
    response = client_as("gd.giaoduc").post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON)
    assert response.status_code == 400 and set(response.json()) == REFUSAL_KEYS
    assert response.json()["rule_id"] == "R-TX-5" and "Điều" in response.json()["citation"]
    # An unsigned handover (neither receipt number nor a drawable signature).
    body = {"to_person": person("tp.khaothi").pk, "receipt_kind": "signature", "signature_svg": "<svg/>"}
    response = client_as("cv.khaothi").post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-TX-5"
    assert response.json()["field"] == "receipt_no"
    # Sending an item that is not in the outgoing register (R-TX-1).
    response = client_as("vanthu.giaoduc").post(
        f"{API}/items/{determined.pk}/dispatch/", {"recipient": "Bộ GD&ĐT"}, content_type=JSON
    )
    assert response.status_code == 400 and response.json()["rule_id"] == "R-TX-1"
    determined.refresh_from_db()
    assert determined.custodian_id == person("cv.khaothi").pk
    assert not Handover.objects.exists() and not Dispatch.objects.exists()
    assert AuditEvent.objects.filter(action="custody.handover.refused").count() == 2
    assert AuditEvent.objects.filter(action="custody.dispatch.refused").count() == 1
    # Malformed input is a 400 from the serializer, with the field named.
    response = client_as("cv.khaothi").post(
        f"{API}/items/{determined.pk}/transfer/", {"to_person": "abc"}, content_type=JSON
    )
    assert response.status_code == 400 and "to_person" in response.json()


def test_invisible_objects_answer_404(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    outsider = client_as("vanthu")  # the provincial clerk does not see the department's item
    for path in ("timeline/",):
        assert outsider.get(f"{API}/items/{determined.pk}/{path}").status_code == 404
    body = {"to_person": person("vanthu").pk, "receipt_no": "X"}
    assert outsider.post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON).status_code == 404
    assert client_as("cv.khaothi").get(f"{API}/items/abc/timeline/").status_code == 404
    # A location of another agency, a person out of reach, a copy of nothing: 404, nothing written.
    elsewhere = Location.objects.create(agency_id=person("vanthu").agency_id, name="Két UBND")
    drafter = client_as("cv.khaothi")
    body = {"to_person": person("tp.khaothi").pk, "to_location": elsewhere.pk, "receipt_no": "X"}
    assert drafter.post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON).status_code == 404
    body = {"to_person": 999999, "receipt_no": "X"}
    assert drafter.post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON).status_code == 404
    body = {"to_person": person("tp.khaothi").pk, "copy": 999999, "receipt_no": "X"}
    assert drafter.post(f"{API}/items/{determined.pk}/transfer/", body, content_type=JSON).status_code == 404
    assert not Handover.objects.exists()
    assert (
        client_as("vanthu").post(f"{API}/incoming/999999/return/", {}, content_type=JSON).status_code == 404
    )


def test_dispatch_and_handover_register_filters(
    demo: dict[str, Any], top_secret: Any, determined: Any, client_as: Any
) -> None:
    clerk = client_as("vanthu")
    body = {
        "recipient": "Bộ Công an",
        "address": "44 Yết Kiêu, Hà Nội",
        "to_party": "Giao liên Văn phòng",
        "receipt_kind": "receipt",
        "receipt_no": "GL-12",
    }
    response = clerk.post(f"{API}/items/{top_secret.pk}/dispatch/", body, content_type=JSON)
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["letter"] == "A" and [e["role"] for e in sent["envelopes"]] == ["inner", "outer"]
    assert sent["handover"]["purpose"] == "send" and sent["handover"]["to_party"] == "Giao liên Văn phòng"
    # The outer envelope may not carry the level word (R-TX-4): 400, nothing sent.
    bad = {**body, "address": "TUYỆT MẬT — Bộ Công an"}
    response = clerk.post(f"{API}/items/{top_secret.pk}/dispatch/", bad, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-TX-4"
    assert Dispatch.objects.count() == 1
    year = sent["handover"]["year"]
    rows = clerk.get(f"{API}/handovers/?year={year}").json()["results"]
    assert [r["number_symbol"] for r in rows] == ["05/BC-UBND"]
    assert clerk.get(f"{API}/handovers/?year={year}&level=TUYET_MAT&q=giao liên").json()["count"] == 1
    assert clerk.get(f"{API}/handovers/?level=MAT").json()["count"] == 0
    assert clerk.get(f"{API}/handovers/?year={year - 1}").json()["count"] == 0
    assert clerk.get(f"{API}/handovers/?q=không-có").json()["count"] == 0
    # Bad filter values are ignored, not a 500.
    assert clerk.get(f"{API}/handovers/?year=abc&level=XYZ").json()["count"] == 1
    line = rows[0]["id"]
    assert clerk.get(f"{API}/handovers/{line}/").status_code == 200
    assert client_as("vanthu.giaoduc").get(f"{API}/handovers/{line}/").status_code == 404


def test_return_to_sender(demo: dict[str, Any], client_as: Any) -> None:
    entry = incoming(demo, "77/BGDĐT", recall_mark=True, return_within_days=7)
    clerk = client_as("vanthu.giaoduc")
    response = clerk.post(
        f"{API}/incoming/{entry.pk}/return/", {"receipt_kind": "receipt"}, content_type=JSON
    )
    assert response.status_code == 400 and response.json()["rule_id"] == "R-TX-5"
    response = clerk.post(f"{API}/incoming/{entry.pk}/return/", {"receipt_no": "TH-9"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["returned_on"]
    response = clerk.post(f"{API}/incoming/{entry.pk}/return/", {"receipt_no": "TH-10"}, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-TX-9"
    assert Handover.objects.filter(purpose="recall").count() == 1
    assert RegisterEntry.objects.get(pk=entry.pk).returned_on is not None
    assert AuditEvent.objects.filter(action="custody.recall.return.refused").count() == 2
    assert (
        client_as("vanthu").post(f"{API}/incoming/{entry.pk}/return/", {}, content_type=JSON).status_code
        == 404
    )


def test_schema_lists_the_custody_api(demo: dict[str, Any], client_as: Any) -> None:
    text = client_as("vanthu.giaoduc").get("/api/schema/").content.decode()
    for path in ("/luu-giu/api/holdings/", "/luu-giu/api/items/{id}/dispatch/", "/luu-giu/api/handovers/"):
        assert path in text, path
