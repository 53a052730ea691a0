"""The records as xAPI 1.0.3 statements, for a learning record store: one JSON object a line.

Statements are never edited but voided, so each id is derived from what the statement says
(uuid5 over a fixed namespace and the record's identity and values): the same records give the
same ids on every run, and a corrected record gives a new statement, while the old one is voided
by a statement naming it (:func:`voiding_statements`).

Learners are pseudonymous: an account whose name is the learner id, on the organisation's site
(``site_url``) or, without one, a fixed URN. No name, no e-mail ever leaves in a statement.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from ..model.project import Project
from ..model.training_records import ATTENDED_STATUSES, MAX_SCORE, Attendance, Records
from ..plan.progress import program_progress

__all__ = ["NAMESPACE", "VERBS", "statement_lines", "voiding_statements", "xapi_statements"]

# Chosen once and fixed for ever: changing it changes every statement id ever exported.
NAMESPACE = uuid.UUID("3c4d6f0e-59b1-5a4b-9d0c-6a1f2e7b8c90")

VERBS = {
    "attended": "http://adlnet.gov/expapi/verbs/attended",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "waived": "https://w3id.org/xapi/adl/verbs/waived",
    "voided": "http://adlnet.gov/expapi/verbs/voided",
}
MEETING = "http://adlnet.gov/expapi/activities/meeting"
COURSE = "http://adlnet.gov/expapi/activities/course"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
# cmi5 keeps the reason of a waiver in this result extension, in its own words.
CMI5_REASON = "https://w3id.org/xapi/cmi5/result/extensions/reason"
# cmi5's context extension for the pass mark a passed/failed statement was judged against (0..1).
CMI5_MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
CMI5_REASONS = {
    "tested-out": "Tested Out",
    "equivalent": "Equivalent Outside Activity",
    "administrative": "Administrative",
}
STATUS_EXTENSION = "urn:trainops:extension:attendance-status"
# Exception kinds that stand for the program (an extension only moves a due date).
WAIVING_KINDS = ("waived", "exempt")


def statement_id(*identity: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(part) for part in identity)))


class _Statements:
    def __init__(self, project: Project):
        self.project = project
        site = project.settings.site_url.rstrip("/")
        self.home = site or "urn:trainops:learners"
        self.base = f"{site}/xapi/" if site else "urn:trainops:"
        self.sessions = {s.id: s for s in project.sessions}

    def agent(self, account: str) -> dict:
        return {"objectType": "Agent", "account": {"homePage": self.home, "name": account}}

    def activity(self, kind: str, ident: str, name: str, type_iri: str) -> dict:
        iri = f"{self.base}{kind}/{ident}" if self.base.endswith("/") else f"{self.base}{kind}:{ident}"
        return {"objectType": "Activity", "id": iri, "definition": {"name": {"en-US": name}, "type": type_iri}}

    def program(self, slug: str) -> dict:
        record = self.project.programs.get(slug)
        return self.activity("program", slug, record.name if record else slug, COURSE)

    def statement(self, ident: str, verb: str, learner: str, target: dict, **more: object) -> dict:
        return {
            "id": ident,
            "actor": self.agent(learner),
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": target,
            **more,
        }

    def attended(self, row: Attendance) -> dict | None:
        session = self.sessions.get(row.session_id)
        if session is None or row.status not in ATTENDED_STATUSES:
            return None
        minutes = row.minutes if row.minutes is not None else int((session.end - session.start).total_seconds() // 60)
        context: dict = {"contextActivities": {"parent": [self.program(session.program)]}}
        if session.entry.instructor:
            context["instructor"] = self.agent(session.entry.instructor)
        record = self.project.programs.get(session.program)
        name = session.entry.title or (record.name if record else session.id)
        return self.statement(
            attended_id(row),
            "attended",
            row.learner,
            self.activity("session", session.id, name, MEETING),
            result={"completion": True, "duration": f"PT{minutes}M", "extensions": {STATUS_EXTENSION: row.status}},
            context=context,
            timestamp=session.start.isoformat(timespec="seconds"),
        )


def attended_id(row: Attendance) -> str:
    """The id of the statement an attendance row gives: a changed status or minutes give another."""
    return statement_id("attended", row.session_id, row.learner, row.status, row.minutes)


def xapi_statements(project: Project, records: Records) -> list[dict]:
    """Every statement the records give: attended, completed, passed or failed, waived; by id."""
    make = _Statements(project)
    statements = []
    for session_id in sorted(records.attendance):
        for row in records.attendance[session_id].rows:
            made = make.attended(row)
            if made:
                statements.append(made)
    statements += _completed(make, project, records)
    for slug in sorted(records.assessments):
        record = project.programs.get(slug)
        assessment = record.data.assessment if record else None
        if assessment is None or assessment.pass_mark is None:
            continue  # passed or failed needs a pass mark
        target = make.activity("assessment", slug, assessment.name, ASSESSMENT)
        for result in records.assessments[slug]:
            verb = "passed" if result.score >= assessment.pass_mark else "failed"
            score = {"scaled": result.score / MAX_SCORE, "raw": result.score, "min": 0, "max": MAX_SCORE}
            statements.append(
                make.statement(
                    statement_id(verb, slug, result.learner, result.date, result.attempt, result.score),
                    verb,
                    result.learner,
                    target,
                    result={"score": score, "success": verb == "passed"},
                    context={
                        "contextActivities": {"parent": [make.program(slug)]},
                        "extensions": {CMI5_MASTERY_SCORE: assessment.pass_mark / MAX_SCORE},
                    },
                    timestamp=f"{result.date.isoformat()}T00:00:00Z",
                )
            )
    for exception in records.exceptions:
        if exception.kind in WAIVING_KINDS and exception.approved_by:
            reason = CMI5_REASONS.get(exception.reason, exception.reason)
            statements.append(
                make.statement(
                    statement_id("waived", exception.program, exception.learner, exception.reason),
                    "waived",
                    exception.learner,
                    make.program(exception.program),
                    result={"success": True, "completion": True, "extensions": {CMI5_REASON: reason}},
                )
            )
    return sorted(statements, key=lambda s: s["id"])


def _completed(make: _Statements, project: Project, records: Records) -> list[dict]:
    """A completed statement per enrolled learner who completed a program by its work (every part,
    and a pass where it has an assessment), dated the day they did; a waiver alone gives the waived
    statement instead. As cmi5 has it, the result holds completion and nothing else."""
    statements = []
    for slug in sorted(records.enrolments):
        if slug not in project.programs:
            continue
        for p in program_progress(project, records, slug).learners:
            if p.completed_on is None:
                continue
            statements.append(
                make.statement(
                    statement_id("completed", slug, p.learner, p.completed_on),
                    "completed",
                    p.learner,
                    make.program(slug),
                    result={"completion": True},
                    timestamp=f"{p.completed_on.isoformat()}T00:00:00Z",
                )
            )
    return statements


def voiding_statements(project: Project, current: Iterable[dict], earlier: Iterable[Attendance]) -> list[dict]:
    """A voiding statement for each statement an earlier version of an attendance row gave that
    the current records no longer give (its status or minutes were corrected, or it was removed)."""
    make = _Statements(project)
    live = {s["id"] for s in current}
    voided = []
    for row in earlier:
        old = make.attended(row)
        if old is None or old["id"] in live:
            continue
        voided.append(
            {
                "id": statement_id("voided", old["id"]),
                "actor": make.agent("trainops"),
                "verb": {"id": VERBS["voided"], "display": {"en-US": "voided"}},
                "object": {"objectType": "StatementRef", "id": old["id"]},
            }
        )
    return sorted({s["id"]: s for s in voided}.values(), key=lambda s: s["id"])


def statement_lines(statements: Iterable[dict]) -> str:
    """JSON Lines: one statement a line, keys sorted, so equal records give equal bytes."""
    return "".join(json.dumps(s, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n" for s in statements)
