"""The go-live fixture of :mod:`tests.plan.alternatives` written as records files, with feedback,
manager observations and a completion target: the fixture of the status page's tests, with its
known answers at TODAY (2026-11-23).

Beyond alternatives.py's stories: completion.target is 90%; the New York Day 2 of 9 Nov has six
feedback answers to "useful" (5 numbers: 5, 4, 5, 3, 4 and one blank), "pace" (3, 3, 4, 4, 2, 3)
and a comment column; n01 (completed 10 Nov) was observed at work on 20 Nov, within 60 days; n02
(completed 20 Nov) was observed on 1 Nov, before completing, which does not count. (The
unapproved waiver of n03 is left out: this fixture is built with ``trainops build``, which stops
at an error.)
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from trainops.load.loading import load_project
from trainops.model.project import Project
from trainops.model.training_records import Records

from .alternatives import DEC, FILES, NOV, TODAY, enrolment, sheet, write_files
from .alternatives import PROGRAM as WITH_PARTS

PROGRAM = FILES["programs/go-live.yaml"].replace("completion: {due: 14d}", "completion: {due: 14d, target: 90%}")
assert "target: 90%" in PROGRAM

RECORDS = {
    "records/enrolments/go-live.csv": f"""\
learner,cohort,status,date
n01,{NOV},enrolled,2026-10-01
n02,{NOV},enrolled,2026-10-01
n03,{NOV},enrolled,2026-10-01
n04,{NOV},enrolled,2026-10-01
n05,{NOV},enrolled,2026-10-01
n06,{NOV},withdrawn,2026-10-01
n07,{NOV},enrolled,2026-10-01
n08,{NOV},enrolled,2026-10-01
n09,d2-nyc-nov,enrolled,2026-10-01
n10,{NOV},waitlisted,2026-10-01
d01,{DEC},enrolled,2026-10-01
d02,december  INTAKE,enrolled,2026-10-01
""",
    "records/attendance/2026/d1-nyc-nov.csv": (
        "learner,status,minutes,note\nn01,present,,\nn03,absent,,\nn05,absent,,\nn09,present,,\n"
    ),
    "records/attendance/2026/d1-ldn-nov.csv": "learner,status,minutes,note\nn02,late,,\nn08,absent,,\n",
    "records/attendance/2026/d1-tyo-nov.csv": "learner,status,minutes,note\nn04,present,,\nn05,present,,\n",
    "records/attendance/2026/d2-nyc-nov.csv": (
        "learner,status,minutes,note\nn01,present,,\nn02,present,,\nn03,present,,\nn04,present,,\nn05,present,,\n"
        "n08,absent,,\n"
    ),
    "records/attendance/2026/d2-ldn-nov.csv": "learner,status,minutes,note\nn08,,,\n",
    "records/assessments/go-live.csv": (
        "learner,date,attempt,score\nn01,2026-11-10,1,85\nn02,2026-11-12,1,70\nn02,2026-11-20,2,90\n"
        "n04,2026-11-10,1,60\nn05,2026-11-10,1,95\n"
    ),
    "records/observations/go-live.csv": (
        "learner,date,observer,rating,note\nn01,2026-11-20,ana.ruiz,4,places orders alone\n"
        "n02,2026-11-01,ben.cole,2,before the training\n"
    ),
    "records/feedback/d2-nyc-nov.csv": (
        "useful,pace,comment\n5,3,clear\n4,3,\n5,4,more examples\n3,4,\n4,2,too fast\n,3,\n"
    ),
    "records/exceptions.yaml": """\
- {learner: n07, program: go-live, kind: waived, reason: tested-out, approved_by: ana.ruiz}
- {learner: n09, program: go-live, kind: extended, reason: administrative, approved_by: ana.ruiz, until: 2026-12-15}
""",
}

FIXTURE = {**FILES, "programs/go-live.yaml": PROGRAM, **RECORDS}


def write_fixture(root: Path) -> Path:
    write_files(root, FIXTURE)
    return root


def load(root: Path) -> Project:
    write_fixture(root)
    project, diagnostics = load_project(root, today=TODAY)
    errors = [d.as_text() for d in diagnostics if d.severity == "error"]
    assert not errors, errors
    return project


# A program without parts run every week, each run a cohort of its own (its learners enrolled by
# the run's id), as a large organisation's are: 20 Mondays from 7 September 2026, the first 11
# over by TODAY (23 November, a session that day is still ahead). Five learners a run; at each run
# that is over, four present and the fifth absent. Known answers: every cohort has its own session
# only; 44 of the 55 learners who have had their session attended it; nobody has had the last 9.
WEEKLY = [(f"w{n:02d}", date(2026, 9, 7) + timedelta(weeks=n)) for n in range(20)]
WEEKLY_OVER = 11


def weekly_without_parts(root: Path, today: date = TODAY) -> tuple[Project, Records]:
    """The project at ``today`` and the records (every run's sheet up to WEEKLY_OVER's)."""
    schedule = "timezone: America/New_York\nsessions:\n" + "".join(
        f"  - {{program: go-live, id: {sid}, title: Week {sid}, start: {day.isoformat()} 09:00, duration: 3h, "
        "room: Room 1, instructor: ana.ruiz}\n"
        for sid, day in WEEKLY
    )
    program = WITH_PARTS.replace("parts: [day-1, day-2]\n", "")
    assert "parts" not in program
    write_files(root, {**FILES, "programs/go-live.yaml": program, "programs/schedule.yaml": schedule})
    project, diagnostics = load_project(root, today=today)
    errors = [d.as_text() for d in diagnostics if d.severity == "error"]
    assert not errors, errors
    learners = {sid: [f"L{sid}{k}" for k in "abcde"] for sid, _ in WEEKLY}
    enrolled = tuple(enrolment("go-live", learner, sid) for sid, ids in learners.items() for learner in ids)
    sheets = {
        sid: sheet(sid, **dict.fromkeys(learners[sid][:4], "present"), **{learners[sid][4]: "absent"})
        for sid, _ in WEEKLY[:WEEKLY_OVER]
    }
    return project, Records(enrolments={"go-live": enrolled}, attendance=sheets)
