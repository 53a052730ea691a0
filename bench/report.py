"""Benchmark: ``trainops report`` (cold, warm, ``--as-of``) and what the records add to ``build``.

    python bench/report.py [--years 5] [--runs 1] [--build-runs N] [--seed 1] [--skip-build] [--keep DIR]

The organisation is bench/records.py's (300 programs, 1,500 SOPs, 20,000 sessions a year taught by
55 people, 20 seats; 10,000 learners with managers, one in 25 leading the 24 after them), with
``--years`` of sessions and records (five: 100,000 sessions and 2,000,000 attendance rows), and 20
of its programs certifying (``certification: {valid_for: 1 year, renew_within: 90d}``). It is
committed to git once, 30 days before the report's day, and again 10 days before it (one sheet
corrected, one certifying program changed with ``Significant: yes``), so that ``--as-of`` (20 days
before) reads the first commit and the report lists who must retrain after the second.

Measured, each the median of ``--runs`` (peak RSS: the largest process's own, the largest of the
runs; and the peak of the command's processes together, PSS, as trainops forks workers):
- ``report`` cold (no ``.trainops-cache``, no report), then warm (nothing changed: the out folder's
  manifest names the same key and every file is as written, so nothing is written), then
  ``--as-of`` (another key: made again);
- ``build --no-pdf`` with the records folder moved aside, with it but without the coordinator
  site's status pages (bench/without_status_pages.py), and with both, turn about, the cache kept
  (the project's files are read from it in all three: what differs is the records and their
  pages); the status pages' share is the difference of the last two, over the first;
- the largest HTML page of the coordinator site built with the records.
The machine's speed is taken before and after with bench/run.py's calibration loop.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from page_sizes import page_sizes  # noqa: E402
from records import organisation, timed  # noqa: E402
from run import calibrate  # noqa: E402

CERTIFYING = 20
CERTIFICATION = "certification: {valid_for: 1 year, renew_within: 90d}\n"
TARGETS = {"report, cold": 20.0, "report, warm": 3.0, "report --as-of": 30.0}
RSS_LIMIT_MB = 1024
PAGE_LIMIT_KB = 400
# One run: wall seconds, the largest process's peak RSS (MB), the output, the processes' peak PSS together (MB).
Run = tuple[float, int, str, int]


def certify(org: Path) -> list[str]:
    """Give the first CERTIFYING programs a certification; their files, relative to ``org``."""
    files = sorted((org / "programs").glob("program-*.yaml"))[:CERTIFYING]
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + CERTIFICATION, encoding="utf-8")
    return [path.relative_to(org).as_posix() for path in files]


def git(org: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=org, env=env, check=True, capture_output=True)


def make_history(org: Path, today: date, certified: list[str]) -> str:
    """Two commits (see the module's docstring); returns the ``--as-of`` day."""
    (org / ".gitignore").write_text(".trainops-cache/\nsite/\nops/\nreports/\nrecords-aside/\n", encoding="utf-8")
    git(org, "init", "-q", "-b", "main")
    git(org, "add", "-A")
    first = f"{today - timedelta(days=30)}T12:00:00+00:00"
    git(org, "commit", "-q", "-m", "The organisation and its records", when=first)
    sheet = min((org / "records" / "attendance").glob("*/*.csv"))
    lines = sheet.read_text(encoding="utf-8").splitlines()
    learner, status, rest = lines[1].split(",", 2)
    lines[1] = ",".join((learner, "late" if status != "late" else "present", rest))
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = org / certified[0]
    program.write_text(program.read_text(encoding="utf-8") + "# the new rule\n", encoding="utf-8")
    git(org, "add", "-A")
    message = "A sheet corrected; the first certifying program's new rule\n\nSignificant: yes"
    git(org, "commit", "-q", "-m", message, when=f"{today - timedelta(days=10)}T12:00:00+00:00")
    return (today - timedelta(days=20)).isoformat()


def measure_report(org: Path, today: str, as_of: str, runs: int) -> dict[str, list[Run]]:
    report = ["report", "--project", str(org), "--today", today]
    results: dict[str, list[Run]] = {}
    for _ in range(runs):
        shutil.rmtree(org / ".trainops-cache", ignore_errors=True)
        shutil.rmtree(org / "reports", ignore_errors=True)
        results.setdefault("report, cold", []).append(timed_with_workers(report))
        if len(results["report, cold"]) == 1:
            print(report_sizes(org / "reports"), flush=True)
        warm = timed_with_workers(report)
        if "kept the" not in warm[2]:
            raise SystemExit(f"the warm report wrote its files again:\n{warm[2][-2000:]}")
        results.setdefault("report, warm", []).append(warm)
        as_of_run = timed_with_workers([*report[:3], "--today", as_of, "--as-of", as_of])
        results.setdefault("report --as-of", []).append(as_of_run)
    return results


def timed_with_workers(args: list[str], program: list[str] | None = None) -> Run:
    """:func:`records.timed`, and the peak of the memory of the command's processes together (the
    report forks workers, and a page either process touches is copied: each process's own peak RSS
    understates what the machine gives): the sum of their proportional set sizes (PSS, a page
    shared by two counted half in each), sampled every 0.1 s, in MB."""
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _descendants(os.getpid())))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        seconds, rss, text = timed(args, program)
    finally:
        done.set()
        sampler.join()
    return seconds, rss, text, peak[0] // 1024


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def report_sizes(reports: Path) -> str:
    """The out folder's size, its two largest files and its largest HTML page."""
    files = [p for p in reports.rglob("*") if p.is_file()]
    sizes = sorted(((p.stat().st_size, p.relative_to(reports).as_posix()) for p in files), reverse=True)
    largest = ", ".join(f"{name} {size / 1e6:.1f} MB" for size, name in sizes[:2])
    text = f"reports: {sum(size for size, _ in sizes) / 1e6:,.0f} MB in {len(sizes)} files; largest {largest}"
    page = next(((size, name) for size, name in sizes if name.endswith(".html")), None)
    return text + (f"; largest page {page[1]} {page[0] / 1024:,.0f} KB" if page else "")


def measure_build(org: Path, today: str, runs: int) -> dict[str, list[Run]]:
    """The three builds turn about: records moved aside; with records but without the status pages
    (bench/without_status_pages.py); with both. Each checked for its status pages."""
    build = ["build", "--project", str(org), "--today", today, "--no-pdf"]
    records, aside = org / "records", org / "records-aside"
    without_status = [sys.executable, str(HERE / "without_status_pages.py")]
    timed_with_workers(build)  # (fills the cache with the project's files for all three)
    results: dict[str, list[Run]] = {}
    for _ in range(runs):
        records.rename(aside)
        results.setdefault("build --no-pdf, records moved aside", []).append(timed_with_workers(build))
        aside.rename(records)
        results.setdefault("build --no-pdf, with records, no status pages", []).append(
            timed_with_workers(build, without_status)
        )
        _expect_status_pages(org, False)
        results.setdefault("build --no-pdf, with records", []).append(timed_with_workers(build))
        _expect_status_pages(org, True)
    return results


def _expect_status_pages(org: Path, present: bool) -> None:
    pages = list((org / "ops" / "programs").glob("*/status/index.html"))
    if bool(pages) != present:
        found = "has no" if present else "has"
        raise SystemExit(f"the build {found} status pages: the benchmark would measure the wrong thing")


def table(results: dict[str, list[Run]]) -> list[str]:
    lines = [
        "| command | median | peak RSS (largest process) | processes together (PSS) | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for name, values in results.items():
        median = statistics.median(v[0] for v in values)
        rss = max(v[1] for v in values)
        together = f"{max(v[3] for v in values)} MB"
        limit = TARGETS.get(name)
        met = "" if limit is None else ("yes" if median <= limit else f"**no** (+{median - limit:.1f} s)")
        over = "" if rss <= RSS_LIMIT_MB else " **over 1 GB**"
        words = f"≤ {limit:g} s, RSS ≤ 1 GB" if limit else ""
        runs = f"{len(values)} run{'s' if len(values) > 1 else ''}"
        lines.append(f"| {name} ({runs}) | {median:.2f} s | {rss} MB{over} | {together} | {words} | {met} |")
    without = results.get("build --no-pdf, records moved aside")
    no_status = results.get("build --no-pdf, with records, no status pages")
    with_records = results.get("build --no-pdf, with records")
    if without and no_status and with_records:
        a, s, b = (statistics.median(v[0] for v in values) for values in (without, no_status, with_records))
        lines.append(
            f"\nThe status pages add {100 * (b - s) / a:+.1f} % to build (target ≤ +10 %), the records "
            f"as a whole {100 * (b - a) / a:+.1f} % (both of the build with the records moved aside)."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1, help="of the generated organisation")
    parser.add_argument("--build-runs", type=int, help="runs of each build (default: --runs)")
    parser.add_argument("--skip-build", action="store_true", help="only the report")
    parser.add_argument("--keep", type=Path, help="generate into this folder and leave it there")
    args = parser.parse_args()
    # Measured as installed (see bench/records.py): trainops compiled as pip compiles a package.
    compileall.compile_dir(str(HERE.parent / "generator" / "trainops"), quiet=1)
    work = args.keep or Path(tempfile.mkdtemp(prefix="trainops-report-bench-"))
    try:
        before = calibrate()
        org = work / "org"
        checked_on, rows = organisation(org, args.years, args.seed)
        today = date.fromisoformat(checked_on)
        start = time.perf_counter()
        as_of = make_history(org, today, certify(org))
        print(f"committed twice in {time.perf_counter() - start:.1f} s; {rows} attendance rows", flush=True)
        results = measure_report(org, checked_on, as_of, args.runs)
        if not args.skip_build:
            results |= measure_build(org, checked_on, args.build_runs or args.runs)
            largest = page_sizes(org / "ops")[:3]
            shown = ", ".join(f"{path} {size / 1024:.0f} KB" for size, path in largest)
            over = any(size > PAGE_LIMIT_KB * 1024 for size, _ in largest)
            print(f"largest coordinator pages: {shown}" + (" (over 400 KB)" if over else ""))
        after = calibrate()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nMachine calibration loop: {before:.3f} s before, {after:.3f} s after (a slower machine reads higher).\n")
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
