"""Each day's rows of the schedule, kept by a preview from one save to the next.

A save changes a session, a program or a page; the schedule of 20,000 sessions has 130 days of
rows that took seconds to render and did not change. A day's rows are a function of what they
show: the day, each of its sessions (its id, times, zone and every field of its schedule entry),
the names of their programs, their change notes and run counts, the page the links are made from,
and the templates' sources. :class:`ScheduleRows` keeps each day's rows under a key made of all of
that (compared whole, not by a digest that could collide), so a day is rendered again exactly
when one of them changed.

The schedule's pages (a month, a week or a day: 150 of them at 20,000 sessions) are put together
from those rows; trainops' own page template shows of a page only its place in the schedule (its
path, label, parts, the pages around it) and its days' rows, so a page is kept under those
(:func:`page_key`) and put together again when one of them changed. A theme folder's page
template may show anything of the project: its pages are put together at every save.

Only the days (and pages) of the last render are kept: a render replaces the rows it did not use, so the
memory is one schedule's rows however many saves a day-long preview takes in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from datetime import date

from jinja2 import Environment, PackageLoader

from ..model.project import Session

__all__ = ["KeptFromLastRender", "ScheduleRows", "ROWS_TEMPLATES", "PAGE_TEMPLATE", "day_key", "row_keys", "page_key"]

# The templates a day's rows are rendered from (the rows' macro and the macros it imports).
ROWS_TEMPLATE = "trainops/schedule-rows.html"
ROWS_TEMPLATES = (ROWS_TEMPLATE, "trainops/_macros.html", "trainops/_changes.html")
PAGE_TEMPLATE = "trainops/schedule-page.html"  # a page of the schedule (its days' rows in it)
_PACKAGED = PackageLoader("trainops", "templates")  # trainops' own templates, to tell an override


class KeptFromLastRender:
    """Values by everything they show (a comparable key, compared whole), of the last render
    only. Not thread-safe: one render uses it at a time."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, object] = {}
        self._used: dict[Hashable, object] = {}
        self.rendered = self.reused = 0  # (of the last render: for the tests and the benchmark)

    def begin(self) -> None:
        """A render of the schedule starts."""
        self._used = {}
        self.rendered = self.reused = 0

    def made(self, key: Hashable | None, render: Callable[[], object]) -> object:
        """The value kept under ``key``, else ``render()`` (kept). ``key`` None: rendered, not kept."""
        if key is None:
            self.rendered += 1
            return render()
        value = self._kept.get(key)
        if value is None:
            value = render()
            self.rendered += 1
        else:
            self.reused += 1
        self._used[key] = value
        return value

    def end(self) -> None:
        """The render is over: only its values are kept."""
        self._kept, self._used = self._used, {}


class ScheduleRows(KeptFromLastRender):
    """A day's rendered rows by everything they show (see the module's text); in :attr:`sessions`
    each session's row (a day made again takes its unchanged sessions' rows from there), and in
    :attr:`pages` the schedule's pages by everything they show (:func:`trainops.render.schedule`)."""

    def __init__(self) -> None:
        super().__init__()
        self.sessions = KeptFromLastRender()
        self.pages = KeptFromLastRender()

    def rows(self, key: Hashable | None, render: Callable[[], object]) -> object:
        return self.made(key, render)


def own_template(env: Environment, name: str) -> bool:
    """Whether ``env``'s template ``name`` is trainops' own (a theme folder's may show anything,
    or lack a macro trainops' has)."""
    assert env.loader is not None
    return env.loader.get_source(env, name)[0] == _PACKAGED.get_source(env, name)[0]


def page_key(base: Hashable, node, up, pager, bodies: dict) -> Hashable:
    """All that trainops' own schedule page (:func:`own_template`) shows of ``node`` (a
    :class:`~trainops.render.schedule.ScheduleNode`, with ``up`` and ``pager`` as it is given them)."""
    around = (up, *(pager or (None, None)))
    return (
        base,
        _place(node),
        tuple((n.docs_path, n.label) if n is not None else None for n in around),
        tuple((day, bodies[day]) for day, _ in node.days) if not node.children else None,
    )


def _place(node) -> tuple:
    return (node.docs_path, node.kind, node.label, node.count, tuple(_place(child) for child in node.children))


def templates_digest(env: Environment) -> str:
    """A digest of the rows' templates as ``env`` loads them (a theme folder's override first)."""
    assert env.loader is not None  # (trainops' environments always have one)
    digest = hashlib.sha256()
    for name in ROWS_TEMPLATES:
        source = env.loader.get_source(env, name)[0].encode("utf-8")
        digest.update(len(source).to_bytes(8, "little") + source)
    return digest.hexdigest()


def day_key(
    base: Hashable, day: date, items: list[Session], programs: dict, notes: dict, choices: dict
) -> tuple | None:
    """All that a day's rows show, as one comparable value; None when a value of the data cannot
    be compared so (the rows are then rendered, not kept)."""
    shown = []
    for s in items:
        program = programs.get(s.program)
        note = notes.get(s.id)
        entry = s.entry
        # One flat tuple a session: 20,000 of them are made at each save, and fewer objects made
        # means less of the garbage collector's time. The entry's class names its fields (in order).
        shown.append(
            (
                s.id,
                s.zone,
                s.start,
                s.end,
                s.status,
                program.name if program is not None else None,
                repr(note) if note is not None else None,
                choices.get(s.id),
                type(entry),
                *vars(entry).values(),  # (every field of the entry)
            )
        )
    key = (base, day, tuple(shown))  # (row_keys takes it apart)
    try:
        hash(key)
    except TypeError:  # (a list in an entry: never in today's formats)
        return None
    return key


def row_keys(key: tuple) -> list[Hashable]:
    """Each session's key within a day's (:func:`day_key`): all that its row shows."""
    base, _, shown = key
    return [(base, one) for one in shown]
