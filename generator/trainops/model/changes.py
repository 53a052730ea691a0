"""What the git history says changed: plain values, no reader (the project holds a :class:`History`).

A :class:`Change` is one change that matters to someone, made by one commit (or by the working
tree's uncommitted edits, dated ``--today``): a session moved, its room, link, instructor or
status changed, a session added or removed; an SOP's text changed; a program's fields changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "Change",
    "History",
    "SessionState",
    "SopDiff",
    "Slot",
    "SESSION_KINDS",
    "SEQUENCE_KINDS",
    "NOTICE_KINDS",
    "STATUS_KINDS",
    "WORK_TREE",
    "SHORT",
]

# What can change about a session, in the order a message lists them.
SESSION_KINDS = ("added", "removed", "moved", "room", "link", "instructor", "cancelled", "confirmed", "tentative")
# The changes that make a new version of a session's calendar event (with its addition, they date
# it: trainops.model.event_versions).
SEQUENCE_KINDS = frozenset(SESSION_KINDS) - {"added", "removed"}
# A change of a session's status, named for the status it set.
STATUS_KINDS = ("cancelled", "confirmed", "tentative")
# The changes a learner who has the invite must be told of (a cancellation has its own notice).
NOTICE_KINDS = ("moved", "room", "link", "instructor")
WORK_TREE = "work tree"  # the commit id of uncommitted edits
SHORT = 10  # characters of a commit id shown: the same in every build of one repository


@dataclass(frozen=True)
class Slot:
    """When a session takes place: aware start and end in ``zone``."""

    start: datetime
    end: datetime
    zone: str


@dataclass(frozen=True)
class SessionState:
    """What the history compares of one session, as one version of the schedule had it."""

    program: str
    title: str | None
    slot: Slot
    room: str | None
    link: str | None
    instructor: str | None
    status: str

    def value(self, kind: str):
        """The value a change of ``kind`` is about (the slot for "moved", the status for a status)."""
        if kind == "moved":
            return self.slot
        if kind in ("room", "link", "instructor"):
            return getattr(self, kind)
        return self.status


@dataclass(frozen=True)
class Change:
    kind: str  # a SESSION_KINDS value, "sop" or "program"
    subject: str  # the session id, SOP slug or program slug
    program: str | None  # the session's program; the program itself; None for an SOP
    when: datetime  # the commit time, aware, in UTC
    day: date  # the commit's date where it was made (its committer's offset)
    commit: str  # short commit id, or WORK_TREE
    summary: str  # the commit's subject line
    title: str = ""  # what the subject was called: the session's title, the SOP's, the program's name
    old: object = None  # the value before: a Slot, a text, a status, a SessionState (removed)
    new: object = None  # ...and after (a SessionState for "added")
    fields: tuple[str, ...] = ()  # programs and SOPs: the fields that changed ("body" for an SOP's text)
    sections: tuple[str, ...] = ()  # programs: the guide's sections those fields are in
    path: str = ""  # the file, as that version named it
    # An SOP's text: each changed line in the page's words, (old, new); "" where there is none.
    steps: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        """Stable across builds: the commit, the kind and the subject."""
        return f"{self.commit.replace(' ', '-')}-{self.kind}-{self.subject}"


@dataclass(frozen=True)
class SopDiff:
    """An SOP's file as it was when last reviewed and as it is now. The old text is the version the
    SOP had on its review day, or its first version when it is younger than its review: ``commit``
    and ``day`` say which (the label of the old side; ``WORK_TREE`` for uncommitted edits)."""

    old: str
    new: str
    commit: str
    day: date
    reviewed: date

    @property
    def uncommitted(self) -> bool:
        """Whether the old text is the working tree's uncommitted edits (no commit to name)."""
        return self.commit == WORK_TREE

    @property
    def from_review(self) -> bool:
        """Whether the old text is the one reviewed (not a later first version)."""
        return self.day <= self.reviewed


@dataclass
class History:
    """Every change the history of the data files shows, oldest first.

    ``available`` is False when there is no history to read (no git, not a repository, a shallow
    clone, no commit yet); ``problem`` then says why and how to get it."""

    changes: list[Change] = field(default_factory=list)
    available: bool = False
    problem: str = ""
    # Said when the history is read from a repository whose top folder is above the project's
    # (a monorepo, or a project with no .git of its own inside someone else's repository).
    note: str = ""
    head: str = ""  # the commit read (full id); "" outside git (a shallow clone has one, but no changes)
    dirty: bool = False  # uncommitted edits to the data files, read as the newest version
    # Any file the outputs are made of (data, docs_dir, theme, mkdocs.yml) differs from the commit
    # read: the version printed on the manuals says so.
    uncommitted: bool = False
    sop_diffs: dict[str, SopDiff] = field(default_factory=dict)  # SOP slug -> its text at review and now
    # Each subject's changes, by group ("program", "sop", "session") and subject: its first change,
    # and the later ones of a subject that has several (most have one: no list each).
    _first: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _later: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _of(self, group: str, subject: str) -> list[Change]:
        if not self._first:
            self._first.update(program={}, sop={}, session={})
            self._later.update(program={}, sop={}, session={})
            for c in self.changes:
                kind = c.kind if c.kind in ("program", "sop") else "session"
                if c.subject in self._first[kind]:
                    self._later[kind].setdefault(c.subject, []).append(c)
                else:
                    self._first[kind][c.subject] = c
        first = self._first[group].get(subject)
        if first is None:
            return []
        return [first, *self._later[group].get(subject, ())]

    def of_session(self, session_id: str) -> list[Change]:
        return self._of("session", session_id)

    def of_sop(self, slug: str) -> list[Change]:
        return self._of("sop", slug)

    def of_program(self, slug: str) -> list[Change]:
        return self._of("program", slug)

    def last_change(self, session_id: str) -> Change | None:
        """The session's last change that its calendar event shows (a :data:`SEQUENCE_KINDS` change,
        or its addition); None when the history does not know it."""
        shown = [c for c in self.of_session(session_id) if c.kind != "removed"]
        return max(shown, key=lambda c: c.when) if shown else None

    def last_modified(self, session_id: str) -> datetime | None:
        """When the session last changed, or was added; None when the history does not know it."""
        last = self.last_change(session_id)
        return last.when if last is not None else None

    def since(self, day: date) -> list[Change]:
        """The changes made on ``day`` or later, newest first."""
        return sorted((c for c in self.changes if c.day >= day), key=lambda c: (c.when, c.id), reverse=True)
