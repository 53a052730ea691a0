"""The coordinator site's home page: what to do today across all programs
(:mod:`trainops.readiness.today_list`), every program's launch readiness and messages due, at once,
and, where the project keeps training records, what needs following up (:mod:`.follow_up`).

Past :data:`~trainops.plan.paging.PAGE_ROWS` programs the page shows the first of them (not ready
first) with the counts, and the whole table is on pages of its own, ``launches/<n>.md``."""

from __future__ import annotations

from ..model.formatting import days_from
from ..plan import urls
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from ..readiness import BLOCKING_DAYS, ProgramReadiness, session_label, today_list
from .files import GeneratedFile
from .follow_up import follow_up_values, render_follow_up_pages
from .list_pages import render_list_pages, rows_title

__all__ = ["render_ops_home"]


def render_ops_home(ctx, readiness: dict[str, ProgramReadiness]) -> list[GeneratedFile]:
    project = ctx.project
    today = today_list(project, readiness)
    due = {m.program: len(m.messages) for m in today.messages}
    rows = []
    for slug, record in sorted(project.programs.items(), key=lambda item: item[1].name.lower()):
        live = project.running_sessions(slug)
        rows.append((record, live[0] if live else None, readiness[slug], due.get(slug, 0)))
    # Not ready first, soonest launch first: what needs a coordinator today is at the top.
    rows.sort(key=lambda row: (row[2].ready, row[1] is None, row[1].start_utc if row[1] else None))
    sops = sorted(project.sops.values(), key=lambda s: s.meta.title.lower())
    pages = long_list_pages(rows, urls.LAUNCHES_FOLDER)
    records = ctx.records
    follow_ups: dict = {"follow_ups": None}
    if records is not None:
        items = list(records.followups)
        follow_ups = follow_up_values(ctx, items)
        follow_ups["follow_up_pages"] = long_list_pages(items, urls.FOLLOW_UP_FOLDER, SUMMARY_ROWS)
    home = ctx.page(
        "trainops/ops-home.html",
        urls.HOME,
        rows=rows,
        today_list=today,
        blocking_days=BLOCKING_DAYS,
        days_until=lambda day: days_from(project.today, day),
        pages=pages,
        shown=SUMMARY_ROWS,
        not_ready=sum(not row[2].ready for row in rows),
        overdue_sops=[s for s in sops if s.overdue(project.today)],
        sop_count=len(sops),
        status_programs=[
            row[0]
            for row in sorted(rows, key=lambda row: row[0].name.lower())
            if records and row[0].slug in records.status
        ],
        **{"label": session_label, **follow_ups},
    )
    files = [GeneratedFile(urls.HOME, home, in_nav=True, title="Overview")]
    files += render_list_pages(
        ctx, "trainops/launches-page.html", pages, len(rows), lambda page: rows_title("Launches", page, len(rows))
    )
    return files + (render_follow_up_pages(ctx, records) if records is not None else [])
