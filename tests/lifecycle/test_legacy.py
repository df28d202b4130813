"""Legacy review (R-TRANS-1): import, flag, bulk review with the period start recorded, close."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest

from bmnn.core.errors import Refused
from bmnn.lifecycle.models import LegacyImport, LegacyReviewLine
from bmnn.lifecycle.services import legacy
from bmnn.registry.models import Item
from tests.lifecycle.conftest import refused_events

pytestmark = pytest.mark.django_db


def _sheet(rows: list[tuple[Any, ...]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Số, ký hiệu", "Trích yếu", "Độ mật", "Ngày xác định"])
    for row in rows:
        sheet.append(list(row))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_r_trans_1_import_review_and_close(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(number_symbol="12/KT")
    data = _sheet(
        [
            ("12/KT", "Đề thi năm 2015", "Tối mật", "15/05/2015"),
            ("13/KT", "Hồ sơ tuyển sinh 2010", "Mật", dt.datetime(2010, 3, 1)),
        ]
    )
    batch = legacy.import_legacy(demo["gd.giaoduc"], cutoff="2019", filename="cu.xlsx", data=data)
    lines = list(batch.lines.order_by("row"))
    assert [ln.flag for ln in lines] == ["LEGACY", "LEGACY"]
    assert lines[0].item_id == determined.pk and lines[0].period_start == dt.date(2015, 5, 15)
    assert lines[0].expires_on == dt.date(2035, 5, 15)
    with pytest.raises(Refused) as err:
        legacy.close_review(demo["gd.giaoduc"], batch)
    assert err.value.rule_id == "R-TRANS-1"
    assert LegacyImport.objects.get().closed_on is None
    assert refused_events("lifecycle.legacy.close") == 1
    legacy.review(
        demo["gd.giaoduc"],
        batch,
        {lines[0].pk: ("DECLASSIFY", "", "Hết giá trị"), lines[1].pk: ("KEEP", "", "")},
    )
    assert Item.objects.get(pk=determined.pk).status == "declassified"
    closed = legacy.close_review(demo["gd.giaoduc"], batch)
    assert closed.closed_on is not None


def test_r_trans_1_row_after_cutoff_refuses_the_import(demo: dict[str, Any]) -> None:
    data = _sheet([("1/A", "Tài liệu 2020", "Mật", "01/06/2020")])
    with pytest.raises(Refused) as err:
        legacy.import_legacy(demo["gd.giaoduc"], cutoff="2019", filename="x.xlsx", data=data)
    assert err.value.rule_id == "R-TRANS-1" and "dòng 2" in err.value.message
    assert LegacyImport.objects.count() == 0 and LegacyReviewLine.objects.count() == 0
    assert refused_events("lifecycle.legacy.import") == 1


def test_r_trans_1_law_2018_records_before_2026(demo: dict[str, Any]) -> None:
    data = _sheet([("2/A", "Tài liệu 2020", "Mật", "01/06/2020")])
    batch = legacy.import_legacy(demo["gd.giaoduc"], cutoff="2026", filename="y.xlsx", data=data)
    line = batch.lines.get()
    assert line.flag == "LAW_2018" and line.regime == "2018" and line.period_start == dt.date(2020, 6, 1)


def test_r_trans_1_adjust_without_new_level_and_bad_outcome_are_refused(demo: dict[str, Any]) -> None:
    data = _sheet([("3/A", "Tài liệu 2012", "Mật", "01/06/2012")])
    batch = legacy.import_legacy(demo["gd.giaoduc"], cutoff="2019", filename="z.xlsx", data=data)
    line = batch.lines.get()
    for decision in (("ADJUST", "", ""), ("ADJUST", "MAT", ""), ("MAYBE", "", "")):
        with pytest.raises(Refused) as err:
            legacy.review(demo["gd.giaoduc"], batch, {line.pk: decision})
        assert err.value.rule_id == "R-TRANS-1"
    line.refresh_from_db()
    assert line.outcome == "" and line.reviewed_on is None
    assert refused_events("lifecycle.legacy.review") == 3


def test_r_trans_1_only_the_head_reviews(demo: dict[str, Any]) -> None:
    data = _sheet([("4/A", "Tài liệu 2012", "Mật", "01/06/2012")])
    with pytest.raises(Refused) as err:
        legacy.import_legacy(demo["cv.khaothi"], cutoff="2019", filename="w.xlsx", data=data)
    assert err.value.rule_id == "R-TRANS-1"
    assert LegacyImport.objects.count() == 0


def test_not_a_spreadsheet_is_a_clear_error(demo: dict[str, Any]) -> None:
    with pytest.raises(Refused) as err:
        legacy.import_legacy(demo["gd.giaoduc"], cutoff="2019", filename="w.xlsx", data=b"not a workbook")
    assert "Excel" in err.value.message
