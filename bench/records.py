"""Benchmark: ``trainops check`` of an organisation with a year of training records, and with five.

    python bench/records.py [--runs 3] [--seed 1] [--skip-five-years]

The organisation is ``bench/generate_org.py``'s at 300 programs, 1,500 SOPs and 20,000 sessions,
taught by 55 people so that the sessions fill one year (2026-12-01 to 2027-11-30), each with 20
seats. Its records, written here as plain CSV (quick even at 2,000,000 rows):
- a roster of 10,000 learners (``records/learners.csv``, with managers);
- 20,000 attendance files of 20 rows each (400,000 rows), one per session, in the folder of the
  session's year; mostly present, a few late, excused or absent;
- enrolments per program, each learner in the one run they attend (400,000 rows);
- 5,000 assessment rows.
``check`` runs on the day after the last session's two days of grace (2027-12-03), so every
session is past and has its sheet. Each figure is the median of ``--runs`` runs; peak RSS is the
child's own (``os.wait4``), the largest of the runs:
- without records (the folder moved aside) and with them, on the same organisation: cold (no
  ``.trainops-cache``) and warm (nothing changed);
- with records, after editing one attendance file (one status changed);
- five years: 100,000 sessions (2026-12-01 to 2031-11-23, the schedule one file a year in
  ``programs/schedule/``) and 2,000,000 attendance rows, warm (after one cold run, which is
  reported too).
Prints a Markdown table of the figures against the targets of the records issue.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_org import generate  # noqa: E402
from run import BIN, calibrate  # noqa: E402

PROGRAMS = 300
SESSIONS_A_YEAR = 20_000
PEOPLE = 55  # 20,000 sessions at one a day per instructor: 364 days
LEARNERS = 10_000
SEATS = 20
ASSESSMENT_ROWS = 5_000
# A status for each of 100 seats in turn: what a sign-in sheet of a healthy program looks like.
STATUSES = ["present"] * 94 + ["late"] * 3 + ["excused"] * 2 + ["absent"]

SESSION = re.compile(r"  - program: (\S+)\n    id: (\S+)\n(?:    .*\n)*?    start: (\d{4})-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class Session:
    program: str
    id: str
    day: date


def sessions_of(org: Path) -> list[Session]:
    """The generated schedule's sessions, read back from its text (generate_org writes it)."""
    text = (org / "programs" / "schedule.yaml").read_text(encoding="utf-8")
    return [Session(program, sid, date(int(y), int(m), int(d))) for program, sid, y, m, d in SESSION.findall(text)]


def learner_id(n: int) -> str:
    return f"E-{n % LEARNERS:05d}"


def write_records(org: Path, sessions: list[Session]) -> int:
    """The records of these sessions in ``org/records``; returns the number of attendance rows.

    Run r of program p seats the learners (p * stride + r * SEATS + i) for its seats i: a learner
    attends each program at most once, and about the same number of sessions as any other."""
    records = org / "records"
    shutil.rmtree(records, ignore_errors=True)
    runs: dict[str, list[Session]] = {}
    for session in sessions:
        runs.setdefault(session.program, []).append(session)
    stride = max(len(r) for r in runs.values()) * SEATS  # seats of the busiest program
    assert stride <= LEARNERS, "a learner would attend one program twice"
    _write_roster(records)
    enrolments = records / "enrolments"
    enrolments.mkdir(parents=True)
    rows = 0
    seated: dict[str, list[tuple[str, date]]] = {}  # program -> (learner, day) of each seat
    for p, program in enumerate(sorted(runs)):
        lines = ["learner,cohort,status,date"]
        for r, session in enumerate(runs[program]):
            folder = records / "attendance" / str(session.day.year)
            folder.mkdir(parents=True, exist_ok=True)
            sheet = ["learner,status,minutes,note"]
            for i in range(SEATS):
                learner = learner_id(p * stride + r * SEATS + i)
                status = STATUSES[(r * SEATS + i + p) % len(STATUSES)]
                sheet.append(f"{learner},{status},,")
                lines.append(f"{learner},{session.id},enrolled,{session.day - timedelta(days=21)}")
                seated.setdefault(program, []).append((learner, session.day))
            (folder / f"{session.id}.csv").write_text("\n".join(sheet) + "\n", encoding="utf-8")
            rows += SEATS
        (enrolments / f"{program}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_assessments(records, seated)
    return rows


def _write_roster(records: Path) -> None:
    lines = ["learner,name,email,manager,unit,location"]
    for n in range(LEARNERS):
        manager = learner_id(n - n % 25) if n % 25 else ""  # one in 25 leads the 24 after them
        name, email = f"Learner {n:05d}", f"learner.{n:05d}@example.com"
        lines.append(f"{learner_id(n)},{name},{email},{manager},Unit {n % 40},Site {n % 12}")
    records.mkdir(parents=True)
    (records / "learners.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_assessments(records: Path, seated: dict[str, list[tuple[str, date]]]) -> None:
    """ASSESSMENT_ROWS results, spread over the programs: the learners of their first seats, a
    week after their session; one in five below the generated programs' pass mark of 80."""
    folder = records / "assessments"
    folder.mkdir()
    programs = sorted(seated)
    per_program = ASSESSMENT_ROWS // len(programs)
    for k, program in enumerate(programs):
        lines = ["learner,date,attempt,score"]
        for j, (learner, day) in enumerate(seated[program][:per_program]):
            score = 60 + (j + k) % 20 if j % 5 == 0 else 80 + j % 21
            lines.append(f"{learner},{day + timedelta(days=7)},1,{score}")
        (folder / f"{program}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def split_schedule_by_year(org: Path) -> None:
    """``programs/schedule.yaml`` as one file a year in ``programs/schedule/``: five years of
    sessions (25 MB) are more than check reads from one file (20 MB), and a coordinator keeps a
    year a file anyway."""
    schedule = org / "programs" / "schedule.yaml"
    header, *blocks = re.split(r"(?m)^(?=  - program: )", schedule.read_text(encoding="utf-8"))
    years: dict[str, list[str]] = {}
    for block in blocks:
        found = re.search(r"start: (\d{4})-", block)
        assert found, block
        years.setdefault(found.group(1), []).append(block)
    (org / "programs" / "schedule").mkdir()
    for year, sessions in years.items():
        (org / "programs" / "schedule" / f"{year}.yaml").write_text(header + "".join(sessions), encoding="utf-8")
    schedule.unlink()


def organisation(org: Path, years: int, seed: int) -> tuple[str, int]:
    """Generate the organisation with ``years`` of sessions and their records; returns the day to
    check on (two days after the last session) and the number of attendance rows."""
    start = time.perf_counter()
    generate(org, PROGRAMS, 1500, SESSIONS_A_YEAR * years, PEOPLE, seed=seed, capacity=SEATS)
    sessions = sessions_of(org)
    assert len(sessions) == SESSIONS_A_YEAR * years, len(sessions)
    if years > 1:
        split_schedule_by_year(org)
    rows = write_records(org, sessions)
    today = max(s.day for s in sessions) + timedelta(days=3)
    seconds = time.perf_counter() - start
    print(f"generated {org.name}: {len(sessions)} sessions, {rows} attendance rows in {seconds:.1f} s")
    return today.isoformat(), rows


def timed(args: list[str], program: list[str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, the child's peak RSS in MB (its own rusage) and its output, of one ``trainops``
    command (``program``: what runs it instead of the installed ``trainops``); exit 0 or 1
    (findings) only."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        child = subprocess.Popen([*(program or [str(BIN / "trainops")]), *args], stdout=out, stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        text = out.read()
    if child.returncode not in (0, 1):
        raise SystemExit(f"trainops {' '.join(args)} failed ({child.returncode}):\n{text[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, text  # ru_maxrss is in KB on Linux


def check(org: Path, today: str) -> tuple[float, int, str]:
    """:func:`timed` of one ``check``, which must have printed its summary."""
    seconds, rss, text = timed(["check", "--project", str(org), "--today", today])
    if not re.search(r"\d+ errors?, \d+ warnings?", text):
        raise SystemExit(f"check of {org} printed no summary:\n{text[-3000:]}")
    return seconds, rss, text


def edit_one_sheet(org: Path, row: int = 1) -> None:
    """One status changed in one attendance file, as a coordinator correcting a sheet would: the
    ``row``-th row's (a later row each time gives bytes no earlier run saw)."""
    sheet = min((org / "records" / "attendance").glob("*/*.csv"))
    lines = sheet.read_text(encoding="utf-8").splitlines()
    learner, status, rest = lines[row].split(",", 2)
    lines[row] = ",".join((learner, "late" if status != "late" else "present", rest))
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(text: str) -> str:
    return re.findall(r"\d+ errors?, \d+ warnings?", text)[-1]


def measure_year(org: Path, today: str, runs: int) -> dict[str, list[tuple[float, int, str]]]:
    cache, records, aside = org / ".trainops-cache", org / "records", org / "records-aside"
    results: dict[str, list[tuple[float, int, str]]] = {}
    for _ in range(runs):
        records.rename(aside)
        shutil.rmtree(cache, ignore_errors=True)
        results.setdefault("without records, cold", []).append(check(org, today))
        results.setdefault("without records, warm", []).append(check(org, today))
        aside.rename(records)
        shutil.rmtree(cache, ignore_errors=True)
        results.setdefault("with records, cold", []).append(check(org, today))
        results.setdefault("with records, warm", []).append(check(org, today))
        edit_one_sheet(org)
        results.setdefault("with records, one attendance file edited", []).append(check(org, today))
    return results


def measure_five_years(org: Path, today: str, runs: int) -> dict[str, list[tuple[float, int, str]]]:
    shutil.rmtree(org / ".trainops-cache", ignore_errors=True)
    results = {"five years, cold": [check(org, today)]}
    results["five years, warm"] = [check(org, today) for _ in range(runs)]
    return results


def table(results: dict[str, list[tuple[float, int, str]]]) -> list[str]:
    med = {name: statistics.median(s for s, _, _ in values) for name, values in results.items()}
    rss = {name: max(r for _, r, _ in values) for name, values in results.items()}
    limits = {
        "with records, cold": (med.get("without records, cold", 0) + 3.0, "≤ without + 3 s"),
        "with records, warm": (1.0, "≤ 1 s"),
        "with records, one attendance file edited": (1.5, "≤ 1.5 s"),
        "five years, warm": (1.0, "≤ 1 s"),
    }
    lines = ["| check | median | peak RSS | target | met | output |", "|---|---|---|---|---|---|"]
    for name, values in results.items():
        limit, words = limits.get(name, (None, ""))
        met = "" if limit is None else ("yes" if med[name] <= limit else f"**no** (+{med[name] - limit:.2f} s)")
        rss_met = "" if rss[name] <= 1024 else " **over 1 GB**"
        lines.append(
            f"| {name} ({len(values)} run{'s' if len(values) > 1 else ''}) | {med[name]:.2f} s | "
            f"{rss[name]} MB{rss_met} | {words} | {met} | {summary(values[-1][2])} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="of the generated organisation")
    parser.add_argument("--skip-five-years", action="store_true", help="only the one-year organisation")
    parser.add_argument("--skip-one-year", action="store_true", help="only the five-year organisation")
    parser.add_argument("--keep", type=Path, help="generate into this folder and leave it there")
    args = parser.parse_args()
    # Measured as installed: trainops compiled as pip compiles a package (this machine sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would be compiled at every start).
    compileall.compile_dir(str(HERE.parent / "generator" / "trainops"), quiet=1)
    work = args.keep or Path(tempfile.mkdtemp(prefix="trainops-records-bench-"))
    try:
        before = calibrate()
        results: dict[str, list[tuple[float, int, str]]] = {}
        if not args.skip_one_year:
            one_year = work / "one-year"
            today, _ = organisation(one_year, 1, args.seed)
            results |= measure_year(one_year, today, args.runs)
            shutil.rmtree(one_year)
        if not args.skip_five_years:
            five = work / "five-years"
            five_today, _ = organisation(five, 5, args.seed)
            results |= measure_five_years(five, five_today, args.runs)
        after = calibrate()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nMachine calibration loop: {before:.3f} s before, {after:.3f} s after (a slower machine reads higher).\n")
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
