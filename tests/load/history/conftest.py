"""The history tests' repository: the example organisation with a made-up history."""

from __future__ import annotations

import pytest

from tests.helpers.gitrepo import GitRepo, example_repo

# What happened (the example's invites go out 14 days before Day 1 and Day 2, 21 days before
# the compliance clinics, 14 days before the platform workshops):
#   10 Nov  Day 2 (2 Dec) moves to 10:00: before its invite (18 Nov), so no notice
#   20 Nov  Day 1 (1 Dec) moves to 10:00-12:30: after its invite (17 Nov): a change notice;
#           the super-user workshop (26 Jan) changes room: long before its invite (12 Jan);
#           the Europe clinic (9 Feb) is cancelled
#   21 Nov  an SOP's text changes (reviewed 15 Sep)
#   22 Nov  Onboarding gets a new outcome (its SOPs were all reviewed before)
COMMITS = {}


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory) -> GitRepo:
    repo = example_repo(tmp_path_factory.mktemp("history") / "repo")
    COMMITS["first"] = repo.git("rev-parse", "HEAD").strip()
    repo.edit_session("onb-2026-12-02", "start", "2026-12-02 10:00")
    COMMITS["day2"] = repo.commit("Day 2 starts at ten", "2026-11-10T15:00:00+01:00")
    repo.edit_session("onb-2026-12-01", "start", "2026-12-01 10:00")
    repo.edit_session("onb-2026-12-01", "end", "12:30")
    repo.edit_session("plat-2027-01-26", "room", "LA Ops Lab 2")
    repo.edit_session("comp-2027-02-09", "status", "cancelled")
    COMMITS["day1"] = repo.commit(
        "Day 1 half an hour later; a new room; the Europe clinic is off", "2026-11-20T10:00:00+00:00"
    )
    repo.edit("sops/new-hire-cohort-setup.md", "\n1. ", "\n1. Book the room first.\n1. ")
    COMMITS["sop"] = repo.commit("Cohort set-up: book the room first", "2026-11-21T10:00:00+00:00")
    repo.edit("programs/onboarding.yaml", "outcomes:\n", "outcomes:\n  - Find the help desk on day one\n")
    COMMITS["outcome"] = repo.commit("Onboarding: a new outcome", "2026-11-22T10:00:00+00:00")
    return repo


@pytest.fixture(scope="session")
def commits(history_repo) -> dict[str, str]:
    return dict(COMMITS)
