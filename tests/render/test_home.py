"""The generated end of the home page: every program with its next session, and the next sessions."""

from __future__ import annotations

import re

import pytest

from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.home import HOME_SESSION_LIMIT, render_home
from trainops.render.site import RenderContext


@pytest.fixture(scope="module")
def home(example_project) -> str:
    ctx = RenderContext(example_project, project_environment(example_project), Urls(True))
    return render_home(ctx)


def _part(home: str, heading: str) -> str:
    start = home.index(f"\n## {heading}\n")
    end = home.find("\n## ", start + 1)
    return home[start : end if end != -1 else None]


def test_it_has_the_two_sections_in_order(home):
    assert re.findall(r"^## (.*)$", home, re.M) == ["Programs", "Next sessions"]
    assert home.startswith("\n")  # appended to a hand-written page: never glued to its last line


def test_every_program_links_its_guide_with_its_summary_and_next_date(home, example_project):
    programs = _part(home, "Programs")
    names = re.findall(r'<a href="programs/[^"]+/"><strong>(.*?)</strong></a>', programs)
    assert names == sorted((r.name for r in example_project.programs.values()), key=str.lower)
    for slug, record in example_project.programs.items():
        item = programs[programs.index(f'href="programs/{slug}/"') :].split("</li>")[0]
        assert record.data.summary.replace("'", "&#39;") in item
        upcoming = [s for s in example_project.upcoming_sessions(slug) if s.status != "cancelled"]
        assert f'<time datetime="{upcoming[0].start.date().isoformat()}">' in item
    onboarding = programs[programs.index('href="programs/onboarding/"') :].split("</li>")[0]
    assert 'Next session: <time datetime="2026-12-01">Tue 1 Dec 2026</time>' in onboarding


def test_the_next_sessions_are_the_first_upcoming_ones_not_cancelled(home, example_project):
    upcoming = [s for s in example_project.upcoming_sessions() if s.status != "cancelled"]
    wanted = upcoming[:HOME_SESSION_LIMIT]
    sessions = _part(home, "Next sessions")
    links = re.findall(r'<li><a href="programs/([^/"]+)/#session-([^"]+)">', sessions)
    assert links == [(s.program, s.id) for s in wanted]
    assert len(links) == HOME_SESSION_LIMIT < len(upcoming)
    assert "comp-2027-02-16" not in home  # cancelled
    first = sessions.split("</li>")[0]
    assert "<strong>Day 1 - Welcome</strong></a> (New Hire Onboarding)" in first
    assert "Tue 1 Dec 2026, 09:30–12:00 Eastern Standard Time (UTC−05:00)" in first  # date, time and zone
    assert '<a href="schedule/">full schedule</a>' in sessions


def test_it_links_only_learner_pages(home):
    hrefs = re.findall(r'href="([^"]+)"', home)
    assert hrefs and all(h.startswith(("programs/", "schedule/")) for h in hrefs)
    assert not [h for h in hrefs if re.search(r"launch-checklist|reminders|handoff", h)]


def test_data_is_escaped(example_project):
    from dataclasses import replace

    record = example_project.programs["onboarding"]
    odd = replace(record, data=record.data.model_copy(update={"summary": "<script>alert(1)</script> & more"}))
    project = replace(example_project, programs={**example_project.programs, "onboarding": odd})
    home = render_home(RenderContext(project, project_environment(project), Urls(True)))
    assert "<script>" not in home and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in home


def test_without_programs_or_sessions_it_says_so(example_project):
    from dataclasses import replace

    empty = replace(example_project, programs={}, sessions=[])
    home = render_home(RenderContext(empty, project_environment(empty), Urls(True)))
    assert "<p>No programs yet.</p>" in home and "<p>No upcoming sessions.</p>" in home


def test_a_programs_tentative_next_session_is_marked_tentative(tmp_path):
    from tests.helpers.go_live import load_go_live

    project = load_go_live(tmp_path, {"d1-nyc": {"status": "tentative"}})
    home = render_home(RenderContext(project, project_environment(project), Urls(True)))
    item = home[home.index('href="programs/go-live/"') :].split("</li>")[0]
    assert "trainops-status--tentative" in item  # its next session, 7 Dec, is tentative
    other = home[home.index('href="programs/onboarding/"') :].split("</li>")[0]
    assert "tentative" not in other


def test_next_sessions_say_which_are_runs_to_choose_from(tmp_path):
    from tests.helpers.go_live import load_go_live

    project = load_go_live(tmp_path, {"d1-tyo": {"status": "cancelled"}})
    home = render_home(RenderContext(project, project_environment(project), Urls(True)))
    items = home[home.index("Next sessions") :].split("</li>")

    def item(sid: str) -> str:
        return next(i for i in items if f"#session-{sid}" in i)

    # Day 1 runs in New York and London (Tokyo's is cancelled): a learner attends one of them
    assert "one of 2 runs to choose from" in item("d1-nyc") and "one of 2 runs to choose from" in item("d1-ldn")
    assert "runs to choose from" not in item("d2-nyc")  # Day 2's one run: everyone attends it
    assert "runs to choose from" not in item("onb-2026-12-15")  # a program without parts
