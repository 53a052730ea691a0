"""Benchmark: trainops against plain MkDocs and plain WeasyPrint, on this machine, in one run.

    python bench/run.py [--runs 3] [--scale 1.0] [--growth] [--out bench/RESULTS.md]

Measures, side by side:
- ``trainops check`` on a generated organisation (default 300 programs, 1,500 SOPs, 20,000
  sessions, 150 people, eight time zones);
- ``trainops build --no-pdf`` against plain ``mkdocs build`` (Material, the same theme features)
  of the same Markdown pages written as files: the engine's own floor;
- manual rendering: our pipeline against plain WeasyPrint on the same HTML, sequential against a
  pool of two; a warm rebuild (nothing changed) and a rebuild after editing one program;
- peak RSS of each command; growth at ½×, 1× and 2× the size (``--growth``).
Every figure is the median of ``--runs`` runs. Results go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_org import generate  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
TODAY = "2026-11-23"
DEFAULT = {"programs": 300, "sops": 1500, "sessions": 20000, "people": 150}


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None, ok=(0, 1)) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB (GNU time) and the output of one command."""
    full = ["/usr/bin/time", "-f", "PEAKRSS %M", *cmd]
    start = time.perf_counter()
    run = subprocess.run(full, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    match = re.search(r"PEAKRSS (\d+)", run.stderr)
    if run.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return seconds, int(match.group(1)) // 1024 if match else 0, run.stdout + run.stderr


def median_of(runs: int, fn) -> tuple[float, int, str]:
    results = [fn() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def interleaved(runs: int, first, second) -> tuple[tuple[float, int, str], tuple[float, int, str]]:
    """Medians of two commands run turn about, so both see the same moods of a shared machine."""
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    pick = lambda rs: (statistics.median(r[0] for r in rs), max(r[1] for r in rs), rs[-1][2])  # noqa: E731
    return pick(a), pick(b)


def calibrate() -> float:
    """Seconds for a fixed pure-Python loop (best of 5): how fast this machine is right now."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        best = min(best, time.perf_counter() - start)
    return best


# Another shape of organisation, of about the same number of pages: many small programs, few SOPs,
# fewer people teaching more sessions each, five reminders per session instead of three.
SHAPE_B = {"programs": 800, "sops": 200, "sessions": 8000, "people": 40, "reminders": 5, "seed": 2}


def organisation(root: Path, scale: float) -> Path:
    sizes = {k: max(1, int(v * scale)) for k, v in DEFAULT.items()}
    sizes["people"] = DEFAULT["people"]  # the same people at every size: sessions per person grow
    generate(root, **sizes)
    return root


PLAIN_NAV = {
    "learners": "  - Programs: programs/index.md\n  - Schedule: schedule/index.md\n  - How-to guides: sops/index.md\n",
    "coordinators": "  - Handoff: handoff/index.md\n  - SOP library: sops/index.md\n",
}


def plain_mkdocs_project(org: Path, out: Path) -> tuple[list[Path], int]:
    """The same pages trainops generates for its two sites, written as Markdown files of two plain
    MkDocs projects (the learner site and the coordinator site)."""
    sys.path.insert(0, str(HERE.parent / "generator"))
    from datetime import date

    from trainops.load.loading import load_project
    from trainops.load.settings import read_settings
    from trainops.render.site import render_site

    settings, _ = read_settings(org)
    project, _ = load_project(org, settings, date.fromisoformat(TODAY))
    pages = 0
    folders = []
    for site in ("learners", "coordinators"):
        files = render_site(project, site=site)  # one process: the pages, the calendar files and the materials
        folder = out / site
        docs = folder / "docs"
        for item in files:
            target = docs / item.docs_path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(item.content, bytes):
                target.write_bytes(item.content)
            elif item.content is not None:
                target.write_text(item.content)
                pages += item.docs_path.endswith(".md")
        if site == "learners":
            shutil.copy(org / "content" / "index.md", docs / "index.md")
            pages += 1
        (folder / "mkdocs.yml").write_text(
            "site_name: Plain\nsite_url: https://bench.example.com/\ntheme:\n  name: material\n  features:\n"
            "    - navigation.indexes\n    - search.suggest\n    - search.highlight\n    - content.code.copy\n"
            "plugins: [search]\nmarkdown_extensions: [attr_list, admonition, tables, toc]\n"
            "nav:\n  - index.md\n" + PLAIN_NAV[site] + "not_in_nav: |\n  /programs/*/\n  /sops/*.md\n  /schedule/*.md\n"
        )
        folders.append(folder)
    return folders, pages


def bench_site(org: Path, work: Path, runs: int, builds: bool = True) -> dict:
    check = median_of(
        max(runs, 5), lambda: timed([str(BIN / "trainops"), "check", "--project", str(org), "--today", TODAY])
    )
    if not builds:
        return {"check_s": check[0], "check_rss_mb": check[1]}
    plain_dirs, pages = plain_mkdocs_project(org, work / "plain")
    plain_builds = " && ".join(
        f"{PYTHON} -m mkdocs build -q -f {d / 'mkdocs.yml'} -d {work / 'plain-site' / d.name}" for d in plain_dirs
    )
    build, plain = interleaved(
        runs,
        lambda: timed(
            [
                str(BIN / "trainops"),
                "build",
                "--project",
                str(org),
                "--today",
                TODAY,
                "--no-pdf",
                "--site-dir",
                str(work / "site"),
                "--ops-dir",
                str(work / "ops"),
            ],
            ok=(0,),
        ),
        lambda: timed(
            ["bash", "-c", plain_builds],  # both sites, one after the other, as trainops builds them
            env={"SOURCE_DATE_EPOCH": "1795392000"},
            ok=(0,),
        ),
    )
    return {
        "check_s": check[0],
        "check_rss_mb": check[1],
        "build_s": build[0],
        "build_rss_mb": build[1],
        "plain_s": plain[0],
        "plain_rss_mb": plain[1],
        "pages": pages,
    }


def growth_check(orgs: dict[str, Path], runs: int) -> dict[str, float]:
    """Median seconds of ``check`` at each size, the sizes run turn about."""
    times: dict[str, list[float]] = {scale: [] for scale in orgs}
    for _ in range(runs):
        for scale, org in orgs.items():
            times[scale].append(timed([str(BIN / "trainops"), "check", "--project", str(org), "--today", TODAY])[0])
    return {scale: statistics.median(values) for scale, values in times.items()}


MANUAL_BENCH = r"""
import json, sys, time, statistics
from dataclasses import replace
from pathlib import Path
from datetime import date
sys.path.insert(0, sys.argv[2])
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.render.environment import make_environment
from trainops.manuals.plan import plan_manuals
from trainops.manuals.jobs import build_manuals
from trainops.manuals.pdf import PDF_VARIANT, render_pdf
from weasyprint import HTML
org = Path(sys.argv[1]); n = int(sys.argv[3]); runs = int(sys.argv[4])
settings, _ = read_settings(org)
project, _ = load_project(org, settings, date(2026, 11, 23))
project = replace(project, programs=dict(sorted(project.programs.items())[: n // 2]))  # (frozen: a copy)
jobs = plan_manuals(project, make_environment(org, settings.theme_dir))
base = org.as_uri() + "/"
ours, plain, pages = [], [], []
for _ in range(runs):
    t = time.perf_counter(); data, _, _ = render_pdf(jobs[1].html, base, [org]); ours.append(time.perf_counter() - t)
    t = time.perf_counter(); HTML(string=jobs[1].html, base_url=base).write_pdf(pdf_variant=PDF_VARIANT)
    plain.append(time.perf_counter() - t)
from pypdf import PdfReader
import io
pages = len(PdfReader(io.BytesIO(data)).pages)
def run(workers, cache):
    import shutil
    shutil.rmtree(cache, ignore_errors=True)
    t = time.perf_counter()
    build_manuals(jobs, cache / "out", cache, [org], base, workers=workers)
    return time.perf_counter() - t
cache = org / ".bench-cache"
seq, par = [], []
for _ in range(int(sys.argv[5])):  # turn about, as the site builds
    seq.append(run(1, cache)); par.append(run(2, cache))
seq, par = statistics.median(seq), statistics.median(par)
t = time.perf_counter()
results = build_manuals(jobs, cache / "out", cache, [org], base, workers=2)
warm = time.perf_counter() - t
print(json.dumps({"manual_ours_s": statistics.median(ours), "manual_plain_s": statistics.median(plain),
                  "manual_pages": pages, "manuals": len(jobs), "sequential_s": seq, "parallel_s": par,
                  "warm_s": warm, "warm_rendered": sum(r.status == "rendered" for r in results)}))
"""


def bench_manuals(org: Path, runs: int, count: int = 8, pool_runs: int = 1) -> dict:
    out = subprocess.run(
        [PYTHON, "-c", MANUAL_BENCH, str(org), str(HERE.parent / "generator"), str(count), str(runs), str(pool_runs)],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_edit_one_program(org: Path, work: Path) -> dict:
    """Full build with manuals, then edit one program: only its two manuals render again."""
    small = work / "edit-org"
    generate(small, programs=6, sops=12, sessions=60, people=10)
    cmd = [
        str(BIN / "trainops"),
        "build",
        "--project",
        str(small),
        "--today",
        TODAY,
        "--verbose",
        "--site-dir",
        str(work / "edit-site"),
    ]
    cold = timed(cmd, ok=(0,))
    warm = timed(cmd, ok=(0,))
    program = small / "programs" / "program-0002.yaml"
    program.write_text(program.read_text().replace("summary: ", "summary: Edited. ", 1))
    edited = timed(cmd, ok=(0,))

    def rendered(log: str) -> int:
        m = re.search(r"rendering (\d+) of (\d+) manuals", log)
        return int(m.group(1)) if m else 0

    return {
        "cold_s": cold[0],
        "warm_s": warm[0],
        "edited_s": edited[0],
        "cold_rendered": rendered(cold[2]),
        "warm_rendered": rendered(warm[2]),
        "edited_rendered": rendered(edited[2]),
    }


def versions() -> str:
    out = subprocess.run(
        [
            PYTHON,
            "-c",
            "import mkdocs, material, weasyprint, pydantic, yaml;"
            "print(f'mkdocs {mkdocs.__version__}, mkdocs-material {material.__version__}, weasyprint "
            "{weasyprint.__version__}, pydantic {pydantic.__version__}, pyyaml {yaml.__version__}')",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"Python {platform.python_version()}; {out}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--growth", action="store_true", help="also ½× and 2× the default size")
    parser.add_argument(
        "--no-big-builds", action="store_true", help="at 2× measure check only (a 2× build takes ~10 min)"
    )
    parser.add_argument("--shape-runs", type=int, default=1, help="runs for the organisation of another shape")
    parser.add_argument("--pool-runs", type=int, default=1, help="runs of the sequential/parallel manual builds")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--render-only", action="store_true", help="rewrite RESULTS.md from results.json")
    args = parser.parse_args()
    if args.render_only:
        args.out.write_text(render_results(json.loads(args.json.read_text())))
        return
    # As installed by pip, which compiles every module: an editable install under
    # PYTHONDONTWRITEBYTECODE (set on this machine) would compile trainops again at every start.
    compileall.compile_dir(str(HERE.parent / "generator" / "trainops"), quiet=1)
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "versions": versions(),
        "runs": args.runs,
        "sizes": {},
        "calibration_start_s": calibrate(),
    }
    with tempfile.TemporaryDirectory(prefix="trainops-bench-") as tmp:
        work = Path(tmp)
        shape = work / "org-shape-b"
        generate(shape, **SHAPE_B)
        print("another shape ...", file=sys.stderr, flush=True)
        results["shape_b"] = bench_site(shape, work / "w-shape-b", args.shape_runs)
        print(json.dumps(results["shape_b"]), file=sys.stderr, flush=True)
        for scale in (0.5, 1.0, 2.0) if args.growth else (1.0,):
            org = organisation(work / f"org-{scale}", scale)
            print(f"size {scale}x ...", file=sys.stderr, flush=True)
            builds = not (args.no_big_builds and scale > 1)
            results["sizes"][str(scale)] = bench_site(org, work / f"w-{scale}", args.runs, builds)
            print(json.dumps(results["sizes"][str(scale)]), file=sys.stderr, flush=True)
        if args.growth:  # the three sizes' checks turn about, so a slower minute of the machine hits all three
            print("check at ½×, 1× and 2×, turn about ...", file=sys.stderr, flush=True)
            results["growth_check"] = growth_check(
                {scale: work / f"org-{scale}" for scale in ("0.5", "1.0", "2.0")}, max(args.runs, 5)
            )
            print(json.dumps(results["growth_check"]), file=sys.stderr, flush=True)
        org = work / "org-1.0"
        results["manuals"] = bench_manuals(org, args.runs, pool_runs=args.pool_runs)
        print(json.dumps(results["manuals"]), file=sys.stderr, flush=True)
        results["edit"] = bench_edit_one_program(org, work)
        print(json.dumps(results["edit"]), file=sys.stderr, flush=True)
    results["calibration_end_s"] = calibrate()
    results["shape_runs"] = args.shape_runs
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    args.out.write_text(render_results(results))
    print(args.out.read_text())


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _site_rows(label: str, site: dict) -> list[str]:
    ratio = site["build_s"] / site["plain_s"]
    return [
        f"| `check` ≤ 3 s ({label}) | {site['check_s']:.2f} s | {_yes(site['check_s'] <= 3)} |",
        f"| build ≤ 1.2 × plain MkDocs ({label}, {site['pages']} pages) | {site['build_s']:.1f} s vs "
        f"{site['plain_s']:.1f} s = {ratio:.2f}× | {_yes(ratio <= 1.2)} |",
        f"| peak RSS ≤ 1 GB ({label}) | check {site['check_rss_mb']} MB, build {site['build_rss_mb']} MB (plain MkDocs "
        f"{site['plain_rss_mb']} MB) | {_yes(max(site['check_rss_mb'], site['build_rss_mb']) <= 1024)} |",
    ]


def render_results(r: dict) -> str:
    one, m, e = r["sizes"]["1.0"], r["manuals"], r["edit"]
    shape = r["shape_b"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py`; reproduce with "
        "`.venv/bin/python bench/run.py --growth --no-big-builds --shape-runs 3` "
        "(this file and `bench/results.json`; about 30 minutes on 2 cores).",
        "",
        f"- Machine: {r['machine']}",
        f"- Versions: {r['versions']}",
        f"- Speed of this machine at the start and the end of the run: {r['calibration_start_s']:.3f} s and "
        f"{r['calibration_end_s']:.3f} s for a fixed Python loop (`calibrate()`): this shared virtual machine's speed "
        "varies by up to 2× from minute to minute, so absolute times move with it; ratios are taken from runs made "
        "turn about.",
        f"- `check`: median of {max(r['runs'], 5)} runs; builds: median of {r['runs']} runs, ours and plain MkDocs "
        "turn about; RSS: the peak of the largest process.",
        "",
        "## Targets",
        "",
        "Default size: 300 programs, 1,500 SOPs, 20,000 sessions, 150 people, eight time zones. Another shape "
        f"(`SHAPE_B`, median of {r.get('shape_runs', 1)} run{'s' if r.get('shape_runs', 1) > 1 else ''}): "
        "800 programs, 200 SOPs, 8,000 sessions, 40 people, "
        "five reminders per session.",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *_site_rows("default", one),
        *_site_rows("other shape", shape),
        f"| manual ≤ 1.1 × plain WeasyPrint (same HTML, {m['manual_pages']} pages) | {m['manual_ours_s']:.2f} s vs "
        f"{m['manual_plain_s']:.2f} s = {m['manual_ours_s'] / m['manual_plain_s']:.2f}× | "
        f"{_yes(m['manual_ours_s'] <= 1.1 * m['manual_plain_s'])} |",
        f"| manuals on 2 cores vs 1 ({m['manuals']} manuals) | {m['sequential_s']:.1f} s vs {m['parallel_s']:.1f} s = "
        f"{m['sequential_s'] / m['parallel_s']:.2f}× faster | (measured) |",
        f"| warm rebuild renders no manual | {m['warm_rendered']} rendered, {m['warm_s']:.2f} s | "
        f"{_yes(m['warm_rendered'] == 0)} |",
        f"| after editing one program only its manuals render | {e['edited_rendered']} of the cold build's "
        f"{e['cold_rendered']} (cold {e['cold_s']:.1f} s, warm {e['warm_s']:.1f} s, edited {e['edited_s']:.1f} s) | "
        f"{_yes(e['edited_rendered'] == 2 and e['warm_rendered'] == 0)} |",
    ]
    if len(r["sizes"]) > 1:
        lines += [
            "",
            "## Growth",
            "",
            "| size | check | build --no-pdf | plain MkDocs | pages | check RSS | build RSS |",
            "|---|---|---|---|---|---|---|",
        ]
        for scale, size in sorted(r["sizes"].items(), key=lambda kv: float(kv[0])):
            if "build_s" in size:
                lines.append(
                    f"| {scale}× | {size['check_s']:.2f} s | {size['build_s']:.1f} s | {size['plain_s']:.1f} s | "
                    f"{size['pages']} | {size['check_rss_mb']} MB | {size['build_rss_mb']} MB |"
                )
            else:
                lines.append(
                    f"| {scale}× | {size['check_s']:.2f} s | not measured | not measured | | "
                    f"{size['check_rss_mb']} MB | |"
                )
        half, double = r["sizes"]["0.5"], r["sizes"]["2.0"]
        turn_about = r.get("growth_check")
        checks = (
            {float(k): v for k, v in turn_about.items()}
            if turn_about
            else {0.5: half["check_s"], 1.0: one["check_s"], 2.0: double["check_s"]}
        )
        growth = checks[2.0] / checks[1.0]
        lines += [
            "",
            (
                f"`check` at ½×, 1× and 2×, run turn about ({max(r['runs'], 5)} rounds, medians): "
                f"{checks[0.5]:.2f} s, {checks[1.0]:.2f} s, {checks[2.0]:.2f} s. "
                if turn_about
                else ""
            )
            + f"2× the data costs {growth:.2f}× the check time (target ≤ 2.2×: {_yes(growth <= 2.2)}); "
            f"½× costs {checks[0.5] / checks[1.0]:.2f}× the check time and "
            f"{half['build_s'] / one['build_s']:.2f}× the build time.",
        ]
        if "build_s" in double:
            lines[-1] += f" 2× costs {double['build_s'] / one['build_s']:.2f}× the build time."
    notes = HERE / "NOTES.md"  # before/after and where the time went: written by hand from profiles
    if notes.is_file():
        lines += ["", notes.read_text().rstrip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
