"""What the history says changed, read from a repository this code has never seen."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo
from trainops.load.history.reader import read_history
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.changes import WORK_TREE, Slot
from trainops.store.cache import DataCache


def load(root, today=TODAY, cache=None):
    project, diagnostics = load_project(root, read_settings(root)[0], today, cache, history=True)
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


def summary(changes):
    return [(c.kind, c.subject, c.day.isoformat()) for c in changes if c.kind != "added"]


def test_every_change_with_its_commit_and_values(history_repo, commits):
    history = load(history_repo.root).history
    assert history.available and history.problem == "" and not history.dirty
    assert summary(history.changes) == [
        ("moved", "onb-2026-12-02", "2026-11-10"),
        ("cancelled", "comp-2027-02-09", "2026-11-20"),
        ("moved", "onb-2026-12-01", "2026-11-20"),
        ("room", "plat-2027-01-26", "2026-11-20"),
        ("sop", "new-hire-cohort-setup", "2026-11-21"),
        ("program", "onboarding", "2026-11-22"),
    ]
    moved = history.of_session("onb-2026-12-01")[-1]
    assert commits["day1"].startswith(moved.commit)
    assert moved.when == datetime(2026, 11, 20, 10, tzinfo=UTC) and len(moved.commit) == 10
    assert moved.summary.startswith("Day 1 half an hour later") and moved.program == "onboarding"
    assert isinstance(moved.old, Slot) and isinstance(moved.new, Slot)
    assert (f"{moved.old.start:%H:%M}", f"{moved.old.end:%H:%M}") == ("09:30", "12:00")
    assert (f"{moved.new.start:%H:%M}", f"{moved.new.end:%H:%M}", moved.new.zone) == (
        "10:00",
        "12:30",
        "America/New_York",
    )
    day2 = history.of_session("onb-2026-12-02")[-1]
    assert day2.when == datetime(2026, 11, 10, 14, tzinfo=UTC) and day2.day == date(2026, 11, 10)  # committed at +01:00
    room = history.of_session("plat-2027-01-26")[-1]
    assert (room.old, room.new) == ("LA Ops Lab", "LA Ops Lab 2")
    cancelled = history.of_session("comp-2027-02-09")[-1]
    assert (cancelled.old, cancelled.new) == ("confirmed", "cancelled")
    program = history.of_program("onboarding")[-1]
    assert program.fields == ("outcomes",) and program.sections == ("What you will be able to do",)
    assert program.new["outcomes"][0] == "Find the help desk on day one"
    assert program.new["outcomes"][1:] == program.old["outcomes"]
    sop = history.of_sop("new-hire-cohort-setup")[-1]
    assert sop.fields == ("body",) and sop.title == "Set up a new hire cohort"
    assert sop.steps == (("", "Book the room first."),)  # in the page's words: no list marker
    # Every session of the first commit was added by it.
    added = [c for c in history.changes if c.kind == "added"]
    assert {c.commit for c in added} == {commits["first"][:10]}


def test_the_sop_diff_since_its_review(history_repo, commits):
    diff = load(history_repo.root).history.sop_diffs["new-hire-cohort-setup"]
    assert "1. Book the room first." in diff.new and "1. Book the room first." not in diff.old
    # Reviewed on 15 Sep, before its first commit: the old side is that commit's text, and says so.
    assert (diff.commit, diff.day, diff.reviewed) == (commits["first"][:10], date(2026, 10, 1), date(2026, 9, 15))
    assert not diff.from_review
    assert list(load(history_repo.root).history.sop_diffs) == ["new-hire-cohort-setup"]


def test_last_modified_is_the_last_change_or_the_addition(history_repo, commits):
    history = load(history_repo.root).history
    assert history.last_modified("onb-2026-12-01") == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert history.last_change("onb-2026-12-01").kind == "moved"
    # Never changed: the commit that added it.
    assert history.last_modified("onb-2026-12-04") == datetime(2026, 10, 1, 9, tzinfo=UTC)
    assert history.last_change("onb-2026-12-04").kind == "added"
    assert history.last_change("no-such-session") is None


def test_uncommitted_edits_are_the_newest_version_dated_today(history_repo, tmp_path):
    clone = tmp_path / "clone"
    history_repo.git("clone", "-q", str(history_repo.root), str(clone))
    work = GitRepo(clone)
    work.edit_session("onb-2026-12-04", "room", "HQ 5C")
    (clone / "sops" / "new-sop.md").write_text((clone / "sops" / "new-hire-cohort-setup.md").read_text())
    history = load(clone).history
    assert history.dirty
    (change,) = [c for c in history.changes if c.commit == WORK_TREE and c.kind != "added"]
    assert (change.kind, change.subject, change.old, change.new) == ("room", "onb-2026-12-04", None, "HQ 5C")
    assert change.day == TODAY and change.when == datetime(2026, 11, 23, tzinfo=UTC)
    assert history.last_change("onb-2026-12-04") == change


def test_a_detached_head_reads_the_history_up_to_it(history_repo, commits, tmp_path):
    clone = tmp_path / "detached"
    history_repo.git("clone", "-q", str(history_repo.root), str(clone))
    GitRepo(clone).git("checkout", "-q", commits["day1"])
    assert summary(load(clone).history.changes)[-1] == ("room", "plat-2027-01-26", "2026-11-20")


def test_no_history_without_git_or_in_a_shallow_clone(history_repo, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(history_repo.root, copy, ignore=shutil.ignore_patterns(".git"))
    plain = load(copy).history
    assert not plain.available and plain.changes == []
    assert "not in a git repository" in plain.problem and "fetch-depth: 0" in plain.problem
    shallow = tmp_path / "shallow"
    history_repo.git("clone", "-q", "--depth", "1", f"file://{history_repo.root}", str(shallow))
    cut = load(shallow).history
    assert not cut.available and "shallow clone" in cut.problem and "git fetch --unshallow" in cut.problem


def test_no_commit_yet_is_no_history(tmp_path):
    from tests.helpers import copy_example

    root = copy_example(tmp_path / "new")
    GitRepo(root).git("init", "-q")
    history = load(root).history
    assert not history.available and "no commit yet" in history.problem


def test_no_history_in_an_enclosing_repository_names_what_helps_there(tmp_path):
    # (issue 25: the remedy named a clone of the project, which has no repository to clone)
    from tests.helpers import copy_example

    outer = GitRepo(tmp_path / "outer")
    outer.root.mkdir()
    outer.git("init", "-q", "-b", "main")
    project = copy_example(outer.root / "training")
    top = str(outer.root.resolve())
    history = load(project).history
    assert not history.available and "no commit yet" in history.problem
    assert f"commit the project in the repository at {top}" in history.problem
    assert "`git init` in its folder" in history.problem and "full history" not in history.problem

    outer.commit("The training folder", "2026-10-01T09:00:00+00:00")
    outer.commit("More", "2026-10-02T09:00:00+00:00")  # (an empty commit: a clone of depth 1 is cut)
    shallow = tmp_path / "shallow"
    outer.git("clone", "-q", "--depth", "1", f"file://{outer.root}", str(shallow))
    cut = load(shallow / "training").history
    assert not cut.available and "shallow clone" in cut.problem
    assert f"fetch the full history of the repository at {shallow.resolve()}" in cut.problem
    assert f"`git -C {shallow.resolve()} fetch --unshallow`" in cut.problem
    assert "`git init` in its folder" in cut.problem
    assert "the repository at" in cut.note  # (and the note says whose history it is)


def test_the_same_commit_gives_the_same_history_cold_and_warm(history_repo, tmp_path):
    cache = DataCache(tmp_path / "cache")
    cold = load(history_repo.root, cache=cache).history
    assert cache.misses and not cache.hits
    warm_cache = DataCache(tmp_path / "cache")
    warm = load(history_repo.root, cache=warm_cache).history
    assert warm_cache.hits and warm.changes == cold.changes and warm.sop_diffs == cold.sop_diffs
    assert read_history(load(history_repo.root)).changes == cold.changes  # and without a cache


def test_an_sop_renamed_keeps_its_history_and_a_broken_version_is_skipped(history_repo, tmp_path):
    clone = tmp_path / "renamed"
    history_repo.git("clone", "-q", str(history_repo.root), str(clone))
    work = GitRepo(clone)
    work.git("mv", "sops/new-hire-cohort-setup.md", "sops/cohort-setup.md")
    work.edit("programs/onboarding.yaml", "new-hire-cohort-setup", "cohort-setup")
    work.commit("Shorter name", "2026-11-22T12:00:00+00:00")
    work.edit_session("onb-2026-12-04", "start", "not a time")
    work.commit("A typo", "2026-11-22T13:00:00+00:00")
    work.edit_session("onb-2026-12-04", "start", "2026-12-04 11:00")
    work.commit("Day 4 at eleven", "2026-11-22T14:00:00+00:00")
    project, _ = load_project(clone, read_settings(clone)[0], TODAY, None, history=True)
    history = project.history
    assert [c.summary for c in history.of_sop("cohort-setup")] == ["Cohort set-up: book the room first"]
    assert "cohort-setup" in history.sop_diffs
    assert summary(history.of_session("onb-2026-12-04")) == [("moved", "onb-2026-12-04", "2026-11-22")]
    assert history.of_session("onb-2026-12-04")[-1].summary == "Day 4 at eleven"


@pytest.mark.parametrize("kind", ["program", "sop"])
def test_ownership_and_reviews_are_no_change(history_repo, tmp_path, kind):
    clone = tmp_path / kind
    history_repo.git("clone", "-q", str(history_repo.root), str(clone))
    work = GitRepo(clone)
    if kind == "program":
        work.edit("programs/onboarding.yaml", "owner: jordan.lee", "owner: sam.patel")
    else:
        work.edit("sops/new-hire-cohort-setup.md", "last_reviewed: 2026-09-15", "last_reviewed: 2026-11-22")
    work.commit("Handoff and review", "2026-11-22T15:00:00+00:00")
    before = load(history_repo.root).history.changes
    assert load(clone).history.changes == before


def test_a_commit_subject_with_git_logs_separators_is_read(tmp_path):
    """A subject may hold any character, the log's separators too: the history still reads."""
    from tests.helpers.gitrepo import example_repo
    from trainops.load.history.git import log

    repo = example_repo(tmp_path / "repo")
    repo.edit("sops/new-hire-cohort-setup.md", "\n1. ", "\n1. Book the room first.\n1. ")
    repo.commit("weird \x1e subject \x1f with separators", "2026-11-21T10:00:00+00:00")
    subjects = [c.subject for c in log(repo.root, ["sops"])]
    assert subjects[-1] == "weird   subject   with separators"
