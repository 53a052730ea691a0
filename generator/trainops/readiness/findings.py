"""What a readiness rule reports: a failure point at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic

__all__ = ["Finding", "GROUPS"]

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


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    path: str
    line: int
    column: int
    program: str | None = None  # the program whose launch this concerns
    session: str | None = None

    def as_diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.column, "warning", self.rule, self.message)
