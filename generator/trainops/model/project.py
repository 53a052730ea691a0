"""The loaded project: programs, people, sessions, SOPs and pages, resolved and cross-linked.

These are the objects the rules and the renderers work with. Input formats live in
:mod:`trainops.model.formats`; this module adds what is derived from them (time zones applied, session
ids, review dates) and where each thing was written.
"""

from __future__ import annotations

import posixpath
from dataclasses import InitVar, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .changes import History
from .formats import Person, Program, SessionEntry, SopFrontMatter
from .sourcemap import SourceMap
from .values import Duration

# The stems of the files in the programs folder that are read as data (the people file, the schedule),
# never as programs: a program may not take these slugs.
DATA_FILE_STEMS = ("schedule", "people")

# The file names MkDocs renders as pages (``mkdocs.utils.markdown_extensions``; case matters to it).
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")

__all__ = [
    "DATA_FILE_STEMS",
    "MARKDOWN_SUFFIXES",
    "Settings",
    "Project",
    "ProgramRecord",
    "Session",
    "Sop",
    "ContentPage",
    "RawReference",
    "review_due",
]


@dataclass(frozen=True)
class Settings:
    """Where the data lives (plugin settings in mkdocs.yml) and how outputs look."""

    programs_dir: str = "programs"
    sops_dir: str = "sops"
    schedule: str = ""  # "" means programs_dir/schedule.yaml, else programs_dir/schedule.csv
    people: str = ""  # "" means programs_dir/people.yaml
    docs_dir: str = "content"
    theme_dir: str = "theme"  # mkdocs.yml's theme.custom_dir: Material overrides and trainops' templates
    site_name: str = "Training"
    site_url: str = ""
    paper_size: str = "A4"
    ops_dir: str = "ops"  # where `trainops build` writes the coordinator site (beside mkdocs.yml)
    changes_days: int = 60  # how far back "What changed" and the notes on sessions look

    @property
    def people_path(self) -> str:
        return self.people or f"{self.programs_dir}/people.yaml"

    def is_program_file(self, path: str) -> bool:
        """Whether the repository path ``path`` names a program definition (by name; the file need not
        exist): a YAML file directly in the programs folder that is not the people file or a schedule."""
        folder, name = posixpath.split(path)
        stem, ext = posixpath.splitext(name)
        return (
            folder == self.programs_dir.strip("/")
            and ext in (".yaml", ".yml")
            and stem not in DATA_FILE_STEMS
            and path not in (self.people_path.strip("/"), self.schedule.strip("/"))
        )

    def schedule_paths(self, root: Path) -> list[str]:
        """Every schedule file: the ``schedule`` setting; else ``programs/schedule.yaml`` (or
        ``programs/schedule.csv``) and the YAML files of a ``programs/schedule/`` folder."""
        if self.schedule:
            return [self.schedule]
        paths = []
        yaml_path = f"{self.programs_dir}/schedule.yaml"
        csv_path = f"{self.programs_dir}/schedule.csv"
        if (root / yaml_path).is_file() or not (root / csv_path).is_file():
            paths.append(yaml_path)
        else:
            paths.append(csv_path)
        folder = root / self.programs_dir / "schedule"
        if folder.is_dir():
            paths += sorted(
                f"{self.programs_dir}/schedule/{p.name}"
                for p in folder.iterdir()
                if p.suffix in (".yaml", ".yml") and p.is_file()
            )
        return [p for p in paths if (root / p).is_file()]


@dataclass
class ProgramRecord:
    slug: str
    data: Program
    path: str
    source: SourceMap

    @property
    def name(self) -> str:
        return self.data.name


@dataclass
class Session:
    id: str
    entry: SessionEntry
    zone: str
    start: datetime  # aware, in ``zone``
    end: datetime  # aware, in ``zone``
    path: str
    source: SourceMap  # the whole schedule file's map...
    loc: tuple = ()  # ...and where this session is in it, e.g. ("sessions", 3)
    # The same instants in UTC, given by a caller that has them already (an init-only value, so
    # dataclasses.replace() works them out again rather than copying them).
    utc: InitVar[tuple[datetime, datetime] | None] = None
    # Every comparison between sessions uses these (computed once here).
    start_utc: datetime = field(init=False, repr=False, compare=False)
    end_utc: datetime = field(init=False, repr=False, compare=False)
    # The entry's program and status, asked for 100,000 times in a launch review at scale.
    program: str = field(init=False, repr=False, compare=False)
    status: str = field(init=False, repr=False, compare=False)

    def __post_init__(self, utc):
        self.start_utc, self.end_utc = utc or (self.start.astimezone(UTC), self.end.astimezone(UTC))
        self.program, self.status = self.entry.program, self.entry.status

    @property
    def in_person(self) -> bool:
        return bool(self.entry.room)

    @property
    def online(self) -> bool:
        return bool(self.entry.link)

    def is_upcoming(self, today: date) -> bool:
        """Not yet over on ``today`` (a session today is still upcoming)."""
        return self.end.date() >= today

    def in_zone(self, zone_name: str) -> datetime:
        return self.start.astimezone(ZoneInfo(zone_name))

    def line(self, field_name: str | None = None) -> tuple[int, int]:
        return self.source.locate(self.loc + ((field_name,) if field_name else ()))


@dataclass
class Sop:
    slug: str
    meta: SopFrontMatter
    body: str
    body_line: int  # line in the file where ``body`` starts
    path: str
    source: SourceMap
    links: tuple = ()  # the links in ``body`` (trainops.load.links.find_links), found when it was read

    @property
    def next_review(self) -> date:
        return review_due(self.meta.last_reviewed, self.meta.review_every)

    def overdue(self, today: date) -> bool:
        return self.next_review < today


@dataclass(frozen=True)
class RawReference:
    """An id in an entry that failed validation: still checked, so every mistake shows at once."""

    path: str
    line: int
    column: int
    kind: str  # "person" or "program"
    value: str
    label: str


@dataclass
class ContentPage:
    """A hand-written page in docs_dir; scanned for links and retired names."""

    path: str  # repository-relative
    docs_path: str  # relative to docs_dir
    text: str
    # Front matter's ``audience:``: "learner" pages are on the learner site, "coordinator" and
    # "instructor" pages on the coordinator site only.
    audience: str = "learner"


def review_due(last_reviewed: date, every: Duration) -> date:
    return every.after(last_reviewed)


@dataclass
class Derived:
    """Values computed from the whole project, once (see ``check_readiness``, ``plan_reminders``)."""

    readiness: Any = None  # dict[str, ProgramReadiness]
    project_findings: Any = None  # list[Finding] that concern no program (set with readiness)
    reminders: Any = None  # list[PlannedReminder], every message
    overdue_reminders: Any = None  # list[PlannedReminder], only the overdue ones
    # list[Finding]: double bookings and unreasonable hours, which need only the sessions, the
    # people and the day (so a caller may give them, from a cache keyed by those files' bytes)
    session_findings: Any = None
    instructor_files: Any = None  # frozenset[str]: docs paths only instructor materials use
    change_notices: Any = None  # list[PlannedReminder]: the change notices (with the history)
    coordinator_files: Any = None  # frozenset[str]: docs_dir files that only coordinators' pages use


@dataclass
class Project:
    root: Path
    settings: Settings
    today: date
    people: dict[str, Person] = field(default_factory=dict)
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
            self._index.update(
                by_program=by_program, upcoming=upcoming, running=running, naming=naming, listing=listing, pages=pages
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

    def sops_of(self, slug: str) -> list[Sop]:
        """SOPs the program lists, then SOPs that name the program, each once, in a stable order."""
        program = self.programs[slug].data
        listed = [self.sops[s] for s in dict.fromkeys(program.sops) if s in self.sops]
        named = [s for s in self._indexed("naming").get(slug, []) if s not in listed]
        return listed + named
