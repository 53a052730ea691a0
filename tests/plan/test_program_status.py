"""A program's completion status and metrics (plan/program_status.py) on the records files of
tests/plan/status_fixture.py, whose stories give the known answers; and the small-group rule."""

from __future__ import annotations

import pytest

from trainops.load.records import load_records
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.rates import FEWER, MIN_GROUP, Mean, Rate, spread_of

from .status_fixture import load


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    root = tmp_path_factory.mktemp("status")
    project = load(root)
    records, problems = load_records(root, project.settings, project, None, None)
    assert [d.as_text() for d in problems] == []
    return coordinator_records(project, records, names=False)


@pytest.fixture(scope="module")
def status(shown):
    return shown.status["go-live"]


def counts(group):
    return {
        "enrolled": group.enrolled,
        "parts": {part: (r.count, r.n) for part, r in group.parts},
        "passed": (group.passed.count, group.passed.n),
        "completed": (group.completed.count, group.completed.n),
        "late": (group.late.count, group.late.n),
        "waived": (group.waived.count, group.waived.n),
        "attendance": (group.attendance.count, group.attendance.n),
        "on_time": (group.on_time.count, group.on_time.n),
        "observed": (group.observed.count, group.observed.n),
    }


def test_the_program_counts_equal_the_fixtures(status):
    # 10 enrolled (n06 withdrawn and n10 waitlisted are not); completed n01 n02 n05 n07, passed
    # n01 n02 n05 (completed and passed apart: n07 is waived, n04 attended both parts and failed);
    # late n02 n03 n04 n08; 15 session rows of which 10 attended (n09 unlisted at its own run);
    # on time: n01 n05 n07 of the 7 whose due date has come (n09 is extended, d01 d02 ahead);
    # each part of those who have had it (d01 d02: December's runs are ahead; n07, on no sheet,
    # can still have day 2: Tokyo's run of 22 November ended yesterday, its sheet may be on its way).
    assert counts(status.total) == {
        "enrolled": 10,
        "parts": {"day-1": (5, 8), "day-2": (5, 7)},
        "passed": (3, 10),
        "completed": (4, 10),
        "late": (4, 10),
        "waived": (1, 10),
        "attendance": (10, 15),
        "on_time": (3, 7),
        "observed": (1, 1),
    }


def test_each_cohort_by_its_first_session(status):
    assert [(c.name, c.enrolled, c.completed.count) for c in status.cohorts] == [
        ("d2-nyc-nov", 1, 0),  # n09, booked onto one run by its id
        ("November intake", 7, 4),
        ("December intake", 2, 0),  # "december  INTAKE" is the same cohort
    ]
    november = status.cohorts[1]
    assert counts(november)["attendance"] == (9, 13)
    assert counts(november)["parts"] == {"day-1": (4, 7), "day-2": (5, 6)}
    # December's runs are ahead: nobody has attended or missed them yet (no "0 of 2")
    assert counts(status.cohorts[2])["parts"] == {"day-1": (0, 0), "day-2": (0, 0)}


def test_a_part_is_missed_once_a_run_of_it_is_over_or_a_sheet_marks_the_learner(status):
    missed = {p.learner: (status.missed(p), p.missing) for p in status.learners if p.missing}
    assert missed == {
        "d01": ((), ("day-1", "day-2")),  # December's runs are ahead: still to attend
        "d02": ((), ("day-1", "day-2")),
        "n03": (("day-1",), ("day-1",)),  # absent at New York's day 1
        # on no sheet: every November run of day 1 is over and its sheet in; Tokyo's day 2 of 22
        # November ended yesterday, its sheet not due yet (waived all the same)
        "n07": (("day-1",), ("day-1", "day-2")),
        "n08": (("day-1", "day-2"), ("day-1", "day-2")),  # absent at both
        "n09": (("day-2",), ("day-2",)),  # left off the sheet of its own run
    }


def test_completion_by_the_due_date_against_the_target(status):
    assert status.target == 90.0
    assert round(status.total.on_time.percent, 1) == 42.9
    assert status.on_target is False


def test_pass_rate_and_scores_of_four_learners_are_too_few_to_show(status):
    assert (status.pass_rate.count, status.pass_rate.n) == (3, 4)
    assert status.pass_rate.text == FEWER and status.pass_rate.percent is None
    assert status.scores.n == 4 and not status.scores.shown and status.scores.text == FEWER


def test_feedback_means_use_numeric_answers_only(status):
    assert [(q, m.n, m.text) for q, m in status.feedback] == [("useful", 5, "4.20"), ("pace", 6, "3.17")]


def test_an_observation_counts_within_the_window_after_completion_only(status):
    # n01: observed 10 days after completing; n02: observed before completing, window still open
    assert status.observation_within == "60 days"  # (the program gives no observation.within)
    assert counts(status.total)["observed"] == (1, 1)


def test_the_learners_rows_are_by_id_and_named_only_with_ops_names(shown, status):
    ids = ["d01", "d02", "n01", "n02", "n03", "n04", "n05", "n07", "n08", "n09"]
    assert [p.learner for p in status.learners] == ids
    assert shown.names == {}


def test_a_group_smaller_than_five_shows_no_rate_mean_or_spread():
    assert MIN_GROUP == 5
    assert (Rate(4, 4).text, Rate(4, 4).fraction) == (FEWER, None)
    assert (Rate(4, 5).text, Rate(4, 5).fraction) == ("80%", 0.8)
    assert Rate(0, 0).text == FEWER
    assert (Mean(16, 4, 5).text, Mean(16, 4, 5).fraction) == (FEWER, None)
    assert Mean(20, 5, 5).fraction == 0.8
    spread = spread_of([60, 70, 80, 90, 100])
    assert (spread.low, spread.q1, spread.median, spread.q3, spread.high) == (60, 70, 80, 90, 100)
    assert spread_of([60, 70, 80, 90]).text == FEWER


def test_a_target_without_its_percent_sign_is_an_error_at_its_line(tmp_path):
    from trainops.load.loading import load_project

    from .alternatives import FILES, TODAY, write_files
    from .status_fixture import PROGRAM

    write_files(tmp_path, {**FILES, "programs/go-live.yaml": PROGRAM.replace("90%", "0.9")})
    _, diagnostics = load_project(tmp_path, today=TODAY)
    errors = [d.as_text() for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith("programs/go-live.yaml:8:"), errors
    assert "'0.9' is not a percentage; write e.g. 90%" in errors[0]


def test_without_parts_each_cohort_counts_its_own_sessions(tmp_path):
    """Weekly runs of a program without parts, each a cohort (status_fixture.WEEKLY): a cohort's
    parts are its own session, not one of every session of the program (a table of cohorts by
    sessions, quadratic in the program's history), and nothing is counted for the runs ahead."""
    from trainops.plan.program_status import program_status
    from trainops.plan.progress import program_progress

    from .status_fixture import WEEKLY, WEEKLY_OVER, weekly_without_parts

    project, records = weekly_without_parts(tmp_path)
    status = program_status(project, records, program_progress(project, records, "go-live"))
    assert status.parts == () and status.total.parts == ()
    assert [c.name for c in status.cohorts] == [sid for sid, _ in WEEKLY]
    over = [sid for sid, _ in WEEKLY[:WEEKLY_OVER]]
    assert [(c.parts, c.attended_all) for c in status.cohorts] == [
        (((sid, Rate(4, 5)),), Rate(4, 5)) if sid in over else (((sid, Rate(0, 0)),), Rate(0, 0)) for sid, _ in WEEKLY
    ]
    assert status.total.attended_all == Rate(4 * WEEKLY_OVER, 5 * WEEKLY_OVER)
    absent = {p.learner: status.missed(p) for p in status.learners if p.missing}
    assert {learner: gone for learner, gone in absent.items() if gone} == {f"L{sid}e": (sid,) for sid in over}


def test_a_part_with_a_run_ahead_or_a_sheet_on_its_way_is_still_to_attend(tmp_path):
    """On 3 November (alternatives.py): New York's day 1 is over and its sheet in, London's is today
    and Tokyo's tomorrow. Only the learners New York's sheet marks absent have missed day 1; the
    others of the November intake can still come to a run. The follow-up list says the same."""
    from datetime import date

    from trainops.load.loading import load_project
    from trainops.model.training_records import Records
    from trainops.plan.followups import program_follow_ups
    from trainops.plan.program_status import program_status
    from trainops.plan.progress import program_progress

    from .alternatives import records
    from .status_fixture import write_fixture

    write_fixture(tmp_path)
    project, _ = load_project(tmp_path, today=date(2026, 11, 3))
    full = records()
    recs = Records(enrolments=full.enrolments, attendance={"d1-nyc-nov": full.attendance["d1-nyc-nov"]})
    progress = program_progress(project, recs, "go-live")
    status = program_status(project, recs, progress)
    missed = {p.learner: status.missed(p) for p in status.learners if p.missing}
    assert {learner: gone for learner, gone in missed.items() if gone} == {"n03": ("day-1",), "n05": ("day-1",)}
    november = next(c for c in status.cohorts if c.name == "November intake")
    assert counts(november)["parts"] == {"day-1": (1, 3), "day-2": (0, 0)}  # n01 of n01, n03, n05
    items = [i for i in program_follow_ups(project, recs, "go-live", progress) if i.kind == "missed-part"]
    assert [(i.session, i.learners) for i in items] == [("d1-nyc-nov", ("n03", "n05"))]


def test_a_run_over_whose_sheet_is_on_its_way_is_not_missed_yet(tmp_path):
    """The weekly runs on Tuesday 17 November: w10 (Monday) is over, its sheet not in and not due
    (a sheet is due two days after): nobody has missed it yet. By Wednesday it is due, and its
    learners have missed it until the sheet says otherwise."""
    from dataclasses import replace
    from datetime import date

    from trainops.plan.program_status import program_status
    from trainops.plan.progress import program_progress

    from .status_fixture import weekly_without_parts

    for day, w10 in ((date(2026, 11, 17), Rate(0, 0)), (date(2026, 11, 18), Rate(0, 5))):
        project, recs = weekly_without_parts(tmp_path / day.isoformat(), today=day)
        recs = replace(recs, attendance={k: v for k, v in recs.attendance.items() if k != "w10"})
        status = program_status(project, recs, program_progress(project, recs, "go-live"))
        assert next(c for c in status.cohorts if c.name == "w10").parts == (("w10", w10),)
