"""Commit dates git stores but Python's dates cannot hold: an odd offset is read, an absurd
time is a note about the history, never a failure of check or build."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops import cli
from trainops.load.history import git
from trainops.load.loading import load_project
from trainops.load.settings import read_settings


def restamp_head(repo: GitRepo, stamp: str) -> None:
    """Give HEAD's committer the raw ``<seconds> <offset>`` git keeps, which ``git commit`` would
    normalise (an offset such as +2400 is stored as written by other tools)."""
    raw = repo.git("cat-file", "commit", "HEAD")
    changed = re.sub(r"(?m)^(committer .*> )\S+ \S+$", lambda m: m[1] + stamp, raw, count=1)
    assert changed != raw
    path = repo.root / ".git" / "restamped"
    path.write_text(changed, encoding="utf-8")
    commit = repo.git("hash-object", "-t", "commit", "-w", str(path)).strip()
    path.unlink()
    repo.git("update-ref", "HEAD", commit)


def moved_day1(tmp_path, stamp: str) -> GitRepo:
    repo = example_repo(tmp_path / "repo")
    repo.edit_session("onb-2026-12-01", "start", "2026-12-01 10:00")
    repo.commit("Day 1 at ten", "2026-11-20T10:00:00+00:00")
    restamp_head(repo, stamp)
    return repo


def history_of(repo: GitRepo):
    project, _ = load_project(repo.root, read_settings(repo.root)[0], TODAY, None, history=True)
    return project.history


def test_a_commit_with_an_offset_of_24_hours_is_read_with_its_local_day(tmp_path):
    moment = int(datetime(2026, 11, 20, 10, tzinfo=UTC).timestamp())
    repo = moved_day1(tmp_path, f"{moment} +2400")
    history = history_of(repo)
    assert history.available and history.problem == ""
    moved = history.of_session("onb-2026-12-01")[-1]
    assert moved.when == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert moved.day == date(2026, 11, 21)  # 10:00 UTC at +24:00 is the next day there


@pytest.mark.parametrize("stamp", ["99999999999999 +0000", "99999999999999999999999 +0000"])
def test_a_commit_dated_beyond_year_9999_is_a_note_not_a_failure(stamp, tmp_path, capsys):
    repo = moved_day1(tmp_path, stamp)
    history = history_of(repo)
    assert not history.available
    assert "has a date trainops cannot read" in history.problem and "no history of changes" in history.problem
    assert cli.main(["check", "--project", str(repo.root), "--today", TODAY.isoformat()]) == 0
    site = tmp_path / "site"
    build = ["build", "--project", str(repo.root), "--today", TODAY.isoformat(), "--no-pdf", "--site-dir", str(site)]
    assert cli.main(build) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "has a date trainops cannot read" in err
    assert (site / "index.html").is_file()


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [
        ("-99999999999999", "1970-01-01T00:00:00+00:00"),
        ("1700000000", "3170843-11-07T09:46:39+00:00"),
        ("1700000000", "2023-02-30T00:00:00+00:00"),
        ("soon", "2023-11-14T22:13:20+00:00"),
    ],
)
def test_a_date_no_python_date_holds_is_git_unavailable_with_a_sentence(stamp, iso):
    with pytest.raises(git.GitUnavailable, match=r"^commit 0123456789 has a date trainops cannot read"):
        git.commit_time("0123456789" * 4, stamp, iso)
