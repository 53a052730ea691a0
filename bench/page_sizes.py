"""Page sizes: every HTML page of both sites stays under a bound at the default size.

    .venv/bin/python bench/page_sizes.py WORK [--seed 1] [--problems 0.4] [--limit-kb 400] [--top 5] [--no-build]
                                         [--programs 300 --sops 1500 --sessions 20000 --people 150]

Generates the default-size organisation (300 programs, 1,500 SOPs, 20,000 sessions, 150 people)
with problems for the coordinators (``--problems``: by default 40 % of the sessions to re-staff,
8,400 of them, and 40 % of the SOPs overdue for review; see generate_org.py) into WORK/org once
(delete it for another seed or share), builds both sites with ``trainops build --no-pdf``
into WORK/site and WORK/ops (``--no-build``: measure the sites already there), prints the largest
HTML pages of each site, and exits 1 if any page is over ``--limit-kb``. A few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from generate_org import generate  # noqa: E402


def page_sizes(site: Path) -> list[tuple[int, str]]:
    """Every HTML page of a built site, as (bytes, path inside the site), largest first."""
    sizes = [(page.stat().st_size, page.relative_to(site).as_posix()) for page in site.rglob("*.html")]
    return sorted(sizes, key=lambda item: (-item[0], item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", type=float, default=0.4)
    for name, default in run.DEFAULT.items():
        parser.add_argument(f"--{name}", type=int, default=default, help="the organisation's size")
    parser.add_argument("--limit-kb", type=int, default=400)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="measure the sites already built in WORK")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    org = args.work / "org"
    sites = {"learner site": args.work / "site", "coordinator site": args.work / "ops"}
    if not args.no_build:
        if not (org / "mkdocs.yml").exists():
            sizes = {name: getattr(args, name) for name in run.DEFAULT}
            generate(org, seed=args.seed, problems=args.problems, **sizes)
        command = [str(run.BIN / "trainops"), "build", "--project", str(org), "--today", run.TODAY, "--no-pdf"]
        command += ["--site-dir", str(sites["learner site"]), "--ops-dir", str(sites["coordinator site"])]
        # The build's warnings (thousands at this size) say nothing about page sizes: shown on failure only.
        built = subprocess.run(command, capture_output=True, text=True)
        if built.returncode:
            sys.exit(f"trainops build failed (exit {built.returncode}):\n" + "\n".join(built.stderr.splitlines()[-20:]))
    over = []
    for name, site in sites.items():
        pages = page_sizes(site)
        if not pages:
            sys.exit(f"{site}: no HTML pages (build first, or drop --no-build)")
        print(f"{name} ({site}), largest pages:")
        for size, path in pages[: args.top]:
            print(f"  {size / 1000:8.1f} KB  {path}")
        over += [(name, path, size) for size, path in pages if size > args.limit_kb * 1000]
    for name, path, size in over[:20]:
        print(f"over {args.limit_kb} KB: {name}: {path} ({size / 1000:.1f} KB)")
    if over:
        sys.exit(f"{len(over)} pages over {args.limit_kb} KB")
    print(f"every page is under {args.limit_kb} KB")


if __name__ == "__main__":
    main()
