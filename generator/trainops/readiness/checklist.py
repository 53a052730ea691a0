"""``check_readiness``: every rule over every program, as checklists and as findings."""

from __future__ import annotations

from bisect import bisect_right

from ..model.findings import ChecklistItem, ProgramReadiness
from ..model.formatting import format_day
from ..model.project import Project
from ..plan.reminders import overdue_reminders
from .conflicts import double_bookings, unreasonable_hours
from .findings import Finding, session_label
from .lookalikes import lookalike_names
from .naming import placeholder_lines, placeholders_in_model, placeholders_in_text, retired_names
from .paper import paper_findings
from .printable import resource_findings
from .registry import RULES
from .rules import RuleContext
from .site_links import links_into_coordinator_site

__all__ = ["ChecklistItem", "ProgramReadiness", "check_readiness", "readiness_findings"]


def shared_findings(project: Project) -> dict[str, dict[str | None, list[Finding]]]:
    """Findings that need the whole project: conflicts, names, look-alikes, placeholders, SOP reviews."""
    found: list[Finding] = list(session_findings(project))
    found += retired_names(project) + lookalike_names(project)
    # Walking every field of 20,000 sessions is slow; a regex over the file's text is not. Only the
    # entries whose lines hold a placeholder are walked (the walk names the field).
    for slug, record in project.programs.items():
        if placeholder_lines(project.texts.get(record.path)) != []:
            found += placeholders_in_model(record.data, record.source, record.path, slug)
    sessions = project.running_sessions()
    for s in _sessions_on_lines(sessions, project.texts):
        found += placeholders_in_model(s.entry, s.source, s.path, s.program, s.id, s.loc, session_label(s))
    found += sop_findings(project)
    found += paper_findings(project)  # the project's, not a program's launch: each said once
    found += links_into_coordinator_site(project)
    shared: dict[str, dict[str | None, list[Finding]]] = {}
    for f in found:
        shared.setdefault(f.rule, {}).setdefault(f.program, []).append(f)
    return shared


def session_findings(project: Project) -> list[Finding]:
    """Double bookings and unreasonable hours: a function of the sessions, the people and the day
    alone (computed once per project, or given by a caller that kept them)."""
    if project.derived.session_findings is None:
        project.derived.session_findings = double_bookings(project) + unreasonable_hours(project)
    return project.derived.session_findings


def sop_findings(project: Project) -> list[Finding]:
    """The SOPs' placeholders, unprintable resources and overdue reviews."""
    found: list[Finding] = []
    for sop in project.sops.values():
        serves: list[str | None] = [p for p in sop.meta.programs if p in project.programs] or [None]
        serves += [slug for slug in project.programs_listing(sop.slug) if slug not in serves]
        for program in serves:
            found += placeholders_in_model(sop.meta, sop.source, sop.path, program)
            found += placeholders_in_text(sop.body, sop.path, sop.body_line, program)
            for line, col, message in resource_findings(project, sop):
                found.append(Finding("manual-resource", message, sop.path, line, col, program))
            if sop.overdue(project.today):
                line, col = sop.source.locate(("last_reviewed",))
                found.append(
                    Finding(
                        "sop-review-overdue",
                        f"the SOP '{sop.meta.title}' was due for review on {format_day(sop.next_review)}; "
                        "review it, then update 'last_reviewed:'",
                        sop.path,
                        line,
                        col,
                        program,
                    )
                )
    return found


def _sessions_on_lines(sessions, texts: dict[str, str]):
    """The sessions whose part of their file has a placeholder somewhere (every one if unknown)."""
    if not sessions:
        return []
    path = sessions[0].path
    lines = placeholder_lines(texts.get(path))
    if lines is None:
        return sessions
    if not lines:
        return []
    starts = sorted(s.line()[0] for s in sessions)
    hit_starts = set()
    for line in lines:
        i = bisect_right(starts, line) - 1
        if i >= 0:
            hit_starts.add(starts[i])
    return [s for s in sessions if s.line()[0] in hit_starts]


def check_readiness(project: Project) -> dict[str, ProgramReadiness]:
    """Every program's checklist (computed once per loaded project)."""
    if project.derived.readiness is None:
        project.derived.readiness = _check_readiness(project)
    return project.derived.readiness


def _check_readiness(project: Project) -> dict[str, ProgramReadiness]:
    overdue: dict[str, list] = {}
    for r in overdue_reminders(project):
        overdue.setdefault(r.program, []).append(r)
    shared = shared_findings(project)
    project.derived.project_findings = [f for by_program in shared.values() for f in by_program.get(None, [])]
    result = {}
    for slug, record in sorted(project.programs.items()):
        ctx = RuleContext(project, record, shared, overdue.get(slug, []))
        readiness = ProgramReadiness(slug)
        for rule in RULES:
            findings = sorted(set(rule.check(ctx)), key=lambda f: (f.path, f.line, f.column, f.message))
            readiness.items.append(ChecklistItem(rule.id, rule.group, rule.title, tuple(findings)))
        result[slug] = readiness
    return result


def readiness_findings(project: Project, program: str | None = None) -> list[Finding]:
    """All failure points (of one program's launch, with ``program``), plus project-wide ones."""
    found = [
        f
        for readiness in check_readiness(project).values()
        if program in (None, readiness.slug)
        for item in readiness.items
        for f in item.findings
    ]
    if program is None:  # placeholders and names that concern no program still deserve a warning
        unattached = project.derived.project_findings
        assert unattached is not None  # (check_readiness, above, sets it with the checklists)
        found += unattached
    return found
