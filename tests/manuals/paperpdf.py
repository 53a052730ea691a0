"""Reading printed PDFs as a reader and a checker would: text per page, the pages rendered
(pdftoppm) with their QR codes decoded (zxing-cpp), how full each page is, the structure tree."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def render_pages(pdf: Path, out: Path, dpi: int = 150) -> list[Path]:
    """Every page as a grey PNG (pdftoppm, from poppler-utils)."""
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def qr_codes(png: Path) -> list[str]:
    import zxingcpp

    return sorted(code.text for code in zxingcpp.read_barcodes(Image.open(png)))


def fill(png: Path, margin_top: float, margin_bottom: float) -> float:
    """How far down the page's body (between the top and bottom margins, fractions of the page's
    height) its lowest ink reaches: 0 an empty body, 1 a full one. Running headers and footers,
    in the margins, do not count."""
    image = Image.open(png).convert("L")
    width, height = image.size
    top, bottom = int(height * margin_top), int(height * (1 - margin_bottom))
    body = image.crop((0, top, width, bottom)).point(lambda v: 255 if v < 160 else 0)
    box = body.getbbox()
    return 0.0 if box is None else box[3] / (bottom - top)


def structure(pdf: Path) -> tuple[dict, Counter, list]:
    """The catalog, the kinds of structure elements (H1, TH, Figure…) and the alt texts of figures."""
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    kinds: Counter = Counter()
    alts: list = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not hasattr(node, "get"):
            return
        kind = node.get("/S")
        if kind:
            kinds[str(kind)] += 1
            if kind == "/Figure":
                alts.append(node.get("/Alt"))
        if node.get("/K") is not None:
            walk(node["/K"])

    if "/StructTreeRoot" in catalog:
        walk(catalog["/StructTreeRoot"])
    return catalog, kinds, alts


def assert_tagged(pdf: Path) -> None:
    """PDF/UA basics: marked content, a structure tree with headings, the language, the title
    shown as the window title, and alt text on every figure."""
    catalog, kinds, alts = structure(pdf)
    assert bool(catalog.get("/MarkInfo", {}).get("/Marked")), pdf.name
    assert "/StructTreeRoot" in catalog, pdf.name
    assert str(catalog.get("/Lang")) == "en", pdf.name
    assert PdfReader(pdf).metadata.title, pdf.name
    assert bool(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")), pdf.name
    assert kinds["/H1"] >= 1, (pdf.name, kinds)
    assert all(alt for alt in alts), (pdf.name, alts)
