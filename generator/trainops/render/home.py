"""The generated part of the home page (``index.md``): every program, and the next sessions.

The site's home page is hand-written; this section is appended to it (by the plugin), so what a
learner reads first stays up to date with the data.
"""

from __future__ import annotations

from typing import Any

from ..plan import urls

__all__ = ["render_home", "HOME_SESSION_LIMIT"]

# Enough to see the coming weeks at a glance; the Schedule page has the rest.
HOME_SESSION_LIMIT = 8


def render_home(ctx) -> str:
    """Markdown (with HTML) for the end of the home page: "Programs" and "Next sessions"."""
    project = ctx.project
    programs = sorted(project.programs.values(), key=lambda r: (r.name.lower(), r.slug))
    upcoming = [s for s in project.running_sessions() if s.program in project.programs]
    next_session: dict[str, Any] = {}
    for session in upcoming:
        next_session.setdefault(session.program, session)
    return ctx.page(
        "trainops/home.html",
        urls.HOME,
        programs=programs,
        next_session=next_session,
        sessions=upcoming[:HOME_SESSION_LIMIT],
        choices=project.run_choices(upcoming[:HOME_SESSION_LIMIT]),
        more=len(upcoming) > HOME_SESSION_LIMIT,
    )
