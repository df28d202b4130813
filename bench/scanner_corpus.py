"""Deterministic synthetic corpus of Vietnamese office files for ``bench/scanner.py``.

Every file is generated from ``random.Random(f"{seed}:{index}")``, so the content and the truth
(which files carry a classification stamp, and where) do not depend on the order of generation.
The manifest (``manifest.json`` in the corpus directory) records the truth of every file.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import tempfile
import unicodedata
import zipfile
from multiprocessing import Pool
from pathlib import Path

GEN_VERSION = 4
LEVELS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
# Share of the byte budget per kind (the rest of the plan follows from the size distributions below).
SHARES = {
    "docx": 0.33, "xlsx": 0.13, "pptx": 0.05, "pdf": 0.09,
    "scan": 0.20, "image": 0.03, "zip": 0.09, "txt": 0.08,
}  # fmt: skip
PLACEMENTS = {
    "docx": ("body", "header", "table", "split"),
    "xlsx": ("a1", "header_row", "page_header"),
    "pptx": ("slide_box", "split"),
    "pdf": ("own_line", "date_line"),
    "txt": ("own_line", "date_line"),
    "scan": ("red_box",),
    "image": ("red_box",),
}
AGENCIES = ("BỘ CÔNG AN", "BỘ QUỐC PHÒNG", "UBND TỈNH NGHỆ AN", "SỞ TÀI CHÍNH", "CỤC AN NINH MẠNG",
            "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "UBND HUYỆN ĐÔNG ANH", "SỞ NỘI VỤ TỈNH LÀO CAI")  # fmt: skip
TITLES = ("BÁO CÁO", "CÔNG VĂN", "KẾ HOẠCH", "QUYẾT ĐỊNH", "TỜ TRÌNH", "THÔNG BÁO", "BIÊN BẢN")
SUBJ = ("Ủy ban nhân dân tỉnh", "Sở Tài chính", "Phòng Tổ chức cán bộ", "Ban chỉ đạo", "Đoàn kiểm tra",
        "Các đơn vị trực thuộc", "Cơ quan chủ trì", "Văn phòng Bộ", "Thanh tra huyện")  # fmt: skip
VERB = ("đã triển khai", "tiếp tục thực hiện", "báo cáo kết quả", "đề nghị bổ sung", "phối hợp kiểm tra",
        "chịu trách nhiệm rà soát", "tổng hợp số liệu về", "khẩn trương hoàn thiện")  # fmt: skip
OBJ = ("kế hoạch đầu tư công trung hạn", "công tác cải cách hành chính", "việc quản lý ngân sách nhà nước",
       "tiến độ giải ngân vốn", "hồ sơ đề xuất của các xã", "kết quả thanh tra chuyên đề",
       "phương án bố trí nhân sự", "hệ thống thông tin nội bộ", "công tác phòng chống thiên tai",
       "đề án chuyển đổi số", "việc cấp giấy chứng nhận quyền sử dụng đất")  # fmt: skip
TAIL = ("trong quý III năm 2025.", "theo đúng quy định hiện hành.", "trước ngày 30 tháng 9.",
        "và báo cáo về Văn phòng.", "nhằm nâng cao hiệu quả quản lý.",
        "theo chỉ đạo của lãnh đạo Bộ.")  # fmt: skip
DECOYS = (
    "Người dùng cần thay đổi mật khẩu định kỳ 90 ngày một lần.",
    "Mật độ dân số của huyện là 1.250 người/km².",
    "Hợp đồng có điều khoản bảo vệ bí mật kinh doanh của doanh nghiệp.",
    "Người liên hệ: bà Trần Thị Mật, chuyên viên Phòng Hành chính.",
    "ĐỔI MẬT KHẨU TRƯỚC NGÀY 15/10",
    "HỌ VÀ TÊN: NGUYỄN VĂN MẬT",
    "MẬT ĐỘ XÂY DỰNG TỐI ĐA 40%",
    "Bí mật nhà nước được phân thành ba độ mật: Tuyệt mật, Tối mật và Mật.",
    "Tài liệu có nội dung Tối mật phải được lưu giữ trong két sắt.",
    "QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC CỦA CƠ QUAN",
    "Sản phẩm mật ong rừng được xuất khẩu; hai đơn vị có quan hệ mật thiết.",
)


class Doc:
    """The text content of one document: header block, title, paragraphs, decoys and stamp."""

    def __init__(self, rng: random.Random, spec: dict, n_par: int) -> None:
        self.rng, self.spec = rng, spec
        self.level: str | None = spec.get("level")
        self.agency = rng.choice(AGENCIES)
        self.number = f"Số: {rng.randint(1, 999)}/{rng.choice(['BC', 'CV', 'KH', 'QĐ'])}-{rng.randint(1, 99)}"
        self.date = (
            f"Hà Nội, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2019, 2026)}"
        )
        self.title = f"{rng.choice(TITLES)} {rng.choice(OBJ).upper()}"
        pars = [self.sentence_block() for _ in range(n_par)]
        for d in spec.get("decoys", []):
            pars.insert(rng.randrange(len(pars) + 1), d)
        self.pars = pars

    def sentence_block(self) -> str:
        r = self.rng
        return " ".join(f"{r.choice(SUBJ)} {r.choice(VERB)} {r.choice(OBJ)} {r.choice(TAIL)}"
                        for _ in range(r.randint(1, 4)))  # fmt: skip

    def t(self, s: str) -> str:
        return unicodedata.normalize("NFD", s) if self.spec.get("nfd") else s

    def lines(self) -> list[str]:
        """Plain-text rendering; the stamp is on its own line or at the end of the date line."""
        head = [self.agency, self.number, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        date = self.date
        if self.level and self.spec["placement"] == "date_line":
            date = f"{date}          {self.level}"
        elif self.level:
            head.insert(2, self.level)
        return [self.t(x) for x in [*head, date, "", self.title, "", *self.pars]]


def photo(rng: random.Random, nbytes: int) -> bytes:
    """A photo-like, poorly compressible JPEG of about ``nbytes`` bytes (to add realistic weight)."""
    import numpy as np
    from PIL import Image

    nrng = np.random.default_rng(rng.getrandbits(64))
    w = max(64, int((nbytes / 0.37) ** 0.5 * 1.15))
    h = max(64, int(nbytes / 0.37 / w))
    small = Image.fromarray(nrng.integers(0, 256, (max(2, h // 10), max(2, w // 10), 3), dtype=np.uint8))
    base = np.asarray(small.resize((w, h), Image.BICUBIC), dtype=np.int16)
    arr = np.clip(base + nrng.integers(-20, 20, base.shape), 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(arr).save(out, "JPEG", quality=85)
    return out.getvalue()


def make_docx(rng: random.Random, spec: dict) -> bytes:
    import docx
    from docx.shared import Inches, RGBColor

    d = Doc(rng, spec, spec["n"])
    doc = docx.Document()
    sec = doc.sections[0]
    place, lvl = spec.get("placement"), d.level
    sec.header.paragraphs[0].text = d.t(lvl if lvl and place == "header" else d.agency)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = d.t(d.agency)
    table.cell(0, 1).text = d.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    table.cell(1, 0).text = d.t(d.number)
    table.cell(1, 1).text = d.t(d.date)
    if lvl and place == "table":
        table.add_row().cells[0].text = d.t(lvl)
    if lvl and place in ("body", "split"):
        p = doc.add_paragraph()
        cut = rng.randint(1, len(lvl) - 1) if place == "split" else len(lvl)
        for part in (lvl[:cut], lvl[cut:]):
            if part:
                run = p.add_run(d.t(part))
                run.bold = True
                run.font.color.rgb = RGBColor(0xC0, 0, 0)
    doc.add_heading(d.t(d.title), level=1)
    for i, par in enumerate(d.pars):
        doc.add_paragraph(d.t(par))
        if spec.get("img") and i == len(d.pars) // 2:
            doc.add_picture(io.BytesIO(photo(rng, spec["img"])), width=Inches(5))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_xlsx(rng: random.Random, spec: dict) -> bytes:
    import xlsxwriter

    d = Doc(rng, spec, 3)
    lvl, place = d.level, spec.get("placement")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.xlsx")
        wb = xlsxwriter.Workbook(path, {"constant_memory": spec.get("inline", False)})
        ws = wb.add_worksheet(d.t("Sổ theo dõi"))
        if lvl and place == "page_header":
            ws.set_header(f'&C&"Times New Roman,Bold"{d.t(lvl)}')
        ws.write_row(0, 0, [d.t(lvl if lvl and place == "a1" else d.agency), d.t(d.title)])
        cols = ["STT", "Họ và tên", "Đơn vị", "Nội dung", "Số tiền", "Ngày", "Ghi chú", "Mật khẩu"]
        if lvl and place == "header_row":
            cols[6] = lvl
        ws.write_row(1, 0, [d.t(c) for c in cols])
        names = ("Nguyễn Văn An", "Trần Thị Mật", "Lê Hoàng Nam", "Phạm Thu Hà", "Đỗ Minh Tuấn")
        for r in range(spec["n"]):
            note = rng.choice(DECOYS) if spec.get("decoys") and r % 97 == 5 else rng.choice(TAIL)
            ws.write_row(r + 2, 0, [r + 1, d.t(rng.choice(names)), d.t(rng.choice(SUBJ)),
                                    d.t(f"{rng.choice(VERB)} {rng.choice(OBJ)}"), rng.randint(1, 10**9),
                                    f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2025", d.t(note),
                                    f"pw{rng.getrandbits(24):06x}"])  # fmt: skip
        wb.close()
        return Path(path).read_bytes()


def make_pptx(rng: random.Random, spec: dict) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    d = Doc(rng, spec, spec["n"] * 3)
    prs = Presentation()
    for i in range(spec["n"]):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = d.t(d.title if i == 0 else d.rng.choice(OBJ).capitalize())
        slide.placeholders[1].text = "\n".join(d.t(p[:200]) for p in d.pars[i * 3 : i * 3 + 3])
        if i == 0 and d.level:
            box = slide.shapes.add_textbox(Inches(7.5), Inches(0.2), Inches(2), Inches(0.6)).text_frame
            para = box.paragraphs[0]
            cut = rng.randint(1, len(d.level) - 1) if spec["placement"] == "split" else len(d.level)
            for part in (d.level[:cut], d.level[cut:]):
                if part:
                    run = para.add_run()
                    run.text, run.font.bold, run.font.size = d.t(part), True, Pt(20)
        if spec.get("img") and i == spec["n"] // 2:
            slide.shapes.add_picture(io.BytesIO(photo(rng, spec["img"])), Inches(1), Inches(4), Inches(3))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def make_pdf(rng: random.Random, spec: dict) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    for name, file in (("DV", "DejaVuSerif.ttf"), ("DVB", "DejaVuSerif-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"{FONT_DIR}/{file}"))
    d = Doc(rng, spec, spec["n"] * 7)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    h = A4[1]
    lines = [ln for p in d.lines() for ln in wrap(p, 95)]
    y = h - 60
    for idx, ln in enumerate(lines):
        if y < 60:
            c.showPage()
            y = h - 60
        stamp = idx < 8 and d.level and ln.rstrip().endswith(d.t(d.level))
        if stamp and d.level:
            text = d.t(d.level)
            head = ln[: len(ln.rstrip()) - len(text)].rstrip()
            c.setFont("DV", 10)
            c.drawString(60, y, head)
            x = 60 if not head else 420
            c.setFont("DVB", 13)
            c.setFillColorRGB(0.8, 0, 0)
            c.setStrokeColorRGB(0.8, 0, 0)
            tw = c.stringWidth(text, "DVB", 13)
            c.rect(x - 4, y - 4, tw + 8, 18)
            c.drawString(x, y, text)
            c.setFillColorRGB(0, 0, 0)
        else:
            c.setFont("DV", 10)
            c.drawString(60, y, ln)
        y -= 14
    c.save()
    return out.getvalue()


def wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    out, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return [*out, cur]


def render_page(rng: random.Random, d: Doc, dpi: int, first: bool, noise: int):
    """One scanned A4 page (Pillow RGB image): text lines, a red boxed rotated stamp on page 1."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    w, h = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("RGB", (w, h), (250, 249, 245))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(f"{FONT_DIR}/DejaVuSerif.ttf", int(11 * dpi / 72))
    lines = [ln for p in (d.lines() if first else d.pars) for ln in wrap(p, 80)]
    y, step = int(0.7 * dpi), int(16 * dpi / 72)
    stamp_y = y
    for ln in lines[: int((h - 1.4 * dpi) / step)]:
        if d.level and ln.strip() == d.level:
            ln, stamp_y = "", y  # the stamp is drawn in red below
            y += int(1.4 * step)
        draw.text((int(0.8 * dpi), y), ln, fill=(20, 20, 20), font=font)
        y += step
    if first and d.level:
        bold = ImageFont.truetype(f"{FONT_DIR}/DejaVuSerif-Bold.ttf", int(16 * dpi / 72))
        tw = int(draw.textlength(d.level, font=bold))
        pad = int(0.08 * dpi)
        stamp = Image.new("RGBA", (tw + 4 * pad, int(30 * dpi / 72)), (0, 0, 0, 0))
        sd = ImageDraw.Draw(stamp)
        sd.rectangle((1, 1, stamp.width - 2, stamp.height - 2), outline=(200, 20, 30, 210), width=pad // 2)
        sd.text((2 * pad, pad // 2), d.level, fill=(200, 20, 30, 210), font=bold)
        stamp = stamp.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
        page.paste(
            stamp, (int(rng.uniform(0.8, 1.6) * dpi), stamp_y - int(rng.uniform(0, 0.04) * dpi)), stamp
        )
    page = page.rotate(rng.uniform(-1, 1), resample=Image.BILINEAR, fillcolor=(250, 249, 245))
    if rng.random() < 0.5:
        page = page.filter(ImageFilter.GaussianBlur(0.6))
    if noise:
        nrng = np.random.default_rng(rng.getrandbits(64))
        arr = np.asarray(page, dtype=np.int16) + nrng.integers(-noise, noise, (h, w, 1), dtype=np.int16)
        page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return page


def make_scan(rng: random.Random, spec: dict) -> bytes:
    d = Doc(rng, spec, 40 * spec["n"])
    pages = [render_page(rng, d, spec["dpi"], i == 0, 12) for i in range(spec["n"])]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=spec["dpi"], save_all=True, append_images=pages[1:], quality=80)
    return out.getvalue()


def make_image(rng: random.Random, spec: dict) -> bytes:
    d = Doc(rng, spec, 40)
    png = spec["name"].endswith(".png")
    page = render_page(rng, d, spec["dpi"], True, 0 if png else 10)
    out = io.BytesIO()
    page.save(out, "PNG" if png else "JPEG", **({"optimize": False} if png else {"quality": 80}))
    return out.getvalue()


def make_txt(rng: random.Random, spec: dict) -> bytes:
    d = Doc(rng, spec, spec["n"])
    nl = "\r\n" if spec.get("crlf") else "\n"
    return nl.join(d.lines()).encode(spec.get("enc", "utf-8"))


def make_zip(rng: random.Random, spec: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in spec["members"]:
            zf.writestr(m["name"], MAKERS[m["kind"]](random.Random(m["seed"]), m))
    return out.getvalue()


MAKERS = {"docx": make_docx, "xlsx": make_xlsx, "pptx": make_pptx, "pdf": make_pdf, "scan": make_scan,
          "image": make_image, "txt": make_txt, "zip": make_zip}  # fmt: skip


def draw_spec(rng: random.Random, kind: str, seed: str, name: str) -> tuple[dict, int]:
    """Random parameters of one file and an estimate of its size in bytes."""
    s: dict = {"kind": kind, "seed": seed, "name": name, "level": None, "placement": None}
    if kind in PLACEMENTS and rng.random() < 0.38:
        s["level"], s["placement"] = rng.choice(LEVELS), rng.choice(PLACEMENTS[kind])
    s["nfd"] = kind not in ("scan", "image") and rng.random() < 0.1
    s["decoys"] = rng.sample(DECOYS, rng.randint(1, 4)) if rng.random() < 0.5 else []
    n = min(2500, max(10, int(rng.lognormvariate(4.6, 1.1))))
    img = int(rng.uniform(0.2, 2.0) * 1e6) if rng.random() < 0.35 else 0
    if kind == "docx":
        s.update(n=n, img=img)
        return s, 12000 + n * 180 + img
    if kind == "xlsx":
        s.update(n=min(40000, max(30, int(rng.lognormvariate(7.8, 1.3)))), inline=rng.random() < 0.4)
        return s, 5000 + s["n"] * (68 if s["inline"] else 38)
    if kind == "pptx":
        s.update(n=rng.randint(3, 30), img=img // 2)
        return s, 30000 + s["n"] * 1500 + img // 2
    if kind == "pdf":
        s.update(n=max(1, min(60, n // 20)))
        return s, 12000 + s["n"] * 2900
    if kind in ("scan", "image"):
        s.update(n=rng.choice((1, 1, 2, 3)) if kind == "scan" else 1, dpi=rng.choice((150, 200, 300)))
        per_page = {150: 0.55e6, 200: 0.95e6, 300: 2.1e6}[s["dpi"]] * (0.9 if kind == "scan" else 1.2)
        return s, int(s["n"] * per_page)
    if kind == "txt":
        s.update(n=n * 2, enc=rng.choice(("utf-8",) * 6 + ("utf-8-sig", "utf-16")), crlf=rng.random() < 0.3)
        return s, n * 2 * 290 * (2 if s["enc"] == "utf-16" else 1)
    members, est = [], 0
    for j in range(rng.randint(3, 8)):
        k = rng.choice(("docx", "docx", "pdf", "txt", "xlsx", "scan"))
        m, e = draw_spec(random.Random(f"{seed}/{j}"), k, f"{seed}/{j}", "")
        m["name"] = f"ho-so/{j:02d}-{TITLES[j % len(TITLES)].lower().replace(' ', '-')}.{ext(k)}"
        members.append(m)
        est += e
    s["members"] = members
    levels = [m["level"] for m in members if m["level"]]
    s["level"] = max(levels, key=LEVELS.index) if levels else None
    s["placement"] = "member" if levels else None
    return s, est


def ext(kind: str) -> str:
    return {"scan": "pdf", "image": "jpg"}.get(kind, kind)


def plan(size_mb: float, seed: int) -> list[dict]:
    specs = []
    for kind, share in SHARES.items():
        budget, i = share * size_mb * 1.02e6, 0
        while budget > 0:
            key = f"{seed}:{kind}:{i}"
            rng = random.Random(key)
            e = ext(kind) if kind != "image" else rng.choice(("jpg", "jpg", "png"))
            spec, est = draw_spec(rng, kind, key, f"{kind}/{i // 100:02d}/{kind}-{i:05d}.{e}")
            specs.append(spec)
            budget -= est
            i += 1
    return specs


def build_one(spec: dict) -> tuple[str, int, bytes]:
    data = MAKERS[spec["kind"]](random.Random(spec["seed"]), spec)
    return spec["name"], len(data), data


def generate(corpus: Path, size_mb: float, seed: int = 2024, workers: int = 2) -> dict:
    """Create (or reuse) the corpus under ``corpus/files``; return the manifest (``corpus/manifest.json``)."""
    mpath = corpus / "manifest.json"
    if mpath.exists():
        man = json.loads(mpath.read_text())
        if (man.get("version"), man.get("seed"), man.get("size_mb")) == (GEN_VERSION, seed, size_mb) and all(
            (corpus / "files" / f["path"]).is_file()
            and (corpus / "files" / f["path"]).stat().st_size == f["size"]
            for f in man["files"]
        ):
            return man
    specs = plan(size_mb, seed)
    if mpath.exists():  # stale corpus of another version/size: start from scratch
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    sizes = {}
    with Pool(workers) as pool:
        for done, (name, n, data) in enumerate(pool.imap_unordered(build_one, specs, chunksize=2), 1):
            (corpus / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            (corpus / "files" / name).write_bytes(data)
            sizes[name] = n
            if done % 200 == 0:
                print(f"  generated {done}/{len(specs)} files", flush=True)
    keys = ("kind", "level", "placement", "nfd")
    files = [{"path": s["name"], "size": sizes[s["name"]], **{k: s[k] for k in keys}} for s in specs]
    man = {"version": GEN_VERSION, "seed": seed, "size_mb": size_mb, "files": files,
           "total_bytes": sum(sizes.values())}  # fmt: skip
    mpath.write_text(json.dumps(man, ensure_ascii=False, indent=0))
    return man
