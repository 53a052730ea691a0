"""Parts and runs checked across the program files and the schedule ("Parts and runs" in the reference).

A program may list its ``parts:``; each of its sessions then names one in ``part:``, and the
sessions of one part are alternatives: a learner attends one run of each part. Which part a
session is a run of is :meth:`trainops.model.project.Project.part_of`; this module says where a
file gets that wrong, and where a schedule without parts looks as if it needs them.
"""

from __future__ import annotations

import heapq
import re
from datetime import timedelta

from ..model.diagnostics import Diagnostic
from ..model.project import ProgramRecord, Project, Session
from ..model.suggest import closest, did_you_mean
from ..store.cache import SharedResults

__all__ = ["ALTERNATIVES_WINDOW", "base_title", "check_parts", "title_without_location"]

# How close in time sessions of one title must start to read as alternatives of one intake, as a
# coordinator sees them: runs of a part offered in other cities within a fortnight.
ALTERNATIVES_WINDOW = timedelta(days=14)

# A location written after a title in brackets: "Day 1 (London)", "Day 1 [Tokyo]".
_LOCATION_SUFFIX = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def check_parts(project: Project, shared: SharedResults | None = None) -> list[Diagnostic]:
    """Every session's ``part:`` against its program's ``parts:``, each part's sessions, and the
    alternatives a program without parts seems to have: the sessions' problems in the order of
    the sessions, then each program's warnings. ``shared`` (a preview's): each program's results
    are kept for the next load, which reuses them while it reads that very program and those very
    sessions (a save redoes the programs it changed)."""
    per_session: list[list[tuple[tuple, Diagnostic]]] = []
    warnings: list[Diagnostic] = []
    for slug, record in sorted(project.programs.items()):
        sessions = tuple(project.sessions_of(slug))  # (sessions of an unknown program: their own error)
        problems, program_warnings = _kept_program_parts(record, sessions, shared)
        per_session.append(problems)
        warnings += program_warnings
    # The sessions are sorted by (start, id) and their ids are unique: merging each program's
    # problems by that key gives them in the order of all the sessions.
    return [problem for _, problem in heapq.merge(*per_session, key=lambda pair: pair[0])] + warnings


def _kept_program_parts(
    record: ProgramRecord, sessions: tuple[Session, ...], shared: SharedResults | None
) -> tuple[list, list[Diagnostic]]:
    """:func:`_program_parts`, from the last load when it had the same record and sessions: the
    same objects, which a preview's loader hands over only for unchanged bytes and lines (kept
    alive here, so an identity is never another object's)."""
    if shared is None:
        return _program_parts(record, sessions)
    name = f"check-parts\0{record.slug}"
    kept = shared.get(name)
    if (
        kept is not None
        and kept[0] is record
        and len(kept[1]) == len(sessions)
        and all(a is b for a, b in zip(kept[1], sessions, strict=True))
    ):
        return kept[2]
    result = _program_parts(record, sessions)
    shared.keep(name, (record, sessions, result))
    return result


def _program_parts(record: ProgramRecord, sessions: tuple[Session, ...]) -> tuple[list, list[Diagnostic]]:
    """One program's part checks: ``((start, id), problem)`` of each of its sessions with a
    problem, and its warnings. A pure function of the record and its sessions."""
    problems = []
    named: set[str] = set()  # the parts its sessions name
    for session in sessions:
        part = session.entry.part
        if part is not None:
            # (a misspelt part is reported once, where it is written, not again as a part without runs)
            meant = part if part in record.data.parts else closest(part, record.data.parts)
            named.add(meant or part)
        problem = _part_problem(session, record)
        if problem:
            problems.append(((session.start_utc, session.id), problem))
    warnings = []
    for i, part in enumerate(record.data.parts):
        if part not in named:
            line, col = record.source.locate(("parts", i))
            warnings.append(
                Diagnostic(
                    record.path,
                    line,
                    col,
                    "warning",
                    "part-without-session",
                    f"parts[{i + 1}]: no session is a run of part '{part}' "
                    f"(add one to the schedule with 'part: {part}')",
                )
            )
    if not record.data.parts:
        warnings += _alternatives_without_parts(list(sessions))
    return problems, warnings


def _part_problem(session: Session, record: ProgramRecord) -> Diagnostic | None:
    parts, part = record.data.parts, session.entry.part
    if part is None:
        if not parts:
            return None
        line, col = session.line()
        return Diagnostic(
            session.path,
            line,
            col,
            "error",
            "missing-part",
            f"session '{session.id}' names no part, but program '{record.slug}' has parts "
            f"(add 'part:' with one of: {', '.join(parts)})",
        )
    line, col = session.line("part")
    if not parts:
        return Diagnostic(
            session.path,
            line,
            col,
            "error",
            "part-without-parts",
            f"session '{session.id}' part: program '{record.slug}' lists no parts "
            f"(add 'parts: [{part}]' to {record.path}, or remove 'part:')",
        )
    if part not in parts:
        hint = did_you_mean(part, parts) or f"; the parts are: {', '.join(parts)}"
        return Diagnostic(
            session.path,
            line,
            col,
            "error",
            "unknown-part",
            f"session '{session.id}' part: program '{record.slug}' has no part '{part}'{hint}",
        )
    return None


def title_without_location(title: str | None) -> str:
    """A session's title with a location in brackets at its end set aside, as written:
    ``Day 1 (London)`` is ``Day 1`` (what the learner guide calls the part it is a run of)."""
    if not title:
        return ""
    return " ".join(_LOCATION_SUFFIX.sub("", title).split())


def base_title(title: str | None) -> str:
    """:func:`title_without_location`, for comparing runs: ``Day 1 (London)`` and
    ``day 1  [Tokyo]`` are both ``day 1``."""
    return title_without_location(title).casefold()


def _alternatives_without_parts(sessions: list[Session]) -> list[Diagnostic]:
    """Sessions with one title (a location suffix set aside), in other zones or rooms, starting
    within :data:`ALTERNATIVES_WINDOW` of each other: a warning at the first of each such group."""
    by_title: dict[str, list[Session]] = {}
    for s in sessions:
        title = base_title(s.entry.title)
        if title and s.status != "cancelled":  # (an untitled session says nothing of what it runs)
            by_title.setdefault(title, []).append(s)
    out = []
    for _title, group in sorted(by_title.items()):
        group.sort(key=lambda s: (s.start_utc, s.id))
        clusters = [[group[0]]]
        for s in group[1:]:
            if s.start_utc - clusters[-1][-1].start_utc <= ALTERNATIVES_WINDOW:
                clusters[-1].append(s)
            else:
                clusters.append([s])
        out += [
            _alternatives_warning(cluster)
            for cluster in clusters
            # (a session alone is in one place: 96,000 of 100,000 at five years)
            if len(cluster) > 1 and len({(c.zone, c.entry.room or c.entry.link or "") for c in cluster}) > 1
        ]
    return out


def _alternatives_warning(cluster: list[Session]) -> Diagnostic:
    first = cluster[0]
    ids = [s.id for s in cluster]
    shown = ", ".join(f"'{i}'" for i in ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    line, col = first.line("title")
    return Diagnostic(
        first.path,
        line,
        col,
        "warning",
        "alternatives-without-parts",
        f"sessions {shown} have the same title in other places within "
        f"{ALTERNATIVES_WINDOW.days} days: if a learner attends one of them, list the parts under "
        f"'parts:' in program '{first.program}' and give each session its 'part:'",
    )
