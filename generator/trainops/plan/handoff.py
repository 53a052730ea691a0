"""What moves from one owner to the next in a handoff (``commands/handoff.py`` writes it).

Sessions the old owner teaches are not moved: who teaches is a decision, so they are listed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..model.formats import ESCALATION_DUTIES
from ..model.project import Project
from . import urls

__all__ = [
    "Move",
    "Decision",
    "HandoffPlan",
    "HandoffError",
    "plan_handoff",
    "name_key",
    "OverdueReview",
    "overdue_reviews",
]


class HandoffError(ValueError):
    pass


def name_key(name: str) -> tuple[str, str, str]:
    """A collation key for people's names, the same on every machine: accents and case set aside
    first ("Ängström" with the A's, "de la Cruz" with the D's, not after "Zoë"), then kept to
    break ties. The standard library's NFKD and casefold, not ``locale.setlocale`` (which changes
    the whole process) nor ICU (a C library for the few names a handoff page lists)."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return base, decomposed.casefold(), name


@dataclass(frozen=True)
class OverdueReview:
    kind: str  # "SOP" or "program"
    title: str
    owner: str  # person id
    due: date
    docs_path: str  # the page of the SOP or of the program's launch checklist


def overdue_reviews(project: Project) -> list[OverdueReview]:
    """Every SOP and program whose review date has passed, the longest overdue first."""
    found = [
        OverdueReview("SOP", sop.meta.title, sop.meta.owner, sop.next_review, urls.sop_page(slug))
        for slug, sop in sorted(project.sops.items())
        if sop.overdue(project.today)
    ]
    for slug, record in sorted(project.programs.items()):
        review = record.data.review
        if review is not None and review.every.after(review.last_reviewed) < project.today:
            due = review.every.after(review.last_reviewed)
            found.append(OverdueReview("program", record.name, record.data.owner, due, urls.launch_checklist(slug)))
    return sorted(found, key=lambda r: (r.due, r.kind, name_key(r.title)))


@dataclass(frozen=True)
class Move:
    path: str
    line: int
    column: int
    what: str  # "owner of New Hire Onboarding"
    key: str = "owner"  # the field as written: "owner", "escalation.missed_sessions"


@dataclass(frozen=True)
class Decision:
    path: str
    line: int
    column: int
    what: str


@dataclass
class HandoffPlan:
    from_id: str
    to_id: str
    moves: list[Move] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def plan_handoff(project: Project, from_id: str, to_id: str) -> HandoffPlan:
    from ..model.suggest import did_you_mean

    known = set(project.people)
    if from_id not in known:
        raise HandoffError(f"unknown person '{from_id}'{did_you_mean(from_id, known)}")
    if to_id not in known:
        raise HandoffError(
            f"unknown person '{to_id}'{did_you_mean(to_id, known)}; add them to {project.settings.people_path} first"
        )
    if from_id == to_id:
        raise HandoffError("FROM and TO are the same person")
    plan = HandoffPlan(from_id, to_id)
    for _slug, record in sorted(project.programs.items()):
        p = record.data
        if p.owner == from_id:
            plan.moves.append(Move(record.path, *record.source.locate(("owner",)), f"owner of program '{p.name}'"))
        if p.escalation:
            for duty in ESCALATION_DUTIES:
                if getattr(p.escalation, duty) == from_id:
                    plan.moves.append(
                        Move(
                            record.path,
                            *record.source.locate(("escalation", duty)),
                            f"escalation of {duty.replace('_', ' ')} for '{p.name}'",
                            f"escalation.{duty}",
                        )
                    )
    for _slug, sop in sorted(project.sops.items()):
        if sop.meta.owner == from_id:
            plan.moves.append(Move(sop.path, *sop.source.locate(("owner",)), f"owner of SOP '{sop.meta.title}'"))
    for s in project.running_sessions():
        if s.entry.instructor == from_id:
            plan.decisions.append(
                Decision(
                    s.path,
                    *s.line("instructor"),
                    f"teaches session '{s.id}' on {s.start:%Y-%m-%d %H:%M} ({s.zone}): choose an instructor",
                )
            )
    return plan
