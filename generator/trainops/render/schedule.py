"""``/schedule/``: every upcoming session by date, in pages a browser opens quickly.

``schedule/index.md`` lists the months with their session counts and shows the next sessions;
``schedule/YYYY-MM.md`` is a month. A month whose page would pass :data:`PAGE_BUDGET` (an
organisation of 20,000 sessions has thousands a month) lists its weeks instead, each a page
``schedule/YYYY-MM-wN.md`` (weeks from Monday, cut at the month's ends); a week too big lists its
days, ``schedule/YYYY-MM-DD.md``. So a month's address always exists, and no page is one a phone
struggles with. Days are the session's own local date: a learner in that room sees that day (the
page's script moves each session under the reader's own date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from itertools import groupby

from ..model.formatting import format_day, format_long_date
from ..model.project import Session
from ..plan import urls
from .changes import session_notes
from .files import GeneratedFile
from .schedule_rows import (
    PAGE_TEMPLATE,
    ROWS_TEMPLATE,
    KeptFromLastRender,
    ScheduleRows,
    day_key,
    own_template,
    page_key,
    row_keys,
    templates_digest,
)

__all__ = ["render_schedule", "ScheduleNode", "schedule_tree", "PAGE_BUDGET", "COMING_UP"]

# Bytes of a page's Markdown. Its sessions pass through Markdown as raw HTML, so the final page is
# this plus Material's frame (header, navigation, footer: tens of KB): under the 400 KB we promise.
PAGE_BUDGET = 300_000
# What a page holds besides its days' rows (title, links to the pages around it, the table's head).
_FRAME = 10_000
# Sessions shown on the index, after the list of months.
COMING_UP = 20

Day = tuple[date, list[Session]]


@dataclass
class ScheduleNode:
    """A page of the schedule: its sessions (a leaf), or the pages it is split into (a hub)."""

    docs_path: str
    kind: str  # "month", "week" or "day"
    label: str  # "December 2026", "7–13 December 2026", "Mon 7 December 2026"
    days: list[Day]
    children: list[ScheduleNode] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Schedule: {self.label}"

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.days)

    def leaves(self) -> list[ScheduleNode]:
        """The pages that list sessions, in date order."""
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]

    def pages(self) -> list[ScheduleNode]:
        """This page and every page below it, each hub before its parts."""
        return [self] + [page for child in self.children for page in child.pages()]


def render_schedule(ctx) -> list[GeneratedFile]:
    """The schedule's pages: ``schedule/index.md`` first (in the navigation), then each month's."""
    project = ctx.project
    days = _days(project.upcoming_sessions())
    # A note on the rows of recently changed sessions only: a page's size grows by a few of them.
    notes = session_notes(project, [s for _, items in days for s in items])
    # "one of 3 runs to choose from" on each run of a part with alternatives
    choices = project.run_choices(s for _, items in days for s in items)
    values = {"programs": project.programs, "notes": notes, "choices": choices}
    # Each day's rows rendered once, and measured: a page is the days it holds, so its size is
    # known before it is rendered. Every page but the index is in schedule/, so a row's links are
    # the same on each (its month's page stands for them all).
    macros = ctx.env.get_template(ROWS_TEMPLATE).module
    kept = ctx.schedule_rows or ScheduleRows()  # (a preview's rows of the last save, else none)
    kept.begin()
    kept.sessions.begin()
    templates = templates_digest(ctx.env) if ctx.schedule_rows is not None else None
    # A day made again takes its unchanged sessions' rows as they were (trainops' own rows
    # template: a theme folder's may have no row of its own to make).
    by_session = templates is not None and own_template(ctx.env, ROWS_TEMPLATE)
    bodies = {}
    linkers: dict = {}  # by month page
    for day, items in days:
        month_page = urls.schedule_month(day.year, day.month)
        if month_page not in linkers:
            linkers[month_page] = _linker(ctx, month_page)
        base = (templates, month_page, ctx.urls.use_directory_urls)
        key = day_key(base, day, items, project.programs, notes, choices) if templates else None
        make = partial(macros.day_rows, day, items, project.programs, linkers[month_page], notes, choices)
        if by_session and key is not None:
            row = partial(macros.session_row, programs=project.programs, link=linkers[month_page], notes=notes,
                          choices=choices)  # fmt: skip
            make = partial(_day_of_kept_rows, kept.sessions, key, items, make, row)
        bodies[day] = kept.rows(key, make)
    kept.end()
    kept.sessions.end()
    size = {day: len(str(body).encode("utf-8")) for day, body in bodies.items()}
    months = schedule_tree(days, lambda node: _FRAME + sum(size[day] for day, _ in node.days) <= PAGE_BUDGET)
    leaves = [leaf for month in months for leaf in month.leaves()]
    # A page of sessions links the pages before and after it; a month split into parts, the months.
    pager = _neighbours(months) | _neighbours(leaves)
    up = {child.docs_path: node for month in months for node in month.pages() for child in node.children}
    coming = _days([s for _, items in days for s in items][:COMING_UP])
    index = ctx.page(
        "trainops/schedule.html",
        urls.SCHEDULE,
        days=coming,
        shown=sum(len(items) for _, items in coming),
        total=sum(len(items) for _, items in days),
        months=months,
        first=leaves[0] if leaves else None,
        **values,
    )
    files = [GeneratedFile(urls.SCHEDULE, index, in_nav=True, title="Schedule")]
    # A page is put together again only where its place or its days' rows changed (a preview's).
    pages = kept.pages
    pages.begin()
    own_page = templates is not None and own_template(ctx.env, PAGE_TEMPLATE)
    page_base = (templates, ctx.site, ctx.urls.use_directory_urls) if own_page else None
    for month in months:
        for node in month.pages():
            around = (up.get(node.docs_path), pager.get(node.docs_path))
            page_at = page_key(page_base, node, *around, bodies) if page_base else None  # (its key)
            make = partial(ctx.page, PAGE_TEMPLATE, node.docs_path, node=node, up=around[0], pager=around[1])
            page = pages.made(page_at, partial(make, bodies=bodies, **values))
            files.append(GeneratedFile(node.docs_path, str(page), title=node.title))
    pages.end()
    return files


def _day_of_kept_rows(kept: KeptFromLastRender, key: tuple, items: list[Session], day_rows, session_row):
    rows = [kept.made(row_key, partial(session_row, s)) for row_key, s in zip(row_keys(key), items, strict=True)]
    return day_rows(rows=rows)


def _neighbours(nodes: list[ScheduleNode]) -> dict[str, tuple[ScheduleNode | None, ScheduleNode | None]]:
    return {
        node.docs_path: (nodes[i - 1] if i else None, nodes[i + 1] if i + 1 < len(nodes) else None)
        for i, node in enumerate(nodes)
    }


def _linker(ctx, docs_path: str):
    # A month's rows link its sessions' programs again and again: each link worked out once (a
    # relative path costs two absolute ones; 20,000 rows asked it 20,000 times).
    links: dict[str, str] = {}

    def link(target_docs_path: str) -> str:
        found = links.get(target_docs_path)
        if found is None:
            found = links[target_docs_path] = ctx.urls.rel(docs_path, target_docs_path)
        return found

    return link


def schedule_tree(days: list[Day], fits) -> list[ScheduleNode]:
    """One node per month; a month that does not ``fits`` split into weeks, a week into days."""
    months = []
    for (year, month), group in groupby(days, key=lambda d: (d[0].year, d[0].month)):
        label = format_long_date(date(year, month, 1)).split(" ", 1)[1]
        node = ScheduleNode(urls.schedule_month(year, month), "month", label, list(group))
        if not fits(node):
            node.children = [_fit_week(week, fits) for week in _weeks(node.days)]
        months.append(node)
    return months


def _fit_week(week: ScheduleNode, fits) -> ScheduleNode:
    if len(week.days) > 1 and not fits(week):
        week.children = [
            ScheduleNode(urls.schedule_day(d), "day", _day_label(d), [(d, items)]) for d, items in week.days
        ]
    return week


def _weeks(days: list[Day]) -> list[ScheduleNode]:
    """Weeks from Monday, cut at the month's ends, numbered from the month's first (``w1``)."""
    out = []
    first = days[0][0].replace(day=1)
    first_monday = first - timedelta(days=first.weekday())
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    for monday, group in groupby(days, key=lambda d: d[0] - timedelta(days=d[0].weekday())):
        number = (monday - first_monday).days // 7 + 1
        label = _range_label(max(monday, first), min(monday + timedelta(days=6), last))
        out.append(ScheduleNode(urls.schedule_week(first, number), "week", label, list(group)))
    return out


def _days(sessions: list[Session]) -> list[Day]:
    """Sessions by their own local date; within a day, in the order they happen."""
    ordered = sorted(sessions, key=lambda s: (s.start.date(), s.start_utc, s.id))
    return [(day, list(items)) for day, items in groupby(ordered, key=lambda s: s.start.date())]


def _range_label(start: date, end: date) -> str:
    """``7–13 December 2026``; ``1 December 2026`` for a one-day week."""
    if start == end:
        return format_long_date(start)
    return f"{start.day}\u2013{format_long_date(end)}"


def _day_label(day: date) -> str:
    """``Mon 7 December 2026``"""
    return f"{format_day(day).split(' ', 1)[0]} {format_long_date(day)}"
