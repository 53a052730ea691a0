"""``trainops records new SESSION-ID``, through the command line, on the example organisation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY, copy_example
from trainops.cli import main
from trainops.load.records.files import read_attendance

HEADER = "learner,status,minutes,note\n"
FEBRUARY = "records/attendance/2027/onb-2027-02-02.csv"  # Day 2 of the 'February 2027 intake'


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "org")
    shutil.copytree(REPO / "records", root / "records")
    return root


def run(root: Path, *args: str) -> int:
    return main([*args, "--project", str(root), "--today", TODAY.isoformat()])


def enrol(root: Path, program: str, *rows: str) -> None:
    with open(root / f"records/enrolments/{program}.csv", "a", encoding="utf-8") as out:
        out.writelines(f"{row}\n" for row in rows)


def test_a_line_per_learner_enrolled_in_the_cohort_or_the_run_by_id_with_the_status_blank(org, capsys):
    enrol(
        org,
        "onboarding",
        "E1012,onb-2027-02-02,enrolled,2026-11-20",  # this run only
        "E1001,february  2027 INTAKE,enrolled,2026-11-20",  # the cohort, spaces and case aside
        "E1010,onb-2027-02-01,enrolled,2026-11-20",  # another run of the same cohort
        "E1008,February 2027 intake,enrolled,2026-11-01",
        "E1008,onb-2027-02-02,withdrawn,2026-11-21",  # the last row says withdrawn
    )
    assert run(org, "records", "new", "onb-2027-02-02") == 0
    out, err = capsys.readouterr()
    assert out == f"{FEBRUARY}\n", "the path written, alone on stdout"
    assert "4 enrolled learners, status blank" in err
    # E1006 is waitlisted for the cohort and E1002-E1005 were enrolled in the October run.
    expected = "E1001,,,\nE1009,,,\nE1011,,,\nE1012,,,\n"
    assert (org / FEBRUARY).read_text(encoding="utf-8") == HEADER + expected
    assert run(org, "check") == 0, "a file written ahead, with every status blank, is no mistake"


def test_never_overwrites_a_file_and_names_it(org, capsys):
    sheet = org / "records/attendance/2026/onb-2026-10-06.csv"
    before = sheet.read_bytes()
    assert run(org, "records", "new", "onb-2026-10-06") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "trainops: records/attendance/2026/onb-2026-10-06.csv exists already and may hold attendance; "
        "nothing was written\n"
    )
    assert sheet.read_bytes() == before
    # Written once, refused the second time.
    assert run(org, "records", "new", "onb-2027-02-02") == 0
    (org / FEBRUARY).write_text(HEADER + "E1009,present,,\n", encoding="utf-8")
    assert run(org, "records", "new", "onb-2027-02-02") == 1
    assert (org / FEBRUARY).read_text(encoding="utf-8") == HEADER + "E1009,present,,\n"


def test_without_enrolments_the_numbered_lines_of_the_sign_in_sheet(org, capsys):
    assert run(org, "records", "new", "onb-2026-12-01") == 0  # capacity 20, no one enrolled in it
    rel = "records/attendance/2026/onb-2026-12-01.csv"
    assert capsys.readouterr().out == f"{rel}\n"
    text = (org / rel).read_text(encoding="utf-8")
    lines = [f"#{n}" for n in range(1, 21)] + ["#W1", "#W2", "#W3"]
    assert text == HEADER + "".join(f"{line},,,\n" for line in lines)
    # Read back: no learner yet; typing an id over a line makes it a row at that line.
    rows, problems = read_attendance("onb-2026-12-01", rel, text)
    assert (rows, problems) == ((), [])
    typed = text.replace("#2,,,", "E1002,present,150,").replace("#W1,,,", "E1012,late,100,")
    rows, problems = read_attendance("onb-2026-12-01", rel, typed)
    assert [(r.learner, r.status, r.line) for r in rows] == [("E1002", "present", 3), ("E1012", "late", 22)]
    assert problems == []


def test_the_year_folder_is_the_year_the_session_starts_in_its_own_zone(org, capsys):
    with open(org / "programs/schedule.yaml", "a", encoding="utf-8") as out:
        out.write(
            "\n  - program: onboarding\n    id: onb-2026-12-31\n    title: New Year's Eve shift\n"
            "    start: 2026-12-31 20:00\n    duration: 1h\n    timezone: America/Los_Angeles\n"
            "    room: LA Ops Lab\n    capacity: 2\n"
        )  # 04:00 on 1 January 2027 in UTC
    assert run(org, "records", "new", "onb-2026-12-31") == 0
    rel = "records/attendance/2026/onb-2026-12-31.csv"
    assert capsys.readouterr().out == f"{rel}\n"
    assert (org / rel).read_text(encoding="utf-8") == HEADER + "#1,,,\n#2,,,\n#W1,,,\n#W2,,,\n#W3,,,\n"


def test_an_unknown_session_is_one_line_with_the_nearest_id_and_writes_nothing(org, capsys):
    assert run(org, "records", "new", "onb-2027-02-2") == 1
    assert capsys.readouterr().err == (
        "trainops: no session 'onb-2027-02-2' in the schedule — did you mean 'onb-2027-02-02'?\n"
    )
    assert not (org / "records/attendance/2027").exists()


def test_a_cancelled_session_is_refused(org, capsys):
    assert run(org, "records", "new", "comp-2027-02-16") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "session 'comp-2027-02-16' is cancelled in the schedule" in err
    assert not (org / "records/attendance/2027").exists()


def test_enrolments_with_errors_are_listed_and_nothing_is_written(org, capsys):
    enrol(org, "onboarding", "E1012,February 2027 intake,enroled,2026-11-20")
    assert run(org, "records", "new", "onb-2027-02-02") == 1
    out, err = capsys.readouterr()
    assert out.startswith("records/enrolments/onboarding.csv:10:")
    assert "did you mean 'enrolled'?" in out
    assert err == (
        "trainops: records/enrolments/onboarding.csv has errors (listed above); "
        "records/attendance/2027/onb-2027-02-02.csv was not written\n"
    )
    assert not (org / FEBRUARY).exists()


def test_a_year_folder_linked_out_of_the_repository_is_never_written_through(org, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (org / "records/attendance/2027").symlink_to(elsewhere, target_is_directory=True)
    assert run(org, "records", "new", "onb-2027-02-02") == 1
    assert capsys.readouterr().err == (
        f"trainops: {FEBRUARY}: its folder leads outside the records folder records; nothing was written\n"
    )
    assert list(elsewhere.iterdir()) == []
