"""Benchmark: the least time the five-year report's inputs and largest output take in plain
Python, beside ``trainops report`` on the same organisation in the same run.

    python bench/report_floor.py ORG --today DAY [--skip-report]

ORG is the organisation ``python bench/report.py --keep DIR`` leaves in ``DIR/org`` (five
years: 100,000 sessions in six schedule files, 100,601 records files, 2,000,000 attendance rows).
The floor is what any report of those files must do before it works anything out, each step done
the quickest way the standard library and PyYAML offer, with nothing checked, kept or located:

- list the records folder (``os.scandir``) and read every file's bytes;
- parse every records file with ``csv.reader`` into lists;
- compose the schedule files (those the project's settings name) with PyYAML's C parser
  (``yaml.compose``, ``CSafeLoader``): the nodes carry the lines every diagnostic names, so a
  loader that reports a place needs them;
  ``yaml.load`` with the same loader, which makes plain values without lines, is timed beside it;
- write as many rows as the report's ``transcripts.csv`` holds (11 short text cells each) with
  ``",".join`` into one file: the transcripts alone, not the follow-ups or the 400 manager reports.

Left out, so the floor is a little low: the other files the project's load reads (at five years
300 program files, 1,500 SOPs and people.yaml, a few megabytes).

``trainops report`` is run first, cold (``.trainops-cache`` and ``reports/`` removed), in its own
process (bench/records.py's ``timed``: its peak RSS in MiB, ``ru_maxrss`` / 1,024); its
``transcripts.csv`` gives the row count. If the floor is above the report's target, no tuning of
the report reaches it.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from records import timed  # noqa: E402
from trainops.load.settings import read_settings, schedule_files  # noqa: E402

TARGET_COLD_S = 20.0


def lap(what: str, started: float, laps: list[tuple[str, float]]) -> float:
    now = time.perf_counter()
    laps.append((what, now - started))
    print(f"  {what:<58} {now - started:6.2f} s", flush=True)
    return now


def files_below(folder: str) -> list[str]:
    found, below = [], [folder]
    while below:
        for entry in os.scandir(below.pop()):
            if entry.is_dir(follow_symlinks=False):
                below.append(entry.path)
            elif entry.is_file():
                found.append(entry.path)
    return sorted(found)


def floor(org: Path, rows_out: int) -> list[tuple[str, float]]:
    """Each step's seconds, the cycle collector off (as trainops keeps it off while it loads and
    reports: with it on, composing the schedules took half as long again)."""
    gc.disable()
    laps: list[tuple[str, float]] = []
    t = time.perf_counter()
    paths = files_below(str(org / "records"))
    t = lap(f"list the records folder ({len(paths):,} files)", t, laps)
    blobs = []
    for path in paths:
        with open(path, "rb") as f:
            blobs.append(f.read())
    t = lap(f"read their bytes ({sum(map(len, blobs)) / 1e6:.0f} MB)", t, laps)
    count = 0
    for blob in blobs:
        count += len(list(csv.reader(io.StringIO(blob.decode("utf-8")))))
    del blobs
    t = lap(f"csv.reader over every records file ({count:,} rows)", t, laps)
    settings, _ = read_settings(org)
    schedules = [org / rel for rel in schedule_files(org, settings) if rel.endswith((".yaml", ".yml"))]
    if not schedules:
        sys.exit(f"{org}: no YAML schedule file: the floor would leave out the schedule")
    for schedule in schedules:
        yaml.compose(schedule.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    t = lap(f"yaml.compose (CSafeLoader) of {len(schedules)} schedule files", t, laps)
    for schedule in schedules:
        yaml.load(schedule.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    t = lap("  (beside: yaml.load (CSafeLoader), not counted)", t, laps)
    cells = (
        "E-00001",
        "Learner 00001",
        "2027-03-04",
        "attendance",
        "program-0001",
        "s-001234",
        "present",
        "90 min",
        "records/attendance/2027/s-001234.csv:14",
        "2031-11-26",
        "working tree",
    )
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "t.csv", "w", encoding="utf-8") as out:
        write = out.write
        for _ in range(rows_out):
            write(",".join(cells) + "\n")
        out.flush()
        lap(f'",".join of {rows_out:,} rows of 11 cells into a file', t, laps)  # (not its removal)
    return laps


def run_report(org: Path, today: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of a cold ``trainops report``."""
    shutil.rmtree(org / ".trainops-cache", ignore_errors=True)
    shutil.rmtree(org / "reports", ignore_errors=True)
    seconds, rss, _ = timed(["report", "--project", str(org), "--today", today])
    return seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org", type=Path)
    parser.add_argument("--today", required=True)
    parser.add_argument("--skip-report", action="store_true", help="the floor alone (reports/ must hold a report)")
    args = parser.parse_args()
    org = args.org.resolve()
    if not args.skip_report:
        wall, peak = run_report(org, args.today)
        print(f"trainops report, cold: {wall:.2f} s, peak RSS {peak} MiB (target {TARGET_COLD_S:g} s)", flush=True)
    with open(org / "reports" / "transcripts.csv", "rb") as f:
        rows_out = sum(1 for _ in f) - 1  # (its header)
    print("floor (plain Python, nothing checked or worked out):", flush=True)
    laps = floor(org, rows_out)
    total = sum(seconds for what, seconds in laps if not what.startswith("  "))
    print(f"floor in all: {total:.2f} s (target for the whole report {TARGET_COLD_S:g} s)")


if __name__ == "__main__":
    main()
