"""The consumers of a program's progress work on its groups of learners who stand alike
(plan/progress.py's ``groups``) and give what they give with every learner a group of their own.

The fixture is the status page's (tests/plan/status_fixture.py) with two twins of each learner:
enrolled in the same cohort, on the same sheets with the same statuses, observed on the same days,
and a roster naming one manager for them all. Twins have no score or exception of their own, so
the twins of one learner (and the learners without a score or exception and their twins) stand
alike: groups of three. Once as it is, once without the assessment (its results too), so that
learners who completed stand alike as well."""

from __future__ import annotations

from datetime import date

import pytest

from trainops.load.loading import load_project
from trainops.load.records import load_records
from trainops.model.record_audit import SignificantChange
from trainops.plan.completions import completion_dates
from trainops.plan.followups import program_follow_ups
from trainops.plan.manager_reports import manager_reports
from trainops.plan.program_status import program_status
from trainops.plan.progress import ProgramProgress, program_progress
from trainops.plan.record_messages import record_messages
from trainops.plan.retrain import retrain_due
from trainops.plan.transcripts import transcript_rows

from .alternatives import TODAY
from .status_fixture import write_fixture

SLUG = "go-live"
TWINS = ("-a", "-b")
ASSESSMENT = "assessment: {name: Go-live check, pass_mark: 80}\n"


def with_twins(text: str) -> str:
    """A records CSV with every learner's rows followed by their twins' (the same values)."""
    header, *rows = text.splitlines()
    out = [header]
    for row in rows:
        learner, rest = row.split(",", 1)
        out += [row, *(f"{learner}{twin},{rest}" for twin in TWINS)]
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module", params=["assessed", "attendance only"])
def fixture(tmp_path_factory, request):
    root = write_fixture(tmp_path_factory.mktemp("alike"))
    if request.param == "attendance only":
        program = root / "programs" / f"{SLUG}.yaml"
        text = program.read_text(encoding="utf-8")
        assert ASSESSMENT in text
        program.write_text(text.replace(ASSESSMENT, ""), encoding="utf-8")
        (root / "records" / "assessments" / f"{SLUG}.csv").unlink()
    folders = ("enrolments", "attendance", "observations")
    for path in (root / "records").rglob("*.csv"):
        if path.relative_to(root / "records").parts[0] in folders:
            path.write_text(with_twins(path.read_text(encoding="utf-8")), encoding="utf-8")
    enrolments = (root / "records" / "enrolments" / f"{SLUG}.csv").read_text(encoding="utf-8")
    enrolled = [line.split(",", 1)[0] for line in enrolments.splitlines()[1:]]
    roster = ["learner,name,email,manager,unit,location"]
    roster += [f"{i},Learner {i},{i}@example.com,mgr,Ops,Boston" for i in enrolled]
    (root / "records/learners.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    project, diagnostics = load_project(root, today=TODAY)
    assert [d.as_text() for d in diagnostics if d.severity == "error"] == []
    records, problems = load_records(root, project.settings, project, None, None)
    assert [d.as_text() for d in problems] == []
    return project, records


@pytest.fixture(scope="module")
def grouped(fixture):
    project, records = fixture
    return program_progress(project, records, SLUG)


@pytest.fixture(scope="module")
def one_each(grouped):
    """The same standings with every learner a group of their own."""
    return ProgramProgress(SLUG, tuple((p, (p.learner,)) for p in grouped.learners))


def test_the_fixture_has_groups_of_several_learners(grouped):
    sizes = sorted(len(ids) for _, ids in grouped.groups)
    assert sizes.count(3) >= 4 and len(grouped.learners) == 30
    assert [p.learner for p in grouped.learners[:3]] == ["d01", "d01-a", "d01-b"]


def test_program_status(fixture, grouped, one_each):
    project, records = fixture
    by_groups, by_learner = program_status(project, records, grouped), program_status(project, records, one_each)
    assert by_groups == by_learner
    total = by_groups.total
    assert total.enrolled == 30 and total.attendance.n == 45
    if project.programs[SLUG].data.assessment is None:
        # n01 n02 n04 n05 and their twins by attending, n07 by its waiver; n01 and its twins were
        # observed within the window (n02's observation came before completing)
        assert (total.completed.count, total.observed.count, total.observed.n) == (13, 3, 3)
    else:
        assert (total.completed.count, total.observed.count, total.observed.n) == (4, 1, 1)


def test_completion_dates(fixture, grouped, one_each):
    project, records = fixture
    found = completion_dates(project, records, grouped)
    assert found == completion_dates(project, records, one_each)
    twins_complete = project.programs[SLUG].data.assessment is None  # (else they have no pass)
    assert [found.get(f"n01{twin}") for twin in TWINS] == ([found["n01"]] * 2 if twins_complete else [None, None])


def test_transcripts(fixture, grouped, one_each):
    project, records = fixture
    rows = list(transcript_rows(project, records, {SLUG: grouped}))
    assert rows == list(transcript_rows(project, records, {SLUG: one_each}))
    unlisted = [r.learner for r in rows if r.detail == "not on the sheet"]
    assert unlisted == ["n09", "n09-a", "n09-b"]  # (absent from the sheet of their own run)


def test_retrain_due(fixture, grouped, one_each):
    project, records = fixture
    path = project.programs[SLUG].path
    changes = [SignificantChange(date(2026, 11, 22), "c" * 40, "ccccccc", "A new rule", path, "trailer")]
    due = retrain_due(project, records, changes, {SLUG: grouped})
    assert due == retrain_due(project, records, changes, {SLUG: one_each})
    assert [d.learner for d in due[SLUG]] == sorted(d.learner for d in due[SLUG])
    assert "n01" in {d.learner for d in due[SLUG]}


def test_manager_reports_and_messages(fixture, grouped, one_each):
    project, records = fixture
    items = program_follow_ups(project, records, SLUG, grouped)
    assert items == program_follow_ups(project, records, SLUG, one_each)
    reports = list(manager_reports(project, records, {SLUG: grouped}, items))
    assert reports == list(manager_reports(project, records, {SLUG: one_each}, items))
    people = {p.learner: p for p in reports[0].people}
    assert people["n03-a"].programs[0].missed == people["n03"].programs[0].missed != ()
    messages = record_messages(project, items, grouped)
    assert messages == record_messages(project, items, one_each)
    assert any(len(m.recipients or ()) >= 3 for m in messages)
