"""An SOP's page: a learner whose procedure is past its review date is told so, and whom to ask."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import pytest

from trainops.plan.sites import COORDINATORS, LEARNERS
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.site import RenderContext
from trainops.render.sop_pages import render_sop_page

SOP = "join-an-online-session"  # a learner SOP of onboarding, compliance-refresher and platform-rollout


def _page(project, site: str = LEARNERS) -> str:
    ctx = RenderContext(project, project_environment(project), Urls(True), site=site)
    return render_sop_page(ctx, project.sops[SOP])


@pytest.fixture(scope="module")
def overdue(example_project):
    """The example on a day past the SOP's next review."""
    later = example_project.sops[SOP].next_review + timedelta(days=1)
    assert example_project.sops[SOP].overdue(later)
    return dataclasses.replace(example_project, today=later)


def _contacts(project) -> list[str]:
    ids = [project.programs[slug].data.learner_contact for slug in project.sops[SOP].meta.programs]
    return list(dict.fromkeys(project.people[i].name for i in ids))


def test_a_learner_is_told_the_procedure_is_due_for_review_and_whom_to_ask(overdue):
    html = _page(overdue)
    banner = re.search(r'<div class="admonition note trainops-review-due" role="note">(.*?)</div>', html, re.S)
    assert banner, html[:600]
    text = re.sub(r"<[^>]+>", "", banner.group(1))
    assert "This procedure is due for review; if something here does not match what you see, ask" in text
    names = _contacts(overdue)
    assert names and all(name in text for name in names)
    expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    assert text.rstrip().endswith(f"ask {expected}.")


def test_coordinators_get_their_own_warning_not_the_learners_banner(overdue):
    html = _page(overdue, COORDINATORS)
    assert "trainops-overdue" in html and "trainops-review-due" not in html


def test_no_banner_before_the_review_is_due(example_project):
    assert not example_project.sops[SOP].overdue(example_project.today)
    assert "trainops-review-due" not in _page(example_project)
