"""Completion, passing and lateness of a program's learners, on the go-live fixture with
alternatives in three cities (tests/plan/alternatives.py tells each learner's story)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trainops.model.training_records import Records
from trainops.plan.progress import expected_sessions, program_progress

from .alternatives import FILES, NOV, enrolment, exception, load, records, sheet


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("go-live"))


@pytest.fixture(scope="module")
def progress(project):
    return program_progress(project, records(), "go-live")


def by_learner(progress):
    return {p.learner: p for p in progress.learners}


def test_runs_of_a_part_are_its_alternatives_in_every_city(project):
    day_1 = [s.id for s in project.runs_of("go-live", "day-1")]
    assert day_1 == ["d1-nyc-nov", "d1-ldn-nov", "d1-tyo-nov", "d1-nyc-dec", "d1-tyo-dec"]
    assert project.parts_of("go-live") == ["day-1", "day-2"]
    session = next(s for s in project.sessions if s.id == "d1-tyo-nov")
    assert project.part_of(session) == "day-1"


def test_program_counts(progress):
    assert (progress.enrolled, progress.completed, progress.passed, progress.late, progress.waived) == (10, 4, 3, 4, 1)


def test_withdrawn_and_waitlisted_learners_are_not_counted(progress):
    assert sorted(by_learner(progress)) == ["d01", "d02", "n01", "n02", "n03", "n04", "n05", "n07", "n08", "n09"]


def test_each_learner_standing(progress):
    got = {
        p.learner: (p.completed, p.passed, p.late, p.completed_on, p.due, p.missing, p.best_score)
        for p in progress.learners
    }
    d = date
    assert got == {
        "n01": (True, True, False, d(2026, 11, 10), d(2026, 11, 16), (), 85),
        # passed on the second attempt, three days after the due date
        "n02": (True, True, True, d(2026, 11, 20), d(2026, 11, 17), (), 90),
        "n03": (False, False, True, None, d(2026, 11, 16), ("day-1",), None),
        # attended both parts but did not pass: not completed (completed and passed kept apart)
        "n04": (False, False, True, None, d(2026, 11, 18), (), 60),
        "n05": (True, True, False, d(2026, 11, 10), d(2026, 11, 16), (), 95),
        "n07": (True, False, False, None, d(2026, 11, 16), ("day-1", "day-2"), None),
        "n08": (False, False, True, None, d(2026, 11, 17), ("day-1", "day-2"), None),
        "n09": (False, False, False, None, d(2026, 12, 15), ("day-2",), None),
        "d01": (False, False, False, None, d(2026, 12, 14), ("day-1", "day-2"), None),
        "d02": (False, False, False, None, d(2026, 12, 14), ("day-1", "day-2"), None),
    }


def test_any_run_of_a_part_counts_and_the_first_attended_is_kept(progress):
    learners = by_learner(progress)
    assert learners["n05"].attended == {"day-1": "d1-tyo-nov", "day-2": "d2-nyc-nov"}
    assert learners["n02"].attended == {"day-1": "d1-ldn-nov", "day-2": "d2-nyc-nov"}  # late counts


def test_the_first_session_is_the_learners_own_else_their_cohorts(progress):
    learners = by_learner(progress)
    assert learners["n04"].first_session == date(2026, 11, 4)  # Tokyo, the learner's own run
    assert learners["n07"].first_session == date(2026, 11, 2)  # no sheet: the cohort's first
    # the December intake's first run that goes ahead (the cancelled Tokyo run is not one)
    assert learners["d02"].first_session == date(2026, 11, 30)


def test_exceptions_waive_or_extend_only_when_approved(progress):
    learners = by_learner(progress)
    assert learners["n07"].waived is not None and learners["n07"].completed
    assert learners["n09"].extended is not None and learners["n09"].due == date(2026, 12, 15)
    assert learners["n03"].waived is None and not learners["n03"].completed


def test_a_sheet_taken_without_an_expected_learner_counts_them_absent(progress):
    assert by_learner(progress)["n09"].sessions == (("d1-nyc-nov", "present"), ("d2-nyc-nov", "absent"))


def test_expected_sessions_with_parts_are_a_runs_id_or_the_one_run_of_a_part_in_the_cohort(project, tmp_path):
    assert [s.id for s in expected_sessions(project, "go-live", NOV)] == []  # three of each part
    assert [s.id for s in expected_sessions(project, "go-live", "d1-ldn-nov")] == ["d1-ldn-nov"]
    # the December intake has one Day 1 going ahead (Tokyo is cancelled) and one Day 2
    assert [s.id for s in expected_sessions(project, "go-live", "December intake")] == ["d1-nyc-dec", "d2-nyc-dec"]


def test_a_program_without_parts_needs_every_session_of_the_cohort(tmp_path):
    files = dict(FILES)
    files["programs/go-live.yaml"] = FILES["programs/go-live.yaml"].replace("parts: [day-1, day-2]\n", "")
    files["programs/schedule.yaml"] = "\n".join(
        line for line in FILES["programs/schedule.yaml"].splitlines() if "part:" not in line
    )
    project = load(tmp_path, files)
    kept = records()
    # n05's Tokyo Day 1 does not stand in for the New York one without parts: each session is a part
    progress = program_progress(project, kept, "go-live")
    n05 = by_learner(progress)["n05"]
    assert not n05.completed and "d1-nyc-nov" in n05.missing and "d1-tyo-nov" in n05.attended
    assert project.part_of(next(s for s in project.sessions if s.id == "d1-tyo-nov")) == "d1-tyo-nov"


def test_without_a_cohort_the_learner_needs_the_sessions_their_sheets_name(project):
    kept = Records(
        enrolments={"go-live": (enrolment("go-live", "x01", ""),)},
        attendance={"d1-ldn-nov": sheet("d1-ldn-nov", x01="present")},
        assessments={},
    )
    x01 = program_progress(project, kept, "go-live").learners[0]
    # parts still decide: Day 2 is missing, and no assessment was taken
    assert (x01.missing, x01.first_session, x01.completed) == (("day-2",), date(2026, 11, 3), False)


def test_a_program_without_an_assessment_has_passed_none(project):
    no_assessment = project.programs["go-live"].data.model_copy(update={"assessment": None})
    programs = {**project.programs, "go-live": replace(project.programs["go-live"], data=no_assessment)}
    changed = replace(project, programs=programs)
    learners = by_learner(program_progress(changed, records(), "go-live"))
    assert learners["n04"].passed is None and learners["n04"].completed  # both parts attended
    assert learners["n01"].completed_on == date(2026, 11, 9)  # the last part's day, no pass date


def test_an_unapproved_extension_does_not_move_the_due_date(project):
    kept = records()
    kept = replace(kept, exceptions=(exception("n09", "extended", until=date(2026, 12, 15), approved_by=""),))
    assert by_learner(program_progress(project, kept, "go-live"))["n09"].due == date(2026, 11, 16)
