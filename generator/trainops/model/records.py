"""The things a project is made of, each with where it was written: programs, sessions (time
zones applied, ids given), SOPs (with their review dates), hand-written pages, and the ids of
entries that failed validation. :mod:`trainops.model.project` holds them together.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from datetime import UTC, date, datetime

from .formats import Program, SessionEntry, SopFrontMatter
from .sourcemap import CompactSourceMap, SourceMap
from .values import Duration

__all__ = ["ProgramRecord", "Session", "Sop", "ContentPage", "RawReference", "review_due"]


@dataclass
class ProgramRecord:
    slug: str
    data: Program
    path: str
    source: SourceMap

    @property
    def name(self) -> str:
        return self.data.name


# (slots: 100,000 sessions at five years of a large organisation, a dictionary each without)
@dataclass(slots=True)
class Session:
    id: str
    entry: SessionEntry
    zone: str
    start: datetime  # aware, in ``zone``
    end: datetime  # aware, in ``zone``
    path: str
    source: SourceMap | CompactSourceMap  # the whole schedule file's map...
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
