"""Benchmark: what ``FileDigests.unchanged_since_taken`` costs ``check`` (the second look at every
file and folder that went into the keys, before what was worked out is kept under them).

    python bench/recheck_cost.py [--years 1] [--runs 3] [--seed 1] [--keep DIR]

The organisation is bench/records.py's (300 programs, 20,000 sessions a year, 20 attendance rows
each; ``--years 5``: 100,000 sessions). A first check fills the cache; then each run edits one
attendance sheet (bench/records.py's edit: the check its issue times at ≤ 1.5 s) and checks again,
in this process, timing each look and the whole command. A warm check (nothing changed) keeps
nothing, so it takes no look: that is checked too. Prints the medians.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "generator"))
from records import edit_one_sheet, organisation  # noqa: E402
from trainops.cli import main as trainops  # noqa: E402
from trainops.store.file_digests import FileDigests  # noqa: E402


def checked(org: Path, today: str) -> float:
    """Seconds of one ``check`` in this process (its output swallowed)."""
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = trainops(["check", "--project", str(org), "--today", today])
    if code not in (0, 1):
        raise SystemExit(f"check of {org} failed ({code})")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="of the generated organisation")
    parser.add_argument("--keep", type=Path, help="generate into this folder (or reuse it) and leave it there")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="trainops-recheck-bench-"))
    org = work / f"{args.years}-years"
    looks: list[float] = []
    real = FileDigests.unchanged_since_taken

    def timed(self: FileDigests) -> bool:
        start = time.perf_counter()
        found = real(self)
        looks.append(time.perf_counter() - start)
        return found

    FileDigests.unchanged_since_taken = timed  # type: ignore[method-assign]
    try:
        day = work / f"{args.years}-years.today"  # (the day to check on, beside the organisation)
        if (org / "mkdocs.yml").exists():
            today = day.read_text(encoding="utf-8").strip()
        else:
            today, _ = organisation(org, args.years, args.seed)
            day.write_text(today, encoding="utf-8")
        shutil.rmtree(org / ".trainops-cache", ignore_errors=True)
        cold = checked(org, today)
        cold_looks, looks[:] = list(looks), []
        warm = checked(org, today)
        if looks:
            raise SystemExit(f"a warm check looked at the files again ({len(looks)} times)")
        edited, each = [], []
        for run in range(args.runs):
            edit_one_sheet(org, row=1 + run)  # (every run's bytes new: none answered by the cache)
            looks.clear()
            edited.append(checked(org, today))
            each.append(sum(looks))
            if len(looks) != 1:
                raise SystemExit(f"a check after one edit looked {len(looks)} times, not once")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"cold check: {cold:.2f} s, of which its look(s) at the files: {sum(cold_looks) * 1000:.0f} ms")
    print(f"warm check: {warm:.2f} s, no look")
    print(
        f"one sheet edited: {statistics.median(edited):.2f} s, of which the look: "
        f"{statistics.median(each) * 1000:.0f} ms (median of {args.runs})"
    )


if __name__ == "__main__":
    main()
