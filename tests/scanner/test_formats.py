"""Every supported format, built by tests/scanner/samples.py, with the exact findings expected."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from bmnn.scanner import FileResult, ScanOptions, scan_bytes

from . import cfb, rar
from . import samples as s


def found(r: FileResult) -> list[tuple[str, str | None, str]]:
    assert r.error is None, r.error
    return [(f.kind, f.level, f.where) for f in r.findings]


def test_docx_all_parts(opts: ScanOptions) -> None:
    data = s.docx(
        ["Kính gửi: Sở Nội vụ", "Vui lòng đổi mật khẩu."],
        header="TỐI MẬT",
        footer="TÀI LIỆU THU HỒI",
        table=["Số TT", "MẬT"],
        textbox="BẢN SAO SỐ: 01",
        comment="TUYỆT MẬT",
    )
    r = scan_bytes(data, "a.docx", opts)
    assert r.type == "docx" and r.level == "TUYET_MAT"
    assert sorted(found(r)) == sorted(
        [
            ("level", "MAT", "document"),
            ("copy", None, "document"),
            ("level", "TOI_MAT", "header1"),
            ("recall", None, "footer1"),
            ("level", "TUYET_MAT", "comments"),
        ]
    )


def test_docx_split_runs_and_caps_formatting(opts: ScanOptions) -> None:
    assert found(scan_bytes(s.docx(["TỐI MẬT"], split=True), "", opts)) == [("level", "TOI_MAT", "document")]
    # "Mật" typed in lower case but formatted ALL CAPS shows as a stamp
    assert found(scan_bytes(s.docx(["Tối mật"], caps=True), "", opts)) == [("level", "TOI_MAT", "document")]


def test_docx_hard_negatives(opts: ScanOptions) -> None:
    body = [
        "ĐỔI MẬT KHẨU",
        "Mật độ dân số",
        "bí mật kinh doanh",
        "HỌ VÀ TÊN: NGUYỄN VĂN MẬT",
        "Độ mật: ......",
        "Bí mật nhà nước gồm ba độ: Tuyệt mật, Tối mật và Mật.",
        'Đóng dấu "TỐI MẬT" theo mẫu.',
    ]
    r = scan_bytes(s.docx(body, header="LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC"), "", opts)
    assert found(r) == [] and r.level is None


def test_xlsx_shared_strings_locates_the_cell(opts: ScanOptions) -> None:
    r = scan_bytes(s.xlsx_raw_shared(["Danh mục", "mật khẩu", "TUYỆT MẬT"]), "", opts)
    assert found(r) == [("level", "TUYET_MAT", "sheet Danh mục!A3")]


def test_xlsx_openpyxl_header_and_comment(opts: ScanOptions) -> None:
    data = s.xlsx({"A1": "Báo cáo", "C5": "MẬT"}, header="TỐI MẬT", comment=("B2", "TÀI LIỆU THU HỒI"))
    assert sorted(found(scan_bytes(data, "", opts))) == sorted(
        [
            ("level", "MAT", "sheet Sổ 1!C5"),
            ("level", "TOI_MAT", "sheet Sổ 1!header"),
            ("recall", None, "comment1"),
        ]
    )


def test_xlsx_inline_strings(opts: ScanOptions) -> None:
    data = s.xlsx({"A1": "TỐI MẬT", "A2": "Mật độ"}, write_only=True)
    assert found(scan_bytes(data, "", opts)) == [("level", "TOI_MAT", "sheet Sổ 1!A1")]


def test_pptx_slides_notes_master(opts: ScanOptions) -> None:
    data = s.pptx([["Kế hoạch"], ["MẬT"]], notes="TÀI LIỆU THU HỒI", master="TỐI MẬT")
    assert sorted(found(scan_bytes(data, "", opts))) == sorted(
        [
            ("level", "MAT", "slide 2"),
            ("recall", None, "notes 1"),
            ("level", "TOI_MAT", "master 1"),
        ]
    )


@pytest.mark.parametrize(
    ("kind", "where"), [("odt", "content"), ("ods", "sheet Bảng 1"), ("odp", "slide Bảng 1")]
)
def test_opendocument(kind: str, where: str, opts: ScanOptions) -> None:
    data = s.odf(kind, ["mật khẩu", "TỐI MẬT"], header="GIẢI MẬT", section="Bảng 1")
    assert found(scan_bytes(data, "", opts)) == [
        ("level", "TOI_MAT", where),
        ("declassified", None, "styles (header/footer)"),
    ]


def test_pdf_text_layer(opts: ScanOptions) -> None:
    data = s.pdf(
        [["Trang đầu", "Nội dung"], ["Hà Nội, ngày 02 tháng 12 năm 2024", "Báo cáo"]],
        stamp="TỐI MẬT",
        stamp_page=1,
        stamp_on_date_line=True,
    )
    assert found(scan_bytes(data, "", opts)) == [("level", "TOI_MAT", "trang 2")]
    own_line = s.pdf([["Số: 15/BC-UBND", "Mật độ dân số tăng"]], stamp="TUYỆT MẬT")
    assert found(scan_bytes(own_line, "", opts)) == [("level", "TUYET_MAT", "trang 1")]


def test_pdf_hard_negative(opts: ScanOptions) -> None:
    data = s.pdf(
        [
            [
                "LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC",
                "Điều 8. Bí mật nhà nước gồm Tuyệt mật, Tối mật và Mật.",
                "Người dùng phải đổi mật khẩu.",
            ]
        ]
    )
    assert found(scan_bytes(data, "", opts)) == []


def test_text_encodings(opts: ScanOptions) -> None:
    for raw in (
        "Báo cáo\nMẬT\n".encode("utf-16"),
        s.to_cp1258("Báo cáo\nTỐI MẬT\n"),
        "Báo cáo\r\nMẬT\r\n".encode(),
    ):
        assert [f.kind for f in scan_bytes(raw, "", opts).findings] == ["level"]
    tcvn3 = "Bé Tµi chÝnh\nTèI MËT\n".encode("cp1252")
    r = scan_bytes(tcvn3, "", opts)
    assert [(f.text, f.source) for f in r.findings] == [("TỐI MẬT", "legacy")]


def test_html_and_xml(opts: ScanOptions) -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>x</title></head>'
        "<body><p>Báo cáo</p><div>TỐI&nbsp;MẬT</div></body></html>"
    )
    assert [f.level for f in scan_bytes(page.encode(), "", opts).findings] == ["TOI_MAT"]
    xml = scan_bytes('<?xml version="1.0"?><doc><p>MẬT</p></doc>'.encode(), "", opts)
    assert (xml.type, [f.level for f in xml.findings]) == ("xml", ["MAT"])


def test_rtf_with_header(opts: ScanOptions) -> None:
    assert found(scan_bytes(s.rtf(["Nội dung", "mật khẩu"], header="TỐI MẬT"), "", opts)) == [
        ("level", "TOI_MAT", "")
    ]


def test_eml_with_attachment(opts: ScanOptions) -> None:
    data = s.eml(
        "Gửi báo cáo", "Xin gửi kèm báo cáo.", [("bao-cao.docx", s.docx(["Nội dung"], header="MẬT"))]
    )
    assert found(scan_bytes(data, "", opts)) == [("level", "MAT", "bao-cao.docx > header1")]


def test_nested_archives(opts: ScanOptions) -> None:
    inner = s.zip_of({"ho-so/bc.docx": s.docx([], header="TỐI MẬT"), "ghi-chu.txt": "mật khẩu".encode()})
    outer = s.tar_of({"luu-tru/inner.zip": inner, "a.txt": "TUYỆT MẬT".encode()})
    r = scan_bytes(outer, "x.tar.gz", opts)
    assert sorted(found(r)) == [
        ("level", "TOI_MAT", "luu-tru/inner.zip > ho-so/bc.docx > header1"),
        ("level", "TUYET_MAT", "a.txt"),
    ]
    r7 = scan_bytes(s.sevenzip_of({"b/c.txt": "MẬT".encode()}), "", opts)
    assert found(r7) == [("level", "MAT", "b/c.txt")]
    assert found(scan_bytes(s.tar_of({"d.txt": "MẬT".encode()}, mode="w:xz"), "", opts)) == [
        ("level", "MAT", "d.txt")
    ]


def test_type_detected_by_content_not_extension(opts: ScanOptions) -> None:
    r = scan_bytes(s.docx([], header="MẬT"), "anh-chup.jpg", opts)
    assert r.type == "docx" and r.level == "MAT"


def test_keywords_option() -> None:
    o = ScanOptions(workers=1, keywords=("phương án tác chiến",))
    r = scan_bytes(s.docx(["Phương án tác chiến khu vực"]), "", o)
    assert [(f.kind, f.text, f.where) for f in r.findings] == [("keyword", "phương án tác chiến", "document")]
    assert r.level is None


def test_xls_legacy(opts: ScanOptions) -> None:
    assert found(scan_bytes(s.xls(["Sổ đăng ký", "TỐI MẬT"]), "", opts)) == [
        ("level", "TOI_MAT", "sheet Sheet1")
    ]


def test_doc_and_ppt_legacy(office_legacy: dict[str, bytes], opts: ScanOptions) -> None:
    doc = scan_bytes(office_legacy["doc"], "", opts)
    assert doc.type == "doc" and [f.level for f in doc.findings] == ["TOI_MAT"]
    ppt = scan_bytes(office_legacy["ppt"], "", opts)
    assert ppt.type == "ppt" and [f.level for f in ppt.findings] == ["TUYET_MAT"]


def test_msg_body_and_attachment(opts: ScanOptions) -> None:
    import olefile

    report = s.docx(["Nội dung báo cáo"], header="TỐI MẬT")
    data = cfb.msg("Gửi báo cáo tháng 11", "TUYỆT MẬT\r\nKính gửi lãnh đạo.", [("bao-cao.docx", report)])
    # A real compound file: olefile opens it without reporting any defect and finds the MS-OXMSG streams.
    with olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_POTENTIAL) as ole:
        assert ole.root.clsid == "00020D0B-0000-0000-C000-000000000046"
        assert ole.openstream("__substg1.0_0037001F").read().decode("utf-16-le") == "Gửi báo cáo tháng 11\0"
        assert ole.exists("__properties_version1.0")
        assert ole.openstream("__attach_version1.0_#00000000/__substg1.0_37010102").read() == report
    r = scan_bytes(data, "thu.msg", opts)
    assert r.type == "msg"
    assert found(r) == [
        ("level", "TUYET_MAT", "nội dung thư"),
        ("level", "TOI_MAT", "bao-cao.docx > header1"),
    ]


def test_msg_large_attachment_outside_the_mini_stream(opts: ScanOptions) -> None:
    rng = random.Random(7)
    rows = [" ".join(f"{rng.randrange(10**9):09d}" for _ in range(20)) for _ in range(60)]
    big = s.docx(["Báo cáo tổng hợp số liệu", *rows], header="MẬT")
    assert len(big) >= 4096  # stored in regular 512-byte sectors, not in the mini stream
    data = cfb.msg("Báo cáo", "Xem tệp đính kèm.", [("tong-hop.docx", big), ("ghi-chu.txt", b"ok")])
    assert found(scan_bytes(data, "", opts)) == [("level", "MAT", "tong-hop.docx > header1")]


def test_msg_prose_only_is_clean(opts: ScanOptions) -> None:
    data = cfb.msg(
        "Đổi mật khẩu hộp thư",
        "Đề nghị đổi mật khẩu; mật độ dân số; bí mật kinh doanh của doanh nghiệp.",
        [("huong-dan.txt", "Hướng dẫn đặt mật khẩu mạnh".encode())],
    )
    r = scan_bytes(data, "", opts)
    assert r.type == "msg" and r.error is None and r.findings == []


def test_rar_members_and_nested_docx(opts: ScanOptions) -> None:
    data = rar.rar_of(
        {"ghi-chú.txt": "TUYỆT MẬT".encode(), "ho-so/bao-cao.docx": s.docx([], header="TỐI MẬT")}
    )
    r = scan_bytes(data, "luu-tru.rar", opts)
    assert r.type == "rar"
    # The stored .docx is the last member: the archive must still be read as RAR, not as that zip.
    assert found(r) == [
        ("level", "TUYET_MAT", "ghi-chú.txt"),
        ("level", "TOI_MAT", "ho-so/bao-cao.docx > header1"),
    ]
    clean = rar.rar_of({"a.txt": "đổi mật khẩu".encode()})
    assert found(scan_bytes(clean, "", opts)) == []


def test_rar_written_by_the_tests_is_read_by_unrar_free(tmp_path: Path) -> None:
    tool = shutil.which("unrar-free")
    if not tool:
        pytest.skip("unrar-free (Debian package unrar-free) is not installed")
    payload = {"a/ghi-chu.txt": "TỐI MẬT\n".encode(), "b.txt": b"x" * 5000}
    (tmp_path / "t.rar").write_bytes(rar.rar_of(payload))
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run([tool, "-x", str(tmp_path / "t.rar")], cwd=out, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == payload
