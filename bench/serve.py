"""Benchmark of ``trainops serve``: start, edit to changed page, errors, peak memory, idle CPU.

    python bench/serve.py WORK [--programs 300] [--sops 1500] [--sessions 20000] [--people 150]
                               [--seed 1] [--runs 5] [--out FILE]

Generates the organisation in WORK (kept for the next run), commits it to git, starts ``serve`` once
to fill the cache and again to measure: the start is the time until the home page is served.
Then each kind of edit is saved ``--runs`` times (a session's start time, a program's name, an
SOP's body, a hand-written page) and timed from the save to the moment the page that shows it
has changed bytes (asked over HTTP every 50 ms, the live-reload script taken out); likewise an
error in a program (until the page shows it) and its fix (until the page is back), and the same
edit of a program seen on the coordinator site (``/ops/``). Peak RSS is the server's high-water
mark; idle CPU is its processor time over 10 s with nothing changing. Medians are printed as a
Markdown table (and appended to ``--out`` if given).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_org import generate  # noqa: E402

TODAY = "2026-11-23"
_SCRIPT = re.compile(rb"<script>\(function \(\) \{\n  var version = \d+;.*?\}\)\(\);</script>", re.S)
ERROR_PAGE = b"the preview cannot show this page"


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return _SCRIPT.sub(b"", response.read())
    except OSError:
        return None


def wait_until(url: str, done, limit: float = 300) -> float:
    """Seconds until ``done(page bytes)`` holds for the page at ``url``."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        body = fetch(url)
        if body is not None and done(body):
            return time.monotonic() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not change within {limit} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(org: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    command = [sys.executable, "-m", "trainops", "serve", "--today", TODAY, "--dev-addr", f"127.0.0.1:{port}"]
    log = open(org.parent / "serve.log", "a", encoding="utf-8")  # noqa: SIM115  (the server's life)
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=org, stdout=subprocess.DEVNULL, stderr=log)
    address = f"http://127.0.0.1:{port}/"
    wait_until(address, lambda body: ERROR_PAGE not in body and b"<html" in body)
    return server, address, time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_edit(path: Path, edit, url: str) -> float:
    """Seconds from saving ``edit(text)`` into ``path`` to the page at ``url`` changing."""
    before = fetch(url)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return wait_until(url, lambda body: body != before)


def session_moved(minute: int):
    """The first session at 08:xx starts at 08:``minute``."""
    return lambda text: re.sub(r"(start: \d{4}-\d\d-\d\d 08:)\d\d", rf"\g<1>{minute:02d}", text, count=1)


def renamed(name: str):
    return lambda text: re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1)


def appended(line: str):
    return lambda text: text + line


def measure(org: Path, runs: int) -> dict[str, object]:
    server, address, start = start_serve(org)
    try:
        schedule, program = org / "programs" / "schedule.yaml", org / "programs" / "program-0000.yaml"
        sop = next(p for p in sorted((org / "sops").glob("*.md")) if "audience: learner" in p.read_text())
        page = org / "content" / "index.md"
        guide, sop_url = f"{address}programs/program-0000/", f"{address}sops/{sop.stem}/"
        for url in (guide, sop_url, f"{address}ops/"):
            fetch(url)  # (each page seen once before its edit, as a coordinator has it open)
        kinds = ("session", "program", "sop", "page", "ops", "error", "fixed")
        figures: dict[str, list[float]] = {kind: [] for kind in kinds}
        for run in range(1, runs + 1):
            line = f"\nA line added by the benchmark, run {run}.\n"
            figures["session"].append(timed_edit(schedule, session_moved(5 * run % 60), guide))
            figures["program"].append(timed_edit(program, renamed(f"Renamed program {run}"), guide))
            figures["sop"].append(timed_edit(sop, appended(line), sop_url))
            figures["page"].append(timed_edit(page, appended(line), address))
            figures["ops"].append(timed_edit(program, renamed(f"Ops renamed {run}"), f"{address}ops/"))
            good = program.read_text(encoding="utf-8")
            program.write_text(good.replace("\nowner:", "\nowners:", 1), encoding="utf-8")
            figures["error"].append(wait_until(guide, lambda body: ERROR_PAGE in body))
            program.write_text(good, encoding="utf-8")
            figures["fixed"].append(wait_until(guide, lambda body: ERROR_PAGE not in body))
        time.sleep(2)
        before = cpu_seconds(server.pid)
        time.sleep(10)
        idle = (cpu_seconds(server.pid) - before) / 10 * 100
        peak = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"start": start, **{k: statistics.median(v) for k, v in figures.items()}, "idle": idle, "peak": peak}


def prepare(work: Path, args) -> Path:
    org = work / "org"
    if not (org / "mkdocs.yml").is_file():
        generate(org, args.programs, args.sops, args.sessions, args.people, args.seed)
        subprocess.run(["git", "init", "-q"], cwd=org, check=True)
        subprocess.run(["git", "add", "-A"], cwd=org, check=True)
        identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        subprocess.run(["git", *identity, "commit", "-qm", "the organisation"], cwd=org, check=True)
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=org, check=True)  # (a stopped run's edits undone)
    return org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--sops", type=int, default=1500)
    parser.add_argument("--sessions", type=int, default=20000)
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    org = prepare(args.work, args)
    server, _, _ = start_serve(org)  # the cache filled (a warm start is measured)
    server.terminate()
    server.wait(timeout=30)
    r = measure(org, args.runs)
    size = f"{args.programs} programs / {args.sops} SOPs / {args.sessions} sessions"
    rows = [
        ("start (warm cache) to the home page served", f"{r['start']:.1f} s"),
        ("a session's start time → its program's page", f"{r['session']:.2f} s"),
        ("a program's name → its page", f"{r['program']:.2f} s"),
        ("an SOP's body → its page", f"{r['sop']:.2f} s"),
        ("a hand-written page → it", f"{r['page']:.2f} s"),
        ("a program's name → the coordinator site's home (/ops/)", f"{r['ops']:.2f} s"),
        ("an error in a program → shown on its page", f"{r['error']:.2f} s"),
        ("the error fixed → the page back", f"{r['fixed']:.2f} s"),
        ("peak RSS", f"{r['peak']:.0f} MB"),
        ("idle CPU over 10 s", f"{r['idle']:.1f} % of a core"),
    ]
    table = f"\n| {size}, median of {args.runs} | measured |\n|---|---|\n"
    table += "".join(f"| {name} | {value} |\n" for name, value in rows)
    print(table)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write(table)


if __name__ == "__main__":
    main()
