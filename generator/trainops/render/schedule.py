"""``/schedule/``: every upcoming session by date, each in its own time zone."""

from __future__ import annotations

from itertools import groupby

from .files import GeneratedFile

__all__ = ["render_schedule"]


def render_schedule(ctx) -> list[GeneratedFile]:
    """The schedule's pages: ``schedule/index.md`` first (in the navigation)."""
    project = ctx.project
    sessions = project.upcoming_sessions()
    # Grouped by the session's own local date: a learner in that room sees that day.
    by_day = [
        (day, list(items))
        for day, items in groupby(
            sorted(sessions, key=lambda s: (s.start.date(), s.start_utc, s.id)), key=lambda s: s.start.date()
        )
    ]
    page = ctx.page("trainops/schedule.html", "schedule/index.md", days=by_day, programs=project.programs)
    return [GeneratedFile("schedule/index.md", page, in_nav=True, title="Schedule")]
