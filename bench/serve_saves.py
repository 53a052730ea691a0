"""Processor time of a preview's save, in one process: what ``trainops serve`` does at each save
(``SiteSnapshot`` made again with the preview's ``KeptBetweenSaves``, the changed page rendered),
without the HTTP polling and the other processes that ``bench/serve.py`` measures along.

    python bench/serve_saves.py ORG [--kinds session,program,sop,page] [--saves 7] [--profile FILE] [--ops]

ORG is an organisation made by ``bench/serve.py`` (``WORK/org``). Each kind of edit is saved
``--saves`` times (the file is put back after); printed: each save's processor seconds and their
median. Processor time, not wall time: the machine is shared, and another process's work is not
this one's (a full garbage collection is: it lands in whichever save allocates past its threshold).
``--profile FILE``: one more save of each kind under cProfile, written to ``FILE.KIND``.
``--ops``: what a save and then opening ``/ops/`` cost: a ``Preview`` told of the save (the learner
site made again) and asked for the coordinator site's home page.
"""

from __future__ import annotations

import argparse
import cProfile
import re
import statistics
import time
from datetime import date
from pathlib import Path

from trainops.mkdocs_plugin.kept import KeptBetweenSaves
from trainops.mkdocs_plugin.preview.sites import Preview
from trainops.mkdocs_plugin.preview.snapshot import SiteSnapshot
from trainops.plan.sites import LEARNERS

TODAY = date(2026, 11, 23)


def edits(org: Path) -> dict:
    """By kind: the file edited, the page that shows it, and the edit (its text, a run number)."""
    sop = next(p for p in sorted((org / "sops").glob("*.md")) if "audience: learner" in p.read_text())
    return {
        "session": (
            org / "programs" / "schedule.yaml",
            "programs/program-0000/",
            lambda text, n: re.sub(r"(start: \d{4}-\d\d-\d\d 08:)\d\d", rf"\g<1>{5 * n % 60:02d}", text, count=1),
        ),
        "program": (
            org / "programs" / "program-0000.yaml",
            "programs/program-0000/",
            lambda text, n: re.sub(r"(?m)^name: .*$", f"name: Renamed program {n}", text, count=1),
        ),
        "sop": (sop, f"sops/{sop.stem}/", lambda text, n: text + f"\nA line added, save {n}.\n"),
        "page": (org / "content" / "index.md", "", lambda text, n: text + f"\nA line added, save {n}.\n"),
    }


def save(org: Path, kept: KeptBetweenSaves | Preview, page: str) -> None:
    if isinstance(kept, Preview):
        kept.saved()
        assert kept.respond("/ops/").status == 200
        return
    snapshot = SiteSnapshot(org, LEARNERS, TODAY, kept)
    file = snapshot.file_at(page)
    assert file is not None, page
    snapshot.content(file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org", type=Path)
    parser.add_argument("--kinds", default="session,program,sop,page")
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--ops", action="store_true", help="the coordinator site's home page instead")
    args = parser.parse_args()
    for kind in args.kinds.split(","):
        path, page, edit = edits(args.org)[kind]
        original = path.read_text(encoding="utf-8")
        kept = Preview(args.org, TODAY, "") if args.ops else KeptBetweenSaves()
        save(args.org, kept, page)  # (the preview's start: what it keeps is made)
        seconds = []
        try:
            for n in range(1, args.saves + 1):
                path.write_text(edit(original, n), encoding="utf-8")
                start = time.process_time()
                save(args.org, kept, page)
                seconds.append(time.process_time() - start)
            if args.profile:
                path.write_text(edit(original, args.saves + 1), encoding="utf-8")
                names = {"org": args.org, "kept": kept, "page": page}
                cProfile.runctx("save(org, kept, page)", globals(), names, f"{args.profile}.{kind}")
        finally:
            path.write_text(original, encoding="utf-8")
        each = " ".join(f"{s:.2f}" for s in seconds)
        print(f"{kind}: {each}; median {statistics.median(seconds):.2f} s of processor time")


if __name__ == "__main__":
    main()
