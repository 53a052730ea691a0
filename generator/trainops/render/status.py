"""``/programs/<slug>/status/``: a program's completion status and metrics from the training
records (coordinator site only), with its learners' rows on pages of their own
(``status/<slug>/<n>.md``) when the page cannot hold them all. The values are
:class:`~trainops.plan.program_status.ProgramStatus`; the charts are the templates' own
(``trainops/_charts.html``)."""

from __future__ import annotations

from ..model.project import ProgramRecord
from ..plan import urls
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from ..plan.program_status import ProgramStatus
from ..plan.rates import FEWER
from .files import GeneratedFile
from .list_pages import render_list_pages, rows_title

__all__ = ["CHART_COHORTS", "render_status_pages"]

# The most recent cohorts a chart draws (its table and the cohort table above have them all): a
# bar is a line of the chart, and years of weekly cohorts would make a chart nobody can read.
CHART_COHORTS = 24


def render_status_pages(ctx, record: ProgramRecord, status: ProgramStatus) -> list[GeneratedFile]:
    """The status page of the program ``record`` and the pages of its learners' rows."""
    slug = record.slug
    learners = list(status.learners)
    pages = long_list_pages(learners, urls.status_learners(slug))
    charted = status.cohorts[-CHART_COHORTS:]
    shared = {
        "learner": ctx.records.label if ctx.records is not None else str,
        "program": record.data,
        "slug": slug,
    }
    page = ctx.page(
        "trainops/program-status.html",
        urls.status_page(slug),
        status=status,
        pages=pages,
        shown=SUMMARY_ROWS,
        chart_cohorts=CHART_COHORTS,
        fewer=FEWER,
        cohort_bars={
            "completed": [(c.name, c.completed) for c in charted],
            "on_time": [(c.name, c.on_time) for c in charted],
            "attendance": [(c.name, c.attendance) for c in charted],
        },
        **shared,
    )
    files = [GeneratedFile(urls.status_page(slug), page, title=f"Completion status: {record.name}")]
    return files + render_list_pages(
        ctx,
        "trainops/status-learners-page.html",
        pages,
        len(learners),
        lambda p: rows_title(f"Learners of {record.name}", p, len(learners)),
        assessed=status.total.passed is not None,
        **shared,
    )
