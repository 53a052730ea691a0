"""The learners due to retrain as ``check`` warnings: one a program, at its file's first line,
saying how many completed it before a significant change and which change (learners by id up to
:data:`~trainops.readiness.follow_up_warnings.IDS_NAMED`, counted beyond; never a name)."""

from __future__ import annotations

from ...model.diagnostics import Diagnostic
from ...model.project import Project
from ...model.record_audit import RetrainDue, SignificantChange
from ..follow_up_warnings import IDS_NAMED

__all__ = ["retrain_diagnostics", "describe_change"]

RULE = "retrain-due"


def describe_change(change: SignificantChange) -> str:
    """``2026-11-10 3f9c2e1a07 "Badge pickup moves to reception" (sops/badges.md)``."""
    return f'{change.day.isoformat()} {change.short} "{change.subject}" ({change.path})'


def retrain_diagnostics(project: Project, due: dict[str, list[RetrainDue]]) -> list[Diagnostic]:
    """One warning per program with learners due to retrain."""
    out = []
    for slug, learners in sorted(due.items()):
        n = len(learners)
        ids = sorted(d.learner for d in learners)
        who = f"{n:,} {'learner' if n == 1 else 'learners'}"
        if n <= IDS_NAMED:
            who += f" ({', '.join(ids)})"
        changes = sorted({d.change for d in learners}, key=lambda c: (c.day, c.commit))
        what = "; ".join(describe_change(c) for c in changes)
        name = project.programs[slug].name if slug in project.programs else slug
        message = (
            f"{who} completed {name} before a significant change and must retrain: {what}; "
            "a session they attend after the change clears it"
        )
        path = project.programs[slug].path if slug in project.programs else slug
        out.append(Diagnostic(path, 1, 1, "warning", RULE, message))
    return out
