"""The example's manuals, checked for structure (pypdf), not bytes."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader


def read(built_site, name):
    return PdfReader(built_site / "manuals" / name)


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


@pytest.mark.parametrize("name", ["onboarding.pdf", "onboarding-instructor.pdf", "compliance-refresher.pdf",
                                  "platform-rollout-instructor.pdf", "support-training.pdf"])
def test_every_manual_has_cover_contents_and_page_numbers(built_site, name):
    reader = read(built_site, name)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 5
    assert "Built" in pages[0] and "23 November 2026" in pages[0] and "Owner" in pages[0]
    assert "Contents" in pages[1]
    assert re.search(r"Sessions\s*\.+\s*\d+", pages[1]), "contents lists page numbers"
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page
    assert not any("Page 1 of" in p for p in pages[:1]), "the cover has no footer"


def test_cover_text_and_bookmarks_of_the_instructor_edition(built_site, example_project):
    reader = read(built_site, "onboarding-instructor.pdf")
    cover = reader.pages[0].extract_text()
    assert "New Hire Onboarding" in cover and "ONB-101" in cover and "Jordan Lee" in cover and "Instructor manual" in cover.title() or "INSTRUCTOR MANUAL" in cover
    titles = outline_titles(reader)
    for expected in ("Contents", "About the program", "Before you start", "Sessions", "Procedures", "Launch checklist",
                     "Sign-in sheets", "Set up a new hire cohort", "Prepare session materials"):
        assert expected in titles, expected
    assert reader.metadata.title.startswith("New Hire Onboarding")
    assert reader.metadata.creation_date.date().isoformat() == "2026-11-23"


def test_learner_edition_leaves_out_instructor_parts(built_site):
    learner = outline_titles(read(built_site, "onboarding.pdf"))
    assert "Launch checklist" not in learner and "Prepare session materials" not in learner
    assert "Join an online training session" in learner  # the learner SOP
    assert "Sign-in sheets" in learner


def test_sessions_sops_and_sign_in_sheets(built_site, example_project):
    body = text(read(built_site, "onboarding-instructor.pdf"))
    assert "Tue 1 Dec 2026, 09:30–12:00 EST" in body or "Tue 1 Dec 2026, 09:30" in body
    sop = example_project.sops["new-hire-cohort-setup"]
    first_words = re.findall(r"[A-Za-z]{8,}", sop.body)[:3]
    assert all(word in body for word in first_words)
    assert body.count("Sign-in: ") == 6  # every upcoming in-person session
    assert "Signature" in body and "Time in" in body
    assert "佐藤 花子" in body or "佐藤花子" in body  # Japanese prints as text, not as boxes
    # One numbered row a seat: the Tokyo session has capacity 12.
    tokyo = body[body.index("Sign-in: Mon 5 Apr 2027"):]
    tokyo = tokyo[: tokyo.index("Sign-in: Mon 26 Apr 2027")]
    assert re.search(r"\b12\b", tokyo) and not re.search(r"\b13\b", tokyo.split("Time in", 1)[1])


def test_no_embedded_files_and_fonts_cover_every_script(built_site):
    for pdf in (built_site / "manuals").glob("*.pdf"):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/EmbeddedFiles" not in root.get("/Names", {}), pdf.name
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                assert annot.get_object().get("/Subtype") != "/FileAttachment"
    fonts = set()
    for page in read(built_site, "onboarding-instructor.pdf").pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f for f in fonts), fonts


def test_guides_link_their_manuals(built_site):
    guide = (built_site / "programs" / "onboarding" / "index.html").read_text()
    assert 'href="../../manuals/onboarding.pdf"' in guide and 'href="../../manuals/onboarding-instructor.pdf"' in guide
