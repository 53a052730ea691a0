"""``/programs/``: the catalogue of every program."""

from __future__ import annotations

from typing import Any

from ..plan import urls

__all__ = ["render_catalogue"]


def render_catalogue(ctx) -> str:
    project = ctx.project
    programs = sorted(project.programs.values(), key=lambda r: r.name.lower())
    next_session: dict[str, Any] = {}
    for session in project.running_sessions():
        next_session.setdefault(session.program, session)
    return ctx.page("trainops/catalogue.html", urls.CATALOGUE, programs=programs, next_session=next_session)
