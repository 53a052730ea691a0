"""Sign-in sheets that match the attendance file ``trainops records new`` writes: the same learner
ids in the same order (names beside them only with ``ops_names``), or the same numbered lines;
a sheet is rendered again when the learners it lists change."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY, copy_example
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.load.records import load_records
from trainops.load.settings import read_settings
from trainops.manuals.build import build_project_manuals, sign_in_records

FEBRUARY = "onb-2027-02-02"  # Day 2 of the 'February 2027 intake', in HQ 4B
DECEMBER = "onb-2026-12-01"  # no one enrolled in it: numbered lines


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def learners_of(file: Path) -> list[str]:
    with open(file, encoding="utf-8", newline="") as rows:
        return [row["learner"] for row in csv.DictReader(rows)]


def roster() -> dict[str, str]:
    with open(REPO / "records/learners.csv", encoding="utf-8", newline="") as rows:
        return {row["learner"]: row["name"] for row in csv.DictReader(rows)}


def write_org(root: Path) -> Path:
    copy_example(root)
    shutil.copytree(REPO / "records", root / "records")
    with open(root / "records/enrolments/onboarding.csv", "a", encoding="utf-8") as out:
        out.write("E1012,onb-2027-02-02,enrolled,2026-11-20\nE1001,February 2027 intake,enrolled,2026-11-20\n")
    return root


def load(root: Path):
    settings, _ = read_settings(root)
    project, _ = load_project(root, settings, TODAY)
    records, problems = load_records(root, settings, project)
    assert problems == []
    return project, records


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """The example with records, both files written by `records new`, and every sign-in sheet
    built for the coordinator site from the records: (root, ops folder, build results)."""
    root = write_org(tmp_path_factory.mktemp("signin") / "org")
    for session in (FEBRUARY, DECEMBER):
        assert main(["records", "new", session, "--project", str(root), "--today", TODAY.isoformat()]) == 0
    project, records = load(root)
    results = build_project_manuals(project, root / "ops", editions=(), sign_in_sheets=True, records=records, workers=2)
    assert {r.status for r in results} == {"rendered"}
    return root, root / "ops", results


def test_the_sheet_lists_the_ids_of_the_attendance_file_in_its_order(org):
    root, ops, _ = org
    written = learners_of(root / f"records/attendance/2027/{FEBRUARY}.csv")
    assert written == ["E1001", "E1009", "E1011", "E1012"]
    text = pdftotext(ops / f"sessions/{FEBRUARY}/sign-in.pdf")
    assert re.findall(r"\bE\d{4}\b", text) == written
    numbered = re.findall(r"^[ \t]*(\d+|W\d)[ \t]*(E\d{4})?[ \t]*$", text, re.M)
    assert numbered == [
        ("1", "E1001"),
        ("2", "E1009"),
        ("3", "E1011"),
        ("4", "E1012"),
        ("W1", ""),
        ("W2", ""),
        ("W3", ""),
    ]
    assert "4 enrolled; 20 seats" in text
    names = roster()
    assert not [name for name in names.values() if name in text], "no names without ops_names"


def test_without_enrolments_the_sheet_keeps_its_numbered_lines_and_the_file_has_each_of_them(org):
    root, ops, _ = org
    text = pdftotext(ops / f"sessions/{DECEMBER}/sign-in.pdf")
    labels = re.findall(r"^\s*(\d+|W\d)\s*$", text, re.M)
    assert labels == [str(n) for n in range(1, 21)] + ["W1", "W2", "W3"]
    assert learners_of(root / f"records/attendance/2026/{DECEMBER}.csv") == [f"#{label}" for label in labels]
    assert not re.search(r"\bE\d{4}\b", text)


def test_names_beside_the_ids_only_with_ops_names(org, tmp_path):
    root, _, _ = org
    project, records = load(root)
    named = replace(project, settings=replace(project.settings, ops_names=True))
    build_project_manuals(named, tmp_path / "ops", editions=(), sign_in_sheets=True, records=records, workers=2)
    text = pdftotext(tmp_path / f"ops/sessions/{FEBRUARY}/sign-in.pdf")
    names = roster()
    lines = re.findall(r"^[ \t]*(\d+)[ \t]+(\S.*?)[ \t]{2,}(E\d{4})[ \t]*$", text, re.M)
    assert lines == [(str(n), names[id], id) for n, id in enumerate(["E1001", "E1009", "E1011", "E1012"], 1)]


def test_a_sheet_is_rendered_again_when_its_learners_change_and_the_others_come_from_the_cache(org):
    root, _, first = org
    with open(root / "records/enrolments/onboarding.csv", "a", encoding="utf-8") as out:
        out.write("E1007,February 2027 intake,enrolled,2026-11-22\n")
    project, records = load(root)
    again = build_project_manuals(project, root / "ops2", editions=(), sign_in_sheets=True, records=records, workers=2)
    rendered = sorted(r.docs_path for r in again if r.status == "rendered")
    assert rendered == ["sessions/onb-2027-02-01/sign-in.pdf", f"sessions/{FEBRUARY}/sign-in.pdf"]
    assert len(again) == len(first) and {r.status for r in again} == {"rendered", "cached"}
    assert "E1007" in pdftotext(root / f"ops2/sessions/{FEBRUARY}/sign-in.pdf")


def test_the_records_are_read_for_the_sheets_only_when_there_are_any(tmp_path):
    root = copy_example(tmp_path / "org")
    project, _ = load(root)
    warned: list[str] = []
    assert sign_in_records(project, tmp_path / "ops", None, warned.append) is None
    shutil.copytree(REPO / "records", root / "records")
    (root / "records/enrolments/onboarding.csv").write_text("learner,cohort,status\nE1001,x,enroled\n")
    records = sign_in_records(project, tmp_path / "ops", None, warned.append)
    assert records is not None and records.enrolments["onboarding"] == ()
    assert warned == [
        "the records have 1 error ('trainops check' lists them): the sign-in sheets list the enrolments that "
        "could be read"
    ]
