"""What a readiness rule reports: a failure point at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.diagnostics import Diagnostic
from ..model.formatting import format_day
from ..model.project import Session

__all__ = ["Finding", "GROUPS", "session_label"]

# The launch review an experienced coordinator does, in the order the checklist shows it.
GROUPS = (
    ("audience", "Audience", "Who must take it, how they enrol, and the audience rules are settled."),
    ("logistics", "Logistics", "Every date, time, link, room, instructor and backup plan is confirmed."),
    ("learner-readiness", "What learners need", "Prerequisites, access and materials are current and findable."),
    ("follow-through", "Follow-through", "Reminders, follow-ups, completion tracking and feedback are in place."),
    (
        "ownership",
        "Ownership",
        "Missed sessions, late completions, learner questions and improvement notes each have an owner.",
    ),
    (
        "brief",
        "Program brief",
        "The problem, the format, how managers reinforce it, how we know it worked, and who keeps it current.",
    ),
)


def session_label(session: Session) -> str:
    """A session as a coordinator names it: ``Day 1 - Welcome, Tue 1 Dec 2026`` (its start time
    instead of a title it does not have), in the session's own zone."""
    if session.entry.title:
        return f"{session.entry.title}, {format_day(session.start)}"
    return f"the session of {format_day(session.start)} at {session.start:%H:%M}"


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str  # the problem in plain words, with the field to add or change
    path: str
    line: int
    column: int
    program: str | None = None  # the program whose launch this concerns
    session: str | None = None
    about: str | None = None  # what the problem is about, when not the whole program: a session's label

    @property
    def text(self) -> str:
        """The message with what it is about: ``Day 1 - Welcome, Tue 1 Dec 2026: no backup plan ...``."""
        return f"{self.about}: {self.message}" if self.about else self.message

    def as_diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.column, "warning", self.rule, self.text)
