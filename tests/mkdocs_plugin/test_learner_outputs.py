"""Learner outputs hold learner things (issue 26): no session's backup plan, no program's metrics or
review dates, and no program owner's e-mail where the owner is not the learners' contact, in any
page, search index, feed, calendar or PDF of the learner site, of the example and of a small
organisation built here (both with their PDFs). What learners do if something fails
(``if_it_fails:``) is there, and the coordinator outputs keep the rest."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.helpers import TODAY
from tests.helpers.base_project import BASE
from tests.readiness.healthy import write_project
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.model.formatting import format_day, format_long_date

FIXTURE_MKDOCS = BASE["mkdocs.yml"].replace("theme: {name: material, custom_dir: theme}", "theme: {name: material}")
FIXTURE_SCHEDULE = """\
timezone: Europe/Madrid
sessions:
  - program: forklift
    id: fl-1
    start: 2026-12-10 09:00
    end: 11:00
    room: Bay 3
    capacity: 8
    instructor: ana.ruiz
    backup: Use the paper scenarios in the facilitator box
    if_it_fails: If Bay 3 is closed, wait at the yard office
"""


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def learner_texts(site: Path) -> dict[str, str]:
    """Every file of a learner site as a reader meets it: HTML and XML unescaped, the search
    index decoded, calendars unfolded and unescaped, PDFs as their text (pdftotext)."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".pdf":
            raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix in {".html", ".xml", ".json", ".ics", ".txt", ".md"}:
            raw = path.read_text(encoding="utf-8")
            if path.suffix == ".ics":
                raw = raw.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
            if path.suffix == ".json":
                raw = json.dumps(json.loads(raw), ensure_ascii=False)
            raw = html.unescape(raw)
        else:
            continue
        texts[rel] = _flat(raw)
    return texts


def internal_values(root: Path) -> dict[str, list[str]]:
    """What must stay off the learner outputs, by kind: (text, the files it is looked for in)."""
    project, _ = load_project(root, today=TODAY)
    found: dict[str, list[str]] = {"backup": [], "metrics": [], "review": [], "owner e-mail": []}
    for s in project.sessions:
        if s.entry.backup:
            found["backup"].append(_flat(s.entry.backup))
    for slug, record in project.programs.items():
        program = record.data
        found["metrics"] += [_flat(m) for m in program.metrics]
        if program.review:
            day = program.review.last_reviewed
            found["review"] += [
                f"Last reviewed: {format_long_date(day)}",
                f"Last reviewed {format_day(day)}",
                "next review due",
            ]
        owner = project.people.get(program.owner)
        contact = program.escalation.learner_questions if program.escalation else None
        if owner and owner.email and contact and contact != program.owner:
            found["owner e-mail"].append(f"{slug}:{owner.email}")
    return found


def leaks(site: Path, root: Path) -> set[tuple[str, str, str]]:
    texts = learner_texts(site)
    out = set()
    for kind, values in internal_values(root).items():
        for value in values:
            if kind == "owner e-mail":  # the program's own outputs: its guide, manual and calendars
                slug, email = value.split(":", 1)
                places = {p: t for p, t in texts.items() if f"programs/{slug}/" in p or p == f"manuals/{slug}.pdf"}
            else:
                places = texts
            out |= {(kind, value, p) for p, t in places.items() if value in t}
    return out


@pytest.fixture(scope="module")
def fixture_org(tmp_path_factory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("learner-outputs"),
        {"mkdocs.yml": FIXTURE_MKDOCS, "programs/schedule.yaml": FIXTURE_SCHEDULE},
    )
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    return root


def test_no_internal_field_of_the_example_is_in_a_learner_output(built_site):
    values = internal_values(built_site.parent)
    assert all(values[kind] for kind in ("backup", "metrics", "review", "owner e-mail")), values
    assert leaks(built_site, built_site.parent) == set()
    # what learners do if it fails is there instead (the guide, the learner manual, the calendar)
    texts = learner_texts(built_site)
    told = "If HQ 4B is locked, wait at reception on the 4th floor"
    assert {p for p, t in texts.items() if told in t} >= {
        "programs/onboarding/index.html",
        "manuals/onboarding.pdf",
        "programs/onboarding/sessions/onb-2027-04-26.ics",
    }


def test_no_internal_field_of_a_fixture_is_in_a_learner_output(fixture_org):
    site = fixture_org / "site"
    values = internal_values(fixture_org)
    assert values["owner e-mail"] == ["forklift:ana@example.com"]  # Ben Cole answers learners
    assert leaks(site, fixture_org) == set()
    texts = learner_texts(site)
    guide = texts["programs/forklift/index.html"]
    assert "If Bay 3 is closed, wait at the yard office" in guide
    assert "Ben Cole" in guide and "Near misses per month" not in guide
    assert "If Bay 3 is closed, wait at the yard office" in texts["manuals/forklift.pdf"]


def test_the_coordinator_outputs_keep_the_backup_metrics_review_and_owner(fixture_org):
    ops = learner_texts(fixture_org / "ops")
    checklist = ops["programs/forklift/launch-checklist/index.html"]
    assert "How we know it worked: Near misses per month" in checklist
    assert "Last reviewed Thu 1 Oct 2026, next review due Thu 1 Apr 2027" in checklist
    assert "mailto:ana@example.com" in (fixture_org / "ops/programs/forklift/launch-checklist/index.html").read_text()
    assert "Backup plan (not in the message): Use the paper scenarios" in ops["programs/forklift/reminders/index.html"]
    assert "Use the paper scenarios in the facilitator box" in ops["sessions/fl-1/sign-in.pdf"]
    assert "Use the paper scenarios in the facilitator box" in ops["manuals/forklift-instructor.pdf"]
    assert "learners are told: If Bay 3 is closed" in ops["manuals/forklift-instructor.pdf"]
