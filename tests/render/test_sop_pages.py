"""An SOP's page on the coordinator site: its changes since its review as a diff of lines, the old
side labelled with the commit and day it is from; the learner site's pages show no diff."""

from __future__ import annotations

import re

import pytest

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.sites import COORDINATORS, LEARNERS
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.site import RenderContext
from trainops.render.sop_pages import render_sop_page


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> GitRepo:
    """The example committed on 1 Oct; on 21 Nov two SOPs change: one reviewed on 15 Sep (before
    its first commit), one on 20 Oct (after it)."""
    repo = example_repo(tmp_path_factory.mktemp("sop-pages") / "repo")
    repo.edit("sops/new-hire-cohort-setup.md", "\n1. ", "\n1. Call <b>555-0199</b> & book the room.\n1. ")
    repo.edit("sops/send-session-reminders.md", "## Steps", "## What to do")
    repo.edit("sops/join-an-online-session.md", "1. Join five minutes", "1. Join ten minutes")
    repo.commit("Cohort set-up: book the room first", "2026-11-21T10:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def project(repo):
    loaded, diagnostics = load_project(repo.root, read_settings(repo.root)[0], TODAY, None, history=True)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return loaded


def _page(project, slug: str, site: str = COORDINATORS) -> str:
    return render_sop_page(RenderContext(project, project_environment(project), Urls(), site=site), project.sops[slug])


def _diff_rows(page: str) -> list[tuple[str, str]]:
    """(kind, text) of each line of the page's diff."""
    rows = re.findall(r'<tr class="trainops-diff__line trainops-diff__line--(\w+)">(.*?)</tr>', page)
    return [
        (kind, re.sub(r"<[^>]+>", "", re.findall(r'<td class="trainops-diff__text">(.*?)</td>', row)[0]))
        for kind, row in rows
    ]


def test_the_diff_marks_added_lines_and_escapes_them(project):
    page = _page(project, "new-hire-cohort-setup")
    assert ("added", "1. Call &lt;b&gt;555-0199&lt;/b&gt; &amp; book the room.") in _diff_rows(page)
    assert "<b>555-0199</b>" not in page.split("</details>")[0]  # data is text, never markup
    assert '<span aria-hidden="true">+</span><span class="trainops-diff__hidden">added</span>' in page


def test_the_old_side_of_an_sop_younger_than_its_review_is_its_first_commit(project, repo):
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()[:10]
    summary = re.search(r"<summary>(.*?)</summary>", _page(project, "new-hire-cohort-setup")).group(1)
    assert summary == (
        f"What changed since the review: commit {first} of 1 October 2026 "
        "(its first version: the review of 15 September 2026 is older) and now"
    )
    assert "reviewed 2026-09-15" not in summary


def test_the_old_side_of_a_reviewed_sop_is_the_version_it_had_that_day(project, repo):
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()[:10]
    page = _page(project, "send-session-reminders")
    summary = re.search(r"<summary>(.*?)</summary>", page).group(1)
    assert summary == f"What changed since the review: commit {first} of 1 October 2026 and now"
    assert [row for row in _diff_rows(page) if row[0] != "same"] == [
        ("removed", "## Steps"),
        ("added", "## What to do"),
    ]


def test_learners_sop_pages_have_no_diff(project):
    page = _page(project, "join-an-online-session", LEARNERS)
    assert "trainops-diff" not in page and "Changed since its last review" not in page
