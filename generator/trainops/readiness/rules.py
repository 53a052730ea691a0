"""The launch-readiness rules: each a small function with a stable id, a group and a title.

A rule looks at one program (and what the whole project says about it) and returns its failure
points; no findings means the checklist item passes. The title says what must hold, so the
checklist reads "✓ Every upcoming session has an instructor" or "✗ ... — session X, line 12".
The checklist lists them, in its order, in :mod:`trainops.readiness.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from ..model.formats import ESCALATION_DUTIES
from ..model.formatting import format_day, format_duration
from ..model.project import ProgramRecord, Project, Session
from .findings import Finding, session_label

__all__ = ["Rule", "RuleContext", "rule"]


@dataclass
class RuleContext:
    project: Project
    record: ProgramRecord
    shared: dict[str, dict[str | None, list[Finding]]]  # project-wide findings by rule, then by program
    overdue_reminders: list = field(default_factory=list)  # this program's planned reminders already due

    @cached_property
    def sessions(self) -> list[Session]:
        return self.project.running_sessions(self.record.slug)

    def at(self, rule: str, message: str, *loc) -> Finding:
        line, col = self.record.source.locate(tuple(loc))
        return Finding(rule, message, self.record.path, line, col, self.record.slug)

    def at_session(self, rule: str, message: str, session: Session, field: str | None = None) -> Finding:
        line, col = session.line(field)
        return Finding(rule, message, session.path, line, col, self.record.slug, session.id, session_label(session))

    def from_shared(self, rule: str) -> list[Finding]:
        return self.shared.get(rule, {}).get(self.record.slug, [])


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    title: str
    check: Callable[[RuleContext], list[Finding]]


def rule(rule_id: str, group: str, title: str) -> Callable[[Callable[[RuleContext], list[Finding]]], Rule]:
    """The function as a :class:`Rule` with this id, group and title (where it stands in the
    checklist is :data:`trainops.readiness.registry.RULES`)."""

    def make(check: Callable[[RuleContext], list[Finding]]) -> Rule:
        return Rule(rule_id, group, title, check)

    return make


# --- audience -----------------------------------------------------------------------------------


@rule("enrolment-path", "audience", "Learners can find where to enrol (a course code or an access link)")
def enrolment_path(ctx):
    p = ctx.record.data
    if p.code or any(a.link for a in p.access):
        return []
    return [
        ctx.at(
            "enrolment-path",
            "learners cannot find where to enrol: no course code and no access link (add 'code:' to the program)",
            "name",
        )
    ]


# --- logistics ----------------------------------------------------------------------------------


@rule("no-upcoming-session", "logistics", "At least one upcoming session is scheduled")
def upcoming(ctx):
    if ctx.sessions:
        return []
    return [ctx.at("no-upcoming-session", "no upcoming session is scheduled (add one to the schedule)", "name")]


@rule("part-without-run", "logistics", "Every part has a run learners can still attend")
def parts_to_attend(ctx):
    """A part with runs, none of them upcoming and going ahead, while its program runs on (or its
    upcoming runs were cancelled): its learners cannot complete. (A part with no session at all is
    a warning of ``check`` already.)"""
    slug, running, out = ctx.record.slug, {s.id for s in ctx.sessions}, []
    for part in ctx.record.data.parts:
        runs = ctx.project.runs_of(slug, part)
        cancelled = [s for s in runs if s.status == "cancelled" and s.is_upcoming(ctx.project.today)]
        if not runs or any(s.id in running for s in runs) or not (cancelled or running):
            continue
        message = f"part '{part}' has no run left to attend: schedule one with 'part: {part}'"
        if cancelled:
            out.append(ctx.at_session("part-without-run", f"cancelled, and {message}", cancelled[-1], "status"))
        else:
            out.append(ctx.at("part-without-run", message, "parts", ctx.record.data.parts.index(part)))
    return out


@rule("session-instructor", "logistics", "Every upcoming session has an instructor")
def instructors(ctx):
    return [
        ctx.at_session("session-instructor", "nobody teaches it (add 'instructor:' to the session)", s)
        for s in ctx.sessions
        if not s.entry.instructor
    ]


@rule("session-location", "logistics", "Every upcoming session has a room or a link")
def locations(ctx):
    return [
        ctx.at_session("session-location", "no room and no link to join (add 'room:' or 'link:' to the session)", s)
        for s in ctx.sessions
        if not (s.entry.room or s.entry.link)
    ]


@rule("session-backup", "logistics", "Every upcoming session has a backup plan")
def backups(ctx):
    return [
        ctx.at_session("session-backup", "no backup plan (add 'backup:' to the session)", s)
        for s in ctx.sessions
        if not s.entry.backup
    ]


@rule("session-tentative", "logistics", "Every upcoming session is confirmed")
def confirmed(ctx):
    return [
        ctx.at_session(
            "session-tentative", "still tentative: confirm it (remove 'status: tentative') or cancel it", s, "status"
        )
        for s in ctx.sessions
        if s.status == "tentative"
    ]


@rule("session-capacity", "logistics", "Every in-person session has a capacity")
def capacities(ctx):
    return [
        ctx.at_session(
            "session-capacity",
            "in person, but nobody said how many it seats (add 'capacity:' to the session)",
            s,
            "room",
        )
        for s in ctx.sessions
        if s.entry.room and s.entry.capacity is None
    ]


@rule("instructor-double-booked", "logistics", "No instructor is booked twice at the same time")
def instructor_conflicts(ctx):
    return ctx.from_shared("instructor-double-booked")


@rule("room-double-booked", "logistics", "No room is booked twice at the same time")
def room_conflicts(ctx):
    return ctx.from_shared("room-double-booked")


@rule("lookalike-name", "logistics", "Ids, names and rooms are each written one way (no look-alike spellings)")
def lookalikes(ctx):
    return ctx.from_shared("lookalike-name")


@rule("unreasonable-hour", "logistics", "Sessions run between 07:00 and 21:00 for their instructors")
def hours(ctx):
    return ctx.from_shared("unreasonable-hour")


@rule("placeholder", "logistics", "Nothing is left to be confirmed (TBD, TODO, ???)")
def placeholders(ctx):
    return ctx.from_shared("placeholder")


# --- what learners need -------------------------------------------------------------------------


@rule("access-instructions", "learner-readiness", "Every system learners need says how to get access")
def access(ctx):
    return [
        ctx.at(
            "access-instructions",
            f"learners are not told how to get access to {a.system} (add 'how:' or 'link:' to it under 'access:')",
            "access",
            i,
        )
        for i, a in enumerate(ctx.record.data.access)
        if not (a.how or a.link)
    ]


@rule("learner-materials", "learner-readiness", "Learners have materials to prepare with")
def materials(ctx):
    if any(m.for_ == "learner" for m in ctx.record.data.materials):
        return []
    return [
        ctx.at(
            "learner-materials",
            "learners have nothing to prepare with (add one to 'materials:' with 'for: learner')",
            "materials",
        )
    ]


@rule("sop-review-overdue", "learner-readiness", "The program's SOPs are within their review date")
def sop_reviews(ctx):
    return ctx.from_shared("sop-review-overdue")


@rule("manual-resource", "learner-readiness", "Every image in the program's SOPs prints in the manual")
def printable(ctx):
    return ctx.from_shared("manual-resource")


@rule("retired-name", "learner-readiness", "SOPs and pages use the program's canonical name")
def names(ctx):
    return ctx.from_shared("retired-name")


# --- follow-through -----------------------------------------------------------------------------


@rule("reminders", "follow-through", "Reminders go out before sessions and a follow-up after")
def reminders(ctx):
    rules = ctx.record.data.reminder_rules
    out = []
    if not any(r.before for r in rules):
        out.append(
            ctx.at(
                "reminders",
                "no reminder goes out before sessions (add e.g. '{template: reminder, before: 1d}' to 'reminders:')",
                "reminders",
            )
        )
    if not any(r.after for r in rules):
        out.append(
            ctx.at(
                "reminders",
                "no follow-up goes out after sessions (add e.g. '{template: follow-up, after: 1d}' to 'reminders:')",
                "reminders",
            )
        )
    return out


@rule("reminder-overdue", "follow-through", "No reminder's send date has passed for an upcoming session")
def overdue_reminders(ctx):
    return [
        ctx.at_session(
            "reminder-overdue",
            f"the {r.template.replace('-', ' ')} was due on {format_day(r.send_date)}: "
            "send it now (see the Reminders page)",
            r.session,
        )
        for r in ctx.overdue_reminders
    ]


@rule("completion-tracking", "follow-through", "Completion is tracked (an assessment or where it is recorded)")
def completion(ctx):
    p = ctx.record.data
    if p.assessment or (p.completion and p.completion.record_in):
        return []
    return [
        ctx.at(
            "completion-tracking",
            "nothing tracks who completed it (add 'assessment:' or 'completion: {record_in: ...}')",
            "completion",
        )
    ]


@rule("feedback-form", "follow-through", "A feedback form collects learners' improvement notes")
def feedback(ctx):
    if ctx.record.data.feedback:
        return []
    return [
        ctx.at(
            "feedback-form", "learners have no form to give feedback (add 'feedback: {form: https://...}')", "feedback"
        )
    ]


# --- ownership ----------------------------------------------------------------------------------


@rule("escalation-owner", "ownership", "Every escalation duty has an owner")
def escalation(ctx):
    e = ctx.record.data.escalation
    missing = [d for d in ESCALATION_DUTIES if e is None or not getattr(e, d)]
    return [
        ctx.at(
            "escalation-owner",
            f"nobody handles {d.replace('_', ' ')} (add '{d}: <person id>' under 'escalation:')",
            *(("escalation",) if e else ("name",)),
        )
        for d in missing
    ]


# --- program brief ------------------------------------------------------------------------------


def _brief(field: str, what: str):
    def check(ctx):
        if getattr(ctx.record.data, field):
            return []
        return [ctx.at(f"brief-{field}", f"the brief does not say {what} (add '{field}:' to the program)", "name")]

    return check


brief_problem = rule("brief-problem", "brief", "The problem the program addresses is written down")(
    _brief("problem", "what problem the program addresses")
)
brief_format = rule("brief-format", "brief", "The format is chosen")(_brief("format", "its format"))
brief_reinforcement = rule("brief-reinforcement", "brief", "Managers know how to reinforce it")(
    _brief("reinforcement", "how managers reinforce it")
)
brief_metrics = rule("brief-metrics", "brief", "Metrics show whether it worked")(
    _brief("metrics", "how we know it worked")
)


@rule("program-review-overdue", "brief", "The program itself is reviewed on time")
def program_review(ctx):
    review = ctx.record.data.review
    if review is None:
        return [
            ctx.at(
                "program-review-overdue",
                "nobody has recorded a review (add 'review: {last_reviewed: YYYY-MM-DD, every: 6 months}')",
                "name",
            )
        ]
    due = review.every.after(review.last_reviewed)
    if due < ctx.project.today:
        return [
            ctx.at(
                "program-review-overdue",
                f"the program was due for review on {format_day(due)} (every {format_duration(review.every)}); "
                "review it, then update 'last_reviewed:'",
                "review",
                "last_reviewed",
            )
        ]
    return []
