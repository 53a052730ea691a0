"""Benchmark: what the completion status pages add to the coordinator site's render.

    python bench/status_pages.py [--runs 3] [--seed 1]

On an organisation generated from ``--seed`` (20 programs, 2,000 sessions) with the records of
bench/records_rules.py (10,000 learners, each enrolled in 4 programs: about 2,000 a program, 20
rows on each session's sheet), the best of ``--runs`` runs, wall clock and CPU, of: the status
values of every program (``program_status``, given each program's progress, which the follow-ups
compute anyway); the coordinator site's pages rendered without the status pages; and with them.
Prints the share the status pages add and the largest status page (Markdown, before Material's
frame of about 25 KB).

With ``--build``, also writes the records as files (without records_rules' deliberate mistakes,
which would stop the build) and times ``trainops build --no-pdf`` of both sites with them and
without a records folder: what the records add to a build (the follow-ups and the status pages
together, so an upper bound of the status pages' share), and the largest page of ``ops/``.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_org import generate  # noqa: E402
from records_rules import LEARNERS, make_records  # noqa: E402
from trainops.load.loading import load_project  # noqa: E402
from trainops.model.training_records import Records  # noqa: E402
from trainops.plan.coordinator_records import coordinator_records  # noqa: E402
from trainops.plan.program_status import program_status  # noqa: E402
from trainops.plan.progress import program_progress  # noqa: E402
from trainops.plan.sites import COORDINATORS  # noqa: E402
from trainops.render.site import render_site  # noqa: E402


def best(runs: int, work) -> tuple[float, float, Any]:
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), min(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build", action="store_true", help="also time trainops build with and without the records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "org"
        generate(root, programs=20, sops=100, sessions=2_000, people=40, seed=args.seed)
        project, _ = load_project(root, today=date(2026, 11, 23))
        records = make_records(project, args.seed)
        time_renders(project, records, args.runs)
        if args.build:
            time_builds(root, records, args.runs)


def time_renders(project, records: Records, runs: int) -> None:
    progress = {slug: program_progress(project, records, slug) for slug in sorted(project.programs)}
    wall, cpu, _ = best(runs, lambda: [program_status(project, records, p) for p in progress.values()])
    print(f"{len(project.programs)} programs, {len(project.sessions)} sessions, {LEARNERS} learners")
    print(f"program_status, every program: {wall:.3f} s ({cpu:.3f} s CPU)")
    shown = coordinator_records(project, records, names=False)
    without = replace(shown, status={})
    w0, c0, _ = best(runs, lambda: render_site(project, site=COORDINATORS, records=without))
    w1, c1, pages = best(runs, lambda: render_site(project, site=COORDINATORS, records=shown))
    print(f"coordinator pages without status: {w0:.3f} s ({c0:.3f} s CPU); with: {w1:.3f} s ({c1:.3f} s CPU)")
    print(f"the status pages add {100 * (c1 + cpu - c0) / c0:.1f} % CPU to the coordinator render")
    status = [g for g in pages if g.docs_path.endswith("/status.md") or g.docs_path.startswith("status/")]
    largest = max(status, key=lambda g: len(g.content.encode()))
    size = len(largest.content.encode())
    print(f"{len(status)} status pages; the largest {largest.docs_path}: {size:,} bytes")


def write_records(root: Path, records: Records, sessions: dict[str, int]) -> None:
    """The records as files, without the mistakes records_rules adds (an unknown learner, a sheet
    of no session, a name in a note)."""
    folder = root / "records"
    roster = records.roster or {}
    folder.mkdir()
    with open(folder / "learners.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["learner", "name", "email", "manager", "unit", "location"])
        out.writerows([r.id, r.name, r.email, r.manager, r.unit, r.location] for r in roster.values())
    (folder / "enrolments").mkdir()
    for program, rows in records.enrolments.items():
        with open(folder / "enrolments" / f"{program}.csv", "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["learner", "cohort", "status", "date"])
            out.writerows([r.learner, r.cohort, r.status, ""] for r in rows)
    for sid, sheet in records.attendance.items():
        if sid not in sessions:
            continue
        path = folder / "attendance" / str(sessions[sid]) / f"{sid}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["learner", "status", "minutes", "note"])
            out.writerows(
                [r.learner, r.status, r.minutes if r.status else "", ""] for r in sheet.rows if r.learner in roster
            )


def time_builds(root: Path, records: Records, runs: int) -> None:
    project, _ = load_project(root, today=date(2026, 11, 23))
    command = [sys.executable, "-m", "trainops", "build", "--project", str(root), "--today", "2026-11-23"]
    command.append("--no-pdf")
    times = {}
    for label in ("without records", "with records"):
        if label == "with records":
            write_records(root, records, {s.id: s.start.year for s in project.sessions})
        took, cpu = [], []
        for _ in range(runs):
            start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            took.append(time.perf_counter() - start)
            # CPU of the build and its workers: what a shared machine's load does not inflate
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        times[label] = min(cpu)
        print(f"trainops build --no-pdf {label}: best {min(took):.2f} s, {min(cpu):.2f} s CPU, of {runs}")
    added = times["with records"] - times["without records"]
    print(f"the records (follow-ups and status pages) add {100 * added / times['without records']:.1f} % CPU to build")
    largest = max((root / "ops").rglob("*.html"), key=lambda p: p.stat().st_size)
    print(f"the largest page of ops/: {largest.relative_to(root)}, {largest.stat().st_size:,} bytes")
    shutil.rmtree(root / "records")


if __name__ == "__main__":
    main()
