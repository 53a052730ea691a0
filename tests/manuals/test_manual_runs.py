"""The learner manual of a program with parts: the cover names the next part and its runs, the
table says which sessions are runs to choose from, and a cancelled run says why and what instead."""

from __future__ import annotations

import re

from tests.helpers.go_live import load_go_live
from trainops.manuals.html import ManualSpec, render_manual_html
from trainops.manuals.plan import print_run
from trainops.readiness import check_readiness
from trainops.render.environment import project_environment


def _learner_manual(tmp_path, statuses) -> str:
    project = load_go_live(tmp_path, statuses)
    readiness = check_readiness(project)["go-live"]
    return render_manual_html(
        project, ManualSpec("go-live", "learner"), readiness, project_environment(project), "", print_run(project)
    )


def _row(html: str, title: str) -> str:
    return next(r for r in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if f"<td>{title}" in r)


def test_the_cover_names_the_next_part_and_its_runs(tmp_path):
    html = _learner_manual(tmp_path, {})
    cover = html[html.index('<dl class="cover__facts">') : html.index("</dl>")]
    assert "Day 1: choose one of 3 runs, Day 1 (New York), Day 1 (London), Day 1 (Tokyo). The first: " in cover
    assert "New York 12" not in cover  # not one run's room, as if every learner went there


def test_runs_to_choose_from_and_a_cancelled_runs_next_step(tmp_path):
    html = _learner_manual(
        tmp_path, {"d1-ldn": {"status": "cancelled", "note": "The room is flooded"}, "d2-nyc": {"status": "cancelled"}}
    )
    assert "one of 2 runs to choose from" in _row(html, "Day 1 (New York)")
    london = _row(html, "Day 1 (London)")
    assert "Cancelled: The room is flooded<br>Instead: Day 1 (New York) or Day 1 (Tokyo)" in london
    assert "to choose from" not in london
    assert "Cancelled<br>No other run: ask Sam Patel" in _row(html, "Day 2 (New York)")


def test_the_instructor_editions_cover_names_the_next_run(tmp_path):
    project = load_go_live(tmp_path)
    readiness = check_readiness(project)["go-live"]
    spec = ManualSpec("go-live", "instructor")
    html = render_manual_html(project, spec, readiness, project_environment(project), "", print_run(project))
    cover = html[html.index('<dl class="cover__facts">') : html.index("</dl>")]
    assert "<dd>Day 1 (New York): " in cover and "choose one of" not in cover
