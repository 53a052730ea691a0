"""committed_attendance: every committed version of the sheets there are now, read from a real
git repository; and why not, in a sentence, when there is no history."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import copy_example
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.load.records.attendance_history import committed_attendance
from trainops.load.settings import read_settings
from trainops.store.cache import DataCache

SHEET = "records/attendance/2026/onb-2026-10-06.csv"
OTHER = "records/attendance/2026/comp-2026-10-15.csv"


def write(repo: GitRepo, rel: str, text: str) -> None:
    (repo.root / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo.root / rel).write_text(text, encoding="utf-8")


def test_every_version_of_a_sheet_that_exists_now(tmp_path: Path):
    repo = example_repo(tmp_path / "org")
    write(repo, SHEET, "learner,status\nE1,present\nE2,absent\n")
    write(repo, OTHER, "learner,status\nE3,present\n")
    repo.commit("Sign-in sheets", "2026-10-16T09:00:00+00:00")
    write(repo, SHEET, "learner,status\nE1,present\nE2,excused\n")
    repo.commit("E2 was excused", "2026-10-17T09:00:00+00:00")
    (repo.root / OTHER).unlink()  # pruned: its versions correct nothing
    repo.commit("Prune", "2026-10-18T09:00:00+00:00")
    settings, _ = read_settings(repo.root)
    rows, why = committed_attendance(repo.root, settings, {"onb-2026-10-06"})
    assert why == ""
    seen = sorted((r.session_id, r.learner, r.status, r.path, r.line) for r in rows)
    assert seen == [
        ("onb-2026-10-06", "E1", "present", SHEET, 2),
        ("onb-2026-10-06", "E1", "present", SHEET, 2),
        ("onb-2026-10-06", "E2", "absent", SHEET, 3),
        ("onb-2026-10-06", "E2", "excused", SHEET, 3),
    ]


def test_each_version_is_parsed_once_per_content(tmp_path: Path):
    repo = example_repo(tmp_path / "org")
    write(repo, SHEET, "learner,status\nE1,present\n")
    repo.commit("Sheet", "2026-10-16T09:00:00+00:00")
    settings, _ = read_settings(repo.root)
    cache = DataCache(tmp_path / "cache")
    first, _ = committed_attendance(repo.root, settings, {"onb-2026-10-06"}, cache)
    assert cache.get("records-attendance", SHEET, (repo.root / SHEET).read_bytes()) == (tuple(first), [])


def test_no_repository_says_why(tmp_path: Path):
    root = copy_example(tmp_path / "org")
    shutil.rmtree(root / ".git", ignore_errors=True)
    settings, _ = read_settings(root)
    rows, why = committed_attendance(root, settings, {"onb-2026-10-06"})
    assert rows == []
    assert why == "the project is not in a git repository"
