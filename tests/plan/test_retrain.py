"""Retrain due, from a real git history: a significant change of a program or one of its SOPs
marks exactly the learners who completed before it (the example's records: Onboarding completed by
E1002 and E1005 on 8 Oct and E1003 on 13 Oct; Compliance refresher by E1007 on 15 Oct and E1008
on 22 Oct, and waived for E1001)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.load.history.significant import significant_changes
from trainops.load.loading import load_project
from trainops.load.records import load_records
from trainops.load.settings import read_settings
from trainops.plan.retrain import retrain_due

SOP = "sops/new-hire-cohort-setup.md"  # an SOP of Onboarding only


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return example_repo(tmp_path / "org", records=True)  # (the example's records committed with it)


def due_now(repo: GitRepo, today: date = TODAY) -> dict[str, list[tuple[str, str, str]]]:
    settings, _ = read_settings(repo.root)
    project, _ = load_project(repo.root, settings, today)
    records, _ = load_records(repo.root, settings, project)
    paths = [p.path for p in project.programs.values()] + [s.path for s in project.sops.values()]
    changes = significant_changes(repo.root, paths)
    found = retrain_due(project, records, changes)
    return {slug: [(d.learner, d.change.path, d.change.why) for d in due] for slug, due in found.items()}


def test_a_significant_sop_change_marks_exactly_the_earlier_completers(repo):
    repo.edit(SOP, "review_every: 6 months\n", "review_every: 6 months\nsignificant: true\n")
    repo.edit(SOP, "\n1. ", "\n1. Book the room first.\n1. ")
    repo.commit("Cohort set-up: book the room first", "2026-10-10T09:00:00+00:00")
    assert due_now(repo) == {
        "onboarding": [("E1002", SOP, "front matter"), ("E1005", SOP, "front matter")],
    }
    # A later edit that leaves the flag in place is no new significant change.
    repo.edit(SOP, "Book the room first.", "Book the room first!")
    repo.commit("Typo", "2026-10-20T09:00:00+00:00")
    assert len(significant_changes(repo.root, [SOP])) == 1
    assert list(due_now(repo)) == ["onboarding"]


def test_the_commit_trailer_marks_a_program_change_and_a_plain_commit_does_not(repo):
    program = "programs/compliance-refresher.yaml"
    (repo.root / program).write_text((repo.root / program).read_text() + "\n# wording\n")
    repo.commit("Compliance refresher: wording", "2026-10-16T09:00:00+00:00")
    assert due_now(repo) == {}
    (repo.root / program).write_text((repo.root / program).read_text() + "# the new reporting rule\n")
    repo.commit("Compliance refresher: the new reporting rule\n\nSignificant: yes", "2026-10-18T09:00:00+00:00")
    # E1007 completed on 15 Oct (before); E1008 on 22 Oct (after); E1001's waiver has no training date.
    assert due_now(repo) == {"compliance-refresher": [("E1007", program, "trailer")]}


def test_a_change_before_the_completions_marks_nobody(repo):
    repo.edit(SOP, "review_every: 6 months\n", "review_every: 6 months\nsignificant: true\n")
    repo.commit("Cohort set-up changes", "2026-10-07T09:00:00+00:00")
    # Every Onboarding completer was trained after 7 Oct (the session's day counts as trained on it).
    assert due_now(repo) == {}


def test_a_session_attended_after_the_change_clears_it(repo):
    repo.edit(SOP, "review_every: 6 months\n", "review_every: 6 months\nsignificant: true\n")
    repo.commit("Cohort set-up changes", "2026-10-10T09:00:00+00:00")
    sheet = repo.root / "records/attendance/2026/onb-2026-12-01.csv"
    sheet.write_text("learner,status,minutes,note\nE1002,present,,\n", encoding="utf-8")
    repo.commit("Day 1 sign-in sheet", "2026-12-01T18:00:00+00:00")
    assert due_now(repo, date(2026, 12, 5)) == {"onboarding": [("E1005", SOP, "front matter")]}
