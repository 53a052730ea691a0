"""Benchmark: ``trainops check`` cold, warm, after editing one SOP and after editing one session.

    python bench/check_cache.py [--runs 3] [--seed 1] [--base REV] [--out bench/CHECK.md]

On an organisation generated afresh from ``--seed`` (300 programs, 1,500 SOPs, 20,000 sessions in one schedule
file, 150 people): each figure is the median of ``--runs`` runs, with its peak RSS.
- cold: no ``.trainops-cache`` (every file parsed and validated);
- warm: nothing changed since the last check (the whole check's result is reused);
- one SOP edited: that SOP is parsed again, every other file comes from the cache, and the
  launch review runs again;
- one session edited: the schedule file (5 MB) is parsed again.
``--base REV`` also times ``check`` of that git revision (a worktree in a temporary folder, its
own installed dependencies being this environment's) on the same organisation, turn about with
this one: the before/after of a change. Results go to ``--out`` as a Markdown table.
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_org import generate  # noqa: E402
from run import BIN, DEFAULT, PYTHON, TODAY, calibrate, timed  # noqa: E402

TARGETS = {"cold": 5.0, "warm": 1.0, "one SOP edited": 1.2, "one session edited": 4.0}


def _check(org: Path, trainops: list[str]) -> tuple[float, int]:
    seconds, rss, out = timed([*trainops, "check", "--project", str(org), "--today", TODAY])
    assert re.search(r"\d+ errors?, \d+ warnings?", out), out[-500:]
    return seconds, rss


def _edit_sop(org: Path, n: int) -> None:
    sop = sorted((org / "sops").iterdir())[0]
    sop.write_text(sop.read_text() + f"\nEdited for the benchmark ({n}).\n")


def _edit_session(org: Path, n: int) -> None:
    schedule = org / "programs" / "schedule.yaml"
    text = schedule.read_text()
    first = re.search(r"(start: \d{4}-\d\d-\d\d )(\d\d):(\d\d)", text)
    assert first
    minute = f"{(int(first.group(3)) + 5 + n) % 60:02d}"
    schedule.write_text(text[: first.start(3)] + minute + text[first.end(3) :])


def measure(org: Path, trainops: list[str], runs: int) -> dict[str, tuple[float, int]]:
    cache = org / ".trainops-cache"
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in TARGETS}
    for n in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        results["cold"].append(_check(org, trainops))
        results["warm"].append(_check(org, trainops))
        _edit_sop(org, n)
        results["one SOP edited"].append(_check(org, trainops))
        _edit_session(org, n)
        results["one session edited"].append(_check(org, trainops))
    return {
        name: (statistics.median(s for s, _ in values), max(r for _, r in values)) for name, values in results.items()
    }


def _base_trainops(rev: str, work: Path) -> list[str]:
    """``trainops`` of another revision: its sources on this environment's packages."""
    tree = work / "base"
    subprocess.run(
        ["git", "-C", str(HERE.parent), "worktree", "add", "--detach", str(tree), rev], check=True, capture_output=True
    )
    return [
        PYTHON,
        "-c",
        f"import sys; sys.path.insert(0, {str(tree / 'generator')!r}); "
        "from trainops.cli import run; sys.argv[0] = 'trainops'; run()",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="of the generated organisation")
    parser.add_argument("--base", help="a git revision to compare with (before/after)")
    parser.add_argument("--out", type=Path, default=HERE / "CHECK.md")
    args = parser.parse_args()
    # Measured as installed: trainops compiled as pip compiles a package (this machine sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would be compiled at every start).
    compileall.compile_dir(str(HERE.parent / "generator" / "trainops"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="trainops-bench-"))
    try:
        org = work / "org"
        generate(org, seed=args.seed, **DEFAULT)
        before_speed = calibrate()
        ours = measure(org, [str(BIN / "trainops")], args.runs)
        base = None
        if args.base:
            base_org = work / "base-org"
            generate(base_org, seed=args.seed, **DEFAULT)
            base = measure(base_org, _base_trainops(args.base, work), args.runs)
        after_speed = calibrate()
    finally:
        subprocess.run(["git", "-C", str(HERE.parent), "worktree", "prune"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "# `trainops check` and its cache",
        "",
        f"Written by `bench/check_cache.py --runs {args.runs} --seed {args.seed}"
        + (f" --base {args.base}" if args.base else "")
        + "`: 300 programs, 1,500 SOPs, 20,000 sessions (one 5 MB schedule file), 150 people; "
        f"median of {args.runs} runs each, peak RSS the largest. Machine calibration loop: "
        f"{before_speed:.3f} s before, {after_speed:.3f} s after (a slower machine reads higher).",
        "",
        "| check | target | now | peak RSS | met |" + (f" before ({args.base}) |" if base else ""),
        "|---|---|---|---|---|" + ("---|" if base else ""),
    ]
    for name, target in TARGETS.items():
        seconds, rss = ours[name]
        row = f"| {name} | ≤ {target:.1f} s | {seconds:.2f} s | {rss} MB | {'yes' if seconds <= target else '**no**'} |"
        if base:
            row += f" {base[name][0]:.2f} s |"
        lines.append(row)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
