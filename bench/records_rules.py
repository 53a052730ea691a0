"""Benchmark: the records rules across files (``trainops.readiness.records.record_diagnostics``).

    python bench/records_rules.py [--runs 3] [--seed 1]

On an organisation generated from ``--seed`` (300 programs, 20,000 sessions): a roster of 10,000
learners, each enrolled in 4 programs, an attendance file of 20 rows for every session (400,000
rows, a note on one in ten), 5,000 assessment results, and a handful of mistakes so the rules that
report are timed too. The records are made in memory (reading the CSV files is the reader's cost,
timed elsewhere): the figure is the rules alone, the best of ``--runs`` runs, wall clock and CPU.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_org import generate  # noqa: E402
from trainops.load.loading import load_project  # noqa: E402
from trainops.model.project import Project  # noqa: E402
from trainops.model.training_records import (  # noqa: E402
    AssessmentResult,
    Attendance,
    AttendanceSheet,
    Enrolment,
    Learner,
    Records,
)
from trainops.readiness.records import record_diagnostics  # noqa: E402

LEARNERS = 10_000
ROWS_PER_SESSION = 20
ASSESSMENTS = 5_000
STATUSES = ("present", "present", "present", "late", "absent", "excused")
NOTES = ("arrived after the break", "left for a call", "needs the large-print card", "")


def make_records(project: Project, seed: int) -> Records:
    rng = random.Random(seed)
    learners = [f"E{n:05d}" for n in range(LEARNERS)]
    roster = {
        lid: Learner(lid, f"Given{n} Family{n}", f"{lid.lower()}@example.com", "", "Ops", "HQ", "learners.csv", n + 2)
        for n, lid in enumerate(learners)
    }
    programs = sorted(project.programs)
    enrolled: dict[str, list[str]] = {p: [] for p in programs}
    for lid in learners:
        for program in rng.sample(programs, 4):
            enrolled[program].append(lid)
    enrolments = {
        p: tuple(
            Enrolment(p, lid, "", "enrolled", None, f"records/enrolments/{p}.csv", n + 2)
            for n, lid in enumerate(members)
        )
        for p, members in enrolled.items()
    }
    attendance = {}
    for session in project.sessions:
        path = f"records/attendance/{session.start.year}/{session.id}.csv"
        pool = enrolled[session.program] or learners
        chosen = rng.sample(pool, min(ROWS_PER_SESSION, len(pool)))
        # Taken for past sessions only (`records new` leaves the statuses blank ahead), within the seats.
        taken = session.start.date() <= project.today
        seats = session.entry.capacity or ROWS_PER_SESSION
        rows = tuple(
            Attendance(
                session.id, lid, _status(rng, taken, n < seats), 60, NOTES[n % 4] if n % 10 == 0 else "", path, n + 2
            )
            for n, lid in enumerate(chosen)
        )
        attendance[session.id] = AttendanceSheet(session.id, session.start.year, path, rows)
    # Mistakes: an unknown learner, a typo'd session file and a name in a note.
    first = project.sessions[0]
    bad = attendance[first.id]
    wrong_rows = (*bad.rows, Attendance(first.id, "E9999X", "present", 60, "Given7 Family7 came", bad.path, 99))
    attendance[first.id] = AttendanceSheet(first.id, bad.year, bad.path, wrong_rows)
    attendance[first.id + "x"] = AttendanceSheet(first.id + "x", bad.year, bad.path + "x", ())
    assessments: dict[str, list[AssessmentResult]] = {}
    for n in range(ASSESSMENTS):
        program = programs[n % len(programs)]
        row = AssessmentResult(program, learners[n], date(2026, 5, 1), 1, 70.0, f"records/assessments/{program}.csv", n)
        assessments.setdefault(program, []).append(row)
    return Records(
        roster=roster,
        roster_path="learners.csv",
        enrolments=enrolments,
        attendance=attendance,
        assessments={p: tuple(rows) for p, rows in assessments.items()},
    )


def _status(rng: random.Random, taken: bool, seated: bool) -> str:
    if not taken:
        return ""
    return rng.choice(STATUSES) if seated else "absent"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "org"
        generate(root, programs=300, sops=1500, sessions=20_000, people=150, seed=args.seed)
        project, _ = load_project(root, today=date(2026, 11, 23))
    records = make_records(project, args.seed)
    rows = sum(len(sheet.rows) for sheet in records.attendance.values())
    times, cpu = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = record_diagnostics(project, records)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)  # what a shared machine's load does not inflate
    print(f"{len(project.sessions)} sessions, {LEARNERS} learners, {rows} attendance rows, {ASSESSMENTS} assessments")
    best = f"best {min(times):.3f} s ({min(cpu):.3f} s CPU) of {args.runs}"
    print(f"record_diagnostics: {best}, {len(found)} diagnostics")


if __name__ == "__main__":
    main()
