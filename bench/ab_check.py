"""`trainops check` of two versions of trainops, run turn about on the same organisation.

    python bench/ab_check.py --base REV [--org ORG] [--pairs 8]

This machine's speed varies by up to 2x from minute to minute, so a "before" measured an hour
before its "after" says little. This runs the version at git revision REV and the working tree
alternately (ABAB..., the order flipped every pair), on the same organisation (by default a fresh
one of the default size), and prints the median of each and whether their outputs are the same.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate_org import generate  # noqa: E402

TODAY = "2026-11-23"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision to compare the working tree with")
    parser.add_argument("--org", type=Path, help="organisation to check (default: a fresh default-size one)")
    parser.add_argument("--pairs", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trainops-ab-") as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base_tree), args.base], check=True
        )
        try:
            org = args.org
            if org is None:
                org = Path(tmp) / "org"
                generate(org, programs=300, sops=1500, sessions=20000, people=150)
            trees = {"base": base_tree / "generator", "new": REPO / "generator"}
            for tree in trees.values():  # as pip compiles an installed package
                compileall.compile_dir(str(tree / "trainops"), quiet=1)
            times: dict[str, list[float]] = {name: [] for name in trees}
            outputs: dict[str, tuple] = {}
            for i in range(args.pairs):
                for name in ("base", "new") if i % 2 == 0 else ("new", "base"):
                    env = dict(os.environ, PYTHONPATH=str(trees[name]))
                    start = time.perf_counter()
                    done = subprocess.run(
                        [
                            sys.executable,
                            "-c",
                            "from trainops.cli import run; run()",
                            "check",
                            "--project",
                            str(org),
                            "--today",
                            TODAY,
                        ],
                        env=env,
                        capture_output=True,
                    )
                    times[name].append(time.perf_counter() - start)
                    outputs.setdefault(name, (done.returncode, done.stdout, done.stderr))
            for name, values in times.items():
                print(
                    f"{name}: median {statistics.median(values):.2f} s of {len(values)} runs "
                    f"({' '.join(f'{v:.2f}' for v in values)})"
                )
            print("same exit code, output and summary:", outputs["base"] == outputs["new"])
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base_tree)], check=False)


if __name__ == "__main__":
    main()
