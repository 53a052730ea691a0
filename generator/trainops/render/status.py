"""``/programs/<slug>/status/``: a program's completion status and metrics from the training
records (coordinator site only), with its learners' rows on pages of their own
(``status/<slug>/<n>.md``) when the page cannot hold them all, and every cohort in
``status/<slug>/cohorts.csv`` (the page shows the latest :data:`COHORTS_SHOWN`). The values are
:class:`~trainops.plan.program_status.ProgramStatus`; the charts are the templates' own
(``trainops/_charts.html``)."""

from __future__ import annotations

import io
from html import escape

from ..model.project import ProgramRecord
from ..plan import urls
from ..plan.paging import SUMMARY_ROWS, list_pages_within
from ..plan.program_status import ProgramStatus
from ..plan.progress import LearnerProgress
from ..plan.rates import FEWER, Rate
from .after_markdown import marked
from .files import GeneratedFile
from .list_pages import rows_title
from .spreadsheet_csv import spreadsheet_writer

__all__ = [
    "CHART_COHORTS",
    "COHORTS_SHOWN",
    "LEARNER_ROWS_BYTES",
    "STATUS_PAGE_BYTES",
    "MISSING_LISTED",
    "SESSIONS_LISTED",
    "learner_row_bytes",
    "render_status_pages",
    "write_cohorts_csv",
]

# The most recent cohorts a chart draws (the cohorts' CSV has them all): a
# bar is a line of the chart, and years of weekly cohorts would make a chart nobody can read.
CHART_COHORTS = 24
# The bytes of learners' rows on a page of their own (learner_row_bytes), and of a status page that
# holds every row: 100 KB left for the page's own lines and Material's frame (its navigation: 10 KB
# on a coordinator site of 300 programs, 20 KB on the example's) under 400 KB. As many rows as fit:
# every page costs a build its frame (Material's template, Markdown's pass over the page's own
# lines), and the rows go in after Markdown (render.after_markdown), so a long page is cheap. A
# learner shown by id makes a row of about 150 bytes, counted as 210: 1,400 to a page of rows; a
# status page with a year of a program's cohorts (a table, charts) holds about 1,300.
LEARNER_ROWS_BYTES = 300_000
STATUS_PAGE_BYTES = 300_000
# The fewest bytes of a learner's row (id, "0 of 0", "no" …): more learners than this allows never
# fit on the status page, and their rows are not rendered to see whether they do.
ROW_AT_LEAST = 100
# The most bytes of a learner's row that are not its values: the tags (106), "9999 of 9999 (9999
# missed, 9999 to attend)", "yes (-1.23457e+06)", "yes, 2026-12-31", a due date, "yes", a waiver's
# " ()", "none" for no cohort and the line's end.
ROW_MARKUP = 205
MISSING_LISTED = 3
# The most sessions a cohort's row lists in a program without parts (its latest): a cohort is a
# few sessions, but the row of learners with no cohort has every session any of them came to.
SESSIONS_LISTED = 12
# The most recent cohorts the page's cohort table shows, a year of weekly ones: a row a week of
# history is 66 KB at a year and would pass 400 KB by the sixth. Every cohort is in the CSV beside
# the page (urls.status_cohorts_csv), which the table links.
COHORTS_SHOWN = 52


def render_status_pages(ctx, record: ProgramRecord, status: ProgramStatus) -> list[GeneratedFile]:
    """The status page of the program ``record`` and the pages of its learners' rows."""
    slug = record.slug
    learners = list(status.learners)
    charted = status.cohorts[-CHART_COHORTS:]
    label = ctx.records.label if ctx.records is not None else str
    shared = {
        "learner": label,
        "missing_listed": MISSING_LISTED,
        "missed": status.missed,
        "attendance": status.attendance_shown,
        "program": record.data,
        "slug": slug,
    }
    values = {
        "status": status,
        "sessions_listed": SESSIONS_LISTED,
        "cohorts_shown": status.cohorts[-COHORTS_SHOWN:],
        "chart_cohorts": CHART_COHORTS,
        "fewer": FEWER,
        "cohort_bars": {
            "completed": [(c.name, c.completed) for c in charted],
            "on_time": [(c.name, c.on_time) for c in charted],
            "attendance": [(c.name, c.attendance) for c in charted],
        },
        **shared,
    }
    # The cohorts' table and chart go in after Markdown (render.after_markdown), as the page's other
    # blocks of HTML: a row a week of history, 66 KB at a year, took Markdown half a second a page.
    cohorts = ctx.page("trainops/status-cohorts.html", urls.status_page(slug), **values).rstrip("\n")
    assessed = status.total.passed is not None

    def rows(shown: list, docs_path: str) -> str:
        made = ctx.page("trainops/status-learners-rows.html", docs_path, rows=shown, assessed=assessed, **shared)
        return made.rstrip("\n")

    def status_page(learners_html: str, pages: list) -> str:
        return ctx.page(
            "trainops/program-status.html",
            urls.status_page(slug),
            pages=pages,
            shown=SUMMARY_ROWS,
            html_slot=marked(cohorts),
            learners_html=learners_html,
            **values,
        )

    # Every learner on the status page when it stays under STATUS_PAGE_BYTES (a page less for the
    # build to make); else the first of them, and pages of rows of as many as fit.
    pages: list = []
    fits = len(learners) * ROW_AT_LEAST <= STATUS_PAGE_BYTES
    page = status_page(rows(learners, urls.status_page(slug)), []) if fits else ""
    if not fits or len(page.encode()) > STATUS_PAGE_BYTES:  # (its blocks in it, as marked)
        sizes = [learner_row_bytes(p, label(p.learner)) for p in learners]
        pages = list_pages_within(learners, urls.status_learners(slug), sizes, LEARNER_ROWS_BYTES)
        page = status_page(rows(learners[:SUMMARY_ROWS], urls.status_page(slug)), pages)
    title = f"Completion status: {record.name}"
    # Out of the search index, as every page of the records is (GeneratedFile.searchable): found
    # from the program's launch checklist and the overview.
    files = [
        GeneratedFile(urls.status_page(slug), page, title=title, searchable=False),
        GeneratedFile(urls.status_cohorts_csv(slug), write_cohorts_csv(status)),
    ]
    assessed = status.total.passed is not None
    for part in pages:
        heading = rows_title(f"Learners of {record.name}", part, len(learners))
        # The rows go in after Markdown (render.after_markdown); found from the status page.
        content = ctx.page(
            "trainops/status-learners-page.html",
            part.docs_path,
            page=part,
            total=len(learners),
            title=heading,
            html_slot=marked(rows(list(part.items), part.docs_path)),
            **shared,
        )
        files.append(GeneratedFile(part.docs_path, content, title=heading, searchable=False))
    return files


def learner_row_bytes(p: LearnerProgress, label: str) -> int:
    """At least the bytes of ``p``'s row on a page of learners (trainops/_status.html's
    ``learners_table``), the learner shown as ``label``: the row's markup and its values as text
    the page escapes."""
    size = ROW_MARKUP + len(escape(label).encode()) + len(escape(p.cohort).encode())
    if 0 < len(p.missing) <= MISSING_LISTED:
        size += sum(len(escape(part).encode()) + 2 for part in p.missing)
    if p.waived is not None:
        size += len(escape(p.waived.kind).encode()) + len(escape(p.waived.reason).encode())
    return size


def write_cohorts_csv(status: ProgramStatus) -> str:
    """Every cohort of ``status``, in the page's order (by first session, then name), a row each:
    ``cohort,first_session,enrolled``, then a count and its n for each part attended (without
    parts: "attended every session" they have had, as each cohort has sessions of its own), passed
    (with an assessment), completed, late and waived. Counts only: no learner is named."""
    passed = status.total.passed is not None
    # (a column per part; without parts each cohort's own sessions counted together; neither parts
    # nor sessions, no attendance)
    if status.parts:
        attended = [f"attended {part}" for part in status.parts]
    else:
        attended = ["attended every session"] if status.attendance_shown else []
    measures = [*attended, *(["passed"] if passed else [])]
    measures += ["completed", "late", "waived"]
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\r\n")
    writer.writerow(["cohort", "first_session", "enrolled", *(f"{m}{end}" for m in measures for end in ("", " n"))])
    for c in status.cohorts:
        rates: list[Rate | None] = [r for _part, r in c.parts] if status.parts else []
        rates += [c.attended_all] if attended and not status.parts else []
        rates += [c.passed] if passed else []
        rates += [c.completed, c.late, c.waived]
        counts = [cell for r in rates for cell in _count_and_n(r)]
        writer.writerow([c.name, c.first.isoformat() if c.first else "", str(c.enrolled), *counts])
    return out.getvalue()


def _count_and_n(rate: Rate | None) -> list[str]:
    return ["", ""] if rate is None else [str(rate.count), str(rate.n)]
