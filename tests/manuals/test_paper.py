"""Issue 19, paper that works in the training room, read back from the PDFs: sign-in sheets on
the coordinator site (one page up to 20 seats on Letter and A4, the header on every page, no
sheet for an online session), QR codes decoded from rendered pages to the right addresses, the
version on every page after the cover, no internal note in the learner edition, every PDF tagged."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.manuals.build import build_project_manuals
from trainops.manuals.signin import sheet_pages

from .paperpdf import assert_tagged, fill, page_texts, qr_codes, render_pages

TODAY = date(2026, 11, 23)
SITE = "https://learn.example.org"
SEATS = {"fl-16": 16, "fl-20": 20, "fl-30": 30, "fl-none": None}

FILES = {
    "mkdocs.yml": f"""\
        site_name: Warehouse Learning
        site_url: {SITE}/
        docs_dir: content
        plugins:
          - trainops:
              paper_size: Letter
        """,
    "programs/people.yaml": """\
        people:
          - {id: ana.ruiz, name: Ana Ruiz, email: ana@example.com, timezone: America/New_York}
          - {id: kei.mori, name: Kei Mori, timezone: America/New_York}
        """,
    "programs/forklift.yaml": """\
        name: Forklift Safety
        code: SAFE-7
        summary: Drive a forklift safely in our warehouses.
        owner: ana.ruiz
        audience: Warehouse staff
        outcomes: [Pass the practical test]
        materials:
          - {title: Pocket card, file: content/files/card.pdf, for: learner}
          - {title: Safety video, link: "https://video.example.org/forklift", for: learner}
          - {title: Trainer notes, file: content/files/trainer-notes.txt, for: instructor}
        sops: [lift-check, run-the-practical]
        feedback: {form: "https://forms.example.org/forklift"}
        completion: {record_in: Workday Learning}
        """,
    "programs/schedule.yaml": """\
        timezone: America/New_York
        sessions:
          - {program: forklift, id: fl-16, title: Yard practice, start: 2026-12-10 09:00, end: 11:00,
             room: Bay 3, capacity: 16, instructor: ana.ruiz}
          - {program: forklift, id: fl-20, start: 2026-12-11 09:00, end: 11:00,
             room: Bay 4, capacity: 20, instructor: kei.mori}
          - {program: forklift, id: fl-30, title: Big group, start: 2026-12-12 09:00, end: 11:00,
             room: Hall A, capacity: 30, instructor: ana.ruiz}
          - {program: forklift, id: fl-none, start: 2026-12-13 09:00, end: 11:00, room: Bay 5, instructor: ana.ruiz}
          - {program: forklift, id: fl-online, start: 2026-12-14 09:00, end: 11:00,
             link: "https://meet.example.org/forklift-theory-session", instructor: ana.ruiz}
        """,
    "sops/lift-check.md": """\
        ---
        title: Lift check
        owner: ana.ruiz
        audience: learner
        programs: [forklift]
        last_reviewed: 2025-01-02
        review_every: 6 months
        ---
        1. Check the forks before every session.
        2. Walk round the truck.
        """,
    "sops/run-the-practical.md": """\
        ---
        title: Run the practical
        owner: ana.ruiz
        audience: instructor
        programs: [forklift]
        last_reviewed: 2026-10-01
        ---
        Set out the cones before the learners arrive.
        """,
    "content/index.md": "# Warehouse training\n",
    "content/files/trainer-notes.txt": "notes\n",
}


def write_org(root: Path, files: dict[str, str] = FILES) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "content/files/card.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def load(root: Path):
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY, history=True)  # (as the plugin does)
    assert not [d for d in problems + diagnostics if d.severity == "error"], diagnostics
    return project


def git_commit(root: Path) -> str | None:
    if shutil.which("git") is None:
        return None
    run = {"cwd": root, "check": True, "capture_output": True, "text": True}
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data"], **run)
    return subprocess.run(["git", "rev-parse", "HEAD"], **run).stdout.strip()[:10]  # as the history shows ids


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The org built on Letter, in a git repository: (site, ops, commit, pngs folder)."""
    base = tmp_path_factory.mktemp("paper")
    root = write_org(base / "org")
    commit = git_commit(root)
    project = load(root)
    assert project.settings.paper_size == "Letter"
    build_project_manuals(project, base / "site", editions=("learner",), workers=2)
    results = build_project_manuals(project, base / "ops", editions=("instructor",), sign_in_sheets=True, workers=2)
    assert {r.status for r in results} == {"rendered"}
    return base / "site", base / "ops", commit, base / "png"


def test_a_sign_in_sheet_for_each_in_person_session_on_the_coordinator_site(printed):
    site, ops, _, _ = printed
    assert sorted(p.parent.name for p in (ops / "sessions").glob("*/sign-in.pdf")) == sorted(SEATS)
    assert not (site / "sessions").exists(), "sign-in sheets are not for learners"
    learner = "\n".join(page_texts(site / "manuals/forklift.pdf"))
    assert "Sign-in" not in learner and "Signature" not in learner


@pytest.mark.parametrize("session", sorted(SEATS))
def test_sign_in_sheet_pages_header_and_rows(printed, session):
    _, ops, _, _ = printed
    pdf = ops / "sessions" / session / "sign-in.pdf"
    pages = page_texts(pdf)
    seats = SEATS[session] or 20
    assert len(pages) == (1 if seats <= 20 else 2)
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792), "US Letter"
    room = {"fl-16": "Bay 3", "fl-20": "Bay 4", "fl-30": "Hall A", "fl-none": "Bay 5"}[session]
    for page in pages:  # the header on every page
        for words in (
            "Sign-in sheet",
            "Forklift Safety",
            room,
            "09:00–11:00 Eastern Standard Time",
            "UTC−05:00",
            "Instructor",
        ):
            assert words.lower() in page.lower(), (session, words)
        for column in ("Name", "Employee / badge ID", "Unit", "Signature", "Time in", "Time out"):
            assert column in page
    text = "\n".join(pages)
    assert "Kei Mori" in text if session == "fl-20" else "Ana Ruiz" in text
    assert "Thu 10 Dec 2026" in text or session != "fl-16"
    labels = re.findall(r"^(\d+|W\d)\s*$", text, re.M)
    assert labels == [str(n) for n in range(1, seats + 1)] + ["W1", "W2", "W3"], "a row a seat, and three walk-ins"
    last = pages[-1]
    assert "Instructor sign-off" in last and "Head count" in last
    assert_tagged(pdf)


def test_sign_in_qr_codes_lead_to_the_session_and_the_feedback_form(printed):
    _, ops, _, png = printed
    (page,) = render_pages(ops / "sessions/fl-16/sign-in.pdf", png / "fl-16")
    assert qr_codes(page) == sorted([f"{SITE}/programs/forklift/#session-fl-16", "https://forms.example.org/forklift"])


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_twenty_seats_fit_one_page_on_both_sizes(tmp_path, paper):
    root = write_org(tmp_path / "org")
    project = load(root)
    project = replace(project, settings=replace(project.settings, paper_size=paper))
    build_project_manuals(project, tmp_path / "ops", editions=(), sign_in_sheets=True, workers=2)
    for session in ("fl-20", "fl-none"):
        assert len(PdfReader(tmp_path / "ops/sessions" / session / "sign-in.pdf").pages) == 1, (paper, session)
    assert len(PdfReader(tmp_path / "ops/sessions/fl-30/sign-in.pdf").pages) == 2


def test_rows_are_spread_evenly_over_pages():
    assert [len(p) for p in sheet_pages(16)] == [19]
    assert [len(p) for p in sheet_pages(20)] == [23]
    assert [len(p) for p in sheet_pages(21)] == [12, 12]
    assert [len(p) for p in sheet_pages(100)] == [21, 21, 21, 21, 19]
    assert [r.label for r in sheet_pages(None)[0]][-4:] == ["20", "W1", "W2", "W3"]


def test_cover_and_material_qr_codes(printed):
    site, ops, _, png = printed
    pages = render_pages(site / "manuals/forklift.pdf", png / "learner")
    assert qr_codes(pages[0]) == [f"{SITE}/programs/forklift/"], "the cover leads to the guide"
    found = {code for page in pages[1:] for code in qr_codes(page)}
    assert found == {
        f"{SITE}/files/card.pdf",
        "https://video.example.org/forklift",
        "https://forms.example.org/forklift",
    }
    text = "\n".join(page_texts(site / "manuals/forklift.pdf"))
    assert "learn.example.org/files/card.pdf" in text, "the short address beside the code"
    instructor = "\n".join(page_texts(ops / "manuals/forklift-instructor.pdf"))
    assert "content/files/" not in instructor, "no repository path on paper"
    assert "on the coordinator site: files/trainer-notes.txt" in instructor


def test_version_and_printed_date_on_every_page_after_the_cover(printed):
    site, ops, commit, _ = printed
    version = commit or TODAY.isoformat()
    for pdf in [
        site / "manuals/forklift.pdf",
        ops / "manuals/forklift-instructor.pdf",
        ops / "sessions/fl-30/sign-in.pdf",
    ]:
        pages = page_texts(pdf)
        after_cover = pages if "sessions" in pdf.parts else pages[1:]
        for number, page in enumerate(after_cover, start=len(pages) - len(after_cover) + 1):
            assert f"Printed 23 November 2026 · Version {version}" in page, (pdf.name, number)
            assert f"Page {number} of {len(pages)}" in page
    cover = page_texts(site / "manuals/forklift.pdf")[0]
    assert "Printed" in cover and "Built" not in cover and "Page 1 of" not in cover


def test_the_learner_edition_holds_no_internal_note(printed):
    site, ops, _, _ = printed
    learner = "\n".join(page_texts(site / "manuals/forklift.pdf"))
    instructor = "\n".join(page_texts(ops / "manuals/forklift-instructor.pdf"))
    for note in ("overdue", "Launch checklist", "Run the practical", "Trainer notes"):
        assert note not in learner, note
        assert note in instructor, note
    for edition in (learner, instructor):  # (the coordinator site's checklist names the files)
        assert not re.search(r"\w+\.(ya?ml|md):\d+", edition), "no file:line"
    assert "sign-in.pdf" not in instructor.replace("\n", ""), "no path to a sheet on a site paper cannot link"


def test_no_near_empty_page_and_no_divider_pages(printed):
    site, ops, _, png = printed
    for pdf in (site / "manuals/forklift.pdf", ops / "manuals/forklift-instructor.pdf"):
        pages = render_pages(pdf, png / f"fill-{pdf.stem}", dpi=40)
        # Between the cover and the last page, each page's body is at least a quarter full (margins
        # of 20 mm on a 279 mm page hold the running header and footer).
        for number, page in enumerate(pages[1:-1], start=2):
            assert fill(page, 0.075, 0.075) >= 0.25, (pdf.name, number)
    texts = page_texts(ops / "manuals/forklift-instructor.pdf")
    assert not any(len(t.split()) < 25 for t in texts[1:-1]), "no divider page"


def test_zone_names_and_addresses_stay_whole(printed):
    site, _, _, _ = printed
    text = "\n".join(page_texts(site / "manuals/forklift.pdf"))
    assert "Eastern Standard Time (UTC\u221205:00)" in text.replace("\n", " ")
    assert "meet.example.org/forklift-theory-session" in text.replace("\n", "")
    assert not re.search(r"UTC\u2212\s+05:00|forklift-\s+theory", text)


def test_every_pdf_is_tagged(printed):
    site, ops, _, _ = printed
    pdfs = list(site.rglob("*.pdf")) + list(ops.rglob("*.pdf"))
    assert len(pdfs) == 2 + len(SEATS)
    for pdf in pdfs:
        assert_tagged(pdf)


def test_without_site_url_no_code_leads_nowhere_and_check_says_so_once(tmp_path):
    from trainops.readiness import readiness_findings

    files = dict(FILES, **{"mkdocs.yml": "site_name: Warehouse Learning\ndocs_dir: content\n"})
    root = write_org(tmp_path / "org", files)
    project = load(root)
    found = [f for f in readiness_findings(project) if f.rule == "site-url-missing"]
    assert [(f.path, f.line) for f in found] == [("mkdocs.yml", 1)] and "'site_url:'" in found[0].message
    build_project_manuals(project, tmp_path / "ops", editions=("learner",), sign_in_sheets=True, workers=2)
    cover = render_pages(tmp_path / "ops/manuals/forklift.pdf", tmp_path / "png")[0]
    assert qr_codes(cover) == []
    (sheet,) = render_pages(tmp_path / "ops/sessions/fl-16/sign-in.pdf", tmp_path / "png")
    assert qr_codes(sheet) == ["https://forms.example.org/forklift"], "the feedback form has its own address"
    text = "\n".join(page_texts(tmp_path / "ops/manuals/forklift.pdf"))
    assert "on the Warehouse Learning site: files/card.pdf" in text


def test_long_unbroken_values_wrap_whole_and_pages_are_numbered_true(tmp_path):
    # (issue 25: "page 1 of 22" on a 66-page PDF, and a room name cut at the page's edge)
    room = "Room" + "abcdefghij" * 29 + "END"
    name = "Prog" + "klmnopqrst" * 29 + "FIN"
    files = dict(FILES)
    files["programs/forklift.yaml"] = FILES["programs/forklift.yaml"].replace("Forklift Safety", name)
    schedule = FILES["programs/schedule.yaml"]
    files["programs/schedule.yaml"] = schedule.replace("Hall A, capacity: 30", f"{room}, capacity: 40")
    root = write_org(tmp_path / "org", files)
    build_project_manuals(load(root), tmp_path / "ops", editions=(), sign_in_sheets=True, workers=1)
    pdf = tmp_path / "ops/sessions/fl-30/sign-in.pdf"
    count = len(PdfReader(pdf).pages)
    # (-raw: in the order drawn, so a wrapped value's lines follow each other)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:count]
    flat = [re.sub(r"\s", "", page) for page in pages]
    assert room in flat[0] and name in flat[0], "the whole value, wrapped, not cut at the edge"
    assert sum(page.count(room) for page in flat) == len(sheet_pages(40)), "on each sheet's header"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in page
        assert {int(m) for m in re.findall(r"\(page \d+ of (\d+)\)", page)} <= {count}
    assert "(page 1 of" in pages[0]


def test_the_instructor_edition_opens_with_an_agenda_page_for_each_session(printed):
    """After the cover, a page a session that will take place (by date): when, where, who, seats,
    the backup plan, attendance in words, the materials, and codes to join and give feedback."""
    _, ops, _, png = printed
    pdf = ops / "manuals/forklift-instructor.pdf"
    texts = page_texts(pdf)
    agenda = texts[1:6]
    for page, (title, day, place) in zip(
        agenda,
        [
            ("Yard practice", "Thu 10 Dec 2026", "Bay 3"),
            ("Forklift Safety", "Fri 11 Dec 2026", "Bay 4"),
            ("Big group", "Sat 12 Dec 2026", "Hall A"),
            ("Forklift Safety", "Sun 13 Dec 2026", "Bay 5"),
            ("Forklift Safety", "Mon 14 Dec 2026", "meet.example.org/forklift-theory-session"),
        ],
        strict=True,
    ):
        flat = page.replace("\n", " ")
        assert f"{title}, {day}" in flat and place in page.replace("\n", ""), (title, day)
        for label in ("When", "Where", "Instructor", "Capacity", "If something goes wrong", "Attendance", "Notes"):
            assert label in flat, (day, label)
        assert "Trainer notes" in flat and "Pocket card" in flat
    assert "16 seats" in agenda[0] and "not set" in agenda[3]
    assert "No backup plan is written for this session" in agenda[0].replace("\n", " ")
    assert "sign-in sheet from the coordinator site" in agenda[0].replace("\n", " ")
    assert "attendance report" in agenda[4].replace("\n", " ")
    assert "Contents" in texts[6] and re.search(r"Yard practice, Thu 10 Dec 2026\s*\.+\s*2", texts[6])
    pages = render_pages(pdf, png / "agenda", dpi=110)
    assert qr_codes(pages[1]) == ["https://forms.example.org/forklift"], "in a room: feedback only"
    assert qr_codes(pages[5]) == sorted(
        ["https://meet.example.org/forklift-theory-session", "https://forms.example.org/forklift"]
    )
