"""The coordinator site's home page: every program's launch readiness and messages due, at once."""

from __future__ import annotations

from ..plan import urls
from ..plan.reminders import plan_reminders
from ..readiness import ProgramReadiness

__all__ = ["render_ops_home"]


def render_ops_home(ctx, readiness: dict[str, ProgramReadiness]) -> str:
    project = ctx.project
    due: dict[str, int] = {}
    for r in plan_reminders(project):
        if r.send_date <= project.today:
            due[r.program] = due.get(r.program, 0) + 1
    rows = []
    for slug, record in sorted(project.programs.items(), key=lambda item: item[1].name.lower()):
        live = project.running_sessions(slug)
        rows.append((record, live[0] if live else None, readiness[slug], due.get(slug, 0)))
    # Not ready first, soonest launch first: what needs a coordinator today is at the top.
    rows.sort(key=lambda row: (row[2].ready, row[1] is None, row[1].start_utc if row[1] else None))
    sops = sorted(project.sops.values(), key=lambda s: s.meta.title.lower())
    return ctx.page(
        "trainops/ops-home.html",
        urls.HOME,
        rows=rows,
        overdue_sops=[s for s in sops if s.overdue(project.today)],
        sop_count=len(sops),
    )
