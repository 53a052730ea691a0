"""The example's manuals and sign-in sheets, checked for structure (pypdf), not bytes: learner
editions on the learner site, instructor editions and sign-in sheets on the coordinator site."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from .paperpdf import assert_tagged, fill, render_pages, structure


def read(site, name):
    return PdfReader(site / "manuals" / name)


def outline_titles(reader) -> list[str]:
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(reader.outline)
    return out


def text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


MANUALS = [
    ("site", "onboarding.pdf"),
    ("ops", "onboarding-instructor.pdf"),
    ("site", "compliance-refresher.pdf"),
    ("ops", "platform-rollout-instructor.pdf"),
    ("site", "support-training.pdf"),
]


@pytest.fixture
def sites(built_site, ops_site):
    return {"site": built_site, "ops": ops_site}


@pytest.mark.parametrize(("where", "name"), MANUALS)
def test_every_manual_has_cover_contents_and_page_numbers(sites, where, name):
    reader = read(sites[where], name)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 3
    assert "Printed" in pages[0] and "23 November 2026" in pages[0] and "Who to ask" in pages[0]
    # the owner is the coordinators' business: on the instructor edition's cover only (issue 26)
    assert ("Owner" in pages[0]) == name.endswith("-instructor.pdf")
    assert "Built" not in pages[0], "a word of ours, not the reader's"
    # The contents follow the cover, or in the instructor edition the agenda pages, a session each.
    contents = next(number for number, page in enumerate(pages) if "Contents" in page)
    assert contents == 1 or all("Session " in p and " of " in p for p in pages[1:contents]), name
    assert re.search(r"Sessions\s*\.+\s*\d+", pages[contents]), "contents lists page numbers"
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page
        assert "Printed 23 November 2026 · Version " in page
    assert not any("Page 1 of" in p for p in pages[:1]), "the cover has no footer"
    assert_tagged(sites[where] / "manuals" / name)


def test_cover_text_logo_and_bookmarks_of_the_instructor_edition(ops_site):
    reader = read(ops_site, "onboarding-instructor.pdf")
    cover = reader.pages[0].extract_text()
    assert "New Hire Onboarding" in cover and "ONB-101" in cover and "Jordan Lee" in cover
    assert "INSTRUCTOR EDITION" in cover.upper()
    assert "learning.example.com/programs/onboarding" in cover, "the way back online"
    _, _, alts = structure(ops_site / "manuals/onboarding-instructor.pdf")
    assert "Harbor Health Learning" in alts, "the theme's logo on the cover, named"
    titles = outline_titles(reader)
    for expected in (
        "Contents",
        "About the program",
        "Before you start",
        "Sessions",
        "Procedures",
        "Launch checklist",
        "Set up a new hire cohort",
        "Prepare session materials",
    ):
        assert expected in titles, expected
    assert "Sign-in sheets" not in titles, "sign-in sheets are PDFs of their own"
    assert reader.metadata.title.startswith("New Hire Onboarding")
    assert reader.metadata.creation_date.date().isoformat() == "2026-11-23"


def test_learner_edition_leaves_out_instructor_parts(built_site):
    learner = outline_titles(read(built_site, "onboarding.pdf"))
    assert "Launch checklist" not in learner and "Prepare session materials" not in learner
    assert "Join an online training session" in learner  # the learner SOP
    assert "Sign-in sheets" not in learner
    body = text(read(built_site, "onboarding.pdf"))
    assert "overdue" not in body.lower() and "Signature" not in body


def test_sessions_and_sops(ops_site, example_project):
    body = text(read(ops_site, "onboarding-instructor.pdf"))
    assert "Tue 1 Dec 2026, 09:30–12:00 Eastern Standard Time" in body
    sop = example_project.sops["new-hire-cohort-setup"]
    first_words = re.findall(r"[A-Za-z]{8,}", sop.body)[:3]
    assert all(word in body for word in first_words)
    assert "佐藤 花子" in body or "佐藤花子" in body  # Japanese prints as text, not as boxes
    assert "content/files/" not in body, "a material is where it is online, not where it is in the repository"
    assert not re.search(r"\w+\.(ya?ml|md):\d+", body), "no file:line: an instructor does not edit the files"
    assert "sign-in.pdf" not in body.replace("\n", ""), "no path on a site paper cannot link"
    agenda = read(ops_site, "onboarding-instructor.pdf").pages[1].extract_text()
    assert "Session agendas" in agenda and "Day 1 - Welcome, Tue 1 Dec 2026" in agenda


def test_sign_in_sheets_on_the_coordinator_site(built_site, ops_site, example_project):
    sheets = sorted(p.parent.name for p in (ops_site / "sessions").glob("*/sign-in.pdf"))
    expected = sorted(s.id for s in example_project.upcoming_sessions() if s.in_person and s.status != "cancelled")
    assert sheets == expected and sheets
    assert not (built_site / "sessions").exists()
    tokyo = text(PdfReader(ops_site / "sessions/onb-2027-04-05/sign-in.pdf"))
    assert "Tokyo 12F Sakura" in tokyo and "Japan Standard Time (UTC+09:00)" in tokyo
    rows = re.findall(r"^(\d+|W\d)\s*$", tokyo, re.M)
    assert rows == [str(n) for n in range(1, 13)] + ["W1", "W2", "W3"], "capacity 12, and three walk-ins"
    checklist = (ops_site / "programs/onboarding/launch-checklist/index.html").read_text()
    assert 'href="../../../sessions/onb-2027-04-05/sign-in.pdf"' in checklist


def test_no_embedded_files_and_fonts_cover_every_script(built_site, ops_site):
    for pdf in list((built_site / "manuals").glob("*.pdf")) + list(ops_site.rglob("*.pdf")):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/EmbeddedFiles" not in root.get("/Names", {}), pdf.name
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                assert annot.get_object().get("/Subtype") != "/FileAttachment"
    fonts = set()
    for page in read(ops_site, "onboarding-instructor.pdf").pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f for f in fonts), fonts


def test_learner_manuals_have_no_near_empty_page(built_site, tmp_path):
    for pdf in sorted((built_site / "manuals").glob("*.pdf")):
        pages = render_pages(pdf, tmp_path, dpi=30)
        for number, page in enumerate(pages[1:-1], start=2):  # the cover and the last page aside
            assert fill(page, 0.075, 0.075) >= 0.25, (pdf.name, number)


def test_instructor_editions_have_no_half_empty_page(ops_site, tmp_path):
    """The agenda pages fill theirs (the notes box takes the rest); the chapters flow on. (At
    60 dpi, as a hairline of the notes box is ink; at 30 it blurs to grey.)"""
    for pdf in sorted((ops_site / "manuals").glob("*-instructor.pdf")):
        pages = render_pages(pdf, tmp_path, dpi=60)
        for number, page in enumerate(pages[1:-1], start=2):  # the cover and the last page aside
            assert fill(page, 0.075, 0.075) >= 0.5, (pdf.name, number)


def test_guides_link_their_manuals(built_site):
    guide = (built_site / "programs" / "onboarding" / "index.html").read_text()
    assert 'href="../../manuals/onboarding.pdf"' in guide


def test_each_guide_says_how_long_its_manual_is(built_site):
    """ "(PDF, N pages)" beside the manual link: N is the page count of the PDF itself."""
    for guide in sorted((built_site / "programs").glob("*/index.html")):
        slug = guide.parent.name
        count = len(PdfReader(built_site / "manuals" / f"{slug}.pdf").pages)
        expected = f'data-manual="manuals/{slug}.pdf">(PDF, {count} page{"" if count == 1 else "s"})</span>'
        assert expected in guide.read_text(encoding="utf-8"), slug


def test_the_reminder_page_links_each_in_person_sessions_sign_in_sheet(ops_site):
    page = (ops_site / "programs" / "onboarding" / "reminders" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="../../../sessions/([^/]+)/sign-in.pdf"', page))
    assert linked and all((ops_site / "sessions" / sid / "sign-in.pdf").is_file() for sid in linked)
