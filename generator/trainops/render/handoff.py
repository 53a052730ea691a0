"""``/handoff/``: what needs someone first (launches not ready, overdue reviews, sessions to
re-staff), then per owner, sorted by name, what they own and what needs their attention next."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.project import ProgramRecord, Project, Session, Sop
from ..plan import urls
from ..plan.handoff import name_key, overdue_reviews
from ..readiness import Finding, FixFirst, ProgramReadiness, fix_first, session_label
from .files import GeneratedFile

__all__ = [
    "render_handoff",
    "Responsibilities",
    "responsibilities",
    "NotReady",
    "not_ready_launches",
    "Restaff",
    "sessions_to_restaff",
]

DUTIES = ("missed_sessions", "late_completions", "learner_questions", "improvement_notes")

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
            for duty in DUTIES:
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


def render_handoff(ctx, readiness: dict[str, ProgramReadiness]) -> list[GeneratedFile]:
    """The handoff overview (what needs someone first, then everyone by name) and one page per
    person: a page each keeps the overview small at any size (150 people teaching 20,000 sessions)."""
    project = ctx.project
    owners = responsibilities(project)
    overview = ctx.page(
        "trainops/handoff.html",
        urls.HANDOFF,
        owners=owners,
        readiness=readiness,
        not_ready=not_ready_launches(project, readiness),
        reviews=overdue_reviews(project),
        restaff=sessions_to_restaff(project, readiness),
        label=session_label,
        summary=_summary,
    )
    files = [GeneratedFile(urls.HANDOFF, overview, in_nav=True, title="Handoff")]
    for pid, owned in owners.items():
        docs_path = urls.person_page(pid)
        page = ctx.page(
            "trainops/handoff-person.html", docs_path, pid=pid, r=owned, readiness=readiness, label=session_label
        )
        files.append(GeneratedFile(docs_path, page, title=f"Handoff: {project.person_name(pid)}"))
    return files


def _summary(owned: Responsibilities) -> str:
    """What a person owns, counted: ``1 program, 3 SOPs, 2 sessions to teach``."""
    parts = [
        (len(owned.programs), "program", "programs"),
        (len(owned.sops), "SOP", "SOPs"),
        (len(owned.duties), "escalation duty", "escalation duties"),
        (len(owned.sessions), "session to teach", "sessions to teach"),
    ]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
