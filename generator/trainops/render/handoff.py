"""``/handoff/``: what needs someone first (launches not ready, overdue reviews, sessions to
re-staff), then per owner, sorted by name, what they own and what needs their attention next.

Each of the three lists shows its soonest items on the overview and, when longer, is in full on
pages of its own (``handoff/<list>/<n>.md``): 12,000 sessions leave 8,000 to re-staff, which as one
table made the overview 2.3 MB. Sessions to re-staff are also counted per instructor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from zoneinfo import ZoneInfo

from ..model.formats import ESCALATION_DUTIES
from ..model.formatting import format_utc_offset
from ..model.project import ProgramRecord, Project, Session, Sop
from ..plan import urls
from ..plan.handoff import name_key, overdue_reviews
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from ..readiness import Finding, FixFirst, ProgramReadiness, fix_first, session_label
from .files import GeneratedFile, made_unless_on_request
from .list_pages import render_list_pages, rows_title

__all__ = [
    "render_handoff",
    "Responsibilities",
    "responsibilities",
    "NotReady",
    "not_ready_launches",
    "Restaff",
    "sessions_to_restaff",
    "RestaffCount",
    "restaff_by_instructor",
    "HANDOFF_LISTS",
    "Launch",
    "upcoming_launches",
]


# The failure points that need another instructor (or the same one at another time).
STAFFING_RULES = ("session-instructor", "instructor-double-booked", "unreasonable-hour")


@dataclass
class Responsibilities:
    person_id: str
    programs: list[ProgramRecord] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    duties: list[tuple[ProgramRecord, str]] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.programs or self.sops or self.duties or self.sessions)


def responsibilities(project: Project) -> dict[str, Responsibilities]:
    """Everything each person owns or runs, by person id, in the order of their names (people
    with nothing are left out)."""
    found: dict[str, Responsibilities] = {pid: Responsibilities(pid) for pid in project.people}

    def of(pid: str) -> Responsibilities:
        return found.setdefault(pid, Responsibilities(pid))

    for _slug, record in sorted(project.programs.items()):
        of(record.data.owner).programs.append(record)
        if record.data.escalation:
            for duty in ESCALATION_DUTIES:
                owner = getattr(record.data.escalation, duty)
                if owner:
                    of(owner).duties.append((record, duty.replace("_", " ")))
    for _slug, sop in sorted(project.sops.items()):
        of(sop.meta.owner).sops.append(sop)
    for s in project.running_sessions():
        if s.entry.instructor:
            of(s.entry.instructor).sessions.append(s)
    order = sorted(found, key=lambda pid: (name_key(project.person_name(pid)), pid))
    return {pid: found[pid] for pid in order if not found[pid].empty}


@dataclass(frozen=True)
class Launch:
    """One of a person's programs and its next session."""

    record: ProgramRecord
    next_session: Session


def upcoming_launches(project: Project, owned: Responsibilities) -> list[Launch]:
    """The programs ``owned`` that have a session to come, the soonest first (by the moment, not by
    the words of the date: January 2027 after December 2026)."""
    launches = []
    for record in owned.programs:
        upcoming = project.running_sessions(record.slug)
        if upcoming:
            launches.append(Launch(record, upcoming[0]))
    return sorted(launches, key=lambda launch: (launch.next_session.start_utc, launch.record.slug))


@dataclass(frozen=True)
class NotReady:
    record: ProgramRecord
    next_session: Session | None
    fixes: FixFirst

    @property
    def failures(self) -> int:
        return self.fixes.count


def not_ready_launches(project: Project, readiness: dict[str, ProgramReadiness]) -> list[NotReady]:
    """Every program with a failure point, the soonest next session first (none scheduled: last)."""
    out = []
    for slug, record in sorted(project.programs.items()):
        if slug not in readiness or readiness[slug].ready:
            continue
        upcoming = project.running_sessions(slug)
        out.append(NotReady(record, upcoming[0] if upcoming else None, fix_first(project, readiness[slug])))
    return sorted(out, key=lambda n: (n.next_session is None, n.next_session.start_utc if n.next_session else 0))


@dataclass(frozen=True)
class Restaff:
    session: Session
    problems: list[Finding]


def sessions_to_restaff(project: Project, readiness: dict[str, ProgramReadiness]) -> list[Restaff]:
    """Upcoming sessions without an instructor, or whose instructor is booked twice or teaches
    outside their hours, by start."""
    by_session: dict[str, list[Finding]] = {}
    for r in readiness.values():
        for item in r.items:
            if item.rule in STAFFING_RULES:
                for f in item.findings:
                    if f.session:
                        by_session.setdefault(f.session, []).append(f)
    sessions = {s.id: s for s in project.upcoming_sessions()}
    found = [Restaff(sessions[sid], problems) for sid, problems in by_session.items() if sid in sessions]
    return sorted(found, key=lambda r: (r.session.start_utc, r.session.id))


@dataclass(frozen=True)
class RestaffCount:
    """One instructor's sessions to re-staff: how many, and the soonest."""

    instructor: str | None  # person id; None: sessions nobody teaches
    count: int
    soonest: Restaff


def restaff_by_instructor(restaff: list[Restaff]) -> list[RestaffCount]:
    """``restaff`` (by start) counted per instructor: the sessions nobody teaches first (someone must
    be found for each), then the instructor with the soonest session first."""
    groups: dict[str | None, list[Restaff]] = {}
    for r in restaff:
        groups.setdefault(r.session.entry.instructor or None, []).append(r)
    counts = [RestaffCount(instructor, len(items), items[0]) for instructor, items in groups.items()]
    return sorted(counts, key=lambda c: (c.instructor is not None, c.soonest.session.start_utc, c.soonest.session.id))


# The overview's lists that get pages of their own when long: their folder under handoff/, and title.
HANDOFF_LISTS = {
    "not-ready": "Launches not ready",
    "reviews": "Overdue reviews",
    "restaff": "Sessions to re-staff",
}


def render_handoff(ctx, readiness: dict[str, ProgramReadiness]) -> list[GeneratedFile]:
    """The handoff overview (what needs someone first, then everyone by name), the full lists that
    are too long for it, and one page per person (150 people teaching 20,000 sessions)."""
    project = ctx.project
    owners = responsibilities(project)
    lists: dict[str, list] = {
        "not-ready": not_ready_launches(project, readiness),
        "reviews": overdue_reviews(project),
        "restaff": sessions_to_restaff(project, readiness),
    }
    # A list longer than the overview shows is in full on pages of its own.
    pages = {kind: long_list_pages(items, urls.handoff_list(kind), SUMMARY_ROWS) for kind, items in lists.items()}
    overview = ctx.page(
        "trainops/handoff.html",
        urls.HANDOFF,
        owners=owners,
        readiness=readiness,
        not_ready=lists["not-ready"],
        reviews=lists["reviews"],
        restaff=lists["restaff"],
        by_instructor=restaff_by_instructor(lists["restaff"]),
        pages=pages,
        shown=SUMMARY_ROWS,
        label=session_label,
        summary=_summary,
    )
    files = [GeneratedFile(urls.HANDOFF, overview, in_nav=True, title="Handoff")]
    for kind, kind_pages in pages.items():
        total = len(lists[kind])
        files += render_list_pages(
            ctx,
            "trainops/handoff-list.html",
            kind_pages,
            total,
            partial(rows_title, HANDOFF_LISTS[kind], total=total),
            kind=kind,
            owners=owners,
            label=session_label,
        )
    to_restaff = {r.session.id: r.problems for r in lists["restaff"]}
    for pid, owned in owners.items():
        files += _person_pages(ctx, pid, owned, readiness, to_restaff)
    return files


def _person_pages(ctx, pid: str, owned: Responsibilities, readiness, to_restaff: dict) -> list[GeneratedFile]:
    """A person's page and, when they teach more sessions than a page holds, the pages of their
    sessions (``handoff/people/<id>/sessions/<n>.md``): the page shows the soonest."""
    name = ctx.project.person_name(pid)
    docs_path = urls.person_page(pid)
    sessions = owned.sessions
    pages = long_list_pages(sessions, urls.person_sessions(pid))
    values = {"pid": pid, "label": session_label, "to_restaff": to_restaff}
    someone = ctx.project.people.get(pid)
    page = partial(
        ctx.page,
        "trainops/handoff-person.html",
        docs_path,
        r=owned,
        someone=someone,
        zone_offset=_offset_on(someone.timezone if someone else None, ctx.project.today),
        launches=upcoming_launches(ctx.project, owned),
        readiness=readiness,
        session_pages=pages,
        shown=SUMMARY_ROWS,
        **values,
    )
    files = [made_unless_on_request(GeneratedFile(docs_path, "", title=f"Handoff: {name}", make=page), ctx.on_request)]
    return files + render_list_pages(
        ctx,
        "trainops/handoff-person-sessions.html",
        pages,
        len(sessions),
        lambda part: rows_title(f"Sessions {name} teaches", part, len(sessions)),
        **values,
    )


def _offset_on(zone: str | None, day: date) -> str:
    """The zone's offset from UTC at noon on ``day`` ("UTC+01:00"), or "" without a zone: a
    colleague's working hours are read against it, and summer time moves it."""
    return format_utc_offset(datetime.combine(day, time(12), ZoneInfo(zone))) if zone else ""


def _summary(owned: Responsibilities) -> str:
    """What a person owns, counted: ``1 program, 3 SOPs, 2 sessions to teach``."""
    parts = [
        (len(owned.programs), "program", "programs"),
        (len(owned.sops), "SOP", "SOPs"),
        (len(owned.duties), "escalation duty", "escalation duties"),
        (len(owned.sessions), "session to teach", "sessions to teach"),
    ]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
