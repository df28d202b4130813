"""Item-page link, document place, Decree 30 DOCX layout, red marks on the page, and the protection
period after a change of level (setting ``BMNN_ADJUSTMENT_PERIOD``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm, Pt

from bmnn.lifecycle import documents
from bmnn.lifecycle.models import LevelChange
from bmnn.lifecycle.services import adjustment, declassification, extension
from bmnn.organizations.models import Agency
from bmnn.registry.models import Item
from bmnn.rules.dates import add_years
from tests.lifecycle.conftest import person, refused_events

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- 1. registry item-page link


def test_lifecycle_link_on_the_registry_item_page(
    demo: dict[str, Any], client_as: Any, determined: Any
) -> None:
    determined.recipient_people.add(person(demo, "chutich"))
    link = f'href="/vong-doi/tai-lieu/{determined.pk}/"'
    for who in ("gd.giaoduc", "cv.khaothi"):  # the head decides, the drafter proposes
        page = client_as(who).get(f"/so-dang-ky/{determined.pk}/")
        assert page.status_code == 200 and link in page.content.decode()
    # A recipient in the superior body sees the item but may not act on it: no link until an act exists.
    page = client_as("chutich").get(f"/so-dang-ky/{determined.pk}/")
    assert page.status_code == 200 and link not in page.content.decode()
    # Who does not see the item gets 404 from the registry and no link anywhere.
    assert client_as("gd.taichinh").get(f"/so-dang-ky/{determined.pk}/").status_code == 404


def test_lifecycle_link_for_a_recipient_once_an_act_exists(
    demo: dict[str, Any], client_as: Any, determined: Any
) -> None:
    determined.recipient_people.add(person(demo, "chutich"))
    declassification.propose_declassification(
        demo["cv.khaothi"], determined, ground="national_interest", reason="Kỳ thi đã kết thúc"
    )
    page = client_as("chutich").get(f"/so-dang-ky/{determined.pk}/")
    assert f'href="/vong-doi/tai-lieu/{determined.pk}/"' in page.content.decode()


# --------------------------------------------------------------------------- 3. place


def test_place_comes_from_the_agency_tree(demo: dict[str, Any], settings: Any) -> None:
    settings.BMNN_DOCUMENT_PLACE = ""
    assert documents.place_of(Agency.objects.get(code="so-gddt")) == "Sông Hồng"
    assert documents.place_of(Agency.objects.get(code="ubnd-tinh")) == "Sông Hồng"
    assert documents.place_of(Agency.objects.get(code="cong-an-tinh")) == "Sông Hồng"
    assert documents.place_of(Agency.objects.get(code="xa-an-phu")) == "An Phú"  # a commune: its own name
    settings.BMNN_DOCUMENT_PLACE = "Thành phố Hoa Sen"
    assert documents.place_of(Agency.objects.get(code="so-gddt")) == "Thành phố Hoa Sen"


def test_decision_date_line_has_the_place(demo: dict[str, Any], determined: Any, settings: Any) -> None:
    settings.BMNN_DOCUMENT_PLACE = ""
    ext = extension.propose_extension(demo["cv.khaothi"], determined, years=5, reason="Còn giá trị")
    ext = extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number="05/QĐ-SGDĐT")
    line = documents.extension_decision(ext).date_line()
    assert line.startswith("Sông Hồng, ngày ") and "……" not in line


# --------------------------------------------------------------------------- 4. DOCX layout, red marks


def test_docx_margins_and_fonts_follow_decree_30(demo: dict[str, Any], determined: Any) -> None:
    ext = extension.propose_extension(demo["cv.khaothi"], determined, years=5, reason="Còn giá trị")
    doc = Document(io.BytesIO(documents.render_docx(documents.extension_decision(ext))))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert Mm(19.5) <= section.top_margin <= Mm(25) and Mm(19.5) <= section.bottom_margin <= Mm(25)
    mm = Mm(1) // 2  # Word stores margins in twips
    assert Mm(30) - mm <= section.left_margin <= Mm(35) and Mm(15) - mm <= section.right_margin <= Mm(20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(r.font.size is None or Pt(11) <= r.font.size <= Pt(14) for r in runs)
    # The national title block sits at the top right, bold, beside the agency block.
    head = doc.tables[0].rows[0].cells
    right = [p for p in head[1].paragraphs if p.text]
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    assert right[-1].runs[0].italic and "ngày" in right[-1].text
    assert any(p.text.startswith("Số: ") for p in head[0].paragraphs)


def test_declassified_and_adjusted_marks_are_red_from_a_static_file(
    demo: dict[str, Any], client_as: Any, determined: Any, lists: dict[str, Any]
) -> None:
    change = adjustment.propose_adjustment(
        demo["cv.khaothi"], determined, new_level="MAT", basis=[lists["531/QĐ-TTg:MAT:1"]], reason="Giảm"
    )
    adjustment.decide_adjustment(demo["gd.giaoduc"], change, approve=True, decision_number="07/QĐ")
    Item.objects.filter(pk=determined.pk).update(
        status="declassified",
        marks={
            **Item.objects.get(pk=determined.pk).marks,
            "declassified_stamp": ["GIẢI MẬT", "Từ: 23/11/2026"],
        },
    )
    html = client_as("gd.giaoduc").get(f"/vong-doi/tai-lieu/{determined.pk}/").content.decode()
    assert 'class="stamp stamp-declassified"' in html and 'class="stamp stamp-adjusted"' in html
    assert "/static/lifecycle/lifecycle.css" in html and "style=" not in html
    css = Path(documents.__file__).parent.joinpath("static/lifecycle/lifecycle.css").read_text()
    for rule in (".stamp {", ".stamp-declassified", ".stamp-adjusted"):
        assert rule in css
    assert "color: var(--red" in css


# --------------------------------------------------------------------------- 5. period after a change


def _adjust(demo: dict[str, Any], item: Any, lists: dict[str, Any]) -> LevelChange:
    change = adjustment.propose_adjustment(
        demo["cv.khaothi"], item, new_level="MAT", basis=[lists["531/QĐ-TTg:MAT:1"]], reason="Giảm"
    )
    return adjustment.decide_adjustment(demo["gd.giaoduc"], change, approve=True, decision_number="07/QĐ")


def test_period_kept_by_default(demo: dict[str, Any], determined: Any, lists: dict[str, Any]) -> None:
    before = determined.expires_on
    row = _adjust(demo, determined, lists)
    item = Item.objects.get(pk=determined.pk)
    assert item.level == "MAT" and item.expires_on == before
    assert (
        row.period_from == "keep" and row.old_expiry == row.new_expiry == before and row.period_start is None
    )


def test_period_recomputed_from_the_determination_date(
    demo: dict[str, Any], determined: Any, lists: dict[str, Any], settings: Any
) -> None:
    from bmnn.core.audit.models import AuditEvent

    settings.BMNN_ADJUSTMENT_PERIOD = "determination"
    row = _adjust(demo, determined, lists)
    item = Item.objects.get(pk=determined.pk)
    assert item.expires_on == add_years(determined.determined_on, 10) and item.period_years == 10  # Mật
    assert row.period_from == "determination" and row.period_start == determined.determined_on
    assert row.old_expiry == determined.expires_on and row.new_expiry == item.expires_on
    event = AuditEvent.objects.get(action="lifecycle.adjustment.approve")
    assert event.summary["period_from"] == "determination"


def test_period_recomputed_from_the_adjustment(
    demo: dict[str, Any], registered: Any, lists: dict[str, Any], settings: Any
) -> None:
    from bmnn.custody.models import Copy

    settings.BMNN_ADJUSTMENT_PERIOD = "adjustment"
    row = _adjust(demo, registered, lists)
    assert row.period_start == row.decided_on and row.new_expiry == add_years(row.decided_on, 10)
    assert set(Copy.objects.filter(item=registered).values_list("expires_on", flat=True)) == {row.new_expiry}


def test_an_extended_period_is_kept_whatever_the_setting(
    demo: dict[str, Any], determined: Any, lists: dict[str, Any], settings: Any
) -> None:
    settings.BMNN_ADJUSTMENT_PERIOD = "determination"
    ext = extension.propose_extension(demo["cv.khaothi"], determined, years=5, reason="Còn giá trị")
    extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number="05/QĐ")
    extended = Item.objects.get(pk=determined.pk).expires_on
    row = _adjust(demo, determined, lists)
    assert row.period_from == "keep" and Item.objects.get(pk=determined.pk).expires_on == extended
    assert refused_events("lifecycle.adjustment.approve") == 0
