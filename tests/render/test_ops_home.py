"""The coordinator overview's Today list: one list across programs, each line linking where to act."""

from __future__ import annotations

import re

import pytest

from tests.plan.alternatives import load, records
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.sites import COORDINATORS
from trainops.plan.urls import Urls
from trainops.readiness import check_readiness
from trainops.render.environment import project_environment
from trainops.render.ops_home import render_ops_home
from trainops.render.site import RenderContext, render_site


def today_section(page: str) -> str:
    return page[page.index("## Today") : page.index("## Launches")]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#39;", "'").strip()


def test_the_example_overview_starts_with_today(example_project):
    ctx = RenderContext(example_project, project_environment(example_project), Urls(), False, COORDINATORS)
    [home, *_] = render_ops_home(ctx, check_readiness(example_project))
    assert home.content.index("## Today") < home.content.index("## Launches")
    items = re.findall(r"<li class=\"trainops-today__item.*?</li>", today_section(home.content), re.S)
    assert [text(i) for i in items] == [
        "New Hire Onboarding: 3 messages to send, 3 overdue since Tue 17 Nov 2026 (6 days ago)",
        "New Hire Onboarding: 1 failure point blocks Day 1 - Welcome, Tue 1 Dec 2026 (in 8 days): the SOP "
        "'Update completion records' was due for review on Fri 1 May 2026; review it, then update 'last_reviewed:'",
    ]
    # where to act: the oldest message on the reminders page, the checklist's first list
    assert 'href="programs/onboarding/reminders/#onb-2026-12-01-invite"' in items[0]
    assert 'href="programs/onboarding/launch-checklist/#fix-these-first"' in items[1]
    # the launches table counts the same messages
    assert "3 due</a>" in home.content


@pytest.fixture(scope="module")
def go_live_home(tmp_path_factory) -> str:
    project = load(tmp_path_factory.mktemp("go-live"))
    shown = coordinator_records(project, records(), names=False)
    return {g.docs_path: g.content for g in render_site(project, site=COORDINATORS, records=shown)}["index.md"]


def test_the_records_follow_ups_are_one_line_linking_their_section(go_live_home):
    today = today_section(go_live_home)
    [line] = [i for i in re.findall(r"<li class=\"trainops-today__item.*?</li>", today, re.S) if "follow-up" in i]
    assert '<a href="#follow-up"><strong>6 follow-ups</strong></a> from the training records' in line
    assert "and the training records' follow-ups" in today
    assert go_live_home.index("## Today") < go_live_home.index("## Follow up")
