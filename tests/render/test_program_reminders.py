"""The coordinator site's reminders made a program at a time (trainops.render.program_reminders):
the send schedule is every program's rows in the order all messages planned together give; a page
kept by an earlier build is served as it is, with no message planned or rendered; a preview's page
made on request is the page a build makes."""

from __future__ import annotations

import pytest

from trainops.plan.reminders import plan_reminders
from trainops.plan.sites import COORDINATORS
from trainops.plan.urls import SEND_SCHEDULE, Urls
from trainops.render import program_reminders
from trainops.render.environment import project_environment
from trainops.render.kept_pages import KeptProgramPages
from trainops.render.messages import render_messages, send_schedule_row, write_send_schedule
from trainops.render.site import RenderContext, render_site


class InMemory:
    """Kept pages (:class:`~trainops.render.kept_pages.KeptPages`) in a dictionary."""

    def __init__(self) -> None:
        self.pages: dict = {}

    def get(self, slug):
        return self.pages.get(slug)

    def put(self, slug, pages) -> None:
        self.pages[slug] = pages


def coordinators(project, on_request=False) -> RenderContext:
    return RenderContext(project, project_environment(project), Urls(True), site=COORDINATORS, on_request=on_request)


def test_the_send_schedule_is_every_message_by_send_date(example_project):
    ctx = coordinators(example_project)
    every = render_messages(ctx.env, example_project, plan_reminders(example_project), ctx.urls)
    expected = write_send_schedule([send_schedule_row(m) for m in every])
    # (the programs' messages are interleaved by date: a program's rows are not one run)
    programs = [m.reminder.program for m in every]
    runs = [p for i, p in enumerate(programs) if i == 0 or programs[i - 1] != p]
    assert len(set(programs)) > 1 and len(runs) > len(set(programs))
    assert program_reminders.ProgramReminders(ctx).send_schedule() == expected  # (no page made first)
    reminders = program_reminders.ProgramReminders(ctx)
    for slug, record in sorted(example_project.programs.items()):
        reminders.page(slug, record, True)
    assert reminders.send_schedule() == expected  # (from the rows made with the pages)


def test_a_kept_page_is_served_without_planning_or_rendering_a_message(example_project, monkeypatch):
    kept = InMemory()
    pages = KeptProgramPages(InMemory(), kept)
    made = render_site(example_project, None, site=COORDINATORS, kept=pages)
    assert sorted(kept.pages) == sorted(example_project.programs)
    assert made == render_site(example_project, None, site=COORDINATORS)

    def nothing(*args, **kwargs):
        raise AssertionError("a message was planned or rendered")

    monkeypatch.setattr(program_reminders, "plan_reminders", nothing)
    monkeypatch.setattr(program_reminders, "render_messages", nothing)
    monkeypatch.setattr(program_reminders, "render_reminder_page", nothing)
    assert render_site(example_project, None, site=COORDINATORS, kept=pages) == made
    del kept.pages["onboarding"]
    with pytest.raises(AssertionError, match="planned or rendered"):
        render_site(example_project, None, site=COORDINATORS, kept=pages)


def test_a_page_made_on_request_is_the_page_made_at_once(example_project):
    made = {f.docs_path: f for f in render_site(example_project, None, site=COORDINATORS)}
    asked = [f for f in render_site(example_project, None, site=COORDINATORS, on_request=True) if f.make]
    reminders = [f for f in asked if f.docs_path.endswith("/reminders.md") or f.docs_path == SEND_SCHEDULE]
    assert len(reminders) == len(example_project.programs) + 1
    for f in reminders:
        expected = made[f.docs_path]
        assert (f.make(), f.title, f.searchable, f.search_summary, f.in_nav) == (
            expected.content,
            expected.title,
            expected.searchable,
            expected.search_summary,
            expected.in_nav,
        )
