"""The follow-ups of the training records as ``check`` warnings: one a follow-up, at the line of
the session it is about in the schedule (or, with no session, at the first enrolment row of its
learners), saying what is wrong, how many learners, and who owns it.

``check`` is the coordinator's tool: it names learners by id where a follow-up concerns at most
:data:`IDS_NAMED` of them, and counts them beyond; never a name or an e-mail."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.diagnostics import Diagnostic
from ..model.project import Project, Session
from ..model.training_records import Records
from ..plan.followups import FollowUp

__all__ = ["IDS_NAMED", "follow_up_diagnostics", "follow_up_message"]

# A warning names its learners up to this many (a line a terminal can hold); beyond, it counts them.
IDS_NAMED = 5


def follow_up_diagnostics(project: Project, records: Records, followups: Iterable[FollowUp]) -> list[Diagnostic]:
    """One warning per follow-up, its rule id the follow-up's kind."""
    # The sessions of the programs met so far (check calls this once per program: an index of all
    # 20,000 sessions each time took 4 s of a cold check); all of them if one is elsewhere.
    by_id: dict[str, Session] = {}
    indexed: set[str | None] = set()
    out = []
    for f in followups:
        for scope in (f.program, None):
            if f.session and f.session not in by_id and scope not in indexed:
                indexed.add(scope)
                by_id.update((s.id, s) for s in (project.sessions_of(scope) if scope else project.sessions))
        s = by_id.get(f.session) if f.session else None
        path, line, column = _where(project, records, f, s)
        out.append(Diagnostic(path, line, column, "warning", f.kind, follow_up_message(project, f, s)))
    return out


def follow_up_message(project: Project, f: FollowUp, s: Session | None) -> str:
    """``onb-2026-11-02: attendance not taken 3 days after the session — owner: sam.patel``
    (``s``: the follow-up's session)."""
    who = _learners(f.learners)
    name = project.programs[f.program].name if f.program in project.programs else f.program
    if f.kind == "attendance-not-taken" and s is not None:
        days = (project.today - s.end.date()).days
        what = f"{s.id}: attendance not taken {days} {_plural(days, 'day')} after the session"
    elif f.kind == "missed-part" and s is not None:
        title = s.entry.title or s.id
        about = f"{title} (part {f.part})" if f.part and f.part != s.id else title
        later = ", ".join(f.next_runs) or "none scheduled"
        what = f"{who} missed {about} of {name} with no later run attended; next runs: {later}"
    elif f.kind == "late-completion":
        what = f"{who} of {name} not complete by the due date"
    elif f.kind == "absent-twice":
        what = f"{who} of {name} absent from their last two sessions in a row"
    else:
        what = f"{f.kind}: {who}"
    return f"{what} — owner: {f.owner or _no_owner(f.kind)}"


def _learners(ids: tuple[str, ...]) -> str:
    n = len(ids)
    count = f"{n:,} {_plural(n, 'learner')}"
    if n <= IDS_NAMED:
        return f"{count} ({', '.join(ids)})" if ids else count
    return count


def _no_owner(kind: str) -> str:
    if kind == "attendance-not-taken":
        return "none (the session names no instructor)"
    duty = "late_completions" if kind == "late-completion" else "missed_sessions"
    return f"none (name one in the program's escalation.{duty})"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def _where(project: Project, records: Records, f: FollowUp, s: Session | None) -> tuple[str, int, int]:
    """The session's entry in the schedule; else the first enrolment row of its learners; else the
    program's file."""
    if s is not None:
        line, column = s.line()
        return s.path, line, column
    learners = set(f.learners)
    for row in records.enrolments.get(f.program, ()):
        if row.learner in learners:
            return row.path, row.line, 1
    record = project.programs.get(f.program)
    return (record.path if record is not None else project.settings.records_dir), 1, 1
