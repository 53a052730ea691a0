"""Benchmark: what reading the git history costs at scale.

    python bench/history.py WORK [--commits 200] [--sessions 20000] [--runs 3] [--builds]

Generates the default-size organisation (``generate_org.py``) in ``WORK/org``, commits it, then
makes ``--commits`` commits over a year: in turn five sessions moved, five rooms changed, an
SOP's text edited and a program given an outcome. Then, each the median of ``--runs`` runs:
- reading the history cold (an empty cache: every changed pair of versions compared) and warm
  (the walk up to HEAD from the cache), as ``load_project(..., history=True)`` does;
- a warm ``trainops check`` (nothing changed: the whole check's result is reused) in the
  repository and in a copy without ``.git``: the difference is what the history adds to it;
- with ``--builds``, a cold ``trainops build --no-pdf`` in both (about 80 s each at this size).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_org import generate  # noqa: E402

TRAINOPS = str(Path(sys.executable).with_name("trainops"))
TODAY = "2026-11-23"


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env.update(GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", GIT_CONFIG_GLOBAL=os.devnull)
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def make_history(org: Path, commits: int, sessions: int) -> None:
    git(org, "init", "-q", "-b", "main")
    git(org, "add", "-A")
    start = datetime(2025, 11, 23, 9, 0)
    git(org, "commit", "-q", "-m", "The organisation", when=start.isoformat() + "+00:00")
    schedule = org / "programs" / "schedule.yaml"
    sops = sorted((org / "sops").glob("*.md"))
    programs = sorted(p for p in (org / "programs").glob("*.yaml") if p.stem not in ("schedule", "people"))
    for i in range(commits):
        when = start + timedelta(days=(i + 1) * 365 / (commits + 1))
        kind = i % 4
        if kind in (0, 1):
            text = schedule.read_text()
            for j in range(5):
                k = (i * 97 + j * 4001) % sessions
                at = text.index(f"    id: s-{k:06d}\n")
                field = "start" if kind == 0 else "room"
                line = text.index(f"    {field}: ", at)
                end = text.index("\n", line)
                value = text[line:end]
                new = value[:-5] + ("17:00" if not value.endswith("17:00") else "07:30") if kind == 0 else value + "b"
                text = text[:line] + new + text[end:]
            schedule.write_text(text)
        elif kind == 2:
            sop = sops[(i * 7) % len(sops)]
            sop.write_text(sop.read_text() + f"\n{i}. One more step.\n")
        else:
            program = programs[(i * 3) % len(programs)]
            program.write_text(
                re.sub(r"outcomes:\n", f"outcomes:\n  - Outcome added in commit {i}\n", program.read_text(), count=1)
            )
        git(org, "commit", "-q", "-am", f"Change {i}", when=when.isoformat() + "+00:00")


def timed(command: list[str], cwd: Path) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--builds", action="store_true")
    args = parser.parse_args()
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    org, plain = work / "org", work / "plain"
    began = time.perf_counter()
    generate(org, 300, 1500, args.sessions, 150)
    make_history(org, args.commits, args.sessions)
    print(f"history of {args.commits} commits made in {time.perf_counter() - began:.1f} s")
    shutil.copytree(org, plain, ignore=shutil.ignore_patterns(".git", ".trainops-cache"))
    # The copy's cache holds the data files' entries only (it has no history to read); entries
    # are keyed by path and bytes, so in the repository they are the data's, not the history's.
    subprocess.run([TRAINOPS, "check", "--project", str(plain), "--today", TODAY], capture_output=True, check=False)
    results: dict[str, list[float]] = {
        "read cold": [],
        "read warm": [],
        "check warm (git)": [],
        "check warm (plain)": [],
    }
    for _ in range(args.runs):
        # Cold: every pair of versions compared, none from the cache (the data files are).
        shutil.rmtree(org / ".trainops-cache", ignore_errors=True)
        shutil.copytree(plain / ".trainops-cache", org / ".trainops-cache")
        results["read cold"].append(_read(org))
        results["read warm"].append(_read(org))
        for root, name in ((org, "check warm (git)"), (plain, "check warm (plain)")):
            command = [TRAINOPS, "check", "--project", str(root), "--today", TODAY]
            timed(command, root)
            results[name].append(timed(command, root))
    if args.builds:
        results["build cold (git)"], results["build cold (plain)"] = [], []
        for _ in range(args.runs):
            for root, name in ((org, "build cold (git)"), (plain, "build cold (plain)")):
                shutil.rmtree(root / ".trainops-cache", ignore_errors=True)
                results[name].append(
                    timed([TRAINOPS, "build", "--project", str(root), "--today", TODAY, "--no-pdf"], root)
                )
    print(f"{date.today()}: {args.commits} commits, {args.sessions} sessions, median of {args.runs} runs")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.2f} s | {', '.join(f'{v:.2f}' for v in values)} |")


def _read(org: Path) -> float:
    code = (
        "import time; from pathlib import Path; from datetime import date\n"
        "from trainops.store.cache import data_cache; from trainops.load.loading import load_project\n"
        "from trainops.load.settings import read_settings; from trainops.load.history.reader import read_history\n"
        f"root = Path({str(org)!r}); cache = data_cache(root)\n"
        "project, _ = load_project(root, read_settings(root)[0], date(2026, 11, 23), cache)\n"
        "t = time.perf_counter(); h = read_history(project, cache); t = time.perf_counter() - t\n"
        "assert h.available, h.problem\n"
        "print(t, len(h.changes))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    print(f"  read_history: {float(out[0]):.2f} s, {out[1]} changes")
    return float(out[0])


if __name__ == "__main__":
    main()
