"""A learner's transcript: every record about them, each with the file and line it was read at.

Enrolments, attendance (every session they are on a sheet of, and every session they were expected
at whose sheet was taken without them: there the source is the sheet, which has no line for them),
assessment results, manager observations and exceptions. Sorted by learner, then date (undated
rows first), then kind and source, so two runs give the same rows. A certification period (issue
29's ``cert`` branch) is one more kind, added in :func:`transcript_rows` from its own plan module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.project import Project
from ..model.training_records import Records
from .progress import ABSENT_UNLISTED, ProgramProgress

__all__ = ["TRANSCRIPT_KINDS", "TranscriptRow", "transcript_rows"]

TRANSCRIPT_KINDS = ("enrolment", "attendance", "assessment", "observation", "exception")


@dataclass(frozen=True)
class TranscriptRow:
    learner: str
    date: date | None
    kind: str  # one of TRANSCRIPT_KINDS
    program: str
    item: str  # the cohort, session, attempt, observer or exception kind
    value: str  # the status, score, rating or reason
    detail: str  # minutes and note, passed or not, who approved
    source: str  # path:line (a sheet's path alone for an absence it does not list)

    def key(self) -> tuple:
        return (self.learner, self.date or date.min, TRANSCRIPT_KINDS.index(self.kind), self.source, self.item)


def transcript_rows(project: Project, records: Records, progress: dict[str, ProgramProgress]) -> list[TranscriptRow]:
    """Every learner's transcript rows (see the module's docstring)."""
    rows: list[TranscriptRow] = []
    for slug, enrolments in records.enrolments.items():
        for e in enrolments:
            rows.append(
                TranscriptRow(e.learner, e.date, "enrolment", slug, e.cohort, e.status, "", _at(e.path, e.line))
            )
    sessions = {s.id: s for s in project.sessions}
    listed: set[tuple[str, str]] = set()  # (session id, learner) of every row with a status
    for session_id, sheet in records.attendance.items():
        session = sessions.get(session_id)
        day = session.start.date() if session else None
        program = session.program if session else ""
        for a in sheet.rows:
            if a.status:
                listed.add((session_id, a.learner))
                minutes = "" if a.minutes is None else f"{a.minutes} min"
                detail = "; ".join(part for part in (minutes, a.note) if part)
                rows.append(
                    TranscriptRow(
                        a.learner, day, "attendance", program, session_id, a.status, detail, _at(a.path, a.line)
                    )
                )
    for slug in sorted(progress):
        for p in progress[slug].learners:
            for session_id, status in p.sessions:
                if status == ABSENT_UNLISTED and (session_id, p.learner) not in listed:
                    sheet_path = records.attendance[session_id].path  # (only a taken sheet counts one absent)
                    day = sessions[session_id].start.date()
                    rows.append(
                        TranscriptRow(
                            p.learner, day, "attendance", slug, session_id, status, "not on the sheet", sheet_path
                        )
                    )
    for slug, results in records.assessments.items():
        mark = _pass_mark(project, slug)
        for r in results:
            verdict = "" if mark is None else ("passed" if r.score >= mark else "not passed")
            detail = f"{verdict} (pass mark {mark:g})" if verdict and mark is not None else ""
            rows.append(
                TranscriptRow(
                    r.learner,
                    r.date,
                    "assessment",
                    slug,
                    f"attempt {r.attempt}",
                    f"{r.score:g}",
                    detail,
                    _at(r.path, r.line),
                )
            )
    for slug, observations in records.observations.items():
        for o in observations:
            rating = "" if o.rating is None else str(o.rating)
            rows.append(
                TranscriptRow(o.learner, o.date, "observation", slug, o.observer, rating, o.note, _at(o.path, o.line))
            )
    for x in records.exceptions:
        approved = f"approved by {x.approved_by}" if x.approved_by else "not approved"
        detail = f"{approved}; until {x.until.isoformat()}" if x.until else approved
        rows.append(
            TranscriptRow(x.learner, x.until, "exception", x.program, x.kind, x.reason, detail, _at(x.path, x.line))
        )
    return sorted(rows, key=TranscriptRow.key)


def _pass_mark(project: Project, slug: str) -> float | None:
    record = project.programs.get(slug)
    assessment = record.data.assessment if record else None
    return assessment.pass_mark if assessment else None


def _at(path: str, line: int) -> str:
    return f"{path}:{line}"
