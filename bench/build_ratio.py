"""The build ratio alone: ``trainops build --no-pdf`` of both sites against two plain MkDocs +
Material builds of the same pages, on a default-size organisation (300 programs, 1,500 SOPs,
20,000 sessions) generated with a seed of your choice, so it can be one this repository has never
seen. Medians of ``--runs`` builds, ours and plain MkDocs turn about (``bench_site`` of run.py).

    .venv/bin/python bench/build_ratio.py WORK [--seed 7] [--runs 3]

About 10 minutes on 2 cores. WORK keeps the organisation between runs (delete it for a new seed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from generate_org import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    org = args.work / "org"
    if not (org / "mkdocs.yml").exists():
        generate(org, seed=args.seed, **run.DEFAULT)
    before = run.calibrate()
    result = run.bench_site(org, args.work, runs=args.runs)
    result["calibration_s"] = [before, run.calibrate()]
    result["ratio"] = result["build_s"] / result["plain_s"]
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
