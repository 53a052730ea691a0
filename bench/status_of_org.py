"""Benchmark: the completion status values (``program_status``) of every program of an organisation
already on disk, such as the one ``python bench/report.py --years 5 --keep DIR`` leaves in
``DIR/org`` (300 programs without parts, 100,000 weekly runs each its own cohort, 2,000,000
attendance rows).

    python bench/status_of_org.py ORG DAY [--runs 3]

Loads the project and its records once (the cache of an earlier run helps), works out each
program's progress, then times ``program_status`` for every program with enrolments, ``--runs``
times, in this process (the collector frozen after the load, as the CLI does). To compare two
codes, run it with ``PYTHONPATH=<a copy>/generator`` for each: the figures are in-process seconds
of the same work.
"""

from __future__ import annotations

import argparse
import gc
import time
from datetime import date
from pathlib import Path

from trainops.load.loading import load_project
from trainops.load.records import load_records
from trainops.plan.program_status import program_status
from trainops.plan.progress import program_progress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("org", type=Path)
    parser.add_argument("day", type=date.fromisoformat)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project, _ = load_project(args.org, today=args.day)
    records, _ = load_records(args.org, project.settings, project, None, None)
    slugs = [slug for slug in sorted(project.programs) if slug in records.enrolments]
    progress = {slug: program_progress(project, records, slug) for slug in slugs}
    gc.freeze()
    for _ in range(args.runs):
        start = time.perf_counter()
        for slug in slugs:
            program_status(project, records, progress[slug])
        print(f"program_status of {len(slugs)} programs: {time.perf_counter() - start:.2f} s", flush=True)


if __name__ == "__main__":
    main()
