"""The loaded project: programs, people, sessions, SOPs and pages, resolved and cross-linked.

These are the objects the rules and the renderers work with. Input formats live in
:mod:`trainops.model.formats`, the things made of them (time zones applied, session ids, review
dates, where each was written) in :mod:`trainops.model.records`; this module holds them together,
with the facts worked out once from the whole project (:class:`Derived`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .changes import History
from .event_versions import PublishedCalendar
from .findings import Finding, ProgramReadiness
from .formats import Person
from .records import ContentPage, ProgramRecord, RawReference, Session, Sop, review_due
from .reminders import PlannedReminder
from .settings import DATA_FILE_STEMS, Settings
from .sourcemap import SourceMap

# The file names MkDocs renders as pages (``mkdocs.utils.markdown_extensions``; case matters to it).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")

__all__ = [
    "DATA_FILE_STEMS",
    "MARKDOWN_SUFFIXES",
    "Settings",
    "Project",
    "Derived",
    "ProgramRecord",
    "Session",
    "Sop",
    "ContentPage",
    "RawReference",
    "review_due",
]


@dataclass
class Derived:
    """Facts worked out from the whole project, each once, by the module that knows how, on the
    first call that needs it (the CLI, the pages and the manuals all ask). ``None`` until then.

    The project is frozen after loading; these slots are not: filling one changes nothing the
    project says, it keeps a function of the project from being worked out twice."""

    readiness: dict[str, ProgramReadiness] | None = None
    """Every program's launch checklist, by slug: ``trainops.readiness.check_readiness``."""
    project_findings: list[Finding] | None = None
    """The findings that concern no program (a placeholder in an SOP no program uses): set by
    ``trainops.readiness.check_readiness`` together with ``readiness``."""
    session_findings: list[Finding] | None = None
    """Double bookings and unreasonable hours, which need only the sessions, the people and the
    day: ``trainops.readiness.checklist.session_findings``, or given by ``trainops check`` from its
    cache (keyed by those files' bytes and the day) before the launch review asks."""
    reminders: list[PlannedReminder] | None = None
    """Every planned message: ``trainops.plan.reminders.plan_reminders``."""
    overdue_reminders: list[PlannedReminder] | None = None
    """Only the overdue messages, when they were asked for before the whole plan:
    ``trainops.plan.reminders.overdue_reminders`` (the launch review)."""
    change_notices: list[PlannedReminder] | None = None
    """The change notices (from ``Project.history``): ``trainops.plan.reminders.change_notices``."""
    instructor_files: frozenset[str] | None = None
    """docs_dir paths that only instructor materials use: ``trainops.plan.sites.instructor_files``."""
    coordinator_files: frozenset[str] | None = None
    """docs_dir paths that only the coordinators' pages use: ``trainops.plan.sites.coordinator_files``."""


@dataclass(frozen=True)
class Project:
    """Everything loaded, as ``trainops.load.loading.load_project`` made it: frozen, so no part of
    trainops can change what another part reads (assigning an attribute raises
    ``dataclasses.FrozenInstanceError``). A changed project is a new one (``dataclasses.replace``),
    with nothing worked out yet. Facts worked out from it are kept in ``derived``."""

    root: Path
    settings: Settings
    today: date
    people: dict[str, Person | None] = field(default_factory=dict)  # None: a known id whose entry is invalid
    people_source: SourceMap | None = None
    people_index: dict[str, int] = field(default_factory=dict)  # person id -> its entry in the people file
    programs: dict[str, ProgramRecord] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    sops: dict[str, Sop] = field(default_factory=dict)
    pages: list[ContentPage] = field(default_factory=list)
    people_loaded: bool = False  # False when people.yaml is missing or unreadable: ids cannot be checked
    unchecked_references: list[RawReference] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # YAML files as read, by path
    # What the git history says changed (trainops.load.history); empty, and saying why, until read.
    history: History = field(default_factory=History, repr=False)
    # The calendar events of the learner site a build replaces, by UID: no event is published at a
    # lower version (trainops.load.published_calendar, read before the build replaces the folder).
    published_calendar: PublishedCalendar | None = field(default=None, repr=False, compare=False)
    # The SHA-256 of each file the load read, by repository path, of the very bytes read: the key of
    # what is made from some or all of them, which a save after the load cannot make describe other
    # bytes ({}: a project not made by the loader, whose sources are not known).
    sources_read: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    # Indexes built on first use, after loading: pages and rules ask "sessions of X" thousands of times.
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # Results worked out once from the whole project, which does not change after loading: the
    # CLI, the pages and the manuals all ask for them. Kept by the modules that compute them.
    derived: Derived = field(default_factory=lambda: Derived(), init=False, repr=False, compare=False)

    def _indexed(self, name: str):
        if not self._index:
            by_program: dict[str, list[Session]] = {}
            upcoming: dict[str | None, list[Session]] = {None: []}
            running: dict[str | None, list[Session]] = {None: []}
            for s in self.sessions:
                by_program.setdefault(s.program, []).append(s)
                if s.is_upcoming(self.today):
                    upcoming[None].append(s)
                    upcoming.setdefault(s.program, []).append(s)
                    if s.status != "cancelled":
                        running[None].append(s)
                        running.setdefault(s.program, []).append(s)
            naming: dict[str, list[Sop]] = {}
            for sop in sorted(self.sops.values(), key=lambda sop: sop.slug):
                for slug in dict.fromkeys(sop.meta.programs):
                    naming.setdefault(slug, []).append(sop)
            listing: dict[str, list[str]] = {}
            for slug, record in sorted(self.programs.items()):
                for sop_slug in dict.fromkeys(record.data.sops):
                    listing.setdefault(sop_slug, []).append(slug)
            pages = {page.docs_path: page for page in self.pages}
            # Only the runs of listed parts: a session that is a part of its own (every session of
            # a program without parts) is found by its id, not given a list of one (20,000 lists
            # and their keys at each load, which a preview's saves would also collect again).
            runs: dict[tuple[str, str], list[Session]] = {}
            by_id: dict[str, Session] = {}
            for s in sorted(self.sessions, key=lambda s: (s.start_utc, s.id)):
                part = self._listed_part(s)
                if part is None:
                    by_id[s.id] = s
                else:
                    runs.setdefault((s.program, part), []).append(s)
            self._index.update(
                by_program=by_program,
                upcoming=upcoming,
                running=running,
                naming=naming,
                listing=listing,
                pages=pages,
                runs=runs,
                own_part=by_id,
            )
        return self._index[name]

    def programs_listing(self, sop_slug: str) -> list[str]:
        """Slugs of the programs whose ``sops:`` name this SOP."""
        return self._indexed("listing").get(sop_slug, [])

    def page_at(self, docs_path: str) -> ContentPage | None:
        """The hand-written page at ``docs_path`` (relative to docs_dir), if the project has one."""
        return self._indexed("pages").get(docs_path)

    def person_name(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        person = self.people.get(person_id)
        return person.name if person else person_id

    def sessions_of(self, slug: str) -> list[Session]:
        return list(self._indexed("by_program").get(slug, []))

    def upcoming_sessions(self, slug: str | None = None) -> list[Session]:
        """The sessions from ``today`` on, cancelled ones included (the pages list them as cancelled),
        of one program or of all; by start."""
        return list(self._indexed("upcoming").get(slug, []))

    def running_sessions(self, slug: str | None = None) -> list[Session]:
        """The upcoming sessions that will take place: from ``today`` on and not cancelled, of one
        program or of all; by start. What "the next session", launch readiness, double bookings,
        sign-in sheets and instructors' duties mean by a session."""
        return list(self._indexed("running").get(slug, []))

    def upcoming_by_program(self) -> dict[str, list[Session]]:
        """Upcoming sessions of each program that has any (do not change the lists)."""
        return {slug: sessions for slug, sessions in self._indexed("upcoming").items() if slug is not None}

    def part_of(self, session: Session) -> str:
        """Which part of its program ``session`` is a run of: its ``part:`` where the program lists
        ``parts:`` (and names that part); otherwise the session's own id, so that in a program without
        parts each session is a part of its own, which every learner of its cohort needs. (A session
        whose part is missing or unknown is an error of ``check``; meanwhile it is its own part too.)"""
        return self._listed_part(session) or session.id

    def _listed_part(self, session: Session) -> str | None:
        record = self.programs.get(session.program)
        part = session.entry.part
        if record is not None and part is not None and part in record.data.parts:
            return part
        return None

    def parts_of(self, slug: str) -> list[str]:
        """The parts a learner of the program attends a run of each: its ``parts:`` in order or,
        without them, the id of each of its sessions (by start)."""
        record = self.programs.get(slug)
        if record is not None and record.data.parts:
            return list(record.data.parts)
        return [s.id for s in sorted(self.sessions_of(slug), key=lambda s: (s.start_utc, s.id))]

    def runs_of(self, slug: str, part: str) -> list[Session]:
        """The sessions of the program that are runs of ``part`` (alternatives: a learner attends one),
        cancelled ones included, by start. In a program without parts, the part is a session id."""
        runs = self._indexed("runs").get((slug, part), [])
        own = self._indexed("own_part").get(part)  # the session with that id, a part of its own
        if own is None or own.program != slug:
            return list(runs)
        return sorted([*runs, own], key=lambda s: (s.start_utc, s.id)) if runs else [own]

    def other_runs(self, session: Session) -> list[Session]:
        """The runs of ``session``'s part that take place, from ``today`` on, ``session`` aside: what
        a learner of a cancelled run can take instead (none in a program without parts)."""
        return [s for s in self.open_runs(session) if s is not session]

    def open_runs(self, session: Session) -> list[Session]:
        """The runs of ``session``'s part that take place, from ``today`` on, ``session`` itself
        included where it does: what a learner of that part chooses among."""
        runs = self.runs_of(session.program, self.part_of(session))
        return [s for s in runs if s.status != "cancelled" and s.is_upcoming(self.today)]

    def run_choices(self, sessions: Iterable[Session]) -> dict[str, int]:
        """By session id, how many runs of its part a learner chooses among (that take place, from
        ``today`` on, the session's own included), for the ``sessions`` that are one of several:
        the pages that list sessions one by one say so, lest a learner attend all three Day 1s."""
        counts: dict[str, int] = {}
        for session in sessions:
            if session.status == "cancelled":
                continue
            runs = len(self.open_runs(session))
            if runs > 1:
                counts[session.id] = runs
        return counts

    def sops_of(self, slug: str) -> list[Sop]:
        """SOPs the program lists, then SOPs that name the program, each once, in a stable order."""
        program = self.programs[slug].data
        listed = [self.sops[s] for s in dict.fromkeys(program.sops) if s in self.sops]
        named = [s for s in self._indexed("naming").get(slug, []) if s not in listed]
        return listed + named
