"""The loaded project's questions asked in one place: which sessions are upcoming, which will run."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta


def test_running_sessions_are_the_upcoming_ones_not_cancelled(example_project):
    upcoming = example_project.upcoming_sessions()
    running = example_project.running_sessions()
    cancelled = [s for s in upcoming if s.status == "cancelled"]
    assert cancelled and running  # the example has both, or this test proves nothing
    assert running == [s for s in upcoming if s not in cancelled]
    assert all(s.is_upcoming(example_project.today) for s in running)


def test_running_sessions_of_a_program(example_project):
    slug = next(s.program for s in example_project.upcoming_sessions() if s.status == "cancelled")
    running = example_project.running_sessions(slug)
    assert running and all(s.program == slug and s.status != "cancelled" for s in running)
    assert len(running) < len(example_project.upcoming_sessions(slug))
    assert example_project.running_sessions("no-such-program") == []


def test_a_session_ending_today_still_runs_and_one_ended_yesterday_does_not(example_project):
    first = example_project.running_sessions()[0]
    last_day = first.end.date()
    assert first in replace(example_project, today=last_day).running_sessions()
    assert first not in replace(example_project, today=last_day + timedelta(days=1)).running_sessions()
