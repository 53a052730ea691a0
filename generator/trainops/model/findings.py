"""What the launch review reports, as plain values: a failure point (:class:`Finding`) at a file,
line and column, and each program's checklist of them. The rules that find them are in
:mod:`trainops.readiness`; the values live here so that the project can keep them once worked out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic

__all__ = ["Finding", "ChecklistItem", "ProgramReadiness", "GROUPS"]

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


@dataclass(frozen=True)
class ChecklistItem:
    rule: str
    group: str
    title: str
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass
class ProgramReadiness:
    slug: str
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return sum(len(item.findings) for item in self.items)

    @property
    def ready(self) -> bool:
        return self.failures == 0

    def groups(self):
        """``(group id, title, description, items)`` in the order of the launch review."""
        return [(gid, title, text, [i for i in self.items if i.group == gid]) for gid, title, text in GROUPS]
